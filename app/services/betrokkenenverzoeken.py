"""Data subjects' requests (AVG art. 12, 15-22), handled by the contact point (model art. 14).

The contact point (or the network manager it mandated) takes the request in; the service
finds the person in every case of the partnership, shielded ones too, and derives the
participants involved: the registrants, suppliers and selected participants of those cases
(art. 14.3: "na overleg met de Deelnemers die betrokken waren of zijn bij de
gegevensverwerking"), and the designated archivist where cases went to the archive
(factsheet Bewaartermijnen). Each involved participant reacts for its own part and may
invoke a ground of art. 41(1) UAVG for its own parts; a later `geen-bezwaar` lifts it, after
which "wordt het eerder geweigerde verzoek alsnog gehonoreerd" (14.4). The decision comes
only after every involved participant reacted. Rectification, erasure, restriction and
objection are carried out by the suppliers through the existing machinery (correction,
art. 1.6 BGS; the retention dates): the decision lists what each must do, history is never
edited here.
"""

from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from datetime import date, datetime
from typing import Any

from sqlalchemy import select
from sqlalchemy.ext.asyncio import AsyncSession

from app.auth.claims import Caller
from app.auth.contactpunt import is_contactpunt
from app.auth.errors import AccessDenied
from app.db.betrokkenenverzoeken import VerzoekRepository
from app.db.casussen import new_id, now_utc
from app.db.outbox import record_event
from app.db.registry import RegistryRepository
from app.db.tables import BetrokkeneRow, CasusRow
from app.db.tables_contactpunt import BetrokkenenverzoekRow, VerzoekreactieRow
from app.db.verstrekkingen import VerstrekkingRepository
from app.domain.aanwijzing import Functie
from app.domain.datum import datum_in_toekomst
from app.domain.errors import Conflict, InvalidInput, InvalidParam, NotFound
from app.domain.mandaat import Bevoegdheid, Mandaten
from app.domain.notificatie import Actie, Kanaal
from app.domain.verwerking import Handeling
from app.rules.betrokkenenverzoek import (
    Grond41,
    Opdrachtsoort,
    Standpunt,
    Uitkomst,
    Verzoeksoort,
    uiterlijke_beslisdatum,
)
from app.rules.bsn import Bsn
from app.services.verwerkingslog import Verwerkingslog

ACTIVITEIT = "betrokkenenverzoek"


@dataclass(frozen=True, slots=True)
class RecordBetrokkenenverzoek:
    """Command: the contact point takes a data subject's request in (art. 14.1)."""

    soort: Verzoeksoort
    bsn: Bsn | None
    voornamen: str
    achternaam: str
    geboortedatum: date
    ontvangen_op: date
    omschrijving: str


@dataclass(frozen=True, slots=True)
class ExtendBetrokkenenverzoek:
    """Command: extend the term once by two months (art. 12 lid 3 AVG)."""

    motivering: str


@dataclass(frozen=True, slots=True)
class ReactToBetrokkenenverzoek:
    """Command: an involved participant's standpoint for its own part (art. 14.3-14.4).

    `grond`, `onderdelen` and `herbeoordeling_op` belong to a restriction only; None means
    not given (an empty `onderdelen` is given, and refused as missing for a restriction).
    """

    standpunt: Standpunt
    grond: Grond41 | None
    onderdelen: tuple[str, ...] | None
    herbeoordeling_op: date | None
    motivering: str | None


@dataclass(frozen=True, slots=True)
class DecideBetrokkenenverzoek:
    """Command: the decision, after every involved participant reacted (art. 14.3)."""

    uitkomst: Uitkomst
    motivering: str


@dataclass(frozen=True, slots=True)
class Persoonsgegevens:
    """The person's name and birth date, as the contact point sees them (never the BSN)."""

    voornamen: str
    achternaam: str
    geboortedatum: date


@dataclass(frozen=True, slots=True)
class Verzoekreactie:
    """One reaction of an involved participant."""

    deelnemer: str
    standpunt: Standpunt
    grond: Grond41 | None
    onderdelen: tuple[str, ...] | None
    herbeoordeling_op: date | None
    motivering: str | None
    tijdstip: datetime


@dataclass(frozen=True, slots=True)
class Opdracht:
    """What a participant must do after the decision, through the existing machinery.

    Stored in `opdrachten` as `{"deelnemer", "handeling", "onderdelen", "toelichting"}`
    (`_stored`, `_opdracht`).
    """

    deelnemer: str
    handeling: Opdrachtsoort
    onderdelen: tuple[str, ...]
    toelichting: str


