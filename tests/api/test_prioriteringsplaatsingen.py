"""Placement on, removal from and re-evaluation of a priority list (art. 2.32(2)-(4) WGS)."""

import os
import sys
from collections.abc import Callable
from datetime import date
from typing import Any

import anyio
import httpx
import pytest
from fastapi import FastAPI
from sqlalchemy import update

from app.config import Settings
from app.db.session import Database
from app.db.tables import CasusRow
from app.services.prioriteringsplaatsingen import reevaluate_all
from tests.conftest import AuthHeaders
from tests.factories.casussen import AANMELDING, besluit, close, create_casus
from tests.factories.klok import pin_today
from tests.factories.prioritering import (
    FEITEN,
    FEITEN_RECENT,
    GVV,
    actuele_feiten,
    admitted_case,
    create,
    feit,
    intake,
    place,
    publish,
    published_list,
    stored_facts,
    url,
)
from tests.probleemcodes import refusal

pytestmark = pytest.mark.anyio

SetToday = Callable[[str], None]


@pytest.fixture(autouse=True)
def vandaag(request: pytest.FixtureRequest) -> SetToday:
    """'Today' of every route (the `Today` dependency); the tests tell their story on fixed
    days, so they start on 2026-01-01 (the default peildatum of `place`) and move on. A
    test without the app (the CLI's) gets no app, so it holds no database transaction."""

    def set_today(value: str) -> None:
        app: FastAPI = request.getfixturevalue("app")
        pin_today(app, value)

    if "app" in request.fixturenames:
        set_today("2026-01-01")
    return set_today


async def current(client: httpx.AsyncClient, auth: AuthHeaders, lijst_id: str) -> list[Any]:
    response = await client.get(url(lijst_id), headers=auth(GVV))
    assert response.status_code == 200, response.text
    plaatsingen: list[Any] = response.json()["plaatsingen"]
    return plaatsingen


async def test_place_an_admitted_case(
    client: httpx.AsyncClient, auth: AuthHeaders, db: Database
) -> None:
    lijst_id = await published_list(client, auth)
    casus_id = await admitted_case(client, auth)
    response = await place(client, auth, lijst_id, casus_id)
    assert response.status_code == 201, response.text
    body = response.json()
    assert response.headers["location"] == f"/v1/prioriteringslijsten/{lijst_id}/plaatsingen/{body['id']}"  # fmt: skip
    assert body["lijst"] == lijst_id
    assert body["casusId"] == casus_id
    assert (body["versie"], body["peildatum"], body["geplaatstDoor"]) == (1, "2026-01-01", GVV)
    # Only the facts that counted are kept, as the placement's justification.
    assert body["feiten"] == [FEITEN[0], FEITEN[2], FEITEN[3]]
    assert body["verwijdering"] is None
    assert await stored_facts(db, body["id"]) == 3
    listed = await current(client, auth, lijst_id)
    assert [p["id"] for p in listed] == [body["id"]]
    assert listed[0]["feiten"] == body["feiten"]


async def test_a_case_after_intake_may_be_placed(
    client: httpx.AsyncClient, auth: AuthHeaders
) -> None:
    """Intake passed (plausibly meets 2.20 BGS): placement leads into step 3."""
    lijst_id = await published_list(client, auth)
    casus = await create_casus(client, auth)
    await intake(client, auth, casus["id"])
    assert (await place(client, auth, lijst_id, casus["id"])).status_code == 201


async def test_not_published_is_409(client: httpx.AsyncClient, auth: AuthHeaders) -> None:
    lijst = await create(client, auth)
    casus_id = await admitted_case(client, auth)
    response = await place(client, auth, lijst["id"], casus_id)
    assert response.status_code == 409
    assert response.json()["code"] == "lijst-niet-gepubliceerd"
    await publish(client, auth, lijst["id"])
    await client.post(f"/v1/prioriteringslijsten/{lijst['id']}/intrekking", headers=auth("om"))
    withdrawn = await place(client, auth, lijst["id"], casus_id)
    assert withdrawn.status_code == 409
    assert withdrawn.json()["code"] == "lijst-ingetrokken"


