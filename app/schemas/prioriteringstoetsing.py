"""A batch check against a priority list on the wire, as JSON or as NDJSON lines.

Candidates and facts are TypedDicts validated by pydantic-core straight from the bytes
(no model instances): a million NDJSON lines go through them. The results are written
by the service without pydantic for the same reason; the models below describe them in
the OpenAPI document, and a test holds the two together.
"""

import copy
from datetime import date
from typing import Annotated, Any

from pydantic import ConfigDict, Field, TypeAdapter, WithJsonSchema, with_config
from pydantic_core import SchemaValidator
from typing_extensions import TypedDict

from app.domain.prioritering import Soort
from app.schemas.base import ApiModel
from app.schemas.fields import Datum, Tekst
from app.schemas.problem import Problem

REF = "#/components/schemas/"
MAX_FEITEN = 1000
_CONFIG = ConfigDict(extra="forbid", hide_input_in_errors=True)
_SOORT = WithJsonSchema(
    {
        "type": "string",
        "enum": [s.value for s in Soort],
        "description": "De soort gebeurtenis; zie `Feitsoort` voor de categorieën.",
    }
)


@with_config(_CONFIG)
class Feit(TypedDict):
    """Een geregistreerde gebeurtenis over de kandidaat, aangeleverd door een vaste deelnemer."""

    soort: Annotated[Soort, _SOORT]
    categorie: Annotated[
        Tekst, Field(min_length=1, max_length=64, description="Categorie binnen de soort.")
    ]
    datum: Annotated[
        Datum, Field(description="Datum van de gebeurtenis; de betekenis staat bij `Feitsoort`.")
    ]
    bron: Annotated[
        Tekst,
        Field(
            min_length=1,
            max_length=64,
            description=(
                "De deelnemer die het feit aanleverde: een overheids- of private deelnemer van "
                "het samenwerkingsverband. Een derde of (beoogde) incidentele deelnemer wordt "
                "geweigerd (400, `bron-niet-toegestaan`): art. 2.32 WGS staat niet toe dat "
                "gegevens voor een prioriteringslijst bij hen worden verzameld."
            ),
        ),
    ]


@with_config(_CONFIG)
class Kandidaat(TypedDict):
    """Eén kandidaat met zijn feiten. Bij application/x-ndjson is elke regel één kandidaat."""

    ref: Annotated[
        Tekst,
        Field(
            min_length=1,
            max_length=100,
            description=(
                "Eigen kenmerk van de aanroeper, terug in het resultaat; gebruik een pseudoniem. "
                "Er wordt niets van opgeslagen."
            ),
        ),
    ]
    feiten: Annotated[list[Feit], Field(max_length=MAX_FEITEN)]


@with_config(_CONFIG)
class Prioriteringstoetsing(TypedDict):
    """Kandidaten om aan de gepubliceerde criteria te toetsen op de peildatum."""

    peildatum: Annotated[Datum, Field(description="De dag waarop de criteria worden toegepast.")]
    kandidaten: list[Kandidaat]


KANDIDAAT: TypeAdapter[Kandidaat] = TypeAdapter(Kandidaat)
TOETSING: TypeAdapter[Prioriteringstoetsing] = TypeAdapter(Prioriteringstoetsing)


def _without_patterns(schema: Any) -> Any:
    if isinstance(schema, dict):
        if schema.get("type") == "str":
            schema.pop("pattern", None)
        for value in schema.values():
            _without_patterns(value)
    elif isinstance(schema, list):
        for value in schema:
            _without_patterns(value)
    return schema


KANDIDAAT_ZONDER_PATRONEN = SchemaValidator(_without_patterns(copy.deepcopy(KANDIDAAT.core_schema)))
"""`KANDIDAAT` without the no-control-characters patterns of its texts, for a fast path.

The three patterns per fact are about a sixth of a line's validation. A caller that
accepts a candidate from this validator must itself make sure no text holds a control
character (a known source, a known category, a clean `ref`), and otherwise validate the
line again with `KANDIDAAT`, whose errors are the contract.
"""


class Clausule(ApiModel):
    """Eén telling uit de criteria, toegepast op de kandidaat."""

    pad: str = Field(
        description="JSON Pointer naar de telling in de criteria (leeg: de criteria zijn één telling)."
    )
    soort: Annotated[Soort, _SOORT]
    minimaal: int
    gevonden: int = Field(description="Aantal feiten dat meetelde.")
    voldaan: bool = Field(description="Of `gevonden` minstens `minimaal` is.")
    feiten: list[int] = Field(
        description="Posities (vanaf 0) in de `feiten` van de kandidaat van de feiten die meetelden."
    )


class Kandidaatuitkomst(ApiModel):
    """De uitkomst voor één kandidaat."""

    ref: str
    voldoet: bool = Field(
        description=(
            "Of de kandidaat op de peildatum aan de objectieve criteria voldoet. Plaatsing vereist "
            "daarnaast een casus die aan art. 2.20 BGS voldoet."
        )
    )
    clausules: list[Clausule] = Field(description="Elke telling, in de volgorde van de criteria.")


class Kandidaatregeluitkomst(Kandidaatuitkomst):
    """Een NDJSON-regel met de uitkomst voor één kandidaat, en wat daarbij is toegepast."""

    versie: int = Field(description="De gepubliceerde versie van de criteria die is toegepast.")
    peildatum: date = Field(description="De peildatum waarop de criteria zijn toegepast.")


class Toetsingsresultaat(ApiModel):
    """De uitkomsten van een toetsing, in de volgorde van de kandidaten."""

    lijst: str = Field(description="Kenmerk van de prioriteringslijst.")
    versie: int = Field(description="De gepubliceerde versie van de criteria die is toegepast.")
    peildatum: date
    resultaten: list[Kandidaatuitkomst]


class Kandidaatfout(ApiModel):
    """Een NDJSON-regel na de eerste 1000 kandidaten die niet kon worden getoetst."""

    kandidaat: int = Field(
        description="Volgnummer van de kandidaat (vanaf 0, lege regels niet meegeteld)."
    )
    probleem: Problem


def toetsing_schemas() -> dict[str, Any]:
    """Component schemas of the request bodies and of an NDJSON result line."""
    schemas: dict[str, Any] = {}
    for adapter in (TOETSING, TypeAdapter(Kandidaatregeluitkomst), TypeAdapter(Kandidaatfout)):
        schema = adapter.json_schema(ref_template=REF + "{model}", by_alias=True)
        schemas.update(schema.pop("$defs", {}))
        schemas[schema["title"]] = schema
    schemas["Kandidaatregel"] = {
        "description": "Eén regel van het NDJSON-antwoord.",
        "oneOf": [{"$ref": REF + "Kandidaatregeluitkomst"}, {"$ref": REF + "Kandidaatfout"}],
    }
    return schemas