@dataclass(frozen=True, slots=True)
class EigenOnderdeel:
    """A part of the person's data that is the participant's own."""

    id: str
    soort: str  # aanmelding, verstrekking or interventie
    casus: str


@dataclass(frozen=True, slots=True)
class DeelnemerStand:
    """Whether an involved participant reacted, and its standpoint."""

    deelnemer: str
    gereageerd: bool
    standpunt: Standpunt | None


@dataclass(frozen=True, slots=True)
class Betrokkenenverzoek:
    """A request as the caller may see it: an involved participant sees only its own part."""

    id: str
    soort: Verzoeksoort
    ontvangen_op: date
    uiterlijke_beslisdatum: date
    verlengd: bool
    verlenging_motivering: str | None
    open: bool
    verlopen: bool
    betrokkene: Persoonsgegevens | None
    omschrijving: str | None
    casussen: tuple[str, ...]
    betrokken_deelnemers: tuple[DeelnemerStand, ...]
    reacties: tuple[Verzoekreactie, ...]
    uitkomst: Uitkomst | None
    besluit_motivering: str | None
    besloten_op: datetime | None
    opdrachten: tuple[Opdracht, ...]
    eigen_onderdelen: tuple[EigenOnderdeel, ...]


@dataclass(frozen=True, slots=True)
class InzageRegistratie:
    casus: str
    status: str
    aanmelder: str
    aanmelddatum: date
    aanmeldreden: str | None


@dataclass(frozen=True, slots=True)
class InzageVerstrekking:
    id: str
    casus: str
    verstrekker: str
    categorie: str
    verstrekt_op: datetime
    inhoud: str | None


@dataclass(frozen=True, slots=True)
class InzageInterventie:
    id: str
    casus: str
    deelnemer: str
    omschrijving: str | None
    termijn: date


@dataclass(frozen=True, slots=True)
class Inzage:
    """The person's data across the cases, without the parts under a restriction."""

    verzoek: str
    registraties: tuple[InzageRegistratie, ...]
    verstrekkingen: tuple[InzageVerstrekking, ...]
    interventies: tuple[InzageInterventie, ...]
    weggelaten: int


@dataclass(frozen=True, slots=True)
class Wie:
    """The caller as this resource sees it."""

    caller: Caller
    behandelaar: bool  # the contact point, or the mandated network manager
    toezicht: bool  # the coordinating FG

    @property
    def sees_all(self) -> bool:
        return self.behandelaar or self.toezicht


def wie(caller: Caller, mandaten: Mandaten) -> Wie:
    return Wie(
        caller,
        is_contactpunt(caller, mandaten, Bevoegdheid.BETROKKENENVERZOEKEN),
        caller.is_coordinerend_fg,
    )


def announce(session: AsyncSession, row: BetrokkenenverzoekRow, actie: Actie) -> None:
    """Channel `betrokkenenverzoeken` (who may read it is checked at delivery)."""
    record_event(
        session,
        zvh=row.zvh,
        kanaal=Kanaal.BETROKKENENVERZOEKEN,
        resource="betrokkenenverzoek",
        resource_id=row.id,
        pad=f"/v1/betrokkenenverzoeken/{row.id}",
        actie=actie,
    )


def _behandelaar(w: Wie) -> None:
    if not w.behandelaar:
        raise AccessDenied(
            "Verzoeken van betrokkenen behandelt het aangewezen contactpunt, of de daartoe "
            "gemandateerde netwerkmanager (art. 14.1 en 14.7 bestuurlijke afspraken)."
        )


async def _log(
    session: AsyncSession,
    log: Verwerkingslog,
    caller: Caller,
    handeling: Handeling,
    casus_ids: Sequence[str],
) -> None:
    """One record per case of the person (with its pseudonym), or one without a case."""
    if not casus_ids:
        log.record(caller, ACTIVITEIT, handeling)
        return
    rows = await session.execute(
        select(BetrokkeneRow.casus_id, BetrokkeneRow.pseudoniem).where(
            BetrokkeneRow.casus_id.in_(list(casus_ids))
        )
    )
    pseudoniemen: dict[str, str] = {str(r[0]): str(r[1]) for r in rows.all()}
    for casus_id in casus_ids:
        log.record(
            caller, ACTIVITEIT, handeling, casus_id=casus_id, betrokkene=pseudoniemen.get(casus_id)
        )


