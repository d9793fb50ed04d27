"""The processing log: who may read it, what it records, and that it cannot be changed."""

import httpx
import pytest
from sqlalchemy import delete, text, update
from sqlalchemy.exc import DBAPIError

from app.db.session import Database
from app.db.tables import VerwerkingRow
from tests.conftest import AuthHeaders
from tests.probleemcodes import refusal

pytestmark = pytest.mark.anyio


@pytest.mark.parametrize(
    ("deelnemer", "rollen", "status"),
    [
        ("gemeente-utrecht", ("functionaris-gegevensbescherming",), 200),
        # The FG of any joint controller reads the log, not only the coordinating one.
        ("om", ("functionaris-gegevensbescherming",), 200),
        ("gemeente-utrecht", ("beheerder",), 200),
        # A beheerder role counts only at the designated organisation (issue 10).
        ("politie", ("beheerder",), 403),
        ("ggz", ("beheerder",), 403),
        # A private participant's data protection officer is not the joint controllers'.
        ("ggz", ("functionaris-gegevensbescherming",), 403),
        ("politie", ("medewerker",), 403),
        ("gemeente-utrecht", ("contactpunt", "netwerkmanager", "procesregisseur"), 403),
    ],
)
async def test_who_may_read_the_log(
    client: httpx.AsyncClient,
    auth: AuthHeaders,
    deelnemer: str,
    rollen: tuple[str, ...],
    status: int,
) -> None:
    response = await client.get("/v1/verwerkingen", headers=auth(deelnemer, *rollen))
    assert response.status_code == status
    if status == 403:
        assert response.json()["code"] == "geen-toegang"


async def test_incidental_participant_may_not_read_the_log(
    client: httpx.AsyncClient, auth: AuthHeaders
) -> None:
    headers = auth("cjib", "beheerder", deelnemertype="incidenteel")
    assert refusal(await client.get("/v1/verwerkingen", headers=headers)) == (403, "geen-toegang")


async def test_reading_the_log_is_itself_logged_with_trace(
    client: httpx.AsyncClient, auth: AuthHeaders
) -> None:
    trace_id = "0af7651916cd43dd8448eb211c80319c"
    headers = {
        **auth("gemeente-utrecht", "beheerder"),
        "traceparent": f"00-{trace_id}-b7ad6b7169203331-01",
    }
    await client.get("/v1/verwerkingen", headers=headers)
    page = (
        await client.get(
            "/v1/verwerkingen?paginaGrootte=500", headers=auth("gemeente-utrecht", "beheerder")
        )
    ).json()
    first = next(v for v in page["verwerkingen"] if v["traceId"] == trace_id)
    assert first["activiteit"] == "verwerkingen-raadplegen"
    assert first["traceId"] == trace_id
    assert first["deelnemer"] == "gemeente-utrecht"
    assert first["rollen"] == ["beheerder"]
    assert first["resultaat"] == "geslaagd"
    assert first["grondslag"]


async def test_log_is_per_partnership_and_paginated(
    client: httpx.AsyncClient, auth: AuthHeaders
) -> None:
    for _ in range(3):
        await client.get("/v1/verwerkingen", headers=auth("gemeente-utrecht", "beheerder"))
    oost = (
        await client.get(
            "/v1/verwerkingen", headers=auth("gemeente-zwolle", "beheerder", zvh="zvh-oost")
        )
    ).json()
    assert oost["verwerkingen"] == []
    page = (
        await client.get(
            "/v1/verwerkingen?paginaGrootte=2", headers=auth("gemeente-utrecht", "beheerder")
        )
    ).json()
    assert len(page["verwerkingen"]) == 2
    assert page["volgende"] == "/v1/verwerkingen?pagina=2&paginaGrootte=2"
    rest = (
        await client.get(page["volgende"], headers=auth("gemeente-utrecht", "beheerder"))
    ).json()
    assert {v["id"] for v in rest["verwerkingen"]}.isdisjoint(
        {v["id"] for v in page["verwerkingen"]}
    )


async def test_bad_paging_is_400(client: httpx.AsyncClient, auth: AuthHeaders) -> None:
    response = await client.get(
        "/v1/verwerkingen?pagina=0&paginaGrootte=9999",
        headers=auth("gemeente-utrecht", "beheerder"),
    )
    assert refusal(response) == (400, "ongeldige-invoer")
    assert {p["name"] for p in response.json()["invalidParams"]} == {"pagina", "paginaGrootte"}


async def test_the_database_refuses_changes_to_the_log(
    client: httpx.AsyncClient, auth: AuthHeaders, db: Database
) -> None:
    await client.get("/v1/verwerkingen", headers=auth("gemeente-utrecht", "beheerder"))
    for statement in (update(VerwerkingRow).values(sub="iemand-anders"), delete(VerwerkingRow)):
        async with db.session() as session:
            await session.execute(text("SELECT 1"))
            with pytest.raises(DBAPIError, match="append-only"):
                await session.execute(statement)
            await session.rollback()
