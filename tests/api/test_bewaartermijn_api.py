"""`POST /v1/bewaartermijn-berekeningen`: the contract's shape, all problems, any participant."""

from typing import Any

import httpx
import pytest

from app.schemas.bewaartermijn_voorbeelden import VOORBEELDEN
from app.services.bewaartermijn import today_in_amsterdam
from tests.conftest import AuthHeaders
from tests.probleemcodes import refusal

pytestmark = pytest.mark.anyio

PATH = "/v1/bewaartermijn-berekeningen"

# The contract's request, which is also the factsheet's fifth worked example.
CONTRACT = {
    "aanmelddatum": "2025-06-05",
    "afsluitdatum": "2031-02-23",
    "afwijzingsdatum": None,
    "verlengingen": [
        {"besluitdatum": "2030-06-01", "maanden": 24, "reden": "criteria-nog-van-toepassing"}
    ],
    "bronnen": [
        {
            "id": "b1",
            "deelnemer": "om",
            "instemmingVerlenging": False,
            "wettelijkeUiterlijkeBewaardatum": None,
        }
    ],
    "peildatum": "2026-01-01",
}


async def post(client: httpx.AsyncClient, headers: dict[str, str], body: Any) -> httpx.Response:
    return await client.post(PATH, json=body, headers=headers)


async def test_contract_example(client: httpx.AsyncClient, auth: AuthHeaders) -> None:
    response = await post(client, auth("politie"), CONTRACT)
    assert response.status_code == 200, response.text
    assert response.headers["content-type"] == "application/json"
    body = response.json()
    assert body["status"] == "afgesloten"
    assert body["oorspronkelijkeMaximaleBewaardatum"] == "2030-06-05"
    assert body["maximaleBewaardatum"] == "2032-06-05"
    assert body["archiefdatum"] == "2032-02-23"
    assert body["peildatum"] == "2026-01-01"
    assert body["verlopen"] is False
    assert body["verlengingen"] == [
        {
            "besluitdatum": "2030-06-01",
            "maanden": 24,
            "reden": "criteria-nog-van-toepassing",
            "ingangsdatum": "2030-06-05",
            "einddatum": "2032-06-05",
            "vervallen": False,
            "vervalredenen": [],
        }
    ]
    assert body["bronnen"] == [
        {
            "id": "b1",
            "deelnemer": "om",
            "archiefdatum": "2030-06-05",
            "verlopen": False,
            "begrensdDoor": "geen-instemming-verlenging",
        }
    ]
    assert body["inzagetermijnNaAfsluiting"] == {
        "vanaf": "2031-02-23",
        "tot": "2032-02-23",
        "maanden": 12,
        "dagen": 0,
        "ingekort": False,
    }
    assert body["grondslag"][:2] == ["art. 1.8 lid 7 WGS", "art. 1.16 BGS"]
    assert "23 februari 2032" in body["toelichting"]
    assert body["verdereVerlenging"]["mogelijk"] is False
    assert body["bewaarbeleid"] == {
        "maximumJaren": 5,
        "naAfsluitingMaanden": 12,
        "naAfwijzingMaanden": 12,
        "verlengingMaximumMaanden": 24,
        "besluitvensterMaanden": 3,
    }


async def test_minimal_request_defaults_peildatum_to_today(
    client: httpx.AsyncClient, auth: AuthHeaders
) -> None:
    before = today_in_amsterdam().isoformat()
    response = await post(client, auth("om"), {"aanmelddatum": "2025-06-05"})
    after = today_in_amsterdam().isoformat()
    assert response.status_code == 200, response.text
    body = response.json()
    assert (body["status"], body["archiefdatum"]) == ("open", "2030-06-05")
    assert body["verlengingen"] == []
    assert body["bronnen"] == []
    assert body["inzagetermijnNaAfsluiting"] is None
    assert body["peildatum"] in {before, after}


@pytest.mark.parametrize(
    ("deelnemer", "kwargs"),
    [
        ("ggz", {}),  # a private participant
        ("wijkteam", {}),
        ("woningcorporatie-noord", {"deelnemertype": "incidenteel", "gvv": False}),
    ],
)
async def test_any_authenticated_participant_may_calculate(
    client: httpx.AsyncClient, auth: AuthHeaders, deelnemer: str, kwargs: dict[str, Any]
) -> None:
    response = await post(client, auth(deelnemer, **kwargs), CONTRACT)
    assert response.status_code == 200, response.text


async def test_without_token_401_beats_a_bad_body(client: httpx.AsyncClient) -> None:
    response = await client.post(PATH, content=b"{", headers={"Content-Type": "application/json"})
    assert refusal(response) == (401, "token-ontbreekt")
    assert response.headers["content-type"] == "application/problem+json"
    assert refusal(await client.post(PATH, json=CONTRACT)) == (401, "token-ontbreekt")


