"""Priority lists on the wire: EXPR, lists and versions, and the public publication.

EXPR is validated by the pure parser (app/rules/prioritering.py), not by pydantic, so that
an attempt at a criterion on a personal characteristic is refused with the rule's own code
(`criterium-niet-objectief`). Its JSON schema is written out here, from the same closed
lists, and added to the OpenAPI components by app/openapi.py.
"""

from datetime import date, datetime
from typing import Annotated, Any

from pydantic import Field, PlainValidator, WithJsonSchema
from pydantic_core import PydanticCustomError

from app.domain.errors import InvalidInput
from app.domain.prioritering import CATEGORIEEN, DATUM_BETEKENIS, Expressie, Soort
from app.domain.prioriteringslijst import Lijststatus, Prioriteringslijst, Versie, Versiestatus
from app.rules.prioritering import (
    MAX_DELEN,
    MAX_DIEPTE,
    MAX_MINIMAAL,
    MAX_PERIODE_MAANDEN,
    parse_criteria,
)
from app.rules.prioritering_tekst import describe_criteria
from app.schemas.base import ApiModel, RequestModel
from app.schemas.fields import Tekst

REF = "#/components/schemas/"


def _parse(value: Any) -> Expressie:
    try:
        return parse_criteria(value, "criteria")
    except InvalidInput as exc:
        # One error that carries every problem; app/validation.py lists them one by one.
        raise PydanticCustomError(
            "criteria-ongeldig",
            "De criteria voldoen niet aan de regels.",
            {"problems": exc.problems},
        ) from None


CriteriaInvoer = Annotated[
    Expressie,
    PlainValidator(_parse),
    WithJsonSchema({"allOf": [{"$ref": REF + "Criteriumexpressie"}]}),
]
CriteriaUitvoer = Annotated[
    dict[str, Any], WithJsonSchema({"allOf": [{"$ref": REF + "Criteriumexpressie"}]})
]

_CATEGORIE_UITLEG = "\n".join(
    f"- `{soort.value}` ({DATUM_BETEKENIS[soort]}): " + ", ".join(f"`{c}`" for c in categorieen)
    for soort, categorieen in CATEGORIEEN.items()
)


def criteria_schemas() -> dict[str, Any]:
    """The component schemas of EXPR, from the closed lists of the domain."""
    deel = {"$ref": REF + "Criteriumexpressie"}
    lijst = {"type": "array", "minItems": 1, "maxItems": MAX_DELEN, "items": deel}
    return {
        "Criteriumexpressie": {
            "description": (
                "Objectieve criteria voor plaatsing op een prioriteringslijst (art. 2.32 lid 1 "
                "WGS): precies één van `alle`, `eenVan` of `telling`, tot "
                f"{MAX_DIEPTE} niveaus diep. Er bestaat geen criterium op een persoonskenmerk "
                "(nationaliteit, herkomst, religie, gezondheid, geslacht, leeftijd of een ander "
                "kenmerk van wie iemand is); een onbekende sleutel of soort wordt geweigerd met "
                "400 en de code `criterium-niet-objectief`."
            ),
            "oneOf": [
                {"$ref": REF + "CriteriumAlle"},
                {"$ref": REF + "CriteriumEenVan"},
                {"$ref": REF + "CriteriumTelling"},
            ],
        },
        "CriteriumAlle": {
            "type": "object",
            "description": "Alle onderdelen gelden.",
            "required": ["alle"],
            "additionalProperties": False,
            "properties": {"alle": lijst},
        },
        "CriteriumEenVan": {
            "type": "object",
            "description": "Minstens één van de onderdelen geldt.",
            "required": ["eenVan"],
            "additionalProperties": False,
            "properties": {"eenVan": lijst},
        },
        "CriteriumTelling": {
            "type": "object",
            "description": (
                "Minstens `minimaal` feiten van de soort, in één van de categorieën, met een "
                "datum vanaf de peildatum min `periodeMaanden` maanden tot en met de peildatum. "
                "Bestaat die dag niet in de eerdere maand (29 februari, de 31e), dan geldt de "
                "laatste dag van die maand. Feiten na de peildatum tellen nooit mee."
            ),
            "required": ["telling", "minimaal"],
            "additionalProperties": False,
            "properties": {
                "telling": {"$ref": REF + "Tellingvoorwaarde"},
                "minimaal": {"type": "integer", "minimum": 1, "maximum": MAX_MINIMAAL},
            },
        },
        "Tellingvoorwaarde": {
            "type": "object",
            "description": "Welke feiten meetellen.",
            "required": ["soort", "periodeMaanden"],
            "additionalProperties": False,
            "properties": {
                "soort": {"$ref": REF + "Feitsoort"},
                "categorieen": {
                    "type": "array",
                    "items": {"type": "string"},
                    "description": (
                        "Categorieën van de soort; leeg of afwezig: alle categorieën. Per "
                        f"soort:\n\n{_CATEGORIE_UITLEG}"
                    ),
                },
                "periodeMaanden": {"type": "integer", "minimum": 1, "maximum": MAX_PERIODE_MAANDEN},
            },
        },
        "Feitsoort": {
            "type": "string",
            "enum": [s.value for s in Soort],
            "description": (
                "Een soort objectieve, geregistreerde gebeurtenis (gesloten lijst). Per soort de "
                f"betekenis van de datum en de categorieën:\n\n{_CATEGORIE_UITLEG}"
            ),
        },
    }


