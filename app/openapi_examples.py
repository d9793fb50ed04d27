"""Examples for the OpenAPI document, built from the schemas themselves.

A schema or field that carries its own `example(s)` keeps it; everything else gets a
value that satisfies its schema (type, format, enum, pattern, length and bounds), so the
ADR lint's example validation holds and a generated client's documentation shows a
plausible message for every request and response.
"""

import re
from typing import Any

_REF = "#/components/schemas/"
_MAX_DEPTH = 12

# Values for the patterns the API uses (app/schemas/*), each valid for its pattern.
_PATTERN_EXAMPLES = {
    r"^[a-z0-9][a-z0-9-]{0,63}$": "gemeente-utrecht",
    r"^[0-9a-f-]{36}$": "5f0c1e2a-4b7d-4c8e-9a1f-2b3c4d5e6f70",
    r"^[0-9]{9}$": "111222333",
    r"^[^@\s]+@[^@\s]+\.[^@\s]+$": "fg@example.org",
    r"^[^\x00-\x08\x0b\x0c\x0e-\x1f]*$": "Toelichting in gewone taal.",
}
_FORMAT_EXAMPLES = {
    "date": "2026-03-02",
    "date-time": "2026-03-02T09:30:00Z",
    "uuid": "5f0c1e2a-4b7d-4c8e-9a1f-2b3c4d5e6f70",
    "uri": "https://zvh.example.org/v1",
    "email": "fg@example.org",
}


# The ADR lint's rule `nlgov:problem-invalid-input` looks for HTTP method names in every key
# below `paths` (after resolving references), examples included: an optional member whose
# name contains one (`postadres`) is left out of a generated example.
_METHOD_IN_NAME = re.compile("get|put|post|patch|delete")


# Plausible values for members by name, used where the schema itself shows none; a value
# that does not fit the member's schema (format, pattern, length) is not used.
_BY_NAME = {
    "id": "5f0c1e2a-4b7d-4c8e-9a1f-2b3c4d5e6f70",
    "casusId": "5f0c1e2a-4b7d-4c8e-9a1f-2b3c4d5e6f70",
    "voornamen": "Jan Willem",
    "achternaam": "Jansen",
    "naam": "Petra de Vries",
    "relatie": "moeder",
    "geboortedatum": "1990-05-17",
    "deelnemer": "gemeente-utrecht",
    "aanmelder": "gemeente-utrecht",
    "verstrekker": "reclassering-nederland",
    "melder": "gemeente-utrecht",
    "sub": "medewerker-4711",
    "zvh": "zvh-demo",
    "bsn": "111222333",
    "email": "fg@example.org",
    "telefoon": "030 286 00 00",
    "aanmeldreden": "Zorgen over escalerende overlast en huiselijk geweld in het gezin.",
    "omschrijving": "Gegevens over lopende trajecten en contactmomenten van het afgelopen jaar.",
    "toelichting": "Besproken in het casusoverleg; zie het verslag.",
    "reden": "Toezicht op de rechtmatigheid van de verwerking.",
    "gegevens": "Contact sinds januari 2026; afspraken twee keer nagekomen.",
    "ondertekenaar": "A. de Vries, medewerker",
    "inhoud": "Contact sinds januari 2026; afspraken twee keer nagekomen.",
    "afspraken": "GGZ start een intake; reclassering bespreekt de meldplicht.",
    "ref": "kandidaat-1",
    "bron": "politie",
    "categorie": "geweld",
    "gegevensverzoek": "0d9e1c52-8f3a-4b61-9c1e-2a7f5b3d4e68",
    "casusoverleg": "0d9e1c52-8f3a-4b61-9c1e-2a7f5b3d4e68",
    "verlengingId": "0d9e1c52-8f3a-4b61-9c1e-2a7f5b3d4e68",
    "lijst": "0d9e1c52-8f3a-4b61-9c1e-2a7f5b3d4e68",
}


_CASUS = "5f0c1e2a-4b7d-4c8e-9a1f-2b3c4d5e6f70"

