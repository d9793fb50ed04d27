"""The register of data breaches `/v1/datalekken` (AVG art. 33-34; model art. 14; contract
v2 "The contact point")."""

from datetime import UTC, date, datetime, timedelta
from typing import Any
from zoneinfo import ZoneInfo

import httpx
import pytest

from app.services.bewaartermijn import today_in_amsterdam
from tests.conftest import AuthHeaders
from tests.factories.casussen import create_casus
from tests.factories.contactpunt import CONTACTPUNT
from tests.factories.mandaten import create_mandaat
from tests.probleemcodes import refusal

pytestmark = pytest.mark.anyio

URL = "/v1/datalekken"
AMSTERDAM = ZoneInfo("Europe/Amsterdam")


def lek(**changes: Any) -> dict[str, Any]:
    body: dict[str, Any] = {
        "ontdektOp": "2026-03-27T10:00:00+01:00",
        "omschrijving": "Overzicht naar een verkeerde ontvanger gemaild.",
        "soortenGegevens": ["gewoon", "strafrechtelijk"],
        "geschatAantalBetrokkenen": 3,
    }
    body.update(changes)
    return body


async def _report(
    client: httpx.AsyncClient, auth: AuthHeaders, deelnemer: str = "ggz", **changes: Any
) -> dict[str, Any]:
    response = await client.post(URL, json=lek(**changes), headers=auth(deelnemer))
    assert response.status_code == 201, response.text
    created: dict[str, Any] = response.json()
    return created


def _utc(value: str) -> datetime:
    return datetime.fromisoformat(value.replace("Z", "+00:00"))


@pytest.mark.parametrize(
    ("ontdekt", "uiterlijk_utc", "lokaal"),
    [
        # Into summer time (29 March 2026): 72 hours later the local clock shows 11:00.
        ("2026-03-27T10:00:00+01:00", "2026-03-30T09:00:00+00:00", "2026-03-30T11:00:00+02:00"),
        # Back to winter time (25 October 2026): the local clock shows an hour earlier.
        ("2026-10-24T12:00:00+02:00", "2026-10-27T10:00:00+00:00", "2026-10-27T11:00:00+01:00"),
        # Given in UTC, no change in between.
        ("2026-06-01T22:30:00Z", "2026-06-04T22:30:00+00:00", "2026-06-05T00:30:00+02:00"),
    ],
)
async def test_72_hours_across_summer_time(
    client: httpx.AsyncClient, auth: AuthHeaders, ontdekt: str, uiterlijk_utc: str, lokaal: str
) -> None:
    created = await _report(client, auth, ontdektOp=ontdekt)
    uiterlijk = _utc(created["meldenAanApUiterlijk"])
    assert uiterlijk == datetime.fromisoformat(uiterlijk_utc)
    assert uiterlijk.utcoffset() == timedelta(0)  # returned in UTC
    assert uiterlijk - _utc(created["ontdektOp"]) == timedelta(hours=72)
    assert uiterlijk.astimezone(AMSTERDAM) == datetime.fromisoformat(lokaal)
    assert created["verlopen"] is True  # long past, not assessed, not notified
    assert created["gemeldDoor"] == "ggz"


