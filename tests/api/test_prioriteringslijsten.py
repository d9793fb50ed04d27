"""Priority lists: who may define them, versions, publication, withdrawal, the public page."""

from typing import Any

import httpx
import pytest
from sqlalchemy import text, update
from sqlalchemy.exc import DBAPIError

from app.db.session import Database
from app.db.tables import PrioriteringslijstVersieRow
from tests.conftest import AuthHeaders
from tests.factories.prioritering import CRITERIA, create, publish
from tests.probleemcodes import refusal

pytestmark = pytest.mark.anyio

ANDERE_CRITERIA: dict[str, Any] = {
    "telling": {"soort": "overlastmelding", "periodeMaanden": 6},
    "minimaal": 3,
}


async def test_create_is_concept_with_location(
    client: httpx.AsyncClient, auth: AuthHeaders
) -> None:
    response = await client.post(
        "/v1/prioriteringslijsten",
        json={"naam": "Top X", "omschrijving": "Doel.", "criteria": CRITERIA},
        headers=auth("politie", "medewerker"),
    )
    assert response.status_code == 201
    body = response.json()
    assert response.headers["location"] == f"/v1/prioriteringslijsten/{body['id']}"
    assert body["status"] == "concept"
    assert body["geldendeVersie"] is None
    assert body["aangemaaktDoor"] == "politie"
    [versie] = body["versies"]
    assert versie["versie"] == 1
    assert versie["status"] == "concept"
    assert versie["publicatiedatum"] is None
    # Canonical form: an absent category list is stored as the empty list (all categories).
    assert versie["criteria"]["alle"][1]["telling"]["categorieen"] == []
    assert "minstens 2 veroordelingen in de categorie geweld" in versie["criteriaInGewoneTaal"]
    fetched = await client.get(response.headers["location"], headers=auth("om"))
    assert fetched.json() == body


@pytest.mark.parametrize(
    ("deelnemer", "kwargs"),
    [
        ("reclassering-nederland", {}),  # a private participant
        ("ggz", {}),
        ("cjib", {"deelnemertype": "incidenteel"}),  # an incidental participant
    ],
)
async def test_only_joint_controllers(
    client: httpx.AsyncClient, auth: AuthHeaders, deelnemer: str, kwargs: dict[str, Any]
) -> None:
    # Roles do not help: only government participants are joint controllers.
    headers = auth(deelnemer, "beheerder", "procesregisseur", **kwargs)
    # 403 is decided before the body is looked at: an empty body is not a 400 here.
    post = await client.post("/v1/prioriteringslijsten", json={}, headers=headers)
    assert refusal(post) == (403, "geen-toegang")
    assert refusal(await client.get("/v1/prioriteringslijsten", headers=headers)) == (
        403,
        "geen-toegang",
    )


async def test_without_token_401(client: httpx.AsyncClient) -> None:
    assert refusal(await client.get("/v1/prioriteringslijsten")) == (401, "token-ontbreekt")


async def test_any_role_of_a_government_participant_may(
    client: httpx.AsyncClient, auth: AuthHeaders
) -> None:
    await create(client, auth)
    for rol in ("medewerker", "archiefbeheerder", "contactpunt"):
        response = await client.get("/v1/prioriteringslijsten", headers=auth("om", rol))
        assert response.status_code == 200
        assert [lijst["naam"] for lijst in response.json()["prioriteringslijsten"]] == [
            "Top 20 HIC"
        ]


async def test_other_partnership_sees_nothing(client: httpx.AsyncClient, auth: AuthHeaders) -> None:
    lijst = await create(client, auth)
    oost = auth("gemeente-zwolle", zvh="zvh-oost")
    assert (await client.get("/v1/prioriteringslijsten", headers=oost)).json() == {
        "prioriteringslijsten": []
    }
    for method, suffix in (("GET", ""), ("POST", "/publicatie"), ("POST", "/intrekking")):
        response = await client.request(
            method, f"/v1/prioriteringslijsten/{lijst['id']}{suffix}", headers=oost
        )
        assert refusal(response) == (404, "niet-gevonden"), suffix
    versie = await client.post(
        f"/v1/prioriteringslijsten/{lijst['id']}/versies",
        json={"omschrijving": "x", "criteria": CRITERIA},
        headers=oost,
    )
    assert refusal(versie) == (404, "niet-gevonden")