def _laatste(reacties: Sequence[VerzoekreactieRow]) -> dict[str, VerzoekreactieRow]:
    """Each participant's standpoint: its latest reaction."""
    laatste: dict[str, VerzoekreactieRow] = {}
    for r in sorted(reacties, key=lambda r: r.volgnummer):
        laatste[r.deelnemer] = r
    return laatste


def beperkt(reacties: Sequence[VerzoekreactieRow]) -> set[str]:
    """The parts under a restriction in force (a later geen-bezwaar lifts it)."""
    return {
        onderdeel
        for r in _laatste(reacties).values()
        if r.standpunt == Standpunt.BEPERKING.value
        for onderdeel in r.onderdelen or []
    }


def _reactie(r: VerzoekreactieRow) -> Verzoekreactie:
    return Verzoekreactie(
        deelnemer=r.deelnemer,
        standpunt=Standpunt(r.standpunt),
        grond=Grond41(r.grond) if r.grond else None,
        onderdelen=tuple(r.onderdelen) if r.onderdelen is not None else None,
        herbeoordeling_op=r.herbeoordeling_op,
        motivering=r.motivering,
        tijdstip=r.tijdstip,
    )


def _stored(opdracht: Opdracht) -> dict[str, object]:
    """An order as `opdrachten` stores it (single-word keys, the wire's own)."""
    return {
        "deelnemer": opdracht.deelnemer,
        "handeling": opdracht.handeling.value,
        "onderdelen": list(opdracht.onderdelen),
        "toelichting": opdracht.toelichting,
    }


def _opdracht(stored: Mapping[str, Any]) -> Opdracht:
    return Opdracht(
        deelnemer=stored["deelnemer"],
        handeling=Opdrachtsoort(stored["handeling"]),
        onderdelen=tuple(stored["onderdelen"]),
        toelichting=stored["toelichting"],
    )


async def _eigen_casussen(
    session: AsyncSession, row: BetrokkenenverzoekRow, deelnemer: str
) -> list[str]:
    """The request's cases in which the participant took part."""
    repo = VerzoekRepository(session)
    casussen = list(await session.scalars(select(CasusRow).where(CasusRow.id.in_(row.casussen))))
    eigen = []
    for casus in casussen:
        if deelnemer in await repo.deelnemers_van([casus]):
            eigen.append(casus.id)
    return sorted(eigen)


async def render(
    session: AsyncSession,
    w: Wie,
    row: BetrokkenenverzoekRow,
    reacties: Sequence[VerzoekreactieRow],
    vandaag: date,
) -> Betrokkenenverzoek:
    laatste = _laatste(reacties)
    eigen = w.caller.deelnemer
    zichtbaar = reacties if w.sees_all else [r for r in reacties if r.deelnemer == eigen]
    opdrachten = [_opdracht(o) for o in row.opdrachten or []]
    if not w.sees_all:
        opdrachten = [o for o in opdrachten if o.deelnemer == eigen]
    deelnemers = row.betrokken_deelnemers if w.sees_all else [eigen]
    onderdelen = [] if w.sees_all else await eigen_onderdelen(session, row, eigen)
    return Betrokkenenverzoek(
        id=row.id,
        soort=Verzoeksoort(row.soort),
        ontvangen_op=row.ontvangen_op,
        uiterlijke_beslisdatum=row.uiterlijke_beslisdatum,
        verlengd=row.verlengd_op is not None,
        verlenging_motivering=row.verlenging_motivering,
        open=row.besloten_op is None,
        verlopen=row.besloten_op is None and vandaag > row.uiterlijke_beslisdatum,
        betrokkene=(
            Persoonsgegevens(row.voornamen, row.achternaam, row.geboortedatum)
            if w.behandelaar
            else None
        ),
        omschrijving=row.omschrijving if w.sees_all else None,
        casussen=tuple(row.casussen if w.sees_all else await _eigen_casussen(session, row, eigen)),
        betrokken_deelnemers=tuple(
            DeelnemerStand(
                deelnemer=d,
                gereageerd=d in laatste,
                standpunt=Standpunt(laatste[d].standpunt) if d in laatste else None,
            )
            for d in deelnemers
        ),
        reacties=tuple(_reactie(r) for r in zichtbaar),
        uitkomst=Uitkomst(row.uitkomst) if row.uitkomst else None,
        besluit_motivering=row.besluit_motivering,
        besloten_op=row.besloten_op,
        opdrachten=tuple(opdrachten),
        eigen_onderdelen=tuple(onderdelen),
    )


