"""Subscriptions to notifications: `/v1/abonnementen` (contract v2, "Integration")."""

from typing import Annotated

from fastapi import Depends, Path, Response

from app.auth.claims import Caller
from app.auth.policy import Actie
from app.config import Environment
from app.deps import AppSettings, Idempotent, Session, allowed
from app.problems import problem_responses
from app.routers import v1_router
from app.schemas.abonnementen import (
    Abonnement,
    AbonnementAangemaakt,
    AbonnementLijst,
    AbonnementNieuw,
    Herlevering,
)
from app.schemas.fields import Tekst
from app.services import abonnementen as service

router = v1_router(tags=["Notificaties"])

Beheerder = Annotated[Caller, Depends(allowed(Actie.ABONNEMENTEN_BEHEREN))]
AbonnementId = Annotated[
    Tekst,
    Path(
        pattern=r"^[0-9a-f-]{36}$",
        min_length=36,
        max_length=36,
        description="Kenmerk (UUID) van het abonnement.",
    ),
]

_WIE = (
    "Voor de gezamenlijk verwerkingsverantwoordelijken en de vaste deelnemers, voor hun eigen "
    "organisatie; een incidentele deelnemer krijgt 403. Het abonnement van een andere "
    "organisatie bestaat voor de aanroeper niet (404)."
)

CREATE_DESCRIPTION = f"""\
Bij elke gebeurtenis op een gekozen kanaal (`casussen`, `gegevensverzoeken`,
`instemmingsverzoeken`, `betrokkenenverzoeken`, `datalekken`, `prioriteringslijsten`) POST
de dienst `{{kanaal, resource, resourceUrl, actie, aanmaakdatum}}` naar de `callbackUrl`
(schema `Notificatie`): nooit persoonsgegevens, ondertekend volgens Standard Webhooks
(`webhook-id`, `webhook-timestamp`, `webhook-signature`). De notificatie komt uit een
transactionele outbox: zij bestaat precies als de wijziging is vastgelegd. Mislukt een
aflevering, dan volgt een nieuwe poging met exponentieel toenemende wachttijd; na het
laatste aantal pogingen blijft zij staan tot de beheerder haar opnieuw aanbiedt
(`zvh notifications redeliver`).

De dienst levert alleen af als de organisatie de resource op dat moment mag lezen (need to
know, zoals bij een gewone raadpleging): wie niet meer geselecteerd is, of een casus die
intussen is afgesloten en afgeschermd, krijgt niets.

{_WIE}
"""


def _view(abonnement: service.Abonnement) -> Abonnement:
    return Abonnement(
        id=abonnement.id,
        deelnemer=abonnement.deelnemer,
        callback_url=abonnement.callback_url,
        kanalen=abonnement.kanalen,
        aangemaakt_op=abonnement.aangemaakt_op,
    )


@router.post(
    "/abonnementen",
    operation_id="abonnementAanmaken",
    summary="Neem een abonnement op notificaties voor de eigen organisatie",
    description=CREATE_DESCRIPTION,
    status_code=201,
    responses=problem_responses(400, 401, 403, 413, 415),
)
async def create_abonnement(
    caller: Beheerder,
    _: Idempotent,
    session: Session,
    settings: AppSettings,
    body: AbonnementNieuw,
    response: Response,
) -> AbonnementAangemaakt:
    aangemaakt = await service.create(
        session,
        caller,
        service.NieuwAbonnement(body.callback_url, frozenset(body.kanalen), body.geheim),
        https_vereist=settings.env is Environment.PRODUCTION,
        allow_private=settings.webhook_allow_private,
    )
    response.headers["Location"] = f"/v1/abonnementen/{aangemaakt.abonnement.id}"
    return AbonnementAangemaakt(
        **_view(aangemaakt.abonnement).model_dump(), geheim=aangemaakt.gemaakt_geheim
    )


@router.get(
    "/abonnementen",
    operation_id="abonnementenLijst",
    summary="De abonnementen van de eigen organisatie",
    description=_WIE,
    responses=problem_responses(401, 403),
)
async def list_abonnementen(caller: Beheerder, session: Session) -> AbonnementLijst:
    return AbonnementLijst(abonnementen=[_view(a) for a in await service.list_own(session, caller)])


@router.get(
    "/abonnementen/{abonnement_id}",
    operation_id="abonnementOpvragen",
    summary="Eén abonnement van de eigen organisatie (zonder geheim)",
    description=_WIE,
    responses=problem_responses(400, 401, 403, 404),
)
async def get_abonnement(
    caller: Beheerder, session: Session, abonnement_id: AbonnementId
) -> Abonnement:
    return _view(await service.get_own(session, caller, abonnement_id))


@router.delete(
    "/abonnementen/{abonnement_id}",
    operation_id="abonnementBeeindigen",
    summary="Beëindig een abonnement; wat nog niet is afgeleverd, wordt niet meer verstuurd",
    description=_WIE,
    status_code=204,
    responses={
        204: {"description": "Het abonnement is beëindigd."},
        **problem_responses(400, 401, 403, 404),
    },
)
async def delete_abonnement(
    caller: Beheerder, session: Session, abonnement_id: AbonnementId
) -> Response:
    await service.end(session, caller, abonnement_id)
    return Response(status_code=204)


@router.post(
    "/abonnementen/{abonnement_id}/herlevering",
    operation_id="abonnementHerleveren",
    summary="Bied de mislukte afleveringen van een abonnement opnieuw aan",
    description=(
        "Afleveringen waarvan alle pogingen mislukten (bijvoorbeeld omdat de ontvanger een "
        "dag onbereikbaar was) komen opnieuw in de wachtrij, vanaf een eerste poging. Of de "
        "organisatie de resource nog mag lezen, toetst de dienst bij het versturen.\n\n" + _WIE
    ),
    responses=problem_responses(400, 401, 403, 404),
)
async def redeliver(
    caller: Beheerder, session: Session, abonnement_id: AbonnementId
) -> Herlevering:
    return Herlevering(aantal=await service.redeliver_own(session, caller, abonnement_id))
