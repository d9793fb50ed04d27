"""A stored case's retention dates, from the engine (art. 1.8 lid 7 WGS, art. 1.16 BGS).

The sources of a case are its registration (supplier: the registrant) and each supply of
data. A source is kept for an extension only if its supplier consented to it, and to
every extension before it: consent to a later extension cannot bridge a refused earlier
one. Every change that affects a date recomputes and stores them all, so the due list
and the sweep read indexed columns instead of running the engine.
"""

from collections import defaultdict
from collections.abc import Sequence
from dataclasses import dataclass, replace
from datetime import date

from sqlalchemy.ext.asyncio import AsyncSession

from app.db.bewaren import BewaarRepository
from app.db.casussen import now_utc
from app.db.tables import CasusRow
from app.db.tables_bewaren import InstemmingRow, VerlengingRow
from app.db.tables_verstrekkingen import GegevensverstrekkingRow
from app.rules.bewaartermijn import calculate_bewaartermijn
from app.rules.bewaartermijn_typen import (
    Bewaarbeleid,
    Bewaartermijn,
    Bron,
    BronBewaartermijn,
    BronGrens,
    Casusdata,
    Verlenging,
    Verlengingsreden,
)

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


def _consented_prefix(
    deelnemer: str, verlengingen: tuple[VerlengingRow, ...], antwoorden: dict[tuple[str, str], bool]
) -> int:
    count = 0
    for verlenging in verlengingen:
        if not antwoorden.get((verlenging.id, deelnemer), False):
            break
        count += 1
    return count


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

    Raises InvalidInput when the changes are not allowed (e.g. a new extension outside the
    situations of art. 1.16 BGS); earlier extensions are not judged again.
    """
    repo = BewaarRepository(session)
    # A case being registered has no extensions, supplies or consents yet.
    return _stand(
        casus,
        () if nieuw else tuple(await repo.verlengingen(casus.id)),
        () if nieuw else tuple(await repo.verstrekkingen(casus.id)),
        [] if nieuw else await repo.instemmingen(casus.id),
        beleid,
        peildatum,
        afsluitdatum=afsluitdatum,
        afwijzingsdatum=afwijzingsdatum,
        nieuwe_verlenging=nieuwe_verlenging,
    )


async def bewaarstanden(
    session: AsyncSession, casussen: Sequence[CasusRow], beleid: Bewaarbeleid, peildatum: date
) -> dict[str, Bewaarstand]:
    """`bewaarstand` of many stored cases at once, with three set-based queries."""
    ids = [c.id for c in casussen]
    repo = BewaarRepository(session)
    verlengingen: dict[str, list[VerlengingRow]] = defaultdict(list)
    verstrekkingen: dict[str, list[GegevensverstrekkingRow]] = defaultdict(list)
    instemmingen: dict[str, list[InstemmingRow]] = defaultdict(list)
    for verlenging in await repo.verlengingen_van(ids):
        verlengingen[verlenging.casus_id].append(verlenging)
    for verstrekking in await repo.verstrekkingen_van(ids):
        verstrekkingen[verstrekking.casus_id].append(verstrekking)
    for instemming in await repo.instemmingen_van(ids):
        instemmingen[instemming.casus_id].append(instemming)
    return {
        c.id: _stand(
            c,
            tuple(verlengingen[c.id]),
            tuple(verstrekkingen[c.id]),
            instemmingen[c.id],
            beleid,
            peildatum,
        )
        for c in casussen
    }


def _stand(
    casus: CasusRow,
    verlengingen: tuple[VerlengingRow, ...],
    verstrekkingen: tuple[GegevensverstrekkingRow, ...],
    instemmingen: Sequence[InstemmingRow],
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
    bronnen = (
        Bron(AANMELDING, casus.aanmelder),
        *(
            Bron(v.id, v.deelnemer, False, v.wettelijke_uiterlijke_bewaardatum)
            for v in verstrekkingen
        ),
    )
    prefixes = [_consented_prefix(b.deelnemer, verlengingen, antwoorden) for b in bronnen]
    data = Casusdata(
        aanmelddatum=casus.aanmelddatum,
        afsluitdatum=casus.afsluitdatum if afsluitdatum is _UNSET else afsluitdatum,  # type: ignore[arg-type]
        afwijzingsdatum=(
            casus.afwijzingsdatum if afwijzingsdatum is _UNSET else afwijzingsdatum  # type: ignore[arg-type]
        ),
        verlengingen=alle,
        bronnen=tuple(
            replace(b, instemming_verlenging=k == len(alle) and k > 0)
            for b, k in zip(bronnen, prefixes, strict=True)
        ),
    )
    uitkomst = calculate_bewaartermijn(data, peildatum, beleid, besloten=len(besloten))
    # A source that consented to some extensions but not all is kept to the end of the
    # last one it consented to: run the engine over that prefix for it.
    patched = list(uitkomst.bronnen)
    for index, (bron, k) in enumerate(zip(data.bronnen, prefixes, strict=True)):
        if 0 < k < len(alle):
            patched[index] = _partial(data, bron, k, uitkomst, peildatum, beleid)
    uitkomst.bronnen = tuple(patched)
    return Bewaarstand(data, uitkomst, verlengingen, verstrekkingen, frozenset(antwoorden))


def _partial(
    data: Casusdata,
    bron: Bron,
    k: int,
    volledig: Bewaartermijn,
    peildatum: date,
    beleid: Bewaarbeleid,
) -> BronBewaartermijn:
    deel = calculate_bewaartermijn(
        replace(
            data,
            verlengingen=data.verlengingen[:k],
            bronnen=(replace(bron, instemming_verlenging=True),),
        ),
        peildatum,
        beleid,
        besloten=k,
    ).bronnen[0]
    if deel.archiefdatum >= volledig.archiefdatum:
        datum, grens = volledig.archiefdatum, BronGrens.CASUS
    else:
        datum = deel.archiefdatum
        grens = (
            deel.begrensd_door
            if deel.begrensd_door is not BronGrens.CASUS
            else BronGrens.GEEN_INSTEMMING
        )
    return BronBewaartermijn(
        id=bron.id,
        deelnemer=bron.deelnemer,
        archiefdatum=datum,
        verlopen=peildatum > datum,
        begrensd_door=grens,
    )


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