async def create(
    session: AsyncSession,
    log: Verwerkingslog,
    w: Wie,
    nieuw: RecordBetrokkenenverzoek,
    vandaag: date,
) -> Betrokkenenverzoek:
    _behandelaar(w)
    caller = w.caller
    if toekomst := datum_in_toekomst("ontvangenOp", nieuw.ontvangen_op, vandaag):
        raise InvalidInput([toekomst])
    repo = VerzoekRepository(session)
    gevonden = await repo.casussen_van_persoon(
        caller.zvh,
        bsn=nieuw.bsn.value if nieuw.bsn else None,
        voornamen=nieuw.voornamen,
        achternaam=nieuw.achternaam,
        geboortedatum=nieuw.geboortedatum,
    )
    casussen = [c for c, _ in gevonden]
    deelnemers = await repo.deelnemers_van(casussen)
    archief = (await RegistryRepository(session).aanwijzingen(caller.zvh)).van(
        Functie.ARCHIEFBEHEERDER
    )
    if archief is not None and await repo.heeft_archief(caller.zvh):
        deelnemers.add(archief)
    row = BetrokkenenverzoekRow(
        id=new_id(),
        zvh=caller.zvh,
        soort=nieuw.soort.value,
        bsn=nieuw.bsn.value if nieuw.bsn else None,
        voornamen=nieuw.voornamen,
        achternaam=nieuw.achternaam,
        geboortedatum=nieuw.geboortedatum,
        ontvangen_op=nieuw.ontvangen_op,
        omschrijving=nieuw.omschrijving,
        uiterlijke_beslisdatum=uiterlijke_beslisdatum(nieuw.ontvangen_op, verlengd=False),
        casussen=[c.id for c in casussen],
        betrokken_deelnemers=sorted(deelnemers),
        aangemaakt_op=now_utc(),
        aangemaakt_door=caller.deelnemer,
    )
    repo.add(row)
    await session.flush()
    await _log(session, log, caller, Handeling.VASTLEGGEN, row.casussen)
    announce(session, row, Actie.AANGEMAAKT)
    return await render(session, w, row, [], vandaag)


async def _load(
    session: AsyncSession, w: Wie, verzoek_id: str, *, for_update: bool = False
) -> tuple[BetrokkenenverzoekRow, Sequence[VerzoekreactieRow]]:
    repo = VerzoekRepository(session)
    row = await repo.get(w.caller.zvh, verzoek_id, for_update=for_update)
    if row is None:
        raise NotFound("Dit verzoek bestaat niet in uw samenwerkingsverband.")
    if not w.sees_all and w.caller.deelnemer not in row.betrokken_deelnemers:
        raise AccessDenied(
            "Een verzoek van een betrokkene ziet het contactpunt, de coördinerend FG en "
            "iedere deelnemer die erbij betrokken is, voor zijn eigen deel."
        )
    return row, await repo.reacties([row.id])


def _open(row: BetrokkenenverzoekRow) -> None:
    if row.besloten_op is not None:
        raise Conflict("Op dit verzoek is al besloten.", code="verzoek-al-besloten")


async def get(
    session: AsyncSession, log: Verwerkingslog, w: Wie, verzoek_id: str, vandaag: date
) -> Betrokkenenverzoek:
    row, reacties = await _load(session, w, verzoek_id)
    await _log(session, log, w.caller, Handeling.RAADPLEGEN, row.casussen)
    return await render(session, w, row, reacties, vandaag)


async def list_visible(
    session: AsyncSession, log: Verwerkingslog, w: Wie, alleen_open: bool, vandaag: date
) -> list[Betrokkenenverzoek]:
    repo = VerzoekRepository(session)
    rows = [
        r
        for r in await repo.all(w.caller.zvh, alleen_open=alleen_open)
        if w.sees_all or w.caller.deelnemer in r.betrokken_deelnemers
    ]
    reacties = await repo.reacties([r.id for r in rows])
    per_verzoek: dict[str, list[VerzoekreactieRow]] = {}
    for r in reacties:
        per_verzoek.setdefault(r.verzoek_id, []).append(r)
    log.record(w.caller, ACTIVITEIT, Handeling.RAADPLEGEN)
    return [await render(session, w, r, per_verzoek.get(r.id, []), vandaag) for r in rows]


