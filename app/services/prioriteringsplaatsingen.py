"""Placement on, removal from and re-evaluation of a priority list (art. 2.32(2)-(4) WGS).

Callers were authorised by the route's policy (joint controllers only); lists and cases
are looked up within the caller's partnership, so another partnership's are not found.
Every placement and removal is in the processing log with the case and the data
subject's pseudonym; nothing personal goes into the application log or CLI output.
"""

import uuid
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import UTC, date, datetime
from typing import TYPE_CHECKING

from sqlalchemy.exc import IntegrityError
from sqlalchemy.ext.asyncio import AsyncSession

from app.auth.case_policy import CasusActie
from app.auth.claims import Caller
from app.db.casussen import CasusRepository
from app.db.plaatsingen import PlaatsingRepository
from app.db.prioritering import PrioriteringRepository
from app.db.registry_cache import RegistryCache
from app.db.session import Database
from app.db.tables_plaatsing import PrioriteringsplaatsingRow
from app.domain.casus import Casusstatus
from app.domain.datum import datum_in_toekomst
from app.domain.deelnemer import REGISTERED_TYPES
from app.domain.errors import Conflict, InvalidInput, InvalidParam, NotFound
from app.domain.plaatsing import (
    Plaatsing,
    Verwijdering,
    Verwijderreden,
    check_toegelaten,
    getelde_feiten,
    onvoldaan,
    reassess,
    vervallen_toelichting,
)
from app.domain.prioritering import Feit
from app.domain.prioriteringslijst import Lijststatus, Prioriteringslijst
from app.domain.verwerking import Handeling
from app.rules.prioritering import compile_criteria, evaluate, parse_criteria, problems_in_feit
from app.rules.prioritering_verval import vervaldatum
from app.services.casussen import open_casus
from app.services.handlers import VERWIJDEREN
from app.services.prioriteringslijsten import get_lijst
from app.services.verwerkingslog import Verwerker, Verwerkingslog

if TYPE_CHECKING:
    from app.progress import Voortgang

PLAATSEN = "prioriteringslijst-plaatsen"
TOETSEN = "prioriteringslijst-toetsen"


def _plaatsing(row: PrioriteringsplaatsingRow, feiten: Sequence[Feit]) -> Plaatsing:
    verwijdering = None
    if row.verwijderd_op is not None:
        assert row.verwijderd_door is not None
        assert row.verwijderreden is not None
        verwijdering = Verwijdering(
            op=_utc(row.verwijderd_op),
            door=row.verwijderd_door,
            reden=Verwijderreden(row.verwijderreden),
            toelichting=row.verwijdertoelichting or "",
        )
    return Plaatsing(
        id=row.id,
        lijst_id=row.lijst_id,
        versie=row.versie,
        casus_id=row.casus_id,
        peildatum=row.peildatum,
        geplaatst_op=_utc(row.geplaatst_op),
        geplaatst_door=row.geplaatst_door,
        beoordeeld_op=row.beoordeeld_op,
        beoordeeld_versie=row.beoordeeld_versie,
        feiten=tuple(feiten),
        verwijdering=verwijdering,
        vervalt_op=row.vervalt_op,
    )


def _utc(moment: datetime) -> datetime:
    # SQLite hands back naive datetimes; what was stored is UTC.
    return moment if moment.tzinfo is not None else moment.replace(tzinfo=UTC)


def _peildatum_problems(
    peildatum: date, vandaag: date, name: str = "peildatum"
) -> list[InvalidParam]:
    toekomst = datum_in_toekomst(
        name,
        peildatum,
        vandaag,
        "De peildatum ligt in de toekomst; de criteria gelden voor de toestand van nu of eerder.",
    )
    if toekomst is not None:
        return [toekomst]
    return []


