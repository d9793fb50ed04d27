"""Use cases of the case process (art. 2.31 WGS): register, decide, close, reopen.

Every entry point first opens the case (app/services/casustoegang.py: load, record the
attempt in the processing log, ask the policy); only then is the request body looked at.
A decision takes a command (app/services/commands.py), is made by the `Casus` aggregate
(app/domain/casus.py), is stored, and its events are dispatched in the same transaction
(app/services/handlers.py).
"""

from datetime import date, datetime

from sqlalchemy.ext.asyncio import AsyncSession

from app.auth.claims import Caller
from app.db.casussen import CasusRepository, new_id, now_utc
from app.db.outbox import record_event
from app.db.tables import (
    BetrokkeneRow,
    CasusgebeurtenisRow,
    CasusRow,
    CriteriabeoordelingRow,
    OmgevingspersoonRow,
)
from app.domain.casus import Casus, Casusstatus, Gebeurtenissoort
from app.domain.criteria import (
    Criteria,
    Fase,
    Toetsingsuitkomst,
    VastgelegdeCriteria,
    stored_uitkomst,
)
from app.domain.datum import datum_in_toekomst
from app.domain.errors import Conflict, InvalidInput, InvalidParam, PreconditionFailed
from app.domain.notificatie import Actie, Kanaal
from app.domain.verwerking import Handeling
from app.rules.bewaartermijn_typen import Bewaarbeleid
from app.rules.criteria import assess_criteria
from app.services.bewaardata import bewaarstand, store
from app.services.casustoegang import CasusToegang as CasusToegang
from app.services.casustoegang import etag as etag
from app.services.casustoegang import open_casus as open_casus
from app.services.casustoegang import registered
from app.services.commands import AssessCasus, CloseCasus, RegisterCasus, ReopenCasus
from app.services.handlers import Omgeving, dispatch, omgeving_van
from app.services.verwerkingslog import Verwerkingslog


def _event(
    casus_id: str,
    caller: Caller,
    soort: Gebeurtenissoort,
    toelichting: str | None,
    tijdstip: datetime,
) -> CasusgebeurtenisRow:
    return CasusgebeurtenisRow(
        id=new_id(),
        casus_id=casus_id,
        soort=soort.value,
        tijdstip=tijdstip,
        deelnemer=caller.deelnemer,
        sub=caller.claims.sub,
        rollen=",".join(sorted(r.value for r in caller.claims.rollen)),
        toelichting=toelichting,
    )


def announce(session: AsyncSession, casus: CasusRow, actie: Actie) -> None:
    """Channel `casussen`: the case changed (who may read it is checked at delivery)."""
    record_event(
        session,
        zvh=casus.zvh,
        kanaal=Kanaal.CASUSSEN,
        resource="casus",
        resource_id=casus.id,
        pad=f"/v1/casussen/{casus.id}",
        actie=actie,
        casus_id=casus.id,
    )


def _beoordeling(
    casus_id: str,
    caller: Caller,
    fase: str,
    criteria: Criteria,
    uitkomst: Toetsingsuitkomst,
    tijdstip: datetime,
) -> CriteriabeoordelingRow:
    return CriteriabeoordelingRow(
        id=new_id(),
        casus_id=casus_id,
        fase=fase,
        criteria=VastgelegdeCriteria.of(criteria).stored(),
        toelaatbaar=uitkomst.toelaatbaar,
        uitkomst=stored_uitkomst(uitkomst),
        tijdstip=tijdstip,
        deelnemer=caller.deelnemer,
        sub=caller.claims.sub,
    )


async def _one_clock(
    repo: CasusRepository, log: Verwerkingslog, caller: Caller, bsn: str, vandaag: date
) -> str | None:
    """One clock per person (art. 1.8 lid 7 WGS): refuse a registration of someone whose
    case is open, and return the closed case a re-registration follows, if any.

    A second registration does not start a second five-year term: the registrant hears
    only that the person has a running case here (409), nothing about that case; the
    refused attempt is in the processing log of that case. The lock makes two concurrent
    registrations of one person queue, so the second one sees the first.
    """
    await repo.lock_person(caller.zvh, bsn)
    lopend = await repo.open_for_bsn(caller.zvh, bsn, vandaag)
    if lopend is not None:
        betrokkene = await repo.betrokkene(lopend.id)
        log.record(
            caller,
            "casus-aanmelden",
            Handeling.VASTLEGGEN,
            casus_id=lopend.id,
            betrokkene=betrokkene.pseudoniem if betrokkene else None,
        )
        raise Conflict(
            "Voor deze persoon loopt al een casus in dit samenwerkingsverband. Een tweede "
            "aanmelding start geen nieuwe bewaartermijn (art. 1.8 lid 7 WGS); neem contact op "
            "met het Zorg- en Veiligheidshuis om uw informatie in te brengen.",
            code="betrokkene-heeft-lopende-casus",
        )
    return await repo.latest_closed_for_bsn(caller.zvh, bsn, vandaag)


