"""Batch checks: publication first, sources, statelessness, authorisation, JSON and NDJSON."""

import json
from collections.abc import AsyncIterator
from typing import Any

import httpx
import pytest
from sqlalchemy import func, select

from app.db.session import Database
from app.db.tables import VerwerkingRow
from app.routers._toetsing_codec import LOOKAHEAD
from app.schemas.prioriteringstoetsing import (
    Kandidaatfout,
    Kandidaatregeluitkomst,
    Toetsingsresultaat,
)
from tests.conftest import AuthHeaders
from tests.factories.prioritering import (
    VOLDOET,
    VOLDOET_NIET,
    create,
    kandidaat,
    publish,
    published_list,
)
from tests.probleemcodes import refusal

pytestmark = pytest.mark.anyio
NDJSON = {"Content-Type": "application/x-ndjson"}


def url(lijst_id: str) -> str:
    return f"/v1/prioriteringslijsten/{lijst_id}/toetsingen"


async def test_json_check(client: httpx.AsyncClient, auth: AuthHeaders) -> None:
    lijst_id = await published_list(client, auth)
    response = await client.post(
        url(lijst_id),
        json={"peildatum": "2026-01-01", "kandidaten": [VOLDOET, VOLDOET_NIET]},
        headers=auth("politie"),
    )
    assert response.status_code == 200, response.text
    assert response.headers["content-type"] == "application/json"
    body = response.json()
    Toetsingsresultaat.model_validate(body)  # the documented schema is what is sent
    assert body["lijst"] == lijst_id
    assert body["versie"] == 1
    assert body["peildatum"] == "2026-01-01"
    eerste, tweede = body["resultaten"]
    assert eerste == {
        "ref": "k-1",
        "voldoet": True,
        "clausules": [
            {"pad": "/alle/0", "soort": "veroordeling", "minimaal": 2, "gevonden": 2, "voldaan": True, "feiten": [0, 2]},
            {"pad": "/alle/1", "soort": "aanhouding", "minimaal": 1, "gevonden": 1, "voldaan": True, "feiten": [1]},
        ],
    }  # fmt: skip
    assert tweede["voldoet"] is False
    assert [c["gevonden"] for c in tweede["clausules"]] == [1, 1]


async def test_409_before_publication_and_after_withdrawal(
    client: httpx.AsyncClient, auth: AuthHeaders
) -> None:
    lijst = await create(client, auth)
    body = {"peildatum": "2026-01-01", "kandidaten": [VOLDOET]}
    concept = await client.post(url(lijst["id"]), json=body, headers=auth("politie"))
    assert concept.status_code == 409
    assert concept.json()["code"] == "lijst-niet-gepubliceerd"
    # Even an invalid body: the list's state is decided first.
    assert refusal(await client.post(url(lijst["id"]), json={}, headers=auth("politie"))) == (
        409,
        "lijst-niet-gepubliceerd",
    )
    await publish(client, auth, lijst["id"])
    assert (
        await client.post(url(lijst["id"]), json=body, headers=auth("politie"))
    ).status_code == 200
    await client.post(f"/v1/prioriteringslijsten/{lijst['id']}/intrekking", headers=auth("om"))
    withdrawn = await client.post(url(lijst["id"]), json=body, headers=auth("politie"))
    assert withdrawn.status_code == 409
    assert withdrawn.json()["code"] == "lijst-ingetrokken"


async def test_a_new_version_applies_only_once_published(
    client: httpx.AsyncClient, auth: AuthHeaders
) -> None:
    lijst_id = await published_list(client, auth)
    strenger = {"telling": {"soort": "veroordeling", "periodeMaanden": 24}, "minimaal": 5}
    await client.post(
        f"/v1/prioriteringslijsten/{lijst_id}/versies",
        json={"omschrijving": "Strenger.", "criteria": strenger},
        headers=auth("politie"),
    )
    body = {"peildatum": "2026-01-01", "kandidaten": [VOLDOET]}
    before = (await client.post(url(lijst_id), json=body, headers=auth("politie"))).json()
    assert (before["versie"], before["resultaten"][0]["voldoet"]) == (1, True)
    await publish(client, auth, lijst_id)
    after = (await client.post(url(lijst_id), json=body, headers=auth("politie"))).json()
    assert (after["versie"], after["resultaten"][0]["voldoet"]) == (2, False)


