"""Deadline monitoring for the contact point: data-subject requests (AVG art. 12(3)),
information duties (art. 14(3) AVG) with the review dates of art. 41 UAVG exceptions, and
data breaches (72 hours, art. 33(1) AVG), overdue or due soon, in one list.

Only ids, kinds and dates: no name, BSN or text of a request or case leaves through here,
so neither the list nor `zvh deadlines` reads personal data.
"""

from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date, datetime, timedelta
from enum import StrEnum
from typing import TYPE_CHECKING

from sqlalchemy import or_, select
from sqlalchemy.ext.asyncio import AsyncSession

from app.db.tables import CasusRow, SamenwerkingsverbandRow
from app.db.tables_contactpunt import BetrokkenenverzoekRow, DatalekRow
from app.db.tables_overleg import InformatieplichtRow
from app.domain.mandaat import Bevoegdheid
from app.rules.informatieplicht import Uitzondering, uiterlijke_datum
from app.services.bewaartermijn import AMSTERDAM

if TYPE_CHECKING:
    from app.db.session import Database
    from app.progress import Voortgang


class Termijnsoort(StrEnum):
    BETROKKENENVERZOEK = "betrokkenenverzoek"
    INFORMATIEPLICHT = "informatieplicht"
    HERBEOORDELING_UITZONDERING = "herbeoordeling-uitzondering"
    DATALEK = "datalek"


BEVOEGDHEID: dict[Termijnsoort, Bevoegdheid] = {
    Termijnsoort.BETROKKENENVERZOEK: Bevoegdheid.BETROKKENENVERZOEKEN,
    Termijnsoort.INFORMATIEPLICHT: Bevoegdheid.INFORMATIEPLICHT,
    Termijnsoort.HERBEOORDELING_UITZONDERING: Bevoegdheid.INFORMATIEPLICHT,
    Termijnsoort.DATALEK: Bevoegdheid.DATALEKKEN,
}


@dataclass(frozen=True, slots=True)
class Termijn:
    soort: Termijnsoort
    id: str
    casus_id: str | None
    uiterlijk: date  # the last day (Europe/Amsterdam)
    tijdstip: datetime | None  # for a breach: the exact moment, UTC
    verlopen: bool


async def termijnen(
    session: AsyncSession,
    zvh: str,
    vandaag: date,
    nu: datetime,
    *,
    binnen_dagen: int,
) -> list[Termijn]:
    """Everything overdue, or due within `binnen_dagen` days, soonest first."""
    grens = vandaag + timedelta(days=binnen_dagen)
    result: list[Termijn] = []
    for row in await session.scalars(
        select(BetrokkenenverzoekRow).where(
            BetrokkenenverzoekRow.zvh == zvh,
            BetrokkenenverzoekRow.besloten_op.is_(None),
            BetrokkenenverzoekRow.uiterlijke_beslisdatum <= grens,
        )
    ):
        result.append(
            Termijn(
                Termijnsoort.BETROKKENENVERZOEK,
                row.id,
                None,
                row.uiterlijke_beslisdatum,
                None,
                vandaag > row.uiterlijke_beslisdatum,
            )
        )
    plichten = await session.scalars(
        select(InformatieplichtRow)
        .join(CasusRow, CasusRow.id == InformatieplichtRow.casus_id)
        .where(
            CasusRow.zvh == zvh,
            CasusRow.gearchiveerd_op.is_(None),
            InformatieplichtRow.uitgevoerd_op.is_(None),
            or_(
                InformatieplichtRow.uitzondering.is_(None),
                InformatieplichtRow.opgeheven_op.is_not(None),
                InformatieplichtRow.herbeoordeling_op <= grens,
            ),
        )
    )
    for p in plichten:
        if p.uitzondering is None or p.opgeheven_op is not None:
            uiterste = uiterlijke_datum(p.opgeheven_op) if p.opgeheven_op else p.uiterlijke_datum
            if uiterste <= grens:
                result.append(
                    Termijn(
                        Termijnsoort.INFORMATIEPLICHT,
                        p.casus_id,
                        p.casus_id,
                        uiterste,
                        None,
                        vandaag > uiterste,
                    )
                )
        elif p.uitzondering == Uitzondering.ART_41_UAVG.value and p.herbeoordeling_op:
            result.append(
                Termijn(
                    Termijnsoort.HERBEOORDELING_UITZONDERING,
                    p.casus_id,
                    p.casus_id,
                    p.herbeoordeling_op,
                    None,
                    vandaag > p.herbeoordeling_op,
                )
            )
    for lek in await session.scalars(
        select(DatalekRow).where(
            DatalekRow.zvh == zvh,
            DatalekRow.gemeld_ap_op.is_(None),
            or_(DatalekRow.meldplichtig.is_(None), DatalekRow.meldplichtig.is_(True)),
            DatalekRow.melden_uiterlijk <= nu + timedelta(days=binnen_dagen),
        )
    ):
        result.append(
            Termijn(
                Termijnsoort.DATALEK,
                lek.id,
                None,
                lek.melden_uiterlijk.astimezone(AMSTERDAM).date(),
                lek.melden_uiterlijk,
                nu > lek.melden_uiterlijk,
            )
        )
    return sorted(result, key=lambda t: (t.uiterlijk, t.soort.value, t.id))


def tellingen(items: Sequence[Termijn]) -> dict[str, int]:
    """Counts by kind and state, for the daily job: words and numbers only."""
    counter = Counter(
        f"{t.soort.value.replace('-', '_')}_{'overdue' if t.verlopen else 'due_soon'}"
        for t in items
    )
    kinds = [
        f"{s.value.replace('-', '_')}_{state}"
        for s in Termijnsoort
        for state in ("overdue", "due_soon")
    ]
    return {kind: counter.get(kind, 0) for kind in kinds}


async def alle_tellingen(
    database: "Database",
    vandaag: date,
    nu: datetime,
    zvh: str | None,
    *,
    binnen_dagen: int,
    voortgang: "Voortgang | None" = None,
) -> dict[str, dict[str, int]]:
    """`zvh deadlines`: per partnership the counts of what is overdue or due soon."""
    async with database.session() as session:
        query = select(SamenwerkingsverbandRow.id).order_by(SamenwerkingsverbandRow.id)
        if zvh is not None:
            query = query.where(SamenwerkingsverbandRow.id == zvh)
        verbanden = list(await session.scalars(query))
        if voortgang is not None:
            voortgang.start(len(verbanden), "samenwerkingsverbanden")
        result: dict[str, dict[str, int]] = {}
        for verband in verbanden:
            items = await termijnen(session, verband, vandaag, nu, binnen_dagen=binnen_dagen)
            result[verband] = tellingen(items)
            if voortgang is not None:
                voortgang.advance()
    return result


async def overdue_total(database: "Database", vandaag: date, nu: datetime) -> int:
    """How many deadlines of every partnership have passed without the required action."""
    per_zvh = await alle_tellingen(database, vandaag, nu, None, binnen_dagen=0)
    return sum(
        value
        for counts in per_zvh.values()
        for kind, value in counts.items()
        if kind.endswith("_overdue")
    )
