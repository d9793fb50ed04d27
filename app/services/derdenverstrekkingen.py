"""Disclosures of a case's results to third parties (art. 1.7 WGS).

"De resultaten van de gegevensverwerking ... kunnen ... na advies van de
Rechtmatigheidsadviescommissie worden verstrekt aan derden", and data of a special or
criminal nature only "met toestemming van de partij die de gegevens heeft ingebracht"
(factsheet Werkprocessen). So a disclosure:

- rests on an advice in the partnership's RAC register (400 `rac-advies-onbekend`);
- names the recipient, the purpose and why it is necessary; the recipient is a third
  party, never a participant of the partnership (400 `is-vaste-deelnemer`), and gets no
  account: it is a name in this register, nothing more;
- is refused outright when a part carries the supplier's condition `nietAanDerden`
  (409 `niet-aan-derden`, art. 2.29 lid 3 WGS);
- waits for the consent of each supplier of special or criminal data, asked and answered
  as for extensions of the retention term (app/services/verlengingen.py): one answer per
  supplier for its own organisation, final once given. A joint controller disclosing its
  own data consents by asking. Any refusal ends the disclosure (`geweigerd`).

Made disclosures are logged (`verstrekken`) and appear in the case's history.
"""

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import datetime

from sqlalchemy import func, select
from sqlalchemy.ext.asyncio import AsyncSession

from app.auth.errors import AccessDenied
from app.db.casussen import new_id, now_utc
from app.db.overleg import OverlegRepository
from app.db.tables import CasusgebeurtenisRow, DeelnemerRow
from app.db.tables_verantwoording import (
    DerdenverstrekkingOnderdeelRow,
    DerdenverstrekkingRow,
    RacAdviesRow,
)
from app.db.tables_verstrekkingen import GegevensverstrekkingRow
from app.domain.casus import Gebeurtenissoort
from app.domain.derdenverstrekking import Derdenverstrekkingsstatus
from app.domain.errors import Conflict, InvalidInput, InvalidParam, NotFound
from app.domain.verstrekking import Gegevenscategorie, voorwaarden_of
from app.domain.verwerking import Handeling
from app.services.casussen import CasusToegang
from app.services.verwerkingslog import Verwerkingslog

ACTIVITEIT = "casus-derden-verstrekken"
_INSTEMMING_NODIG = {Gegevenscategorie.BIJZONDER.value, Gegevenscategorie.STRAFRECHTELIJK.value}


@dataclass(frozen=True, slots=True)
class DerdenverstrekkingAanvragen:
    """Command: disclose supplied data (and/or the plan of approach) to a third party, after
    the legality committee's advice (art. 1.7 WGS)."""

    ontvanger: str
    doel: str
    noodzaak: str
    rac_advies: str
    verstrekkingen: tuple[str, ...]
    plan_van_aanpak: bool


@dataclass(frozen=True, slots=True)
class ZichtbareDerdenverstrekking:
    """A disclosure with the parts the caller may see."""

    row: DerdenverstrekkingRow
    onderdelen: tuple[DerdenverstrekkingOnderdeelRow, ...]


async def _problems(
    session: AsyncSession,
    toegang: CasusToegang,
    body: DerdenverstrekkingAanvragen,
    supplies: dict[str, GegevensverstrekkingRow],
) -> list[InvalidParam]:
    casus = toegang.casus
    problems: list[InvalidParam] = []
    advies = await session.get(RacAdviesRow, body.rac_advies)
    if advies is None or advies.zvh != casus.zvh:
        problems.append(
            InvalidParam(
                "racAdvies",
                "rac-advies-onbekend",
                "Dit advies staat niet in het register van de Rechtmatigheidsadviescommissie "
                "van uw samenwerkingsverband; zonder advies geen verstrekking aan derden "
                "(art. 1.7 WGS).",
            )
        )
    ontvanger = body.ontvanger.strip().lower()
    deelnemer = await session.scalar(
        select(DeelnemerRow.id).where(
            DeelnemerRow.zvh == casus.zvh,
            (func.lower(DeelnemerRow.id) == ontvanger)
            | (func.lower(DeelnemerRow.naam) == ontvanger),
        )
    )
    if deelnemer is not None:
        problems.append(
            InvalidParam(
                "ontvanger",
                "is-vaste-deelnemer",
                "De ontvanger is een deelnemer van het samenwerkingsverband, geen derde.",
            )
        )
    onderdelen = body
    if not onderdelen.verstrekkingen and not onderdelen.plan_van_aanpak:
        problems.append(
            InvalidParam(
                "onderdelen", "te-weinig", "Noem minstens één onderdeel om te verstrekken."
            )
        )
    seen: set[str] = set()
    for index, verstrekking_id in enumerate(onderdelen.verstrekkingen):
        name = f"onderdelen.verstrekkingen.{index}"
        if verstrekking_id in seen:
            problems.append(InvalidParam(name, "te-veel", "Dit onderdeel staat er al."))
        seen.add(verstrekking_id)
        row = supplies.get(verstrekking_id)
        if row is None or row.geanonimiseerd_op is not None:
            problems.append(
                InvalidParam(
                    name,
                    "verstrekking-onbekend",
                    "Deze gegevensverstrekking bestaat niet (meer) in deze casus.",
                )
            )
    if onderdelen.plan_van_aanpak and not await OverlegRepository(session).plannen(
        casus.id, alleen_huidig=True
    ):
        problems.append(
            InvalidParam(
                "onderdelen.planVanAanpak",
                "geen-plan-van-aanpak",
                "Voor deze casus is nog geen plan van aanpak vastgelegd.",
            )
        )
    return problems


