"""The participant registry: `/v1/deelnemers`."""

from typing import Annotated

from fastapi import Depends, Path, Response

from app.auth.claims import Caller
from app.auth.policy import Actie
from app.deps import Idempotent, Registry, Session, allowed
from app.problems import problem_responses
from app.routers import v1_router
from app.schemas.deelnemers import (
    ID_PATTERN,
    DeelnemerLijst,
    DeelnemerNieuw,
    DeelnemerSchema,
    DeelnemerWijziging,
)
from app.schemas.fields import Tekst
from app.services import registry

router = v1_router(tags=["Deelnemers"])

Lezer = Annotated[Caller, Depends(allowed(Actie.DEELNEMERS_LEZEN))]
Beheerder = Annotated[Caller, Depends(allowed(Actie.DEELNEMERS_BEHEREN))]
DeelnemerId = Annotated[Tekst, Path(pattern=ID_PATTERN, description="Kenmerk van de deelnemer.")]


@router.get(
    "/deelnemers",
    operation_id="deelnemersLijst",
    summary="Vaste deelnemers van het eigen samenwerkingsverband",
    response_model=DeelnemerLijst,
    responses=problem_responses(401),
)
async def list_deelnemers(caller: Lezer, session: Session, cache: Registry) -> Response:
    found = await registry.deelnemers_van(session, cache, caller)
    return Response(DeelnemerLijst.json_of(found), media_type="application/json")


@router.get(
    "/deelnemers/{deelnemer_id}",
    operation_id="deelnemerOpvragen",
    summary="Eén vaste deelnemer",
    responses=problem_responses(400, 401, 404),
)
async def get_deelnemer(
    caller: Lezer, session: Session, cache: Registry, deelnemer_id: DeelnemerId
) -> DeelnemerSchema:
    return DeelnemerSchema.of(await registry.get_deelnemer(session, cache, caller, deelnemer_id))


@router.post(
    "/deelnemers",
    operation_id="deelnemerRegistreren",
    summary="Registreer een vaste deelnemer (alleen de aangewezen beheerder)",
    description=(
        "Alleen een `beheerder` van de als beheerder aangewezen deelnemer. Het deelnemertype "
        "volgt uit de categorie (art. 2.27 WGS): gemeente, politie, OM, DJI, Raad voor de "
        "Kinderbescherming en GGD zijn `overheid`; reclassering, gecertificeerde instelling, "
        "Veilig Thuis, GGZ, sociaal domein en overige zijn `privaat`. Anders 400 "
        "`deelnemertype-past-niet-bij-categorie`."
    ),
    status_code=201,
    responses=problem_responses(400, 401, 403, 409, 413, 415),
)
async def create_deelnemer(
    caller: Beheerder,
    _: Idempotent,
    session: Session,
    cache: Registry,
    body: DeelnemerNieuw,
    response: Response,
) -> DeelnemerSchema:
    created = await registry.register_deelnemer(session, cache, caller, body.to_domain(caller.zvh))
    response.headers["Location"] = f"/v1/deelnemers/{created.id}"
    return DeelnemerSchema.of(created)


@router.patch(
    "/deelnemers/{deelnemer_id}",
    operation_id="deelnemerWijzigen",
    summary="Wijzig een vaste deelnemer (alleen de aangewezen beheerder)",
    description=(
        "Alleen een `beheerder` van de als beheerder aangewezen deelnemer. De deelnemer zoals "
        "hij na de wijziging is, moet kloppen met art. 2.27 WGS (400 "
        "`deelnemertype-past-niet-bij-categorie`) en met de functies waarvoor hij is "
        "aangewezen (400 `aanwijzing-ongeldig`: het contactpunt blijft een gemeente, de andere "
        "functies een overheidsdeelnemer)."
    ),
    responses=problem_responses(400, 401, 403, 404, 413, 415),
)
async def change_deelnemer(
    caller: Beheerder,
    session: Session,
    cache: Registry,
    deelnemer_id: DeelnemerId,
    body: DeelnemerWijziging,
) -> DeelnemerSchema:
    return DeelnemerSchema.of(
        await registry.change_deelnemer(session, cache, caller, deelnemer_id, body.to_command())
    )