async def place(
    session: AsyncSession,
    cache: RegistryCache,
    log: Verwerkingslog,
    caller: Caller,
    lijst_id: str,
    casus_id: str,
    peildatum: date | None,
    feiten: Sequence[Feit],
    *,
    vandaag: date,
) -> Plaatsing:
    """Put an admitted case on a published list when its facts meet the criteria today,
    and on the peildatum when one is given (a placement must hold now, not only then)."""
    lijst = await get_lijst(session, caller, lijst_id)
    versie = lijst.version_to_apply()
    toegang = await open_casus(
        session,
        log,
        caller,
        casus_id,
        CasusActie.PRIORITERINGSLIJST_PLAATSEN,
        activiteit=PLAATSEN,
        handeling=Handeling.VASTLEGGEN,
    )
    deelnemers = (await cache.snapshot(session, caller.zvh)).deelnemers
    bronnen = {k: d for k, d in deelnemers.items() if d.deelnemertype in REGISTERED_TYPES}
    dag = vandaag
    peildatum = peildatum or dag
    problems = _peildatum_problems(peildatum, dag)
    for i, feit in enumerate(feiten):
        problems += problems_in_feit(feit, bronnen, f"feiten.{i}")
    if problems:
        raise InvalidInput(problems)
    check_toegelaten(Casusstatus(toegang.casus.status))
    repo = PlaatsingRepository(session)
    bestaand = await repo.huidige(lijst.id, toegang.casus.id, for_update=True)
    if bestaand is not None:
        if _geldig(bestaand, dag):
            raise Conflict(
                "Deze casus staat al op deze prioriteringslijst.", code="casus-al-geplaatst"
            )
        # Expired but not yet removed by the daily re-evaluation: it counts nowhere, so
        # end it now (its facts erased) and judge the new placement on its own facts.
        await _end_expired(repo, bestaand, caller, toegang.pseudoniem, log, dag)
    expressie = parse_criteria(versie.criteria)
    uitkomsten = {d: evaluate(expressie, feiten, d) for d in sorted({peildatum, dag})}
    niet = [(d, u) for d, u in uitkomsten.items() if not u.voldoet]
    if niet:
        # Nothing about the candidate is stored (art. 2.32 lid 4 WGS).
        raise Conflict(
            f"De feiten voldoen niet aan versie {versie.versie} van de objectieve criteria "
            "(art. 2.32 lid 2 WGS); een plaatsing vraagt dat zij vandaag voldoen, en op de "
            "peildatum als die is gegeven. Er is niets vastgelegd. "
            + " ".join(f"Op {d.isoformat()}: " + "; ".join(onvoldaan(u)) + "." for d, u in niet),
            code="criteria-niet-voldaan",
        )
    getelde = getelde_feiten(feiten, *uitkomsten.values())
    row = PrioriteringsplaatsingRow(
        id=str(uuid.uuid4()),
        zvh=caller.zvh,
        lijst_id=lijst.id,
        versie=versie.versie,
        casus_id=toegang.casus.id,
        peildatum=peildatum,
        geplaatst_op=datetime.now(UTC),
        geplaatst_door=caller.deelnemer,
        geplaatst_sub=caller.claims.sub,
        vervalt_op=vervaldatum(expressie, getelde, dag),
    )
    try:
        await repo.add(row, getelde)
    except IntegrityError:
        # A concurrent placement of the same case won the race (unique current placement).
        raise Conflict(
            "Deze casus staat al op deze prioriteringslijst.", code="casus-al-geplaatst"
        ) from None
    return _plaatsing(row, getelde)


def _geldig(row: PrioriteringsplaatsingRow, dag: date) -> bool:
    return row.verwijderd_op is None and row.vervalt_op is not None and dag < row.vervalt_op


async def _end_expired(
    repo: PlaatsingRepository,
    row: PrioriteringsplaatsingRow,
    caller: Caller,
    pseudoniem: str | None,
    log: Verwerkingslog,
    vandaag: date,
) -> None:
    log.record(
        caller, VERWIJDEREN, Handeling.WIJZIGEN, casus_id=row.casus_id, betrokkene=pseudoniem
    )
    await repo.verwijder(
        row,
        op=datetime.now(UTC),
        door=caller.deelnemer,
        sub=caller.claims.sub,
        reden=Verwijderreden.CRITERIA_NIET_MEER_VOLDAAN.value,
        toelichting=vervallen_toelichting(row.vervalt_op or vandaag),
    )


