"""Notifications end to end: outbox, a real local receiver, signatures, retries, access."""

from collections.abc import AsyncIterator, Callable
from datetime import UTC, datetime, timedelta
from typing import Any

import httpx
import pytest
from fastapi import FastAPI
from sqlalchemy import select

from app import metrics
from app.config import Settings
from app.db.session import Database
from app.db.tables import VerwerkingRow
from app.db.tables_notificaties import AfleveringRow, NotificatieRow
from app.main import create_app
from app.services.bewaartermijn import today_in_amsterdam
from app.services.notificatiebezorging import Bezorgbeleid, Bezorgrapport, deliver, redeliver
from tests.conftest import AuthHeaders, checks
from tests.factories.casussen import admit, close, create_casus
from tests.factories.casussen import select as select_deelnemers
from tests.factories.klok import pin_today
from tests.factories.notificaties import GEHEIM, create_abonnement, ontvanger, verify
from tests.probleemcodes import refusal

pytestmark = pytest.mark.anyio


@pytest.fixture
def lokaal_settings(settings: Settings) -> Settings:
    return settings.model_copy(
        update={
            "webhook_allow_private": True,
            "notifications_backoff_base_seconds": 60.0,
            "notifications_max_attempts": 3,
            "notifications_timeout_seconds": 5.0,
            "public_base_url": "https://zvh.example",
        }
    )


@pytest.fixture
def lokaal_app(lokaal_settings: Settings, db: Database) -> FastAPI:
    return create_app(lokaal_settings, database=db)


@pytest.fixture
async def lokaal(lokaal_app: FastAPI) -> AsyncIterator[httpx.AsyncClient]:
    app = lokaal_app
    async with httpx.AsyncClient(
        transport=httpx.ASGITransport(app=app),
        base_url="http://testserver",
        event_hooks=checks(app),
    ) as client:
        yield client


class Klok:
    """The worker's clock, moved on by the test instead of sleeping."""

    def __init__(self) -> None:
        self.moment = datetime.now(UTC)

    def __call__(self) -> datetime:
        return self.moment

    def later(self, seconds: float) -> None:
        self.moment += timedelta(seconds=seconds)


async def _pass(db: Database, settings: Settings, klok: Klok | None = None) -> Bezorgrapport:
    return await deliver(db, Bezorgbeleid.of(settings), now=klok or Klok(), toeval=lambda: 1.0)


async def _verzoek(
    client: httpx.AsyncClient, auth: AuthHeaders, casus_id: str, aan: str
) -> dict[str, Any]:
    response = await client.post(
        f"/v1/casussen/{casus_id}/gegevensverzoeken",
        json={"deelnemer": aan, "omschrijving": "Lopend toezicht en contactmomenten."},
        headers=auth("gemeente-utrecht"),
    )
    assert response.status_code == 201, response.text
    created: dict[str, Any] = response.json()
    return created


async def _drain_earlier(db: Database, settings: Settings) -> None:
    """Spread what earlier steps of a test recorded before anyone here subscribed."""
    await _pass(db, settings)


async def test_asked_private_participant_learns_of_the_request_signed(
    lokaal: httpx.AsyncClient, auth: AuthHeaders, db: Database, lokaal_settings: Settings
) -> None:
    casus = await create_casus(lokaal, auth)
    await admit(lokaal, auth, casus["id"])
    await _drain_earlier(db, lokaal_settings)
    with ontvanger() as receiver:
        await create_abonnement(
            lokaal, auth, "reclassering-nederland", receiver.url, "gegevensverzoeken", "casussen"
        )
        verzoek = await _verzoek(lokaal, auth, casus["id"], "reclassering-nederland")
        rapport = await _pass(db, lokaal_settings)
    assert rapport.afgeleverd == 1
    [got] = receiver.ontvangen
    assert verify(GEHEIM, got)
    assert got.headers["content-type"] == "application/json"
    assert abs(int(got.headers["webhook-timestamp"]) - datetime.now(UTC).timestamp()) < 60
    assert got.json == {
        "kanaal": "gegevensverzoeken",
        "resource": "gegevensverzoek",
        "resourceUrl": (
            f"https://zvh.example/v1/casussen/{casus['id']}/gegevensverzoeken/{verzoek['id']}"
        ),
        "actie": "aangemaakt",
        "aanmaakdatum": got.json["aanmaakdatum"],
    }
    # Nothing about the person: not the name, not the request's text.
    assert b"Lopend toezicht" not in got.body
    assert casus["betrokkene"]["achternaam"].encode() not in got.body


