"""Issue 10's input defects, reproduced through HTTP on SQLite and PostgreSQL alike.

`"A\\u0000B"` in a free-text field gave 500 on PostgreSQL (and was stored on SQLite), an
integer was a date (`"aanmelddatum": 0` → 1970-01-01) and "yes" or 1 a boolean. Each is
now 400 with its code, in every place, and nothing is stored.
tests/api/test_invoertypen.py proves the same for every field without HTTP.
"""

import copy
from typing import Any

import httpx
import pytest

from tests.conftest import AuthHeaders
from tests.factories.casussen import AANMELDING, besluit, create_casus
from tests.factories.prioritering import admitted_case, published_list

pytestmark = pytest.mark.anyio

NUL = "A\u0000B"


def _aanmelding(**changes: Any) -> dict[str, Any]:
    body = copy.deepcopy(AANMELDING)
    body.update(changes)
    return body


async def _count_cases(client: httpx.AsyncClient, auth: AuthHeaders) -> int:
    response = await client.get("/v1/casussen?paginaGrootte=200", headers=auth("politie"))
    assert response.status_code == 200, response.text
    return len(response.json()["casussen"])


def _params(response: httpx.Response) -> dict[str, str]:
    assert response.status_code == 400, response.text
    assert response.headers["content-type"] == "application/problem+json"
    return {p["name"]: p["code"] for p in response.json()["invalidParams"]}


async def test_nul_in_free_text_is_400_and_stores_nothing(
    client: httpx.AsyncClient, auth: AuthHeaders
) -> None:
    before = await _count_cases(client, auth)
    response = await client.post(
        "/v1/casussen", json=_aanmelding(aanmeldreden=NUL), headers=auth("politie")
    )
    assert _params(response) == {"aanmeldreden": "stuurteken"}
    assert "A\u0000B" not in response.text
    assert await _count_cases(client, auth) == before


async def test_every_text_with_a_control_character_is_listed(
    client: httpx.AsyncClient, auth: AuthHeaders
) -> None:
    body = _aanmelding(socialeOmgeving=[{"naam": "Marie\x1b", "relatie": "moeder"}])
    body["betrokkene"] = {**body["betrokkene"], "voornamen": "Jan\x00", "achternaam": "\x07"}
    body["criteria"] = copy.deepcopy(body["criteria"])
    body["criteria"]["a"]["onderbouwing"] = "Dakloos\x0c"
    response = await client.post("/v1/casussen", json=body, headers=auth("politie"))
    assert _params(response) == {
        "betrokkene.voornamen": "stuurteken",
        "betrokkene.achternaam": "stuurteken",
        "socialeOmgeving.0.naam": "stuurteken",
        "criteria.a.onderbouwing": "stuurteken",
    }


async def test_tab_cr_and_lf_are_text(client: httpx.AsyncClient, auth: AuthHeaders) -> None:
    reden = "Regel een\r\nRegel twee\tmet tab"
    casus = await create_casus(client, auth, aanmeldreden=reden)
    got = await client.get(f"/v1/casussen/{casus['id']}", headers=auth("politie"))
    assert got.json()["aanmeldreden"] == reden


@pytest.mark.parametrize("datum", [0, 1_700_000_000, "2025-01-01T00:00:00", "20250101", True])
async def test_a_date_is_a_yyyy_mm_dd_string_only(
    client: httpx.AsyncClient, auth: AuthHeaders, datum: object
) -> None:
    # Issue 10: "aanmelddatum": 0 was stored as 1970-01-01.
    before = await _count_cases(client, auth)
    response = await client.post(
        "/v1/casussen", json=_aanmelding(aanmelddatum=datum), headers=auth("politie")
    )
    assert _params(response) == {"aanmelddatum": "geen-datum"}
    assert await _count_cases(client, auth) == before


@pytest.mark.parametrize("waarde", ["yes", 1, "true", 0])
async def test_a_boolean_is_true_or_false_only(
    client: httpx.AsyncClient, auth: AuthHeaders, waarde: object
) -> None:
    criteria = copy.deepcopy(AANMELDING["criteria"])
    criteria["b"]["criminogeneFactoren"] = waarde
    response = await client.post(
        "/v1/casussen", json=_aanmelding(criteria=criteria), headers=auth("politie")
    )
    assert _params(response) == {"criteria.b.criminogeneFactoren": "geen-boolean"}


