"""Disclosures to third parties (art. 1.7 WGS): only after RAC advice, never a part barred
by `nietAanDerden`, special and criminal data only with their supplier's consent."""

from typing import Any

import httpx
import pytest

from tests.conftest import AuthHeaders
from tests.factories.overleg import in_behandeling, log_of, put_plan
from tests.probleemcodes import refusal

pytestmark = pytest.mark.anyio

GVV = "gemeente-utrecht"


def _url(casus_id: str, rest: str = "verstrekkingen-aan-derden") -> str:
    return f"/v1/casussen/{casus_id}/{rest}"


async def create_rac_advies(client: httpx.AsyncClient, auth: AuthHeaders) -> str:
    response = await client.post(
        "/v1/rac-adviezen",
        json={
            "onderwerp": "Verstrekking aan de woningcorporatie",
            "datum": "2025-07-10",
            "advies": "Verstrekken is rechtmatig.",
            "gevolgd": True,
        },
        headers=auth(GVV),
    )
    assert response.status_code == 201, response.text
    return str(response.json()["id"])


async def create_supply(
    client: httpx.AsyncClient, auth: AuthHeaders, casus_id: str, deelnemer: str, **body: Any
) -> str:
    response = await client.post(
        _url(casus_id, "gegevensverstrekkingen"),
        json={"categorie": "gewoon", "inhoud": "Bekend sinds 2023.", **body},
        headers=auth(deelnemer),
    )
    assert response.status_code == 201, response.text
    return str(response.json()["id"])


def disclosure(
    advies: str, *verstrekkingen: str, plan: bool = False, **changes: Any
) -> dict[str, Any]:
    body: dict[str, Any] = {
        "ontvanger": "Woningcorporatie Midden",
        "doel": "Voorkomen van huisuitzetting",
        "noodzaak": "Zonder de afspraken kan de corporatie de ontruiming niet opschorten.",
        "racAdvies": advies,
        "onderdelen": {"verstrekkingen": list(verstrekkingen), "planVanAanpak": plan},
    }
    body.update(changes)
    return body


async def test_ordinary_data_and_the_plan_are_disclosed_at_once(
    client: httpx.AsyncClient, auth: AuthHeaders
) -> None:
    casus_id = await in_behandeling(client, auth)
    await put_plan(client, auth, casus_id)
    advies = await create_rac_advies(client, auth)
    gewoon = await create_supply(client, auth, casus_id, "politie")
    response = await client.post(
        _url(casus_id), json=disclosure(advies, gewoon, plan=True), headers=auth(GVV)
    )
    assert response.status_code == 201, response.text
    made = response.json()
    assert response.headers["location"] == f"{_url(casus_id)}/{made['id']}"
    assert made["status"] == "verstrekt"
    assert made["verstrektOp"] is not None
    assert made["planVanAanpak"] is True
    assert made["onderdelen"] == [
        {
            "verstrekkingId": gewoon,
            "verstrekker": "politie",
            "categorie": "gewoon",
            "instemmingNodig": False,
            "instemming": None,
        }
    ]
    # A third party never gets an account: it is a name, not a participant.
    assert "token" not in response.text.lower()
    deelnemers = await client.get("/v1/deelnemers", headers=auth(GVV))
    assert "Woningcorporatie Midden" not in deelnemers.text
    listed = await client.get(_url(casus_id), headers=auth(GVV))
    assert listed.json()["derdenverstrekkingen"] == [made]
    # In the case's history and in the processing log, as a disclosure.
    casus = await client.get(f"/v1/casussen/{casus_id}", headers=auth(GVV, "archiefbeheerder"))
    soorten = [g["soort"] for g in casus.json()["gebeurtenissen"]]
    assert soorten[-2:] == ["derdenverstrekking", "verstrekt-aan-derde"]
    log = await log_of(client, auth, casus_id)
    assert ("casus-derden-verstrekken", "verstrekken", "geslaagd") in [
        (v["activiteit"], v["handeling"], v["resultaat"]) for v in log
    ]


async def test_special_and_criminal_data_wait_for_their_suppliers(
    client: httpx.AsyncClient, auth: AuthHeaders
) -> None:
    casus_id = await in_behandeling(client, auth)
    advies = await create_rac_advies(client, auth)
    strafrechtelijk = await create_supply(client, auth, casus_id, "om", categorie="strafrechtelijk")
    bijzonder = await create_supply(
        client, auth, casus_id, "reclassering-nederland", categorie="bijzonder"
    )
    # The joint controller's own special data: it consents by asking.
    eigen = await create_supply(client, auth, casus_id, GVV, categorie="bijzonder")
    response = await client.post(
        _url(casus_id),
        json=disclosure(advies, strafrechtelijk, bijzonder, eigen),
        headers=auth(GVV),
    )
    assert response.status_code == 201, response.text
    made = response.json()
    assert made["status"] == "wacht-op-instemming"
    assert made["verstrektOp"] is None
    assert {p["verstrekker"]: p["instemming"] for p in made["onderdelen"]} == {
        "om": None,
        "reclassering-nederland": None,
        GVV: True,
    }
    instemmen = _url(casus_id, f"verstrekkingen-aan-derden/{made['id']}/instemmingen")
    # Only a supplier asked answers, for its own organisation.
    politie = await client.post(instemmen, json={"instemming": True}, headers=auth("politie"))
    assert politie.status_code == 403
    assert politie.json()["code"] == "geen-toegang"
    reclassering = auth("reclassering-nederland")
    first = await client.post(instemmen, json={"instemming": True}, headers=reclassering)
    assert first.status_code == 201, first.text
    assert first.json()["status"] == "wacht-op-instemming"
    # A supplier that is no joint controller sees only its own parts.
    assert [p["verstrekker"] for p in first.json()["onderdelen"]] == ["reclassering-nederland"]
    again = await client.post(instemmen, json={"instemming": False}, headers=reclassering)
    assert again.status_code == 409
    assert again.json()["code"] == "instemming-al-gegeven"
    log_before = await log_of(client, auth, casus_id)
    assert "verstrekken" not in [
        v["handeling"] for v in log_before if v["activiteit"] == "casus-derden-verstrekken"
    ]
    last = await client.post(instemmen, json={"instemming": True}, headers=auth("om"))
    assert last.status_code == 201, last.text
    assert last.json()["status"] == "verstrekt"
    log_after = await log_of(client, auth, casus_id)
    assert "verstrekken" in [
        v["handeling"] for v in log_after if v["activiteit"] == "casus-derden-verstrekken"
    ]


