"""Repository of priority lists and their versions of criteria, always within one partnership."""

from collections.abc import Mapping, Sequence
from datetime import date, datetime
from typing import Any

from sqlalchemy import select
from sqlalchemy.ext.asyncio import AsyncSession

from app.db.tables import PrioriteringslijstRow, PrioriteringslijstVersieRow
from app.domain.prioriteringslijst import Lijststatus, Prioriteringslijst, Versie


def _versie(row: PrioriteringslijstVersieRow) -> Versie:
    return Versie(
        versie=row.versie,
        omschrijving=row.omschrijving,
        criteria=row.criteria,
        aangemaakt_op=row.aangemaakt_op,
        gepubliceerd_op=row.gepubliceerd_op if row.gepubliceerd_op else None,
        publicatiedatum=row.publicatiedatum,
    )


def _lijst(
    row: PrioriteringslijstRow, versies: Sequence[PrioriteringslijstVersieRow]
) -> Prioriteringslijst:
    return Prioriteringslijst(
        id=row.id,
        zvh=row.zvh,
        naam=row.naam,
        status=Lijststatus(row.status),
        aangemaakt_op=row.aangemaakt_op,
        aangemaakt_door=row.aangemaakt_door,
        ingetrokken_op=row.ingetrokken_op if row.ingetrokken_op else None,
        versies=tuple(_versie(v) for v in sorted(versies, key=lambda v: v.versie)),
    )


class PrioriteringRepository:
    def __init__(self, session: AsyncSession) -> None:
        self.session = session

    async def _versies(
        self, lijst_ids: Sequence[str]
    ) -> dict[str, list[PrioriteringslijstVersieRow]]:
        found: dict[str, list[PrioriteringslijstVersieRow]] = {i: [] for i in lijst_ids}
        if not lijst_ids:
            return found
        rows = await self.session.scalars(
            select(PrioriteringslijstVersieRow).where(
                PrioriteringslijstVersieRow.lijst_id.in_(lijst_ids)
            )
        )
        for row in rows:
            found[row.lijst_id].append(row)
        return found

    async def get(
        self, zvh: str, lijst_id: str, *, for_update: bool = False
    ) -> Prioriteringslijst | None:
        statement = select(PrioriteringslijstRow).where(
            PrioriteringslijstRow.zvh == zvh, PrioriteringslijstRow.id == lijst_id
        )
        if for_update:
            statement = statement.with_for_update()
        row = await self.session.scalar(statement)
        if row is None:
            return None
        return _lijst(row, (await self._versies([row.id]))[row.id])

    async def find(self, zvh: str, status: Lijststatus | None = None) -> list[Prioriteringslijst]:
        statement = select(PrioriteringslijstRow).where(PrioriteringslijstRow.zvh == zvh)
        if status is not None:
            statement = statement.where(PrioriteringslijstRow.status == status.value)
        rows = list(await self.session.scalars(statement.order_by(PrioriteringslijstRow.naam)))
        versies = await self._versies([row.id for row in rows])
        return [_lijst(row, versies[row.id]) for row in rows]

    async def naam_bestaat(self, zvh: str, naam: str) -> bool:
        found = await self.session.scalar(
            select(PrioriteringslijstRow.id).where(
                PrioriteringslijstRow.zvh == zvh, PrioriteringslijstRow.naam == naam
            )
        )
        return found is not None

    async def add(self, lijst: Prioriteringslijst) -> None:
        self.session.add(
            PrioriteringslijstRow(
                id=lijst.id,
                zvh=lijst.zvh,
                naam=lijst.naam,
                status=lijst.status.value,
                aangemaakt_op=lijst.aangemaakt_op,
                aangemaakt_door=lijst.aangemaakt_door,
                ingetrokken_op=lijst.ingetrokken_op,
            )
        )
        await self.session.flush()
        for versie in lijst.versies:
            await self.add_versie(lijst.id, versie)

    async def add_versie(self, lijst_id: str, versie: Versie) -> None:
        self.session.add(
            PrioriteringslijstVersieRow(
                lijst_id=lijst_id,
                versie=versie.versie,
                omschrijving=versie.omschrijving,
                criteria=dict(versie.criteria),
                aangemaakt_op=versie.aangemaakt_op,
                gepubliceerd_op=versie.gepubliceerd_op,
                publicatiedatum=versie.publicatiedatum,
            )
        )
        await self.session.flush()

    async def replace_concept(
        self,
        lijst_id: str,
        versie: int,
        omschrijving: str,
        criteria: Mapping[str, Any],
        op: datetime,
    ) -> None:
        """Overwrite an unpublished version; the database refuses it for a published one."""
        row = await self.session.get(PrioriteringslijstVersieRow, (lijst_id, versie))
        assert row is not None
        assert row.gepubliceerd_op is None
        row.omschrijving = omschrijving
        row.criteria = dict(criteria)
        row.aangemaakt_op = op
        await self.session.flush()

    async def publish(self, lijst_id: str, versie: int, op: datetime, datum: date) -> None:
        row = await self.session.get(PrioriteringslijstVersieRow, (lijst_id, versie))
        assert row is not None
        row.gepubliceerd_op = op
        row.publicatiedatum = datum
        await self.session.flush()

    async def set_status(
        self, lijst_id: str, status: Lijststatus, *, ingetrokken_op: datetime | None = None
    ) -> None:
        row = await self.session.get(PrioriteringslijstRow, lijst_id)
        assert row is not None
        row.status = status.value
        if ingetrokken_op is not None:
            row.ingetrokken_op = ingetrokken_op
        await self.session.flush()

    async def gepubliceerde(self, zvh: str | None = None) -> list[tuple[str, str]]:
        """(zvh, id) of every published list, of one partnership or of all."""
        statement = select(PrioriteringslijstRow.zvh, PrioriteringslijstRow.id).where(
            PrioriteringslijstRow.status == Lijststatus.GEPUBLICEERD.value
        )
        if zvh is not None:
            statement = statement.where(PrioriteringslijstRow.zvh == zvh)
        rows = await self.session.execute(
            statement.order_by(PrioriteringslijstRow.zvh, PrioriteringslijstRow.id)
        )
        return [(z, i) for z, i in rows.all()]
