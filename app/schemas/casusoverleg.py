"""Case conferences on the wire (step 5, art. 2.31 lid 5 WGS; art. 8 bestuurlijke afspraken)."""

from datetime import date, datetime
from typing import Annotated

from pydantic import Field

from app.schemas.base import ApiModel, RequestModel
from app.schemas.casussen import ID_PATTERN, MAX_TEKST
from app.schemas.fields import Datum, Tekst
from app.services import casusoverleg as service

DeelnemerKenmerk = Annotated[Tekst, Field(pattern=ID_PATTERN)]


class CasusoverlegNieuw(RequestModel):
    """Een gehouden casusoverleg: wanneer, wie er waren en welke afspraken zijn gemaakt."""

    datum: Datum = Field(
        description="De dag van het overleg; niet voor de aanmelddatum, niet in de toekomst."
    )
    aanwezigen: list[DeelnemerKenmerk] = Field(
        min_length=1,
        max_length=50,
        description=(
            "Kenmerken van de aanwezige deelnemers: geselecteerde deelnemers (art. 2.31 lid 4 "
            "WGS), incidentele deelnemers met een ondertekende geheimhoudingsverklaring (art. "
            "8.1 bestuurlijke afspraken, art. 2.21 BGS) en gezamenlijk "
            "verwerkingsverantwoordelijken."
        ),
    )
    afspraken: Tekst = Field(
        min_length=1,
        max_length=MAX_TEKST,
        description="De gemaakte afspraken (art. 2.31 lid 5 en 6 WGS; art. 8.3 bestuurlijke afspraken).",
    )

    def to_command(self) -> service.CasusoverlegVastleggen:
        return service.CasusoverlegVastleggen(
            datum=self.datum, aanwezigen=tuple(self.aanwezigen), afspraken=self.afspraken
        )


class Casusoverleg(ApiModel):
    """Een vastgelegd casusoverleg. De vergaderingen zijn niet openbaar (art. 8.7)."""

    id: str
    datum: date
    aanwezigen: list[str]
    afspraken: str | None
    vastgelegd_op: datetime
    vastgelegd_door: str = Field(description="De deelnemer die het overleg vastlegde.")

    @classmethod
    def of(cls, overleg: service.Casusoverleg) -> "Casusoverleg":
        return cls(
            id=overleg.id,
            datum=overleg.datum,
            aanwezigen=list(overleg.aanwezigen),
            afspraken=overleg.afspraken,
            vastgelegd_op=overleg.vastgelegd_op,
            vastgelegd_door=overleg.vastgelegd_door,
        )


class CasusoverleggenLijst(ApiModel):
    """De casusoverleggen die u mag zien: alle, of die waarbij u aanwezig was."""

    casusoverleggen: list[Casusoverleg]
