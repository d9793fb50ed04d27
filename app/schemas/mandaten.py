"""Mandates on the wire (model art. 12.2 option 1, art. 14.7 and annex 4)."""

from datetime import date, datetime
from typing import Annotated

from pydantic import ConfigDict, Field

from app.domain.deelnemer import Rol
from app.domain.mandaat import Bevoegdheid
from app.schemas.base import ApiModel, RequestModel
from app.schemas.casussen import ID_PATTERN
from app.schemas.fields import Datum, Tekst
from app.services.mandaten import MandaatVastleggen, VastgelegdMandaat

DeelnemerKenmerk = Annotated[Tekst, Field(pattern=ID_PATTERN)]

_BEVOEGDHEID = (
    "`intake`: de intake-beoordeling door de procesregisseur (art. 12.2 optie 1 bestuurlijke "
    "afspraken, art. 2.31 lid 2 WGS); `informatieplicht`, `betrokkenenverzoeken`, "
    "`datalekken`: de taken van het contactpunt door de netwerkmanager (art. 14.7 en "
    "bijlage 4)."
)


class MandaatNieuw(RequestModel):
    """Een mandaat: wie namens wie welke bevoegdheid uitoefent, van wanneer tot wanneer."""

    model_config = ConfigDict(
        json_schema_extra={
            "examples": [
                {
                    "bevoegdheid": "betrokkenenverzoeken",
                    "mandaatgever": "gemeente-utrecht",
                    "gemandateerde": "gemeente-utrecht",
                    "rol": "netwerkmanager",
                    "ingangsdatum": "2027-01-01",
                    "einddatum": None,
                    "bekendmaking": "Gemeenteblad 2026, 12345",
                }
            ]
        }
    )

    bevoegdheid: Bevoegdheid = Field(description=_BEVOEGDHEID)
    mandaatgever: DeelnemerKenmerk = Field(
        description=(
            "Wie de bevoegdheid heeft: bij `intake` een gezamenlijk verwerkingsverantwoordelijke, "
            "anders het aangewezen contactpunt."
        )
    )
    gemandateerde: DeelnemerKenmerk = Field(
        description="De vaste deelnemer bij wie de gemandateerde functionaris werkt."
    )
    rol: Rol = Field(description="`procesregisseur` bij `intake`, anders `netwerkmanager`.")
    ingangsdatum: Datum = Field(description="Eerste dag waarop het mandaat geldt.")
    einddatum: Datum | None = Field(
        default=None,
        description="Laatste dag waarop het mandaat geldt; leeg: voor onbepaalde tijd.",
    )
    bekendmaking: Tekst = Field(
        min_length=1,
        max_length=500,
        description="Vindplaats van de bekendmaking van het mandaatbesluit.",
    )

    def to_command(self) -> MandaatVastleggen:
        return MandaatVastleggen(
            bevoegdheid=self.bevoegdheid,
            mandaatgever=self.mandaatgever,
            gemandateerde=self.gemandateerde,
            rol=self.rol,
            ingangsdatum=self.ingangsdatum,
            einddatum=self.einddatum,
            bekendmaking=self.bekendmaking,
        )


class Mandaat(ApiModel):
    """Een mandaat van het samenwerkingsverband."""

    id: str
    bevoegdheid: Bevoegdheid
    mandaatgever: str
    gemandateerde: str
    rol: Rol
    ingangsdatum: date
    einddatum: date | None
    bekendmaking: str
    geldt_vandaag: bool = Field(description="Of het mandaat vandaag (Europe/Amsterdam) geldt.")
    vastgelegd_op: datetime
    vastgelegd_door: str

    @classmethod
    def of(cls, mandaat: VastgelegdMandaat) -> "Mandaat":
        return cls(
            id=mandaat.id,
            bevoegdheid=mandaat.bevoegdheid,
            mandaatgever=mandaat.mandaatgever,
            gemandateerde=mandaat.gemandateerde,
            rol=Rol(mandaat.rol),
            ingangsdatum=mandaat.ingangsdatum,
            einddatum=mandaat.einddatum,
            bekendmaking=mandaat.bekendmaking,
            geldt_vandaag=mandaat.geldt_vandaag,
            vastgelegd_op=mandaat.vastgelegd_op,
            vastgelegd_door=mandaat.vastgelegd_door,
        )


class MandatenLijst(ApiModel):
    """Alle mandaten van het samenwerkingsverband, ook verlopen en toekomstige."""

    mandaten: list[Mandaat]


class MandaatBeeindiging(RequestModel):
    """Beëindig een mandaat: de laatste dag waarop het geldt."""

    model_config = ConfigDict(json_schema_extra={"examples": [{"einddatum": "2027-06-30"}]})

    einddatum: Datum = Field(
        description=(
            "Laatste dag waarop het mandaat geldt: niet voor de ingangsdatum, niet voor "
            "vandaag als het al geldt, en niet later dan een eerdere einddatum."
        )
    )
