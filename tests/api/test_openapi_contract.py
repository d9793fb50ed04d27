"""The OpenAPI document an integrator generates a client from (issue 14, CONTRACT "Integration").

The document is walked operation by operation, so a new route that forgets a declaration
fails here; tests/contract.py checks the other direction in every API test (a header or
status the service sends is declared on that operation).
"""

import json
from typing import Any

import httpx
import pytest
from fastapi.routing import APIRoute

from app.config import Settings
from app.domain.deelnemer import Deelnemertype, Rol
from app.main import create_app
from app.openapi_examples import REQUEST_EXAMPLES, has_example
from app.schemas.base import RequestModel
from tests.conftest import AuthHeaders
from tests.factories.casussen import aanmelding, create_casus

pytestmark = pytest.mark.anyio

METHODS = ("get", "put", "post", "delete", "patch")


@pytest.fixture(scope="module")
def document(settings: Settings) -> dict[str, Any]:
    return create_app(settings).openapi()


def _operations(document: dict[str, Any]) -> list[tuple[str, str, dict[str, Any]]]:
    return [
        (method, path, operation)
        for path, item in document["paths"].items()
        for method, operation in item.items()
        if method in METHODS
    ]


def _header_parameters(operation: dict[str, Any]) -> set[str]:
    return {p["name"] for p in operation.get("parameters", []) if p.get("in") == "header"}


def test_every_route_of_the_api_is_in_the_document(
    settings: Settings, document: dict[str, Any]
) -> None:
    app = create_app(settings)
    missing = [
        f"{method} {route.path}"
        for route in app.routes
        if isinstance(route, APIRoute) and route.include_in_schema
        for method in route.methods or ()
        if route.path.startswith("/v1/")
        and method.lower() not in document["paths"].get(route.path.removeprefix("/v1"), {})
    ]
    assert missing == []
    assert len(_operations(document)) >= 53


def test_every_response_is_described(document: dict[str, Any]) -> None:
    bad = [
        f"{method.upper()} {path} {status}: {response.get('description')!r}"
        for method, path, operation in _operations(document)
        for status, response in operation["responses"].items()
        if not response.get("description") or response["description"] == "Successful Response"
    ]
    assert bad == []


def test_every_request_body_and_response_has_an_example(document: dict[str, Any]) -> None:
    schemas = document["components"]["schemas"]
    missing = []
    for method, path, operation in _operations(document):
        bodies = {"requestBody": operation.get("requestBody", {}).get("content", {})}
        bodies |= {status: r.get("content", {}) for status, r in operation["responses"].items()}
        for where, content in bodies.items():
            missing += [
                f"{method.upper()} {path} {where} {media_type}"
                for media_type, media in content.items()
                if not has_example(media, schemas)
            ]
    assert missing == []


def test_every_response_declares_the_headers_sent_on_every_response(
    document: dict[str, Any],
) -> None:
    missing = [
        f"{method.upper()} {path} {status} {header}"
        for method, path, operation in _operations(document)
        for status, response in operation["responses"].items()
        for header in ("API-Version", "X-Request-Id")
        if header not in response.get("headers", {})
    ]
    assert missing == []
    for name in ("API-Version", "X-Request-Id", "ETag", "Location", "Idempotent-Replayed"):
        assert document["components"]["headers"][name]["description"]


def test_creating_operations_take_an_idempotency_key_and_say_when_they_replay(
    document: dict[str, Any],
) -> None:
    creating = [
        (method, path, operation)
        for method, path, operation in _operations(document)
        if "201" in operation["responses"]
    ]
    assert len(creating) >= 12
    for method, path, operation in creating:
        where = f"{method.upper()} {path}"
        assert method == "post", where
        keys = [p for p in operation["parameters"] if p["name"] == "Idempotency-Key"]
        assert len(keys) == 1, where
        assert keys[0]["in"] == "header", where
        assert not keys[0].get("required"), where
        created = operation["responses"]["201"]["headers"]
        assert {"Location", "Idempotent-Replayed"} <= set(created), where
        # A concurrent request with the same key: 409 `sleutel-in-gebruik`.
        assert "409" in operation["responses"], where


def test_if_match_is_read_only_where_412_is_declared(document: dict[str, Any]) -> None:
    reading = [
        (method, path, operation)
        for method, path, operation in _operations(document)
        if "If-Match" in _header_parameters(operation)
    ]
    assert len(reading) >= 16
    assert [
        f"{method.upper()} {path}"
        for method, path, operation in reading
        if "412" not in operation["responses"]
    ] == []


def test_a_get_that_sends_an_etag_answers_if_none_match_with_304(
    document: dict[str, Any],
) -> None:
    conditional = [
        (path, operation)
        for method, path, operation in _operations(document)
        if method == "get" and "ETag" in operation["responses"]["200"].get("headers", {})
    ]
    assert {operation["operationId"] for _, operation in conditional} >= {
        "casusOpvragen",
        "planVanAanpakOpvragen",
    }
    for path, operation in conditional:
        assert "If-None-Match" in _header_parameters(operation), path
        assert "ETag" in operation["responses"]["304"]["headers"], path


