"""Per-partnership settings: `/v1/instellingen` (mandates of art. 12.2 and 14.7 of the model;
designations of art. 14.1, 15.1 and 16.2)."""

from typing import Annotated

from fastapi import Depends

from app.auth.claims import Caller
from app.auth.policy import Actie
from app.deps import Registry, Session, allowed
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
    description=(
        "De mandaten en de aanwijzingen: welke deelnemer beheerder, contactpunt, "
        "archiefbeheerder en coördinerend functionaris gegevensbescherming is, met de openbare "
        "contactgegevens van de coördinerend FG. Voor de vaste deelnemers."
    ),
    responses=problem_responses(401, 403),
)
async def get_instellingen(caller: Lezer, session: Session) -> Instellingen:
    return Instellingen.of(await instellingen.get(session, caller))


@router.patch(
    "/instellingen",
    operation_id="instellingenWijzigen",
    summary="Wijzig de mandaten en aanwijzingen van uw samenwerkingsverband (alleen de aangewezen beheerder)",
    description=(
        "Alleen een `beheerder` van de als beheerder aangewezen deelnemer wijzigt de "
        "instellingen. Met `aanwijzingen` wijst u per functie één deelnemer aan: `beheerder` en "
        "`archiefbeheerder` en `coordinerendeFg` een overheidsdeelnemer, `contactpunt` een "
        "gemeente (art. 14.1, 15.1 en 16.2 bestuurlijke afspraken). De rollen `beheerder`, "
        "`contactpunt` en `archiefbeheerder` tellen daarna alleen bij de aangewezen "
        "organisatie. Een functie overdragen kan, leegmaken (null) niet."
    ),
    responses=problem_responses(400, 401, 403, 413, 415),
)
async def change_instellingen(
    caller: Beheerder, session: Session, cache: Registry, body: InstellingenWijziging
) -> Instellingen:
    return Instellingen.of(await instellingen.change(session, cache, caller, body.to_command()))
