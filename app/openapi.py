"""The OpenAPI document as the NL GOV API Design Rules want it, generated from the routes."""

from copy import deepcopy
from typing import Any

from fastapi import FastAPI
from fastapi.openapi.utils import get_openapi

from app import API_VERSION
from app.problem_codes import PROBLEEMCODES
from app.schemas.abonnementen import Notificatie
from app.schemas.prioritering import criteria_schemas
from app.schemas.prioriteringstoetsing import toetsing_schemas

PREFIX = "/v1"
_FASTAPI_VALIDATION_SCHEMAS = ("HTTPValidationError", "ValidationError")
_METHODS = ("get", "put", "post", "delete", "patch")

DESCRIPTION = """\
De WGS-regels- en casusverwerkings-API voor de Zorg- en Veiligheidshuizen.

Sinds 1 maart 2025 regelen de Wet gegevensverwerking door samenwerkingsverbanden (WGS) en
het Besluit gegevensverwerking door samenwerkingsverbanden (BGS) hoe een Zorg- en
Veiligheidshuis persoonsgegevens verwerkt. Deze API legt de criteria van art. 2.20 BGS,
het casusproces van art. 2.31 WGS, de prioriteringslijsten van art. 2.32 WGS / 2.22 BGS en
de bewaartermijnen van art. 1.8 lid 7 WGS / 1.16 BGS vast.

Authenticatie: een JWT (RS256 of ES256) als `Authorization: Bearer`, van ten hoogste 8 KiB,
met `exp`, `iat` en `nbf` als JSON-getallen, zonder `crit`-header, en ten hoogste
`ZVH_JWT_MAX_LIFETIME_SECONDS` (standaard 3600) seconden geldig (`exp` − `iat`). Alle headers
samen zijn ten hoogste `ZVH_MAX_HEADER_BYTES` (standaard 16 KiB) groot; meer geeft 431.

Invoer is strikt, in de body en in de query: een datum is een tekst `JJJJ-MM-DD`, een boolean
is `true` of `false`, en een tekst met een stuurteken (U+0000–U+001F behalve tab, CR en LF)
wordt geweigerd. Fouten volgen RFC 9457 (`application/problem+json`); ongeldige invoer is
altijd 400 met alle problemen in `invalidParams`. Elke `code` staat met haar betekenis in
het schema `Probleemcode`.
"""


def build_openapi(app: FastAPI) -> dict[str, Any]:
    """Generate, then shape: servers with /v1, problem+json, API-Version, 400 everywhere."""
    raw = get_openapi(
        title="Zorg- en Veiligheidshuizen WGS API",
        version=API_VERSION,
        summary="Regels en casusverwerking volgens de WGS en het BGS",
        description=DESCRIPTION,
        routes=app.routes,
        contact={
            "name": "Team zvh-wgs",
            "email": "zvh-wgs@example.org",
            "url": "https://github.com/zvh-wgs/zvh-wgs",
        },
        license_info={"name": "EUPL-1.2", "identifier": "EUPL-1.2"},
        servers=[{"url": PREFIX, "description": "Deze omgeving, versie 1 van de API"}],
        tags=[
            {
                "name": "Deelnemers",
                "description": "Het register van vaste deelnemers (art. 2.27 WGS).",
            },
            {
                "name": "Bewaartermijnen",
                "description": "Bewaartermijnen (art. 1.8 lid 7 WGS, art. 1.16 BGS).",
            },
            {
                "name": "Criteria",
                "description": "Criteria voor een complexe casus (art. 2.20 BGS).",
            },
            {
                "name": "Prioriteringslijsten",
                "description": (
                    "Lijsten met geprioriteerde casussen (art. 2.32 WGS, art. 2.22 BGS): "
                    "objectieve criteria, hun publicatie en de toetsing van kandidaten."
                ),
            },
        ],
    )
    schemas = raw.setdefault("components", {}).setdefault("schemas", {})
    for name, schema in {**criteria_schemas(), **toetsing_schemas()}.items():
        schemas.setdefault(name, schema)
    document = shape(raw)
    # Referenced by no operation on purpose: `code` stays an open string, so a client
    # built today still reads a code added later; this enum is what it compares with.
    document["components"]["schemas"]["Probleemcode"] = probleemcode_schema()
    _add_notificatie(document["components"]["schemas"])
    return document


def _add_notificatie(schemas: dict[str, Any]) -> None:
    """What the service POSTs to a subscriber's callbackUrl: no operation of this API
    returns it, so it is published as a schema of its own (see `abonnementAanmaken`)."""
    schema = Notificatie.model_json_schema(
        by_alias=True, mode="serialization", ref_template="#/components/schemas/{model}"
    )
    for name, definition in schema.pop("$defs", {}).items():
        schemas.setdefault(name, definition)
    schemas["Notificatie"] = schema


def probleemcode_schema() -> dict[str, Any]:
    """The problem catalogue (app/problem_codes.py) as an enum with the meaning of each code."""
    regels = "\n".join(f"- `{code}`: {uitleg}" for code, uitleg in sorted(PROBLEEMCODES.items()))
    return {
        "type": "string",
        "enum": sorted(PROBLEEMCODES),
        "description": (
            "Alle waarden van `code` in een probleem en in `invalidParams`, met hun betekenis. "
            "Nieuwe codes kunnen erbij komen; behandel een onbekende code naar de HTTP-status."
            f"\n\n{regels}"
        ),
    }


