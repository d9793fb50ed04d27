"""Placements on a priority list: `/v1/prioriteringslijsten/{id}/plaatsingen`, removal and
re-evaluation (art. 2.32(2)-(4) WGS)."""

from typing import Annotated

from fastapi import Depends, Path, Query, Response

from app.auth.claims import Caller
from app.auth.policy import Actie
from app.deps import Idempotent, Log, Registry, Session, Today, allowed
from app.problems import problem_responses
from app.routers import v1_router
from app.routers.prioriteringslijsten import LijstId
from app.schemas.fields import JaNeeQuery, Tekst
from app.schemas.prioriteringsplaatsing import (
    HerbeoordelingNieuw,
    HerbeoordelingSchema,
    PlaatsingLijst,
    PlaatsingNieuw,
    PlaatsingSchema,
    VerwijderdeplaatsingSchema,
    Verwijderverzoek,
)
from app.services import prioriteringsplaatsingen as service

router = v1_router(tags=["Prioriteringslijsten"])

Plaatser = Annotated[Caller, Depends(allowed(Actie.PRIORITERINGSLIJST_PLAATSEN))]
Verwijderaar = Annotated[Caller, Depends(allowed(Actie.PRIORITERINGSLIJST_VERWIJDEREN))]
Lezer = Annotated[Caller, Depends(allowed(Actie.PRIORITERINGSPLAATSINGEN_LEZEN))]
PlaatsingId = Annotated[
    Tekst,
    Path(
        pattern=r"^[0-9a-f-]{36}$",
        min_length=36,
        max_length=36,
        description="Kenmerk (UUID) van de plaatsing.",
    ),
]

_ALLEEN_GVV = (
    "Alleen voor de gezamenlijk verwerkingsverantwoordelijken (art. 2.32 WGS). Een lijst of "
    "casus van een ander samenwerkingsverband bestaat voor de aanroeper niet (404)."
)

PLACE_DESCRIPTION = f"""\
Plaatst een casus op de lijst (art. 2.32 lid 2 WGS). Dat kan alleen als **beide** gelden:

- de feiten voldoen **vandaag**, en op de `peildatum` als die is gegeven, aan de
  **gepubliceerde** objectieve criteria (de geldende versie; zolang er niets is gepubliceerd
  of na intrekking: 409). Voldoen ze niet: 409 `criteria-niet-voldaan`, en er wordt niets
  over de kandidaat vastgelegd;
- de casus is **toegelaten op de criteria van art. 2.20 BGS** in het eigen
  samenwerkingsverband: status `gegevensverzameling` (intake doorstaan) of `in-behandeling`.
  Anders: 409 `casus-niet-toegelaten`.

Elk feit moet van een overheids- of private deelnemer komen (400 `bron-niet-toegestaan`
voor een derde of incidentele deelnemer). Een casus staat hoogstens één keer tegelijk op een
lijst (409 `casus-al-geplaatst`). Bewaard worden de toegepaste versie, de peildatum, wie
plaatste, alleen de feiten die meetelden (de onderbouwing) en `vervaltOp`: de eerste dag
waarop die feiten niet meer aan de criteria voldoen. Vanaf die dag telt de plaatsing nergens
meer (lijsten, controles, overzichten), ook voordat de dagelijkse herbeoordeling (`zvh
priority-lists reevaluate`) haar verwijdert en haar feiten wist; een vervallen plaatsing
belet geen nieuwe plaatsing op verse feiten. De casus gaat daarmee verder
vanaf stap 3 van het casusproces (gegevens verzamelen, definitieve beoordeling).
Elke plaatsing staat in het verwerkingenlog.

{_ALLEEN_GVV}
"""


@router.post(
    "/prioriteringslijsten/{lijst_id}/plaatsingen",
    operation_id="prioriteringsplaatsingAanmaken",
    summary="Plaats een toegelaten casus op de lijst",
    description=PLACE_DESCRIPTION,
    status_code=201,
    responses=problem_responses(400, 401, 403, 404, 409, 413, 415),
)
async def place(
    caller: Plaatser,
    _: Idempotent,
    session: Session,
    cache: Registry,
    log: Log,
    vandaag: Today,
    lijst_id: LijstId,
    body: PlaatsingNieuw,
    response: Response,
) -> PlaatsingSchema:
    plaatsing = await service.place(
        session,
        cache,
        log,
        caller,
        lijst_id,
        body.casus_id,
        body.peildatum,
        body.feiten,
        vandaag=vandaag,
    )
    response.headers["Location"] = f"/v1/prioriteringslijsten/{lijst_id}/plaatsingen/{plaatsing.id}"
    return PlaatsingSchema.of(plaatsing, vandaag)


