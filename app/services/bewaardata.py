"""A stored case's retention dates, from the engine (art. 1.8 lid 7 WGS, art. 1.16 BGS).

The sources of a case are its registration (supplier: the registrant) and each supply of
data. A source is kept for an extension only if its supplier consented to it, and to
every extension in force before it: consent to a later extension cannot bridge a refused
earlier one (a lapsed extension extends nothing, so its answer does not count). Every
change that affects a date recomputes and stores them all, so the due list and the sweep
read indexed columns instead of running the engine.

Every stored extension is judged again on each recomputation, with the case's current
closure and its reopenings (from its events): one that no longer holds lapses and is shown
with its reasons (app/rules/verlenging.py), it is never dropped.
"""

from collections import defaultdict
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date, datetime

from sqlalchemy.ext.asyncio import AsyncSession

from app.db.bewaren import BewaarRepository
from app.db.casussen import now_utc
from app.db.outbox import record_event
from app.db.tables import CasusRow
from app.db.tables_bewaren import InstemmingRow, VerlengingRow
from app.db.tables_verstrekkingen import GegevensverstrekkingRow
from app.domain.notificatie import Actie, Kanaal
from app.rules.bewaartermijn import calculate_bewaartermijn
from app.rules.bewaartermijn_typen import (
    Bewaarbeleid,
    Bewaartermijn,
    Bron,
    Casusdata,
    Verlenging,
    Verlengingsreden,
)
from app.services.bewaartermijn import AMSTERDAM

AANMELDING = "aanmelding"
_UNSET = object()


@dataclass(frozen=True, slots=True)
class Bewaarstand:
    """The engine's view of one stored case, with each source's consented extensions."""

    casusdata: Casusdata
    uitkomst: Bewaartermijn
    verlengingen: tuple[VerlengingRow, ...]
    verstrekkingen: tuple[GegevensverstrekkingRow, ...]
    # (extension id, supplier) pairs already asked to consent.
    gevraagd: frozenset[tuple[str, str]]


def _verlenging(row: VerlengingRow) -> Verlenging:
    return Verlenging(row.besluitdatum, row.maanden, Verlengingsreden(row.reden))


def _dutch_date(moment: datetime) -> date:
    return moment.astimezone(AMSTERDAM).date()


async def bewaarstand(
    session: AsyncSession,
    casus: CasusRow,
    beleid: Bewaarbeleid,
    peildatum: date,
    *,
    afsluitdatum: object = _UNSET,
    afwijzingsdatum: object = _UNSET,
    nieuwe_verlenging: Verlenging | None = None,
    nieuw: bool = False,
) -> Bewaarstand:
    """Run the engine over the stored case, as it is or with the given changes.

    Raises InvalidInput when a new extension is not allowed (outside the situations or the
    decision window of art. 1.16 BGS); stored extensions that no longer hold lapse.
    """
    repo = BewaarRepository(session)
    # A case being registered has no extensions, supplies, consents or reopenings yet.
    return _stand(
        casus,
        () if nieuw else tuple(await repo.verlengingen(casus.id)),
        () if nieuw else tuple(await repo.verstrekkingen(casus.id)),
        [] if nieuw else await repo.instemmingen(casus.id),
        [] if nieuw else [t for _c, t in await repo.heropeningen_van([casus.id])],
        beleid,
        peildatum,
        afsluitdatum=afsluitdatum,
        afwijzingsdatum=afwijzingsdatum,
        nieuwe_verlenging=nieuwe_verlenging,
    )


