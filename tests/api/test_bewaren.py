"""Retention management through the stateful API: stored dates, extensions with consent,
statutory limits, the due list and who may do what (art. 1.8 lid 7 WGS, art. 1.16 BGS)."""

from collections.abc import Callable
from datetime import date, timedelta
from typing import Any

import httpx
import pytest
from fastapi import FastAPI

from app.services.bewaartermijn import today_in_amsterdam
from tests.conftest import AuthHeaders
from tests.factories.casussen import admit, besluit, close, create_casus, select
from tests.factories.klok import pin_today
from tests.probleemcodes import refusal

pytestmark = pytest.mark.anyio

GVV = "gemeente-utrecht"


def years_ago(years: int) -> date:
    today = today_in_amsterdam()
    if today.month == 2 and today.day == 29:
        pytest.skip("29 February: the worked examples use exact year offsets")
    return today.replace(year=today.year - years)


async def bewaartermijn(
    client: httpx.AsyncClient, auth: AuthHeaders, casus_id: str, **query: str
) -> dict[str, Any]:
    response = await client.get(
        f"/v1/casussen/{casus_id}/bewaartermijn", params=query, headers=auth(GVV)
    )
    assert response.status_code == 200, response.text
    body: dict[str, Any] = response.json()
    return body


async def supply(
    client: httpx.AsyncClient, auth: AuthHeaders, casus_id: str, deelnemer: str, **extra: Any
) -> str:
    response = await client.post(
        f"/v1/casussen/{casus_id}/gegevensverstrekkingen",
        json={"categorie": "gewoon", "inhoud": f"Gegevens van {deelnemer}.", **extra},
        headers=auth(deelnemer),
    )
    assert response.status_code == 201, response.text
    vid: str = response.json()["id"]
    return vid


@pytest.mark.parametrize(
    ("aanmelddatum", "afsluitdatum", "archiefdatum"),
    [
        # Factsheet examples 1 and 4 as written; 2 and 3 five years earlier (a closure
        # may not lie in the future), same calendar arithmetic.
        ("2025-06-05", "2025-12-23", "2026-12-23"),
        ("2024-03-03", "2024-12-01", "2025-12-01"),
        ("2020-06-05", "2025-06-05", "2025-06-05"),
        ("2020-06-05", "2025-01-05", "2025-06-05"),
    ],
)
async def test_worked_examples_are_stored(
    client: httpx.AsyncClient,
    auth: AuthHeaders,
    aanmelddatum: str,
    afsluitdatum: str,
    archiefdatum: str,
) -> None:
    casus = await create_casus(client, auth, aanmelddatum=aanmelddatum)
    await admit(client, auth, casus["id"])
    await close(client, auth, casus["id"], afsluitdatum)
    body = await bewaartermijn(client, auth, casus["id"])
    assert body["archiefdatum"] == archiefdatum
    assert body["status"] == "afgesloten"
    assert [b["id"] for b in body["bronnen"]] == ["aanmelding"]
    assert body["bronnen"][0]["archiefdatum"] == archiefdatum
    assert body["archiveringen"] == []


async def test_rejection_counts_from_the_registration(
    client: httpx.AsyncClient, auth: AuthHeaders
) -> None:
    casus = await create_casus(client, auth, aanmelddatum="2025-06-05")
    response = await client.post(
        f"/v1/casussen/{casus['id']}/intake", json=besluit("afgewezen"), headers=auth(GVV)
    )
    assert response.status_code == 200
    body = await bewaartermijn(client, auth, casus["id"])
    assert (body["status"], body["archiefdatum"]) == ("afgewezen", "2026-06-05")


@pytest.fixture
def vandaag(app: FastAPI) -> Callable[[str], None]:
    """Pin 'today' in Amsterdam for every route (the `Today` dependency)."""

    def set_today(value: str) -> None:
        pin_today(app, value)

    return set_today


async def test_example_5_extension_then_closure(
    client: httpx.AsyncClient, auth: AuthHeaders, vandaag: Callable[[str], None]
) -> None:
    """Factsheet example 5, stored: still open at the five-year mark (situation 1, decided
    in the window before it), closed 23 February 2031, archived 23 February 2032."""
    vandaag("2030-06-01")
    casus = await create_casus(client, auth, aanmelddatum="2025-06-05")
    await admit(client, auth, casus["id"])
    response = await client.post(
        f"/v1/casussen/{casus['id']}/verlengingen",
        json={"maanden": 24, "reden": "criteria-nog-van-toepassing", "motivering": "Levensloop."},
        headers=auth(GVV),
    )
    assert response.status_code == 201, response.text
    verlenging = response.json()
    assert response.headers["Location"].endswith(verlenging["id"])
    assert (verlenging["ingangsdatum"], verlenging["einddatum"]) == ("2030-06-05", "2032-06-05")
    assert verlenging["vervallen"] is False
    assert [i["deelnemer"] for i in verlenging["instemmingen"]] == ["politie"]
    await client.post(
        f"/v1/casussen/{casus['id']}/verlengingen/{verlenging['id']}/instemmingen",
        json={"instemming": True},
        headers=auth("politie"),
    )
    vandaag("2031-02-23")
    await close(client, auth, casus["id"], "2031-02-23")
    body = await bewaartermijn(client, auth, casus["id"])
    assert body["archiefdatum"] == "2032-02-23"
    assert body["bronnen"][0]["archiefdatum"] == "2032-02-23"


