"""A case through all six steps by the right parties (art. 2.31 WGS)."""

from datetime import date, timedelta

import httpx
import pytest
import sqlalchemy as sa

from app.db.session import Database
from app.db.tables import CasusRow
from app.services.bewaartermijn import today_in_amsterdam
from tests.conftest import AuthHeaders
from tests.factories.casussen import (
    AANMELDING,
    admit,
    besluit,
    close,
    create_casus,
    select,
    unieke_bsn,
)
from tests.probleemcodes import refusal

pytestmark = pytest.mark.anyio


async def test_registration_is_stored_with_its_assessment_and_dates(
    client: httpx.AsyncClient, auth: AuthHeaders
) -> None:
    response = await client.post(
        "/v1/casussen", json={**AANMELDING, "aanmelddatum": "2025-06-05"}, headers=auth("politie")
    )
    assert response.status_code == 201, response.text
    casus = response.json()
    assert response.headers["location"] == f"/v1/casussen/{casus['id']}"
    assert response.headers["etag"] == '"1"'
    assert casus["status"] == "aangemeld"
    assert casus["aanmelder"] == "politie"
    assert casus["betrokkene"]["bsn"] == "111222333"
    assert casus["beoordelingen"][0]["fase"] == "aanmelding"
    assert casus["beoordelingen"][0]["uitkomst"]["toelaatbaar"] is True
    # Retention runs from the registration (art. 1.8 lid 7 WGS): five years at most.
    assert casus["bewaartermijn"] == {
        "maximaleBewaardatum": "2030-06-05",
        "archiefdatum": "2030-06-05",
    }


async def test_the_whole_flow(client: httpx.AsyncClient, auth: AuthHeaders) -> None:
    casus = await create_casus(client, auth, aanmelddatum="2025-06-05")
    casus_id = casus["id"]
    intake = await client.post(
        f"/v1/casussen/{casus_id}/intake", json=besluit(), headers=auth("gemeente-utrecht")
    )
    assert intake.json()["status"] == "gegevensverzameling"
    assert intake.headers["etag"] == '"2"'
    admitted = await client.post(
        f"/v1/casussen/{casus_id}/definitieve-beoordeling", json=besluit(), headers=auth("om")
    )
    assert admitted.json()["status"] == "in-behandeling"
    assert [b["fase"] for b in admitted.json()["beoordelingen"]] == [
        "aanmelding",
        "intake",
        "definitief",
    ]
    selected = await select(client, auth, casus_id, incidenteel=("cjib",))
    assert {d["deelnemer"] for d in selected["deelnemers"]} == {
        "reclassering-nederland",
        "ggz",
        "cjib",
    }
    cjib = next(d for d in selected["deelnemers"] if d["deelnemer"] == "cjib")
    assert cjib["geheimhoudingsverklaringGetekend"] is False
    # The selected private participant now reads its part; the incidental one not yet.
    part = await client.get(f"/v1/casussen/{casus_id}", headers=auth("reclassering-nederland"))
    assert part.status_code == 200
    assert part.json()["weergave"] == "deelnemer"
    assert part.json()["betrokkene"]["bsn"] is None
    assert part.json()["aanmeldreden"] is None
    incidental = auth("cjib", deelnemertype="incidenteel")
    assert refusal(await client.get(f"/v1/casussen/{casus_id}", headers=incidental)) == (
        403,
        "geen-toegang",
    )
    signed = await client.post(
        f"/v1/casussen/{casus_id}/geheimhoudingsverklaringen",
        json={"ondertekenaar": "A. de Vries, medewerker", "regime": "artikel-1-11-wgs"},
        headers=incidental,
    )
    assert signed.status_code == 201, signed.text
    assert (await client.get(f"/v1/casussen/{casus_id}", headers=incidental)).status_code == 200
    closed = await close(client, auth, casus_id, "2025-12-23")
    assert closed["status"] == "afgesloten"
    # Shielded at once: even the joint controller who closed it gets only the outcome.
    assert closed["weergave"] == "status"
    assert closed["betrokkene"] is None
    archived = await client.get(
        f"/v1/casussen/{casus_id}", headers=auth("gemeente-utrecht", "archiefbeheerder")
    )
    # Factsheet example 1: closed 2025-12-23 → archived 2026-12-23.
    assert archived.json()["bewaartermijn"] == {
        "maximaleBewaardatum": "2030-06-05",
        "archiefdatum": "2026-12-23",
    }
    # Shielded: the joint controllers and participants no longer read it.
    for headers in (
        auth("gemeente-utrecht"),
        auth("reclassering-nederland"),
        incidental,
        auth("politie"),
    ):
        assert refusal(await client.get(f"/v1/casussen/{casus_id}", headers=headers)) == (
            403,
            "geen-toegang",
        )
    for rol in ("beheerder", "archiefbeheerder", "contactpunt"):
        shielded = await client.get(
            f"/v1/casussen/{casus_id}", headers=auth("gemeente-utrecht", rol)
        )
        assert shielded.status_code == 200
        assert shielded.json()["weergave"] == "volledig"
    reopened = await client.post(
        f"/v1/casussen/{casus_id}/heropening",
        json={"toelichting": "Terugval."},
        headers=auth("gemeente-utrecht", "beheerder"),
    )
    assert reopened.status_code == 200, reopened.text
    assert reopened.json()["status"] == "in-behandeling"
    assert reopened.json()["afsluitdatum"] is None
    assert reopened.json()["bewaartermijn"]["archiefdatum"] == "2030-06-05"
    soorten = [g["soort"] for g in reopened.json()["gebeurtenissen"]]
    assert soorten == [
        "aangemeld",
        "intake",
        "definitieve-beoordeling",
        "deelnemers-geselecteerd",
        "afgesloten",
        "heropend",
    ]


