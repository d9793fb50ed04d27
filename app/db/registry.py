"""Repository of partnerships and their participants."""

from collections.abc import Mapping, Sequence
from datetime import UTC, date, datetime

from sqlalchemy import select
from sqlalchemy.ext.asyncio import AsyncSession

from app.db.tables import AanwijzingRow, DeelnemerRow, SamenwerkingsverbandRow
from app.domain.aanwijzing import GEEN_AANWIJZINGEN, Aanwijzingen, FgContact, Functie
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

    async def aanwijzingen(self, zvh: str) -> Aanwijzingen:
        """The partnership's designations (empty when it does not exist)."""
        verband = await self.samenwerkingsverband(zvh)
        if verband is None:
            return GEEN_AANWIJZINGEN
        rows = await self.session.scalars(select(AanwijzingRow).where(AanwijzingRow.zvh == zvh))
        per_functie = {Functie(row.functie): row.deelnemer for row in rows}
        contact = verband.fg_contact
        return Aanwijzingen(
            beheerder=per_functie.get(Functie.BEHEERDER),
            contactpunt=per_functie.get(Functie.CONTACTPUNT),
            archiefbeheerder=per_functie.get(Functie.ARCHIEFBEHEERDER),
            coordinerende_fg=per_functie.get(Functie.COORDINERENDE_FG),
            fg_contact=FgContact(**contact) if contact else None,
        )

    async def designate(self, zvh: str, aanwijzingen: Mapping[Functie, str]) -> None:
        """Give each function to the participant named (the partnership must exist)."""
        for functie, deelnemer in aanwijzingen.items():
            row = await self.session.get(AanwijzingRow, (zvh, functie.value), with_for_update=True)
            if row is None:
                self.session.add(
                    AanwijzingRow(
                        zvh=zvh,
                        functie=functie.value,
                        deelnemer=deelnemer,
                        gewijzigd_op=datetime.now(UTC),
                    )
                )
            elif row.deelnemer != deelnemer:
                row.deelnemer = deelnemer
                row.gewijzigd_op = datetime.now(UTC)
        await self.session.flush()

    async def set_fg_contact(self, zvh: str, contact: FgContact) -> None:
        verband = await self.samenwerkingsverband(zvh)
        if verband is not None:
            verband.fg_contact = {
                "email": contact.email,
                "telefoon": contact.telefoon,
                "postadres": contact.postadres,
            }
            await self.session.flush()

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
