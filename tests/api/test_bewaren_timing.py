"""Retention timing of stored cases (issue 11): extensions decided in their window, judged
again on every change (a lapsed one is shown with its reasons), and reopenings."""

from collections.abc import Callable
from typing import Any

import httpx
import pytest
from fastapi import FastAPI

from tests.conftest import AuthHeaders
from tests.factories.casussen import admit, close, create_casus
from tests.factories.klok import pin_noon
from tests.probleemcodes import refusal

pytestmark = pytest.mark.anyio

GVV = "gemeente-utrecht"
SetToday = Callable[[str], None]


@pytest.fixture
def vandaag(app: FastAPI) -> SetToday:
    """Pin 'today' for every route, and the moment of case events (`Today`, `Nu`)."""

    def set_today(value: str) -> None:
        pin_noon(app, value)

    return set_today


async def extend(
    client: httpx.AsyncClient, auth: AuthHeaders, casus_id: str, reden: str, maanden: int = 24
) -> httpx.Response:
    return await client.post(
        f"/v1/casussen/{casus_id}/verlengingen",
        json={"maanden": maanden, "reden": reden, "motivering": "Besproken in het overleg."},
        headers=auth(GVV),
    )


async def termijn(client: httpx.AsyncClient, auth: AuthHeaders, casus_id: str) -> dict[str, Any]:
    response = await client.get(f"/v1/casussen/{casus_id}/bewaartermijn", headers=auth(GVV))
    assert response.status_code == 200, response.text
    body: dict[str, Any] = response.json()
    return body


async def test_an_extension_years_before_the_maximum_is_refused(
    client: httpx.AsyncClient, auth: AuthHeaders, vandaag: SetToday
) -> None:
    """The issue's reproduction: decided 'today' whatever the maximum."""
    vandaag("2026-12-02")
    casus = await create_casus(client, auth, aanmelddatum="2025-06-05")
    await admit(client, auth, casus["id"])
    response = await extend(client, auth, casus["id"], "criteria-nog-van-toepassing")
    assert refusal(response) == (400, "ongeldige-invoer"), response.text
    assert [(p["name"], p["code"]) for p in response.json()["invalidParams"]] == [
        ("besluitdatum", "verlenging-te-vroeg")
    ]
    assert "5 maart 2030" in response.json()["invalidParams"][0]["reason"]
    # Every problem at once, and nothing stored.
    response = await extend(client, auth, casus["id"], "terugvalrisico", maanden=30)
    assert {(p["name"], p["code"]) for p in response.json()["invalidParams"]} == {
        ("maanden", "verlenging-maanden-buiten-bereik"),
        ("besluitdatum", "verlenging-te-vroeg"),
        ("reden", "verlenging-situatie-niet-van-toepassing"),
    }
    listed = await client.get(f"/v1/casussen/{casus['id']}/verlengingen", headers=auth(GVV))
    assert listed.json()["verlengingen"] == []
    verdere = (await termijn(client, auth, casus["id"]))["verdereVerlenging"]
    assert (verdere["mogelijk"], verdere["vroegsteBesluitdatum"]) == (False, "2030-03-05")


async def test_a_stored_situation_1_extension_lapses_on_an_early_closure(
    client: httpx.AsyncClient, auth: AuthHeaders, vandaag: SetToday
) -> None:
    vandaag("2026-10-01")
    casus = await create_casus(client, auth, aanmelddatum="2021-12-10")
    cid = casus["id"]
    await admit(client, auth, cid)
    created = await extend(client, auth, cid, "criteria-nog-van-toepassing")
    assert created.status_code == 201, created.text
    vid = created.json()["id"]
    assert (await termijn(client, auth, cid))["maximaleBewaardatum"] == "2028-12-10"
    vandaag("2026-11-01")
    await close(client, auth, cid, "2026-11-01")
    body = await termijn(client, auth, cid)
    assert (body["maximaleBewaardatum"], body["archiefdatum"]) == ("2026-12-10", "2026-12-10")
    (verlenging,) = body["verlengingen"]
    assert verlenging["vervallen"] is True
    assert [r["code"] for r in verlenging["vervalredenen"]] == [
        "verlenging-vervallen-casus-afgesloten"
    ]
    shown = await client.get(f"/v1/casussen/{cid}/verlengingen/{vid}", headers=auth(GVV))
    assert shown.json()["vervallen"] is True
    # The stored date drives the due list: due the day after the five-year maximum.
    due = await client.get(
        "/v1/bewaartermijnen/verlopen",
        params={"peildatum": "2026-12-11"},
        headers=auth(GVV, "archiefbeheerder"),
    )
    assert cid in {r["casusId"] for r in due.json()["verlopen"]}
    # The joint controllers may decide situation 2 instead.
    assert body["verdereVerlenging"]["situatie"] == "terugvalrisico"
    vandaag("2026-11-15")
    replaced = await extend(client, auth, cid, "terugvalrisico", maanden=12)
    assert replaced.status_code == 201, replaced.text
    assert (replaced.json()["ingangsdatum"], replaced.json()["einddatum"]) == (
        "2026-12-10",
        "2027-12-10",
    )
    after = await termijn(client, auth, cid)
    assert after["archiefdatum"] == "2027-11-01"
    assert [v["vervallen"] for v in after["verlengingen"]] == [True, False]


