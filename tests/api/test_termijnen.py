"""Deadline monitoring for the contact point `/v1/termijnen` (model art. 14; AVG art. 12(3),
14(3), 33(1); art. 41 UAVG review dates)."""

from datetime import UTC, date, datetime, timedelta

import httpx
import pytest

from app.rules.kalender import add_months
from app.services.bewaartermijn import today_in_amsterdam
from tests.conftest import AuthHeaders
from tests.factories.casussen import admit, create_casus
from tests.factories.contactpunt import CONTACTPUNT, create_verzoek, persoon, verzoek
from tests.factories.mandaten import create_mandaat
from tests.probleemcodes import refusal

pytestmark = pytest.mark.anyio

URL = "/v1/termijnen"


async def _lek(client: httpx.AsyncClient, auth: AuthHeaders, ontdekt: datetime) -> str:
    response = await client.post(
        "/v1/datalekken",
        json={
            "ontdektOp": ontdekt.isoformat(),
            "omschrijving": "Laptop kwijt.",
            "soortenGegevens": ["bsn"],
            "geschatAantalBetrokkenen": 40,
        },
        headers=auth("ggz"),
    )
    assert response.status_code == 201, response.text
    return str(response.json()["id"])


async def _items(
    client: httpx.AsyncClient, headers: dict[str, str], **params: int
) -> dict[str, dict[str, object]]:
    response = await client.get(URL, params=params, headers=headers)
    assert response.status_code == 200, response.text
    return {t["id"]: t for t in response.json()["termijnen"]}


async def test_overdue_and_due_soon_in_one_list(
    client: httpx.AsyncClient, auth: AuthHeaders
) -> None:
    vandaag = today_in_amsterdam()
    late = await create_verzoek(client, auth, verzoek(persoon(), ontvangenOp="2025-01-31"))
    fresh = await create_verzoek(client, auth, verzoek(persoon(), ontvangenOp=vandaag.isoformat()))
    old_breach = await _lek(client, auth, datetime(2026, 1, 1, 9, tzinfo=UTC))
    new_breach = await _lek(client, auth, datetime.now(UTC) - timedelta(hours=1))
    casus = await create_casus(client, auth)
    await admit(client, auth, casus["id"])  # the information duty: due in a month
    items = await _items(client, auth(*CONTACTPUNT))
    assert items[late["id"]]["verlopen"] is True
    assert items[late["id"]]["uiterlijk"] == "2025-02-28"
    assert items[late["id"]]["link"] == f"/v1/betrokkenenverzoeken/{late['id']}"
    assert fresh["id"] not in items  # a month away
    assert items[old_breach]["verlopen"] is True
    assert items[old_breach]["uiterlijkTijdstip"] == "2026-01-04T09:00:00Z"
    assert items[new_breach]["verlopen"] is False  # due within 72 hours
    assert casus["id"] not in items
    # No personal data: ids, kinds and dates only.
    assert "Appel" not in str(items)
    wide = await _items(client, auth(*CONTACTPUNT), binnenDagen=40)
    assert wide[fresh["id"]]["uiterlijk"] == add_months(vandaag, 1).isoformat()
    duty = wide[casus["id"]]
    assert (duty["soort"], duty["casus"], duty["verlopen"]) == (
        "informatieplicht",
        casus["id"],
        False,
    )
    # A breach assessed as not notifiable drops out; so does a decided request.
    await client.post(
        f"/v1/datalekken/{old_breach}/beoordeling",
        json={"meldplichtig": False, "hoogRisico": False, "motivering": "Versleuteld."},
        headers=auth(*CONTACTPUNT),
    )
    assert old_breach not in await _items(client, auth(*CONTACTPUNT))


async def test_review_dates_of_art_41_exceptions(
    client: httpx.AsyncClient, auth: AuthHeaders
) -> None:
    casus = await create_casus(client, auth)
    await admit(client, auth, casus["id"])
    review = today_in_amsterdam() + timedelta(days=3)
    recorded = await client.post(
        f"/v1/casussen/{casus['id']}/informatieplicht",
        json={
            "uitzondering": "art-41-uavg",
            "motivering": "Lopend onderzoek.",
            "deelnemer": "politie",
            "grond": "d",
            "herbeoordelingOp": review.isoformat(),
        },
        headers=auth(*CONTACTPUNT),
    )
    assert recorded.status_code == 200, recorded.text
    item = (await _items(client, auth(*CONTACTPUNT)))[casus["id"]]
    assert (item["soort"], item["uiterlijk"]) == ("herbeoordeling-uitzondering", review.isoformat())


async def test_who_sees_the_deadlines(client: httpx.AsyncClient, auth: AuthHeaders) -> None:
    request = await create_verzoek(client, auth, verzoek(persoon(), ontvangenOp="2025-01-31"))
    breach = await _lek(client, auth, datetime(2026, 1, 1, 9, tzinfo=UTC))
    fg = auth("gemeente-utrecht", "functionaris-gegevensbescherming")
    assert {request["id"], breach} <= set(await _items(client, fg))
    for headers in (
        auth("gemeente-zeist", "contactpunt"),  # not the designated contact point
        auth("ggz"),  # a private participant, the reporter of the breach
        auth("politie", "beheerder"),
        auth("wijkteam", "netwerkmanager"),  # without a mandate
        auth("cjib", deelnemertype="incidenteel"),
    ):
        response = await client.get(URL, headers=headers)
        assert response.status_code == 403
        assert response.json()["code"] == "geen-toegang"
    oost = await _items(client, auth("gemeente-zwolle", "contactpunt", zvh="zvh-oost"))
    assert request["id"] not in oost
    assert breach not in oost
    # A network manager mandated for breaches sees the breaches only.
    await create_mandaat(client, auth, "datalekken", "wijkteam", ingangsdatum=date(2026, 1, 1))
    manager = await _items(client, auth("wijkteam", "netwerkmanager"))
    assert breach in manager
    assert {t["soort"] for t in manager.values()} == {"datalek"}
    bad = await client.get(URL, params={"binnenDagen": -1}, headers=auth(*CONTACTPUNT))
    assert refusal(bad) == (400, "ongeldige-invoer")