async def test_admission_requires_the_criteria(
    client: httpx.AsyncClient, auth: AuthHeaders
) -> None:
    casus = await create_casus(client, auth)
    weak = besluit(
        b={
            "mate": "voldaan",
            "leefgebieden": ["huisvesting"],
            "criminogeneFactoren": True,
            "onderbouwing": "x",
        }
    )
    response = await client.post(
        f"/v1/casussen/{casus['id']}/intake", json=weak, headers=auth("gemeente-utrecht")
    )
    assert refusal(response) == (400, "ongeldige-invoer")
    assert {p["code"] for p in response.json()["invalidParams"]} == {"b.te-weinig-leefgebieden"}
    unchanged = await client.get(f"/v1/casussen/{casus['id']}", headers=auth("gemeente-utrecht"))
    assert unchanged.json()["status"] == "aangemeld"
    rejected = await client.post(
        f"/v1/casussen/{casus['id']}/intake",
        json=besluit("afgewezen"),
        headers=auth("gemeente-utrecht"),
    )
    assert rejected.json()["status"] == "intake-afgewezen"
    today = date.today()
    assert rejected.json()["afwijzingsdatum"] in {
        today.isoformat(),
        str(today.replace(day=max(1, today.day - 1))),
    }


async def test_rejected_registration_is_shielded_but_the_registrant_sees_the_outcome(
    client: httpx.AsyncClient, auth: AuthHeaders
) -> None:
    casus = await create_casus(
        client, auth, deelnemer="reclassering-nederland", aanmelddatum="2024-03-03"
    )
    await client.post(
        f"/v1/casussen/{casus['id']}/intake",
        json=besluit("afgewezen"),
        headers=auth("gemeente-utrecht"),
    )
    own = await client.get(f"/v1/casussen/{casus['id']}", headers=auth("reclassering-nederland"))
    assert own.status_code == 200
    assert own.json()["weergave"] == "aanmelder"
    assert own.json()["status"] == "intake-afgewezen"
    assert refusal(
        await client.get(f"/v1/casussen/{casus['id']}", headers=auth("gemeente-utrecht"))
    ) == (403, "geen-toegang")
    archivist = await client.get(
        f"/v1/casussen/{casus['id']}", headers=auth("gemeente-utrecht", "archiefbeheerder")
    )
    # A rejected registration is kept one year after registration.
    assert archivist.json()["bewaartermijn"]["archiefdatum"] == "2025-03-03"


async def test_selection_only_after_definitive_admission(
    client: httpx.AsyncClient, auth: AuthHeaders
) -> None:
    casus = await create_casus(client, auth)
    body = {"deelnemers": [{"deelnemer": "ggz", "noodzaak": "Behandeling."}]}
    response = await client.put(
        f"/v1/casussen/{casus['id']}/deelnemers", json=body, headers=auth("gemeente-utrecht")
    )
    assert refusal(response) == (409, "casus-niet-in-behandeling")