async def test_rule_refusals_list_every_problem(
    client: httpx.AsyncClient, auth: AuthHeaders
) -> None:
    body = {
        "aanmelddatum": "2025-06-05",
        "afsluitdatum": "2025-06-01",
        "afwijzingsdatum": "2025-06-10",
        "verlengingen": [
            {"besluitdatum": "2030-07-01", "maanden": 30, "reden": "criteria-nog-van-toepassing"}
        ],
        "bronnen": [{"id": "x", "deelnemer": "om"}, {"id": "x", "deelnemer": "ggz"}],
    }
    response = await post(client, auth("politie"), body)
    assert response.status_code == 400
    assert response.headers["content-type"] == "application/problem+json"
    problem = response.json()
    assert problem["status"] == 400
    assert problem["code"] == "ongeldige-invoer"
    assert [(p["name"], p["code"]) for p in problem["invalidParams"]] == [
        ("afsluitdatum", "afsluitdatum-voor-aanmelddatum"),
        ("afwijzingsdatum", "afgesloten-en-afgewezen"),
        ("verlengingen.0.maanden", "verlenging-maanden-buiten-bereik"),
        ("verlengingen.0.besluitdatum", "verlenging-na-maximum"),
        ("verlengingen.0.reden", "verlenging-situatie-niet-van-toepassing"),
        ("bronnen.1.id", "bron-id-dubbel"),
    ]
    assert all(p["reason"] for p in problem["invalidParams"])


async def test_malformed_values_list_every_problem(
    client: httpx.AsyncClient, auth: AuthHeaders
) -> None:
    body = {
        "aanmelddatum": "2025-02-30",
        "afsluitdatum": 20250601,
        "verlengingen": [{"besluitdatum": "2030-06-01", "maanden": "24", "reden": "omdat"}],
        "bronnen": [{"id": "b1", "deelnemer": "OM!", "instemmingVerlenging": "ja"}],
        "peildatum": "2026-01-01T00:00:00",
        "onbekend": True,
    }
    response = await post(client, auth("politie"), body)
    assert refusal(response) == (400, "ongeldige-invoer")
    names = {p["name"] for p in response.json()["invalidParams"]}
    assert names == {
        "aanmelddatum",
        "afsluitdatum",
        "verlengingen.0.maanden",
        "verlengingen.0.reden",
        "bronnen.0.deelnemer",
        "bronnen.0.instemmingVerlenging",
        "peildatum",
        "onbekend",
    }


@pytest.mark.parametrize(
    ("body", "name"),
    [
        ({"aanmelddatum": "2025-02-30"}, "aanmelddatum"),
        ({"aanmelddatum": "2024-02-29", "peildatum": "2025-02-29"}, "peildatum"),
        ({}, "aanmelddatum"),
        (
            {
                "aanmelddatum": "2025-06-05",
                "verlengingen": [{"besluitdatum": "2030-06-01", "maanden": 6, "reden": "anders"}],
            },
            "verlengingen.0.reden",
        ),
        (
            {"aanmelddatum": "2025-06-05", "verlengingen": [{"besluitdatum": "2030-06-01"}]},
            "verlengingen.0.maanden",
        ),
    ],
)
async def test_impossible_or_unknown_values_are_400(
    client: httpx.AsyncClient, auth: AuthHeaders, body: dict[str, Any], name: str
) -> None:
    response = await post(client, auth("politie"), body)
    assert refusal(response) == (400, "ongeldige-invoer")
    assert name in {p["name"] for p in response.json()["invalidParams"]}


@pytest.mark.parametrize("content", [b"{not json", b"[]", b"null", b'"2025-06-05"'])
async def test_malformed_json_is_400(
    client: httpx.AsyncClient, auth: AuthHeaders, content: bytes
) -> None:
    headers = {**auth("politie"), "Content-Type": "application/json"}
    response = await client.post(PATH, content=content, headers=headers)
    assert refusal(response) == (400, "ongeldige-invoer")
    assert response.headers["content-type"] == "application/problem+json"
    assert response.json()["invalidParams"]


async def test_other_media_type_is_415(client: httpx.AsyncClient, auth: AuthHeaders) -> None:
    headers = {**auth("politie"), "Content-Type": "text/plain"}
    response = await client.post(PATH, content=b"aanmelddatum=2025-06-05", headers=headers)
    assert refusal(response) == (415, "mediatype-niet-ondersteund")


