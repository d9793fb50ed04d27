"""The information duty on admission (art. 14 AVG; art. 1.3 BGS; art. 14 bestuurlijke afspraken)."""

from collections.abc import Callable
from datetime import date, timedelta
from typing import Any

import httpx
import pytest
from fastapi import FastAPI

from app.services.bewaartermijn import today_in_amsterdam
from tests.conftest import AuthHeaders
from tests.factories.casussen import admit, besluit, close, create_casus
from tests.factories.klok import pin_today
from tests.factories.mandaten import create_mandaat, end_mandaat
from tests.factories.overleg import in_behandeling, log_of
from tests.probleemcodes import refusal

pytestmark = pytest.mark.anyio

SetToday = Callable[[str], None]
CONTACTPUNT = ("gemeente-utrecht", "contactpunt")
UITZONDERING = {
    "uitzondering": "art-41-uavg",
    "motivering": "Lopend opsporingsonderzoek.",
    "deelnemer": "politie",
    "grond": "d",
    "herbeoordelingOp": "2099-01-01",
}


@pytest.fixture
def vandaag(app: FastAPI) -> SetToday:
    """Pin 'today' in Amsterdam for every route (the `Today` dependency)."""

    def set_today(value: str) -> None:
        pin_today(app, value)

    return set_today


def _url(casus_id: str) -> str:
    return f"/v1/casussen/{casus_id}/informatieplicht"


async def _admitted(
    client: httpx.AsyncClient, auth: AuthHeaders, vandaag: SetToday, on: str = "2025-06-05"
) -> str:
    vandaag(on)
    casus = await create_casus(client, auth, aanmelddatum="2025-01-02")
    intake = await client.post(
        f"/v1/casussen/{casus['id']}/intake", json=besluit(), headers=auth("gemeente-utrecht")
    )
    assert intake.status_code == 200, intake.text
    return str(casus["id"])


async def _get(
    client: httpx.AsyncClient, auth: AuthHeaders, casus_id: str, *who: str
) -> dict[str, Any]:
    response = await client.get(_url(casus_id), headers=auth(*(who or CONTACTPUNT)))
    assert response.status_code == 200, response.text
    result: dict[str, Any] = response.json()
    return result


@pytest.mark.parametrize(
    ("today", "verlopen"), [("2025-06-20", False), ("2025-07-05", False), ("2025-07-06", True)]
)
async def test_due_one_month_after_admission(
    client: httpx.AsyncClient, auth: AuthHeaders, vandaag: SetToday, today: str, verlopen: bool
) -> None:
    casus_id = await _admitted(client, auth, vandaag)
    vandaag(today)
    duty = await _get(client, auth, casus_id)
    assert duty["toegelatenOp"] == "2025-06-05"
    assert duty["uiterlijkeDatum"] == "2025-07-05"
    assert duty["status"] == "open"
    assert duty["verlopen"] is verlopen
    assert duty["tijdig"] is None


async def test_month_end_admission(
    client: httpx.AsyncClient, auth: AuthHeaders, vandaag: SetToday
) -> None:
    casus_id = await _admitted(client, auth, vandaag, on="2025-01-31")
    assert (await _get(client, auth, casus_id))["uiterlijkeDatum"] == "2025-02-28"


async def test_no_duty_before_admission_or_after_rejection(
    client: httpx.AsyncClient, auth: AuthHeaders
) -> None:
    casus = await create_casus(client, auth)
    response = await client.get(_url(casus["id"]), headers=auth(*CONTACTPUNT))
    assert response.status_code == 404
    assert response.json()["code"] == "geen-informatieplicht"
    await client.post(
        f"/v1/casussen/{casus['id']}/intake",
        json=besluit("afgewezen"),
        headers=auth("gemeente-utrecht"),
    )
    assert refusal(await client.get(_url(casus["id"]), headers=auth(*CONTACTPUNT))) == (
        404,
        "geen-informatieplicht",
    )


async def test_every_admitted_case_has_one_that_survives_treatment(
    client: httpx.AsyncClient, auth: AuthHeaders
) -> None:
    casus_id = await in_behandeling(client, auth)
    duty = await _get(client, auth, casus_id, *CONTACTPUNT)
    assert duty["status"] == "open"


