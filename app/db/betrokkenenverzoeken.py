"""Repository of data subjects' requests and the reactions of the involved participants."""

from collections.abc import Iterable, Sequence

from sqlalchemy import func, or_, select
from sqlalchemy.ext.asyncio import AsyncSession

from app.db.tables import BetrokkeneRow, CasusdeelnemerRow, CasusRow
from app.db.tables_contactpunt import BetrokkenenverzoekRow, VerzoekreactieRow
from app.db.tables_overleg import InterventieRow, PlanVanAanpakRow
from app.db.tables_verstrekkingen import GegevensverstrekkingRow


class VerzoekRepository:
    def __init__(self, session: AsyncSession) -> None:
        self.session = session

    def add(self, *rows: object) -> None:
        self.session.add_all(rows)

    async def get(
        self, zvh: str, verzoek_id: str, *, for_update: bool = False
    ) -> BetrokkenenverzoekRow | None:
        query = select(BetrokkenenverzoekRow).where(
            BetrokkenenverzoekRow.zvh == zvh, BetrokkenenverzoekRow.id == verzoek_id
        )
        if for_update:
            query = query.with_for_update()
        row: BetrokkenenverzoekRow | None = await self.session.scalar(query)
        return row

    async def all(self, zvh: str, *, alleen_open: bool) -> Sequence[BetrokkenenverzoekRow]:
        query = select(BetrokkenenverzoekRow).where(BetrokkenenverzoekRow.zvh == zvh)
        if alleen_open:
            query = query.where(BetrokkenenverzoekRow.besloten_op.is_(None))
        rows = await self.session.scalars(
            query.order_by(BetrokkenenverzoekRow.uiterlijke_beslisdatum, BetrokkenenverzoekRow.id)
        )
        return list(rows)

    async def reacties(self, verzoek_ids: Sequence[str]) -> Sequence[VerzoekreactieRow]:
        if not verzoek_ids:
            return []
        rows = await self.session.scalars(
            select(VerzoekreactieRow)
            .where(VerzoekreactieRow.verzoek_id.in_(verzoek_ids))
            .order_by(VerzoekreactieRow.verzoek_id, VerzoekreactieRow.volgnummer)
        )
        return list(rows)

    async def next_number(self, verzoek_id: str) -> int:
        hoogste = await self.session.scalar(
            select(func.max(VerzoekreactieRow.volgnummer)).where(
                VerzoekreactieRow.verzoek_id == verzoek_id
            )
        )
        return (hoogste or 0) + 1

    async def casussen_van_persoon(
        self,
        zvh: str,
        *,
        bsn: str | None,
        voornamen: str,
        achternaam: str,
        geboortedatum: object,
    ) -> Sequence[tuple[CasusRow, BetrokkeneRow]]:
        """Every case of the person in the partnership, shielded ones included: by BSN, and
        by name and date of birth (a registration may lack the BSN)."""
        op_naam = (
            (func.lower(BetrokkeneRow.voornamen) == voornamen.lower())
            & (func.lower(BetrokkeneRow.achternaam) == achternaam.lower())
            & (BetrokkeneRow.geboortedatum == geboortedatum)
        )
        wie = or_(BetrokkeneRow.bsn == bsn, op_naam) if bsn else op_naam
        result = await self.session.execute(
            select(CasusRow, BetrokkeneRow)
            .join(BetrokkeneRow, BetrokkeneRow.casus_id == CasusRow.id)
            .where(CasusRow.zvh == zvh, wie)
            .order_by(CasusRow.aanmelddatum, CasusRow.id)
        )
        return [(c, b) for c, b in result.all()]

    async def heeft_archief(self, zvh: str) -> bool:
        """Whether any case (or registration) of the partnership went to the archive: its
        data left the database, so only the archivist can search it (model art. 16)."""
        found = await self.session.scalar(
            select(CasusRow.id)
            .where(
                CasusRow.zvh == zvh,
                or_(
                    CasusRow.gearchiveerd_op.is_not(None),
                    CasusRow.aanmelding_geanonimiseerd_op.is_not(None),
                ),
            )
            .limit(1)
        )
        return found is not None

    async def deelnemers_van(self, casussen: Iterable[CasusRow]) -> set[str]:
        """Registrants, suppliers and selected participants of the cases."""
        rows = list(casussen)
        ids = [c.id for c in rows]
        result = {c.aanmelder for c in rows}
        if ids:
            result |= set(
                await self.session.scalars(
                    select(GegevensverstrekkingRow.deelnemer).where(
                        GegevensverstrekkingRow.casus_id.in_(ids)
                    )
                )
            )
            result |= set(
                await self.session.scalars(
                    select(CasusdeelnemerRow.deelnemer).where(CasusdeelnemerRow.casus_id.in_(ids))
                )
            )
        return result

    async def interventies(self, casus_ids: Sequence[str]) -> Sequence[tuple[str, InterventieRow]]:
        """The interventions of each case's current plan of approach, with the case id."""
        if not casus_ids:
            return []
        huidig = (
            select(PlanVanAanpakRow.casus_id, func.max(PlanVanAanpakRow.versie).label("versie"))
            .where(PlanVanAanpakRow.casus_id.in_(casus_ids))
            .group_by(PlanVanAanpakRow.casus_id)
            .subquery()
        )
        result = await self.session.execute(
            select(PlanVanAanpakRow.casus_id, InterventieRow)
            .join(InterventieRow, InterventieRow.plan_id == PlanVanAanpakRow.id)
            .join(
                huidig,
                (huidig.c.casus_id == PlanVanAanpakRow.casus_id)
                & (huidig.c.versie == PlanVanAanpakRow.versie),
            )
            .order_by(PlanVanAanpakRow.casus_id, InterventieRow.volgnummer)
        )
        return [(c, i) for c, i in result.all()]