async def test_criteria_not_met_is_409_and_stores_nothing(
    client: httpx.AsyncClient, auth: AuthHeaders, vandaag: SetToday
) -> None:
    lijst_id = await published_list(client, auth)
    casus_id = await admitted_case(client, auth)
    # On 2026-06-02 the arrest of 2025-06-01 is outside the 12-month window.
    vandaag("2026-06-02")
    response = await place(client, auth, lijst_id, casus_id, peildatum="2026-06-02")
    assert response.status_code == 409
    problem = response.json()
    assert problem["code"] == "criteria-niet-voldaan"
    assert "/alle/1: 0 aanhouding gevonden, minimaal 1" in problem["detail"]
    assert await current(client, auth, lijst_id) == []
    listed = await client.get(url(lijst_id) + "?inclusiefVerwijderd=true", headers=auth(GVV))
    assert listed.json()["plaatsingen"] == []


async def test_case_not_admitted_is_409(client: httpx.AsyncClient, auth: AuthHeaders) -> None:
    lijst_id = await published_list(client, auth)
    registered = await create_casus(client, auth)
    response = await place(client, auth, lijst_id, registered["id"])
    assert response.status_code == 409
    assert response.json()["code"] == "casus-niet-toegelaten"
    rejected = await create_casus(client, auth)
    await client.post(
        f"/v1/casussen/{rejected['id']}/intake", json=besluit("afgewezen"), headers=auth(GVV)
    )
    response = await place(client, auth, lijst_id, rejected["id"])
    assert response.status_code == 409
    assert response.json()["code"] == "casus-niet-toegelaten"
    closed = await admitted_case(client, auth)
    await close(client, auth, closed, "2026-01-01")
    response = await place(client, auth, lijst_id, closed)
    assert response.status_code == 409
    assert response.json()["code"] == "casus-niet-toegelaten"


async def test_case_of_another_partnership_is_404(
    client: httpx.AsyncClient, auth: AuthHeaders
) -> None:
    lijst_id = await published_list(client, auth)
    oost = await client.post(
        "/v1/casussen",
        json=AANMELDING,
        headers=auth("politie", zvh="zvh-oost"),
    )
    assert oost.status_code == 201, oost.text
    response = await place(client, auth, lijst_id, oost.json()["id"])
    assert refusal(response) == (404, "niet-gevonden")


async def test_only_joint_controllers_of_the_partnership(
    client: httpx.AsyncClient, auth: AuthHeaders
) -> None:
    lijst_id = await published_list(client, auth)
    casus_id = await admitted_case(client, auth)
    assert refusal(await place(client, auth, lijst_id, casus_id, caller="reclassering-nederland")) == (403, "geen-toegang")  # fmt: skip
    assert refusal(await place(client, auth, lijst_id, casus_id, caller="cjib")) == (
        403,
        "geen-toegang",
    )
    assert refusal(await place(client, auth, lijst_id, casus_id, caller="gemeente-zwolle", zvh="zvh-oost")) == (404, "niet-gevonden")  # fmt: skip
    for caller in ("reclassering-nederland", "cjib"):
        assert refusal(await client.get(url(lijst_id), headers=auth(caller))) == (
            403,
            "geen-toegang",
        )
    oost = await client.get(url(lijst_id), headers=auth("gemeente-zwolle", zvh="zvh-oost"))
    assert refusal(oost) == (404, "niet-gevonden")
    assert await current(client, auth, lijst_id) == []


async def test_duplicate_placement_is_409_until_removed(
    client: httpx.AsyncClient, auth: AuthHeaders
) -> None:
    lijst_id = await published_list(client, auth)
    casus_id = await admitted_case(client, auth)
    first = await place(client, auth, lijst_id, casus_id)
    assert first.status_code == 201
    again = await place(client, auth, lijst_id, casus_id)
    assert again.status_code == 409
    assert again.json()["code"] == "casus-al-geplaatst"
    # On another list the same case may be placed.
    other = await published_list(client, auth, "Top Y")
    assert (await place(client, auth, other, casus_id)).status_code == 201
    # After removal, it may be placed again on fresh facts.
    removed = await client.post(
        url(lijst_id, f"plaatsingen/{first.json()['id']}/verwijdering"),
        json={"reden": "Aanpak afgerond."},
        headers=auth(GVV),
    )
    assert removed.status_code == 200
    assert (await place(client, auth, lijst_id, casus_id)).status_code == 201


