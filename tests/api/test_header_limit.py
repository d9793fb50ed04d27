"""All request headers together are bounded: over the limit is 431 problem+json, declared."""

import httpx
import pytest

from app.config import Settings
from app.db.session import Database
from app.main import create_app
from tests.conftest import AuthHeaders

pytestmark = pytest.mark.anyio


async def test_headers_over_the_limit_are_431(
    client: httpx.AsyncClient, settings: Settings, auth: AuthHeaders
) -> None:
    # Issue 10: there was no size limit. The limit counts names and values of all headers.
    assert settings.max_header_bytes == 16_384
    headers = {**auth("politie"), "X-Opvulling": "x" * settings.max_header_bytes}
    response = await client.get("/v1/deelnemers", headers=headers)
    assert response.status_code == 431
    assert response.headers["content-type"] == "application/problem+json"
    assert response.json()["code"] == "headers-te-groot"
    assert response.headers["api-version"]  # the standard headers still come with it
    # Many small headers count together.
    many = {**auth("politie"), **{f"X-Deel-{i}": "x" * 1000 for i in range(17)}}
    response = await client.get("/v1/deelnemers", headers=many)
    assert (response.status_code, response.json()["code"]) == (431, "headers-te-groot")


async def test_headers_under_the_limit_pass(
    client: httpx.AsyncClient, settings: Settings, auth: AuthHeaders
) -> None:
    headers = {**auth("politie"), "X-Opvulling": "x" * (settings.max_header_bytes // 2)}
    assert (await client.get("/v1/deelnemers", headers=headers)).status_code == 200


async def test_the_limit_is_a_setting(settings: Settings, db: Database, auth: AuthHeaders) -> None:
    app = create_app(settings.model_copy(update={"max_header_bytes": 10_240}), database=db)
    transport = httpx.ASGITransport(app=app)
    async with httpx.AsyncClient(transport=transport, base_url="http://testserver") as small:
        headers = {**auth("politie"), "X-Opvulling": "x" * 10_000}
        response = await small.get("/v1/deelnemers", headers=headers)
        assert (response.status_code, response.json()["code"]) == (431, "headers-te-groot")


async def test_every_operation_declares_431(client: httpx.AsyncClient) -> None:
    document = (await client.get("/v1/openapi.json")).json()
    for path, item in document["paths"].items():
        for method, operation in item.items():
            response = operation["responses"].get("431")
            assert response is not None, (method, path)
            assert "application/problem+json" in response["content"]
