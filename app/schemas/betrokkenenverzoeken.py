"""Data subjects' requests on the wire (AVG art. 12, 15-22; art. 41 UAVG; model art. 14)."""

from datetime import date, datetime
from typing import Annotated, Any

from pydantic import ConfigDict, Field

from app.rules.betrokkenenverzoek import Grond41, Opdrachtsoort, Standpunt, Uitkomst, Verzoeksoort
from app.schemas.base import ApiModel, RequestModel
from app.schemas.casussen import MAX_TEKST, Betrokkene
from app.schemas.fields import Datum, Tekst

Motivering = Annotated[Tekst, Field(min_length=1, max_length=MAX_TEKST)]
Kenmerk = Annotated[Tekst, Field(min_length=1, max_length=36)]


class BetrokkenenverzoekNieuw(RequestModel):
    """Een verzoek van een betrokkene, ontvangen door het contactpunt (art. 14.1 bestuurlijke
    afspraken)."""

    model_config = ConfigDict(
        json_schema_extra={
            "examples": [
                {
                    "soort": "inzage",
                    "betrokkene": {
                        "bsn": "111222333",
                        "voornamen": "Jan Pieter",
                        "achternaam": "Jansen",
                        "geboortedatum": "1990-04-01",
                    },
                    "ontvangenOp": "2027-01-31",
                    "omschrijving": "Betrokkene vraagt per brief welke gegevens over hem zijn vastgelegd.",
                }
            ]
        }
    )

    soort: Verzoeksoort = Field(
        description=(
            "`inzage` (art. 15 AVG), `rectificatie` (art. 16), `wissing` (art. 17), "
            "`beperking` (art. 18), `bezwaar` (art. 21)."
        )
    )
    betrokkene: Betrokkene = Field(
        description=(
            "De persoon: gezocht op BSN, of zonder BSN op voornamen, achternaam en "
            "geboortedatum, in alle casussen van het samenwerkingsverband (ook afgeschermde)."
        )
    )
    ontvangen_op: Datum = Field(description="De dag van ontvangst; niet in de toekomst.")
    omschrijving: Motivering


class Verlenging(RequestModel):
    """Verleng de termijn eenmaal met twee maanden (art. 12 lid 3 AVG)."""

    model_config = ConfigDict(
        json_schema_extra={"examples": [{"motivering": "Zes deelnemers betrokken; complex."}]}
    )

    motivering: Motivering


class Reactie(RequestModel):
    """De reactie van een betrokken deelnemer voor zijn eigen deel (art. 14.3-14.4
    bestuurlijke afspraken)."""

    model_config = ConfigDict(
        json_schema_extra={
            "examples": [
                {
                    "standpunt": "beperking",
                    "grond": "d",
                    "onderdelen": ["7d1e4c2a-0000-4000-8000-000000000001"],
                    "herbeoordelingOp": "2027-06-01",
                    "motivering": "Lopend opsporingsonderzoek.",
                },
                {"standpunt": "geen-bezwaar"},
            ]
        }
    )

    standpunt: Standpunt = Field(
        description=(
            "`geen-bezwaar`, of `beperking` met een grond van art. 41 lid 1 UAVG. Een latere "
            "`geen-bezwaar` heft een eerdere beperking op (art. 14.4)."
        )
    )
    grond: Grond41 | None = Field(
        default=None, description="Bij `beperking`: de letter van art. 41 lid 1 UAVG (a-j)."
    )
    onderdelen: list[Kenmerk] | None = Field(
        default=None,
        max_length=200,
        description=(
            "Bij `beperking`: de kenmerken van de eigen onderdelen die de beperking dekt: een "
            "eigen verstrekking, de eigen aanmelding (het casuskenmerk) of een eigen "
            "interventie in het plan van aanpak."
        ),
    )
    herbeoordeling_op: Datum | None = Field(
        default=None, description="Bij `beperking`: wanneer de deelnemer haar opnieuw beoordeelt."
    )
    motivering: Motivering | None = None