async def test_contact_point_records_that_it_informed(
    client: httpx.AsyncClient, auth: AuthHeaders, vandaag: SetToday
) -> None:
    casus_id = await _admitted(client, auth, vandaag)
    vandaag("2025-07-10")
    response = await client.post(
        _url(casus_id), json={"uitgevoerdOp": "2025-07-07"}, headers=auth(*CONTACTPUNT)
    )
    assert response.status_code == 200, response.text
    duty = response.json()
    assert duty["status"] == "uitgevoerd"
    assert duty["verlopen"] is False
    assert duty["tijdig"] is False  # two days late, and that stays visible
    assert duty["afgehandeldDoor"] == "gemeente-utrecht"
    assert duty["afgehandeldOp"].endswith("Z")
    assert await _get(client, auth, casus_id) == duty
    again = await client.post(_url(casus_id), json=UITZONDERING, headers=auth(*CONTACTPUNT))
    assert again.status_code == 409
    assert again.json()["code"] == "informatieplicht-al-afgehandeld"


async def test_exception_is_recorded_with_its_ground(
    client: httpx.AsyncClient, auth: AuthHeaders, vandaag: SetToday
) -> None:
    casus_id = await _admitted(client, auth, vandaag)
    vandaag("2025-09-01")
    response = await client.post(_url(casus_id), json=UITZONDERING, headers=auth(*CONTACTPUNT))
    assert response.status_code == 200, response.text
    duty = response.json()
    assert (duty["status"], duty["uitzondering"], duty["verlopen"]) == (
        "uitzondering",
        "art-41-uavg",
        False,
    )
    assert duty["motivering"] == UITZONDERING["motivering"]


@pytest.mark.parametrize(
    ("body", "expected"),
    [
        ({}, {("uitgevoerdOp", "uitgevoerd-of-uitzondering")}),
        (
            {"uitgevoerdOp": "2025-06-10", **UITZONDERING},
            {("uitzondering", "uitgevoerd-of-uitzondering")},
        ),
        ({"uitzondering": "art-14-lid-5-b-avg"}, {("motivering", "motivering-ontbreekt")}),
        (
            {"uitgevoerdOp": "2025-06-10", "motivering": "x"},
            {("motivering", "motivering-zonder-uitzondering")},
        ),
        ({"uitgevoerdOp": "2025-06-21"}, {("uitgevoerdOp", "datum-in-toekomst")}),
        ({"uitgevoerdOp": "2025-06-04"}, {("uitgevoerdOp", "datum-voor-toelating")}),
        ({"uitzondering": "geen-zin", "motivering": "x"}, {("uitzondering", "onbekende-waarde")}),
        # Art. 41 UAVG: who invokes it, on which ground, reviewed when (issue 12).
        (
            {"uitzondering": "art-41-uavg", "motivering": "x"},
            {
                ("deelnemer", "waarde-ontbreekt"),
                ("grond", "waarde-ontbreekt"),
                ("herbeoordelingOp", "waarde-ontbreekt"),
            },
        ),
        (
            {"uitzondering": "art-14-lid-5-b-avg", "motivering": "x", "grond": "d"},
            {("grond", "hoort-bij-art-41")},
        ),
        (
            {**UITZONDERING, "herbeoordelingOp": "2025-06-20"},
            {("herbeoordelingOp", "herbeoordeling-niet-in-toekomst")},
        ),
        ({**UITZONDERING, "deelnemer": "bestaat-niet"}, {("deelnemer", "deelnemer-onbekend")}),
        ({**UITZONDERING, "grond": "k"}, {("grond", "onbekende-waarde")}),
    ],
)
async def test_input_is_checked(
    client: httpx.AsyncClient,
    auth: AuthHeaders,
    vandaag: SetToday,
    body: dict[str, str],
    expected: set[tuple[str, str]],
) -> None:
    casus_id = await _admitted(client, auth, vandaag)
    vandaag("2025-06-20")
    response = await client.post(_url(casus_id), json=body, headers=auth(*CONTACTPUNT))
    assert refusal(response) == (400, "ongeldige-invoer")
    assert {(p["name"], p["code"]) for p in response.json()["invalidParams"]} == expected
    assert (await _get(client, auth, casus_id))["status"] == "open"