async def test_extension_is_refused_outside_the_situations(
    client: httpx.AsyncClient, auth: AuthHeaders
) -> None:
    casus = await create_casus(client, auth, aanmelddatum="2025-06-05")
    await admit(client, auth, casus["id"])
    response = await client.post(
        f"/v1/casussen/{casus['id']}/verlengingen",
        json={"maanden": 30, "reden": "terugvalrisico", "motivering": "x"},
        headers=auth(GVV),
    )
    assert refusal(response) == (400, "ongeldige-invoer")
    codes = {(p["name"], p["code"]) for p in response.json()["invalidParams"]}
    assert ("maanden", "verlenging-maanden-buiten-bereik") in codes
    assert ("reden", "verlenging-situatie-niet-van-toepassing") in codes


async def test_mixed_consent_and_statutory_limit(
    client: httpx.AsyncClient, auth: AuthHeaders
) -> None:
    today = today_in_amsterdam()
    aanmelddatum = years_ago(5) + timedelta(days=10)  # the maximum lies 10 days ahead
    maximum = (aanmelddatum.replace(year=aanmelddatum.year + 5)).isoformat()
    casus = await create_casus(client, auth, aanmelddatum=aanmelddatum.isoformat())
    cid = casus["id"]
    await admit(client, auth, cid)
    await select(client, auth, cid, deelnemers=("reclassering-nederland",))
    om = await supply(client, auth, cid, "om")
    reclassering = await supply(client, auth, cid, "reclassering-nederland")
    wettelijk = (today + timedelta(days=400)).isoformat()
    dji = await supply(client, auth, cid, "dji", wettelijkeUiterlijkeBewaardatum=wettelijk)
    response = await client.post(
        f"/v1/casussen/{cid}/verlengingen",
        json={"maanden": 24, "reden": "criteria-nog-van-toepassing", "motivering": "Complex."},
        headers=auth(GVV),
    )
    assert response.status_code == 201, response.text
    vid = response.json()["id"]
    assert {i["deelnemer"] for i in response.json()["instemmingen"]} == {
        "politie",
        "om",
        "reclassering-nederland",
        "dji",
    }
    # Each supplier sees the request addressed to it.
    requests = await client.get("/v1/instemmingsverzoeken", headers=auth("om"))
    assert [r["verlengingId"] for r in requests.json()["instemmingsverzoeken"]] == [vid]
    for deelnemer, instemming in (("om", True), ("reclassering-nederland", False), ("dji", True)):
        answered = await client.post(
            f"/v1/casussen/{cid}/verlengingen/{vid}/instemmingen",
            json={"instemming": instemming},
            headers=auth(deelnemer),
        )
        assert answered.status_code == 201, answered.text
        if deelnemer == "reclassering-nederland":  # not a joint controller: its own only
            assert [i["deelnemer"] for i in answered.json()["instemmingen"]] == [deelnemer]
    again = await client.post(
        f"/v1/casussen/{cid}/verlengingen/{vid}/instemmingen",
        json={"instemming": True},
        headers=auth("reclassering-nederland"),
    )
    assert refusal(again) == (409, "instemming-al-gegeven")
    body = await bewaartermijn(client, auth, cid)
    verlengd = body["maximaleBewaardatum"]
    per_bron = {b["id"]: (b["archiefdatum"], b["begrensdDoor"]) for b in body["bronnen"]}
    assert per_bron == {
        "aanmelding": (maximum, "geen-instemming-verlenging"),  # politie did not answer
        om: (verlengd, "casus"),
        reclassering: (maximum, "geen-instemming-verlenging"),
        dji: (wettelijk, "wettelijke-uiterlijke-bewaardatum"),
    }
    # The stored source dates drive the due list: after the old maximum, the sources
    # without consent are due, the case is not.
    peil = (date.fromisoformat(maximum) + timedelta(days=1)).isoformat()
    due = await client.get(
        "/v1/bewaartermijnen/verlopen",
        params={"peildatum": peil},
        headers=auth("gemeente-utrecht", "archiefbeheerder"),
    )
    assert due.status_code == 200, due.text
    mine = [r for r in due.json()["verlopen"] if r["casusId"] == cid]
    assert {(r["soort"], r["bronId"]) for r in mine} == {
        ("aanmelding", "aanmelding"),
        ("gegevensverstrekking", reclassering),
    }