async def test_third_party_and_incidental_sources_are_refused(
    client: httpx.AsyncClient, auth: AuthHeaders
) -> None:
    lijst_id = await published_list(client, auth)
    casus_id = await admitted_case(client, auth)
    feiten = [*FEITEN, feit("aanhouding", "diefstal", "2025-12-01", "cjib")]
    feiten.append(feit("veroordeling", "geweld", "2025-12-01", "woningcorporatie"))
    response = await place(client, auth, lijst_id, casus_id, feiten)
    assert refusal(response) == (400, "ongeldige-invoer")
    params = response.json()["invalidParams"]
    assert [(p["name"], p["code"]) for p in params] == [
        ("feiten.4.bron", "bron-niet-toegestaan"),
        ("feiten.5.bron", "bron-niet-toegestaan"),
    ]
    assert await current(client, auth, lijst_id) == []


async def test_future_peildatum_is_400(client: httpx.AsyncClient, auth: AuthHeaders) -> None:
    lijst_id = await published_list(client, auth)
    casus_id = await admitted_case(client, auth)
    response = await place(client, auth, lijst_id, casus_id, peildatum="2999-01-01")
    assert response.status_code == 400
    assert response.json()["invalidParams"][0]["code"] == "datum-in-toekomst"


async def test_removal_with_reason_deletes_the_facts(
    client: httpx.AsyncClient, auth: AuthHeaders, db: Database
) -> None:
    lijst_id = await published_list(client, auth)
    casus_id = await admitted_case(client, auth)
    plaatsing = (await place(client, auth, lijst_id, casus_id)).json()
    assert await stored_facts(db, plaatsing["id"]) == 3
    verwijdering = url(lijst_id, f"plaatsingen/{plaatsing['id']}/verwijdering")
    assert refusal(await client.post(verwijdering, json={"reden": "x"}, headers=auth("ggz"))) == (403, "geen-toegang")  # fmt: skip
    assert refusal(await client.post(verwijdering, json={}, headers=auth(GVV))) == (
        400,
        "ongeldige-invoer",
    )
    response = await client.post(
        verwijdering, json={"reden": "Niet langer nodig: aanpak afgerond."}, headers=auth("om")
    )
    assert response.status_code == 200, response.text
    body = response.json()
    assert body["feiten"] == []
    assert body["verwijdering"]["reden"] == "niet-langer-nodig"
    assert body["verwijdering"]["toelichting"] == "Niet langer nodig: aanpak afgerond."
    assert body["verwijdering"]["door"] == "om"
    assert await stored_facts(db, plaatsing["id"]) == 0
    assert await current(client, auth, lijst_id) == []
    everything = await client.get(url(lijst_id) + "?inclusiefVerwijderd=true", headers=auth(GVV))
    [removed] = everything.json()["plaatsingen"]
    assert removed["id"] == plaatsing["id"]
    assert removed["feiten"] == []
    assert removed["verwijdering"]["reden"] == "niet-langer-nodig"
    again = await client.post(verwijdering, json={"reden": "Nogmaals."}, headers=auth(GVV))
    assert again.status_code == 409
    assert again.json()["code"] == "plaatsing-al-verwijderd"
    unknown = url(lijst_id, "plaatsingen/00000000-0000-0000-0000-000000000000/verwijdering")
    assert refusal(await client.post(unknown, json={"reden": "x"}, headers=auth(GVV))) == (
        404,
        "niet-gevonden",
    )