@pytest.mark.parametrize(
    ("deelnemer", "rollen", "extra", "mandaat", "status"),
    [
        ("gemeente-utrecht", ("contactpunt",), {}, False, 200),
        # A municipality, but not the one designated as contact point (model art. 14.1).
        ("gemeente-zeist", ("contactpunt",), {}, False, 403),
        ("gemeente-utrecht", ("medewerker",), {}, False, 403),
        ("politie", ("contactpunt",), {}, False, 403),  # the contact point is a municipality
        ("ggz", ("contactpunt",), {}, False, 403),
        ("reclassering-nederland", ("netwerkmanager",), {}, False, 403),
        ("reclassering-nederland", ("netwerkmanager",), {}, True, 200),
        ("gemeente-utrecht", ("procesregisseur",), {}, True, 403),
        ("cjib", ("netwerkmanager", "contactpunt"), {"deelnemertype": "incidenteel"}, True, 403),
    ],
)
async def test_who_records(
    client: httpx.AsyncClient,
    auth: AuthHeaders,
    deelnemer: str,
    rollen: tuple[str, ...],
    extra: dict[str, str],
    mandaat: bool,
    status: int,
) -> None:
    if mandaat:
        await create_mandaat(client, auth, "informatieplicht", "reclassering-nederland")
    casus = await create_casus(client, auth)
    await admit(client, auth, casus["id"])
    response = await client.post(
        _url(casus["id"]), json=UITZONDERING, headers=auth(deelnemer, *rollen, **extra)
    )
    assert response.status_code == status, response.text


async def test_who_reads(client: httpx.AsyncClient, auth: AuthHeaders) -> None:
    casus_id = await in_behandeling(client, auth)
    manager = auth("wijkteam", "netwerkmanager")
    for headers, status in (
        # A joint controller not selected for the case: its view leaves the duty out.
        (auth("om"), 403),
        (auth("gemeente-zeist", "contactpunt"), 403),  # not the designated contact point
        (auth(*CONTACTPUNT), 200),
        (auth("reclassering-nederland"), 403),  # selected: informing is not its part
        (auth("cjib", deelnemertype="incidenteel"), 403),
        (manager, 403),  # not mandated
        (auth("gemeente-zwolle", "contactpunt", zvh="zvh-oost"), 404),
    ):
        response = await client.get(_url(casus_id), headers=headers)
        assert response.status_code == status, response.text
    # A mandate for another organisation, or for another power, opens nothing.
    await create_mandaat(client, auth, "informatieplicht", "reclassering-nederland")
    await create_mandaat(client, auth, "datalekken", "wijkteam")
    assert refusal(await client.get(_url(casus_id), headers=manager)) == (403, "geen-toegang")
    tomorrow = today_in_amsterdam() + timedelta(days=1)
    await create_mandaat(client, auth, "informatieplicht", "wijkteam", ingangsdatum=tomorrow)
    assert refusal(await client.get(_url(casus_id), headers=manager)) == (403, "geen-toegang")
    mandate = await create_mandaat(
        client, auth, "informatieplicht", "wijkteam", ingangsdatum=date(2026, 1, 1)
    )
    assert (await client.get(_url(casus_id), headers=manager)).status_code == 200
    ended = await end_mandaat(client, auth, mandate["id"], today_in_amsterdam() - timedelta(days=1))
    assert ended.status_code == 200, ended.text
    assert refusal(await client.get(_url(casus_id), headers=manager)) == (403, "geen-toegang")


async def test_closure_does_not_end_the_duty(client: httpx.AsyncClient, auth: AuthHeaders) -> None:
    casus_id = await in_behandeling(client, auth)
    await close(client, auth, casus_id, "2025-12-23")
    assert refusal(await client.get(_url(casus_id), headers=auth("gemeente-utrecht"))) == (
        403,
        "geen-toegang",
    )
    response = await client.post(_url(casus_id), json=UITZONDERING, headers=auth(*CONTACTPUNT))
    assert response.status_code == 200, response.text


async def test_duty_access_is_logged(
    client: httpx.AsyncClient, auth: AuthHeaders, vandaag: SetToday
) -> None:
    casus_id = await _admitted(client, auth, vandaag)
    await client.get(_url(casus_id), headers=auth(*CONTACTPUNT))
    await client.post(_url(casus_id), json=UITZONDERING, headers=auth("gemeente-utrecht"))
    await client.post(_url(casus_id), json=UITZONDERING, headers=auth(*CONTACTPUNT))
    entries = [
        e for e in await log_of(client, auth, casus_id) if e["activiteit"] == "casus-informeren"
    ]
    assert [(e["rollen"], e["handeling"], e["resultaat"]) for e in entries] == [
        (["contactpunt"], "raadplegen", "geslaagd"),
        (["medewerker"], "vastleggen", "geweigerd"),
        (["contactpunt"], "vastleggen", "geslaagd"),
    ]