class Besluit(RequestModel):
    """Het besluit op het verzoek, na overleg met alle betrokken deelnemers (art. 14.3)."""

    model_config = ConfigDict(
        json_schema_extra={
            "examples": [
                {"uitkomst": "deels-toegewezen", "motivering": "Inzage behalve de beperkte delen."}
            ]
        }
    )

    uitkomst: Uitkomst
    motivering: Motivering


class ReactieWeergave(ApiModel):
    deelnemer: str
    standpunt: Standpunt
    grond: Grond41 | None
    onderdelen: list[str] | None
    herbeoordeling_op: date | None
    motivering: str | None
    tijdstip: datetime


class Opdracht(ApiModel):
    """Wat een deelnemer na het besluit moet doen, via de bestaande weg: correctie door de
    verstrekker (art. 1.6 BGS) of de bewaartermijnen; nooit door de geschiedenis te wijzigen."""

    deelnemer: str
    handeling: Opdrachtsoort = Field(
        description="`corrigeren`, `wissen`, `beperken` of `verwerking-staken`."
    )
    onderdelen: list[str]
    toelichting: str


class EigenOnderdeel(ApiModel):
    """Een onderdeel van de gegevens van de persoon dat van de deelnemer zelf is."""

    id: str = Field(description="Het kenmerk om in `onderdelen` van een beperking te noemen.")
    soort: str = Field(description="`aanmelding`, `verstrekking` of `interventie`.")
    casus: str


class DeelnemerStand(ApiModel):
    deelnemer: str
    gereageerd: bool
    standpunt: Standpunt | None


class Betrokkenenverzoek(ApiModel):
    """Een verzoek van een betrokkene. Een betrokken deelnemer ziet alleen zijn eigen deel."""

    id: str
    soort: Verzoeksoort
    ontvangen_op: date
    uiterlijke_beslisdatum: date = Field(
        description="Ontvangst + 1 kalendermaand, na verlenging + 3 (art. 12 lid 3 AVG)."
    )
    verlengd: bool
    verlenging_motivering: str | None
    open: bool
    verlopen: bool = Field(description="Nog open en vandaag na de uiterlijke beslisdatum.")
    betrokkene: dict[str, Any] | None = Field(
        description="Naam en geboortedatum; alleen voor het contactpunt (nooit het BSN)."
    )
    omschrijving: str | None
    casussen: list[str] = Field(description="De casussen van de persoon die u aangaan.")
    betrokken_deelnemers: list[DeelnemerStand]
    reacties: list[ReactieWeergave] = Field(
        description="Alle reacties voor het contactpunt; voor een deelnemer alleen de eigen."
    )
    uitkomst: Uitkomst | None
    besluit_motivering: str | None
    besloten_op: datetime | None
    opdrachten: list[Opdracht] = Field(
        description="Na een besluit: wat de deelnemers moeten doen (voor een deelnemer: het eigen)."
    )
    eigen_onderdelen: list[EigenOnderdeel] = Field(
        description=(
            "Voor een betrokken deelnemer: zijn eigen onderdelen, die hij met een beperking "
            "kan afschermen; leeg voor het contactpunt."
        )
    )


class BetrokkenenverzoekenLijst(ApiModel):
    verzoeken: list[Betrokkenenverzoek]


class InzageRegistratie(ApiModel):
    casus: str
    status: str
    aanmelder: str
    aanmelddatum: date
    aanmeldreden: str | None


class InzageVerstrekking(ApiModel):
    id: str
    casus: str
    verstrekker: str
    categorie: str
    verstrekt_op: datetime
    inhoud: str | None


class InzageInterventie(ApiModel):
    id: str
    casus: str
    deelnemer: str
    omschrijving: str | None
    termijn: date


class Inzage(ApiModel):
    """De gegevens van de persoon over alle casussen, zonder de delen onder een beperking."""

    verzoek: str
    registraties: list[InzageRegistratie]
    verstrekkingen: list[InzageVerstrekking]
    interventies: list[InzageInterventie]
    weggelaten: int = Field(
        description="Hoeveel delen onder een beperking (art. 41 UAVG) zijn weggelaten."
    )
