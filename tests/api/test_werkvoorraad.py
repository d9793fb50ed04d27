"""The work queue `/v1/werkvoorraad`: what waits for the caller's organisation (issue 14)."""

from datetime import timedelta
from typing import Any

import httpx
import pytest
import sqlalchemy as sa

from app.db.session import Database
from app.db.tables import VerwerkingRow
from app.services.bewaartermijn import today_in_amsterdam
from tests.conftest import AuthHeaders
from tests.factories.casussen import admit, besluit, create_casus, select
from tests.factories.contactpunt import (
    CONTACTPUNT,
    case_of,
    create_verzoek,
    persoon,
    react,
    verzoek,
)
from tests.factories.mandaten import create_mandaat
from tests.probleemcodes import refusal

pytestmark = pytest.mark.anyio

URL = "/v1/werkvoorraad"


async def _queue(client: httpx.AsyncClient, headers: dict[str, str], **query: Any) -> Any:
    response = await client.get(URL, params=query, headers=headers)
    assert response.status_code == 200, response.text
    return response.json()


async def _items(
    client: httpx.AsyncClient, headers: dict[str, str], *casussen: str
) -> list[dict[str, Any]]:
    """The caller's queue, about `casussen` only: tests that commit (live_client) leave
    work of their own in the run's database, which a test here must not count."""
    items: list[dict[str, Any]] = (await _queue(client, headers, paginaGrootte=200))["werkvoorraad"]
    return [item for item in items if item["casusId"] in casussen]


async def _gathering(client: httpx.AsyncClient, auth: AuthHeaders) -> str:
    """A case admitted at intake: step 3, data gathering."""
    casus = await create_casus(client, auth)
    intake = await client.post(
        f"/v1/casussen/{casus['id']}/intake", json=besluit(), headers=auth("gemeente-utrecht")
    )
    assert intake.status_code == 200, intake.text
    return str(casus["id"])


async def _ask(client: httpx.AsyncClient, auth: AuthHeaders, casus_id: str, deelnemer: str) -> str:
    response = await client.post(
        f"/v1/casussen/{casus_id}/gegevensverzoeken",
        json={"deelnemer": deelnemer, "omschrijving": "Lopende hulpverlening?"},
        headers=auth("gemeente-utrecht"),
    )
    assert response.status_code == 201, response.text
    return str(response.json()["id"])


async def test_a_private_participant_asked_for_data_in_step_3_finds_it(
    client: httpx.AsyncClient, auth: AuthHeaders
) -> None:
    casus_id = await _gathering(client, auth)
    reclassering = auth("reclassering-nederland")
    assert await _items(client, reclassering, casus_id) == []
    # The case list does not show it the case (it is not selected yet): the queue does.
    assert (await client.get("/v1/casussen", headers=reclassering)).json()["casussen"] == []
    verzoek = await _ask(client, auth, casus_id, "reclassering-nederland")
    link = f"/v1/casussen/{casus_id}/gegevensverzoeken/{verzoek}"
    assert await _items(client, reclassering, casus_id) == [
        {"soort": "gegevensverzoek", "casusId": casus_id, "vervaldatum": None, "link": link}
    ]
    # The link is readable by the one asked.
    followed = await client.get(link, headers=reclassering)
    assert followed.status_code == 200, followed.text
    # Once it supplied on the request, the work is done.
    supplied = await client.post(
        f"/v1/casussen/{casus_id}/gegevensverstrekkingen",
        json={"categorie": "gewoon", "inhoud": "Toezicht loopt.", "gegevensverzoek": verzoek},
        headers=reclassering,
    )
    assert supplied.status_code == 201, supplied.text
    assert await _items(client, reclassering, casus_id) == []


async def test_nothing_of_another_organisations_queue(
    client: httpx.AsyncClient, auth: AuthHeaders
) -> None:
    casus_id = await _gathering(client, auth)
    await _ask(client, auth, casus_id, "reclassering-nederland")
    for other in ("svg", "politie", "om"):
        assert await _items(client, auth(other), casus_id) == [], other
    # Not even the joint controllers see another organisation's requests here.
    assert await _items(client, auth("gemeente-utrecht"), casus_id) == []


async def test_nothing_from_another_partnership(
    client: httpx.AsyncClient, auth: AuthHeaders
) -> None:
    casus_id = await _gathering(client, auth)
    await _ask(client, auth, casus_id, "reclassering-nederland")
    # The same organisation id in zvh-oost has its own, empty queue.
    assert await _items(client, auth("reclassering-nederland", zvh="zvh-oost"), casus_id) == []
    assert (
        await _items(client, auth("gemeente-zwolle", "contactpunt", zvh="zvh-oost"), casus_id) == []
    )


