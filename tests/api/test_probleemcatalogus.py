"""The problem catalogue is published in the OpenAPI document, usable by a generated client."""

import httpx
import pytest

from app.problem_codes import PROBLEEMCODES

pytestmark = pytest.mark.anyio


async def test_the_document_lists_every_code_with_its_meaning(client: httpx.AsyncClient) -> None:
    document = (await client.get("/v1/openapi.json")).json()
    schemas = document["components"]["schemas"]
    probleemcode = schemas["Probleemcode"]
    assert probleemcode["type"] == "string"
    assert probleemcode["enum"] == sorted(PROBLEEMCODES)
    for code, meaning in PROBLEEMCODES.items():
        assert f"- `{code}`: {meaning}" in probleemcode["description"]
    # `code` itself stays an open string: a client built today reads tomorrow's codes.
    for schema, field in (("Problem", "code"), ("InvalidParamSchema", "code")):
        prop = schemas[schema]["properties"][field]
        assert "enum" not in prop
        assert "`Probleemcode`" in prop["description"]


async def test_a_refusal_carries_a_catalogued_code_in_code_and_type(
    client: httpx.AsyncClient,
) -> None:
    response = await client.get("/v1/deelnemers")
    body = response.json()
    assert body["code"] == "token-ontbreekt"
    assert body["code"] in PROBLEEMCODES
    assert body["type"] == "urn:nl:zvh-wgs:probleem:token-ontbreekt"
