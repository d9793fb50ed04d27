"""Repository of partnerships and their participants."""

from collections.abc import Sequence
from datetime import date

from sqlalchemy import select
from sqlalchemy.ext.asyncio import AsyncSession

from app.db.tables import DeelnemerRow, SamenwerkingsverbandRow
from app.domain.deelnemer import Beroepsgeheim, Categorie, Deelnemer, Deelnemertype


def _to_domain(row: DeelnemerRow) -> Deelnemer:
    return Deelnemer(
        zvh=row.zvh,
        id=row.id,
        naam=row.naam,
        deelnemertype=Deelnemertype(row.deelnemertype),
        categorie=Categorie(row.categorie),
        beroepsgeheim=Beroepsgeheim(row.beroepsgeheim) if row.beroepsgeheim else None,
        toetredingsdatum=row.toetredingsdatum,
    )


class RegistryRepository:
    def __init__(self, session: AsyncSession) -> None:
        self.session = session

    async def samenwerkingsverband(self, zvh: str) -> SamenwerkingsverbandRow | None:
        return await self.session.get(SamenwerkingsverbandRow, zvh)

    async def deelnemer(self, zvh: str, deelnemer_id: str) -> Deelnemer | None:
        row = await self.session.get(DeelnemerRow, (zvh, deelnemer_id))
        return _to_domain(row) if row else None

    async def deelnemers(self, zvh: str) -> Sequence[Deelnemer]:
        rows = await self.session.scalars(
            select(DeelnemerRow).where(DeelnemerRow.zvh == zvh).order_by(DeelnemerRow.id)
        )
        return [_to_domain(row) for row in rows]

    async def ensure_samenwerkingsverband(self, zvh: str, naam: str) -> None:
        if await self.session.get(SamenwerkingsverbandRow, zvh) is None:
            self.session.add(SamenwerkingsverbandRow(id=zvh, naam=naam))
            await self.session.flush()

    async def add(self, deelnemer: Deelnemer) -> None:
        self.session.add(
            DeelnemerRow(
                zvh=deelnemer.zvh,
                id=deelnemer.id,
                naam=deelnemer.naam,
                deelnemertype=deelnemer.deelnemertype.value,
                categorie=deelnemer.categorie.value,
                beroepsgeheim=deelnemer.beroepsgeheim.value if deelnemer.beroepsgeheim else None,
                toetredingsdatum=deelnemer.toetredingsdatum,
            )
        )
        await self.session.flush()

    async def update(
        self,
        zvh: str,
        deelnemer_id: str,
        *,
        naam: str | None = None,
        deelnemertype: Deelnemertype | None = None,
        categorie: Categorie | None = None,
        beroepsgeheim: Beroepsgeheim | None = None,
        clear_beroepsgeheim: bool = False,
        toetredingsdatum: date | None = None,
    ) -> Deelnemer | None:
        row = await self.session.get(DeelnemerRow, (zvh, deelnemer_id), with_for_update=True)
        if row is None:
            return None
        if naam is not None:
            row.naam = naam
        if deelnemertype is not None:
            row.deelnemertype = deelnemertype.value
        if categorie is not None:
            row.categorie = categorie.value
        if beroepsgeheim is not None or clear_beroepsgeheim:
            row.beroepsgeheim = beroepsgeheim.value if beroepsgeheim else None
        if toetredingsdatum is not None:
            row.toetredingsdatum = toetredingsdatum
        await self.session.flush()
        return _to_domain(row)
