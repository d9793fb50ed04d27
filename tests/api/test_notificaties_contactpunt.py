"""Notifications of the contact point's registers (issue 12): data-subject requests and
data breaches reach only those their own services let read them."""

from collections.abc import AsyncIterator

import httpx
import pytest

from app.config import Settings
from app.db.session import Database
from app.main import create_app
from app.services.notificatiebezorging import Bezorgbeleid, Bezorgrapport, deliver
from tests.conftest import AuthHeaders, checks
from tests.factories.contactpunt import CONTACTPUNT, case_of, create_verzoek, persoon, verzoek
from tests.factories.notificaties import GEHEIM, create_abonnement, ontvanger, verify

pytestmark = pytest.mark.anyio


@pytest.fixture
def lokaal_settings(settings: Settings) -> Settings:
    return settings.model_copy(update={"webhook_allow_private": True})


@pytest.fixture
async def lokaal(lokaal_settings: Settings, db: Database) -> AsyncIterator[httpx.AsyncClient]:
    app = create_app(lokaal_settings, database=db)
    async with httpx.AsyncClient(
        transport=httpx.ASGITransport(app=app),
        base_url="http://testserver",
        event_hooks=checks(app),
    ) as client:
        yield client


async def _pass(db: Database, settings: Settings) -> Bezorgrapport:
    return await deliver(db, Bezorgbeleid.of(settings))


async def test_a_breach_reaches_the_contact_point_and_its_reporter(
    lokaal: httpx.AsyncClient, auth: AuthHeaders, db: Database, lokaal_settings: Settings
) -> None:
    await _pass(db, lokaal_settings)
    with ontvanger() as contactpunt, ontvanger() as melder, ontvanger() as ander:
        for deelnemer, receiver in (
            ("gemeente-utrecht", contactpunt),
            ("ggz", melder),
            ("svg", ander),
        ):
            await create_abonnement(lokaal, auth, deelnemer, receiver.url, "datalekken")
        reported = await lokaal.post(
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
        assessed = await lokaal.post(
            f"/v1/datalekken/{reported.json()['id']}/beoordeling",
            json={"meldplichtig": False, "hoogRisico": False, "motivering": "Versleuteld."},
            headers=auth(*CONTACTPUNT),
        )
        assert assessed.status_code == 200, assessed.text
        await _pass(db, lokaal_settings)
    for receiver in (contactpunt, melder):
        assert [(r.json["resource"], r.json["actie"]) for r in receiver.ontvangen] == [
            ("datalek", "aangemaakt"),
            ("datalek", "gewijzigd"),
        ]
        assert all(verify(GEHEIM, r) for r in receiver.ontvangen)
    assert b"verkeerde ontvanger" not in contactpunt.ontvangen[0].body
    assert ander.ontvangen == []


async def test_a_data_subject_request_reaches_the_involved_participants_only(
    lokaal: httpx.AsyncClient, auth: AuthHeaders, db: Database, lokaal_settings: Settings
) -> None:
    betrokkene = persoon()
    await case_of(lokaal, auth, betrokkene)
    await _pass(db, lokaal_settings)
    with ontvanger() as contactpunt, ontvanger() as betrokken, ontvanger() as ander:
        for deelnemer, receiver in (
            ("gemeente-utrecht", contactpunt),
            ("reclassering-nederland", betrokken),
            ("svg", ander),
        ):
            await create_abonnement(lokaal, auth, deelnemer, receiver.url, "betrokkenenverzoeken")
        created = await create_verzoek(lokaal, auth, verzoek(betrokkene))
        assert "reclassering-nederland" in {d["deelnemer"] for d in created["betrokkenDeelnemers"]}
        await _pass(db, lokaal_settings)
    for receiver in (contactpunt, betrokken):
        [got] = receiver.ontvangen
        assert got.json["resource"] == "betrokkenenverzoek"
        assert got.json["resourceUrl"].endswith(f"/v1/betrokkenenverzoeken/{created['id']}")
        assert betrokkene["achternaam"].encode() not in got.body
        assert betrokkene["bsn"].encode() not in got.body
    assert ander.ontvangen == []
