"""The annual report of a partnership (model art. 4.9-4.11): counts, never personal data.

Every count is one set-based query (GROUP BY) over the year, the same on SQLite and
PostgreSQL; no case is loaded. A year is the Dutch calendar year: dates as stored, moments
from 1 January 00:00 to 1 January 00:00 in Europe/Amsterdam. A count from 1 to 4 is shown
as "<5" so that no small group can be singled out; 0 stays 0.

What is counted, and from where:
- `aanmeldingen` per category of the registrant: cases registered in the year;
- `intake` and `definitieve-beoordeling`, `toegelaten`/`afgewezen`: cases assessed in the
  year (their decision event), rejected when the case ended in the matching rejection
  (a rejection is final: such a case is never reopened);
- `afsluitingen`, `heropeningen`: decision events in the year;
- `verlengingen` per situation (art. 1.16 BGS): extensions decided in the year;
- `instemmingen` given / refused: suppliers' answers to extensions in the year;
- `plaatsingen`, `verwijderingen` per reason: priority-list placements and removals;
- `informatieplicht`: duties due in the year, carried out on time, late, under an
  exception (per exception), and still open after their due date;
- `rac-adviezen` followed / deviated, `verstrekkingen-aan-derden` per outcome;
- `betrokkenenverzoeken` per kind (received in the year) and `betrokkenenverzoeken-termijn`
  (decision due in the year: on time, late, still open after it);
- `datalekken` discovered in the year: reported to the AP within the 72 hours, late, not
  reportable, not yet assessed or reported.
"""

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import UTC, date, datetime, time
from typing import Any
from zoneinfo import ZoneInfo

from sqlalchemy import Select, and_, case, func, literal, literal_column, select
from sqlalchemy.ext.asyncio import AsyncSession
from sqlalchemy.sql.elements import ColumnClause

from app.db.tables import CasusgebeurtenisRow, CasusRow, DeelnemerRow
from app.db.tables_bewaren import InstemmingRow, VerlengingRow
from app.db.tables_contactpunt import BetrokkenenverzoekRow, DatalekRow
from app.db.tables_overleg import InformatieplichtRow
from app.db.tables_plaatsing import PrioriteringsplaatsingRow
from app.db.tables_verantwoording import DerdenverstrekkingRow, RacAdviesRow
from app.domain.casus import Casusstatus, Gebeurtenissoort

AMSTERDAM = ZoneInfo("Europe/Amsterdam")
KLEIN = "<5"
# GROUP BY the first output column: an expression there (CASE, COALESCE) carries bound
# parameters that PostgreSQL would not recognise as the same expression twice.
_FIRST: ColumnClause[Any] = literal_column("1")


@dataclass(frozen=True, slots=True)
class Telling:
    onderwerp: str
    uitsplitsing: str
    aantal: int | str


def suppress(aantal: int) -> int | str:
    """1 to 4 as "<5"; 0 and 5 or more as they are."""
    return KLEIN if 1 <= aantal <= 4 else aantal


def _moments(jaar: int) -> tuple[datetime, datetime]:
    start = datetime.combine(date(jaar, 1, 1), time(), AMSTERDAM).astimezone(UTC)
    end = datetime.combine(date(jaar + 1, 1, 1), time(), AMSTERDAM).astimezone(UTC)
    return start, end


async def _rows(
    session: AsyncSession, onderwerp: str, query: Select[Any, Any]
) -> list[tuple[str, str, int]]:
    return [(onderwerp, str(key), int(n)) for key, n in (await session.execute(query)).all()]