async def request(
    session: AsyncSession,
    toegang: CasusToegang,
    log: Verwerkingslog,
    body: DerdenverstrekkingAanvragen,
) -> DerdenverstrekkingRow:
    casus, caller = toegang.casus, toegang.caller
    supplies = {
        r.id: r
        for r in await session.scalars(
            select(GegevensverstrekkingRow).where(
                GegevensverstrekkingRow.casus_id == casus.id,
                GegevensverstrekkingRow.id.in_(body.verstrekkingen),
            )
        )
    }
    if problems := await _problems(session, toegang, body, supplies):
        raise InvalidInput(problems, detail="Deze verstrekking aan een derde is niet mogelijk.")
    barred = [
        i for i in body.verstrekkingen if voorwaarden_of(supplies[i].voorwaarden).niet_aan_derden
    ]
    if barred:
        raise Conflict(
            f"{len(barred)} van de onderdelen mag volgens de voorwaarden van de verstrekker niet "
            f"aan derden worden verstrekt (art. 2.29 lid 3 WGS): {', '.join(barred)}.",
            code="niet-aan-derden",
        )
    moment = now_utc()
    row = DerdenverstrekkingRow(
        id=new_id(),
        casus_id=casus.id,
        zvh=casus.zvh,
        ontvanger=body.ontvanger,
        doel=body.doel,
        noodzaak=body.noodzaak,
        rac_advies_id=body.rac_advies,
        plan_van_aanpak=body.plan_van_aanpak,
        status=Derdenverstrekkingsstatus.WACHT_OP_INSTEMMING.value,
        deelnemer=caller.deelnemer,
        sub=caller.claims.sub,
        aangevraagd_op=moment,
        verstrekt_op=None,
    )
    session.add(row)
    await session.flush()
    for verstrekking_id in body.verstrekkingen:
        supply = supplies[verstrekking_id]
        nodig = supply.categorie in _INSTEMMING_NODIG
        eigen = supply.deelnemer == caller.deelnemer
        session.add(
            DerdenverstrekkingOnderdeelRow(
                derdenverstrekking_id=row.id,
                verstrekking_id=supply.id,
                zvh=casus.zvh,
                deelnemer=supply.deelnemer,
                categorie=supply.categorie,
                instemming_nodig=nodig,
                # The supplier that asks for the disclosure consents by asking.
                instemming=True if nodig and eigen else None,
                beantwoord_op=moment if nodig and eigen else None,
                sub=caller.claims.sub if nodig and eigen else None,
            )
        )
    session.add(
        _event(
            toegang,
            Gebeurtenissoort.DERDENVERSTREKKING,
            f"Verstrekking aan {body.ontvanger} gevraagd, na advies {body.rac_advies}.",
            moment,
        )
    )
    await session.flush()
    await _settle(session, toegang, log, row)
    return row


async def answer(
    session: AsyncSession,
    toegang: CasusToegang,
    log: Verwerkingslog,
    derdenverstrekking_id: str,
    instemming: bool,
) -> DerdenverstrekkingRow:
    """A supplier of special or criminal data answers for its own organisation, once."""
    row = await one(session, toegang, derdenverstrekking_id)
    parts = [
        p
        for p in await _onderdelen(session, [row.id])
        if p.deelnemer == toegang.caller.deelnemer and p.instemming_nodig
    ]
    if not parts:
        raise AccessDenied(
            "Uw organisatie is voor deze verstrekking niet om instemming gevraagd; een "
            "verstrekker van bijzondere of strafrechtelijke gegevens stemt alleen voor zijn "
            "eigen organisatie in (art. 1.7 WGS)."
        )
    if any(p.instemming is not None for p in parts) or (
        row.status != Derdenverstrekkingsstatus.WACHT_OP_INSTEMMING.value
    ):
        raise Conflict(
            "Uw organisatie heeft al geantwoord, of over deze verstrekking is al beslist.",
            code="instemming-al-gegeven",
        )
    moment = now_utc()
    for p in parts:
        p.instemming = instemming
        p.beantwoord_op = moment
        p.sub = toegang.caller.claims.sub
    await session.flush()
    await _settle(session, toegang, log, row)
    return row