# Hand-written request examples where a generated one would say little (ids, free text
# that carries the point, rules across fields); each is valid for its schema (the ADR lint
# checks) and for the rules the service applies.
REQUEST_EXAMPLES: dict[str, Any] = {
    "DeelnemerNieuw": {
        "id": "wijkteam-overvecht",
        "naam": "Buurtteam Overvecht",
        "deelnemertype": "privaat",
        "categorie": "sociaal-domein",
        "beroepsgeheim": None,
        "toetredingsdatum": "2026-01-01",
    },
    "DeelnemerWijziging": {"naam": "Buurtteam Utrecht-Overvecht"},
    "DeelnemerSelectie": {
        "deelnemers": [
            {
                "deelnemer": "reclassering-nederland",
                "noodzaak": "Houdt toezicht op de bijzondere voorwaarden van de betrokkene.",
            },
            {"deelnemer": "ggz", "noodzaak": "Behandelt de verslaving van de betrokkene."},
        ],
        "incidenteleDeelnemers": [
            {"deelnemer": "cjib", "noodzaak": "Kent de openstaande boetes en betalingsregeling."}
        ],
    },
    "GeheimhoudingsverklaringNieuw": {
        "ondertekenaar": "A. de Vries, medewerker inning",
        "regime": "artikel-1-11-wgs",
    },
    "GegevensverstrekkingNieuw": {
        "categorie": "strafrechtelijk",
        "inhoud": "Toezicht sinds januari 2026; twee afspraken niet nagekomen.",
        "voorwaarden": {
            "nietVoorIncidenteleDeelnemers": True,
            "alleenVoorDeelnemers": None,
            "nietAanDerden": True,
            "toelichting": "Alleen voor het opstellen van het plan van aanpak.",
        },
        "gegevensverzoek": "0d9e1c52-8f3a-4b61-9c1e-2a7f5b3d4e68",
    },
    "CorrectieNieuw": {
        "inhoud": "Toezicht sinds februari 2026; één afspraak niet nagekomen.",
        "toelichting": "De startdatum en het aantal gemiste afspraken waren onjuist.",
    },
    "CasusoverlegNieuw": {
        "datum": "2026-02-10",
        "aanwezigen": ["gemeente-utrecht", "reclassering-nederland", "ggz"],
        "afspraken": "GGZ start een intake; reclassering bespreekt de meldplicht.",
    },
    "PlanVanAanpakNieuw": {
        "doelen": ["Stabiele huisvesting binnen drie maanden", "Geen nieuwe delicten"],
        "interventies": [
            {
                "deelnemer": "ggz",
                "omschrijving": "Intake en behandeling verslaving.",
                "termijn": "2026-03-31",
            }
        ],
        "informeertBetrokkene": "reclassering-nederland",
        "casusregisseur": "reclassering-nederland",
        "casusoverleg": "0d9e1c52-8f3a-4b61-9c1e-2a7f5b3d4e68",
    },
    "InformatieplichtAfhandeling": {"uitgevoerdOp": "2026-02-12"},
    "PlaatsingNieuw": {
        "casusId": _CASUS,
        "peildatum": "2026-02-01",
        "feiten": [
            {"soort": "veroordeling", "categorie": "geweld", "datum": "2025-04-10", "bron": "om"},
            {"soort": "veroordeling", "categorie": "geweld", "datum": "2025-11-03", "bron": "om"},
            {
                "soort": "aanhouding",
                "categorie": "diefstal",
                "datum": "2026-01-15",
                "bron": "politie",
            },
        ],
    },
}


class _TooDeep(Exception):
    pass


def has_example(media: dict[str, Any], schemas: dict[str, Any]) -> bool:
    """Whether a media type object already shows an example (itself or its schema)."""
    if "example" in media or "examples" in media:
        return True
    schema = media.get("schema") or {}
    ref = schema.get("$ref")
    if isinstance(ref, str) and ref.startswith(_REF):
        schema = schemas.get(ref.removeprefix(_REF), {})
    return "example" in schema or bool(schema.get("examples"))


def example_for(schema: dict[str, Any], schemas: dict[str, Any]) -> Any:
    """A value valid for `schema`; component references are followed."""
    return _example(schema, schemas, 0)


def _example(schema: dict[str, Any], schemas: dict[str, Any], depth: int) -> Any:
    if depth > _MAX_DEPTH:
        raise _TooDeep
    ref = schema.get("$ref")
    if isinstance(ref, str):
        return _example(schemas[ref.removeprefix(_REF)], schemas, depth + 1)
    if "example" in schema:
        return schema["example"]
    if schema.get("examples"):
        return schema["examples"][0]
    if "const" in schema:
        return schema["const"]
    enum = [value for value in schema.get("enum", []) if value is not None]
    if enum:
        return enum[0]
    if schema.get("default") not in (None, [], {}):
        return schema["default"]
    for key in ("allOf", "oneOf", "anyOf"):
        if key in schema:
            return _first_that_ends(schema[key], schemas, depth)
    kind = schema.get("type")
    if isinstance(kind, list):
        kind = next((k for k in kind if k != "null"), "null")
    if kind == "object" or "properties" in schema:
        required = set(schema.get("required", []))
        return {
            name: _named(name, sub) or _example(sub, schemas, depth + 1)
            for name, sub in schema.get("properties", {}).items()
            if name in required or not _METHOD_IN_NAME.search(name)
        }
    if kind == "array":
        items = schema.get("items", {})
        count = max(1, schema.get("minItems", 1))
        try:
            return [_example(items, schemas, depth + 1)] * count
        except _TooDeep:
            if schema.get("minItems", 0):
                raise
            return []
    if kind == "string":
        return _string(schema)
    if kind in ("integer", "number"):
        value = max(schema.get("minimum", 1), schema.get("exclusiveMinimum", 0) + 1)
        return min(value, schema.get("maximum", value))
    if kind == "boolean":
        return True
    return None


def _named(name: str, schema: dict[str, Any]) -> str | None:
    """The value for a member by its name, if the schema has none of its own and it fits."""
    value = _BY_NAME.get(name)
    if value is None or any(key in schema for key in ("example", "examples", "enum", "$ref")):
        return None
    kinds = schema.get("type")
    kinds = kinds if isinstance(kinds, list) else [kinds]
    if "string" not in kinds or schema.get("format") not in (None, "date", "uuid", "email"):
        return None
    if schema.get("format") == "date" and len(value) != 10:
        return None
    pattern = schema.get("pattern")
    if pattern is not None and not re.fullmatch(pattern, value):
        return None
    if not schema.get("minLength", 0) <= len(value) <= schema.get("maxLength", len(value)):
        return None
    return value


def _first_that_ends(options: list[dict[str, Any]], schemas: dict[str, Any], depth: int) -> Any:
    non_null = [option for option in options if option.get("type") != "null"]
    for option in non_null or options:
        try:
            return _example(option, schemas, depth + 1)
        except _TooDeep:
            continue
    raise _TooDeep


def _string(schema: dict[str, Any]) -> str:
    value = _PATTERN_EXAMPLES.get(schema.get("pattern", ""))
    if value is None:
        value = _FORMAT_EXAMPLES.get(schema.get("format", ""), "tekst")
    minimum = schema.get("minLength", 0)
    if len(value) < minimum:
        value = value + "x" * (minimum - len(value))
    return value[: schema.get("maxLength", len(value))]