async def register(
    session: AsyncSession,
    log: Verwerkingslog,
    caller: Caller,
    command: RegisterCasus,
    *,
    vandaag: date,
    beleid: Bewaarbeleid,
) -> CasusToegang:
    """Step 1: a fixed participant registers a person (art. 2.31 lid 1 WGS)."""
    aanmelddatum = command.aanmelddatum or vandaag
    problems = [
        problem
        for problem in (
            datum_in_toekomst(
                "aanmelddatum", aanmelddatum, vandaag, "De aanmelddatum ligt in de toekomst."
            ),
            datum_in_toekomst(
                "betrokkene.geboortedatum",
                command.geboortedatum,
                vandaag,
                "De geboortedatum ligt in de toekomst.",
            ),
        )
        if problem is not None
    ]
    registratie = caller.registratie
    if (
        registratie is not None
        and registratie.beroepsgeheim is not None
        and command.grondslag_beroepsgeheim is None
    ):
        # Art. 2.29 lid 2 WGS binds every sharing with the partnership, the registration
        # (the first processing, art. 2.31 lid 1) included, not only later supplies.
        problems.append(
            InvalidParam(
                "grondslagBeroepsgeheim",
                "grondslag-beroepsgeheim-vereist",
                f"U bent gebonden aan een beroepsgeheim ({registratie.beroepsgeheim.value}): "
                "vermeld of de betrokkene toestemming gaf of dat goed hulpverlenerschap de "
                "aanmelding noodzakelijk maakt (art. 2.29 lid 2 WGS).",
            )
        )
    if problems:
        raise InvalidInput(problems)
    repo = CasusRepository(session)
    bsn = command.bsn.value if command.bsn else None
    vorige = await _one_clock(repo, log, caller, bsn, vandaag) if bsn else None
    now = now_utc()
    casus = CasusRow(
        id=new_id(),
        zvh=caller.zvh,
        status=Casusstatus.AANGEMELD.value,
        versie=1,
        aanmelder=caller.deelnemer,
        aanmelddatum=aanmelddatum,
        aanmeldreden=command.aanmeldreden,
        grondslag_beroepsgeheim=(
            command.grondslag_beroepsgeheim.value if command.grondslag_beroepsgeheim else None
        ),
        vorige_casus_id=vorige,
        afsluitdatum=None,
        afwijzingsdatum=None,
        aangemaakt_op=now,
        gewijzigd_op=now,
    )
    # No extension or supply exists yet: the engine sees the registration alone.
    stand = await bewaarstand(session, casus, beleid, vandaag, nieuw=True)
    for key, value in store(session, casus, stand).items():
        setattr(casus, key, value)
    pseudoniem = new_id()
    uitkomst = assess_criteria(command.criteria, Fase.INTAKE)
    # Without ORM relationships the unit of work does not order inserts by foreign key:
    # the case goes first, the rows that refer to it follow at commit.
    repo.add(casus)
    await session.flush()
    repo.add(
        BetrokkeneRow(
            casus_id=casus.id,
            zvh=caller.zvh,
            pseudoniem=pseudoniem,
            bsn=bsn,
            voornamen=command.voornamen,
            achternaam=command.achternaam,
            geboortedatum=command.geboortedatum,
        ),
        *(
            OmgevingspersoonRow(id=new_id(), casus_id=casus.id, naam=p.naam, relatie=p.relatie)
            for p in command.sociale_omgeving
        ),
        _beoordeling(
            casus.id,
            caller,
            "aanmelding",
            command.criteria,
            uitkomst,
            now,
        ),
        _event(casus.id, caller, Gebeurtenissoort.AANGEMELD, None, now),
    )
    log.record(
        caller, "casus-aanmelden", Handeling.VASTLEGGEN, casus_id=casus.id, betrokkene=pseudoniem
    )
    announce(session, casus, Actie.AANGEMAAKT)
    return await registered(session, caller, casus.id, pseudoniem)


def aggregaat(casus: CasusRow) -> Casus:
    """The stored case as the aggregate its decisions work on."""
    return Casus(
        id=casus.id,
        status=Casusstatus(casus.status),
        aanmelddatum=casus.aanmelddatum,
        afsluitdatum=casus.afsluitdatum,
        afwijzingsdatum=casus.afwijzingsdatum,
        maximale_bewaardatum=casus.maximale_bewaardatum,
    )


