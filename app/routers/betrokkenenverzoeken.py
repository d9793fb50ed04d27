"""Data subjects' requests: `/v1/betrokkenenverzoeken` (AVG art. 12, 15-22; art. 41 UAVG;
model art. 14)."""

from typing import Annotated

from fastapi import Depends, Path, Query, Response

from app.auth.errors import AccessDenied
from app.deps import CurrentCaller, Idempotent, Log, Session, Today
from app.problems import problem_responses
from app.routers import v1_router
from app.schemas.betrokkenenverzoeken import (
    Besluit,
    Betrokkenenverzoek,
    BetrokkenenverzoekenLijst,
    BetrokkenenverzoekNieuw,
    Inzage,
    Reactie,
    Verlenging,
)
from app.schemas.fields import JaNeeQuery, Tekst
from app.services import betrokkenenverzoeken as service
from app.services.betrokkenenverzoeken import Wie
from app.services.mandaten import geldend

router = v1_router(tags=["Verzoeken van betrokkenen"])


async def _wie(caller: CurrentCaller, session: Session, vandaag: Today) -> Wie:
    return service.wie(caller, await geldend(session, caller.zvh, vandaag))


async def _behandelaar(w: Annotated[Wie, Depends(_wie)]) -> Wie:
    """Refused before the body is read: only the contact point or the mandated manager."""
    if not w.behandelaar:
        raise AccessDenied(
            "Verzoeken van betrokkenen behandelt het aangewezen contactpunt, of de daartoe "
            "gemandateerde netwerkmanager (art. 14.1 en 14.7 bestuurlijke afspraken)."
        )
    return w


async def _vaste_deelnemer(w: Annotated[Wie, Depends(_wie)]) -> Wie:
    if w.caller.registratie is None:
        raise AccessDenied("Verzoeken van betrokkenen zijn er voor de vaste deelnemers.")
    return w


Behandelaar = Annotated[Wie, Depends(_behandelaar)]
Deelnemer = Annotated[Wie, Depends(_vaste_deelnemer)]
VerzoekId = Annotated[Tekst, Path(max_length=36, description="Kenmerk van het verzoek.")]

WRITE = problem_responses(400, 401, 403, 404, 409, 413, 415)
READ = problem_responses(400, 401, 403, 404)


@router.post(
    "/betrokkenenverzoeken",
    operation_id="betrokkenenverzoekVastleggen",
    summary="Neem een verzoek van een betrokkene in behandeling (art. 15-21 AVG)",
    description=(
        "Alleen het aangewezen contactpunt of de gemandateerde netwerkmanager. De dienst zoekt "
        "de persoon in alle casussen van het samenwerkingsverband (ook afgeschermde), op BSN "
        "of op naam en geboortedatum, en bepaalt de betrokken deelnemers: aanmelders, "
        "verstrekkers en geselecteerde deelnemers, en de archiefbeheerder als er casussen in "
        "het archief staan. Uiterlijke beslisdatum: ontvangst + 1 kalendermaand (art. 12 lid 3 "
        "AVG); bestaat die dag niet, dan de laatste dag van die maand."
    ),
    status_code=201,
    responses=WRITE,
)
async def create_verzoek(
    w: Behandelaar,
    _: Idempotent,
    session: Session,
    log: Log,
    vandaag: Today,
    body: BetrokkenenverzoekNieuw,
    response: Response,
) -> Betrokkenenverzoek:
    verzoek = Betrokkenenverzoek.of(
        await service.create(session, log, w, body.to_command(), vandaag)
    )
    response.headers["Location"] = f"/v1/betrokkenenverzoeken/{verzoek.id}"
    return verzoek


@router.get(
    "/betrokkenenverzoeken",
    operation_id="betrokkenenverzoekenLijst",
    summary="Verzoeken van betrokkenen met hun termijnen",
    description=(
        "Het contactpunt, de gemandateerde netwerkmanager en de coördinerend FG zien alle "
        "verzoeken; een andere vaste deelnemer alleen die waarbij hij betrokken is, met "
        "alleen zijn eigen deel (geen naam, geen omschrijving, alleen de eigen reacties en "
        "opdrachten)."
    ),
    responses=READ,
)
async def list_verzoeken(
    w: Deelnemer,
    session: Session,
    log: Log,
    vandaag: Today,
    open_: Annotated[
        JaNeeQuery, Query(alias="open", description="`true`: alleen verzoeken zonder besluit.")
    ] = False,
) -> BetrokkenenverzoekenLijst:
    return BetrokkenenverzoekenLijst.of(await service.list_visible(session, log, w, open_, vandaag))


