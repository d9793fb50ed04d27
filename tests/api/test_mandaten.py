"""Mandates `/v1/mandaten` (model art. 12.2 option 1, 14.7, annex 4; contract v2)."""

from datetime import timedelta

import httpx
import pytest

from app.services.bewaartermijn import today_in_amsterdam
from tests.conftest import AuthHeaders
from tests.factories.mandaten import create_mandaat, end_mandaat, mandaat
from tests.probleemcodes import refusal

pytestmark = pytest.mark.anyio

BEHEERDER = ("gemeente-utrecht", "beheerder")


@pytest.mark.parametrize(
    ("deelnemer", "rollen", "extra", "status"),
    [
        ("gemeente-utrecht", ("beheerder",), {}, 201),
        # The role claimed at a participant that is not the designated beheerder.
        ("politie", ("beheerder",), {}, 403),
        ("reclassering-nederland", ("beheerder",), {}, 403),  # a private participant
        ("gemeente-utrecht", ("contactpunt",), {}, 403),  # the contact point does not record
        ("gemeente-utrecht", ("netwerkmanager",), {}, 403),
        ("cjib", ("beheerder",), {"deelnemertype": "incidenteel"}, 403),
        # Another partnership's beheerder: its own partnership has no such participant.
        ("gemeente-zwolle", ("beheerder",), {"zvh": "zvh-oost"}, 400),
    ],
)
async def test_who_records_a_mandate(
    client: httpx.AsyncClient,
    auth: AuthHeaders,
    deelnemer: str,
    rollen: tuple[str, ...],
    extra: dict[str, str],
    status: int,
) -> None:
    body = mandaat("betrokkenenverzoeken", "wijkteam")
    response = await client.post(
        "/v1/mandaten", json=body, headers=auth(deelnemer, *rollen, **extra)
    )
    assert response.status_code == status, response.text
    if status == 403:
        assert response.json()["code"] == "geen-toegang"
    if status == 400:
        codes = {p["code"] for p in response.json()["invalidParams"]}
        assert codes == {"deelnemer-onbekend", "mandaatgever-onbevoegd"}
    if status == 201:
        created = response.json()
        assert response.headers["Location"] == f"/v1/mandaten/{created['id']}"
        assert created["geldtVandaag"] is True
        assert created["vastgelegdDoor"] == "gemeente-utrecht"


async def test_who_reads_the_mandates(client: httpx.AsyncClient, auth: AuthHeaders) -> None:
    created = await create_mandaat(client, auth, "datalekken", "gemeente-utrecht")
    for headers, status in (
        (auth("wijkteam"), 200),  # any fixed participant, private ones too
        (auth("politie"), 200),
        (auth("cjib", deelnemertype="incidenteel"), 403),
    ):
        response = await client.get("/v1/mandaten", headers=headers)
        assert response.status_code == status
        if status == 200:
            assert created["id"] in {m["id"] for m in response.json()["mandaten"]}
        else:
            assert response.json()["code"] == "geen-toegang"
    oost = await client.get("/v1/mandaten", headers=auth("gemeente-zwolle", zvh="zvh-oost"))
    assert created["id"] not in {m["id"] for m in oost.json()["mandaten"]}
    assert refusal(await client.get("/v1/mandaten")) == (401, "token-ontbreekt")


