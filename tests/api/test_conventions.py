"""The NL GOV API Design Rules every response keeps (api/CONTRACT.md, 'Conventions')."""

import json
import logging
from collections.abc import AsyncIterator

import httpx
import pytest

from app import API_VERSION
from tests.conftest import AuthHeaders

pytestmark = pytest.mark.anyio

SECURITY_HEADERS = {
    "cache-control": "no-store",
    "content-security-policy": "frame-ancestors 'none'",
    "x-content-type-options": "nosniff",
    "x-frame-options": "DENY",
}


def _assert_problem(response: httpx.Response, status: int) -> dict[str, object]:
    assert response.status_code == status, response.text
    assert response.headers["content-type"] == "application/problem+json"
    body: dict[str, object] = response.json()
    assert {"type", "title", "status", "detail"} <= body.keys()
    assert body["status"] == status
    assert "Traceback" not in response.text
    return body


async def test_every_response_has_version_and_security_headers(
    client: httpx.AsyncClient, auth: AuthHeaders
) -> None:
    for response in (
        await client.get("/v1/deelnemers", headers=auth("politie")),
        await client.get("/v1/deelnemers"),
        await client.get("/v1/bestaat-niet"),
        await client.get("/v1/openapi.json"),
    ):
        assert response.headers["api-version"] == API_VERSION
        for name, value in SECURITY_HEADERS.items():
            assert response.headers[name] == value
        assert "strict-transport-security" in response.headers
        assert response.headers["x-request-id"]


async def test_openapi_is_public_with_cors(client: httpx.AsyncClient) -> None:
    response = await client.get("/v1/openapi.json")
    assert response.status_code == 200
    assert response.headers["access-control-allow-origin"] == "*"
    document = response.json()
    assert document["openapi"].startswith("3.")
    assert document["servers"][0]["url"] == "/v1"
    assert "/deelnemers" in document["paths"]


async def test_committed_contract_matches_the_app(
    client: httpx.AsyncClient, repo_root: object
) -> None:
    from pathlib import Path

    assert isinstance(repo_root, Path)
    committed = json.loads((repo_root / "openapi" / "openapi.json").read_text())
    served = (await client.get("/v1/openapi.json")).json()
    assert served == committed, "openapi/openapi.json is stale: run `make openapi`"


async def test_cors_only_on_the_public_document(
    client: httpx.AsyncClient, auth: AuthHeaders
) -> None:
    response = await client.get("/v1/deelnemers", headers=auth("politie"))
    assert "access-control-allow-origin" not in response.headers


async def test_unknown_path_and_trailing_slash_are_404_without_redirect(
    client: httpx.AsyncClient, auth: AuthHeaders
) -> None:
    _assert_problem(await client.get("/v1/bestaat-niet", headers=auth("politie")), 404)
    trailing = await client.get("/v1/deelnemers/", headers=auth("politie"))
    _assert_problem(trailing, 404)
    assert "location" not in trailing.headers


async def test_wrong_method_is_405_with_allow(client: httpx.AsyncClient, auth: AuthHeaders) -> None:
    response = await client.delete("/v1/deelnemers", headers=auth("gemeente-utrecht", "beheerder"))
    _assert_problem(response, 405)
    assert set(response.headers["allow"].replace(" ", "").split(",")) >= {"GET", "POST"}


async def test_unsupported_media_type_is_415(client: httpx.AsyncClient, auth: AuthHeaders) -> None:
    headers = {**auth("gemeente-utrecht", "beheerder"), "Content-Type": "text/plain"}
    _assert_problem(await client.post("/v1/deelnemers", content=b"id=x", headers=headers), 415)
    no_type = await client.post(
        "/v1/deelnemers", content=b"{}", headers=auth("gemeente-utrecht", "beheerder")
    )
    _assert_problem(no_type, 415)


