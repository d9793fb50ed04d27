"""The OpenAPI document as the NL GOV API Design Rules want it, generated from the routes."""

from copy import deepcopy
from typing import Any

from fastapi import FastAPI
from fastapi.openapi.utils import get_openapi

from app import API_VERSION
from app.domain.deelnemer import Deelnemertype, Rol
from app.openapi_examples import REQUEST_EXAMPLES, example_for, has_example
from app.problem_codes import PROBLEEMCODES
from app.problems import TYPE_PREFIX
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

# Operations that send the case's ETag (app/routers/casussen.py `_respond`,
# app/routers/casusoverleg.py); tests/contract.py checks every ETag an API test meets.
SENDS_ETAG = frozenset(
    {
        "casusAanmelden",
        "casusOpvragen",
        "casusIntake",
        "casusDefinitiefBeoordelen",
        "casusDeelnemersSelecteren",
        "geheimhoudingsverklaringOndertekenen",
        "casusAfsluiten",
        "casusHeropenen",
        "planVanAanpakVaststellen",
        "planVanAanpakOpvragen",
    }
)

HEADERS: dict[str, Any] = {
    "API-Version": {
        "description": "De volledige versie van de API (semver); op elk antwoord.",
        "schema": {"type": "string", "example": API_VERSION},
    },
    "X-Request-Id": {
        "description": (
            "Kenmerk van dit verzoek (UUID), op elk antwoord; ook de `instance` van een "
            "probleem. Noem het bij een vraag aan de beheerder."
        ),
        "schema": {"type": "string", "format": "uuid"},
    },
    "ETag": {
        "description": (
            'De versie van de casus (sterke ETag, bijvoorbeeld `"3"`). Stuur hem als '
            "`If-Match` bij een wijziging (verouderd: 412) of als `If-None-Match` bij het "
            "opnieuw ophalen (ongewijzigd: 304)."
        ),
        "schema": {"type": "string", "example": '"3"'},
    },
    "Location": {
        "description": "Het pad van de aangemaakte resource, te lezen met GET.",
        "schema": {
            "type": "string",
            "example": "/v1/casussen/5f0c1e2a-4b7d-4c8e-9a1f-2b3c4d5e6f70",
        },
    },
    "Idempotent-Replayed": {
        "description": (
            "`true` als dit het bewaarde antwoord is op een eerder verzoek met dezelfde "
            "`Idempotency-Key` en body: er is niets opnieuw aangemaakt. Afwezig anders."
        ),
        "schema": {"type": "string", "enum": ["true"]},
    },
}

_FASTAPI_DEFAULT = "Successful Response"
_SUCCESS_LEADS = {
    "200": "Gelukt.",
    "201": "Aangemaakt; `Location` wijst naar waar het te lezen is.",
}
_PROBLEM_DESCRIPTIONS: dict[int, str] = {
    400: "Ongeldige invoer: alle problemen staan in `invalidParams`.",
    409: (
        "Conflict met de huidige toestand, of een gelijktijdig verzoek met dezelfde "
        "`Idempotency-Key` (`sleutel-in-gebruik`)."
    ),
    412: (
        "De meegestuurde `If-Match` is verouderd (`verouderde-versie`): er is niets "
        "veranderd; haal de casus opnieuw op."
    ),
    431: (
        "De headers van het verzoek zijn samen te groot (standaard 16 KiB, "
        "instelbaar met `ZVH_MAX_HEADER_BYTES`); code `headers-te-groot`."
    ),
    500: (
        "Een onverwachte fout in de dienst (`interne-fout`). Noem de `X-Request-Id` bij een "
        "melding aan de beheerder."
    ),
}
_PROBLEM_EXAMPLES: dict[int, tuple[str, str, str]] = {
    400: ("Ongeldige invoer", "ongeldige-invoer", "De invoer voldoet niet aan de regels."),
    401: ("Niet geauthenticeerd", "token-ontbreekt", "Stuur een token als Bearer."),
    403: ("Geen toegang", "geen-toegang", "Deze deelnemer of rol mag dit niet."),
    404: ("Niet gevonden", "niet-gevonden", "De resource bestaat niet of is niet zichtbaar."),
    409: (
        "Conflict",
        "casus-niet-in-behandeling",
        "De casus heeft niet de status die deze handeling vraagt.",
    ),
    412: ("Verouderde versie", "verouderde-versie", "De casus is intussen gewijzigd."),
    413: ("Verzoek te groot", "verzoek-te-groot", "Het verzoek is groter dan toegestaan."),
    415: (
        "Mediatype niet ondersteund",
        "mediatype-niet-ondersteund",
        "Stuur het verzoek als application/json.",
    ),
    431: ("Headers te groot", "headers-te-groot", "De headers zijn samen te groot."),
    500: ("Interne fout", "interne-fout", "Er ging iets mis; vermeld de request-id."),
}