async def test_third_party_and_incidental_sources_are_refused(
    client: httpx.AsyncClient, auth: AuthHeaders
) -> None:
    lijst_id = await published_list(client, auth)
    slecht = kandidaat(
        "k-3",
        ("veroordeling", "geweld", "2025-01-10", "om"),
        ("veroordeling", "geweld", "2025-02-10", "cjib"),  # incidental participant
        ("aanhouding", "woonoverlast", "2025-03-10", "buurman"),  # third party, bad category
    )
    andere_zvh = kandidaat("k-4", ("aanhouding", "geweld", "2025-03-10", "gemeente-zwolle"))
    response = await client.post(
        url(lijst_id),
        json={"peildatum": "2026-01-01", "kandidaten": [VOLDOET, slecht, andere_zvh]},
        headers=auth("politie"),
    )
    assert refusal(response) == (400, "ongeldige-invoer")
    assert [(p["name"], p["code"]) for p in response.json()["invalidParams"]] == [
        ("kandidaten.1.feiten.1.bron", "bron-niet-toegestaan"),
        ("kandidaten.1.feiten.2.categorie", "categorie-onbekend"),
        ("kandidaten.1.feiten.2.bron", "bron-niet-toegestaan"),
        ("kandidaten.2.feiten.0.bron", "bron-niet-toegestaan"),
    ]


async def test_structure_errors_are_400(client: httpx.AsyncClient, auth: AuthHeaders) -> None:
    lijst_id = await published_list(client, auth)
    response = await client.post(
        url(lijst_id),
        json={
            "peildatum": "2026-02-30",
            "kandidaten": [{"ref": "x", "feiten": [{"soort": "nationaliteit", "categorie": "x", "datum": "2025-01-01", "bron": "om", "extra": 1}]}],
        },
        headers=auth("politie"),
    )  # fmt: skip
    assert refusal(response) == (400, "ongeldige-invoer")
    names = {p["name"] for p in response.json()["invalidParams"]}
    assert names == {"peildatum", "kandidaten.0.feiten.0.soort", "kandidaten.0.feiten.0.extra"}
    empty = await client.post(
        url(lijst_id), content=b"", headers={**auth("politie"), "Content-Type": "application/json"}
    )
    assert refusal(empty) == (400, "ongeldige-invoer")


@pytest.mark.parametrize(
    ("deelnemer", "kwargs", "status"),
    [
        ("reclassering-nederland", {}, 403),
        ("cjib", {"deelnemertype": "incidenteel"}, 403),
        ("gemeente-zwolle", {"zvh": "zvh-oost"}, 404),
        ("om", {}, 200),
        ("ggd", {}, 200),
    ],
)
async def test_who_may_check(
    client: httpx.AsyncClient,
    auth: AuthHeaders,
    deelnemer: str,
    kwargs: dict[str, Any],
    status: int,
) -> None:
    lijst_id = await published_list(client, auth)
    body = {"peildatum": "2026-01-01", "kandidaten": [VOLDOET]}
    response = await client.post(
        url(lijst_id), json=body, headers=auth(deelnemer, "beheerder", **kwargs)
    )
    assert response.status_code == status
    # Authorisation is decided before the body is read, whatever the body.
    if status == 403:
        bad = await client.post(
            url(lijst_id), content=b"{", headers={**auth(deelnemer, **kwargs), **NDJSON}
        )
        assert refusal(bad) == (403, "geen-toegang")


