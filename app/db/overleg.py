"""Repository of step 5 and the information duty: conferences, plan versions, the duty."""

from collections.abc import Sequence
from typing import Any

from sqlalchemy import func, select
from sqlalchemy.ext.asyncio import AsyncSession

from app.db.tables_overleg import (
    CasusoverlegAanwezigeRow,
    CasusoverlegRow,
    InformatieplichtRow,
    InterventieRow,
    PlanVanAanpakRow,
)


class OverlegRepository:
    def __init__(self, session: AsyncSession) -> None:
        self.session = session

    def add(self, *rows: Any) -> None:
        self.session.add_all(rows)

    async def overleggen(self, casus_id: str) -> Sequence[tuple[CasusoverlegRow, frozenset[str]]]:
        """Every conference of the case, oldest first, with its attendees."""
        rows = list(
            await self.session.scalars(
                select(CasusoverlegRow)
                .where(CasusoverlegRow.casus_id == casus_id)
                .order_by(CasusoverlegRow.datum, CasusoverlegRow.vastgelegd_op)
            )
        )
        aanwezigen: dict[str, set[str]] = {row.id: set() for row in rows}
        if rows:
            for aanwezige in await self.session.scalars(
                select(CasusoverlegAanwezigeRow).where(
                    CasusoverlegAanwezigeRow.overleg_id.in_(list(aanwezigen))
                )
            ):
                aanwezigen[aanwezige.overleg_id].add(aanwezige.deelnemer)
        return [(row, frozenset(aanwezigen[row.id])) for row in rows]

    async def overleg_bestaat(self, casus_id: str, overleg_id: str) -> bool:
        found = await self.session.scalar(
            select(CasusoverlegRow.id).where(
                CasusoverlegRow.id == overleg_id, CasusoverlegRow.casus_id == casus_id
            )
        )
        return found is not None

    async def plannen(
        self, casus_id: str, *, alleen_huidig: bool = False
    ) -> Sequence[tuple[PlanVanAanpakRow, Sequence[InterventieRow]]]:
        """Plan versions, newest first, each with its interventions in order."""
        query = (
            select(PlanVanAanpakRow)
            .where(PlanVanAanpakRow.casus_id == casus_id)
            .order_by(PlanVanAanpakRow.versie.desc())
        )
        if alleen_huidig:
            query = query.limit(1)
        plannen = list(await self.session.scalars(query))
        interventies: dict[str, list[InterventieRow]] = {plan.id: [] for plan in plannen}
        if plannen:
            for row in await self.session.scalars(
                select(InterventieRow)
                .where(InterventieRow.plan_id.in_(list(interventies)))
                .order_by(InterventieRow.volgnummer)
            ):
                interventies[row.plan_id].append(row)
        return [(plan, interventies[plan.id]) for plan in plannen]

    async def laatste_versie(self, casus_id: str) -> int:
        versie = await self.session.scalar(
            select(func.max(PlanVanAanpakRow.versie)).where(PlanVanAanpakRow.casus_id == casus_id)
        )
        return int(versie or 0)

    async def casusregisseur(self, casus_id: str) -> str | None:
        """The case director the current plan names, if any (model art. 8a)."""
        regisseur: str | None = await self.session.scalar(
            select(PlanVanAanpakRow.casusregisseur)
            .where(PlanVanAanpakRow.casus_id == casus_id)
            .order_by(PlanVanAanpakRow.versie.desc())
            .limit(1)
        )
        return regisseur

    async def informatieplicht(self, casus_id: str) -> InformatieplichtRow | None:
        return await self.session.get(InformatieplichtRow, casus_id)