async def test_openapi_documents_the_factsheet_examples(client: httpx.AsyncClient) -> None:
    document = (await client.get("/v1/openapi.json")).json()
    operation = document["paths"]["/bewaartermijn-berekeningen"]["post"]
    assert operation["operationId"] == "bewaartermijnBerekenen"
    assert set(operation["responses"]) >= {"200", "400", "401", "413", "415"}
    examples = operation["requestBody"]["content"]["application/json"]["examples"]
    assert {f"voorbeeld-{n}" for n in range(1, 6)} <= set(examples)


async def test_every_openapi_example_computes(client: httpx.AsyncClient, auth: AuthHeaders) -> None:
    document = (await client.get("/v1/openapi.json")).json()
    examples = document["paths"]["/bewaartermijn-berekeningen"]["post"]["requestBody"]["content"][
        "application/json"
    ]["examples"]
    archief = {}
    for key, example in examples.items():
        response = await post(client, auth("politie"), example["value"])
        assert response.status_code == 200, (key, response.text)
        archief[key] = response.json()["archiefdatum"]
    assert [archief[f"voorbeeld-{n}"] for n in range(1, 6)] == [
        "2026-12-23",
        "2030-06-05",
        "2030-06-05",
        "2025-12-01",
        "2032-02-23",
    ]


async def test_a_lapsed_extension_is_shown_with_its_reason(
    client: httpx.AsyncClient, auth: AuthHeaders
) -> None:
    """Situation 1 decided in time, the case closed before the maximum: 200, lapsed."""
    body = {
        "aanmelddatum": "2021-12-10",
        "afsluitdatum": "2026-11-01",
        "verlengingen": [
            {"besluitdatum": "2026-10-01", "maanden": 24, "reden": "criteria-nog-van-toepassing"}
        ],
        "peildatum": "2026-11-02",
    }
    response = await post(client, auth("politie"), body)
    assert response.status_code == 200, response.text
    result = response.json()
    assert (result["maximaleBewaardatum"], result["archiefdatum"]) == ("2026-12-10", "2026-12-10")
    (verlenging,) = result["verlengingen"]
    assert verlenging["vervallen"] is True
    assert verlenging["vervalredenen"][0]["code"] == "verlenging-vervallen-casus-afgesloten"
    assert result["verdereVerlenging"]["situatie"] == "terugvalrisico"
    assert result["verdereVerlenging"]["vroegsteBesluitdatum"] == "2026-11-01"


async def test_an_extension_decided_on_registration_day_is_refused(
    client: httpx.AsyncClient, auth: AuthHeaders
) -> None:
    body = {
        "aanmelddatum": "2025-06-05",
        "verlengingen": [
            {"besluitdatum": "2025-06-05", "maanden": 24, "reden": "criteria-nog-van-toepassing"}
        ],
    }
    response = await post(client, auth("politie"), body)
    assert refusal(response) == (400, "ongeldige-invoer")
    assert [(p["name"], p["code"]) for p in response.json()["invalidParams"]] == [
        ("verlengingen.0.besluitdatum", "verlenging-te-vroeg")
    ]


async def test_reopenings(client: httpx.AsyncClient, auth: AuthHeaders) -> None:
    herope = {
        "aanmelddatum": "2025-06-05",
        "verlengingen": [{"besluitdatum": "2030-05-01", "maanden": 24, "reden": "terugvalrisico"}],
        "heropeningen": ["2030-07-01"],
        "peildatum": "2030-07-02",
    }
    response = await post(client, auth("politie"), herope)
    assert response.status_code == 200, response.text
    result = response.json()
    assert (result["status"], result["archiefdatum"]) == ("open", "2032-06-05")
    assert result["verlengingen"][0]["ingangsdatum"] == "2030-06-05"
    wrong = {
        "aanmelddatum": "2025-06-05",
        "afsluitdatum": "2026-01-01",
        "heropeningen": ["2025-01-01", "2026-02-01", 20260101],
    }
    response = await post(client, auth("politie"), wrong)
    assert refusal(response) == (400, "ongeldige-invoer")
    assert {p["name"] for p in response.json()["invalidParams"]} == {"heropeningen.2"}
    del wrong["heropeningen"][2]  # type: ignore[attr-defined]
    response = await post(client, auth("politie"), wrong)
    assert [(p["name"], p["code"]) for p in response.json()["invalidParams"]] == [
        ("heropeningen.0", "heropening-voor-aanmelddatum"),
        ("heropeningen.1", "heropening-na-afsluitdatum"),
    ]


@pytest.mark.parametrize("naam", sorted(VOORBEELDEN))
async def test_every_documented_example_is_answered(
    client: httpx.AsyncClient, auth: AuthHeaders, naam: str
) -> None:
    response = await post(client, auth("politie"), VOORBEELDEN[naam]["value"])
    assert response.status_code == 200, response.text