async def test_a_tampered_body_fails_verification(
    lokaal: httpx.AsyncClient, auth: AuthHeaders, db: Database, lokaal_settings: Settings
) -> None:
    await _drain_earlier(db, lokaal_settings)
    with ontvanger() as receiver:
        await create_abonnement(lokaal, auth, "politie", receiver.url, "casussen")
        await create_casus(lokaal, auth, "politie")
        await _pass(db, lokaal_settings)
    [got] = receiver.ontvangen
    assert verify(GEHEIM, got)
    got.body = got.body.replace(b"aangemaakt", b"gewijzigd_")
    assert not verify(GEHEIM, got)
    other = "whsec_" + "QUJD" * 8
    got.body = got.body.replace(b"gewijzigd_", b"aangemaakt")
    assert not verify(other, got)


async def test_retried_after_a_500_with_the_same_id(
    lokaal: httpx.AsyncClient, auth: AuthHeaders, db: Database, lokaal_settings: Settings
) -> None:
    await _drain_earlier(db, lokaal_settings)
    klok = Klok()
    failures_before = metrics.DELIVERY_FAILURES._value.get()
    with ontvanger(500) as receiver:
        await create_abonnement(lokaal, auth, "politie", receiver.url, "casussen")
        await create_casus(lokaal, auth, "politie")
        first = await _pass(db, lokaal_settings, klok)
        assert (first.afgeleverd, first.mislukt) == (0, 1)
        assert first.fouten == {"http-500": 1}
        klok.later(30)  # the backoff (60 s after the first attempt) has not passed
        assert (await _pass(db, lokaal_settings, klok)).afgeleverd == 0
        klok.later(31)
        second = await _pass(db, lokaal_settings, klok)
    assert second.afgeleverd == 1
    assert len(receiver.ontvangen) == 2
    ids = {r.headers["webhook-id"] for r in receiver.ontvangen}
    assert len(ids) == 1
    assert all(verify(GEHEIM, r) for r in receiver.ontvangen)
    assert metrics.DELIVERY_FAILURES._value.get() == failures_before + 1


async def test_dead_letter_after_the_last_attempt_and_redelivery(
    lokaal: httpx.AsyncClient, auth: AuthHeaders, db: Database, lokaal_settings: Settings
) -> None:
    await _drain_earlier(db, lokaal_settings)
    klok = Klok()
    with ontvanger(500, 503, 500) as receiver:
        abonnement = await create_abonnement(lokaal, auth, "politie", receiver.url, "casussen")
        await create_casus(lokaal, auth, "politie")
        for _ in range(3):
            rapport = await _pass(db, lokaal_settings, klok)
            klok.later(3600)
        assert rapport.doodgelopen == 1
        assert len(receiver.ontvangen) == 3
        # A dead letter waits: no more attempts however long one waits.
        klok.later(86_400)
        assert (await _pass(db, lokaal_settings, klok)).afgeleverd == 0
        assert len(receiver.ontvangen) == 3
        async with db.session() as session:
            [row] = (
                await session.scalars(
                    select(AfleveringRow).where(AfleveringRow.abonnement_id == abonnement["id"])
                )
            ).all()
            assert (row.status, row.pogingen, row.laatste_fout) == ("mislukt", 3, "http-500")
        assert await redeliver(db, abonnement_id=abonnement["id"], now=klok) == 1
        again = await _pass(db, lokaal_settings, klok)
    assert again.afgeleverd == 1
    assert len(receiver.ontvangen) == 4


async def test_a_participant_that_lost_access_gets_nothing(
    lokaal: httpx.AsyncClient, auth: AuthHeaders, db: Database, lokaal_settings: Settings
) -> None:
    casus = await create_casus(lokaal, auth)
    await admit(lokaal, auth, casus["id"])
    await _drain_earlier(db, lokaal_settings)
    with ontvanger() as receiver:
        await create_abonnement(lokaal, auth, "svg", receiver.url, "casussen")
        # Selected (a change svg could read), then deselected before delivery.
        await select_deelnemers(lokaal, auth, casus["id"], ("svg", "ggz"))
        await select_deelnemers(lokaal, auth, casus["id"], ("ggz",))
        rapport = await _pass(db, lokaal_settings)
    assert receiver.ontvangen == []
    assert rapport.vervallen == 2
    async with db.session() as session:
        redenen = {
            row.reden
            for row in await session.scalars(
                select(AfleveringRow)
                .join(NotificatieRow, NotificatieRow.id == AfleveringRow.notificatie_id)
                .where(NotificatieRow.casus_id == casus["id"])
            )
        }
    assert redenen == {"De organisatie mag deze resource nu niet (meer) lezen (need to know)."}