_LIJSTSTATUS = WithJsonSchema(
    {
        "type": "string",
        "enum": [s.value for s in Lijststatus],
        "description": (
            "- `concept`: nog geen versie gepubliceerd; de lijst kan niet worden toegepast.\n"
            "- `gepubliceerd`: de nieuwste gepubliceerde versie wordt toegepast.\n"
            "- `ingetrokken`: de lijst wordt niet meer toegepast (definitief)."
        ),
    }
)
_VERSIESTATUS = WithJsonSchema(
    {
        "type": "string",
        "enum": [s.value for s in Versiestatus],
        "description": (
            "- `concept`: nog niet gepubliceerd, mag nog worden vervangen.\n"
            "- `gepubliceerd`: de geldende versie; verandert nooit meer.\n"
            "- `vervangen`: eerder gepubliceerd, vervangen door een nieuwere versie."
        ),
    }
)

_NAAM = Field(
    min_length=1,
    max_length=200,
    description="Naam van de lijst, uniek binnen het samenwerkingsverband.",
)
_OMSCHRIJVING = Field(
    min_length=1,
    max_length=10_000,
    description="Doel en toelichting van de lijst, zoals die wordt gepubliceerd (art. 2.22 BGS).",
)

VOORBEELD_CRITERIA: dict[str, Any] = {
    "alle": [
        {
            "telling": {"soort": "veroordeling", "categorieen": ["geweld", "straatroof", "overval"], "periodeMaanden": 24},
            "minimaal": 2,
        },
        {
            "eenVan": [
                {"telling": {"soort": "aanhouding", "periodeMaanden": 12}, "minimaal": 3},
                {"telling": {"soort": "overlastmelding", "categorieen": ["woonoverlast"], "periodeMaanden": 6}, "minimaal": 2},
            ]
        },
    ]
}  # fmt: skip


class PrioriteringslijstNieuw(RequestModel):
    """Een nieuwe prioriteringslijst; versie 1 van de criteria staat in `concept`."""

    naam: Tekst = _NAAM
    omschrijving: Tekst = _OMSCHRIJVING
    criteria: CriteriaInvoer = Field(
        description="De objectieve criteria.", examples=[VOORBEELD_CRITERIA]
    )


class VersieNieuw(RequestModel):
    """Nieuwe criteria voor een lijst: een nieuwe versie in `concept`, of vervanging van de conceptversie."""

    omschrijving: Tekst = _OMSCHRIJVING
    criteria: CriteriaInvoer = Field(
        description="De objectieve criteria.", examples=[VOORBEELD_CRITERIA]
    )


class VersieSchema(ApiModel):
    """Eén versie van de criteria van een lijst."""

    versie: int = Field(description="Volgnummer, vanaf 1.")
    status: Annotated[Versiestatus, _VERSIESTATUS]
    omschrijving: str
    criteria: CriteriaUitvoer
    criteria_in_gewone_taal: str = Field(description="De criteria als Nederlandse zin.")
    aangemaakt_op: datetime
    publicatiedatum: date | None = Field(description="Datum van publicatie; leeg bij een concept.")

    @classmethod
    def of(cls, lijst: Prioriteringslijst, versie: Versie) -> "VersieSchema":
        return cls(
            versie=versie.versie,
            status=lijst.versiestatus(versie),
            omschrijving=versie.omschrijving,
            criteria=dict(versie.criteria),
            criteria_in_gewone_taal=describe_criteria(parse_criteria(versie.criteria)),
            aangemaakt_op=versie.aangemaakt_op,
            publicatiedatum=versie.publicatiedatum,
        )


class PrioriteringslijstSchema(ApiModel):
    """Een lijst met geprioriteerde casussen (art. 2.32 WGS) en al haar versies."""

    id: str
    naam: str
    status: Annotated[Lijststatus, _LIJSTSTATUS]
    geldende_versie: int | None = Field(
        description="De versie die wordt toegepast; leeg zolang er niets is gepubliceerd."
    )
    aangemaakt_op: datetime
    aangemaakt_door: str = Field(description="De deelnemer die de lijst aanmaakte.")
    ingetrokken_op: datetime | None
    versies: list[VersieSchema] = Field(description="Alle versies, oudste eerst.")

    @classmethod
    def of(cls, lijst: Prioriteringslijst) -> "PrioriteringslijstSchema":
        geldend = lijst.geldende_versie
        return cls(
            id=lijst.id,
            naam=lijst.naam,
            status=lijst.status,
            geldende_versie=geldend.versie if geldend else None,
            aangemaakt_op=lijst.aangemaakt_op,
            aangemaakt_door=lijst.aangemaakt_door,
            ingetrokken_op=lijst.ingetrokken_op,
            versies=[VersieSchema.of(lijst, v) for v in lijst.versies],
        )


class PrioriteringslijstLijst(ApiModel):
    """De prioriteringslijsten van het eigen samenwerkingsverband."""

    prioriteringslijsten: list[PrioriteringslijstSchema]


class PublicatieSchema(ApiModel):
    """De gepubliceerde criteria van één lijst (art. 2.22 BGS)."""

    id: str
    naam: str
    omschrijving: str
    versie: int
    publicatiedatum: date
    criteria: CriteriaUitvoer
    criteria_in_gewone_taal: str = Field(description="De criteria als Nederlandse zin.")

    @classmethod
    def of(cls, lijst: Prioriteringslijst) -> "PublicatieSchema":
        versie = lijst.geldende_versie
        assert versie is not None
        assert versie.publicatiedatum is not None
        return cls(
            id=lijst.id,
            naam=lijst.naam,
            omschrijving=versie.omschrijving,
            versie=versie.versie,
            publicatiedatum=versie.publicatiedatum,
            criteria=dict(versie.criteria),
            criteria_in_gewone_taal=describe_criteria(parse_criteria(versie.criteria)),
        )


class Publicaties(ApiModel):
    """De gepubliceerde prioriteringslijsten van een samenwerkingsverband."""

    zvh: str
    prioriteringslijsten: list[PublicatieSchema]