async def test_the_issues_reproduction_a_closure_dated_before_the_maximum(
    client: httpx.AsyncClient, auth: AuthHeaders, vandaag: SetToday
) -> None:
    """Registered 2021-12-10, extended in situation 1, closure dated 2026-06-01: the old
    rule kept the data to 2027-06-01, the normal rule (and the law) says 2026-12-10."""
    vandaag("2026-10-01")
    casus = await create_casus(client, auth, aanmelddatum="2021-12-10")
    await admit(client, auth, casus["id"])
    assert (
        await extend(client, auth, casus["id"], "criteria-nog-van-toepassing")
    ).status_code == 201
    await close(client, auth, casus["id"], "2026-06-01")
    body = await termijn(client, auth, casus["id"])
    assert body["archiefdatum"] == "2026-12-10"
    assert body["verlengingen"][0]["vervallen"] is True
    assert body["verlengingen"][0]["vervalredenen"][0]["code"] == (
        "verlenging-situatie-niet-van-toepassing"
    )
    assert "vervallen" in body["toelichting"]


async def test_a_reopening_after_situation_2_keeps_the_extension(
    client: httpx.AsyncClient, auth: AuthHeaders, vandaag: SetToday
) -> None:
    vandaag("2030-01-05")
    casus = await create_casus(client, auth, aanmelddatum="2025-06-05")
    cid = casus["id"]
    await admit(client, auth, cid)
    await close(client, auth, cid, "2030-01-05")
    assert (await termijn(client, auth, cid))["archiefdatum"] == "2030-06-05"
    vandaag("2030-05-01")
    created = await extend(client, auth, cid, "terugvalrisico")
    assert created.status_code == 201, created.text
    assert (await termijn(client, auth, cid))["archiefdatum"] == "2031-01-05"
    vandaag("2030-07-01")
    reopened = await client.post(
        f"/v1/casussen/{cid}/heropening",
        json={"toelichting": "Terugval: nieuwe meldingen."},
        headers=auth(GVV, "beheerder"),
    )
    assert reopened.status_code == 200, reopened.text
    body = await termijn(client, auth, cid)
    assert (body["status"], body["archiefdatum"]) == ("open", "2032-06-05")
    (verlenging,) = body["verlengingen"]
    assert verlenging["vervallen"] is False
    # The extension starts at the maximum it extends, not at the reopening.
    assert (verlenging["ingangsdatum"], verlenging["einddatum"]) == ("2030-06-05", "2032-06-05")
    vandaag("2031-09-01")
    await close(client, auth, cid, "2031-09-01")
    assert (await termijn(client, auth, cid))["archiefdatum"] == "2032-06-05"


async def test_a_reopening_before_the_maximum_revives_situation_1(
    client: httpx.AsyncClient, auth: AuthHeaders, vandaag: SetToday
) -> None:
    vandaag("2026-10-01")
    casus = await create_casus(client, auth, aanmelddatum="2021-12-10")
    cid = casus["id"]
    await admit(client, auth, cid)
    assert (await extend(client, auth, cid, "criteria-nog-van-toepassing")).status_code == 201
    vandaag("2026-10-15")
    await close(client, auth, cid, "2026-10-15")
    assert (await termijn(client, auth, cid))["verlengingen"][0]["vervallen"] is True
    vandaag("2026-11-01")
    reopened = await client.post(
        f"/v1/casussen/{cid}/heropening",
        json={"toelichting": "Toch niet afgerond."},
        headers=auth(GVV, "beheerder"),
    )
    assert reopened.status_code == 200, reopened.text
    body = await termijn(client, auth, cid)
    assert body["verlengingen"][0]["vervallen"] is False
    assert body["archiefdatum"] == "2028-12-10"
