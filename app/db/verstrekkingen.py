"""Repository of data requests, supplied data, its versions and correction requests."""

from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

from sqlalchemy import and_, select, update
from sqlalchemy.ext.asyncio import AsyncSession

from app.db.tables_verstrekkingen import (
    CorrectieverzoekRow,
    GegevensverstrekkingRow,
    GegevensverzoekRow,
    VerstrekkingsversieRow,
)


@dataclass(frozen=True, slots=True)
class Verstrekking:
    """A supply with its current content."""

    row: GegevensverstrekkingRow
    huidig: VerstrekkingsversieRow


class VerstrekkingRepository:
    def __init__(self, session: AsyncSession) -> None:
        self.session = session

    def add(self, *rows: Any) -> None:
        self.session.add_all(rows)

    async def gevraagde_deelnemers(self, casus_id: str) -> frozenset[str]:
        """The participants the joint controllers asked for data about this case."""
        rows = await self.session.scalars(
            select(GegevensverzoekRow.deelnemer)
            .where(GegevensverzoekRow.casus_id == casus_id)
            .distinct()
        )
        return frozenset(rows)

    async def verzoeken(
        self, casus_id: str, *, deelnemer: str | None = None
    ) -> Sequence[GegevensverzoekRow]:
        query = select(GegevensverzoekRow).where(GegevensverzoekRow.casus_id == casus_id)
        if deelnemer is not None:
            query = query.where(GegevensverzoekRow.deelnemer == deelnemer)
        rows = await self.session.scalars(
            query.order_by(GegevensverzoekRow.tijdstip, GegevensverzoekRow.id)
        )
        return list(rows)

    async def verzoek(self, casus_id: str, verzoek_id: str) -> GegevensverzoekRow | None:
        row: GegevensverzoekRow | None = await self.session.scalar(
            select(GegevensverzoekRow).where(
                GegevensverzoekRow.casus_id == casus_id, GegevensverzoekRow.id == verzoek_id
            )
        )
        return row

    async def beantwoorde_verzoeken(self, casus_id: str) -> frozenset[str]:
        rows = await self.session.scalars(
            select(GegevensverstrekkingRow.gegevensverzoek_id).where(
                GegevensverstrekkingRow.casus_id == casus_id,
                GegevensverstrekkingRow.gegevensverzoek_id.is_not(None),
            )
        )
        return frozenset(r for r in rows if r is not None)

    async def verstrekkingen(
        self, casus_id: str, *, verstrekking_id: str | None = None
    ) -> Sequence[Verstrekking]:
        """Supplies of a case with their current version, oldest first."""
        query = (
            select(GegevensverstrekkingRow, VerstrekkingsversieRow)
            .join(
                VerstrekkingsversieRow,
                and_(
                    VerstrekkingsversieRow.verstrekking_id == GegevensverstrekkingRow.id,
                    VerstrekkingsversieRow.versie == GegevensverstrekkingRow.versie,
                ),
            )
            .where(GegevensverstrekkingRow.casus_id == casus_id)
        )
        if verstrekking_id is not None:
            query = query.where(GegevensverstrekkingRow.id == verstrekking_id)
        result = await self.session.execute(
            query.order_by(GegevensverstrekkingRow.verstrekt_op, GegevensverstrekkingRow.id)
        )
        return [Verstrekking(row, versie) for row, versie in result.all()]

    async def versies(self, verstrekking_ids: Sequence[str]) -> Sequence[VerstrekkingsversieRow]:
        if not verstrekking_ids:
            return []
        rows = await self.session.scalars(
            select(VerstrekkingsversieRow)
            .where(VerstrekkingsversieRow.verstrekking_id.in_(verstrekking_ids))
            .order_by(VerstrekkingsversieRow.verstrekking_id, VerstrekkingsversieRow.versie)
        )
        return list(rows)

    async def correctieverzoeken(
        self, verstrekking_ids: Sequence[str]
    ) -> Sequence[CorrectieverzoekRow]:
        if not verstrekking_ids:
            return []
        rows = await self.session.scalars(
            select(CorrectieverzoekRow)
            .where(CorrectieverzoekRow.verstrekking_id.in_(verstrekking_ids))
            .order_by(CorrectieverzoekRow.tijdstip, CorrectieverzoekRow.id)
        )
        return list(rows)

    async def bump_versie(self, row: GegevensverstrekkingRow, **values: object) -> bool:
        """Compare-and-set the version: two corrections at once cannot both win."""
        result = await self.session.execute(
            update(GegevensverstrekkingRow)
            .where(
                GegevensverstrekkingRow.id == row.id,
                GegevensverstrekkingRow.versie == row.versie,
            )
            .values(versie=row.versie + 1, **values)
            .execution_options(synchronize_session="fetch")
        )
        return bool(result.rowcount)  # type: ignore[attr-defined]

    async def settle_correctieverzoeken(self, verstrekking_id: str, versie: int) -> None:
        await self.session.execute(
            update(CorrectieverzoekRow)
            .where(
                CorrectieverzoekRow.verstrekking_id == verstrekking_id,
                CorrectieverzoekRow.afgehandeld_in_versie.is_(None),
            )
            .values(afgehandeld_in_versie=versie)
            .execution_options(synchronize_session="fetch")
        )