async def test_reevaluation_removes_at_once_whose_facts_left_the_window(
    client: httpx.AsyncClient, auth: AuthHeaders, db: Database, vandaag: SetToday
) -> None:
    lijst_id = await published_list(client, auth)
    oud = (await place(client, auth, lijst_id, await admitted_case(client, auth))).json()
    assert oud["vervaltOp"] == "2026-06-02"
    vandaag("2026-03-01")
    recent = (
        await place(
            client, auth, lijst_id, await admitted_case(client, auth), FEITEN_RECENT, "2026-03-01"
        )
    ).json()
    herbeoordeling = url(lijst_id, "herbeoordelingen")
    # 2026-06-01: the window of the arrest starts on 2025-06-01, inclusive: both stay.
    vandaag("2026-06-01")
    kept = await client.post(herbeoordeling, json={"peildatum": "2026-06-01"}, headers=auth(GVV))
    assert kept.status_code == 200, kept.text
    assert (kept.json()["beoordeeld"], kept.json()["gehandhaafd"], kept.json()["verwijderd"]) == (2, 2, [])  # fmt: skip
    vandaag("2026-06-02")
    response = await client.post(
        herbeoordeling, json={"peildatum": "2026-06-02"}, headers=auth(GVV)
    )
    body = response.json()
    assert (body["versie"], body["beoordeeld"], body["gehandhaafd"]) == (1, 2, 1)
    [verwijderd] = body["verwijderd"]
    assert verwijderd["plaatsing"] == oud["id"]
    assert verwijderd["reden"] == "criteria-niet-meer-voldaan"
    assert "/alle/1: 0 aanhouding gevonden" in verwijderd["toelichting"]
    assert await stored_facts(db, oud["id"]) == 0
    assert await stored_facts(db, recent["id"]) == 3
    [gebleven] = await current(client, auth, lijst_id)
    assert gebleven["id"] == recent["id"]
    assert gebleven["beoordeeldOp"] == "2026-06-02"
    everything = await client.get(url(lijst_id) + "?inclusiefVerwijderd=true", headers=auth(GVV))
    removed = next(p for p in everything.json()["plaatsingen"] if p["id"] == oud["id"])
    assert removed["verwijdering"]["door"] == GVV
    assert removed["verwijdering"]["reden"] == "criteria-niet-meer-voldaan"


async def test_reevaluation_refusals(client: httpx.AsyncClient, auth: AuthHeaders) -> None:
    lijst = await create(client, auth)
    herbeoordeling = url(lijst["id"], "herbeoordelingen")
    body = {"peildatum": "2026-01-01"}
    concept = await client.post(herbeoordeling, json=body, headers=auth(GVV))
    assert refusal(concept) == (409, "lijst-niet-gepubliceerd")
    await publish(client, auth, lijst["id"])
    assert refusal(await client.post(herbeoordeling, json=body, headers=auth("ggz"))) == (
        403,
        "geen-toegang",
    )
    future = await client.post(herbeoordeling, json={"peildatum": "2999-01-01"}, headers=auth(GVV))
    assert refusal(future) == (400, "ongeldige-invoer")
    oost = await client.post(
        herbeoordeling, json=body, headers=auth("gemeente-zwolle", zvh="zvh-oost")
    )
    assert refusal(oost) == (404, "niet-gevonden")


async def test_a_placement_on_a_later_peildatum_is_left_alone(
    client: httpx.AsyncClient, auth: AuthHeaders, vandaag: SetToday
) -> None:
    vandaag("2026-06-01")
    lijst_id = await published_list(client, auth)
    await place(client, auth, lijst_id, await admitted_case(client, auth), FEITEN_RECENT, "2026-06-01")  # fmt: skip
    response = await client.post(
        url(lijst_id, "herbeoordelingen"), json={"peildatum": "2026-01-01"}, headers=auth(GVV)
    )
    assert (response.json()["beoordeeld"], response.json()["nietBeoordeeld"]) == (0, 1)
    assert len(await current(client, auth, lijst_id)) == 1