async def test_the_flow_assessment_notification_informing(
    client: httpx.AsyncClient, auth: AuthHeaders
) -> None:
    casus = await create_casus(client, auth)
    ontdekt = datetime.now(UTC) - timedelta(hours=10)
    created = await _report(client, auth, ontdektOp=ontdekt.isoformat(), casussen=[casus["id"]])
    assert created["casussen"] == [casus["id"]]
    assert created["verlopen"] is False
    url = f"{URL}/{created['id']}"
    early = await client.post(
        f"{url}/melding-ap",
        json={"gemeldOp": datetime.now(UTC).isoformat(), "kenmerk": "AP-1"},
        headers=auth(*CONTACTPUNT),
    )
    assert early.status_code == 409
    assert early.json()["code"] == "datalek-niet-meldplichtig"
    inconsistent = await client.post(
        f"{url}/beoordeling",
        json={"meldplichtig": False, "hoogRisico": True, "motivering": "x"},
        headers=auth(*CONTACTPUNT),
    )
    assert inconsistent.json()["invalidParams"][0]["code"] == "hoog-risico-zonder-meldplicht"
    assessed = await client.post(
        f"{url}/beoordeling",
        json={"meldplichtig": True, "hoogRisico": True, "motivering": "Strafrechtelijk."},
        headers=auth(*CONTACTPUNT),
    )
    assert assessed.status_code == 200, assessed.text
    again = await client.post(
        f"{url}/beoordeling",
        json={"meldplichtig": True, "hoogRisico": True, "motivering": "x"},
        headers=auth(*CONTACTPUNT),
    )
    assert again.json()["code"] == "datalek-al-beoordeeld"
    before = await client.post(
        f"{url}/melding-ap",
        json={"gemeldOp": (ontdekt - timedelta(hours=1)).isoformat(), "kenmerk": "AP-1"},
        headers=auth(*CONTACTPUNT),
    )
    assert before.json()["invalidParams"][0]["code"] == "tijdstip-buiten-bereik"
    notified = await client.post(
        f"{url}/melding-ap",
        json={"gemeldOp": datetime.now(UTC).isoformat(), "kenmerk": "AP-2026-1"},
        headers=auth(*CONTACTPUNT),
    )
    assert notified.status_code == 200, notified.text
    assert notified.json()["tijdigGemeld"] is True
    assert notified.json()["apKenmerk"] == "AP-2026-1"
    twice = await client.post(
        f"{url}/melding-ap",
        json={"gemeldOp": datetime.now(UTC).isoformat(), "kenmerk": "AP-2"},
        headers=auth(*CONTACTPUNT),
    )
    assert twice.json()["code"] == "datalek-al-gemeld"
    vandaag = today_in_amsterdam()
    future = await client.post(
        f"{url}/betrokkenen-geinformeerd",
        json={"datum": (vandaag + timedelta(days=1)).isoformat()},
        headers=auth(*CONTACTPUNT),
    )
    assert future.json()["invalidParams"][0]["code"] == "datum-buiten-bereik"
    informed = await client.post(
        f"{url}/betrokkenen-geinformeerd",
        json={"datum": vandaag.isoformat()},
        headers=auth(*CONTACTPUNT),
    )
    assert informed.status_code == 200
    assert informed.json()["betrokkenenGeinformeerdOp"] == vandaag.isoformat()
    # Every step in the processing log, on the linked case.
    log = await client.get(
        f"/v1/verwerkingen?casusId={casus['id']}",
        headers=auth("gemeente-utrecht", "functionaris-gegevensbescherming"),
    )
    steps = [e for e in log.json()["verwerkingen"] if e["activiteit"] == "datalek"]
    assert len(steps) >= 4


async def test_late_notification_is_recorded_as_late(
    client: httpx.AsyncClient, auth: AuthHeaders
) -> None:
    created = await _report(client, auth, ontdektOp="2026-01-05T09:00:00+01:00")
    url = f"{URL}/{created['id']}"
    await client.post(
        f"{url}/beoordeling",
        json={"meldplichtig": True, "hoogRisico": False, "motivering": "BSN's."},
        headers=auth(*CONTACTPUNT),
    )
    late = await client.post(
        f"{url}/melding-ap",
        json={"gemeldOp": "2026-01-08T09:00:01+01:00", "kenmerk": "AP-9"},
        headers=auth(*CONTACTPUNT),
    )
    assert late.json()["tijdigGemeld"] is False
    assert late.json()["verlopen"] is False  # notified: no longer overdue
    exact = await _report(client, auth, ontdektOp="2026-01-05T09:00:00+01:00")
    await client.post(
        f"{URL}/{exact['id']}/beoordeling",
        json={"meldplichtig": True, "hoogRisico": False, "motivering": "x"},
        headers=auth(*CONTACTPUNT),
    )
    on_time = await client.post(
        f"{URL}/{exact['id']}/melding-ap",
        json={"gemeldOp": "2026-01-08T08:00:00Z", "kenmerk": "AP-10"},
        headers=auth(*CONTACTPUNT),
    )
    assert on_time.json()["tijdigGemeld"] is True


async def test_a_breach_not_notifiable_stays_in_the_register(
    client: httpx.AsyncClient, auth: AuthHeaders
) -> None:
    created = await _report(client, auth)
    assessed = await client.post(
        f"{URL}/{created['id']}/beoordeling",
        json={"meldplichtig": False, "hoogRisico": False, "motivering": "Versleuteld."},
        headers=auth(*CONTACTPUNT),
    )
    assert assessed.json()["verlopen"] is False
    register = await client.get(URL, headers=auth(*CONTACTPUNT))
    assert created["id"] in {d["id"] for d in register.json()["datalekken"]}


