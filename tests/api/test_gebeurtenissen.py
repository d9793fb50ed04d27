"""What follows from a case or list decision happens once, through the handler table:
placements end after closure, rejection, list withdrawal and anonymisation (art. 2.32 lid
4 WGS), each with one processing-log entry, and nothing ends twice."""

from datetime import UTC, date, datetime

import httpx
import pytest
from fastapi import FastAPI
from sqlalchemy import select

from app.config import Settings
from app.db.session import Database
from app.db.tables_plaatsing import PrioriteringsplaatsingRow
from app.domain.events import CasussenGeanonimiseerd
from app.services.handlers import Omgeving, dispatch
from tests.conftest import AuthHeaders
from tests.factories.casussen import besluit, close, create_casus
from tests.factories.klok import pin_today
from tests.factories.prioritering import (
    admitted_case,
    intake,
    place,
    published_list,
    stored_facts,
    url,
)

pytestmark = pytest.mark.anyio

GVV = "gemeente-utrecht"
NIEUWJAAR = "2026-01-01"  # the placement helpers' default peildatum


@pytest.fixture(autouse=True)
def op_nieuwjaarsdag(app: FastAPI) -> None:
    pin_today(app, NIEUWJAAR)


async def placement(db: Database, plaatsing_id: str) -> PrioriteringsplaatsingRow:
    async with db.session() as session:
        row = await session.get(PrioriteringsplaatsingRow, plaatsing_id)
    assert row is not None
    return row


async def removals(client: httpx.AsyncClient, auth: AuthHeaders, casus_id: str) -> int:
    """Processing-log entries of a placement of this case ending."""
    response = await client.get(
        f"/v1/verwerkingen?casusId={casus_id}&paginaGrootte=500",
        headers=auth(GVV, "beheerder"),
    )
    assert response.status_code == 200, response.text
    return sum(
        v["activiteit"] == "prioriteringslijst-verwijderen" for v in response.json()["verwerkingen"]
    )


async def placed(client: httpx.AsyncClient, auth: AuthHeaders, lijst_id: str, casus_id: str) -> str:
    response = await place(client, auth, lijst_id, casus_id)
    assert response.status_code == 201, response.text
    return str(response.json()["id"])


async def test_closure_ends_the_placement_once(
    client: httpx.AsyncClient, auth: AuthHeaders, db: Database
) -> None:
    lijst_id = await published_list(client, auth)
    casus_id = await admitted_case(client, auth)
    plaatsing_id = await placed(client, auth, lijst_id, casus_id)
    await close(client, auth, casus_id, NIEUWJAAR)
    row = await placement(db, plaatsing_id)
    assert (row.verwijderreden, row.verwijderd_door) == ("casus-niet-meer-toegelaten", GVV)
    assert "afgesloten" in (row.verwijdertoelichting or "")
    assert await stored_facts(db, plaatsing_id) == 0
    assert await removals(client, auth, casus_id) == 1


async def test_rejection_at_the_definitive_assessment_ends_the_placement_once(
    client: httpx.AsyncClient, auth: AuthHeaders, db: Database
) -> None:
    lijst_id = await published_list(client, auth)
    casus = await create_casus(client, auth)
    await intake(client, auth, casus["id"])
    plaatsing_id = await placed(client, auth, lijst_id, casus["id"])
    rejected = await client.post(
        f"/v1/casussen/{casus['id']}/definitieve-beoordeling",
        json=besluit("afgewezen"),
        headers=auth(GVV),
    )
    assert rejected.status_code == 200, rejected.text
    row = await placement(db, plaatsing_id)
    assert row.verwijderreden == "casus-niet-meer-toegelaten"
    assert "afgewezen" in (row.verwijdertoelichting or "")
    assert await stored_facts(db, plaatsing_id) == 0
    assert await removals(client, auth, casus["id"]) == 1


async def test_admission_ends_nothing(
    client: httpx.AsyncClient, auth: AuthHeaders, db: Database
) -> None:
    lijst_id = await published_list(client, auth)
    casus = await create_casus(client, auth)
    await intake(client, auth, casus["id"])
    plaatsing_id = await placed(client, auth, lijst_id, casus["id"])
    admitted = await client.post(
        f"/v1/casussen/{casus['id']}/definitieve-beoordeling", json=besluit(), headers=auth(GVV)
    )
    assert admitted.status_code == 200, admitted.text
    assert (await placement(db, plaatsing_id)).verwijderd_op is None
    assert await removals(client, auth, casus["id"]) == 0


async def test_withdrawal_ends_every_placement_of_the_list_once(
    client: httpx.AsyncClient, auth: AuthHeaders, db: Database
) -> None:
    lijst_id = await published_list(client, auth)
    andere = await published_list(client, auth, "Andere lijst")
    casussen = [await admitted_case(client, auth) for _ in range(2)]
    plaatsingen = [await placed(client, auth, lijst_id, c) for c in casussen]
    elders = await placed(client, auth, andere, casussen[0])
    response = await client.post(url(lijst_id, "intrekking"), headers=auth(GVV))
    assert response.status_code == 200, response.text
    for plaatsing_id in plaatsingen:
        row = await placement(db, plaatsing_id)
        assert row.verwijderreden == "lijst-ingetrokken"
        assert await stored_facts(db, plaatsing_id) == 0
    assert [await removals(client, auth, c) for c in casussen] == [1, 1]
    # A placement of the same case on another list stays.
    assert (await placement(db, elders)).verwijderd_op is None


async def test_anonymisation_ends_an_open_placement_once(
    client: httpx.AsyncClient, auth: AuthHeaders, db: Database, settings: Settings
) -> None:
    lijst_id = await published_list(client, auth)
    casus_id = await admitted_case(client, auth)
    plaatsing_id = await placed(client, auth, lijst_id, casus_id)
    eerst = datetime(2026, 1, 1, 12, tzinfo=UTC)
    for moment in (eerst, datetime(2026, 1, 2, 12, tzinfo=UTC)):
        async with db.session() as session, session.begin():
            omgeving = Omgeving(
                session,
                date(2026, 1, 1),
                moment,
                settings.bewaarbeleid(),
                door=GVV,
                sub="zvh retention sweep",
                vastleggen=None,
            )
            await dispatch(omgeving, [CasussenGeanonimiseerd((casus_id,))])
    row = await placement(db, plaatsing_id)
    assert (row.verwijderreden, row.verwijdertoelichting) == ("casus-niet-meer-toegelaten", None)
    # Ended by the first dispatch; the second found nothing open.
    assert row.verwijderd_op is not None
    assert row.verwijderd_op.replace(tzinfo=UTC) == eerst
    assert await stored_facts(db, plaatsing_id) == 0
    async with db.session() as session:
        open_ = await session.scalars(
            select(PrioriteringsplaatsingRow.id).where(
                PrioriteringsplaatsingRow.casus_id == casus_id,
                PrioriteringsplaatsingRow.verwijderd_op.is_(None),
            )
        )
        assert list(open_) == []