def shape(document: dict[str, Any]) -> dict[str, Any]:
    doc = deepcopy(document)
    doc["paths"] = {
        path.removeprefix(PREFIX) or "/": item
        for path, item in doc.get("paths", {}).items()
        if path.startswith(PREFIX + "/")
    }
    components = doc.setdefault("components", {})
    components.setdefault("headers", {})["API-Version"] = {
        "description": "De volledige versie van de API (semver).",
        "schema": {"type": "string", "example": API_VERSION},
    }
    components.setdefault("securitySchemes", {})["jwt"] = {
        "type": "http",
        "scheme": "bearer",
        "bearerFormat": "JWT",
        "description": (
            "JWT (RS256 of ES256) van de identiteitsvoorziening van de deelnemer, met de claims "
            "`zvh`, `deelnemer`, `deelnemertype`, `gezamenlijkVerwerkingsverantwoordelijke` en "
            "`rollen`. Zie de claims in het contract."
        ),
    }
    for item in doc["paths"].values():
        for method in _METHODS:
            operation = item.get(method)
            if operation is not None:
                _shape_operation(method, operation)
    schemas = components.get("schemas", {})
    for name in _FASTAPI_VALIDATION_SCHEMAS:
        schemas.pop(name, None)
    _prune_unreferenced(doc)
    _collapse_nullable(doc)
    return doc


_SCHEMA_REF = "#/components/schemas/"


def _refs(node: Any) -> set[str]:
    found: set[str] = set()
    if isinstance(node, dict):
        ref = node.get("$ref")
        if isinstance(ref, str) and ref.startswith(_SCHEMA_REF):
            found.add(ref.removeprefix(_SCHEMA_REF))
        for value in node.values():
            found |= _refs(value)
    elif isinstance(node, list):
        for value in node:
            found |= _refs(value)
    return found


def _prune_unreferenced(doc: dict[str, Any]) -> None:
    """Drop component schemas nothing points to.

    A field annotated with its own JSON schema (the Dutch vocabularies of
    app/schemas/vocabulaires.py) still leaves pydantic's definition of the underlying
    enum behind, with the domain's English docstring; it is unused, so it goes.
    """
    schemas: dict[str, Any] = doc.get("components", {}).get("schemas", {})
    outside = {key: value for key, value in doc.items() if key != "components"}
    reachable: set[str] = set()
    pending = _refs(outside) | _refs(
        {k: v for k, v in doc.get("components", {}).items() if k != "schemas"}
    )
    while pending:
        name = pending.pop()
        if name in reachable or name not in schemas:
            continue
        reachable.add(name)
        pending |= _refs(schemas[name])
    for name in [n for n in schemas if n not in reachable]:
        del schemas[name]


def _shape_operation(method: str, operation: dict[str, Any]) -> None:
    # Every operation needs a token unless it says otherwise (openapi_extra={"security": []}).
    operation.setdefault("security", [{"jwt": []}])
    responses: dict[str, Any] = operation.setdefault("responses", {})
    responses.pop("422", None)
    has_input = bool(operation.get("parameters")) or "requestBody" in operation
    if (has_input or method in ("post", "put", "patch")) and "400" not in responses:
        responses["400"] = {
            "description": "Ongeldige invoer: alle problemen staan in `invalidParams`.",
            "content": {
                "application/problem+json": {"schema": {"$ref": "#/components/schemas/Problem"}}
            },
        }
    responses.setdefault(
        "431",
        {
            "description": (
                "De headers van het verzoek zijn samen te groot (standaard 16 KiB, "
                "instelbaar met `ZVH_MAX_HEADER_BYTES`); code `headers-te-groot`."
            )
        },
    )
    for status, response in responses.items():
        if status[0] in "45":
            content = response.get("content", {})
            schema = (content.get("application/json") or {}).get("schema") or {
                "$ref": "#/components/schemas/Problem"
            }
            response["content"] = {"application/problem+json": {"schema": schema}}
        elif status[0] in "23":
            response.setdefault("headers", {})["API-Version"] = {
                "$ref": "#/components/headers/API-Version"
            }
    # Keep the operations in a stable order for readable diffs.
    operation["responses"] = dict(sorted(responses.items()))


def _collapse_nullable(node: Any) -> None:
    """`anyOf: [X, {type: null}]` → X with `type: [T, "null"]`, so formats stay visible."""
    if isinstance(node, dict):
        any_of = node.get("anyOf")
        if isinstance(any_of, list) and len(any_of) == 2 and {"type": "null"} in any_of:
            other = next(s for s in any_of if s != {"type": "null"})
            if "type" in other and isinstance(other["type"], str):
                del node["anyOf"]
                merged = {**other, **node, "type": [other["type"], "null"]}
                if "enum" in merged:
                    merged["enum"] = [*merged["enum"], None]
                node.clear()
                node.update(merged)
        for value in node.values():
            _collapse_nullable(value)
    elif isinstance(node, list):
        for value in node:
            _collapse_nullable(value)