async def counts(session: AsyncSession, zvh: str, jaar: int, vandaag: date) -> list[Telling]:
    """The year's counts for one partnership, suppressed, in a fixed order."""
    start, end = _moments(jaar)
    first, last = date(jaar, 1, 1), date(jaar, 12, 31)
    c, g = CasusRow, CasusgebeurtenisRow
    rows: list[tuple[str, str, int]] = []

    rows += await _rows(
        session,
        "aanmeldingen",
        select(DeelnemerRow.categorie, func.count())
        .select_from(c)
        .join(DeelnemerRow, and_(DeelnemerRow.zvh == c.zvh, DeelnemerRow.id == c.aanmelder))
        .where(c.zvh == zvh, c.aanmelddatum.between(first, last))
        .group_by(_FIRST),
    )
    for soort, afgewezen in (
        (Gebeurtenissoort.INTAKE, Casusstatus.INTAKE_AFGEWEZEN),
        (Gebeurtenissoort.DEFINITIEVE_BEOORDELING, Casusstatus.AFGEWEZEN),
    ):
        uitkomst = case((c.status == afgewezen.value, "afgewezen"), else_="toegelaten")
        rows += await _rows(
            session,
            soort.value,
            select(uitkomst, func.count(func.distinct(c.id)))
            .select_from(g)
            .join(c, c.id == g.casus_id)
            .where(c.zvh == zvh, g.soort == soort.value, g.tijdstip >= start, g.tijdstip < end)
            .group_by(_FIRST),
        )
    soorten = (Gebeurtenissoort.AFGESLOTEN.value, Gebeurtenissoort.HEROPEND.value)
    rows += [
        ({"afgesloten": "afsluitingen", "heropend": "heropeningen"}[k], "totaal", n)
        for _, k, n in await _rows(
            session,
            "",
            select(g.soort, func.count())
            .select_from(g)
            .join(c, c.id == g.casus_id)
            .where(c.zvh == zvh, g.soort.in_(soorten), g.tijdstip >= start, g.tijdstip < end)
            .group_by(_FIRST),
        )
    ]
    rows += await _rows(
        session,
        "verlengingen",
        select(VerlengingRow.reden, func.count())
        .where(VerlengingRow.zvh == zvh, VerlengingRow.besluitdatum.between(first, last))
        .group_by(_FIRST),
    )
    gegeven = case((InstemmingRow.instemming.is_(True), "gegeven"), else_="geweigerd")
    rows += await _rows(
        session,
        "instemmingen",
        select(gegeven, func.count())
        .where(
            InstemmingRow.zvh == zvh,
            InstemmingRow.instemming.is_not(None),
            InstemmingRow.beantwoord_op >= start,
            InstemmingRow.beantwoord_op < end,
        )
        .group_by(_FIRST),
    )
    p = PrioriteringsplaatsingRow
    rows += await _rows(
        session,
        "plaatsingen",
        select(literal("totaal"), func.count()).where(
            p.zvh == zvh, p.geplaatst_op >= start, p.geplaatst_op < end
        ),
    )
    rows += await _rows(
        session,
        "verwijderingen",
        select(func.coalesce(p.verwijderreden, "onbekend"), func.count())
        .where(p.zvh == zvh, p.verwijderd_op >= start, p.verwijderd_op < end)
        .group_by(_FIRST),
    )
    i = InformatieplichtRow
    stand = case(
        (i.uitzondering.is_not(None), literal("uitzondering-") + i.uitzondering),
        (
            i.uitgevoerd_op.is_(None),
            case((i.uiterlijke_datum < vandaag, "te-laat-open"), else_="open"),
        ),
        (i.uitgevoerd_op <= i.uiterlijke_datum, "op-tijd"),
        else_="te-laat",
    )
    rows += await _rows(
        session,
        "informatieplicht",
        select(stand, func.count())
        .select_from(i)
        .join(c, c.id == i.casus_id)
        .where(c.zvh == zvh, i.uiterlijke_datum.between(first, last))
        .group_by(_FIRST),
    )
    gevolgd = case((RacAdviesRow.gevolgd.is_(True), "gevolgd"), else_="afgeweken")
    rows += await _rows(
        session,
        "rac-adviezen",
        select(gevolgd, func.count())
        .where(RacAdviesRow.zvh == zvh, RacAdviesRow.datum.between(first, last))
        .group_by(_FIRST),
    )
    d = DerdenverstrekkingRow
    rows += await _rows(
        session,
        "verstrekkingen-aan-derden",
        select(d.status, func.count())
        .where(d.zvh == zvh, d.aangevraagd_op >= start, d.aangevraagd_op < end)
        .group_by(_FIRST),
    )
    v = BetrokkenenverzoekRow
    rows += await _rows(
        session,
        "betrokkenenverzoeken",
        select(v.soort, func.count())
        .where(v.zvh == zvh, v.ontvangen_op.between(first, last))
        .group_by(_FIRST),
    )
    besloten = func.date(v.besloten_op)
    termijn = case(
        (
            v.besloten_op.is_(None),
            case((v.uiterlijke_beslisdatum < vandaag, "te-laat-open"), else_="open"),
        ),
        (besloten <= v.uiterlijke_beslisdatum, "op-tijd"),
        else_="te-laat",
    )
    rows += await _rows(
        session,
        "betrokkenenverzoeken-termijn",
        select(termijn, func.count())
        .where(v.zvh == zvh, v.uiterlijke_beslisdatum.between(first, last))
        .group_by(_FIRST),
    )
    lek = DatalekRow
    afloop = case(
        (
            lek.gemeld_ap_op.is_not(None) & (lek.gemeld_ap_op <= lek.melden_uiterlijk),
            "binnen-72-uur-gemeld",
        ),
        (lek.gemeld_ap_op.is_not(None), "te-laat-gemeld"),
        (lek.meldplichtig.is_(False), "niet-meldplichtig"),
        else_="niet-gemeld",
    )
    rows += await _rows(
        session,
        "datalekken",
        select(afloop, func.count())
        .where(lek.zvh == zvh, lek.ontdekt_op >= start, lek.ontdekt_op < end)
        .group_by(_FIRST),
    )
    return _complete(rows)


# The rows every report shows, counted or 0: a reader sees that nothing happened.
VAST: Sequence[tuple[str, str]] = (
    ("intake", "toegelaten"),
    ("intake", "afgewezen"),
    ("definitieve-beoordeling", "toegelaten"),
    ("definitieve-beoordeling", "afgewezen"),
    ("afsluitingen", "totaal"),
    ("heropeningen", "totaal"),
    ("verlengingen", "criteria-nog-van-toepassing"),
    ("verlengingen", "terugvalrisico"),
    ("instemmingen", "gegeven"),
    ("instemmingen", "geweigerd"),
    ("plaatsingen", "totaal"),
    ("informatieplicht", "op-tijd"),
    ("informatieplicht", "te-laat"),
    ("rac-adviezen", "gevolgd"),
    ("rac-adviezen", "afgeweken"),
    ("betrokkenenverzoeken-termijn", "op-tijd"),
    ("betrokkenenverzoeken-termijn", "te-laat"),
    ("datalekken", "binnen-72-uur-gemeld"),
    ("datalekken", "te-laat-gemeld"),
)


def _complete(rows: list[tuple[str, str, int]]) -> list[Telling]:
    found = {(o, u): n for o, u, n in rows}
    for key in VAST:
        found.setdefault(key, 0)
    return [Telling(o, u, suppress(n)) for (o, u), n in sorted(found.items())]


def csv_text(tellingen: Sequence[Telling], zvh: str, jaar: int) -> str:
    lines = ["samenwerkingsverband,jaar,onderwerp,uitsplitsing,aantal"]
    lines += [f"{zvh},{jaar},{t.onderwerp},{t.uitsplitsing},{t.aantal}" for t in tellingen]
    return "\r\n".join(lines) + "\r\n"