@router.get(
    "/prioriteringslijsten/{lijst_id}/plaatsingen",
    operation_id="prioriteringsplaatsingenLijst",
    summary="De huidige plaatsingen op de lijst",
    description=(
        "De casussen die vandaag op de lijst staan (niet verwijderd en `vervaltOp` nog niet "
        "bereikt), met hun onderbouwing; met `inclusiefVerwijderd=true` ook de beëindigde en "
        "vervallen plaatsingen (met reden, zonder feiten: die zijn of worden gewist)."
        f"\n\n{_ALLEEN_GVV}"
    ),
    responses=problem_responses(400, 401, 403, 404),
)
async def list_plaatsingen(
    caller: Lezer,
    session: Session,
    vandaag: Today,
    lijst_id: LijstId,
    inclusief_verwijderd: Annotated[JaNeeQuery, Query(alias="inclusiefVerwijderd")] = False,
) -> PlaatsingLijst:
    _lijst, plaatsingen = await service.list_plaatsingen(
        session, caller, lijst_id, inclusief_verwijderd=inclusief_verwijderd, vandaag=vandaag
    )
    return PlaatsingLijst(plaatsingen=[PlaatsingSchema.of(p, vandaag) for p in plaatsingen])


@router.post(
    "/prioriteringslijsten/{lijst_id}/plaatsingen/{plaatsing_id}/verwijdering",
    operation_id="prioriteringsplaatsingVerwijderen",
    summary="Haal een casus van de lijst",
    description=(
        "Beëindigt de plaatsing zodra zij niet meer nodig is voor het doel van het Zorg- en "
        "Veiligheidshuis (art. 2.32 lid 4 WGS), met de reden. De feiten van de plaatsing "
        "worden gewist; wat overblijft is wie plaatste en verwijderde, wanneer en waarom. De "
        "casus zelf loopt door in het casusproces. Een al beëindigde plaatsing: 409 "
        f"`plaatsing-al-verwijderd`. Elke verwijdering staat in het verwerkingenlog.\n\n"
        f"{_ALLEEN_GVV}"
    ),
    responses=problem_responses(400, 401, 403, 404, 409, 413, 415),
)
async def remove(
    caller: Verwijderaar,
    session: Session,
    log: Log,
    vandaag: Today,
    lijst_id: LijstId,
    plaatsing_id: PlaatsingId,
    body: Verwijderverzoek,
) -> PlaatsingSchema:
    plaatsing = await service.remove(session, log, caller, lijst_id, plaatsing_id, body.reden)
    return PlaatsingSchema.of(plaatsing, vandaag)


@router.post(
    "/prioriteringslijsten/{lijst_id}/herbeoordelingen",
    operation_id="prioriteringsplaatsingenHerbeoordelen",
    summary="Herbeoordeel alle huidige plaatsingen op een peildatum",
    description=(
        "Toetst de vastgelegde feiten van elke huidige plaatsing vandaag en op de peildatum "
        "opnieuw aan de geldende (gepubliceerde) versie van de criteria, en kijkt of de casus "
        "nog is toegelaten op art. 2.20 BGS. Wie niet meer voldoet (feiten vallen buiten het "
        "venster, een nieuwe versie is strenger, of de casus is afgesloten of afgewezen), "
        "wordt **meteen** verwijderd met de reden, en de feiten van die plaatsing worden "
        "gewist (art. 2.32 lid 4 WGS); wie blijft, krijgt een nieuwe `vervaltOp`. Plaatsingen "
        "met een latere peildatum blijven ongemoeid. Een peildatum in de toekomst: 400. "
        "Nogmaals uitvoeren op dezelfde dag verandert niets. Hetzelfde doet `zvh priority-lists "
        "reevaluate` voor alle gepubliceerde lijsten.\n\n"
        f"{_ALLEEN_GVV}"
    ),
    responses=problem_responses(400, 401, 403, 404, 409, 413, 415),
)
async def reevaluate(
    caller: Verwijderaar,
    session: Session,
    log: Log,
    vandaag: Today,
    lijst_id: LijstId,
    body: HerbeoordelingNieuw,
) -> HerbeoordelingSchema:
    r = await service.reevaluate(
        session, log, caller, lijst_id, body.peildatum or vandaag, vandaag=vandaag
    )
    return HerbeoordelingSchema(
        lijst=r.lijst_id,
        versie=r.versie,
        peildatum=r.peildatum,
        beoordeeld=r.beoordeeld,
        gehandhaafd=r.gehandhaafd,
        niet_beoordeeld=r.niet_beoordeeld,
        verwijderd=[
            VerwijderdeplaatsingSchema(
                plaatsing=v.plaatsing_id,
                casus_id=v.casus_id,
                reden=v.reden,
                toelichting=v.toelichting,
            )
            for v in r.verwijderd
        ],
    )