async def extend(
    session: AsyncSession,
    log: Verwerkingslog,
    w: Wie,
    verzoek_id: str,
    verlenging: ExtendBetrokkenenverzoek,
    vandaag: date,
) -> Betrokkenenverzoek:
    _behandelaar(w)
    row, reacties = await _load(session, w, verzoek_id, for_update=True)
    _open(row)
    if row.verlengd_op is not None:
        raise Conflict(
            "De termijn is al eens verlengd; dat kan maar één keer (art. 12 lid 3 AVG).",
            code="verzoek-al-verlengd",
        )
    if vandaag > row.uiterlijke_beslisdatum:
        raise Conflict(
            "De termijn is verstreken; verlengen kan alleen binnen de eerste maand "
            "(art. 12 lid 3 AVG).",
            code="termijn-verstreken",
        )
    row.verlengd_op = now_utc()
    row.verlenging_motivering = verlenging.motivering
    row.uiterlijke_beslisdatum = uiterlijke_beslisdatum(row.ontvangen_op, verlengd=True)
    await _log(session, log, w.caller, Handeling.WIJZIGEN, row.casussen)
    announce(session, row, Actie.GEWIJZIGD)
    return await render(session, w, row, reacties, vandaag)


async def eigen_onderdelen(
    session: AsyncSession, row: BetrokkenenverzoekRow, deelnemer: str
) -> list[EigenOnderdeel]:
    """The parts of the person's data that are the participant's own: its registrations
    (the case id), its supplies and its interventions in the current plans."""
    casussen = list(
        await session.scalars(
            select(CasusRow).where(CasusRow.id.in_(row.casussen)).order_by(CasusRow.id)
        )
    )
    eigen = [
        EigenOnderdeel(id=c.id, soort="aanmelding", casus=c.id)
        for c in casussen
        if c.aanmelder == deelnemer
    ]
    verstrekkingen = VerstrekkingRepository(session)
    for casus in casussen:
        eigen += [
            EigenOnderdeel(id=v.row.id, soort="verstrekking", casus=casus.id)
            for v in await verstrekkingen.verstrekkingen(casus.id)
            if v.row.deelnemer == deelnemer
        ]
    eigen += [
        EigenOnderdeel(id=i.id, soort="interventie", casus=casus_id)
        for casus_id, i in await VerzoekRepository(session).interventies(row.casussen)
        if i.deelnemer == deelnemer
    ]
    return eigen


async def _eigen_onderdelen(
    session: AsyncSession, row: BetrokkenenverzoekRow, deelnemer: str
) -> set[str]:
    return {o.id for o in await eigen_onderdelen(session, row, deelnemer)}