async def test_supplied_data_refuse_control_characters_and_lax_values(
    client: httpx.AsyncClient, auth: AuthHeaders
) -> None:
    casus = await create_casus(client, auth)
    url = f"/v1/casussen/{casus['id']}"
    intake = await client.post(f"{url}/intake", json=besluit(), headers=auth("gemeente-utrecht"))
    assert intake.status_code == 200, intake.text
    body = {
        "categorie": "gewoon",
        "inhoud": NUL,
        "voorwaarden": {
            "nietAanDerden": 1,
            "toelichting": "x\x00",
            "alleenVoorDeelnemers": ["om\x00"],
        },
        "wettelijkeUiterlijkeBewaardatum": 0,
    }
    response = await client.post(
        f"{url}/gegevensverstrekkingen", json=body, headers=auth("politie")
    )
    assert _params(response) == {
        "inhoud": "stuurteken",
        "voorwaarden.nietAanDerden": "geen-boolean",
        "voorwaarden.toelichting": "stuurteken",
        "voorwaarden.alleenVoorDeelnemers.0": "stuurteken",
        "wettelijkeUiterlijkeBewaardatum": "geen-datum",
    }
    listed = await client.get(f"{url}/gegevensverstrekkingen", headers=auth("politie"))
    assert listed.json()["gegevensverstrekkingen"] == []


@pytest.mark.parametrize("waarde", ["0", "1700000000", "2025-01-01T00:00:00", "1-1-2025"])
async def test_a_date_in_a_query_is_yyyy_mm_dd_only(
    client: httpx.AsyncClient, auth: AuthHeaders, waarde: str
) -> None:
    response = await client.get(
        "/v1/casussen", params={"aanmelddatumVanaf": waarde}, headers=auth("politie")
    )
    assert _params(response) == {"aanmelddatumVanaf": "geen-datum"}
    fine = await client.get(
        "/v1/casussen", params={"aanmelddatumVanaf": "2025-01-01"}, headers=auth("politie")
    )
    assert fine.status_code == 200


async def test_a_boolean_in_a_query_is_true_or_false_only(
    client: httpx.AsyncClient, auth: AuthHeaders
) -> None:
    lijst = await published_list(client, auth)
    url = f"/v1/prioriteringslijsten/{lijst}/plaatsingen"
    for waarde in ("yes", "1", "True", "on"):
        response = await client.get(
            url, params={"inclusiefVerwijderd": waarde}, headers=auth("gemeente-utrecht")
        )
        assert _params(response) == {"inclusiefVerwijderd": "geen-boolean"}, waarde
    for waarde in ("true", "false"):
        response = await client.get(
            url, params={"inclusiefVerwijderd": waarde}, headers=auth("gemeente-utrecht")
        )
        assert response.status_code == 200, response.text


async def test_control_characters_in_query_and_path_are_400(
    client: httpx.AsyncClient, auth: AuthHeaders
) -> None:
    # On PostgreSQL a NUL reaching a query parameter of a statement was a 500.
    response = await client.get(
        "/v1/verwerkingen", params={"casusId": NUL}, headers=auth("gemeente-utrecht", "beheerder")
    )
    assert _params(response) == {"casusId": "stuurteken"}
    response = await client.get("/v1/casussen/A%00B", headers=auth("politie"))
    assert _params(response) == {"casus_id": "stuurteken"}


async def test_placement_facts_are_strict(client: httpx.AsyncClient, auth: AuthHeaders) -> None:
    lijst = await published_list(client, auth)
    casus_id = await admitted_case(client, auth)
    response = await client.post(
        f"/v1/prioriteringslijsten/{lijst}/plaatsingen",
        json={
            "casusId": casus_id,
            "peildatum": "2026-01-01",
            "feiten": [
                {"soort": "veroordeling", "categorie": "geweld\x00", "datum": 0, "bron": "om"}
            ],
        },
        headers=auth("gemeente-utrecht"),
    )
    assert _params(response) == {
        "feiten.0.categorie": "stuurteken",
        "feiten.0.datum": "geen-datum",
    }


async def test_batch_check_candidates_are_strict(
    client: httpx.AsyncClient, auth: AuthHeaders
) -> None:
    lijst = await published_list(client, auth)
    kandidaat = {
        "ref": "k\x00",
        "feiten": [
            {"soort": "aanhouding", "categorie": "diefstal", "datum": 20250101, "bron": "om"}
        ],
    }
    response = await client.post(
        f"/v1/prioriteringslijsten/{lijst}/toetsingen",
        json={"peildatum": 0, "kandidaten": [kandidaat]},
        headers=auth("gemeente-utrecht"),
    )
    assert _params(response) == {
        "peildatum": "geen-datum",
        "kandidaten.0.ref": "stuurteken",
        "kandidaten.0.feiten.0.datum": "geen-datum",
    }
