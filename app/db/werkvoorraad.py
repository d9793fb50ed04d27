"""What waits for one organisation, from the tables where each kind of work lives.

Open work only, so each list is short; the service orders and pages the whole.
"""

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date

from sqlalchemy import Date, String, cast, exists, literal, null, or_, select, union_all
from sqlalchemy.ext.asyncio import AsyncSession

from app.db.tables import CasusdeelnemerRow, CasusRow, GeheimhoudingsverklaringRow
from app.db.tables_bewaren import InstemmingRow
from app.db.tables_contactpunt import BetrokkenenverzoekRow, DatalekRow, VerzoekreactieRow
from app.db.tables_overleg import InformatieplichtRow
from app.db.tables_verstrekkingen import GegevensverstrekkingRow, GegevensverzoekRow
from app.domain.casus import Casusstatus

# A case in these states still gathers data or is being handled: requests to supply
# and invitations to sign are live. Afterwards (closed, refused) they lapse.
LOPEND = (Casusstatus.GEGEVENSVERZAMELING.value, Casusstatus.IN_BEHANDELING.value)


@dataclass(frozen=True, slots=True)
class Werk:
    soort: str
    casus_id: str | None
    ref: str
    vervaldatum: date | None


class WerkvoorraadRepository:
    def __init__(self, session: AsyncSession) -> None:
        self.session = session

    async def case_work(self, zvh: str, deelnemer: str) -> Sequence[Werk]:
        """Data requests, consent requests and invitations addressed to `deelnemer`."""
        geen_datum = cast(null(), Date)
        niet_gearchiveerd = CasusRow.gearchiveerd_op.is_(None)
        verzoeken = (
            select(
                literal("gegevensverzoek", String).label("soort"),
                GegevensverzoekRow.casus_id.label("casus_id"),
                GegevensverzoekRow.id.label("ref"),
                geen_datum.label("vervaldatum"),
            )
            .join(CasusRow, CasusRow.id == GegevensverzoekRow.casus_id)
            .where(
                GegevensverzoekRow.zvh == zvh,
                GegevensverzoekRow.deelnemer == deelnemer,
                CasusRow.zvh == zvh,
                CasusRow.status.in_(LOPEND),
                niet_gearchiveerd,
                ~exists().where(
                    GegevensverstrekkingRow.gegevensverzoek_id == GegevensverzoekRow.id,
                    GegevensverstrekkingRow.deelnemer == deelnemer,
                ),
            )
        )
        instemmingen = (
            select(
                literal("instemmingsverzoek", String).label("soort"),
                InstemmingRow.casus_id.label("casus_id"),
                InstemmingRow.verlenging_id.label("ref"),
                geen_datum.label("vervaldatum"),
            )
            .join(CasusRow, CasusRow.id == InstemmingRow.casus_id)
            .where(
                InstemmingRow.zvh == zvh,
                InstemmingRow.deelnemer == deelnemer,
                InstemmingRow.instemming.is_(None),
                CasusRow.zvh == zvh,
                niet_gearchiveerd,
            )
        )
        uitnodigingen = (
            select(
                literal("geheimhoudingsverklaring", String).label("soort"),
                CasusdeelnemerRow.casus_id.label("casus_id"),
                CasusdeelnemerRow.deelnemer.label("ref"),
                geen_datum.label("vervaldatum"),
            )
            .join(CasusRow, CasusRow.id == CasusdeelnemerRow.casus_id)
            .where(
                CasusdeelnemerRow.deelnemer == deelnemer,
                CasusdeelnemerRow.incidenteel.is_(True),
                CasusRow.zvh == zvh,
                CasusRow.status.in_(LOPEND),
                niet_gearchiveerd,
                ~exists().where(
                    GeheimhoudingsverklaringRow.casus_id == CasusdeelnemerRow.casus_id,
                    GeheimhoudingsverklaringRow.deelnemer == deelnemer,
                ),
            )
        )
        rows = await self.session.execute(union_all(verzoeken, instemmingen, uitnodigingen))
        return [Werk(soort, casus_id, ref, datum) for soort, casus_id, ref, datum in rows]

    async def open_informatieplichten(self, zvh: str) -> Sequence[InformatieplichtRow]:
        """Duties not carried out: no exception, or one that was lifted (art. 41 UAVG)."""
        rows = await self.session.scalars(
            select(InformatieplichtRow)
            .join(CasusRow, CasusRow.id == InformatieplichtRow.casus_id)
            .where(
                CasusRow.zvh == zvh,
                CasusRow.gearchiveerd_op.is_(None),
                InformatieplichtRow.uitgevoerd_op.is_(None),
                or_(
                    InformatieplichtRow.uitzondering.is_(None),
                    InformatieplichtRow.opgeheven_op.is_not(None),
                ),
            )
        )
        return list(rows)

    async def reacties_gevraagd(self, zvh: str, deelnemer: str) -> Sequence[BetrokkenenverzoekRow]:
        """Undecided data-subject requests that involve `deelnemer` and it has not answered."""
        open_ = await self.session.scalars(
            select(BetrokkenenverzoekRow).where(
                BetrokkenenverzoekRow.zvh == zvh, BetrokkenenverzoekRow.besloten_op.is_(None)
            )
        )
        betrokken = [row for row in open_ if deelnemer in (row.betrokken_deelnemers or [])]
        if not betrokken:
            return []
        gereageerd = set(
            await self.session.scalars(
                select(VerzoekreactieRow.verzoek_id).where(
                    VerzoekreactieRow.verzoek_id.in_([row.id for row in betrokken]),
                    VerzoekreactieRow.deelnemer == deelnemer,
                )
            )
        )
        return [row for row in betrokken if row.id not in gereageerd]

    async def te_beoordelen_datalekken(self, zvh: str) -> Sequence[DatalekRow]:
        rows = await self.session.scalars(
            select(DatalekRow).where(DatalekRow.zvh == zvh, DatalekRow.beoordeeld_op.is_(None))
        )
        return list(rows)