async def react(
    session: AsyncSession,
    log: Verwerkingslog,
    w: Wie,
    verzoek_id: str,
    reactie: ReactToBetrokkenenverzoek,
    vandaag: date,
) -> Betrokkenenverzoek:
    caller = w.caller
    repo = VerzoekRepository(session)
    row = await repo.get(caller.zvh, verzoek_id, for_update=True)
    if row is None:
        raise NotFound("Dit verzoek bestaat niet in uw samenwerkingsverband.")
    if caller.deelnemer not in row.betrokken_deelnemers:
        raise AccessDenied(
            "Alleen een deelnemer die bij de verwerking betrokken was of is, reageert, voor "
            "zijn eigen deel (art. 14.3 bestuurlijke afspraken)."
        )
    eerder = _laatste(await repo.reacties([row.id])).get(caller.deelnemer)
    opheffing = (
        reactie.standpunt is Standpunt.GEEN_BEZWAAR
        and eerder is not None
        and eerder.standpunt == Standpunt.BEPERKING.value
    )
    # After the decision a participant can still lift its restriction: the request refused
    # for those parts is then honoured after all (model art. 14.4).
    if not opheffing:
        _open(row)
    problems: list[InvalidParam] = []
    if reactie.standpunt is Standpunt.BEPERKING:
        for naam, waarde in (
            ("grond", reactie.grond),
            ("onderdelen", reactie.onderdelen),
            ("herbeoordelingOp", reactie.herbeoordeling_op),
        ):
            if not waarde:
                problems.append(
                    InvalidParam(
                        naam,
                        "waarde-ontbreekt",
                        "Een beperking noemt haar grond (art. 41 lid 1 UAVG), de onderdelen "
                        "die zij dekt en een datum van herbeoordeling.",
                    )
                )
        if reactie.herbeoordeling_op is not None and reactie.herbeoordeling_op <= vandaag:
            problems.append(
                InvalidParam(
                    "herbeoordelingOp",
                    "herbeoordeling-niet-in-toekomst",
                    "De herbeoordeling ligt na vandaag.",
                )
            )
        if reactie.onderdelen:
            eigen = await _eigen_onderdelen(session, row, caller.deelnemer)
            for i, onderdeel in enumerate(reactie.onderdelen):
                if onderdeel not in eigen:
                    problems.append(
                        InvalidParam(
                            f"onderdelen[{i}]",
                            "onderdeel-niet-eigen",
                            "Een deelnemer beperkt alleen zijn eigen onderdelen: een eigen "
                            "verstrekking, aanmelding of interventie in een casus van deze persoon.",
                        )
                    )
    else:
        for naam, waarde in (
            ("grond", reactie.grond),
            ("onderdelen", reactie.onderdelen),
            ("herbeoordelingOp", reactie.herbeoordeling_op),
        ):
            if waarde is not None:
                problems.append(
                    InvalidParam(
                        naam, "hoort-bij-beperking", "Dit veld hoort alleen bij een beperking."
                    )
                )
    if problems:
        raise InvalidInput(problems)
    repo.add(
        VerzoekreactieRow(
            id=new_id(),
            verzoek_id=row.id,
            volgnummer=await repo.next_number(row.id),
            deelnemer=caller.deelnemer,
            standpunt=reactie.standpunt.value,
            grond=reactie.grond.value if reactie.grond else None,
            onderdelen=list(reactie.onderdelen) if reactie.onderdelen else None,
            herbeoordeling_op=reactie.herbeoordeling_op,
            motivering=reactie.motivering,
            sub=caller.claims.sub,
            tijdstip=now_utc(),
        )
    )
    if opheffing and eerder is not None and row.besloten_op is not None:
        _honour_after_all(row, caller.deelnemer, eerder.onderdelen or [])
    await session.flush()
    await _log(session, log, caller, Handeling.VASTLEGGEN, row.casussen)
    announce(session, row, Actie.GEWIJZIGD)
    return await render(session, w, row, await repo.reacties([row.id]), vandaag)


def _honour_after_all(row: BetrokkenenverzoekRow, deelnemer: str, onderdelen: list[str]) -> None:
    """A restriction lifted after the decision: the parts it covered are now handled as the
    decision says (model art. 14.4); for inzage they appear in the overview again."""
    soort = Verzoeksoort(row.soort)
    if soort is Verzoeksoort.INZAGE or row.uitkomst == Uitkomst.AFGEWEZEN.value:
        return
    handeling, toelichting = _HANDELING[soort]
    opdracht = Opdracht(
        deelnemer,
        handeling,
        tuple(sorted(onderdelen)),
        toelichting + " Na opheffing van de beperking (art. 14.4).",
    )
    row.opdrachten = [*(row.opdrachten or []), _stored(opdracht)]


async def inzage(session: AsyncSession, log: Verwerkingslog, w: Wie, verzoek_id: str) -> Inzage:
    """The person's data across the cases, without the parts under a restriction."""
    _behandelaar(w)
    row, reacties = await _load(session, w, verzoek_id)
    weg = beperkt(reacties)
    casussen = list(
        await session.scalars(
            select(CasusRow).where(CasusRow.id.in_(row.casussen)).order_by(CasusRow.aanmelddatum)
        )
    )
    weggelaten = 0
    registraties = []
    for c in casussen:
        if c.id in weg:
            weggelaten += 1
            continue
        registraties.append(
            InzageRegistratie(
                casus=c.id,
                status=c.status,
                aanmelder=c.aanmelder,
                aanmelddatum=c.aanmelddatum,
                aanmeldreden=c.aanmeldreden,
            )
        )
    verstrekkingen = []
    repo = VerstrekkingRepository(session)
    for c in casussen:
        for v in await repo.verstrekkingen(c.id):
            if v.row.id in weg:
                weggelaten += 1
                continue
            verstrekkingen.append(
                InzageVerstrekking(
                    id=v.row.id,
                    casus=c.id,
                    verstrekker=v.row.deelnemer,
                    categorie=v.row.categorie,
                    verstrekt_op=v.row.verstrekt_op,
                    inhoud=v.huidig.inhoud,
                )
            )
    interventies = []
    for casus_id, i in await VerzoekRepository(session).interventies(row.casussen):
        if i.id in weg:
            weggelaten += 1
            continue
        interventies.append(
            InzageInterventie(
                id=i.id,
                casus=casus_id,
                deelnemer=i.deelnemer,
                omschrijving=i.omschrijving,
                termijn=i.termijn,
            )
        )
    await _log(session, log, w.caller, Handeling.RAADPLEGEN, row.casussen)
    return Inzage(
        verzoek=row.id,
        registraties=tuple(registraties),
        verstrekkingen=tuple(verstrekkingen),
        interventies=tuple(interventies),
        weggelaten=weggelaten,
    )