@router.get(
    "/betrokkenenverzoeken/{verzoek_id}",
    operation_id="betrokkenenverzoekOpvragen",
    summary="Eén verzoek van een betrokkene",
    description="Zoals in de lijst: een betrokken deelnemer ziet alleen zijn eigen deel.",
    responses=READ,
)
async def get_verzoek(
    w: Deelnemer, session: Session, log: Log, vandaag: Today, verzoek_id: VerzoekId
) -> Betrokkenenverzoek:
    return Betrokkenenverzoek.of(await service.get(session, log, w, verzoek_id, vandaag))


@router.post(
    "/betrokkenenverzoeken/{verzoek_id}/verlenging",
    operation_id="betrokkenenverzoekVerlengen",
    summary="Verleng de termijn eenmaal met twee maanden (art. 12 lid 3 AVG)",
    description=(
        "Alleen het contactpunt of de gemandateerde netwerkmanager, eenmaal, uiterlijk op de "
        "uiterlijke beslisdatum, met motivering. Nieuwe termijn: ontvangst + 3 kalendermaanden."
    ),
    responses=WRITE,
)
async def extend_verzoek(
    w: Behandelaar,
    session: Session,
    log: Log,
    vandaag: Today,
    verzoek_id: VerzoekId,
    body: Verlenging,
) -> Betrokkenenverzoek:
    return Betrokkenenverzoek.of(
        await service.extend(session, log, w, verzoek_id, body.to_command(), vandaag)
    )


@router.post(
    "/betrokkenenverzoeken/{verzoek_id}/reacties",
    operation_id="betrokkenenverzoekReageren",
    summary="Reageer als betrokken deelnemer, voor uw eigen deel (art. 14.3-14.4)",
    description=(
        "`geen-bezwaar`, of `beperking` met de letter van de grond van art. 41 lid 1 UAVG, de "
        "eigen onderdelen die zij dekt (verstrekkingen, de eigen aanmelding, eigen "
        "interventies) en een datum van herbeoordeling. Een latere `geen-bezwaar` heft de "
        "beperking op; ook na het besluit, waarna het verzoek voor die delen alsnog wordt "
        "gehonoreerd (art. 14.4 bestuurlijke afspraken)."
    ),
    status_code=201,
    responses=WRITE,
)
async def react_verzoek(
    w: Deelnemer,
    _: Idempotent,
    session: Session,
    log: Log,
    vandaag: Today,
    verzoek_id: VerzoekId,
    body: Reactie,
) -> Betrokkenenverzoek:
    return Betrokkenenverzoek.of(
        await service.react(session, log, w, verzoek_id, body.to_command(), vandaag)
    )


@router.get(
    "/betrokkenenverzoeken/{verzoek_id}/inzage",
    operation_id="betrokkenenverzoekInzage",
    summary="De gegevens van de persoon, zonder de beperkte delen (art. 15 AVG)",
    description=(
        "Alleen het contactpunt of de gemandateerde netwerkmanager: aanmeldingen, "
        "verstrekkingen (huidige versie) en interventies van het huidige plan van aanpak over "
        "alle casussen van de persoon; ieder deel onder een beperking (art. 41 UAVG) blijft weg."
    ),
    responses=READ,
)
async def inzage_verzoek(
    w: Behandelaar, session: Session, log: Log, verzoek_id: VerzoekId
) -> Inzage:
    return Inzage.of(await service.inzage(session, log, w, verzoek_id))


@router.post(
    "/betrokkenenverzoeken/{verzoek_id}/besluit",
    operation_id="betrokkenenverzoekBesluiten",
    summary="Besluit op het verzoek, na de reacties van alle betrokken deelnemers",
    description=(
        "Alleen het contactpunt of de gemandateerde netwerkmanager, en pas als iedere "
        "betrokken deelnemer reageerde (art. 14.3); 409 anders. Met een beperking van kracht "
        "is `toegewezen` niet mogelijk. Bij rectificatie, wissing, beperking en bezwaar noemt "
        "het besluit per deelnemer wat hij via de bestaande weg moet doen (correctie, art. 1.6 "
        "BGS; bewaartermijnen); de geschiedenis wordt nooit gewijzigd."
    ),
    responses=WRITE,
)
async def decide_verzoek(
    w: Behandelaar,
    session: Session,
    log: Log,
    vandaag: Today,
    verzoek_id: VerzoekId,
    body: Besluit,
) -> Betrokkenenverzoek:
    return Betrokkenenverzoek.of(
        await service.decide(session, log, w, verzoek_id, body.to_command(), vandaag)
    )