async def test_only_those_who_may_read_receive(
    lokaal: httpx.AsyncClient, auth: AuthHeaders, db: Database, lokaal_settings: Settings
) -> None:
    await _drain_earlier(db, lokaal_settings)
    with ontvanger() as politie, ontvanger() as svg, ontvanger() as ggz:
        await create_abonnement(lokaal, auth, "politie", politie.url, "casussen")
        await create_abonnement(lokaal, auth, "svg", svg.url, "casussen", "gegevensverzoeken")
        await create_abonnement(lokaal, auth, "ggz", ggz.url, "gegevensverzoeken")
        casus = await create_casus(lokaal, auth, "politie")
        await admit(lokaal, auth, casus["id"])
        await _verzoek(lokaal, auth, casus["id"], "ggz")
        await _pass(db, lokaal_settings)
    # A joint controller (and the registrant): the registration, the intake, the admission.
    assert [r.json["actie"] for r in politie.ontvangen] == ["aangemaakt", "gewijzigd", "gewijzigd"]
    # svg is neither registrant, selected nor asked: nothing about this case.
    assert svg.ontvangen == []
    # ggz was asked: the request addressed to it, nothing else.
    assert [(r.json["kanaal"], r.json["actie"]) for r in ggz.ontvangen] == [
        ("gegevensverzoeken", "aangemaakt")
    ]


async def test_ended_subscription_gets_nothing(
    lokaal: httpx.AsyncClient, auth: AuthHeaders, db: Database, lokaal_settings: Settings
) -> None:
    await _drain_earlier(db, lokaal_settings)
    with ontvanger() as receiver:
        abonnement = await create_abonnement(lokaal, auth, "politie", receiver.url, "casussen")
        await create_casus(lokaal, auth, "politie")
        deleted = await lokaal.delete(
            f"/v1/abonnementen/{abonnement['id']}", headers=auth("politie")
        )
        assert deleted.status_code == 204
        await _pass(db, lokaal_settings)
    assert receiver.ontvangen == []


async def test_priority_lists_reach_joint_controllers_only(
    lokaal: httpx.AsyncClient, auth: AuthHeaders, db: Database, lokaal_settings: Settings
) -> None:
    await _drain_earlier(db, lokaal_settings)
    with ontvanger() as gvv, ontvanger() as privaat:
        await create_abonnement(lokaal, auth, "om", gvv.url, "prioriteringslijsten")
        await create_abonnement(lokaal, auth, "svg", privaat.url, "prioriteringslijsten")
        response = await lokaal.post(
            "/v1/prioriteringslijsten",
            json={
                "naam": "Top X notificaties",
                "omschrijving": "Meervoudige problematiek.",
                "criteria": {
                    "telling": {"soort": "aanhouding", "periodeMaanden": 12},
                    "minimaal": 3,
                },
            },
            headers=auth("gemeente-utrecht"),
        )
        assert response.status_code == 201, response.text
        await _pass(db, lokaal_settings)
    assert [r.json["actie"] for r in gvv.ontvangen] == ["aangemaakt"]
    assert gvv.ontvangen[0].json["resource"] == "prioriteringslijst"
    assert privaat.ontvangen == []


async def test_the_outbox_rolls_back_with_the_change(
    lokaal: httpx.AsyncClient, auth: AuthHeaders, db: Database, lokaal_settings: Settings
) -> None:
    await _drain_earlier(db, lokaal_settings)
    async with db.session() as session:
        before = len((await session.scalars(select(NotificatieRow))).all())
    # Refused for the missing criterion: no case, and no notification of one.
    response = await lokaal.post(
        "/v1/casussen", json={"aanmeldreden": "x"}, headers=auth("politie")
    )
    assert refusal(response) == (400, "ongeldige-invoer")
    async with db.session() as session:
        assert len((await session.scalars(select(NotificatieRow))).all()) == before