async def test_closing_the_case_removes_it_from_the_list_at_once(
    client: httpx.AsyncClient, auth: AuthHeaders, db: Database, vandaag: SetToday
) -> None:
    vandaag("2026-03-01")
    lijst_id = await published_list(client, auth)
    casus_id = await admitted_case(client, auth)
    plaatsing = (await place(client, auth, lijst_id, casus_id, FEITEN_RECENT, "2026-03-01")).json()
    await close(client, auth, casus_id, "2026-03-01")
    assert await current(client, auth, lijst_id) == []
    assert await stored_facts(db, plaatsing["id"]) == 0
    everything = await client.get(url(lijst_id) + "?inclusiefVerwijderd=true", headers=auth(GVV))
    [removed] = everything.json()["plaatsingen"]
    assert removed["verwijdering"]["reden"] == "casus-niet-meer-toegelaten"
    assert "afgesloten" in removed["verwijdering"]["toelichting"]
    log = await client.get(
        f"/v1/verwerkingen?casusId={casus_id}&paginaGrootte=500",
        headers=auth("gemeente-utrecht", "beheerder"),
    )
    activiteiten = [v["activiteit"] for v in log.json()["verwerkingen"]]
    assert activiteiten[-2:] == ["casus-afsluiten", "prioriteringslijst-verwijderen"]


async def test_rejection_at_the_definitive_assessment_removes_it(
    client: httpx.AsyncClient, auth: AuthHeaders
) -> None:
    lijst_id = await published_list(client, auth)
    casus = await create_casus(client, auth)
    await intake(client, auth, casus["id"])
    assert (await place(client, auth, lijst_id, casus["id"])).status_code == 201
    rejected = await client.post(
        f"/v1/casussen/{casus['id']}/definitieve-beoordeling",
        json=besluit("afgewezen"),
        headers=auth(GVV),
    )
    assert rejected.status_code == 200, rejected.text
    assert await current(client, auth, lijst_id) == []


async def test_reevaluation_removes_a_case_that_left_the_process(
    client: httpx.AsyncClient, auth: AuthHeaders, db: Database, vandaag: SetToday
) -> None:
    """Whatever way the case left the process, the re-evaluation catches it."""
    vandaag("2026-06-01")
    lijst_id = await published_list(client, auth)
    casus_id = await admitted_case(client, auth)
    plaatsing = (await place(client, auth, lijst_id, casus_id, FEITEN_RECENT, "2026-03-01")).json()
    async with db.session() as session:
        await session.execute(
            update(CasusRow).where(CasusRow.id == casus_id).values(status="afgesloten")
        )
        await session.commit()
    response = await client.post(
        url(lijst_id, "herbeoordelingen"), json={"peildatum": "2026-06-01"}, headers=auth(GVV)
    )
    [verwijderd] = response.json()["verwijderd"]
    assert verwijderd["plaatsing"] == plaatsing["id"]
    assert verwijderd["reden"] == "casus-niet-meer-toegelaten"
    assert await stored_facts(db, plaatsing["id"]) == 0
    assert await current(client, auth, lijst_id) == []


async def test_a_new_published_version_applies_on_reevaluation(
    client: httpx.AsyncClient, auth: AuthHeaders, vandaag: SetToday
) -> None:
    vandaag("2026-06-01")
    lijst_id = await published_list(client, auth)
    await place(
        client, auth, lijst_id, await admitted_case(client, auth), FEITEN_RECENT, "2026-03-01"
    )
    strenger = {"telling": {"soort": "veroordeling", "periodeMaanden": 24}, "minimaal": 3}
    await client.post(
        url(lijst_id, "versies"),
        json={"omschrijving": "Strenger.", "criteria": strenger},
        headers=auth(GVV),
    )
    await publish(client, auth, lijst_id)
    response = await client.post(
        url(lijst_id, "herbeoordelingen"), json={"peildatum": "2026-06-01"}, headers=auth(GVV)
    )
    body = response.json()
    assert body["versie"] == 2
    assert [v["reden"] for v in body["verwijderd"]] == ["criteria-niet-meer-voldaan"]