_HANDELING = {
    Verzoeksoort.RECTIFICATIE: (
        Opdrachtsoort.CORRIGEREN,
        "Corrigeer de onjuiste gegevens als verstrekker via de correctie van de verstrekking "
        "(art. 1.6 BGS); de eerdere versie blijft in de geschiedenis.",
    ),
    Verzoeksoort.WISSING: (
        Opdrachtsoort.WISSEN,
        "Wis via de bewaartermijnen: vervroeg het einde van de verwerking van deze "
        "onderdelen, zodat de archivering ze anonimiseert (art. 1.8 lid 7 WGS, art. 17 AVG).",
    ),
    Verzoeksoort.BEPERKING: (
        Opdrachtsoort.BEPERKEN,
        "Verwerk deze onderdelen niet verder dan opslag tot de beperking eindigt (art. 18 AVG).",
    ),
    Verzoeksoort.BEZWAAR: (
        Opdrachtsoort.VERWERKING_STAKEN,
        "Staak de verwerking van deze onderdelen, tenzij dwingende gerechtvaardigde gronden "
        "zwaarder wegen (art. 21 AVG).",
    ),
}


async def decide(
    session: AsyncSession,
    log: Verwerkingslog,
    w: Wie,
    verzoek_id: str,
    besluit: DecideBetrokkenenverzoek,
    vandaag: date,
) -> Betrokkenenverzoek:
    _behandelaar(w)
    row, reacties = await _load(session, w, verzoek_id, for_update=True)
    _open(row)
    laatste = _laatste(reacties)
    ontbreekt = [d for d in row.betrokken_deelnemers if d not in laatste]
    if ontbreekt:
        raise Conflict(
            "Nog niet iedere betrokken deelnemer reageerde (art. 14.3 bestuurlijke afspraken): "
            + ", ".join(ontbreekt)
            + ".",
            code="reacties-ontbreken",
        )
    weg = beperkt(reacties)
    if weg and besluit.uitkomst is Uitkomst.TOEGEWEZEN:
        raise InvalidInput(
            [
                InvalidParam(
                    "uitkomst",
                    "uitkomst-strijdig-met-beperking",
                    "Er geldt een beperking (art. 41 UAVG): het verzoek is hooguit deels toe "
                    "te wijzen, tot de deelnemer haar opheft (art. 14.4).",
                )
            ]
        )
    soort = Verzoeksoort(row.soort)
    opdrachten: list[Opdracht] = []
    if soort is not Verzoeksoort.INZAGE and besluit.uitkomst is not Uitkomst.AFGEWEZEN:
        handeling, toelichting = _HANDELING[soort]
        for deelnemer in row.betrokken_deelnemers:
            onderdelen = sorted(await _eigen_onderdelen(session, row, deelnemer) - weg)
            if onderdelen:
                opdrachten.append(Opdracht(deelnemer, handeling, tuple(onderdelen), toelichting))
    row.uitkomst = besluit.uitkomst.value
    row.besluit_motivering = besluit.motivering
    row.opdrachten = [_stored(o) for o in opdrachten]
    row.besloten_op = now_utc()
    row.besloten_door = w.caller.deelnemer
    announce(session, row, Actie.BESLOTEN)
    await _log(session, log, w.caller, Handeling.VASTLEGGEN, row.casussen)
    return await render(session, w, row, reacties, vandaag)