async def test_backlog_in_metrics_without_ids(
    lokaal_settings: Settings,
    db: Database,
    lokaal: httpx.AsyncClient,
    auth: AuthHeaders,
) -> None:
    await _drain_earlier(db, lokaal_settings)
    await create_abonnement(lokaal, auth, "politie", "http://127.0.0.1:9/hook", "casussen")
    casus = await create_casus(lokaal, auth, "politie")
    enabled = lokaal_settings.model_copy(update={"metrics_enabled": True})
    transport = httpx.ASGITransport(
        app=create_app(enabled, database=db), client=("127.0.0.1", 5555)
    )
    async with httpx.AsyncClient(transport=transport, base_url="http://testserver") as c:
        text = (await c.get("/metrics")).text
    assert "zvh_outbox_backlog 1.0" in text
    assert "zvh_notification_dead_letters 0.0" in text
    assert "zvh_notification_delivery_failures_total" in text
    assert casus["id"] not in text


async def test_an_answered_data_request_is_announced(
    lokaal: httpx.AsyncClient, auth: AuthHeaders, db: Database, lokaal_settings: Settings
) -> None:
    casus = await create_casus(lokaal, auth)
    await admit(lokaal, auth, casus["id"])
    await _drain_earlier(db, lokaal_settings)
    with ontvanger() as gvv, ontvanger() as gevraagd:
        await create_abonnement(lokaal, auth, "gemeente-utrecht", gvv.url, "gegevensverzoeken")
        await create_abonnement(
            lokaal, auth, "reclassering-nederland", gevraagd.url, "gegevensverzoeken"
        )
        verzoek = await _verzoek(lokaal, auth, casus["id"], "reclassering-nederland")
        supplied = await lokaal.post(
            f"/v1/casussen/{casus['id']}/gegevensverstrekkingen",
            json={"categorie": "gewoon", "inhoud": "Meldt zich.", "gegevensverzoek": verzoek["id"]},
            headers=auth("reclassering-nederland"),
        )
        assert supplied.status_code == 201, supplied.text
        await _pass(db, lokaal_settings)
    for receiver in (gvv, gevraagd):
        assert [r.json["actie"] for r in receiver.ontvangen] == ["aangemaakt", "beantwoord"]
        assert {r.json["resourceUrl"].rsplit("/", 1)[1] for r in receiver.ontvangen} == {
            verzoek["id"]
        }


@pytest.fixture
def vandaag(lokaal_app: FastAPI) -> Callable[[str], None]:
    """Pin 'today' in Amsterdam for every route of the local app (the `Today` dependency)."""

    def set_today(value: str) -> None:
        pin_today(lokaal_app, value)

    return set_today


async def test_consent_requests_reach_the_asked_supplier_and_the_controllers(
    lokaal: httpx.AsyncClient,
    auth: AuthHeaders,
    db: Database,
    lokaal_settings: Settings,
    vandaag: Callable[[str], None],
) -> None:
    vandaag("2030-06-01")
    casus = await create_casus(lokaal, auth, "reclassering-nederland", aanmelddatum="2025-06-05")
    await admit(lokaal, auth, casus["id"])
    await _drain_earlier(db, lokaal_settings)
    with ontvanger() as gvv, ontvanger() as leverancier, ontvanger() as buitenstaander:
        for deelnemer, receiver in (
            ("gemeente-utrecht", gvv),
            ("reclassering-nederland", leverancier),
            ("svg", buitenstaander),
        ):
            await create_abonnement(lokaal, auth, deelnemer, receiver.url, "instemmingsverzoeken")
        response = await lokaal.post(
            f"/v1/casussen/{casus['id']}/verlengingen",
            json={"maanden": 24, "reden": "criteria-nog-van-toepassing", "motivering": "Loopt."},
            headers=auth("gemeente-utrecht"),
        )
        assert response.status_code == 201, response.text
        verlenging = response.json()
        assert [i["deelnemer"] for i in verlenging["instemmingen"]] == ["reclassering-nederland"]
        answered = await lokaal.post(
            f"/v1/casussen/{casus['id']}/verlengingen/{verlenging['id']}/instemmingen",
            json={"instemming": True},
            headers=auth("reclassering-nederland"),
        )
        assert answered.status_code in (200, 201), answered.text
        await _pass(db, lokaal_settings)
    assert [r.json["actie"] for r in gvv.ontvangen] == ["aangemaakt", "beantwoord"]
    # The supplier is asked; the answer (its own) is the controllers' to follow.
    assert [r.json["actie"] for r in leverancier.ontvangen] == ["aangemaakt"]
    assert leverancier.ontvangen[0].json["resource"] == "instemmingsverzoek"
    assert buitenstaander.ontvangen == []


