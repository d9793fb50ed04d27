"""Extensions of the retention term and the suppliers' consent (art. 1.16 BGS).

The joint controllers decide an extension today, in one of the two situations of the
factsheet; the engine judges the situation and the timing (today must lie in the decision
window before the maximum it extends, so an extension is never decided years ahead). Every organisation that supplied
data in the case is asked to consent; its data is kept longer only if it does.
"""

from dataclasses import dataclass
from datetime import date

from sqlalchemy.ext.asyncio import AsyncSession

from app.auth.case_policy import may_read_retention
from app.auth.errors import AccessDenied
from app.db.bewaren import BewaarRepository
from app.db.casussen import new_id, now_utc
from app.db.tables_bewaren import InstemmingRow, VerlengingRow
from app.domain.errors import Conflict, InvalidInput, InvalidParam, NotFound
from app.domain.events import BronGewijzigd
from app.domain.notificatie import Actie
from app.rules.bewaartermijn_typen import (
    Bewaarbeleid,
    ToegepasteVerlenging,
    Verlenging,
    Verlengingsreden,
)
from app.services import bewaardata
from app.services.casussen import CasusToegang
from app.services.handlers import dispatch, omgeving_van


@dataclass(frozen=True, slots=True)
class VerlengingBesluiten:
    """Command: extend the retention today by `maanden`, for `reden` (art. 1.16 BGS)."""

    maanden: int
    reden: Verlengingsreden
    motivering: str


@dataclass(frozen=True, slots=True)
class BeoordeeldeVerlenging:
    """A stored extension as the engine judges it, with the consents the caller may see."""

    row: VerlengingRow
    toegepast: ToegepasteVerlenging
    instemmingen: list[InstemmingRow]


def _body_name(name: str) -> str:
    """The engine names `verlengingen.N.maanden`; the request has `maanden`."""
    parts = name.split(".")
    if len(parts) == 3 and parts[0] == "verlengingen":
        return "maanden" if parts[2] == "maanden" else ("reden" if parts[2] == "reden" else "")
    return name


async def extend(
    session: AsyncSession,
    toegang: CasusToegang,
    body: VerlengingBesluiten,
    *,
    vandaag: date,
    beleid: Bewaarbeleid,
) -> VerlengingRow:
    """Decide an extension today; the engine refuses it outside art. 1.16 BGS."""
    casus = toegang.casus
    nieuw = Verlenging(vandaag, body.maanden, body.reden)
    try:
        stand = await bewaardata.bewaarstand(
            session, casus, beleid, vandaag, nieuwe_verlenging=nieuw
        )
    except InvalidInput as exc:
        raise InvalidInput(
            [
                InvalidParam(_body_name(p.name) or "besluitdatum", p.code, p.reason)
                for p in exc.problems
            ],
            detail="Deze verlenging is niet toegestaan (art. 1.16 BGS).",
        ) from None
    row = VerlengingRow(
        id=new_id(),
        casus_id=casus.id,
        zvh=casus.zvh,
        volgnummer=len(stand.verlengingen) + 1,
        besluitdatum=vandaag,
        maanden=body.maanden,
        reden=body.reden.value,
        motivering=body.motivering,
        deelnemer=toegang.caller.deelnemer,
        sub=toegang.caller.claims.sub,
        tijdstip=now_utc(),
    )
    BewaarRepository(session).add(row)
    await session.flush()
    await dispatch(
        omgeving_van(session, None, toegang.caller, vandaag=vandaag, nu=now_utc(), beleid=beleid),
        [BronGewijzigd(casus.id)],
    )
    await session.flush()
    return row


async def answer(
    session: AsyncSession,
    toegang: CasusToegang,
    verlenging_id: str,
    instemming: bool,
    *,
    vandaag: date,
    beleid: Bewaarbeleid,
) -> VerlengingRow:
    """A supplier answers for its own organisation; the answer is final and dates follow."""
    repo = BewaarRepository(session)
    verlenging = await repo.verlenging(toegang.casus.id, verlenging_id)
    if verlenging is None:
        raise NotFound("Deze verlenging bestaat niet in deze casus.")
    verzoek = await repo.instemming(verlenging.id, toegang.caller.deelnemer)
    if verzoek is None:
        raise AccessDenied(
            "Uw organisatie verstrekte geen gegevens in deze casus en is niet om instemming "
            "gevraagd; een verstrekker stemt alleen voor zijn eigen organisatie in (art. 1.16 BGS)."
        )
    if verzoek.instemming is not None:
        raise Conflict(
            "Uw organisatie heeft al geantwoord op dit verzoek om instemming.",
            code="instemming-al-gegeven",
        )
    verzoek.instemming = instemming
    verzoek.beantwoord_op = now_utc()
    verzoek.sub = toegang.caller.claims.sub
    bewaardata.announce_consent(session, toegang.casus, verlenging.id, Actie.BEANTWOORD, aan=None)
    await session.flush()
    await dispatch(
        omgeving_van(session, None, toegang.caller, vandaag=vandaag, nu=now_utc(), beleid=beleid),
        [BronGewijzigd(toegang.casus.id)],
    )
    await session.flush()
    return verlenging


async def render(
    session: AsyncSession,
    toegang: CasusToegang,
    verlengingen: list[VerlengingRow],
    *,
    vandaag: date,
    beleid: Bewaarbeleid,
) -> list[BeoordeeldeVerlenging]:
    """The extensions with their dates and consents; a supplier sees only its own consent."""
    stand = await bewaardata.bewaarstand(session, toegang.casus, beleid, vandaag)
    # Every stored extension is judged (a lapsed one too), in order.
    toegepast = {
        v.id: stand.uitkomst.verlengingen[index] for index, v in enumerate(stand.verlengingen)
    }
    alle = may_read_retention(toegang.caller, toegang.feiten)
    per_verlenging: dict[str, list[InstemmingRow]] = {}
    for i in await BewaarRepository(session).instemmingen(toegang.casus.id):
        if alle or i.deelnemer == toegang.caller.deelnemer:
            per_verlenging.setdefault(i.verlenging_id, []).append(i)
    return [
        BeoordeeldeVerlenging(v, toegepast[v.id], per_verlenging.get(v.id, []))
        for v in verlengingen
    ]


async def all_for(session: AsyncSession, toegang: CasusToegang) -> list[VerlengingRow]:
    return list(await BewaarRepository(session).verlengingen(toegang.casus.id))


async def one_for(
    session: AsyncSession, toegang: CasusToegang, verlenging_id: str
) -> VerlengingRow:
    row = await BewaarRepository(session).verlenging(toegang.casus.id, verlenging_id)
    if row is None:
        raise NotFound("Deze verlenging bestaat niet in deze casus.")
    return row