async def test_a_mandate_is_checked_and_every_problem_listed(
    client: httpx.AsyncClient, auth: AuthHeaders
) -> None:
    vandaag = today_in_amsterdam()
    body = mandaat(
        "intake",
        "bestaat-niet",
        mandaatgever="reclassering-nederland",  # not a joint controller
        rol="netwerkmanager",
        ingangsdatum=vandaag,
        einddatum=vandaag - timedelta(days=1),
    )
    response = await client.post("/v1/mandaten", json=body, headers=auth(*BEHEERDER))
    assert refusal(response) == (400, "ongeldige-invoer")
    assert {(p["name"], p["code"]) for p in response.json()["invalidParams"]} == {
        ("rol", "rol-past-niet-bij-bevoegdheid"),
        ("einddatum", "einddatum-voor-ingangsdatum"),
        ("gemandateerde", "deelnemer-onbekend"),
        ("mandaatgever", "mandaatgever-onbevoegd"),
    }
    # The contact point's tasks are mandated by the designated contact point only.
    other = mandaat("datalekken", "wijkteam", mandaatgever="gemeente-zeist")
    response = await client.post("/v1/mandaten", json=other, headers=auth(*BEHEERDER))
    assert [(p["name"], p["code"]) for p in response.json()["invalidParams"]] == [
        ("mandaatgever", "mandaatgever-onbevoegd")
    ]
    for wrong, name, code in (
        ({"bevoegdheid": "alles"}, "bevoegdheid", "onbekende-waarde"),
        ({"ingangsdatum": 20270101}, "ingangsdatum", "geen-datum"),
        ({"bekendmaking": ""}, "bekendmaking", "te-kort"),
    ):
        response = await client.post(
            "/v1/mandaten",
            json={**mandaat("datalekken", "wijkteam"), **wrong},
            headers=auth(*BEHEERDER),
        )
        assert refusal(response) == (400, "ongeldige-invoer"), wrong
        assert (name, code) in {(p["name"], p["code"]) for p in response.json()["invalidParams"]}


async def test_a_mandate_holds_from_its_first_to_its_last_day(
    client: httpx.AsyncClient, auth: AuthHeaders
) -> None:
    vandaag = today_in_amsterdam()
    morgen = vandaag + timedelta(days=1)
    future = await create_mandaat(client, auth, "datalekken", "wijkteam", ingangsdatum=morgen)
    assert future["geldtVandaag"] is False
    past = await create_mandaat(
        client,
        auth,
        "datalekken",
        "wijkteam",
        ingangsdatum=vandaag - timedelta(days=30),
        einddatum=vandaag - timedelta(days=1),
    )
    assert past["geldtVandaag"] is False
    last_day = await create_mandaat(client, auth, "datalekken", "wijkteam", einddatum=vandaag)
    assert last_day["geldtVandaag"] is True


async def test_ending_a_mandate(client: httpx.AsyncClient, auth: AuthHeaders) -> None:
    vandaag = today_in_amsterdam()
    created = await create_mandaat(
        client, auth, "informatieplicht", "wijkteam", ingangsdatum=vandaag - timedelta(days=10)
    )
    # Not in the past beyond yesterday: what was done under it stays done under it.
    too_early = await end_mandaat(client, auth, created["id"], vandaag - timedelta(days=2))
    assert too_early.status_code == 400
    assert too_early.json()["invalidParams"][0]["code"] == "einddatum-ongeldig"
    ended = await end_mandaat(client, auth, created["id"], vandaag - timedelta(days=1))
    assert ended.status_code == 200
    assert ended.json()["geldtVandaag"] is False
    # Never extended again by ending it later.
    later = await end_mandaat(client, auth, created["id"], vandaag + timedelta(days=5))
    assert refusal(later) == (400, "ongeldige-invoer")
    refused = await client.post(
        f"/v1/mandaten/{created['id']}/beeindiging",
        json={"einddatum": vandaag.isoformat()},
        headers=auth("politie", "beheerder"),
    )
    assert refused.status_code == 403
    assert refused.json()["code"] == "geen-toegang"
    missing = await end_mandaat(client, auth, "bestaat-niet", vandaag)
    assert refusal(missing) == (404, "niet-gevonden")
    oost = await client.post(
        f"/v1/mandaten/{created['id']}/beeindiging",
        json={"einddatum": vandaag.isoformat()},
        headers=auth("gemeente-zwolle", "beheerder", zvh="zvh-oost"),
    )
    assert refusal(oost) == (404, "niet-gevonden")


async def test_idempotent_creation(client: httpx.AsyncClient, auth: AuthHeaders) -> None:
    headers = {**auth(*BEHEERDER), "Idempotency-Key": "mandaat-1"}
    body = mandaat("datalekken", "wijkteam")
    first = await client.post("/v1/mandaten", json=body, headers=headers)
    again = await client.post("/v1/mandaten", json=body, headers=headers)
    assert first.status_code == again.status_code == 201
    assert first.json()["id"] == again.json()["id"]