async def _settle(
    session: AsyncSession, toegang: CasusToegang, log: Verwerkingslog, row: DerdenverstrekkingRow
) -> None:
    """Refused at the first refusal; made once every needed consent is given."""
    answers = [p.instemming for p in await _onderdelen(session, [row.id]) if p.instemming_nodig]
    if any(a is False for a in answers):
        row.status = Derdenverstrekkingsstatus.GEWEIGERD.value
    elif all(a is True for a in answers):
        moment = now_utc()
        row.status = Derdenverstrekkingsstatus.VERSTREKT.value
        row.verstrekt_op = moment
        session.add(
            _event(
                toegang,
                Gebeurtenissoort.VERSTREKT_AAN_DERDE,
                f"Verstrekt aan {row.ontvanger}.",
                moment,
            )
        )
        log.record(
            toegang.caller,
            ACTIVITEIT,
            Handeling.VERSTREKKEN,
            casus_id=row.casus_id,
            betrokkene=toegang.pseudoniem,
        )
    await session.flush()


def _event(
    toegang: CasusToegang, soort: Gebeurtenissoort, toelichting: str, moment: datetime
) -> CasusgebeurtenisRow:
    caller = toegang.caller
    return CasusgebeurtenisRow(
        id=new_id(),
        casus_id=toegang.casus.id,
        soort=soort.value,
        tijdstip=moment,
        deelnemer=caller.deelnemer,
        sub=caller.claims.sub,
        rollen=",".join(sorted(r.value for r in caller.claims.rollen)),
        toelichting=toelichting,
    )


async def _onderdelen(
    session: AsyncSession, ids: Sequence[str]
) -> Sequence[DerdenverstrekkingOnderdeelRow]:
    return (
        await session.scalars(
            select(DerdenverstrekkingOnderdeelRow)
            .where(DerdenverstrekkingOnderdeelRow.derdenverstrekking_id.in_(ids))
            .order_by(
                DerdenverstrekkingOnderdeelRow.derdenverstrekking_id,
                DerdenverstrekkingOnderdeelRow.verstrekking_id,
            )
        )
    ).all()


def _sees_all(toegang: CasusToegang) -> bool:
    caller = toegang.caller
    return caller.is_gezamenlijk_verwerkingsverantwoordelijke or caller.houdt_toezicht


async def listed(session: AsyncSession, toegang: CasusToegang) -> list[ZichtbareDerdenverstrekking]:
    rows = (
        await session.scalars(
            select(DerdenverstrekkingRow)
            .where(DerdenverstrekkingRow.casus_id == toegang.casus.id)
            .order_by(DerdenverstrekkingRow.aangevraagd_op, DerdenverstrekkingRow.id)
        )
    ).all()
    return await render(session, toegang, rows)


async def one(
    session: AsyncSession, toegang: CasusToegang, derdenverstrekking_id: str
) -> DerdenverstrekkingRow:
    row = await session.get(DerdenverstrekkingRow, derdenverstrekking_id)
    if row is None or row.casus_id != toegang.casus.id:
        raise NotFound("Deze verstrekking aan een derde bestaat niet in deze casus.")
    return row


async def render(
    session: AsyncSession, toegang: CasusToegang, rows: Sequence[DerdenverstrekkingRow]
) -> list[ZichtbareDerdenverstrekking]:
    """All of it for the joint controllers and the supervising FG; a supplier sees only the
    disclosures that ask its consent, and only its own parts."""
    per: dict[str, list[DerdenverstrekkingOnderdeelRow]] = {}
    for p in await _onderdelen(session, [r.id for r in rows]):
        per.setdefault(p.derdenverstrekking_id, []).append(p)
    alles = _sees_all(toegang)
    eigen = toegang.caller.deelnemer
    result = []
    for r in rows:
        parts = per.get(r.id, [])
        if not alles:
            parts = [p for p in parts if p.deelnemer == eigen and p.instemming_nodig]
            if not parts:
                continue
        result.append(ZichtbareDerdenverstrekking(r, tuple(parts)))
    return result