async def test_due_list_pages_and_stays_in_the_partnership(
    client: httpx.AsyncClient, auth: AuthHeaders
) -> None:
    ids = []
    for _ in range(3):
        casus = await create_casus(client, auth, aanmelddatum="2020-01-01")
        ids.append(casus["id"])
    beheerder = auth("gemeente-utrecht", "beheerder")
    seen: list[str] = []
    url: str | None = "/v1/bewaartermijnen/verlopen?peildatum=2025-01-02&paginaGrootte=1"
    while url is not None:
        page = await client.get(url, headers=beheerder)
        assert page.status_code == 200
        seen += [r["casusId"] for r in page.json()["verlopen"]]
        url = page.json()["volgende"]
    assert set(ids) <= set(seen)
    assert "Jansen" not in str(seen)
    oost = await client.get(
        "/v1/bewaartermijnen/verlopen?peildatum=2025-01-02",
        headers=auth("gemeente-zwolle", "beheerder", zvh="zvh-oost"),
    )
    assert not set(ids) & {r["casusId"] for r in oost.json()["verlopen"]}


async def test_who_may_do_what(client: httpx.AsyncClient, auth: AuthHeaders) -> None:
    casus = await create_casus(client, auth, aanmelddatum=years_ago(5).isoformat())
    cid = casus["id"]
    await admit(client, auth, cid)
    await select(client, auth, cid, deelnemers=("reclassering-nederland",))
    await supply(client, auth, cid, "reclassering-nederland")
    lezen = f"/v1/casussen/{cid}/bewaartermijn"
    assert refusal(await client.get(lezen, headers=auth("reclassering-nederland"))) == (
        403,
        "geen-toegang",
    )
    assert (
        await client.get(lezen, headers=auth("gemeente-utrecht", "archiefbeheerder"))
    ).status_code == 200
    assert refusal(await client.get(lezen, headers=auth("cjib", deelnemertype="incidenteel"))) == (
        403,
        "geen-toegang",
    )
    other = await client.get(lezen, headers=auth("gemeente-zwolle", zvh="zvh-oost"))
    assert refusal(other) == (404, "niet-gevonden")
    body = {"maanden": 12, "reden": "criteria-nog-van-toepassing", "motivering": "Nodig."}
    url = f"/v1/casussen/{cid}/verlengingen"
    private = await client.post(url, json=body, headers=auth("reclassering-nederland"))
    assert refusal(private) == (403, "geen-toegang")
    # An archive-manager role claimed at a private participant counts for nothing (issue 10).
    archivist = await client.post(
        url, json=body, headers=auth("leger-des-heils", "archiefbeheerder")
    )
    assert archivist.status_code == 403
    assert archivist.json()["code"] == "geen-toegang"
    claimed = await client.get(lezen, headers=auth("leger-des-heils", "archiefbeheerder"))
    assert refusal(claimed) == (403, "geen-toegang")
    created = await client.post(url, json=body, headers=auth(GVV))
    assert created.status_code == 201
    vid = created.json()["id"]
    instemmen = f"/v1/casussen/{cid}/verlengingen/{vid}/instemmingen"
    not_a_supplier = await client.post(instemmen, json={"instemming": True}, headers=auth("ggz"))
    assert refusal(not_a_supplier) == (403, "geen-toegang")
    incidental = await client.post(
        instemmen, json={"instemming": True}, headers=auth("cjib", deelnemertype="incidenteel")
    )
    assert refusal(incidental) == (403, "geen-toegang")
    oost = await client.post(
        instemmen, json={"instemming": True}, headers=auth("politie", zvh="zvh-oost")
    )
    assert refusal(oost) == (404, "niet-gevonden")
    for headers, refused in (
        (auth("politie"), (403, "geen-toegang")),
        (
            auth("politie", "archiefbeheerder", deelnemertype="incidenteel"),
            (401, "claims-wijken-af-van-register"),
        ),
    ):
        due = await client.get("/v1/bewaartermijnen/verlopen", headers=headers)
        assert refusal(due) == refused
    # The role counts only at the designated archive manager (issue 10).
    claimed = await client.get(
        "/v1/bewaartermijnen/verlopen", headers=auth("reclassering-nederland", "archiefbeheerder")
    )
    assert claimed.status_code == 403
    assert claimed.json()["code"] == "geen-toegang"
    assert (
        await client.get(
            "/v1/bewaartermijnen/verlopen",
            headers=auth("gemeente-utrecht", "archiefbeheerder"),
        )
    ).status_code == 200