async def test_an_incidental_participant_is_invited_to_sign_until_someone_signs(
    client: httpx.AsyncClient, auth: AuthHeaders
) -> None:
    casus = await create_casus(client, auth)
    await admit(client, auth, casus["id"])
    await select(client, auth, casus["id"], incidenteel=("cjib",))
    cjib = auth("cjib", deelnemertype="incidenteel")
    link = f"/v1/casussen/{casus['id']}/geheimhoudingsverklaringen"
    assert await _items(client, cjib, casus["id"]) == [
        {
            "soort": "geheimhoudingsverklaring",
            "casusId": casus["id"],
            "vervaldatum": None,
            "link": link,
        }
    ]
    # The same id in the other partnership is another organisation.
    assert (
        await _items(client, auth("cjib", deelnemertype="incidenteel", zvh="zvh-oost"), casus["id"])
        == []
    )
    signed = await client.post(
        link,
        json={"ondertekenaar": "A. de Vries, medewerker", "regime": "artikel-1-11-wgs"},
        headers=cjib,
    )
    assert signed.status_code == 201, signed.text
    assert await _items(client, cjib, casus["id"]) == []


async def test_the_information_duty_is_work_for_the_designated_contact_point_only(
    client: httpx.AsyncClient, auth: AuthHeaders
) -> None:
    casus_id = await _gathering(client, auth)
    contactpunt = auth("gemeente-utrecht", "contactpunt")
    plicht = await client.get(f"/v1/casussen/{casus_id}/informatieplicht", headers=contactpunt)
    assert plicht.status_code == 200, plicht.text
    item = {
        "soort": "informatieplicht",
        "casusId": casus_id,
        "vervaldatum": plicht.json()["uiterlijkeDatum"],
        "link": f"/v1/casussen/{casus_id}/informatieplicht",
    }
    assert await _items(client, contactpunt, casus_id) == [item]
    # A contactpunt role at an organisation not designated counts for nothing (issue 10),
    # nor does a network manager without the mandate.
    assert await _items(client, auth("politie", "contactpunt"), casus_id) == []
    assert await _items(client, auth("gemeente-utrecht", "netwerkmanager"), casus_id) == []
    assert await _items(client, auth("gemeente-utrecht"), casus_id) == []
    done = await client.post(
        f"/v1/casussen/{casus_id}/informatieplicht",
        json={"uitgevoerdOp": today_in_amsterdam().isoformat()},
        headers=contactpunt,
    )
    assert done.status_code == 200, done.text
    assert await _items(client, contactpunt, casus_id) == []


async def test_a_consent_request_waits_for_each_supplier(
    client: httpx.AsyncClient, auth: AuthHeaders
) -> None:
    today = today_in_amsterdam()
    if today.month == 2 and today.day == 29:
        pytest.skip("29 February: exact year offsets")
    aanmelddatum = today.replace(year=today.year - 5) + timedelta(days=10)
    casus = await create_casus(client, auth, aanmelddatum=aanmelddatum.isoformat())
    cid = casus["id"]
    await admit(client, auth, cid)
    for deelnemer in ("om", "gemeente-utrecht"):
        supplied = await client.post(
            f"/v1/casussen/{cid}/gegevensverstrekkingen",
            json={"categorie": "gewoon", "inhoud": f"Gegevens van {deelnemer}."},
            headers=auth(deelnemer),
        )
        assert supplied.status_code == 201, supplied.text
    verlenging = await client.post(
        f"/v1/casussen/{cid}/verlengingen",
        json={"maanden": 24, "reden": "criteria-nog-van-toepassing", "motivering": "Complex."},
        headers=auth("gemeente-utrecht"),
    )
    assert verlenging.status_code == 201, verlenging.text
    link = f"/v1/casussen/{cid}/verlengingen/{verlenging.json()['id']}/instemmingen"
    item = {"soort": "instemmingsverzoek", "casusId": cid, "vervaldatum": None, "link": link}
    assert await _items(client, auth("om"), cid) == [item]
    assert await _items(client, auth("svg"), cid) == []
    # The contact point, also a supplier: the dated information duty comes first.
    contactpunt = auth("gemeente-utrecht", "contactpunt")
    plicht = (await client.get(f"/v1/casussen/{cid}/informatieplicht", headers=contactpunt)).json()
    eigen = await _items(client, contactpunt, cid)
    assert [(i["soort"], i["vervaldatum"]) for i in eigen] == [
        ("informatieplicht", plicht["uiterlijkeDatum"]),
        ("instemmingsverzoek", None),
    ]
    answered = await client.post(link, json={"instemming": True}, headers=auth("om"))
    assert answered.status_code == 201, answered.text
    assert await _items(client, auth("om"), cid) == []