async def test_stateless_with_one_log_entry_without_identities(
    client: httpx.AsyncClient, auth: AuthHeaders, db: Database
) -> None:
    lijst_id = await published_list(client, auth)

    async def count(table: Any) -> int:
        async with db.session() as session:
            return int(await session.scalar(select(func.count()).select_from(table)) or 0)

    from app.db.tables import PrioriteringslijstRow, PrioriteringslijstVersieRow

    before = (
        await count(VerwerkingRow),
        await count(PrioriteringslijstRow),
        await count(PrioriteringslijstVersieRow),
    )
    body = {"peildatum": "2026-01-01", "kandidaten": [VOLDOET, VOLDOET_NIET]}
    assert (await client.post(url(lijst_id), json=body, headers=auth("politie"))).status_code == 200
    after = (
        await count(VerwerkingRow),
        await count(PrioriteringslijstRow),
        await count(PrioriteringslijstVersieRow),
    )
    assert after == (before[0] + 1, before[1], before[2])
    async with db.session() as session:
        entry = (
            await session.scalars(
                select(VerwerkingRow).where(
                    VerwerkingRow.activiteit == "prioriteringslijst-toetsen"
                )
            )
        ).one()
    assert entry.betrokkene is None
    assert entry.casus_id is None
    assert entry.deelnemer == "politie"
    assert entry.resultaat == "geslaagd"


# --- NDJSON -----------------------------------------------------------------------------


def ndjson(*kandidaten: dict[str, Any]) -> bytes:
    return b"".join(json.dumps(k).encode() + b"\n" for k in kandidaten)


async def test_ndjson_in_and_out(client: httpx.AsyncClient, auth: AuthHeaders) -> None:
    lijst_id = await published_list(client, auth)
    body = (
        ndjson(VOLDOET, VOLDOET_NIET) + b"\n   \n" + json.dumps(VOLDOET).encode()
    )  # no final newline
    response = await client.post(
        f"{url(lijst_id)}?peildatum=2026-01-01", content=body, headers={**auth("politie"), **NDJSON}
    )
    assert response.status_code == 200, response.text
    assert response.headers["content-type"].startswith("application/x-ndjson")
    lines = response.text.splitlines()
    assert len(lines) == 3
    results = [Kandidaatregeluitkomst.model_validate_json(line) for line in lines]
    assert [(r.ref, r.voldoet) for r in results] == [("k-1", True), ("k-2", False), ("k-1", True)]
    # Each line stands alone: it says which version and peildatum were applied.
    assert {(r.versie, r.peildatum.isoformat()) for r in results} == {(1, "2026-01-01")}


async def test_ndjson_streamed_in_chunks_split_inside_lines(
    client: httpx.AsyncClient, auth: AuthHeaders
) -> None:
    lijst_id = await published_list(client, auth)
    body = ndjson(*[{**VOLDOET, "ref": f"k-{i}"} for i in range(300)])

    async def chunks() -> AsyncIterator[bytes]:
        for start in range(0, len(body), 977):
            yield body[start : start + 977]

    response = await client.post(
        f"{url(lijst_id)}?peildatum=2026-01-01",
        content=chunks(),
        headers={**auth("politie"), **NDJSON},
    )
    assert response.status_code == 200
    refs = [json.loads(line)["ref"] for line in response.text.splitlines()]
    assert refs == [f"k-{i}" for i in range(300)]


async def test_ndjson_is_not_capped_as_a_whole_but_per_line(
    client: httpx.AsyncClient, auth: AuthHeaders
) -> None:
    # The test app caps bodies at 64 KiB; this stream is several times larger.
    lijst_id = await published_list(client, auth)
    body = ndjson(*[{**VOLDOET, "ref": f"k-{i}"} for i in range(1500)])
    assert len(body) > 4 * 64 * 1024
    response = await client.post(
        f"{url(lijst_id)}?peildatum=2026-01-01", content=body, headers={**auth("politie"), **NDJSON}
    )
    assert response.status_code == 200
    assert len(response.text.splitlines()) == 1500

    lang = json.dumps({"ref": "x" * 70_000, "feiten": []}).encode() + b"\n"
    too_long = await client.post(
        f"{url(lijst_id)}?peildatum=2026-01-01", content=lang, headers={**auth("politie"), **NDJSON}
    )
    assert too_long.status_code == 400
    assert too_long.json()["invalidParams"][0]["code"] == "regel-te-lang"
    # JSON has a cap of its own, larger than the ordinary one (tests/api/test_batch_limits.py).
    big = await client.post(
        url(lijst_id),
        content=b"[" + b" " * 70_000 + b"]",
        headers={**auth("politie"), "Content-Type": "application/json"},
    )
    assert refusal(big) == (400, "ongeldige-invoer")