async def bewaarstanden(
    session: AsyncSession, casussen: Sequence[CasusRow], beleid: Bewaarbeleid, peildatum: date
) -> dict[str, Bewaarstand]:
    """`bewaarstand` of many stored cases at once, with four set-based queries."""
    ids = [c.id for c in casussen]
    repo = BewaarRepository(session)
    verlengingen: dict[str, list[VerlengingRow]] = defaultdict(list)
    verstrekkingen: dict[str, list[GegevensverstrekkingRow]] = defaultdict(list)
    instemmingen: dict[str, list[InstemmingRow]] = defaultdict(list)
    heropeningen: dict[str, list[datetime]] = defaultdict(list)
    for verlenging in await repo.verlengingen_van(ids):
        verlengingen[verlenging.casus_id].append(verlenging)
    for verstrekking in await repo.verstrekkingen_van(ids):
        verstrekkingen[verstrekking.casus_id].append(verstrekking)
    for instemming in await repo.instemmingen_van(ids):
        instemmingen[instemming.casus_id].append(instemming)
    for casus_id, tijdstip in await repo.heropeningen_van(ids):
        heropeningen[casus_id].append(tijdstip)
    return {
        c.id: _stand(
            c,
            tuple(verlengingen[c.id]),
            tuple(verstrekkingen[c.id]),
            instemmingen[c.id],
            heropeningen[c.id],
            beleid,
            peildatum,
        )
        for c in casussen
    }


def _heropeningen(
    casus: CasusRow, momenten: Sequence[datetime], afsluitdatum: date | None, vandaag: date
) -> tuple[date, ...]:
    """The case's reopenings as days, as the engine reads them.

    A change that clears the closure of a closed case is the reopening being recorded
    now (its event is written after the dates): it counts from today. A closure may be
    dated back before the last reopening; the closure in force is then the latest fact,
    and a reopening is taken as on that day.
    """
    dagen = [_dutch_date(m) for m in momenten]
    if casus.afsluitdatum is not None and afsluitdatum is None:
        dagen.append(vandaag)
    if afsluitdatum is not None:
        dagen = [min(dag, afsluitdatum) for dag in dagen]
    return tuple(sorted(dagen))


def _stand(
    casus: CasusRow,
    verlengingen: tuple[VerlengingRow, ...],
    verstrekkingen: tuple[GegevensverstrekkingRow, ...],
    instemmingen: Sequence[InstemmingRow],
    heropeningen: Sequence[datetime],
    beleid: Bewaarbeleid,
    peildatum: date,
    *,
    afsluitdatum: object = _UNSET,
    afwijzingsdatum: object = _UNSET,
    nieuwe_verlenging: Verlenging | None = None,
) -> Bewaarstand:
    antwoorden = {(i.verlenging_id, i.deelnemer): bool(i.instemming) for i in instemmingen}
    besloten = tuple(_verlenging(v) for v in verlengingen)
    alle = besloten + ((nieuwe_verlenging,) if nieuwe_verlenging else ())
    afgesloten = casus.afsluitdatum if afsluitdatum is _UNSET else afsluitdatum
    assert afgesloten is None or isinstance(afgesloten, date)
    afgewezen = casus.afwijzingsdatum if afwijzingsdatum is _UNSET else afwijzingsdatum
    assert afgewezen is None or isinstance(afgewezen, date)
    bronnen = (
        (AANMELDING, casus.aanmelder, None),
        *((v.id, v.deelnemer, v.wettelijke_uiterlijke_bewaardatum) for v in verstrekkingen),
    )
    data = Casusdata(
        aanmelddatum=casus.aanmelddatum,
        afsluitdatum=afgesloten,
        afwijzingsdatum=afgewezen,
        verlengingen=alle,
        # A new extension is asked of every supplier after the decision: no consent yet.
        bronnen=tuple(
            Bron(
                bron_id,
                deelnemer,
                wettelijke_uiterlijke_bewaardatum=wettelijk,
                instemmingen=tuple(antwoorden.get((v.id, deelnemer), False) for v in verlengingen),
            )
            for bron_id, deelnemer, wettelijk in bronnen
        ),
        heropeningen=_heropeningen(casus, heropeningen, afgesloten, peildatum),
    )
    uitkomst = calculate_bewaartermijn(
        data, peildatum, beleid, besloten=len(besloten), opgeslagen=True
    )
    return Bewaarstand(data, uitkomst, verlengingen, verstrekkingen, frozenset(antwoorden))


