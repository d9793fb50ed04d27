"""POST /v1/criteria-toetsingen: the BGS 2.20 check through HTTP."""

import copy
from typing import Any

import httpx
import pytest

from tests.conftest import AuthHeaders
from tests.probleemcodes import refusal

pytestmark = pytest.mark.anyio

URL = "/v1/criteria-toetsingen"

CRITERIA: dict[str, Any] = {
    "a": {"mate": "voldaan", "betreft": ["betrokkene"], "onderbouwing": "Meldingen 2025."},
    "b": {
        "mate": "voldaan",
        "leefgebieden": ["huisvesting", "middelengebruik"],
        "criminogeneFactoren": True,
        "onderbouwing": "Dakloos; harddrugs.",
    },
    "c": {
        "mate": "voldaan",
        "gevolgen": ["criminaliteit"],
        "tijd": "heeft-geleid",
        "objectieveAanwijzingen": None,
        "onderbouwing": "Twee veroordelingen.",
    },
    "d": {"mate": "voldaan", "domeinen": ["zorg", "veiligheid"], "onderbouwing": "GGZ en OM."},
}


def body(fase: str = "intake", **changes: dict[str, Any]) -> dict[str, Any]:
    criteria = copy.deepcopy(CRITERIA)
    for letter, change in changes.items():
        criteria[letter].update(change)
    return {"fase": fase, "criteria": criteria}


@pytest.mark.parametrize("fase", ["intake", "definitief"])
async def test_all_met_is_admissible(
    client: httpx.AsyncClient, auth: AuthHeaders, fase: str
) -> None:
    response = await client.post(URL, json=body(fase), headers=auth("politie"))
    assert response.status_code == 200, response.text
    result = response.json()
    assert result["fase"] == fase
    assert result["toelaatbaar"] is True
    assert set(result["criteria"]) == {"a", "b", "c", "d"}
    for uitkomst in result["criteria"].values():
        assert uitkomst["voldaan"] is True
        assert uitkomst["redenen"] == []
        assert "art. 2.20 lid 1" in uitkomst["toelichting"]
    expected = "Intake (art. 2.31 lid 2 WGS)" if fase == "intake" else "Definitieve beoordeling"
    assert result["toelichting"].startswith(expected)


async def test_not_admissible_lists_the_reasons(
    client: httpx.AsyncClient, auth: AuthHeaders
) -> None:
    request = body(
        "definitief",
        b={"leefgebieden": ["justitie", "justitie"], "criminogeneFactoren": False},
        c={"tijd": "zou-leiden", "objectieveAanwijzingen": "   "},
        d={"mate": "deels", "onderbouwing": ""},
    )
    response = await client.post(URL, json=request, headers=auth("gemeente-utrecht"))
    assert response.status_code == 200, response.text
    result = response.json()
    assert result["toelaatbaar"] is False
    criteria = result["criteria"]
    assert criteria["a"] == {**criteria["a"], "voldaan": True, "redenen": []}
    assert criteria["b"]["redenen"] == ["b.te-weinig-leefgebieden", "b.geen-criminogene-factoren"]
    assert criteria["c"]["redenen"] == ["c.objectieve-aanwijzingen-ontbreken"]
    assert criteria["d"]["redenen"] == ["d.mate-niet-voldaan", "d.onderbouwing-ontbreekt"]
    assert criteria["d"]["toelichting"].startswith("Niet voldaan (art. 2.20 lid 1 onder d BGS)")
    assert "niet voldaan: b, c, d" in result["toelichting"]


async def test_left_out_content_is_judged_not_refused(
    client: httpx.AsyncClient, auth: AuthHeaders
) -> None:
    request = {
        "fase": "intake",
        "criteria": {letter: {"mate": "onbekend"} for letter in "abcd"},
    }
    response = await client.post(URL, json=request, headers=auth("politie"))
    assert response.status_code == 200, response.text
    redenen = {k: v["redenen"] for k, v in response.json()["criteria"].items()}
    assert redenen == {
        "a": ["a.mate-niet-voldaan", "a.onderbouwing-ontbreekt", "a.betreft-ontbreekt"],
        "b": [
            "b.mate-niet-voldaan",
            "b.onderbouwing-ontbreekt",
            "b.te-weinig-leefgebieden",
            "b.geen-criminogene-factoren",
        ],
        "c": [
            "c.mate-niet-voldaan",
            "c.onderbouwing-ontbreekt",
            "c.gevolg-ontbreekt",
            "c.tijd-ontbreekt",
        ],
        "d": ["d.mate-niet-voldaan", "d.onderbouwing-ontbreekt", "d.te-weinig-domeinen"],
    }


