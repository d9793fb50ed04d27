"""Repository of placements on priority lists and their facts, within one partnership."""

from collections.abc import Sequence
from datetime import date, datetime

from sqlalchemy import and_, delete, select, update
from sqlalchemy.ext.asyncio import AsyncSession
from sqlalchemy.sql.elements import ColumnElement

from app.db.tables import BetrokkeneRow, CasusRow
from app.db.tables_plaatsing import PlaatsingsfeitRow, PrioriteringsplaatsingRow
from app.domain.prioritering import Feit, Soort


def feit_of(row: PlaatsingsfeitRow) -> Feit:
    return Feit(soort=Soort(row.soort), categorie=row.categorie, datum=row.datum, bron=row.bron)


def geplaatst_op_dag(dag: date) -> ColumnElement[bool]:
    """Placements that count on `dag`: not removed and not past `vervalt_op`.

    Every list, check and report of who is placed uses this (Plaatsing.geplaatst_op_dag).
    """
    p = PrioriteringsplaatsingRow
    return and_(p.verwijderd_op.is_(None), p.vervalt_op.is_not(None), p.vervalt_op > dag)


class PlaatsingRepository:
    def __init__(self, session: AsyncSession) -> None:
        self.session = session

    async def huidige(
        self, lijst_id: str, casus_id: str, *, for_update: bool = False
    ) -> PrioriteringsplaatsingRow | None:
        statement = select(PrioriteringsplaatsingRow).where(
            PrioriteringsplaatsingRow.lijst_id == lijst_id,
            PrioriteringsplaatsingRow.casus_id == casus_id,
            PrioriteringsplaatsingRow.verwijderd_op.is_(None),
        )
        if for_update:
            statement = statement.with_for_update()
        found: PrioriteringsplaatsingRow | None = await self.session.scalar(statement)
        return found

    async def get(
        self, zvh: str, lijst_id: str, plaatsing_id: str, *, for_update: bool = False
    ) -> PrioriteringsplaatsingRow | None:
        statement = select(PrioriteringsplaatsingRow).where(
            PrioriteringsplaatsingRow.zvh == zvh,
            PrioriteringsplaatsingRow.lijst_id == lijst_id,
            PrioriteringsplaatsingRow.id == plaatsing_id,
        )
        if for_update:
            statement = statement.with_for_update()
        found: PrioriteringsplaatsingRow | None = await self.session.scalar(statement)
        return found

    async def find(
        self, zvh: str, lijst_id: str, vandaag: date, *, inclusief_verwijderd: bool = False
    ) -> list[PrioriteringsplaatsingRow]:
        """The placements that count today; with `inclusief_verwijderd`, every placement."""
        statement = select(PrioriteringsplaatsingRow).where(
            PrioriteringsplaatsingRow.zvh == zvh, PrioriteringsplaatsingRow.lijst_id == lijst_id
        )
        if not inclusief_verwijderd:
            statement = statement.where(geplaatst_op_dag(vandaag))
        rows = await self.session.scalars(
            statement.order_by(PrioriteringsplaatsingRow.geplaatst_op, PrioriteringsplaatsingRow.id)
        )
        return list(rows)

    async def huidige_met_casus(
        self, zvh: str, lijst_id: str
    ) -> list[tuple[PrioriteringsplaatsingRow, CasusRow, str | None]]:
        """Current placements with their case and the data subject's pseudonym, locked."""
        rows = await self.session.execute(
            select(PrioriteringsplaatsingRow, CasusRow, BetrokkeneRow.pseudoniem)
            .join(CasusRow, CasusRow.id == PrioriteringsplaatsingRow.casus_id)
            .outerjoin(BetrokkeneRow, BetrokkeneRow.casus_id == CasusRow.id)
            .where(
                PrioriteringsplaatsingRow.zvh == zvh,
                PrioriteringsplaatsingRow.lijst_id == lijst_id,
                PrioriteringsplaatsingRow.verwijderd_op.is_(None),
            )
            .order_by(PrioriteringsplaatsingRow.geplaatst_op, PrioriteringsplaatsingRow.id)
            .with_for_update(of=PrioriteringsplaatsingRow)
        )
        return [(p, c, pseudoniem) for p, c, pseudoniem in rows.all()]

    async def huidige_van_casussen(
        self, casus_ids: Sequence[str]
    ) -> list[tuple[PrioriteringsplaatsingRow, CasusRow, str | None]]:
        """Current placements of these cases, on any list, with the case and pseudonym, locked."""
        rows = await self.session.execute(
            select(PrioriteringsplaatsingRow, CasusRow, BetrokkeneRow.pseudoniem)
            .join(CasusRow, CasusRow.id == PrioriteringsplaatsingRow.casus_id)
            .outerjoin(BetrokkeneRow, BetrokkeneRow.casus_id == CasusRow.id)
            .where(
                PrioriteringsplaatsingRow.casus_id.in_(casus_ids),
                PrioriteringsplaatsingRow.verwijderd_op.is_(None),
            )
            .order_by(PrioriteringsplaatsingRow.geplaatst_op, PrioriteringsplaatsingRow.id)
            .with_for_update(of=PrioriteringsplaatsingRow)
        )
        return [(p, c, pseudoniem) for p, c, pseudoniem in rows.all()]

    async def feiten(self, plaatsing_ids: Sequence[str]) -> dict[str, list[Feit]]:
        found: dict[str, list[Feit]] = {i: [] for i in plaatsing_ids}
        if not plaatsing_ids:
            return found
        rows = await self.session.scalars(
            select(PlaatsingsfeitRow)
            .where(PlaatsingsfeitRow.plaatsing_id.in_(plaatsing_ids))
            .order_by(PlaatsingsfeitRow.plaatsing_id, PlaatsingsfeitRow.volgnummer)
        )
        for row in rows:
            found[row.plaatsing_id].append(feit_of(row))
        return found

    async def add(self, plaatsing: PrioriteringsplaatsingRow, feiten: Sequence[Feit]) -> None:
        self.session.add(plaatsing)
        await self.session.flush()
        self.session.add_all(
            PlaatsingsfeitRow(
                plaatsing_id=plaatsing.id,
                volgnummer=i,
                soort=feit["soort"].value,
                categorie=feit["categorie"],
                datum=feit["datum"],
                bron=feit["bron"],
            )
            for i, feit in enumerate(feiten)
        )
        await self.session.flush()

    async def end_all(
        self,
        plaatsingen: Sequence[PrioriteringsplaatsingRow],
        *,
        op: datetime,
        door: str,
        sub: str,
        reden: str,
        toelichting: str | None,
    ) -> None:
        """End these placements and delete their facts, one statement each (art. 2.32 lid 4)."""
        ids = [p.id for p in plaatsingen]
        if not ids:
            return
        await self.session.execute(
            update(PrioriteringsplaatsingRow)
            .where(PrioriteringsplaatsingRow.id.in_(ids))
            .values(
                verwijderd_op=op,
                verwijderd_door=door,
                verwijderd_sub=sub,
                verwijderreden=reden,
                verwijdertoelichting=toelichting,
            )
            .execution_options(synchronize_session="fetch")
        )
        await self.session.execute(
            delete(PlaatsingsfeitRow).where(PlaatsingsfeitRow.plaatsing_id.in_(ids))
        )

    async def verwijder(
        self,
        plaatsing: PrioriteringsplaatsingRow,
        *,
        op: datetime,
        door: str,
        sub: str,
        reden: str,
        toelichting: str,
    ) -> None:
        """End the placement and delete its facts (art. 2.32 lid 4 WGS)."""
        plaatsing.verwijderd_op = op
        plaatsing.verwijderd_door = door
        plaatsing.verwijderd_sub = sub
        plaatsing.verwijderreden = reden
        plaatsing.verwijdertoelichting = toelichting
        await self.session.execute(
            delete(PlaatsingsfeitRow).where(PlaatsingsfeitRow.plaatsing_id == plaatsing.id)
        )
        await self.session.flush()

    async def beoordeeld(
        self, plaatsing: PrioriteringsplaatsingRow, op: date, versie: int, vervalt_op: date
    ) -> None:
        plaatsing.beoordeeld_op = op
        plaatsing.beoordeeld_versie = versie
        plaatsing.vervalt_op = vervalt_op
        await self.session.flush()