def store(session: AsyncSession, casus: CasusRow, stand: Bewaarstand) -> dict[str, object]:
    """Store each supply's archive date, ask every supplier about every extension, and return
    the case's own date columns (written by the caller with the case's compare-and-set)."""
    per_bron = {b.id: b.archiefdatum for b in stand.uitkomst.bronnen}
    for verstrekking in stand.verstrekkingen:
        nieuw = per_bron[verstrekking.id]
        if verstrekking.archiefdatum != nieuw:
            verstrekking.archiefdatum = nieuw
    _ask_consent(session, casus, stand)
    return {
        "maximale_bewaardatum": stand.uitkomst.maximale_bewaardatum,
        "archiefdatum": stand.uitkomst.archiefdatum,
        "aanmelding_archiefdatum": per_bron[AANMELDING],
    }


def suppliers(casus: CasusRow, verstrekkingen: tuple[GegevensverstrekkingRow, ...]) -> list[str]:
    """Every organisation that supplied data in the case: the registrant, then the rest."""
    seen = [casus.aanmelder]
    for v in verstrekkingen:
        if v.deelnemer not in seen:
            seen.append(v.deelnemer)
    return seen


def _ask_consent(session: AsyncSession, casus: CasusRow, stand: Bewaarstand) -> None:
    """A supplier that joined after an extension is asked too (its data would otherwise
    be bound to the maximum before the extension)."""
    if not stand.verlengingen:
        return
    gevraagd = set(stand.gevraagd)
    for verlenging in stand.verlengingen:
        for deelnemer in suppliers(casus, stand.verstrekkingen):
            if (verlenging.id, deelnemer) not in gevraagd:
                gevraagd.add((verlenging.id, deelnemer))
                session.add(
                    InstemmingRow(
                        verlenging_id=verlenging.id,
                        deelnemer=deelnemer,
                        casus_id=casus.id,
                        zvh=casus.zvh,
                        gevraagd_op=now_utc(),
                        instemming=None,
                    )
                )
                announce_consent(session, casus, verlenging.id, Actie.AANGEMAAKT, deelnemer)


def announce_consent(
    session: AsyncSession, casus: CasusRow, verlenging_id: str, actie: Actie, aan: str | None
) -> None:
    """Channel `instemmingsverzoeken`: a supplier is asked (`aan`), or one answered."""
    record_event(
        session,
        zvh=casus.zvh,
        kanaal=Kanaal.INSTEMMINGSVERZOEKEN,
        resource="instemmingsverzoek",
        resource_id=verlenging_id,
        pad=f"/v1/casussen/{casus.id}/verlengingen/{verlenging_id}",
        actie=actie,
        casus_id=casus.id,
        geadresseerde=aan,
    )


async def refresh(
    session: AsyncSession, casus: CasusRow, beleid: Bewaarbeleid, vandaag: date
) -> Bewaarstand:
    """Recompute and store every date of a case whose row the caller holds locked.

    For changes that leave the case's own version alone (a supply, an extension, a
    consent): the dates are derived data, not a change a client's ETag guards.
    """
    stand = await bewaarstand(session, casus, beleid, vandaag)
    for key, value in store(session, casus, stand).items():
        setattr(casus, key, value)
    return stand


async def refresh_all(
    session: AsyncSession, casussen: Sequence[CasusRow], beleid: Bewaarbeleid, vandaag: date
) -> dict[str, Bewaarstand]:
    """`refresh` for many cases whose rows the caller holds locked."""
    standen = await bewaarstanden(session, casussen, beleid, vandaag)
    for casus in casussen:
        for key, value in store(session, casus, standen[casus.id]).items():
            setattr(casus, key, value)
    return standen