async def test_unknown_values_are_all_listed(client: httpx.AsyncClient, auth: AuthHeaders) -> None:
    request = body(
        "voorlopig",
        a={"mate": "grotendeels", "betreft": ["buurt"]},
        b={"leefgebieden": ["huisvesting", "nationaliteit"]},
        c={"gevolgen": ["hinder"], "tijd": "misschien"},
        d={"domeinen": ["onderwijs"]},
    )
    response = await client.post(URL, json=request, headers=auth("politie"))
    assert refusal(response) == (400, "ongeldige-invoer")
    assert response.headers["content-type"] == "application/problem+json"
    params = response.json()["invalidParams"]
    assert {p["name"] for p in params} == {
        "fase",
        "criteria.a.mate",
        "criteria.a.betreft.0",
        "criteria.b.leefgebieden.1",
        "criteria.c.gevolgen.0",
        "criteria.c.tijd",
        "criteria.d.domeinen.0",
    }
    assert {p["code"] for p in params} == {"onbekende-waarde"}
    mate = next(p for p in params if p["name"] == "criteria.a.mate")
    assert "voldaan" in mate["reason"]


async def test_missing_criterion_and_mate_are_refused(
    client: httpx.AsyncClient, auth: AuthHeaders
) -> None:
    request = body()
    del request["criteria"]["c"]
    del request["criteria"]["a"]["mate"]
    request["criteria"]["e"] = {"mate": "voldaan"}
    response = await client.post(URL, json=request, headers=auth("politie"))
    assert refusal(response) == (400, "ongeldige-invoer")
    params = {p["name"]: p["code"] for p in response.json()["invalidParams"]}
    assert params == {
        "criteria.c": "verplicht",
        "criteria.a.mate": "verplicht",
        "criteria.e": "onbekend-veld",
    }


async def test_wrong_types_are_refused(client: httpx.AsyncClient, auth: AuthHeaders) -> None:
    request = body(b={"criminogeneFactoren": "misschien"}, d={"domeinen": "zorg"})
    response = await client.post(URL, json=request, headers=auth("politie"))
    assert refusal(response) == (400, "ongeldige-invoer")
    names = {p["name"] for p in response.json()["invalidParams"]}
    assert names == {"criteria.b.criminogeneFactoren", "criteria.d.domeinen"}


async def test_malformed_json_is_one_problem(client: httpx.AsyncClient, auth: AuthHeaders) -> None:
    headers = {**auth("politie"), "Content-Type": "application/json"}
    response = await client.post(URL, content=b'{"fase": "intake",', headers=headers)
    assert response.status_code == 400
    [param] = response.json()["invalidParams"]
    assert param["code"] == "json-ongeldig"


async def test_other_media_type_is_415(client: httpx.AsyncClient, auth: AuthHeaders) -> None:
    headers = {**auth("politie"), "Content-Type": "text/plain"}
    response = await client.post(URL, content=b"fase=intake", headers=headers)
    assert refusal(response) == (415, "mediatype-niet-ondersteund")


async def test_no_token_is_401_before_the_body(client: httpx.AsyncClient) -> None:
    response = await client.post(URL, content=b"{", headers={"Content-Type": "application/json"})
    assert refusal(response) == (401, "token-ontbreekt")
    assert refusal(await client.post(URL, json=body())) == (401, "token-ontbreekt")


@pytest.mark.parametrize(
    ("deelnemer", "kwargs"),
    [
        ("ggz", {}),  # private participant
        ("cjib", {"deelnemertype": "incidenteel", "gvv": False}),  # incidental participant
        ("politie", {"zvh": "zvh-oost"}),  # another partnership
    ],
)
async def test_any_authenticated_participant_may_check(
    client: httpx.AsyncClient, auth: AuthHeaders, deelnemer: str, kwargs: dict[str, Any]
) -> None:
    response = await client.post(URL, json=body(), headers=auth(deelnemer, **kwargs))
    assert response.status_code == 200, response.text
    assert response.json()["toelaatbaar"] is True


async def test_openapi_documents_the_operation(client: httpx.AsyncClient) -> None:
    document = (await client.get("/v1/openapi.json")).json()
    operation = document["paths"]["/criteria-toetsingen"]["post"]
    assert operation["operationId"] == "criteriaToetsen"
    assert operation["tags"] == ["Criteria"]
    assert {"200", "400", "401", "413", "415"} <= set(operation["responses"])
    schemas = document["components"]["schemas"]
    assert schemas["CriteriaToetsing"]["examples"]
    mate = schemas["CriteriumA"]["properties"]["mate"]
    assert "art. 2.20 lid 3 BGS" in mate["description"]
    for waarde in mate["enum"]:
        assert f"`{waarde}`" in mate["description"]
    assert "Mate" not in schemas  # the English-described enum definition is pruned


async def test_plausible_admits_at_intake_only(
    client: httpx.AsyncClient, auth: AuthHeaders
) -> None:
    criteria = {k: {**v, "mate": "aannemelijk"} for k, v in CRITERIA.items()}
    intake = await client.post(
        "/v1/criteria-toetsingen",
        json={"fase": "intake", "criteria": criteria},
        headers=auth("politie"),
    )
    assert intake.status_code == 200, intake.text
    assert intake.json()["toelaatbaar"] is True
    assert intake.json()["criteria"]["a"]["mate"] == "aannemelijk"
    definitief = await client.post(
        "/v1/criteria-toetsingen",
        json={"fase": "definitief", "criteria": criteria},
        headers=auth("politie"),
    )
    assert definitief.json()["toelaatbaar"] is False
    assert definitief.json()["criteria"]["d"]["redenen"] == ["d.alleen-aannemelijk"]
