"""Per-partnership settings: `/v1/instellingen` (mandates of art. 12.2 and 14.7 of the model)."""

from typing import Annotated

from fastapi import Depends

from app.auth.claims import Caller
from app.auth.policy import Actie
from app.deps import Session, allowed
from app.problems import problem_responses
from app.routers import v1_router
from app.schemas.instellingen import Instellingen, InstellingenWijziging
from app.services import instellingen

router = v1_router(tags=["Instellingen"])

Lezer = Annotated[Caller, Depends(allowed(Actie.INSTELLINGEN_LEZEN))]
Beheerder = Annotated[Caller, Depends(allowed(Actie.INSTELLINGEN_BEHEREN))]


@router.get(
    "/instellingen",
    operation_id="instellingenOpvragen",
    summary="De instellingen van uw samenwerkingsverband",
    responses=problem_responses(401, 403),
)
async def get_instellingen(caller: Lezer, session: Session) -> Instellingen:
    return await instellingen.get(session, caller)


@router.patch(
    "/instellingen",
    operation_id="instellingenWijzigen",
    summary="Wijzig de mandaten van uw samenwerkingsverband (alleen beheerder)",
    responses=problem_responses(400, 401, 403, 413, 415),
)
async def change_instellingen(
    caller: Beheerder, session: Session, body: InstellingenWijziging
) -> Instellingen:
    return await instellingen.change(session, caller, body)
