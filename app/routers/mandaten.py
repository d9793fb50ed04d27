"""Mandates of the partnership: `/v1/mandaten` (model art. 12.2 option 1, 14.7, annex 4)."""

from typing import Annotated

from fastapi import Depends, Path, Response

from app.auth.claims import Caller
from app.auth.policy import Actie
from app.deps import Idempotent, Session, Today, allowed
from app.problems import problem_responses
from app.routers import v1_router
from app.schemas.fields import Tekst
from app.schemas.mandaten import Mandaat, MandaatBeeindiging, MandaatNieuw, MandatenLijst
from app.services import mandaten

router = v1_router(tags=["Mandaten"])

Lezer = Annotated[Caller, Depends(allowed(Actie.MANDATEN_LEZEN))]
Beheerder = Annotated[Caller, Depends(allowed(Actie.MANDATEN_BEHEREN))]


@router.post(
    "/mandaten",
    operation_id="mandaatVastleggen",
    summary="Leg een mandaat vast (alleen de aangewezen beheerder)",
    description=(
        "De procesregisseur voor de intake (art. 12.2 optie 1 bestuurlijke afspraken), of de "
        "netwerkmanager voor de informatieplicht, verzoeken van betrokkenen of datalekken "
        "(art. 14.7 en bijlage 4). Een mandaat geldt van de ingangsdatum tot en met de "
        "einddatum; de autorisatie kijkt naar het mandaat dat geldt op de dag van de handeling."
    ),
    status_code=201,
    responses=problem_responses(400, 401, 403, 413, 415),
)
async def create_mandaat(
    caller: Beheerder,
    _: Idempotent,
    session: Session,
    vandaag: Today,
    body: MandaatNieuw,
    response: Response,
) -> Mandaat:
    mandaat = Mandaat.of(await mandaten.create(session, caller, body.to_command(), vandaag))
    response.headers["Location"] = f"/v1/mandaten/{mandaat.id}"
    return mandaat


@router.get(
    "/mandaten",
    operation_id="mandatenLijst",
    summary="De mandaten van uw samenwerkingsverband",
    description="Voor de vaste deelnemers: alle mandaten, ook verlopen en toekomstige.",
    responses=problem_responses(401, 403),
)
async def list_mandaten(caller: Lezer, session: Session, vandaag: Today) -> MandatenLijst:
    return MandatenLijst(
        mandaten=[Mandaat.of(m) for m in await mandaten.list_all(session, caller, vandaag)]
    )


MandaatId = Annotated[Tekst, Path(max_length=36, description="Kenmerk van het mandaat.")]


@router.post(
    "/mandaten/{mandaat_id}/beeindiging",
    operation_id="mandaatBeeindigen",
    summary="Beëindig een mandaat (alleen de aangewezen beheerder)",
    description=(
        "Zet de laatste dag van het mandaat; een mandaat wordt nooit verwijderd, zodat voor "
        "iedere eerdere handeling te zien blijft welk mandaat toen gold."
    ),
    responses=problem_responses(400, 401, 403, 404, 413, 415),
)
async def end_mandaat(
    caller: Beheerder,
    session: Session,
    vandaag: Today,
    mandaat_id: MandaatId,
    body: MandaatBeeindiging,
) -> Mandaat:
    return Mandaat.of(await mandaten.end(session, caller, mandaat_id, body.einddatum, vandaag))