async def test_oversized_body_is_413(client: httpx.AsyncClient, auth: AuthHeaders) -> None:
    big = json.dumps({"naam": "x" * 70_000}).encode()
    headers = {**auth("gemeente-utrecht", "beheerder"), "Content-Type": "application/json"}
    body = _assert_problem(await client.post("/v1/deelnemers", content=big, headers=headers), 413)
    assert body["code"] == "verzoek-te-groot"


async def test_oversized_streamed_body_is_413(client: httpx.AsyncClient, auth: AuthHeaders) -> None:
    async def chunks() -> AsyncIterator[bytes]:
        yield b'{"naam": "'
        for _ in range(80):
            yield b"x" * 1024
        yield b'"}'

    headers = {**auth("gemeente-utrecht", "beheerder"), "Content-Type": "application/json"}
    response = await client.post("/v1/deelnemers", content=chunks(), headers=headers)
    _assert_problem(response, 413)


async def test_malformed_json_is_400_with_one_problem(
    client: httpx.AsyncClient, auth: AuthHeaders
) -> None:
    headers = {**auth("gemeente-utrecht", "beheerder"), "Content-Type": "application/json"}
    response = await client.post("/v1/deelnemers", content=b'{"id": ', headers=headers)
    body = _assert_problem(response, 400)
    assert body["invalidParams"] == [
        {
            "name": "body",
            "code": "json-ongeldig",
            "reason": "Het verzoek is geen geldige JSON (positie 7).",
        }
    ]


async def test_validation_is_400_never_422_and_lists_all(
    client: httpx.AsyncClient, auth: AuthHeaders
) -> None:
    response = await client.post(
        "/v1/deelnemers", json={"naam": 3}, headers=auth("gemeente-utrecht", "beheerder")
    )
    body = _assert_problem(response, 400)
    params = body["invalidParams"]
    assert isinstance(params, list)
    names = {p["name"] for p in params}
    assert names == {"id", "naam", "deelnemertype", "categorie", "toetredingsdatum"}
    assert all(p["code"] and p["reason"] for p in params)


async def test_invalid_path_parameter_is_400(client: httpx.AsyncClient, auth: AuthHeaders) -> None:
    body = _assert_problem(
        await client.get("/v1/deelnemers/NIET_GELDIG", headers=auth("politie")), 400
    )
    assert body["invalidParams"][0]["name"] == "deelnemer_id"  # type: ignore[index]


async def test_trace_context_is_continued(client: httpx.AsyncClient, auth: AuthHeaders) -> None:
    trace_id = "4bf92f3577b34da6a3ce929d0e0e4736"
    headers = {**auth("politie"), "traceparent": f"00-{trace_id}-00f067aa0ba902b7-01"}
    response = await client.get("/v1/deelnemers", headers=headers)
    assert response.headers["traceparent"].startswith(f"00-{trace_id}-")
    assert not response.headers["traceparent"].endswith("00f067aa0ba902b7-01")
    fresh = await client.get(
        "/v1/deelnemers", headers={**auth("politie"), "traceparent": "garbage"}
    )
    assert trace_id not in fresh.headers["traceparent"]


async def test_health_endpoints(client: httpx.AsyncClient) -> None:
    assert (await client.get("/health/live")).json() == {"status": "ok"}
    ready = await client.get("/health/ready")
    assert ready.status_code == 200
    assert ready.json()["database"] == "ok"


async def test_access_log_has_no_personal_data(
    client: httpx.AsyncClient, auth: AuthHeaders, caplog: pytest.LogCaptureFixture
) -> None:
    caplog.set_level(logging.INFO, logger="zvh.http")
    await client.get("/v1/deelnemers/ggz?naam=Jan+Jansen", headers=auth("politie"))
    records = [r for r in caplog.records if r.name == "zvh.http"]
    assert records
    for record in records:
        assert getattr(record, "route", None) == "/v1/deelnemers/{deelnemer_id}"
        assert "Jansen" not in record.getMessage()
        assert "Jansen" not in json.dumps({k: str(v) for k, v in record.__dict__.items()})
