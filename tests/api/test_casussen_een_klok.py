"""One clock per person (art. 1.8 lid 7 WGS; contract version 2): a second registration of
someone with a running case is refused without revealing that case; a re-registration
after closure starts a new term and links only to a closed case still within its archive
date; two simultaneous registrations of one person never both succeed."""

from datetime import timedelta
from typing import Any

import anyio
import httpx
import pytest
from sqlalchemy import func, select
from sqlalchemy.ext.asyncio import AsyncEngine

from app.db.session import Database
from app.db.tables import BetrokkeneRow, CasusRow
from app.services.bewaartermijn import today_in_amsterdam
from tests.conftest import AuthHeaders
from tests.factories.casussen import AANMELDING, aanmelding, admit, besluit, close
from tests.probleemcodes import refusal

pytestmark = pytest.mark.anyio


def persoon(bsn: str | None = None) -> dict[str, Any]:
    body = aanmelding()
    betrokkene: dict[str, Any] = body["betrokkene"]
    if bsn is not None:
        betrokkene["bsn"] = bsn
    return betrokkene


async def register(
    client: httpx.AsyncClient, auth: AuthHeaders, betrokkene: dict[str, Any], **extra: Any
) -> httpx.Response:
    deelnemer = extra.pop("deelnemer", "politie")
    zvh = extra.pop("zvh", "zvh-demo")
    return await client.post(
        "/v1/casussen",
        json=aanmelding(betrokkene=betrokkene, **extra),
        headers=auth(deelnemer, zvh=zvh),
    )


async def _count(db: Database, bsn: str) -> int:
    async with db.session() as session:
        found = await session.scalar(
            select(func.count()).select_from(BetrokkeneRow).where(BetrokkeneRow.bsn == bsn)
        )
    return int(found or 0)


@pytest.mark.parametrize("tweede", ["politie", "om", "reclassering-nederland"])
async def test_a_second_registration_of_a_running_case_is_refused(
    client: httpx.AsyncClient, auth: AuthHeaders, db: Database, tweede: str
) -> None:
    betrokkene = persoon()
    first = await register(client, auth, betrokkene)
    assert first.status_code == 201, first.text
    casus_id = first.json()["id"]
    await admit(client, auth, casus_id)
    second = await register(client, auth, betrokkene, deelnemer=tweede, aanmelddatum="2026-01-05")
    assert second.status_code == 409, second.text
    problem = second.json()
    assert problem["code"] == "betrokkene-heeft-lopende-casus"
    # Nothing about the running case: not its id, status, dates or registrant.
    for hint in (casus_id, "in-behandeling", "politie", first.json()["aanmelddatum"]):
        assert hint not in second.text
    assert "Location" not in second.headers
    assert await _count(db, betrokkene["bsn"]) == 1
    # The running case keeps its own clock.
    read = await client.get(f"/v1/casussen/{casus_id}", headers=auth("gemeente-utrecht"))
    assert read.json()["aanmelddatum"] == first.json()["aanmelddatum"]


async def test_the_refused_attempt_is_in_the_running_cases_log(
    client: httpx.AsyncClient, auth: AuthHeaders
) -> None:
    betrokkene = persoon()
    casus_id = (await register(client, auth, betrokkene)).json()["id"]
    assert refusal(await register(client, auth, betrokkene, deelnemer="om")) == (
        409,
        "betrokkene-heeft-lopende-casus",
    )
    log = await client.get(
        f"/v1/verwerkingen?casusId={casus_id}", headers=auth("gemeente-utrecht", "beheerder")
    )
    seen = [(e["activiteit"], e["deelnemer"], e["resultaat"]) for e in log.json()["verwerkingen"]]
    assert ("casus-aanmelden", "om", "mislukt") in seen


@pytest.mark.parametrize("status", ["aangemeld", "gegevensverzameling"])
async def test_every_open_status_counts(
    client: httpx.AsyncClient, auth: AuthHeaders, status: str
) -> None:
    betrokkene = persoon()
    casus_id = (await register(client, auth, betrokkene)).json()["id"]
    if status == "gegevensverzameling":
        intake = await client.post(
            f"/v1/casussen/{casus_id}/intake", json=besluit(), headers=auth("gemeente-utrecht")
        )
        assert intake.json()["status"] == status
    assert refusal(await register(client, auth, betrokkene, deelnemer="om")) == (
        409,
        "betrokkene-heeft-lopende-casus",
    )