def _lift_url(casus_id: str) -> str:
    return f"{_url(casus_id)}/opheffing"


OPHEFFING = {"motivering": "Het onderzoek is afgerond."}


async def test_lifting_an_art_41_exception_reopens_the_duty(
    client: httpx.AsyncClient, auth: AuthHeaders, vandaag: SetToday
) -> None:
    casus_id = await _admitted(client, auth, vandaag)
    vandaag("2025-06-20")
    recorded = await client.post(_url(casus_id), json=UITZONDERING, headers=auth(*CONTACTPUNT))
    assert recorded.status_code == 200, recorded.text
    duty = recorded.json()
    assert (duty["uitzonderingDeelnemer"], duty["grond"], duty["herbeoordelingOp"]) == (
        "politie",
        "d",
        "2099-01-01",
    )
    # Only the participant that invoked it, or the contact point, lifts it.
    for headers in (auth("ggz"), auth("gemeente-zeist", "contactpunt")):
        refused = await client.post(_lift_url(casus_id), json=OPHEFFING, headers=headers)
        assert refused.status_code == 403
        assert refused.json()["code"] == "geen-toegang"
    incidental = auth("cjib", deelnemertype="incidenteel")
    refused = await client.post(_lift_url(casus_id), json=OPHEFFING, headers=incidental)
    assert refusal(refused) == (403, "geen-toegang")
    oost = auth("politie", zvh="zvh-oost")
    assert refusal(await client.post(_lift_url(casus_id), json=OPHEFFING, headers=oost)) == (
        404,
        "niet-gevonden",
    )
    vandaag("2026-01-31")
    lifted = await client.post(_lift_url(casus_id), json=OPHEFFING, headers=auth("politie"))
    assert lifted.status_code == 200, lifted.text
    duty = lifted.json()
    assert duty["status"] == "open"
    assert duty["uiterlijkeDatum"] == "2026-02-28"  # a month after lifting, clamped
    assert (duty["opgehevenOp"], duty["opgehevenDoor"]) == ("2026-01-31", "politie")
    assert duty["uitzondering"] == "art-41-uavg"  # the history stays
    again = await client.post(_lift_url(casus_id), json=OPHEFFING, headers=auth(*CONTACTPUNT))
    assert again.status_code == 409
    assert again.json()["code"] == "geen-uitzondering-art-41"
    other = await client.post(_url(casus_id), json=UITZONDERING, headers=auth(*CONTACTPUNT))
    assert other.status_code == 400
    assert other.json()["invalidParams"][0]["code"] == "uitzondering-al-opgeheven"
    vandaag("2026-03-01")
    assert (await _get(client, auth, casus_id))["verlopen"] is True
    done = await client.post(
        _url(casus_id), json={"uitgevoerdOp": "2026-03-01"}, headers=auth(*CONTACTPUNT)
    )
    assert done.status_code == 200, done.text
    assert (done.json()["status"], done.json()["tijdig"]) == ("uitgevoerd", False)


async def test_the_contact_point_lifts_too_and_only_art_41(
    client: httpx.AsyncClient, auth: AuthHeaders, vandaag: SetToday
) -> None:
    casus_id = await _admitted(client, auth, vandaag)
    vandaag("2025-06-20")
    open_duty = await client.post(_lift_url(casus_id), json=OPHEFFING, headers=auth(*CONTACTPUNT))
    assert open_duty.json()["code"] == "geen-uitzondering-art-41"
    await client.post(_url(casus_id), json=UITZONDERING, headers=auth(*CONTACTPUNT))
    missing = await client.post(_lift_url(casus_id), json={}, headers=auth(*CONTACTPUNT))
    assert refusal(missing) == (400, "ongeldige-invoer")
    lifted = await client.post(_lift_url(casus_id), json=OPHEFFING, headers=auth(*CONTACTPUNT))
    assert lifted.status_code == 200
    assert lifted.json()["uiterlijkeDatum"] == "2025-07-20"
    other = await _admitted(client, auth, vandaag)
    vandaag("2025-06-20")
    body = {"uitzondering": "art-14-lid-5-b-avg", "motivering": "Onevenredige inspanning."}
    await client.post(_url(other), json=body, headers=auth(*CONTACTPUNT))
    refused = await client.post(_lift_url(other), json=OPHEFFING, headers=auth(*CONTACTPUNT))
    assert refused.json()["code"] == "geen-uitzondering-art-41"