def _security_description() -> str:
    rollen = ", ".join(f"`{rol.value}`" for rol in Rol)
    typen = ", ".join(f"`{soort.value}`" for soort in Deelnemertype)
    return f"""\
Een JWT van de identiteitsvoorziening van de deelnemer, ondertekend met RS256 of ES256
(nooit HS* of `none`), ten hoogste 8 KiB, zonder `crit`-header.

Uitgever en publiek: `iss` moet de ingestelde uitgever zijn (`ZVH_JWT_ISSUER`; in productie
nooit de ontwikkeluitgever) en `aud` moet `ZVH_JWT_AUDIENCE` bevatten (standaard `zvh-wgs`).
De dienst vertrouwt in productie alleen de publieke sleutels van de ingestelde uitgevers
(`ZVH_JWT_PUBLIC_KEY_FILES` of `ZVH_JWT_JWKS_FILE`).

| claim | type | betekenis |
|---|---|---|
| `iss` | string | de uitgever |
| `aud` | string of array van strings | het publiek; bevat `ZVH_JWT_AUDIENCE` |
| `exp`, `iat` | getal (seconden sinds 1970) | verplicht; `exp` − `iat` ten hoogste `ZVH_JWT_MAX_LIFETIME_SECONDS` (standaard 3600) |
| `nbf` | getal (seconden sinds 1970) | optioneel |
| `sub` | string, 1–200 tekens | de persoon (pseudoniem bij de organisatie) |
| `zvh` | string, 1–64 tekens | het samenwerkingsverband waarin de aanroep gebeurt |
| `deelnemer` | string, 1–64 tekens | de organisatie in het register van dat samenwerkingsverband |
| `deelnemertype` | string: {typen} | moet kloppen met het register |
| `gezamenlijkVerwerkingsverantwoordelijke` | boolean | `true` alleen voor overheidsdeelnemers; moet kloppen met het register |
| `rollen` | array van strings: {rollen} | optioneel; onbekende waarden geven 401 |

De rollen `beheerder`, `contactpunt` en `archiefbeheerder` tellen alleen bij de
aangewezen organisatie (zie `GET /instellingen`); een incidentele deelnemer heeft geen
rollen. Een afwijkend deelnemertype of een onbekende deelnemer geeft 401
(`claims-wijken-af-van-register`, `deelnemer-onbekend`).
"""