async def test_after_closure_a_new_term_linked_to_the_closed_case(
    client: httpx.AsyncClient, auth: AuthHeaders
) -> None:
    betrokkene = persoon()
    first = (await register(client, auth, betrokkene, aanmelddatum="2025-01-10")).json()
    await admit(client, auth, first["id"])
    gisteren = today_in_amsterdam() - timedelta(days=1)
    await close(client, auth, first["id"], gisteren.isoformat())
    again = await register(client, auth, betrokkene)
    assert again.status_code == 201, again.text
    assert again.json()["vorigeCasusId"] == first["id"]
    vandaag = today_in_amsterdam()
    assert again.json()["aanmelddatum"] == vandaag.isoformat()
    # And now that one runs: a third registration is refused.
    assert refusal(await register(client, auth, betrokkene, deelnemer="om")) == (
        409,
        "betrokkene-heeft-lopende-casus",
    )


async def test_a_rejected_registration_does_not_block_and_is_linked(
    client: httpx.AsyncClient, auth: AuthHeaders
) -> None:
    betrokkene = persoon()
    first = (await register(client, auth, betrokkene)).json()
    rejected = await client.post(
        f"/v1/casussen/{first['id']}/intake",
        json=besluit("afgewezen"),
        headers=auth("gemeente-utrecht"),
    )
    assert rejected.status_code == 200
    again = await register(client, auth, betrokkene, deelnemer="om")
    assert again.status_code == 201, again.text
    assert again.json()["vorigeCasusId"] == first["id"]


async def test_a_case_past_its_archive_date_is_not_linked(
    client: httpx.AsyncClient, auth: AuthHeaders
) -> None:
    betrokkene = persoon()
    old = (await register(client, auth, betrokkene, aanmelddatum="2020-01-10")).json()
    await admit(client, auth, old["id"])
    await close(client, auth, old["id"], "2021-03-01")  # archive date 2022-03-01, passed
    again = await register(client, auth, betrokkene)
    assert again.status_code == 201, again.text
    assert again.json()["vorigeCasusId"] is None


async def test_an_open_case_past_its_maximum_no_longer_holds_the_clock(
    client: httpx.AsyncClient, auth: AuthHeaders
) -> None:
    """Registered in 2019 and never closed: its maximum (2024) passed, its data is due for
    the archive; the person's clock ran out, so a new registration starts a new one."""
    betrokkene = persoon()
    old = await register(client, auth, betrokkene, aanmelddatum="2019-01-10")
    assert old.status_code == 201
    again = await register(client, auth, betrokkene, deelnemer="om")
    assert again.status_code == 201, again.text
    assert again.json()["vorigeCasusId"] is None


async def test_the_clock_is_per_partnership_and_needs_a_bsn(
    client: httpx.AsyncClient, auth: AuthHeaders
) -> None:
    betrokkene = persoon()
    assert (await register(client, auth, betrokkene)).status_code == 201
    oost = await register(client, auth, betrokkene, deelnemer="politie", zvh="zvh-oost")
    assert oost.status_code == 201, oost.text
    # Without a BSN there is no reliable identity: names and dates are not matched.
    zonder = {k: v for k, v in AANMELDING["betrokkene"].items() if k != "bsn"}
    for _ in range(2):
        assert (await register(client, auth, zonder)).status_code == 201


async def test_bad_input_is_400_before_the_clock(
    client: httpx.AsyncClient, auth: AuthHeaders
) -> None:
    betrokkene = persoon()
    assert (await register(client, auth, betrokkene)).status_code == 201
    future = await register(client, auth, betrokkene, aanmelddatum="2999-01-01")
    assert future.status_code == 400
    assert future.json()["invalidParams"][0]["code"] == "datum-in-toekomst"


async def test_two_registrations_of_one_person_at_once_create_one_case(
    live_client: httpx.AsyncClient, auth: AuthHeaders, engine: AsyncEngine
) -> None:
    betrokkene = persoon()
    results: list[httpx.Response] = []

    async def send(deelnemer: str) -> None:
        results.append(await register(live_client, auth, betrokkene, deelnemer=deelnemer))

    async with anyio.create_task_group() as group:
        for deelnemer in ("politie", "om", "gemeente-zeist"):
            group.start_soon(send, deelnemer)
    statuses = sorted(r.status_code for r in results)
    assert statuses == [201, 409, 409], [r.text for r in results]
    assert {r.json()["code"] for r in results if r.status_code == 409} == {
        "betrokkene-heeft-lopende-casus"
    }
    async with engine.connect() as conn:
        stored = await conn.scalar(
            select(func.count())
            .select_from(CasusRow)
            .join(BetrokkeneRow, BetrokkeneRow.casus_id == CasusRow.id)
            .where(BetrokkeneRow.bsn == betrokkene["bsn"])
        )
    assert stored == 1
