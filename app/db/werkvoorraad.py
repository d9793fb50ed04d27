"""What waits for one organisation, from the tables where each kind of work lives.

One UNION ALL, ordered and paged in the database: the earliest due date first (work
without a due date last), then by kind, case and reference, so pages are stable.
"""

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date

from sqlalchemy import Date, String, and_, case, cast, exists, literal, null, select, union_all
from sqlalchemy.ext.asyncio import AsyncSession

from app.db.tables import CasusdeelnemerRow, CasusRow, GeheimhoudingsverklaringRow
from app.db.tables_bewaren import InstemmingRow
from app.db.tables_overleg import InformatieplichtRow
from app.db.tables_verstrekkingen import GegevensverstrekkingRow, GegevensverzoekRow
from app.domain.casus import Casusstatus

# A case in these states still gathers data or is being handled: requests to supply
# and invitations to sign are live. Afterwards (closed, refused) they lapse.
LOPEND = (Casusstatus.GEGEVENSVERZAMELING.value, Casusstatus.IN_BEHANDELING.value)


@dataclass(frozen=True, slots=True)
class Werk:
    soort: str
    casus_id: str
    ref: str
    vervaldatum: date | None


class WerkvoorraadRepository:
    def __init__(self, session: AsyncSession) -> None:
        self.session = session

    async def page(
        self,
        zvh: str,
        deelnemer: str,
        *,
        informatieplicht: bool,
        offset: int,
        limit: int,
    ) -> Sequence[Werk]:
        """The open work of `deelnemer` in `zvh`; information duties only when it has them."""
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
        delen = [verzoeken, instemmingen, uitnodigingen]
        if informatieplicht:
            delen.append(
                select(
                    literal("informatieplicht", String).label("soort"),
                    InformatieplichtRow.casus_id.label("casus_id"),
                    InformatieplichtRow.casus_id.label("ref"),
                    InformatieplichtRow.uiterlijke_datum.label("vervaldatum"),
                )
                .join(CasusRow, CasusRow.id == InformatieplichtRow.casus_id)
                .where(
                    CasusRow.zvh == zvh,
                    niet_gearchiveerd,
                    and_(
                        InformatieplichtRow.uitgevoerd_op.is_(None),
                        InformatieplichtRow.uitzondering.is_(None),
                    ),
                )
            )
        alles = union_all(*delen).subquery()
        rows = await self.session.execute(
            select(alles.c.soort, alles.c.casus_id, alles.c.ref, alles.c.vervaldatum)
            .order_by(
                case((alles.c.vervaldatum.is_(None), 1), else_=0),
                alles.c.vervaldatum,
                alles.c.soort,
                alles.c.casus_id,
                alles.c.ref,
            )
            .offset(offset)
            .limit(limit)
        )
        return [
            Werk(soort, casus_id, ref, vervaldatum) for soort, casus_id, ref, vervaldatum in rows
        ]