async def test_forbidden_criteria_are_400_naming_the_rule(
    client: httpx.AsyncClient, auth: AuthHeaders
) -> None:
    response = await client.post(
        "/v1/prioriteringslijsten",
        json={
            "naam": "",
            "omschrijving": "Doel.",
            "criteria": {
                "alle": [
                    {"nationaliteit": "NL"},
                    {"telling": {"soort": "veroordeling", "categorieen": ["woonoverlast"], "periodeMaanden": 12}, "minimaal": 1},
                ]
            },
        },
        headers=auth("politie"),
    )  # fmt: skip
    assert refusal(response) == (400, "ongeldige-invoer")
    problems = {(p["name"], p["code"]) for p in response.json()["invalidParams"]}
    # Every problem at once: the name field's and both in the criteria.
    assert problems == {
        ("naam", "te-kort"),
        ("criteria.alle.0.nationaliteit", "criterium-niet-objectief"),
        ("criteria.alle.1.telling.categorieen.0", "categorie-onbekend"),
    }
    assert (await client.get("/v1/prioriteringslijsten", headers=auth("politie"))).json()[
        "prioriteringslijsten"
    ] == []


async def test_name_is_unique_per_partnership(client: httpx.AsyncClient, auth: AuthHeaders) -> None:
    await create(client, auth)
    again = await client.post(
        "/v1/prioriteringslijsten",
        json={"naam": "Top 20 HIC", "omschrijving": "x", "criteria": CRITERIA},
        headers=auth("politie"),
    )
    assert again.status_code == 409
    assert again.json()["code"] == "naam-bestaat-al"
    oost = await client.post(
        "/v1/prioriteringslijsten",
        json={"naam": "Top 20 HIC", "omschrijving": "x", "criteria": CRITERIA},
        headers=auth("gemeente-zwolle", zvh="zvh-oost"),
    )
    assert oost.status_code == 201


async def test_publication_versions_and_immutability(
    client: httpx.AsyncClient, auth: AuthHeaders
) -> None:
    lijst = await create(client, auth)
    url = f"/v1/prioriteringslijsten/{lijst['id']}"
    published = await publish(client, auth, lijst["id"])
    assert published.status_code == 200
    body = published.json()
    assert body["status"] == "gepubliceerd"
    assert body["geldendeVersie"] == 1
    assert body["versies"][0]["status"] == "gepubliceerd"
    assert body["versies"][0]["publicatiedatum"]
    # Nothing left to publish.
    again = await publish(client, auth, lijst["id"])
    assert again.status_code == 409
    assert again.json()["code"] == "geen-conceptversie"

    # A change is a new version in concept; version 1 stays as published and in force.
    changed = await client.post(
        f"{url}/versies",
        json={"omschrijving": "Overlast.", "criteria": ANDERE_CRITERIA},
        headers=auth("politie"),
    )
    assert changed.status_code == 201
    versies = changed.json()["versies"]
    assert [(v["versie"], v["status"]) for v in versies] == [(1, "gepubliceerd"), (2, "concept")]
    assert versies[0] == body["versies"][0]
    assert changed.json()["geldendeVersie"] == 1

    # A second change before publication replaces the concept.
    replaced = await client.post(
        f"{url}/versies",
        json={"omschrijving": "Overlast, herzien.", "criteria": CRITERIA},
        headers=auth("politie"),
    )
    assert [v["versie"] for v in replaced.json()["versies"]] == [1, 2]
    assert replaced.json()["versies"][1]["omschrijving"] == "Overlast, herzien."

    final = (await publish(client, auth, lijst["id"])).json()
    assert final["geldendeVersie"] == 2
    assert [v["status"] for v in final["versies"]] == ["vervangen", "gepubliceerd"]
    assert final["versies"][0]["criteria"] == body["versies"][0]["criteria"]