async def _store(
    session: AsyncSession, toegang: CasusToegang, casus: Casus, omgeving: Omgeving
) -> None:
    """Write the decided state with the retention dates it implies, compare-and-set.

    The case's own dates are columns of its row, written in the same statement as its
    state (the ETag guards both); the effects on other aggregates follow from its events.
    """
    row = toegang.casus
    stand = await bewaarstand(
        session,
        row,
        omgeving.beleid,
        omgeving.vandaag,
        afsluitdatum=casus.afsluitdatum,
        afwijzingsdatum=casus.afwijzingsdatum,
    )
    values = {
        "status": casus.status.value,
        "afsluitdatum": casus.afsluitdatum,
        "afwijzingsdatum": casus.afwijzingsdatum,
        **store(session, row, stand),
        "gewijzigd_op": omgeving.nu,
    }
    if not await CasusRepository(session).save_status(row, row.versie, **values):
        raise PreconditionFailed("De casus is tegelijk door een ander gewijzigd; probeer opnieuw.")
    await session.refresh(row)


async def decide(
    session: AsyncSession,
    log: Verwerkingslog,
    toegang: CasusToegang,
    command: AssessCasus,
    *,
    vandaag: date,
    nu: datetime,
    beleid: Bewaarbeleid,
) -> Casus:
    """Step 2 (intake, plausibility) or step 3 (definitive assessment) of art. 2.31 WGS.

    The assessment is kept with its phase (art. 2.20 lid 3 BGS).
    """
    fase = Fase.DEFINITIEF if command.definitief else Fase.INTAKE
    uitkomst = assess_criteria(command.criteria, fase)
    casus = aggregaat(toegang.casus)
    casus.decide(command.besluit, uitkomst, definitief=command.definitief, vandaag=vandaag)
    omgeving = omgeving_van(session, log, toegang.caller, vandaag=vandaag, nu=nu, beleid=beleid)
    await _store(session, toegang, casus, omgeving)
    soort = (
        Gebeurtenissoort.DEFINITIEVE_BEOORDELING if command.definitief else Gebeurtenissoort.INTAKE
    )
    CasusRepository(session).add(
        _beoordeling(
            toegang.casus.id,
            toegang.caller,
            fase.value,
            command.criteria,
            uitkomst,
            nu,
        ),
        _event(
            toegang.casus.id,
            toegang.caller,
            soort,
            f"{command.besluit.value}: {command.toelichting}",
            nu,
        ),
    )
    announce(session, toegang.casus, Actie.GEWIJZIGD)
    await dispatch(omgeving, casus.events)
    return casus


async def close(
    session: AsyncSession,
    log: Verwerkingslog,
    toegang: CasusToegang,
    command: CloseCasus,
    *,
    vandaag: date,
    nu: datetime,
    beleid: Bewaarbeleid,
) -> Casus:
    """Step 6: the joint controllers close the case; it is shielded from now on."""
    casus = aggregaat(toegang.casus)
    casus.close(command.datum, vandaag=vandaag)
    omgeving = omgeving_van(session, log, toegang.caller, vandaag=vandaag, nu=nu, beleid=beleid)
    await _store(session, toegang, casus, omgeving)
    CasusRepository(session).add(
        _event(
            toegang.casus.id, toegang.caller, Gebeurtenissoort.AFGESLOTEN, command.toelichting, nu
        )
    )
    announce(session, toegang.casus, Actie.AFGESLOTEN)
    await dispatch(omgeving, casus.events)
    return casus


async def reopen(
    session: AsyncSession,
    log: Verwerkingslog,
    toegang: CasusToegang,
    command: ReopenCasus,
    *,
    vandaag: date,
    nu: datetime,
    beleid: Bewaarbeleid,
) -> Casus:
    """Only the designated system administrator reopens a closed case (e.g. on relapse),
    with a reason, and never once its maximum retention date has passed."""
    casus = aggregaat(toegang.casus)
    casus.reopen(vandaag=vandaag)
    omgeving = omgeving_van(session, log, toegang.caller, vandaag=vandaag, nu=nu, beleid=beleid)
    await _store(session, toegang, casus, omgeving)
    CasusRepository(session).add(
        _event(toegang.casus.id, toegang.caller, Gebeurtenissoort.HEROPEND, command.toelichting, nu)
    )
    announce(session, toegang.casus, Actie.HEROPEND)
    await dispatch(omgeving, casus.events)
    return casus