async def test_ndjson_invalid_line_in_the_lookahead_is_400_listing_all(
    client: httpx.AsyncClient, auth: AuthHeaders
) -> None:
    lijst_id = await published_list(client, auth)
    cjib = kandidaat("k-x", ("veroordeling", "geweld", "2025-01-10", "cjib"))
    body = ndjson(VOLDOET, cjib, VOLDOET) + b"geen json\n" + ndjson(cjib)
    response = await client.post(
        f"{url(lijst_id)}?peildatum=2026-01-01", content=body, headers={**auth("politie"), **NDJSON}
    )
    assert refusal(response) == (400, "ongeldige-invoer")
    assert [(p["name"], p["code"]) for p in response.json()["invalidParams"]] == [
        ("kandidaten.1.feiten.0.bron", "bron-niet-toegestaan"),
        ("kandidaten.3", "json-ongeldig"),
        ("kandidaten.4.feiten.0.bron", "bron-niet-toegestaan"),
    ]


async def test_ndjson_invalid_line_after_the_lookahead_gets_an_error_line(
    client: httpx.AsyncClient, auth: AuthHeaders
) -> None:
    lijst_id = await published_list(client, auth)
    cjib = kandidaat("k-x", ("veroordeling", "geweld", "2025-01-10", "cjib"))
    goed = [{**VOLDOET, "ref": f"k-{i}"} for i in range(LOOKAHEAD + 5)]
    body = ndjson(*goed, cjib, VOLDOET)
    response = await client.post(
        f"{url(lijst_id)}?peildatum=2026-01-01", content=body, headers={**auth("politie"), **NDJSON}
    )
    assert response.status_code == 200
    lines = response.text.splitlines()
    assert len(lines) == LOOKAHEAD + 7
    fout = Kandidaatfout.model_validate_json(lines[LOOKAHEAD + 5])
    assert fout.kandidaat == LOOKAHEAD + 5
    assert fout.probleem.code == "bron-niet-toegestaan"
    assert fout.probleem.invalid_params is not None
    assert fout.probleem.invalid_params[0].name == f"kandidaten.{LOOKAHEAD + 5}.feiten.0.bron"
    assert json.loads(lines[-1])["voldoet"] is True


async def test_ndjson_needs_the_peildatum_in_the_query(
    client: httpx.AsyncClient, auth: AuthHeaders
) -> None:
    lijst_id = await published_list(client, auth)
    missing = await client.post(
        url(lijst_id), content=ndjson(VOLDOET), headers={**auth("politie"), **NDJSON}
    )
    assert refusal(missing) == (400, "ongeldige-invoer")
    assert missing.json()["invalidParams"][0]["name"] == "peildatum"
    json_with_query = await client.post(
        f"{url(lijst_id)}?peildatum=2026-01-01",
        json={"peildatum": "2026-01-01", "kandidaten": []},
        headers=auth("politie"),
    )
    assert refusal(json_with_query) == (400, "ongeldige-invoer")


async def test_other_media_types_are_415(client: httpx.AsyncClient, auth: AuthHeaders) -> None:
    lijst_id = await published_list(client, auth)
    response = await client.post(
        url(lijst_id), content=b"x", headers={**auth("politie"), "Content-Type": "text/csv"}
    )
    assert refusal(response) == (415, "mediatype-niet-ondersteund")
    # Another route does not take NDJSON, and is not uncapped by it.
    other = await client.post(
        "/v1/prioriteringslijsten", content=b"{}", headers={**auth("politie"), **NDJSON}
    )
    assert refusal(other) == (415, "mediatype-niet-ondersteund")


async def test_both_media_types_are_documented(client: httpx.AsyncClient) -> None:
    document = (await client.get("/v1/openapi.json")).json()
    operation = document["paths"]["/prioriteringslijsten/{lijst_id}/toetsingen"]["post"]
    assert set(operation["requestBody"]["content"]) == {"application/json", "application/x-ndjson"}
    assert set(operation["responses"]["200"]["content"]) == {
        "application/json",
        "application/x-ndjson",
    }
    assert "art. 2.32" in operation["description"]
    for name in (
        "Prioriteringstoetsing",
        "Kandidaat",
        "Feit",
        "Kandidaatregel",
        "Criteriumexpressie",
    ):
        assert name in document["components"]["schemas"]