SECURITY_DESCRIPTION = _security_description()


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
    add_examples(document)
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
    components.setdefault("headers", {}).update(HEADERS)
    components.setdefault("securitySchemes", {})["jwt"] = {
        "type": "http",
        "scheme": "bearer",
        "bearerFormat": "JWT",
        "description": SECURITY_DESCRIPTION,
    }
    for item in doc["paths"].values():
        for method in _METHODS:
            operation = item.get(method)
            if operation is not None:
                _shape_operation(method, operation)
    schemas = components.get("schemas", {})
    for item in doc["paths"].values():
        for method in _METHODS:
            operation = item.get(method)
            if operation is not None:
                _describe_success(method, operation, schemas)
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
    parameters: list[dict[str, Any]] = operation.get("parameters", [])
    reads = {parameter.get("name") for parameter in parameters if parameter.get("in") == "header"}
    has_input = bool(parameters) or "requestBody" in operation
    if (has_input or method in ("post", "put", "patch")) and "400" not in responses:
        responses["400"] = {"description": _PROBLEM_DESCRIPTIONS[400]}
    if "If-Match" in reads:
        responses.setdefault("412", {"description": _PROBLEM_DESCRIPTIONS[412]})
    if "Idempotency-Key" in reads:
        responses.setdefault("409", {"description": _PROBLEM_DESCRIPTIONS[409]})
    responses.setdefault("431", {"description": _PROBLEM_DESCRIPTIONS[431]})
    responses.setdefault("500", {"description": _PROBLEM_DESCRIPTIONS[500]})
    sends_etag = operation.get("operationId") in SENDS_ETAG
    # The route declares If-None-Match itself (app/routers/casussen.py IfNoneMatch);
    # app/routing.py answers it. tests/api/test_openapi_contract.py holds the two together.
    if sends_etag and method == "get" and "If-None-Match" in reads:
        responses["304"] = {
            "description": (
                "Niet gewijzigd: de `If-None-Match` noemt de huidige ETag. Geen body; "
                "uw kopie is nog actueel."
            ),
            "headers": {"ETag": {"$ref": "#/components/headers/ETag"}},
        }
    for status, response in responses.items():
        headers = response.setdefault("headers", {})
        headers["API-Version"] = {"$ref": "#/components/headers/API-Version"}
        headers["X-Request-Id"] = {"$ref": "#/components/headers/X-Request-Id"}
        if status[0] in "45":
            content = response.get("content", {})
            schema = (content.get("application/json") or {}).get("schema") or {
                "$ref": "#/components/schemas/Problem"
            }
            response["content"] = {
                "application/problem+json": {"schema": schema, "example": _problem_example(status)}
            }
            response.setdefault("description", _PROBLEM_DESCRIPTIONS.get(int(status), "Fout."))
        elif status[0] == "2":
            if sends_etag:
                headers["ETag"] = {"$ref": "#/components/headers/ETag"}
            if status == "201":
                headers["Location"] = {"$ref": "#/components/headers/Location"}
            if "Idempotency-Key" in reads:
                headers["Idempotent-Replayed"] = {
                    "$ref": "#/components/headers/Idempotent-Replayed"
                }
    # Keep the operations in a stable order for readable diffs.
    operation["responses"] = dict(sorted(responses.items()))


def _describe_success(method: str, operation: dict[str, Any], schemas: dict[str, Any]) -> None:
    """Replace FastAPI's "Successful Response" with what the answer is, in Dutch."""
    for status, response in operation["responses"].items():
        if status[0] != "2" or response.get("description") not in (None, "", _FASTAPI_DEFAULT):
            continue
        lead = _SUCCESS_LEADS.get(status, "Gelukt.")
        if status == "200" and method != "get":
            lead = "Uitgevoerd."
        what = ""
        for media in response.get("content", {}).values():
            schema = media.get("schema", {})
            ref = schema.get("$ref", "")
            what = (schemas.get(ref.removeprefix(_SCHEMA_REF), {}) or schema).get("description", "")
            if what:
                what = what.split("\n\n", 1)[0]
                break
        if not what:
            what = f"Het antwoord op: {operation.get('summary', '').rstrip('.')}."
        response["description"] = f"{lead} {what}"


def add_examples(document: dict[str, Any]) -> None:
    """An example on every request body and response content that does not show one yet."""
    schemas = document.get("components", {}).get("schemas", {})
    for item in document["paths"].values():
        for method in _METHODS:
            operation = item.get(method)
            if operation is None:
                continue
            contents = [operation.get("requestBody", {}).get("content", {})]
            contents += [r.get("content", {}) for r in operation["responses"].values()]
            for content in contents:
                for media in content.values():
                    if has_example(media, schemas):
                        continue
                    schema = media.get("schema", {})
                    ref = schema.get("$ref", "")
                    # On the component when there is one: it then shows wherever it is used.
                    target = schemas.get(ref.removeprefix(_SCHEMA_REF)) if ref else None
                    if target is not None:
                        name = ref.removeprefix(_SCHEMA_REF)
                        example = REQUEST_EXAMPLES.get(name) or example_for(target, schemas)
                        target["examples"] = [example]
                    else:
                        media["example"] = example_for(schema, schemas)


def _problem_example(status: str) -> dict[str, Any]:
    title, code, detail = _PROBLEM_EXAMPLES[int(status)]
    example: dict[str, Any] = {
        "type": TYPE_PREFIX + code,
        "title": title,
        "status": int(status),
        "detail": detail,
        "instance": "urn:uuid:0d9e1c52-8f3a-4b61-9c1e-2a7f5b3d4e68",
        "code": code,
    }
    if status == "400":
        example["invalidParams"] = [
            {"name": "criteria.a.mate", "code": "verplicht", "reason": "Dit veld is verplicht."}
        ]
    return example


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