async def test_pages_follow_the_api_convention_and_each_case_is_logged(
    client: httpx.AsyncClient, auth: AuthHeaders, db: Database
) -> None:
    casussen = [await _gathering(client, auth) for _ in range(3)]
    verzoeken = [await _ask(client, auth, c, "reclassering-nederland") for c in casussen]
    headers = auth("reclassering-nederland")
    first = await _queue(client, headers, paginaGrootte=2)
    assert first["pagina"] == 1
    assert first["paginaGrootte"] == 2
    assert first["volgende"] == "/v1/werkvoorraad?pagina=2&paginaGrootte=2"
    # Follow `volgende` to the end (tests that commit may have left more work here).
    pages, page = [first], first
    while page["volgende"] is not None:
        assert len(page["werkvoorraad"]) == 2
        response = await client.get(page["volgende"], headers=headers)
        assert response.status_code == 200, response.text
        page = response.json()
        assert page["pagina"] == pages[-1]["pagina"] + 1
        pages.append(page)
    links = [i["link"] for p in pages for i in p["werkvoorraad"]]
    assert len(links) == len(set(links))  # no item on two pages
    assert {
        f"/v1/casussen/{c}/gegevensverzoeken/{v}" for c, v in zip(casussen, verzoeken, strict=True)
    } <= set(links)
    # No personal data: four members per item, none of them about the person.
    assert all(set(i) == {"soort", "casusId", "vervaldatum", "link"} for i in first["werkvoorraad"])
    async with db.session() as session:
        gelogd = await session.scalars(
            sa.select(VerwerkingRow.casus_id).where(
                VerwerkingRow.activiteit == "werkvoorraad-raadplegen",
                VerwerkingRow.deelnemer == "reclassering-nederland",
            )
        )
        assert set(casussen) <= set(gelogd)


async def test_bad_paging_is_400(client: httpx.AsyncClient, auth: AuthHeaders) -> None:
    response = await client.get(URL, params={"paginaGrootte": 0}, headers=auth("politie"))
    assert response.status_code == 400
    assert response.json()["code"] == "ongeldige-invoer"
    assert refusal(await client.get(URL)) == (401, "token-ontbreekt")


async def _linked(
    client: httpx.AsyncClient, headers: dict[str, str], link: str
) -> list[dict[str, Any]]:
    """The caller's queue items pointing at `link` (work without a case has no casusId)."""
    items = (await _queue(client, headers, paginaGrootte=200))["werkvoorraad"]
    return [item for item in items if item["link"] == link]


async def test_a_data_subject_request_waits_for_each_involved_participants_reaction(
    client: httpx.AsyncClient, auth: AuthHeaders
) -> None:
    wie = persoon()
    await case_of(client, auth, wie)
    created = await create_verzoek(client, auth, verzoek(wie))
    link = f"/v1/betrokkenenverzoeken/{created['id']}"
    item = {
        "soort": "betrokkenenverzoek",
        "casusId": None,
        "vervaldatum": created["uiterlijkeBeslisdatum"],
        "link": link,
    }
    reclassering = auth("reclassering-nederland")
    assert await _linked(client, reclassering, link) == [item]
    assert (await client.get(link, headers=reclassering)).status_code == 200
    # Not involved: nothing; the same id in another partnership: nothing.
    assert await _linked(client, auth("svg"), link) == []
    assert await _linked(client, auth("reclassering-nederland", zvh="zvh-oost"), link) == []
    reacted = await react(client, auth, created["id"], "reclassering-nederland")
    assert reacted.status_code == 201, reacted.text
    assert await _linked(client, reclassering, link) == []


async def test_a_breach_waits_for_assessment_by_the_contact_point_or_mandated_manager(
    client: httpx.AsyncClient, auth: AuthHeaders
) -> None:
    reported = await client.post(
        "/v1/datalekken",
        json={
            "ontdektOp": "2026-03-27T10:00:00+01:00",
            "omschrijving": "Overzicht naar een verkeerde ontvanger gemaild.",
            "soortenGegevens": ["gewoon"],
            "geschatAantalBetrokkenen": 3,
        },
        headers=auth("ggz"),
    )
    assert reported.status_code == 201, reported.text
    link = f"/v1/datalekken/{reported.json()['id']}"
    # 72 hours from 27 March 10:00 (+01:00): 30 March, 11:00 summer time.
    item = {"soort": "datalek", "casusId": None, "vervaldatum": "2026-03-30", "link": link}
    assert await _linked(client, auth(*CONTACTPUNT), link) == [item]
    manager = auth("wijkteam", "netwerkmanager")
    for nobody in (auth("ggz"), auth("politie", "contactpunt"), manager):
        assert await _linked(client, nobody, link) == []
    await create_mandaat(client, auth, "datalekken", "wijkteam")
    assert await _linked(client, manager, link) == [item]
    assessed = await client.post(
        f"{link}/beoordeling",
        json={"meldplichtig": True, "hoogRisico": False, "motivering": "Gewone gegevens."},
        headers=auth(*CONTACTPUNT),
    )
    assert assessed.status_code == 200, assessed.text
    assert await _linked(client, auth(*CONTACTPUNT), link) == []


async def test_a_mandated_network_manager_has_the_information_duties(
    client: httpx.AsyncClient, auth: AuthHeaders
) -> None:
    casus_id = await _gathering(client, auth)
    manager = auth("wijkteam", "netwerkmanager")
    assert await _items(client, manager, casus_id) == []
    await create_mandaat(client, auth, "informatieplicht", "wijkteam")
    assert [i["soort"] for i in await _items(client, manager, casus_id)] == ["informatieplicht"]