async def test_one_refusal_ends_the_disclosure(
    client: httpx.AsyncClient, auth: AuthHeaders
) -> None:
    casus_id = await in_behandeling(client, auth)
    advies = await create_rac_advies(client, auth)
    strafrechtelijk = await create_supply(client, auth, casus_id, "om", categorie="strafrechtelijk")
    made = (
        await client.post(
            _url(casus_id), json=disclosure(advies, strafrechtelijk), headers=auth(GVV)
        )
    ).json()
    instemmen = _url(casus_id, f"verstrekkingen-aan-derden/{made['id']}/instemmingen")
    refused = await client.post(instemmen, json={"instemming": False}, headers=auth("om"))
    assert refused.status_code == 201
    assert refused.json()["status"] == "geweigerd"
    assert refused.json()["verstrektOp"] is None
    casus = await client.get(f"/v1/casussen/{casus_id}", headers=auth(GVV, "archiefbeheerder"))
    assert "verstrekt-aan-derde" not in [g["soort"] for g in casus.json()["gebeurtenissen"]]


async def test_a_part_barred_from_third_parties_refuses_it_all(
    client: httpx.AsyncClient, auth: AuthHeaders
) -> None:
    casus_id = await in_behandeling(client, auth)
    advies = await create_rac_advies(client, auth)
    vrij = await create_supply(client, auth, casus_id, "politie")
    verboden = await create_supply(
        client, auth, casus_id, "om", voorwaarden={"nietAanDerden": True}
    )
    response = await client.post(
        _url(casus_id), json=disclosure(advies, vrij, verboden), headers=auth(GVV)
    )
    assert response.status_code == 409
    assert response.json()["code"] == "niet-aan-derden"
    assert verboden in response.json()["detail"]
    listed = await client.get(_url(casus_id), headers=auth(GVV))
    assert listed.json()["derdenverstrekkingen"] == []


async def test_without_rac_advice_nothing_is_disclosed(
    client: httpx.AsyncClient, auth: AuthHeaders
) -> None:
    casus_id = await in_behandeling(client, auth)
    gewoon = await create_supply(client, auth, casus_id, "politie")
    oost = (
        await client.post(
            "/v1/rac-adviezen",
            json={"onderwerp": "x", "datum": "2025-07-10", "advies": "x", "gevolgd": True},
            headers=auth("gemeente-zwolle", zvh="zvh-oost"),
        )
    ).json()["id"]
    for advies in ("00000000-0000-0000-0000-000000000000", oost):
        response = await client.post(
            _url(casus_id), json=disclosure(advies, gewoon), headers=auth(GVV)
        )
        assert refusal(response) == (400, "ongeldige-invoer")
        assert [(p["name"], p["code"]) for p in response.json()["invalidParams"]] == [
            ("racAdvies", "rac-advies-onbekend")
        ]


async def test_every_problem_of_the_request_at_once(
    client: httpx.AsyncClient, auth: AuthHeaders
) -> None:
    casus_id = await in_behandeling(client, auth)
    advies = await create_rac_advies(client, auth)
    other = await in_behandeling(client, auth)
    elders = await create_supply(client, auth, other, "politie")
    response = await client.post(
        _url(casus_id),
        json=disclosure(advies, elders, plan=True, ontvanger="Openbaar Ministerie"),
        headers=auth(GVV),
    )
    assert refusal(response) == (400, "ongeldige-invoer")
    assert sorted((p["name"], p["code"]) for p in response.json()["invalidParams"]) == [
        ("onderdelen.planVanAanpak", "geen-plan-van-aanpak"),
        ("onderdelen.verstrekkingen.0", "verstrekking-onbekend"),
        ("ontvanger", "is-vaste-deelnemer"),
    ]
    empty = await client.post(_url(casus_id), json=disclosure(advies), headers=auth(GVV))
    assert [p["code"] for p in empty.json()["invalidParams"]] == ["te-weinig"]


@pytest.mark.parametrize(
    ("deelnemer", "kwargs"),
    [
        ("reclassering-nederland", {}),  # selected, but a private participant
        ("ggz", {}),
        ("cjib", {"deelnemertype": "incidenteel"}),
        ("gemeente-zwolle", {"zvh": "zvh-oost"}),
    ],
)
async def test_only_joint_controllers_disclose(
    client: httpx.AsyncClient, auth: AuthHeaders, deelnemer: str, kwargs: dict[str, Any]
) -> None:
    casus_id = await in_behandeling(client, auth)
    advies = await create_rac_advies(client, auth)
    gewoon = await create_supply(client, auth, casus_id, "politie")
    response = await client.post(
        _url(casus_id), json=disclosure(advies, gewoon), headers=auth(deelnemer, **kwargs)
    )
    assert response.status_code in (403, 404)
    assert response.json()["code"] == ("niet-gevonden" if "zvh" in kwargs else "geen-toegang")
