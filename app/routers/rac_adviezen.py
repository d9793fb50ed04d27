"""The RAC register: `/v1/rac-adviezen` and `/v1/rac-adviezen/afwijkingen`."""

from typing import Annotated

from fastapi import Depends, Path, Response

from app.auth.claims import Caller
from app.auth.policy import Actie
from app.deps import Idempotent, Session, Today, allowed
from app.problems import problem_responses
from app.routers import v1_router
from app.schemas.fields import Tekst
from app.schemas.verantwoording import RacAdvies, RacAdviesNieuw, RacAdviezen
from app.services import rac_adviezen

router = v1_router(tags=["Verantwoording"])

Beheerder = Annotated[Caller, Depends(allowed(Actie.RAC_ADVIEZEN_BEHEREN))]
Toezicht = Annotated[Caller, Depends(allowed(Actie.RAC_AFWIJKINGEN_LEZEN))]
AdviesId = Annotated[Tekst, Path(max_length=36, description="Kenmerk van het advies.")]


@router.post(
    "/rac-adviezen",
    operation_id="racAdviesVastleggen",
    summary="Leg een advies van de Rechtmatigheidsadviescommissie vast",
    description=(
        "Alleen de gezamenlijk verwerkingsverantwoordelijken (art. 4.9-4.11 bestuurlijke "
        "afspraken). Een afwijking (`gevolgd: false`) vereist `afwijkingMotivering` en komt "
        "in de lijst van de coördinerend functionaris gegevensbescherming. Een vastgelegd "
        "advies wordt niet gewijzigd."
    ),
    status_code=201,
    responses=problem_responses(400, 401, 403, 409, 413, 415),
)
async def record_advies(
    caller: Beheerder,
    _: Idempotent,
    session: Session,
    vandaag: Today,
    body: RacAdviesNieuw,
    response: Response,
) -> RacAdvies:
    row = await rac_adviezen.record(session, caller, body.to_command(), vandaag)
    response.headers["Location"] = f"/v1/rac-adviezen/{row.id}"
    return RacAdvies.of(row)


@router.get(
    "/rac-adviezen",
    operation_id="racAdviezenLijst",
    summary="Het register van adviezen van de Rechtmatigheidsadviescommissie",
    description="Alleen de gezamenlijk verwerkingsverantwoordelijken; nieuwste eerst.",
    responses=problem_responses(400, 401, 403),
)
async def list_adviezen(caller: Beheerder, session: Session) -> RacAdviezen:
    rows = await rac_adviezen.listed(session, caller.zvh, alleen_afwijkingen=False)
    return RacAdviezen(rac_adviezen=[RacAdvies.of(r) for r in rows])


@router.get(
    "/rac-adviezen/afwijkingen",
    operation_id="racAfwijkingenLijst",
    summary="De adviezen waarvan is afgeweken, met hun motivering",
    description=(
        "Voor de coördinerend functionaris gegevensbescherming (art. 15 bestuurlijke "
        "afspraken) en de gezamenlijk verwerkingsverantwoordelijken."
    ),
    responses=problem_responses(400, 401, 403),
)
async def list_afwijkingen(caller: Toezicht, session: Session) -> RacAdviezen:
    rows = await rac_adviezen.listed(session, caller.zvh, alleen_afwijkingen=True)
    return RacAdviezen(rac_adviezen=[RacAdvies.of(r) for r in rows])


@router.get(
    "/rac-adviezen/{advies_id}",
    operation_id="racAdviesOpvragen",
    summary="Eén advies van de Rechtmatigheidsadviescommissie",
    responses=problem_responses(400, 401, 403, 404),
)
async def get_advies(caller: Beheerder, session: Session, advies_id: AdviesId) -> RacAdvies:
    return RacAdvies.of(await rac_adviezen.one(session, caller.zvh, advies_id))