async def test_processing_log_has_placement_and_removal(
    client: httpx.AsyncClient, auth: AuthHeaders
) -> None:
    lijst_id = await published_list(client, auth)
    casus_id = await admitted_case(client, auth)
    bsn = (await client.get(f"/v1/casussen/{casus_id}", headers=auth(GVV))).json()["betrokkene"][
        "bsn"
    ]
    plaatsing = (await place(client, auth, lijst_id, casus_id)).json()
    await place(client, auth, lijst_id, casus_id)  # refused: already placed
    await client.post(
        url(lijst_id, f"plaatsingen/{plaatsing['id']}/verwijdering"),
        json={"reden": "Niet langer nodig."},
        headers=auth("om"),
    )
    response = await client.get(
        f"/v1/verwerkingen?casusId={casus_id}&paginaGrootte=500",
        headers=auth("gemeente-utrecht", "beheerder"),
    )
    entries = [
        v
        for v in response.json()["verwerkingen"]
        if v["activiteit"].startswith("prioriteringslijst")
    ]
    assert [(v["activiteit"], v["handeling"], v["resultaat"], v["deelnemer"]) for v in entries] == [
        ("prioriteringslijst-plaatsen", "vastleggen", "geslaagd", GVV),
        ("prioriteringslijst-plaatsen", "vastleggen", "mislukt", GVV),  # 409
        ("prioriteringslijst-verwijderen", "wijzigen", "geslaagd", "om"),
    ]
    pseudoniemen = {v["betrokkene"] for v in entries}
    assert len(pseudoniemen) == 1
    assert None not in pseudoniemen
    assert bsn
    assert bsn not in response.text


async def test_reevaluate_all_as_the_cli_does(
    client: httpx.AsyncClient, auth: AuthHeaders, db: Database, vandaag: SetToday
) -> None:
    lijst_id = await published_list(client, auth)
    oud = (await place(client, auth, lijst_id, await admitted_case(client, auth))).json()
    vandaag("2026-03-01")
    await place(
        client, auth, lijst_id, await admitted_case(client, auth), FEITEN_RECENT, "2026-03-01"
    )
    concept = await create(client, auth, "Concept")  # not published: not re-evaluated
    vandaag("2026-06-02")
    resultaten = await reevaluate_all(db, date(2026, 6, 2), "zvh-demo", vandaag=date(2026, 6, 2))
    mine = [r for r in resultaten if r.lijst_id == lijst_id]
    assert [(r.beoordeeld, r.gehandhaafd, len(r.verwijderd)) for r in mine] == [(2, 1, 1)]
    assert concept["id"] not in {r.lijst_id for r in resultaten}
    assert mine[0].verwijderd[0].plaatsing_id == oud["id"]
    assert await stored_facts(db, oud["id"]) == 0
    log = await client.get(
        f"/v1/verwerkingen?casusId={oud['casusId']}&paginaGrootte=500",
        headers=auth("gemeente-utrecht", "beheerder"),
    )
    [removal] = [
        v for v in log.json()["verwerkingen"] if v["activiteit"] == "prioriteringslijst-verwijderen"
    ]
    assert (removal["deelnemer"], removal["sub"]) == ("systeem", "zvh priority-lists reevaluate")
    assert removal["betrokkene"] is not None
    everything = await client.get(url(lijst_id) + "?inclusiefVerwijderd=true", headers=auth(GVV))
    removed = next(p for p in everything.json()["plaatsingen"] if p["id"] == oud["id"])
    assert removed["verwijdering"]["door"] == "systeem"
    # Another partnership's lists are not touched by a run for zvh-demo.
    assert all(
        r.lijst_id != lijst_id
        for r in await reevaluate_all(db, date(2026, 6, 2), "zvh-oost", vandaag=date(2026, 6, 2))
    )


