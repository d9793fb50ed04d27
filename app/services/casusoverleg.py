"""Step 5 (art. 2.31 lid 5-6 WGS): record case conferences; each reader sees what it attended.

Attendees are the participants taking part in the case: the selected participants (a
joint controller too takes part only when selected: "Het is niet de bedoeling dat
standaard alle deelnemers bij een casus worden betrokken", factsheet step 4) and the
incidental participants whose confidentiality statement is signed (model art. 8.1 and
12.6, art. 2.21 BGS). The joint controllers record a conference, or the case director
appointed in the plan of approach (model art. 8a), who watches over the agreements; what
each reads back follows its view (app/auth/case_views.py).
"""

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date, datetime

from sqlalchemy.ext.asyncio import AsyncSession

from app.auth.case_policy import is_casusregisseur
from app.auth.case_views import Onderdeel
from app.db.casussen import new_id, now_utc
from app.db.overleg import OverlegRepository
from app.db.tables_overleg import CasusoverlegAanwezigeRow, CasusoverlegRow
from app.domain.casus import Casusstatus
from app.domain.datum import datum_in_toekomst
from app.domain.errors import Conflict, InvalidInput, InvalidParam, NotFound
from app.services.casussen import CasusToegang


def require_in_behandeling(toegang: CasusToegang) -> None:
    """Step 5 follows the selection of participants, which follows definitive admission."""
    if toegang.casus.status != Casusstatus.IN_BEHANDELING.value:
        raise Conflict(
            "Casusoverleg en plan van aanpak horen bij een casus in behandeling "
            "(art. 2.31 lid 5 WGS).",
            code="casus-niet-in-behandeling",
        )


def deelnemer_problems(
    toegang: CasusToegang, deelnemer: str, name: str, *, incidenteel: bool
) -> list[InvalidParam]:
    """Is `deelnemer` taking part in the case: selected, or (if allowed) a signed incidental?"""
    feiten = toegang.feiten
    if deelnemer in feiten.geselecteerd:
        return []
    if incidenteel and deelnemer in feiten.uitgenodigd_incidenteel:
        if deelnemer in feiten.getekend_door_organisatie:
            return []
        return [
            InvalidParam(
                name,
                "geheimhoudingsverklaring-ontbreekt",
                "Deze incidentele deelnemer heeft de geheimhoudingsverklaring nog niet "
                "ondertekend (art. 8.1 bestuurlijke afspraken, art. 2.21 BGS).",
            )
        ]
    return [
        InvalidParam(
            name,
            "deelnemer-niet-geselecteerd",
            "Deze deelnemer is niet voor de casus geselecteerd (art. 2.31 lid 4 WGS).",
        )
    ]


@dataclass(frozen=True, slots=True)
class CasusoverlegVastleggen:
    """Command: record a case conference, who attended, and what was agreed."""

    datum: date
    aanwezigen: tuple[str, ...]
    afspraken: str


@dataclass(frozen=True, slots=True)
class Casusoverleg:
    id: str
    datum: date
    aanwezigen: tuple[str, ...]  # sorted
    afspraken: str | None
    vastgelegd_op: datetime
    vastgelegd_door: str


def _check(
    toegang: CasusToegang, body: CasusoverlegVastleggen, vandaag: date
) -> list[InvalidParam]:
    toekomst = datum_in_toekomst("datum", body.datum, vandaag, "Het overleg ligt in de toekomst.")
    problems: list[InvalidParam] = [toekomst] if toekomst else []
    if body.datum < toegang.casus.aanmelddatum:
        problems.append(
            InvalidParam(
                "datum", "datum-voor-aanmelddatum", "Het overleg ligt voor de aanmelddatum."
            )
        )
    seen: set[str] = set()
    for index, deelnemer in enumerate(body.aanwezigen):
        name = f"aanwezigen.{index}"
        if deelnemer in seen:
            problems.append(
                InvalidParam(name, "deelnemer-dubbel", "Deze deelnemer staat er al in.")
            )
        seen.add(deelnemer)
        problems.extend(deelnemer_problems(toegang, deelnemer, name, incidenteel=True))
    return problems


def _schema(row: CasusoverlegRow, aanwezigen: frozenset[str]) -> Casusoverleg:
    return Casusoverleg(
        id=row.id,
        datum=row.datum,
        aanwezigen=tuple(sorted(aanwezigen)),
        afspraken=row.afspraken,
        vastgelegd_op=row.vastgelegd_op,
        vastgelegd_door=row.deelnemer,
    )


async def record(
    session: AsyncSession,
    toegang: CasusToegang,
    body: CasusoverlegVastleggen,
    vandaag: date,
) -> Casusoverleg:
    require_in_behandeling(toegang)
    problems = _check(toegang, body, vandaag)
    if problems:
        raise InvalidInput(problems)
    row = CasusoverlegRow(
        id=new_id(),
        casus_id=toegang.casus.id,
        datum=body.datum,
        afspraken=body.afspraken,
        vastgelegd_op=now_utc(),
        deelnemer=toegang.caller.deelnemer,
        sub=toegang.caller.claims.sub,
    )
    repo = OverlegRepository(session)
    repo.add(row)
    await session.flush()
    repo.add(*(CasusoverlegAanwezigeRow(overleg_id=row.id, deelnemer=d) for d in body.aanwezigen))
    return _schema(row, frozenset(body.aanwezigen))


def _sees_all(toegang: CasusToegang) -> bool:
    # The whole case, or the case director who watches over all agreements (model art. 8a.2).
    return toegang.zicht.toont(Onderdeel.CASUSOVERLEGGEN) or is_casusregisseur(
        toegang.caller, toegang.feiten
    )


async def visible(session: AsyncSession, toegang: CasusToegang) -> Sequence[Casusoverleg]:
    """All conferences for the full view; otherwise those the caller's organisation attended."""
    alles = _sees_all(toegang)
    return [
        _schema(row, aanwezigen)
        for row, aanwezigen in await OverlegRepository(session).overleggen(toegang.casus.id)
        if alles or toegang.caller.deelnemer in aanwezigen
    ]


async def one(session: AsyncSession, toegang: CasusToegang, overleg_id: str) -> Casusoverleg:
    for overleg in await visible(session, toegang):
        if overleg.id == overleg_id:
            return overleg
    raise NotFound("Dit casusoverleg bestaat niet, of u was er niet bij.")