async def test_input_is_checked(client: httpx.AsyncClient, auth: AuthHeaders) -> None:
    future = (datetime.now(UTC) + timedelta(hours=1)).isoformat()
    response = await client.post(
        URL,
        json=lek(ontdektOp=future, casussen=["bestaat-niet"]),
        headers=auth("ggz"),
    )
    assert refusal(response) == (400, "ongeldige-invoer")
    assert {(p["name"], p["code"]) for p in response.json()["invalidParams"]} == {
        ("ontdektOp", "tijdstip-in-toekomst"),
        ("casussen[0]", "casus-onbekend"),
    }
    for wrong, name in (
        ({"ontdektOp": "2026-03-27T10:00:00"}, "ontdektOp"),  # no time zone
        ({"soortenGegevens": []}, "soortenGegevens"),
        ({"soortenGegevens": ["geheim"]}, "soortenGegevens.0"),
        ({"geschatAantalBetrokkenen": "3"}, "geschatAantalBetrokkenen"),
    ):
        bad = await client.post(URL, json=lek(**wrong), headers=auth("ggz"))
        assert refusal(bad) == (400, "ongeldige-invoer"), wrong
        assert name in {p["name"] for p in bad.json()["invalidParams"]}, bad.json()
    oost = await client.post(
        URL,
        json=lek(casussen=[(await create_casus(client, auth))["id"]]),
        headers=auth("gemeente-zwolle", zvh="zvh-oost"),
    )
    assert oost.json()["invalidParams"][0]["code"] == "casus-onbekend"


@pytest.mark.parametrize(
    ("deelnemer", "rollen", "extra", "status"),
    [
        ("ggz", (), {}, 201),  # a private participant reports too
        ("politie", (), {}, 201),
        ("cjib", (), {"deelnemertype": "incidenteel"}, 403),
    ],
)
async def test_any_fixed_participant_reports(
    client: httpx.AsyncClient,
    auth: AuthHeaders,
    deelnemer: str,
    rollen: tuple[str, ...],
    extra: dict[str, str],
    status: int,
) -> None:
    response = await client.post(URL, json=lek(), headers=auth(deelnemer, *rollen, **extra))
    assert response.status_code == status
    if status == 403:
        assert response.json()["code"] == "geen-toegang"


async def test_who_reads_and_who_handles(client: httpx.AsyncClient, auth: AuthHeaders) -> None:
    created = await _report(client, auth, "ggz")
    fg = auth("gemeente-utrecht", "functionaris-gegevensbescherming")
    for headers, sees in (
        (auth(*CONTACTPUNT), True),
        (fg, True),
        (auth("gemeente-utrecht", "beheerder"), True),
        (auth("ggz"), True),  # the reporter, its own
        (auth("politie"), False),
        (auth("gemeente-zeist", "contactpunt"), False),  # not the designated contact point
        (auth("politie", "beheerder"), False),  # not the designated beheerder
        (auth("wijkteam", "netwerkmanager"), False),  # not mandated
    ):
        listed = await client.get(URL, headers=headers)
        assert listed.status_code == 200
        assert (created["id"] in {d["id"] for d in listed.json()["datalekken"]}) is sees
        one = await client.get(f"{URL}/{created['id']}", headers=headers)
        if sees:
            assert one.status_code == 200
        else:
            assert refusal(one) == (403, "geen-toegang")
    oost = await client.get(
        f"{URL}/{created['id']}", headers=auth("gemeente-zwolle", "contactpunt", zvh="zvh-oost")
    )
    assert refusal(oost) == (404, "niet-gevonden")
    body = {"meldplichtig": True, "hoogRisico": False, "motivering": "x"}
    for headers in (
        fg,
        auth("gemeente-utrecht", "beheerder"),
        auth("ggz"),  # the reporter does not assess
        auth("gemeente-zeist", "contactpunt"),
        auth("wijkteam", "netwerkmanager"),
    ):
        refused = await client.post(
            f"{URL}/{created['id']}/beoordeling", json=body, headers=headers
        )
        assert refused.status_code == 403
        assert refused.json()["code"] == "geen-toegang"
    # A mandated network manager, while the mandate holds, handles and reads the register.
    await create_mandaat(client, auth, "datalekken", "wijkteam", ingangsdatum=date(2026, 1, 1))
    manager = auth("wijkteam", "netwerkmanager")
    assert (await client.get(f"{URL}/{created['id']}", headers=manager)).status_code == 200
    done = await client.post(f"{URL}/{created['id']}/beoordeling", json=body, headers=manager)
    assert done.status_code == 200, done.text


async def test_idempotent_creation(client: httpx.AsyncClient, auth: AuthHeaders) -> None:
    headers = {**auth("ggz"), "Idempotency-Key": "lek-1"}
    first = await client.post(URL, json=lek(), headers=headers)
    again = await client.post(URL, json=lek(), headers=headers)
    assert first.status_code == again.status_code == 201
    assert first.json()["id"] == again.json()["id"]