async def test_cli_prints_counts_only(settings: Settings) -> None:
    env = {
        **os.environ,
        "ZVH_DATABASE_URL": settings.database_url,
        "ZVH_DEV_KEY_DIR": str(settings.dev_key_dir),
    }
    command = [sys.executable, "-m", "app.cli", "priority-lists", "reevaluate"]
    done = await anyio.run_process([*command, "--as-of", "2026-06-02"], env=env, check=False)
    assert done.returncode == 0, done.stderr
    assert b"re-evaluated on 2026-06-02" in done.stderr
    for line in done.stdout.decode().splitlines():
        assert "beoordeeld" in line
        assert "gehandhaafd" in line
    future = await anyio.run_process([*command, "--as-of", "2999-01-01"], env=env, check=False)
    assert future.returncode == 2


async def test_withdrawing_the_list_ends_its_placements(
    client: httpx.AsyncClient, auth: AuthHeaders, db: Database
) -> None:
    lijst_id = await published_list(client, auth)
    casus_id = await admitted_case(client, auth)
    plaatsing = (await place(client, auth, lijst_id, casus_id)).json()
    other = await published_list(client, auth, "Top Y")
    kept = (await place(client, auth, other, casus_id)).json()
    withdrawn = await client.post(url(lijst_id, "intrekking"), headers=auth("om"))
    assert withdrawn.status_code == 200
    assert await current(client, auth, lijst_id) == []
    assert await stored_facts(db, plaatsing["id"]) == 0
    everything = await client.get(url(lijst_id) + "?inclusiefVerwijderd=true", headers=auth(GVV))
    [removed] = everything.json()["plaatsingen"]
    assert (removed["verwijdering"]["reden"], removed["verwijdering"]["door"]) == ("lijst-ingetrokken", "om")  # fmt: skip
    # The case stays on the other list.
    assert [p["id"] for p in await current(client, auth, other)] == [kept["id"]]
    assert await stored_facts(db, kept["id"]) == 3


# -- Placements hold today (issue 11) ---------------------------------------------------


async def test_facts_that_met_the_criteria_only_on_a_past_peildatum_are_refused(
    client: httpx.AsyncClient, auth: AuthHeaders, vandaag: SetToday
) -> None:
    """The issue's reproduction: placed today on facts that held on 2026-01-01 only."""
    vandaag("2026-06-02")
    lijst_id = await published_list(client, auth)
    casus_id = await admitted_case(client, auth)
    response = await place(client, auth, lijst_id, casus_id, peildatum="2026-01-01")
    assert response.status_code == 409
    problem = response.json()
    assert problem["code"] == "criteria-niet-voldaan"
    assert "Op 2026-06-02: /alle/1: 0 aanhouding gevonden" in problem["detail"]
    assert "Op 2026-01-01" not in problem["detail"]
    assert await current(client, auth, lijst_id) == []


async def test_without_a_peildatum_today_applies_and_the_expiry_is_stored(
    client: httpx.AsyncClient, auth: AuthHeaders, vandaag: SetToday
) -> None:
    vandaag("2026-03-01")
    lijst_id = await published_list(client, auth)
    casus_id = await admitted_case(client, auth)
    response = await client.post(
        url(lijst_id), json={"casusId": casus_id, "feiten": FEITEN_RECENT}, headers=auth(GVV)
    )
    assert response.status_code == 201, response.text
    body = response.json()
    assert body["peildatum"] == "2026-03-01"
    # The first conviction (2025-01-10) leaves the 24-month window on 2027-01-11.
    assert (body["vervaltOp"], body["vervallen"]) == ("2027-01-11", False)