async def list_plaatsingen(
    session: AsyncSession,
    caller: Caller,
    lijst_id: str,
    *,
    inclusief_verwijderd: bool,
    vandaag: date,
) -> tuple[Prioriteringslijst, list[Plaatsing]]:
    """The placements that count today; with `inclusief_verwijderd` also the ended and
    expired ones. Only a placement that counts shows its facts."""
    lijst = await get_lijst(session, caller, lijst_id)
    repo = PlaatsingRepository(session)
    dag = vandaag
    rows = await repo.find(caller.zvh, lijst.id, dag, inclusief_verwijderd=inclusief_verwijderd)
    feiten = await repo.feiten([r.id for r in rows if _geldig(r, dag)])
    return lijst, [_plaatsing(r, feiten.get(r.id, [])) for r in rows]


async def _pseudoniem(session: AsyncSession, casus_id: str) -> str | None:
    betrokkene = await CasusRepository(session).betrokkene(casus_id)
    return betrokkene.pseudoniem if betrokkene else None


async def remove(
    session: AsyncSession,
    log: Verwerkingslog,
    caller: Caller,
    lijst_id: str,
    plaatsing_id: str,
    reden: str,
) -> Plaatsing:
    """The joint controllers take a case off the list (art. 2.32 lid 4 WGS); facts deleted."""
    lijst = await get_lijst(session, caller, lijst_id)
    repo = PlaatsingRepository(session)
    row = await repo.get(caller.zvh, lijst.id, plaatsing_id, for_update=True)
    if row is None:
        log.record(caller, VERWIJDEREN, Handeling.WIJZIGEN)
        raise NotFound(f"Plaatsing {plaatsing_id} bestaat niet op deze prioriteringslijst.")
    log.record(
        caller,
        VERWIJDEREN,
        Handeling.WIJZIGEN,
        casus_id=row.casus_id,
        betrokkene=await _pseudoniem(session, row.casus_id),
    )
    if row.verwijderd_op is not None:
        raise Conflict("Deze plaatsing is al beëindigd.", code="plaatsing-al-verwijderd")
    await repo.verwijder(
        row,
        op=datetime.now(UTC),
        door=caller.deelnemer,
        sub=caller.claims.sub,
        reden=Verwijderreden.NIET_LANGER_NODIG.value,
        toelichting=reden,
    )
    return _plaatsing(row, ())


@dataclass(frozen=True, slots=True)
class Verwijderd:
    """A placement removed by a re-evaluation (no personal data)."""

    plaatsing_id: str
    casus_id: str
    reden: Verwijderreden
    toelichting: str


@dataclass(frozen=True, slots=True)
class Herbeoordelingsresultaat:
    lijst_id: str
    versie: int
    peildatum: date
    beoordeeld: int
    gehandhaafd: int
    niet_beoordeeld: int  # placed on a later peildatum than this re-evaluation's
    verwijderd: tuple[Verwijderd, ...]


