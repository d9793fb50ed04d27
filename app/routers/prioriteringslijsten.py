"""Priority lists (art. 2.32 WGS, art. 2.22 BGS): `/v1/prioriteringslijsten`."""

from typing import Annotated

from fastapi import Depends, Path, Response

from app.auth.claims import Caller
from app.auth.policy import Actie
from app.deps import Bewaarbeleid, Idempotent, Log, Nu, Session, Today, allowed
from app.problems import problem_responses
from app.routers import v1_router
from app.schemas.fields import Tekst
from app.schemas.prioritering import (
    PrioriteringslijstLijst,
    PrioriteringslijstNieuw,
    PrioriteringslijstSchema,
    VersieNieuw,
)
from app.services import prioriteringslijsten as service

router = v1_router(tags=["Prioriteringslijsten"])

Lezer = Annotated[Caller, Depends(allowed(Actie.PRIORITERINGSLIJSTEN_LEZEN))]
Beheerder = Annotated[Caller, Depends(allowed(Actie.PRIORITERINGSLIJSTEN_BEHEREN))]
LijstId = Annotated[
    Tekst,
    Path(
        pattern=r"^[0-9a-f-]{36}$",
        min_length=36,
        max_length=36,
        description="Kenmerk (UUID) van de prioriteringslijst.",
    ),
]

_ALLEEN_GVV = (
    "Alleen voor de gezamenlijk verwerkingsverantwoordelijken: de overheidsdeelnemers stellen "
    "de objectieve criteria vast (art. 2.32 lid 1 WGS). Een lijst van een ander "
    "samenwerkingsverband bestaat voor de aanroeper niet (404)."
)

CREATE_DESCRIPTION = f"""\
Stelt een lijst met geprioriteerde casussen ("Top X") op met **objectieve en
niet-discriminerende criteria** (art. 2.32 lid 1 WGS), aanvullend op de criteria van
art. 2.20 BGS. De lijst begint in `concept`: vóór gebruik moeten de criteria op internet
worden gepubliceerd (art. 2.22 BGS, `POST /prioriteringslijsten/{{id}}/publicatie`).

De criteria tellen alleen geregistreerde gebeurtenissen (`Criteriumexpressie`). Een criterium
op een persoonskenmerk (nationaliteit, herkomst, religie, gezondheid, geslacht, leeftijd, ...)
is niet uit te drukken; een onbekende sleutel of soort geeft 400 met de code
`criterium-niet-objectief`, een onbekende categorie `categorie-onbekend`.

{_ALLEEN_GVV}
"""


@router.post(
    "/prioriteringslijsten",
    operation_id="prioriteringslijstAanmaken",
    summary="Stel een prioriteringslijst op (concept)",
    description=CREATE_DESCRIPTION,
    status_code=201,
    responses=problem_responses(400, 401, 403, 409, 413, 415),
)
async def create_lijst(
    caller: Beheerder,
    _: Idempotent,
    session: Session,
    body: PrioriteringslijstNieuw,
    response: Response,
) -> PrioriteringslijstSchema:
    lijst = await service.create_lijst(session, caller, body.naam, body.omschrijving, body.criteria)
    response.headers["Location"] = f"/v1/prioriteringslijsten/{lijst.id}"
    return PrioriteringslijstSchema.of(lijst)


@router.get(
    "/prioriteringslijsten",
    operation_id="prioriteringslijstenLijst",
    summary="De prioriteringslijsten van het eigen samenwerkingsverband",
    description=_ALLEEN_GVV,
    responses=problem_responses(401, 403),
)
async def list_lijsten(caller: Lezer, session: Session) -> PrioriteringslijstLijst:
    found = await service.list_lijsten(session, caller)
    return PrioriteringslijstLijst(
        prioriteringslijsten=[PrioriteringslijstSchema.of(lijst) for lijst in found]
    )


@router.get(
    "/prioriteringslijsten/{lijst_id}",
    operation_id="prioriteringslijstOpvragen",
    summary="Eén prioriteringslijst met al haar versies",
    description=_ALLEEN_GVV,
    responses=problem_responses(400, 401, 403, 404),
)
async def get_lijst(caller: Lezer, session: Session, lijst_id: LijstId) -> PrioriteringslijstSchema:
    return PrioriteringslijstSchema.of(await service.get_lijst(session, caller, lijst_id))


@router.post(
    "/prioriteringslijsten/{lijst_id}/versies",
    operation_id="prioriteringslijstVersieAanmaken",
    summary="Wijzig de criteria: een nieuwe versie in concept",
    description=(
        "Een gepubliceerde versie verandert nooit (art. 2.22 BGS: toegepast wordt wat is "
        "gepubliceerd). Een wijziging is een nieuwe versie in `concept`, die pas na publicatie "
        "wordt toegepast; tot dan blijft de vorige gepubliceerde versie gelden. Bestaat er al "
        "een conceptversie, dan wordt die vervangen (een concept is nooit toegepast). Een "
        f"ingetrokken lijst krijgt geen nieuwe versie (409).\n\n{_ALLEEN_GVV}"
    ),
    status_code=201,
    responses=problem_responses(400, 401, 403, 404, 409, 413, 415),
)
async def new_versie(
    caller: Beheerder,
    _: Idempotent,
    session: Session,
    lijst_id: LijstId,
    body: VersieNieuw,
    response: Response,
) -> PrioriteringslijstSchema:
    lijst = await service.new_versie(session, caller, lijst_id, body.omschrijving, body.criteria)
    response.headers["Location"] = f"/v1/prioriteringslijsten/{lijst.id}"
    return PrioriteringslijstSchema.of(lijst)


@router.post(
    "/prioriteringslijsten/{lijst_id}/publicatie",
    operation_id="prioriteringslijstPubliceren",
    summary="Publiceer de conceptversie van de criteria",
    description=(
        "Publiceert de conceptversie (art. 2.22 BGS: de criteria worden vóór gebruik op "
        "internet openbaar gemaakt, zie `GET /publicaties/prioriteringslijsten`). Vanaf nu "
        "wordt deze versie toegepast en verandert ze niet meer; de lijst krijgt de status "
        "`gepubliceerd`. Zonder conceptversie, of voor een ingetrokken lijst: 409."
        f"\n\n{_ALLEEN_GVV}"
    ),
    responses=problem_responses(400, 401, 403, 404, 409),
)
async def publish(
    caller: Beheerder, session: Session, lijst_id: LijstId
) -> PrioriteringslijstSchema:
    return PrioriteringslijstSchema.of(await service.publish(session, caller, lijst_id))


@router.post(
    "/prioriteringslijsten/{lijst_id}/intrekking",
    operation_id="prioriteringslijstIntrekken",
    summary="Trek een prioriteringslijst in",
    description=(
        "De lijst wordt niet meer toegepast en verdwijnt uit de publicatie; intrekken is "
        "definitief (een tweede intrekking: 409). Alle huidige plaatsingen eindigen meteen "
        "(reden `lijst-ingetrokken`) en hun feiten worden gewist (art. 2.32 lid 4 WGS)."
        f"\n\n{_ALLEEN_GVV}"
    ),
    responses=problem_responses(400, 401, 403, 404, 409),
)
async def withdraw(
    caller: Beheerder,
    session: Session,
    log: Log,
    vandaag: Today,
    nu: Nu,
    beleid: Bewaarbeleid,
    lijst_id: LijstId,
) -> PrioriteringslijstSchema:
    lijst = await service.withdraw(
        session, log, caller, lijst_id, vandaag=vandaag, nu=nu, beleid=beleid
    )
    return PrioriteringslijstSchema.of(lijst)