def test_no_schema_is_an_untyped_object(document: dict[str, Any]) -> None:
    untyped: list[str] = []

    def walk(node: Any, where: str) -> None:
        if isinstance(node, dict):
            if node == {} or (
                node.get("type") == "object"
                and "properties" not in node
                and node.get("additionalProperties") in (None, True, {})
            ):
                untyped.append(where)
            for key, value in node.items():
                if key not in ("example", "examples"):
                    walk(value, f"{where}/{key}")
        elif isinstance(node, list):
            for index, value in enumerate(node):
                walk(value, f"{where}[{index}]")

    walk(document["components"]["schemas"], "#/components/schemas")
    walk(document["paths"], "#/paths")
    assert untyped == []
    beoordeling = document["components"]["schemas"]["Criteriabeoordeling"]["properties"]
    # Stored assessments are typed too; their free texts may be null once anonymised.
    assert beoordeling["criteria"]["$ref"] == "#/components/schemas/VastgelegdeCriteria"
    vastgelegd = document["components"]["schemas"]["VastgelegdeCriteria"]["properties"]
    assert sorted(vastgelegd) == ["a", "b", "c", "d"]
    criterium_a = document["components"]["schemas"]["VastgelegdCriteriumA"]["properties"]
    assert criterium_a["onderbouwing"]["type"] == ["string", "null"]


def test_the_security_scheme_describes_issuer_audience_claims_and_roles(
    document: dict[str, Any],
) -> None:
    description = document["components"]["securitySchemes"]["jwt"]["description"]
    for text in ("`iss`", "`aud`", "ZVH_JWT_ISSUER", "ZVH_JWT_AUDIENCE", "`zvh-wgs`", "RS256"):
        assert text in description
    for claim in ("sub", "zvh", "deelnemer", "deelnemertype", "rollen", "exp", "iat", "nbf"):
        assert f"`{claim}`" in description
    assert "`gezamenlijkVerwerkingsverantwoordelijke` | boolean" in description
    for value in [*Rol, *Deelnemertype]:
        assert f"`{value.value}`" in description


async def test_if_none_match_with_the_current_etag_gives_304_without_a_body(
    client: httpx.AsyncClient, auth: AuthHeaders
) -> None:
    casus = await create_casus(client, auth)
    headers = auth("politie")
    first = await client.get(f"/v1/casussen/{casus['id']}", headers=headers)
    tag = first.headers["etag"]
    same = await client.get(
        f"/v1/casussen/{casus['id']}", headers={**headers, "If-None-Match": f'"0", {tag}'}
    )
    assert same.status_code == 304
    assert same.content == b""
    assert same.headers["etag"] == tag
    everything = await client.get(
        f"/v1/casussen/{casus['id']}", headers={**headers, "If-None-Match": "*"}
    )
    assert everything.status_code == 304
    other = await client.get(
        f"/v1/casussen/{casus['id']}", headers={**headers, "If-None-Match": '"999"'}
    )
    assert other.status_code == 200
    assert other.json()["id"] == casus["id"]


async def test_a_stale_if_match_on_a_read_is_the_declared_412(
    client: httpx.AsyncClient, auth: AuthHeaders
) -> None:
    casus = await create_casus(client, auth)
    stale = await client.get(
        f"/v1/casussen/{casus['id']}", headers={**auth("politie"), "If-Match": '"999"'}
    )
    assert stale.status_code == 412
    assert stale.json()["code"] == "verouderde-versie"


async def test_the_idempotency_key_header_is_validated_as_declared(
    client: httpx.AsyncClient, auth: AuthHeaders
) -> None:
    body = aanmelding()
    headers = {**auth("politie"), "Idempotency-Key": "sleutel-1"}
    first = await client.post("/v1/casussen", json=body, headers=headers)
    again = await client.post("/v1/casussen", json=body, headers=headers)
    assert first.status_code == again.status_code == 201
    assert again.headers["idempotent-replayed"] == "true"
    assert "idempotent-replayed" not in first.headers
    too_long = await client.post(
        "/v1/casussen", json=aanmelding(), headers={**auth("politie"), "Idempotency-Key": "x" * 201}
    )
    assert too_long.status_code == 400
    assert too_long.json()["invalidParams"][0]["code"] == "sleutel-ongeldig"


def _request_models(cls: type[RequestModel] = RequestModel) -> dict[str, type[RequestModel]]:
    found: dict[str, type[RequestModel]] = {}
    for sub in cls.__subclasses__():
        found[sub.__name__] = sub
        found |= _request_models(sub)
    return found


@pytest.mark.parametrize("name", sorted(REQUEST_EXAMPLES))
def test_the_hand_written_request_examples_pass_the_request_models(
    name: str, document: dict[str, Any]
) -> None:
    model = _request_models()[name]
    model.model_validate_json(json.dumps(REQUEST_EXAMPLES[name]))
    assert document["components"]["schemas"][name]["examples"] == [REQUEST_EXAMPLES[name]]
