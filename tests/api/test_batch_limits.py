"""The JSON batch check has a body cap of its own (ZVH_MAX_BATCH_BYTES); other routes keep theirs."""

import json
import time
from collections.abc import AsyncIterator

import httpx
import pytest

from app.config import Settings
from app.db.session import Database
from app.main import create_app
from tests.conftest import AuthHeaders
from tests.factories.prioritering import VOLDOET, published_list, url

pytestmark = pytest.mark.anyio


def _batch(count: int, peildatum: str = "2026-01-01") -> bytes:
    # Built as text: 50,000 json.dumps calls would be most of the test's time.
    kandidaat = json.dumps(VOLDOET["feiten"])
    kandidaten = ",".join(f'{{"ref":"k-{i}","feiten":{kandidaat}}}' for i in range(count))
    return f'{{"peildatum":"{peildatum}","kandidaten":[{kandidaten}]}}'.encode()


async def test_fifty_thousand_candidates_in_one_json_body(
    client: httpx.AsyncClient, auth: AuthHeaders, settings: Settings
) -> None:
    lijst_id = await published_list(client, auth)
    body = _batch(50_000)
    assert len(body) > 100 * settings.max_body_bytes, "far past the ordinary cap"
    assert len(body) <= settings.max_batch_bytes, "within the default batch cap"
    started = time.perf_counter()
    response = await client.post(
        url(lijst_id, "toetsingen"),
        content=body,
        headers={**auth("politie"), "Content-Type": "application/json"},
    )
    elapsed = time.perf_counter() - started
    assert response.status_code == 200, response.text[:500]
    result = response.json()
    assert len(result["resultaten"]) == 50_000
    assert result["resultaten"][-1]["ref"] == "k-49999"
    assert all(r["voldoet"] for r in result["resultaten"])
    assert (result["versie"], result["peildatum"]) == (1, "2026-01-01")
    print(f"50,000 candidates, {len(body) / 1e6:.1f} MB: {elapsed:.2f} s")


@pytest.fixture
async def small_caps(settings: Settings, db: Database) -> AsyncIterator[httpx.AsyncClient]:
    """The test app's ordinary cap (64 KiB) and a batch cap of 256 KiB."""
    capped = settings.model_copy(update={"max_batch_bytes": 256 * 1024})
    transport = httpx.ASGITransport(app=create_app(capped, database=db))
    async with httpx.AsyncClient(transport=transport, base_url="http://testserver") as client:
        yield client


def _assert_413(response: httpx.Response, limit: int) -> str:
    assert response.status_code == 413, response.text[:300]
    assert response.headers["content-type"] == "application/problem+json"
    problem = response.json()
    assert problem["code"] == "verzoek-te-groot"
    detail: str = problem["detail"]
    assert str(limit) in detail
    return detail


async def test_the_batch_cap_names_the_ndjson_form(
    small_caps: httpx.AsyncClient, auth: AuthHeaders
) -> None:
    lijst_id = await published_list(small_caps, auth)
    headers = {**auth("politie"), "Content-Type": "application/json"}
    # Past the ordinary cap, within the batch cap: checked.
    within = _batch(500)
    assert 64 * 1024 < len(within) < 256 * 1024
    assert (
        await small_caps.post(url(lijst_id, "toetsingen"), content=within, headers=headers)
    ).status_code == 200

    too_big = _batch(2_000)
    assert len(too_big) > 256 * 1024
    detail = _assert_413(
        await small_caps.post(url(lijst_id, "toetsingen"), content=too_big, headers=headers),
        256 * 1024,
    )
    assert "application/x-ndjson" in detail
    assert "peildatum" in detail

    async def streamed() -> AsyncIterator[bytes]:  # no Content-Length: counted while read
        for start in range(0, len(too_big), 65_536):
            yield too_big[start : start + 65_536]

    detail = _assert_413(
        await small_caps.post(url(lijst_id, "toetsingen"), content=streamed(), headers=headers),
        256 * 1024,
    )
    assert "application/x-ndjson" in detail

    # The same candidates as NDJSON: no cap on the whole.
    lines = b"".join(
        json.dumps({**VOLDOET, "ref": f"k-{i}"}).encode() + b"\n" for i in range(2_000)
    )
    as_ndjson = await small_caps.post(
        f"{url(lijst_id, 'toetsingen')}?peildatum=2026-01-01",
        content=lines,
        headers={**auth("politie"), "Content-Type": "application/x-ndjson"},
    )
    assert as_ndjson.status_code == 200
    assert len(as_ndjson.text.splitlines()) == 2_000


async def test_other_routes_keep_the_ordinary_cap(
    small_caps: httpx.AsyncClient, auth: AuthHeaders
) -> None:
    lijst_id = await published_list(small_caps, auth)
    big = b'{"x": "' + b"a" * 100_000 + b'"}'
    headers = {**auth("politie", "beheerder"), "Content-Type": "application/json"}
    for path in (
        "/v1/deelnemers",
        "/v1/prioriteringslijsten",
        f"/v1/prioriteringslijsten/{lijst_id}",
    ):
        detail = _assert_413(await small_caps.post(path, content=big, headers=headers), 64 * 1024)
        assert "ndjson" not in detail.lower(), path


async def test_the_limit_is_documented(client: httpx.AsyncClient) -> None:
    document = (await client.get("/v1/openapi.json")).json()
    operation = document["paths"]["/prioriteringslijsten/{lijst_id}/toetsingen"]["post"]
    assert "ZVH_MAX_BATCH_BYTES" in operation["description"]
    assert "application/x-ndjson" in operation["responses"]["413"]["description"]
    regel = document["components"]["schemas"]["Kandidaatregeluitkomst"]
    assert {"versie", "peildatum"} <= set(regel["required"])
