"""Per-partnership settings: the mandates of the model agreement."""

from typing import Annotated

from pydantic import Field, WithJsonSchema

from app.schemas.base import ApiModel, RequestModel
from app.schemas.fields import JaNee

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


def _optional_bool(description: str) -> WithJsonSchema:
    # Optional to send, never null: the document says boolean, the service refuses null.
    return WithJsonSchema({"type": "boolean", "description": description})


class InstellingenWijziging(RequestModel):
    """Wijzig één of meer instellingen; wat u weglaat blijft zoals het is."""

    mandaat_procesregisseur_intake: Annotated[JaNee | None, _optional_bool(_PROCESREGISSEUR)] = None
    mandaat_netwerkmanager_informatieplicht: Annotated[
        JaNee | None, _optional_bool(_NETWERKMANAGER)
    ] = None