async def reevaluate_lijst(
    session: AsyncSession,
    lijst: Prioriteringslijst,
    peildatum: date,
    log: Verwerkingslog,
    door: Verwerker,
    *,
    vandaag: date,
) -> Herbeoordelingsresultaat:
    """Re-evaluate every current placement, today and on `peildatum`, with the version in force.

    A placement whose case left the process of art. 2.31 WGS (closed, rejected), or whose
    stored facts no longer meet the criteria today or on the peildatum (facts age out of
    the window), is removed at once with the reason recorded and its facts deleted (art.
    2.32 lid 4 WGS); one that stays gets its `vervalt_op` recomputed for this version.
    Running it again on the same day changes nothing more.
    """
    versie = lijst.version_to_apply()
    expressie = parse_criteria(versie.criteria)
    dag = vandaag
    op_vandaag = compile_criteria(expressie, dag)
    op_peildatum = op_vandaag if peildatum == dag else compile_criteria(expressie, peildatum)
    repo = PlaatsingRepository(session)
    huidige = await repo.huidige_met_casus(lijst.zvh, lijst.id)
    feiten = await repo.feiten([p.id for p, _c, _b in huidige])
    verwijderd: list[Verwijderd] = []
    gehandhaafd = niet_beoordeeld = 0
    nu = datetime.now(UTC)
    for plaatsing, casus, pseudoniem in huidige:
        if plaatsing.peildatum > peildatum:
            niet_beoordeeld += 1
            continue
        uitkomst = reassess(
            Casusstatus(casus.status),
            feiten[plaatsing.id],
            [(peildatum, op_peildatum), (dag, op_vandaag)],
            versie.versie,
        )
        if uitkomst.reden is None:
            log.record(
                door, TOETSEN, Handeling.RAADPLEGEN, casus_id=casus.id, betrokkene=pseudoniem
            )
            verval = vervaldatum(expressie, feiten[plaatsing.id], dag)
            await repo.beoordeeld(plaatsing, peildatum, versie.versie, verval)
            gehandhaafd += 1
            continue
        assert uitkomst.toelichting is not None
        log.record(door, VERWIJDEREN, Handeling.WIJZIGEN, casus_id=casus.id, betrokkene=pseudoniem)
        await repo.verwijder(
            plaatsing,
            op=nu,
            door=door.deelnemer,
            sub=door.sub,
            reden=uitkomst.reden.value,
            toelichting=uitkomst.toelichting,
        )
        verwijderd.append(Verwijderd(plaatsing.id, casus.id, uitkomst.reden, uitkomst.toelichting))
    return Herbeoordelingsresultaat(
        lijst_id=lijst.id,
        versie=versie.versie,
        peildatum=peildatum,
        beoordeeld=gehandhaafd + len(verwijderd),
        gehandhaafd=gehandhaafd,
        niet_beoordeeld=niet_beoordeeld,
        verwijderd=tuple(verwijderd),
    )


async def reevaluate(
    session: AsyncSession,
    log: Verwerkingslog,
    caller: Caller,
    lijst_id: str,
    peildatum: date,
    *,
    vandaag: date,
) -> Herbeoordelingsresultaat:
    """The endpoint's re-evaluation: one list, by a joint controller."""
    problems = _peildatum_problems(peildatum, vandaag)
    lijst = await PrioriteringRepository(session).get(caller.zvh, lijst_id, for_update=True)
    if lijst is None:
        raise NotFound(f"Prioriteringslijst {lijst_id} bestaat niet in dit samenwerkingsverband.")
    lijst.version_to_apply()
    if problems:
        raise InvalidInput(problems)
    return await reevaluate_lijst(
        session, lijst, peildatum, log, Verwerker.van(caller), vandaag=vandaag
    )


CLI_SUB = "zvh priority-lists reevaluate"


async def reevaluate_all(
    database: Database,
    peildatum: date,
    zvh: str | None = None,
    voortgang: "Voortgang | None" = None,
    *,
    vandaag: date,
) -> list[Herbeoordelingsresultaat]:
    """Re-evaluate every published list (of one partnership, or all), each list in its own
    transaction: a failure leaves the lists already done re-evaluated."""
    async with database.session() as session:
        lijsten = await PrioriteringRepository(session).gepubliceerde(zvh)
    if voortgang is not None:
        voortgang.start(len(lijsten), "published lists")
    resultaten: list[Herbeoordelingsresultaat] = []
    for lijst_zvh, lijst_id in lijsten:
        async with database.session() as session, session.begin():
            lijst = await PrioriteringRepository(session).get(lijst_zvh, lijst_id, for_update=True)
            if lijst is None or lijst.status is not Lijststatus.GEPUBLICEERD:
                if voortgang is not None:
                    voortgang.advance(1)
                continue  # withdrawn meanwhile
            log = Verwerkingslog()
            resultaat = await reevaluate_lijst(
                session,
                lijst,
                peildatum,
                log,
                Verwerker.systeem(lijst_zvh, CLI_SUB),
                vandaag=vandaag,
            )
            await log.write(session)
            resultaten.append(resultaat)
        if voortgang is not None:
            voortgang.advance(1)
    return resultaten