async def test_selection_is_checked(client: httpx.AsyncClient, auth: AuthHeaders) -> None:
    casus = await create_casus(client, auth)
    await admit(client, auth, casus["id"])
    body = {
        "deelnemers": [
            {"deelnemer": "ggz", "noodzaak": "Behandeling."},
            {"deelnemer": "ggz", "noodzaak": "Nog eens."},
            {"deelnemer": "cjib", "noodzaak": "Boetes."},
        ],
        "incidenteleDeelnemers": [{"deelnemer": "politie", "noodzaak": "x"}],
    }
    response = await client.put(
        f"/v1/casussen/{casus['id']}/deelnemers", json=body, headers=auth("gemeente-utrecht")
    )
    assert refusal(response) == (400, "ongeldige-invoer")
    codes = {(p["name"], p["code"]) for p in response.json()["invalidParams"]}
    assert codes == {
        ("deelnemers.1.deelnemer", "deelnemer-dubbel"),
        ("deelnemers.2.deelnemer", "deelnemer-onbekend"),
        ("incidenteleDeelnemers.0.deelnemer", "is-vaste-deelnemer"),
    }
    no_reason = {"deelnemers": [{"deelnemer": "ggz", "noodzaak": ""}]}
    assert refusal(
        await client.put(
            f"/v1/casussen/{casus['id']}/deelnemers",
            json=no_reason,
            headers=auth("gemeente-utrecht"),
        )
    ) == (400, "ongeldige-invoer")


async def test_closure_dates_are_checked(client: httpx.AsyncClient, auth: AuthHeaders) -> None:
    casus = await create_casus(client, auth, aanmelddatum="2025-06-05")
    await admit(client, auth, casus["id"])
    for datum, code in (
        ("2025-06-04", "datum-voor-aanmelddatum"),
        ("2999-01-01", "datum-in-toekomst"),
    ):
        response = await client.post(
            f"/v1/casussen/{casus['id']}/afsluiting",
            json={"datum": datum, "toelichting": "x"},
            headers=auth("om"),
        )
        assert response.status_code == 400
        assert response.json()["invalidParams"][0]["code"] == code


async def test_registration_input_is_checked(
    client: httpx.AsyncClient, auth: AuthHeaders, db: Database
) -> None:
    reden = "Een aanmelding die geweigerd wordt."
    body = {
        **AANMELDING,
        "aanmeldreden": reden,
        "betrokkene": {
            **AANMELDING["betrokkene"],
            "bsn": "123456789",
            "geboortedatum": "1990-02-30",
        },
        "aanmelddatum": "2999-01-01",
        "criteria": {**AANMELDING["criteria"], "a": {"mate": "misschien"}},
    }
    response = await client.post("/v1/casussen", json=body, headers=auth("politie"))
    assert refusal(response) == (400, "ongeldige-invoer")
    names = {p["name"] for p in response.json()["invalidParams"]}
    assert names == {"betrokkene.bsn", "betrokkene.geboortedatum", "criteria.a.mate"}
    assert "123456789" not in response.text
    future = await client.post(
        "/v1/casussen", json={**AANMELDING, "aanmelddatum": "2999-01-01"}, headers=auth("politie")
    )
    assert future.status_code == 400
    assert future.json()["invalidParams"][0]["code"] == "datum-in-toekomst"
    async with db.session() as session:
        stored = await session.scalar(
            sa.select(sa.func.count()).select_from(CasusRow).where(CasusRow.aanmeldreden == reden)
        )
    assert stored == 0, "a refused registration stored something"


async def test_registered_again_links_to_the_earlier_case(
    client: httpx.AsyncClient, auth: AuthHeaders
) -> None:
    persoon = {**AANMELDING["betrokkene"], "bsn": unieke_bsn()}
    first = await create_casus(client, auth, aanmelddatum="2025-01-10", betrokkene=persoon)
    await admit(client, auth, first["id"])
    # Closed recently: its archive date (a year after closure) has not passed.
    gisteren = (today_in_amsterdam() - timedelta(days=1)).isoformat()
    await close(client, auth, first["id"], gisteren)
    second = await create_casus(client, auth, aanmelddatum="2026-02-01", betrokkene=persoon)
    assert second["vorigeCasusId"] == first["id"]
    # A new term at the new registration.
    assert second["bewaartermijn"]["maximaleBewaardatum"] == "2031-02-01"
    other = await create_casus(client, auth, betrokkene={**persoon, "bsn": unieke_bsn()})
    assert other["vorigeCasusId"] is None
