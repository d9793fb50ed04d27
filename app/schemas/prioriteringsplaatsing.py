"""Placements on a priority list on the wire (art. 2.32(2)-(4) WGS)."""

from datetime import date, datetime
from typing import Annotated

from pydantic import Field

from app.domain.plaatsing import Plaatsing, Verwijderreden
from app.schemas.base import ApiModel, RequestModel
from app.schemas.fields import Datum, Tekst
from app.schemas.prioriteringstoetsing import MAX_FEITEN, Feit

_REDEN_UITLEG = (
    "`niet-langer-nodig`: de gezamenlijk verwerkingsverantwoordelijken oordeelden dat de "
    "plaatsing niet meer nodig is voor het doel van het Zorg- en Veiligheidshuis; "
    "`criteria-niet-meer-voldaan`: bij herbeoordeling voldeden de vastgelegde feiten niet "
    "meer aan de objectieve criteria; `casus-niet-meer-toegelaten`: de casus is afgesloten "
    "of afgewezen en voldoet niet meer aan art. 2.20 BGS; `lijst-ingetrokken`: de lijst is "
    "ingetrokken (art. 2.32 lid 4 WGS)."
)


class PlaatsingNieuw(RequestModel):
    """Plaats een toegelaten casus op de lijst met de feiten waarop hij aan de criteria voldoet."""

    casus_id: Tekst = Field(
        pattern=r"^[0-9a-f-]{36}$",
        description=(
            "De casus, toegelaten op de criteria van art. 2.20 BGS (status "
            "`gegevensverzameling` of `in-behandeling`) in het eigen samenwerkingsverband."
        ),
    )
    peildatum: Datum | None = Field(
        default=None,
        description=(
            "Een dag waarop de criteria (ook) moeten gelden; niet in de toekomst. De feiten "
            "moeten altijd vandaag aan de criteria voldoen: een plaatsing op feiten die alleen "
            "op een eerdere peildatum voldeden, wordt geweigerd. Standaard vandaag."
        ),
    )
    feiten: Annotated[list[Feit], Field(max_length=MAX_FEITEN)] = Field(
        description=(
            "De feiten, van overheids- of private deelnemers. Alleen de feiten die meetellen "
            "worden bewaard, als onderbouwing van de plaatsing."
        )
    )


class Verwijderverzoek(RequestModel):
    """Haal een casus van de lijst, met de reden."""

    reden: Tekst = Field(
        min_length=1,
        max_length=2000,
        description="Waarom de plaatsing niet meer nodig is (art. 2.32 lid 4 WGS).",
    )


class VerwijderingSchema(ApiModel):
    """Wanneer, door wie en waarom de plaatsing eindigde."""

    op: datetime
    door: str = Field(description="De deelnemer, of `systeem` bij de geplande herbeoordeling.")
    reden: Verwijderreden = Field(description=_REDEN_UITLEG)
    toelichting: str


class PlaatsingSchema(ApiModel):
    """Een casus op een prioriteringslijst."""

    id: str
    lijst: str = Field(description="Kenmerk van de prioriteringslijst.")
    versie: int = Field(description="De gepubliceerde versie van de criteria bij plaatsing.")
    casus_id: str
    peildatum: date
    geplaatst_op: datetime
    geplaatst_door: str
    beoordeeld_op: date | None = Field(
        description="Peildatum van de laatste herbeoordeling die de plaatsing handhaafde."
    )
    beoordeelde_versie: int | None
    feiten: list[Feit] = Field(
        description=(
            "De feiten die meetelden (de onderbouwing). Leeg na verwijdering: ze zijn dan "
            "gewist (art. 2.32 lid 4 WGS); leeg ook zodra de plaatsing is vervallen."
        )
    )
    vervalt_op: date | None = Field(
        description=(
            "De eerste dag waarop de vastgelegde feiten niet meer aan de criteria voldoen "
            "(feiten vallen buiten het venster). Vanaf die dag telt de plaatsing nergens meer "
            "als geplaatst, ook voordat de dagelijkse herbeoordeling haar verwijdert en haar "
            "feiten wist (art. 2.32 lid 4 WGS)."
        )
    )
    vervallen: bool = Field(
        description=(
            "Of de plaatsing is vervallen (`vervaltOp` is bereikt) maar nog niet verwijderd; "
            "alleen te zien met `inclusiefVerwijderd=true`."
        )
    )
    verwijdering: VerwijderingSchema | None

    @classmethod
    def of(cls, plaatsing: Plaatsing, vandaag: date) -> "PlaatsingSchema":
        v = plaatsing.verwijdering
        return cls(
            id=plaatsing.id,
            lijst=plaatsing.lijst_id,
            versie=plaatsing.versie,
            casus_id=plaatsing.casus_id,
            peildatum=plaatsing.peildatum,
            geplaatst_op=plaatsing.geplaatst_op,
            geplaatst_door=plaatsing.geplaatst_door,
            beoordeeld_op=plaatsing.beoordeeld_op,
            beoordeelde_versie=plaatsing.beoordeeld_versie,
            feiten=list(plaatsing.feiten) if plaatsing.geplaatst_op_dag(vandaag) else [],
            vervalt_op=plaatsing.vervalt_op,
            vervallen=v is None and not plaatsing.geplaatst_op_dag(vandaag),
            verwijdering=(
                VerwijderingSchema(op=v.op, door=v.door, reden=v.reden, toelichting=v.toelichting)
                if v
                else None
            ),
        )


class PlaatsingLijst(ApiModel):
    """De plaatsingen op een lijst, oudste eerst."""

    plaatsingen: list[PlaatsingSchema]


class HerbeoordelingNieuw(RequestModel):
    """Herbeoordeel alle huidige plaatsingen op een peildatum."""

    peildatum: Datum | None = Field(
        default=None,
        description=(
            "Een dag waarop de vastgelegde feiten (ook) opnieuw aan de geldende versie van de "
            "criteria worden getoetst; niet in de toekomst. Er wordt altijd ook op vandaag "
            "getoetst. Standaard vandaag."
        ),
    )


class VerwijderdeplaatsingSchema(ApiModel):
    """Een plaatsing die de herbeoordeling beëindigde."""

    plaatsing: str
    casus_id: str
    reden: Verwijderreden = Field(description=_REDEN_UITLEG)
    toelichting: str


class HerbeoordelingSchema(ApiModel):
    """De uitkomst van een herbeoordeling."""

    lijst: str
    versie: int = Field(description="De geldende versie van de criteria die is toegepast.")
    peildatum: date
    beoordeeld: int
    gehandhaafd: int
    niet_beoordeeld: int = Field(
        description="Plaatsingen met een latere peildatum dan deze herbeoordeling: ongemoeid."
    )
    verwijderd: list[VerwijderdeplaatsingSchema]