async def test_database_refuses_to_change_a_published_version(
    client: httpx.AsyncClient, auth: AuthHeaders, db: Database
) -> None:
    lijst = await create(client, auth)
    await publish(client, auth, lijst["id"])
    async with db.session() as session:
        await session.execute(text("SELECT 1"))
        with pytest.raises(DBAPIError, match="immutable"):
            await session.execute(
                update(PrioriteringslijstVersieRow)
                .where(PrioriteringslijstVersieRow.lijst_id == lijst["id"])
                .values(omschrijving="stiekem gewijzigd")
            )
        await session.rollback()


async def test_withdrawal_is_final(client: httpx.AsyncClient, auth: AuthHeaders) -> None:
    lijst = await create(client, auth)
    url = f"/v1/prioriteringslijsten/{lijst['id']}"
    await publish(client, auth, lijst["id"])
    withdrawn = await client.post(f"{url}/intrekking", headers=auth("om"))
    assert withdrawn.status_code == 200
    assert withdrawn.json()["status"] == "ingetrokken"
    assert withdrawn.json()["ingetrokkenOp"]
    for response in (
        await client.post(f"{url}/intrekking", headers=auth("om")),
        await publish(client, auth, lijst["id"]),
        await client.post(
            f"{url}/versies", json={"omschrijving": "x", "criteria": CRITERIA}, headers=auth("om")
        ),
    ):
        assert response.status_code == 409
        assert response.json()["code"] == "lijst-ingetrokken"


async def test_unknown_list_and_bad_id(client: httpx.AsyncClient, auth: AuthHeaders) -> None:
    missing = "00000000-0000-0000-0000-000000000000"
    assert refusal(
        await client.get(f"/v1/prioriteringslijsten/{missing}", headers=auth("politie"))
    ) == (404, "niet-gevonden")
    assert refusal(
        await client.get("/v1/prioriteringslijsten/niet-een-id", headers=auth("politie"))
    ) == (400, "ongeldige-invoer")


async def test_public_publication_without_token(
    client: httpx.AsyncClient, auth: AuthHeaders
) -> None:
    published = await create(client, auth, "Top HIC")
    await publish(client, auth, published["id"])
    await create(client, auth, "Nog een concept")
    withdrawn = await create(client, auth, "Oude lijst")
    await publish(client, auth, withdrawn["id"])
    await client.post(f"/v1/prioriteringslijsten/{withdrawn['id']}/intrekking", headers=auth("om"))

    response = await client.get("/v1/publicaties/prioriteringslijsten?zvh=zvh-demo")
    assert response.status_code == 200
    body = response.json()
    assert body["zvh"] == "zvh-demo"
    [lijst] = body["prioriteringslijsten"]
    assert lijst["id"] == published["id"]
    assert lijst["naam"] == "Top HIC"
    assert lijst["omschrijving"] == "Veelplegers high impact crime."
    assert lijst["versie"] == 1
    assert lijst["publicatiedatum"]
    assert lijst["criteria"]["alle"][0]["telling"]["soort"] == "veroordeling"
    assert lijst["criteriaInGewoneTaal"].startswith("Een casus komt in aanmerking")

    # A pending change is not published until it is.
    await client.post(
        f"/v1/prioriteringslijsten/{published['id']}/versies",
        json={"omschrijving": "Nieuw.", "criteria": ANDERE_CRITERIA},
        headers=auth("politie"),
    )
    again = (await client.get("/v1/publicaties/prioriteringslijsten?zvh=zvh-demo")).json()
    assert again["prioriteringslijsten"][0]["versie"] == 1

    other = await client.get("/v1/publicaties/prioriteringslijsten?zvh=zvh-oost")
    assert other.json() == {"zvh": "zvh-oost", "prioriteringslijsten": []}
    assert refusal(await client.get("/v1/publicaties/prioriteringslijsten?zvh=bestaat-niet")) == (
        404,
        "niet-gevonden",
    )
    assert refusal(await client.get("/v1/publicaties/prioriteringslijsten")) == (
        400,
        "ongeldige-invoer",
    )


async def test_public_publication_is_documented_without_security(client: httpx.AsyncClient) -> None:
    document = (await client.get("/v1/openapi.json")).json()
    operation = document["paths"]["/publicaties/prioriteringslijsten"]["get"]
    assert operation["security"] == []
    assert document["paths"]["/prioriteringslijsten"]["post"]["security"] == [{"jwt": []}]
