"""The RAC register: the joint controllers record advice; a deviation needs its motivation
and is listed for the coordinating data protection officer (model art. 4.9-4.11, 15)."""

import uuid
from datetime import date, timedelta
from typing import Any

import httpx
import pytest

from tests.conftest import AuthHeaders
from tests.probleemcodes import refusal

pytestmark = pytest.mark.anyio


def advies(**changes: Any) -> dict[str, Any]:
    body: dict[str, Any] = {
        "onderwerp": f"Verstrekking aan de woningcorporatie {uuid.uuid4().hex[:6]}",
        "datum": "2026-11-20",
        "advies": "Alleen de afspraken over huisvesting verstrekken.",
        "gevolgd": True,
    }
    body.update(changes)
    return body


async def create_rac_advies(
    client: httpx.AsyncClient,
    auth: AuthHeaders,
    deelnemer: str = "gemeente-utrecht",
    **changes: Any,
) -> dict[str, Any]:
    response = await client.post(
        "/v1/rac-adviezen", json=advies(**changes), headers=auth(deelnemer)
    )
    assert response.status_code == 201, response.text
    created: dict[str, Any] = response.json()
    return created


async def test_a_followed_advice_is_recorded(client: httpx.AsyncClient, auth: AuthHeaders) -> None:
    response = await client.post("/v1/rac-adviezen", json=advies(), headers=auth("om"))
    assert response.status_code == 201
    created = response.json()
    assert response.headers["location"] == f"/v1/rac-adviezen/{created['id']}"
    assert created["gevolgd"] is True
    assert created["afwijkingMotivering"] is None
    assert created["vastgelegdDoor"] == "om"
    one = await client.get(f"/v1/rac-adviezen/{created['id']}", headers=auth("gemeente-utrecht"))
    assert one.json() == created
    listed = await client.get("/v1/rac-adviezen", headers=auth("politie"))
    assert created in listed.json()["racAdviezen"]


async def test_a_deviation_needs_its_motivation(
    client: httpx.AsyncClient, auth: AuthHeaders
) -> None:
    response = await client.post(
        "/v1/rac-adviezen", json=advies(gevolgd=False), headers=auth("gemeente-utrecht")
    )
    assert refusal(response) == (400, "ongeldige-invoer")
    assert [(p["name"], p["code"]) for p in response.json()["invalidParams"]] == [
        ("afwijkingMotivering", "motivering-ontbreekt")
    ]
    empty = await client.post(
        "/v1/rac-adviezen",
        json=advies(gevolgd=False, afwijkingMotivering=""),
        headers=auth("gemeente-utrecht"),
    )
    assert refusal(empty) == (400, "ongeldige-invoer")
    assert empty.json()["invalidParams"][0]["name"] == "afwijkingMotivering"


async def test_every_problem_at_once(client: httpx.AsyncClient, auth: AuthHeaders) -> None:
    morgen = (date.today() + timedelta(days=2)).isoformat()
    response = await client.post(
        "/v1/rac-adviezen",
        json=advies(datum=morgen, afwijkingMotivering="Toch niet gevolgd."),
        headers=auth("gemeente-utrecht"),
    )
    assert refusal(response) == (400, "ongeldige-invoer")
    assert sorted(p["code"] for p in response.json()["invalidParams"]) == [
        "datum-in-toekomst",
        "motivering-zonder-afwijking",
    ]
    bad = await client.post(
        "/v1/rac-adviezen", json=advies(gevolgd="nee", datum=0), headers=auth("gemeente-utrecht")
    )
    assert sorted(p["code"] for p in bad.json()["invalidParams"]) == ["geen-boolean", "geen-datum"]


async def test_deviations_are_listed_for_the_coordinating_fg(
    client: httpx.AsyncClient, auth: AuthHeaders
) -> None:
    gevolgd = await create_rac_advies(client, auth)
    afwijking = await create_rac_advies(
        client, auth, gevolgd=False, afwijkingMotivering="De huisuitzetting dreigt morgen."
    )
    fg = auth("gemeente-utrecht", "functionaris-gegevensbescherming")
    response = await client.get("/v1/rac-adviezen/afwijkingen", headers=fg)
    assert response.status_code == 200
    ids = [a["id"] for a in response.json()["racAdviezen"]]
    assert afwijking["id"] in ids
    assert gevolgd["id"] not in ids
    assert all(
        not a["gevolgd"] and a["afwijkingMotivering"] for a in response.json()["racAdviezen"]
    )


@pytest.mark.parametrize(
    ("deelnemer", "rollen", "pad"),
    [
        # A private participant is no joint controller, whatever its roles.
        ("ggz", ("medewerker",), "/v1/rac-adviezen"),
        ("ggz", ("functionaris-gegevensbescherming",), "/v1/rac-adviezen/afwijkingen"),
        ("ggz", ("beheerder",), "/v1/rac-adviezen/afwijkingen"),
    ],
)
async def test_who_may_not_read(
    client: httpx.AsyncClient, auth: AuthHeaders, deelnemer: str, rollen: tuple[str, ...], pad: str
) -> None:
    response = await client.get(pad, headers=auth(deelnemer, *rollen))
    assert response.status_code == 403
    assert response.json()["code"] == "geen-toegang"


async def test_only_joint_controllers_record(client: httpx.AsyncClient, auth: AuthHeaders) -> None:
    for headers in (
        auth("ggz"),
        auth("cjib", "beheerder", deelnemertype="incidenteel"),
    ):
        response = await client.post("/v1/rac-adviezen", json=advies(), headers=headers)
        assert response.status_code == 403
        assert response.json()["code"] == "geen-toegang"


async def test_another_partnership_sees_nothing(
    client: httpx.AsyncClient, auth: AuthHeaders
) -> None:
    created = await create_rac_advies(client, auth)
    oost = auth("gemeente-zwolle", zvh="zvh-oost")
    response = await client.get(f"/v1/rac-adviezen/{created['id']}", headers=oost)
    assert response.status_code == 404
    assert response.json()["code"] == "niet-gevonden"
    listed = await client.get("/v1/rac-adviezen", headers=oost)
    assert created["id"] not in [a["id"] for a in listed.json()["racAdviezen"]]