async def test_a_closed_case_is_announced_only_to_the_designated_functions(
    lokaal: httpx.AsyncClient, auth: AuthHeaders, db: Database, lokaal_settings: Settings
) -> None:
    casus = await create_casus(lokaal, auth)
    await admit(lokaal, auth, casus["id"])
    await _drain_earlier(db, lokaal_settings)
    with ontvanger() as aangewezen, ontvanger() as politie:
        # gemeente-utrecht is the designated beheerder, contactpunt and archiefbeheerder.
        await create_abonnement(lokaal, auth, "gemeente-utrecht", aangewezen.url, "casussen")
        await create_abonnement(lokaal, auth, "politie", politie.url, "casussen")
        await close(lokaal, auth, casus["id"], today_in_amsterdam().isoformat())
        rapport = await _pass(db, lokaal_settings)
    assert [r.json["actie"] for r in aangewezen.ontvangen] == ["afgesloten"]
    # Shielded now (art. 2.31 lid 6 WGS): the registrant and joint controller no longer reads it.
    assert politie.ontvangen == []
    assert rapport.vervallen == 1


async def test_a_delivered_case_notification_is_in_the_processing_log(
    lokaal: httpx.AsyncClient, auth: AuthHeaders, db: Database, lokaal_settings: Settings
) -> None:
    await _drain_earlier(db, lokaal_settings)
    with ontvanger(500) as receiver:
        abonnement = await create_abonnement(lokaal, auth, "politie", receiver.url, "casussen")
        casus = await create_casus(lokaal, auth, "politie")
        klok = Klok()
        await _pass(db, lokaal_settings, klok)  # failed: not (yet) disclosed
        klok.later(3600)
        await _pass(db, lokaal_settings, klok)
    async with db.session() as session:
        rows = (
            await session.scalars(
                select(VerwerkingRow).where(
                    VerwerkingRow.casus_id == casus["id"],
                    VerwerkingRow.activiteit == "notificatie-versturen",
                )
            )
        ).all()
    [row] = rows
    assert (row.deelnemer, row.handeling, row.resultaat) == ("politie", "verstrekken", "geslaagd")
    assert row.sub == f"abonnement:{abonnement['id']}"
    assert row.betrokkene is not None
    # The log API explains the activity.
    log = await lokaal.get(
        "/v1/verwerkingen",
        params={"casusId": casus["id"]},
        headers=auth("gemeente-utrecht", "beheerder"),
    )
    assert log.status_code == 200, log.text
    assert "notificatie-versturen" in {v["activiteit"] for v in log.json()["verwerkingen"]}


async def test_the_subscriber_asks_for_its_dead_letters_again(
    lokaal: httpx.AsyncClient, auth: AuthHeaders, db: Database, lokaal_settings: Settings
) -> None:
    await _drain_earlier(db, lokaal_settings)
    klok = Klok()
    with ontvanger(500, 500, 500) as receiver:
        abonnement = await create_abonnement(lokaal, auth, "politie", receiver.url, "casussen")
        await create_casus(lokaal, auth, "politie")
        for _ in range(3):
            await _pass(db, lokaal_settings, klok)
            klok.later(3600)
        path = f"/v1/abonnementen/{abonnement['id']}/herlevering"
        other = await lokaal.post(path, headers=auth("gemeente-utrecht"))
        assert other.status_code == 404
        assert other.json()["code"] == "niet-gevonden"
        incidental = await lokaal.post(
            path, headers=auth("huisarts-jansen", deelnemertype="incidenteel")
        )
        assert incidental.status_code == 403
        assert incidental.json()["code"] == "geen-toegang"
        asked = await lokaal.post(path, headers=auth("politie"))
        assert asked.status_code == 200, asked.text
        assert asked.json() == {"aantal": 1}
        assert (await lokaal.post(path, headers=auth("politie"))).json() == {"aantal": 0}
        again = await _pass(db, lokaal_settings, klok)
    assert again.afgeleverd == 1
    assert len(receiver.ontvangen) == 4
