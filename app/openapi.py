"""The OpenAPI document as the NL GOV API Design Rules want it, generated from the routes."""

from copy import deepcopy
from typing import Any

from fastapi import FastAPI
from fastapi.openapi.utils import get_openapi

from app import API_VERSION

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

Authenticatie: een JWT (RS256 of ES256) als `Authorization: Bearer`. Fouten volgen RFC 9457
(`application/problem+json`); ongeldige invoer is altijd 400 met alle problemen in
`invalidParams`.
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
        ],
    )
    return shape(raw)


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
    _collapse_nullable(doc)
    return doc


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
