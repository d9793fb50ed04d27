"""Per-partnership settings: the mandates of the model agreement."""

from pydantic import Field

from app.schemas.base import ApiModel, RequestModel

_PROCESREGISSEUR = (
    "De gezamenlijk verwerkingsverantwoordelijken laten de intake-beoordeling doen door de "
    "procesregisseur (art. 12.2 optie 1 bestuurlijke afspraken; art. 2.31 lid 2 WGS)."
)
_NETWERKMANAGER = (
    "Het contactpunt mandateert de netwerkmanager om de informatieplicht (art. 14 AVG, art. "
    "1.3 BGS) namens hem na te komen (art. 14.7 en bijlage 4 bestuurlijke afspraken)."
)


class Instellingen(ApiModel):
    """De instellingen van uw samenwerkingsverband."""

    zvh: str
    mandaat_procesregisseur_intake: bool = Field(description=_PROCESREGISSEUR)
    mandaat_netwerkmanager_informatieplicht: bool = Field(description=_NETWERKMANAGER)


class InstellingenWijziging(RequestModel):
    """Wijzig één of meer instellingen; wat u weglaat blijft zoals het is."""

    mandaat_procesregisseur_intake: bool | None = Field(default=None, description=_PROCESREGISSEUR)
    mandaat_netwerkmanager_informatieplicht: bool | None = Field(
        default=None, description=_NETWERKMANAGER
    )