async def test_a_placement_past_its_expiry_counts_nowhere(
    client: httpx.AsyncClient, auth: AuthHeaders, db: Database, vandaag: SetToday
) -> None:
    lijst_id = await published_list(client, auth)
    casus_id = await admitted_case(client, auth)
    plaatsing = (await place(client, auth, lijst_id, casus_id)).json()
    assert plaatsing["vervaltOp"] == "2026-06-02"
    vandaag("2026-06-01")
    assert [p["id"] for p in await current(client, auth, lijst_id)] == [plaatsing["id"]]
    # From vervaltOp on, before any re-evaluation: not on the list, facts not shown.
    vandaag("2026-06-02")
    assert await current(client, auth, lijst_id) == []
    everything = await client.get(url(lijst_id) + "?inclusiefVerwijderd=true", headers=auth(GVV))
    [vervallen] = everything.json()["plaatsingen"]
    assert (vervallen["vervallen"], vervallen["feiten"], vervallen["verwijdering"]) == (
        True,
        [],
        None,
    )
    # Nor does it block a new placement on fresh facts: the old one ends, its facts erased.
    fresh = await place(
        client, auth, lijst_id, casus_id, actuele_feiten(date(2026, 6, 2)), "2026-06-02"
    )
    assert fresh.status_code == 201, fresh.text
    assert await stored_facts(db, plaatsing["id"]) == 0
    everything = await client.get(url(lijst_id) + "?inclusiefVerwijderd=true", headers=auth(GVV))
    ended = next(p for p in everything.json()["plaatsingen"] if p["id"] == plaatsing["id"])
    assert ended["verwijdering"]["reden"] == "criteria-niet-meer-voldaan"
    assert "2026-06-02" in ended["verwijdering"]["toelichting"]
    assert [p["id"] for p in await current(client, auth, lijst_id)] == [fresh.json()["id"]]


async def test_a_reevaluation_on_a_past_peildatum_still_judges_today(
    client: httpx.AsyncClient, auth: AuthHeaders, db: Database, vandaag: SetToday
) -> None:
    lijst_id = await published_list(client, auth)
    plaatsing = (await place(client, auth, lijst_id, await admitted_case(client, auth))).json()
    vandaag("2026-06-02")
    response = await client.post(
        url(lijst_id, "herbeoordelingen"), json={"peildatum": "2026-01-01"}, headers=auth(GVV)
    )
    [verwijderd] = response.json()["verwijderd"]
    assert verwijderd["plaatsing"] == plaatsing["id"]
    assert "Op 2026-06-02" in verwijderd["toelichting"]
    assert await stored_facts(db, plaatsing["id"]) == 0


async def test_reevaluation_is_idempotent_and_renews_the_expiry(
    client: httpx.AsyncClient, auth: AuthHeaders, db: Database, vandaag: SetToday
) -> None:
    lijst_id = await published_list(client, auth)
    oud = (await place(client, auth, lijst_id, await admitted_case(client, auth))).json()
    vandaag("2026-03-01")
    recent = (
        await place(
            client, auth, lijst_id, await admitted_case(client, auth), FEITEN_RECENT, "2026-03-01"
        )
    ).json()
    # A stricter version: only the arrest clause's 12 months, with 2 convictions in 18.
    strenger = {
        "alle": [
            {"telling": {"soort": "veroordeling", "periodeMaanden": 18}, "minimaal": 2},
            {"telling": {"soort": "aanhouding", "periodeMaanden": 12}, "minimaal": 1},
        ]
    }
    await client.post(
        url(lijst_id, "versies"),
        json={"omschrijving": "Korter venster.", "criteria": strenger},
        headers=auth(GVV),
    )
    await publish(client, auth, lijst_id)
    vandaag("2026-06-02")
    eerste = await reevaluate_all(db, date(2026, 6, 2), "zvh-demo", vandaag=date(2026, 6, 2))
    tweede = await reevaluate_all(db, date(2026, 6, 2), "zvh-demo", vandaag=date(2026, 6, 2))
    [a] = [r for r in eerste if r.lijst_id == lijst_id]
    [b] = [r for r in tweede if r.lijst_id == lijst_id]
    assert (a.beoordeeld, a.gehandhaafd, [v.plaatsing_id for v in a.verwijderd]) == (
        2,
        1,
        [oud["id"]],
    )
    assert (b.beoordeeld, b.gehandhaafd, b.verwijderd) == (1, 1, ())
    [gebleven] = await current(client, auth, lijst_id)
    assert gebleven["id"] == recent["id"]
    # Renewed for version 2: the conviction of 2025-01-10 leaves 18 months on 2026-07-11.
    assert (gebleven["beoordeeldeVersie"], gebleven["vervaltOp"]) == (2, "2026-07-11")
    vandaag("2026-07-11")
    assert await current(client, auth, lijst_id) == []
