"""Subscriptions to notifications on the wire (contract v2, "Integration")."""

from datetime import datetime
from typing import Any

from pydantic import ConfigDict, Field

from app.domain.notificatie import Kanaal
from app.schemas.base import ApiModel, RequestModel
from app.schemas.fields import Tekst

VOORBEELD: dict[str, Any] = {
    "callbackUrl": "https://werkvoorraad.reclassering.example/zvh/notificaties",
    "kanalen": ["casussen", "gegevensverzoeken"],
    "geheim": "whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw",
}


class AbonnementNieuw(RequestModel):
    """Een abonnement van de eigen organisatie op notificaties van één of meer kanalen."""

    model_config = ConfigDict(json_schema_extra={"examples": [VOORBEELD]})

    callback_url: Tekst = Field(
        min_length=1,
        max_length=2000,
        description=(
            "Waarheen de dienst elke notificatie POST. In productie alleen `https`; nooit "
            "naar een privé-, loopback- of link-local-adres, tenzij de dienst daarvoor is "
            "ingesteld (`ZVH_WEBHOOK_ALLOW_PRIVATE`)."
        ),
    )
    kanalen: list[Kanaal] = Field(
        min_length=1,
        max_length=len(Kanaal),
        description="De kanalen waarvan de organisatie notificaties wil ontvangen.",
    )
    geheim: Tekst | None = Field(
        default=None,
        max_length=200,
        description=(
            "Het geheim voor de ondertekening volgens Standard Webhooks: `whsec_` gevolgd "
            "door base64 van 24 tot 64 bytes. Zonder geheim maakt de dienst er een en geeft "
            "het eenmalig terug in het antwoord; daarna nooit meer."
        ),
    )


class Abonnement(ApiModel):
    """Een abonnement van de eigen organisatie. Het geheim wordt nooit teruggegeven."""

    id: str = Field(description="Kenmerk (UUID) van het abonnement.")
    deelnemer: str = Field(description="De organisatie waarvoor het abonnement geldt.")
    callback_url: str
    kanalen: list[Kanaal]
    aangemaakt_op: datetime


class AbonnementAangemaakt(Abonnement):
    """Het nieuwe abonnement; met het geheim alleen als de dienst het zelf maakte."""

    geheim: str | None = Field(
        description=(
            "Het door de dienst gemaakte geheim (`whsec_...`), alleen in dit antwoord; "
            "`null` als u zelf een geheim meegaf."
        )
    )


class AbonnementLijst(ApiModel):
    abonnementen: list[Abonnement]


class Herlevering(ApiModel):
    """Hoeveel mislukte afleveringen opnieuw in de wachtrij staan."""

    aantal: int = Field(
        description="Afleveringen die alle pogingen mislukten en nu opnieuw worden aangeboden."
    )


class Notificatie(ApiModel):
    """Wat de dienst naar de callbackUrl POST: welke resource, hoe gewijzigd, wanneer.

    Nooit persoonsgegevens. Ondertekend volgens Standard Webhooks met de headers
    `webhook-id` (gelijk bij elke nieuwe poging), `webhook-timestamp` (Unix-seconden) en
    `webhook-signature` (`v1,` + base64 van HMAC-SHA256 over `id.timestamp.body` met de
    gedecodeerde bytes van het geheim). Een 2xx-antwoord telt als afgeleverd; anders volgt
    een nieuwe poging met exponentieel toenemende wachttijd.
    """

    kanaal: Kanaal
    resource: str = Field(description="Soort resource: `casus`, `gegevensverzoek`, ...")
    resource_url: str = Field(
        description="Waar de ontvanger de resource ophaalt (met eigen token)."
    )
    actie: str = Field(description="`aangemaakt`, `gewijzigd`, `afgesloten`, `beantwoord`, ...")
    aanmaakdatum: datetime
