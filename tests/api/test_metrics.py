"""/metrics: Prometheus text format, route templates not paths, and only for allowed scrapers."""

from collections.abc import AsyncIterator, Callable
from contextlib import asynccontextmanager
from typing import Any

import httpx
import pytest
from prometheus_client.parser import text_string_to_metric_families

from app import metrics
from app.config import Settings
from app.db.session import Database
from app.main import create_app
from tests.conftest import AuthHeaders
from tests.probleemcodes import refusal

pytestmark = pytest.mark.anyio

TOKEN = "m" * 40
Client = Callable[..., Any]


@pytest.fixture
def metrics_client(settings: Settings, db: Database) -> Client:
    """A client of an app with metrics enabled, seen from `address`."""

    @asynccontextmanager
    async def client(
        address: str = "127.0.0.1", **overrides: Any
    ) -> AsyncIterator[httpx.AsyncClient]:
        enabled = Settings.model_validate(
            {**settings.model_dump(), "metrics_enabled": True, **overrides}
        )
        transport = httpx.ASGITransport(
            app=create_app(enabled, database=db), client=(address, 5555)
        )
        async with httpx.AsyncClient(transport=transport, base_url="http://testserver") as c:
            yield c

    return client


def _samples(text: str) -> dict[tuple[str, tuple[tuple[str, str], ...]], float]:
    return {
        (sample.name, tuple(sorted(sample.labels.items()))): sample.value
        for family in text_string_to_metric_families(text)
        for sample in family.samples
    }


def _requests(samples: dict[Any, float], route: str, status: str) -> float:
    labels = (("method", "GET"), ("route", route), ("status", status))
    return samples.get(("zvh_http_requests_total", labels), 0.0)


async def test_absent_unless_enabled(client: httpx.AsyncClient) -> None:
    response = await client.get("/metrics")
    assert response.status_code == 404
    assert response.json()["code"] == "niet-gevonden"


async def test_requests_counted_by_route_template_and_status(
    metrics_client: Client, auth: AuthHeaders
) -> None:
    async with metrics_client() as client:
        before = _samples((await client.get("/metrics")).text)
        assert (await client.get("/v1/deelnemers/ggz", headers=auth("politie"))).status_code == 200
        missing = await client.get("/v1/deelnemers/bestaat-niet-4711", headers=auth("politie"))
        assert refusal(missing) == (404, "niet-gevonden")
        assert refusal(await client.get("/v1/nergens/4711")) == (404, "niet-gevonden")
        response = await client.get("/metrics")
    assert response.status_code == 200
    assert response.headers["content-type"] == "text/plain; version=0.0.4; charset=utf-8"
    after = _samples(response.text)
    route = "/v1/deelnemers/{deelnemer_id}"
    for status in ("200", "404"):
        assert _requests(after, route, status) == _requests(before, route, status) + 1
    assert _requests(after, "(geen route)", "404") == _requests(before, "(geen route)", "404") + 1
    latency = (("method", "GET"), ("route", route), ("status", "200"))
    assert after[("zvh_http_request_duration_seconds_count", latency)] >= 1
    # Never a path, an id or a value from the request in a label.
    for _name, labels in after:
        for _key, value in labels:
            assert "ggz" not in value
            assert "4711" not in value
            assert "nergens" not in value


async def test_the_gauges_other_features_feed_are_there_from_the_start(
    metrics_client: Client,
) -> None:
    async with metrics_client() as client:
        samples = _samples((await client.get("/metrics")).text)
    # The outbox's own count (tests/api/test_notificaties.py checks its value).
    assert samples[("zvh_outbox_backlog", ())] >= 0
    assert samples[("zvh_notification_dead_letters", ())] >= 0
    assert samples[("zvh_deadlines_overdue", ())] == 0
    assert ("zvh_notification_delivery_failures_total", ()) in samples
    for job in metrics.JobName:
        for outcome in metrics.Outcome:
            key = ("zvh_job_runs_total", (("job", job.value), ("outcome", outcome.value)))
            assert key in samples


async def test_overdue_deadlines_come_from_the_database(
    metrics_client: Client, auth: AuthHeaders
) -> None:
    """A breach discovered in March and never reported to the AP is overdue (72 hours,
    art. 33(1) AVG): the gauge counts it at the next scrape, without any id or label."""
    async with metrics_client() as client:
        before = _samples((await client.get("/metrics")).text)[("zvh_deadlines_overdue", ())]
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
        text = (await client.get("/metrics")).text
    assert _samples(text)[("zvh_deadlines_overdue", ())] == before + 1
    assert reported.json()["id"] not in text


async def test_probes_run_before_each_scrape_and_a_failing_one_hides_nothing(
    metrics_client: Client, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(metrics, "_probes", [])
    seen: list[Database] = []

    async def backlog(database: Database) -> None:
        seen.append(database)
        metrics.OUTBOX_BACKLOG.set(7)

    async def broken(_database: Database) -> None:
        raise RuntimeError("database gone")

    metrics.on_scrape(broken)
    metrics.on_scrape(backlog)
    try:
        async with metrics_client() as client:
            response = await client.get("/metrics")
        assert response.status_code == 200
        assert _samples(response.text)[("zvh_outbox_backlog", ())] == 7
        assert len(seen) == 1
    finally:
        metrics.OUTBOX_BACKLOG.set(0)


async def test_refused_from_another_network_without_the_token(metrics_client: Client) -> None:
    async with metrics_client("192.0.2.10", metrics_token=TOKEN) as client:
        for headers in (
            {},
            {"Authorization": "Bearer " + "x" * 40},
            {"Authorization": f"Basic {TOKEN}"},
        ):
            refused = await client.get("/metrics", headers=headers)
            assert refused.status_code == 403
            assert refused.headers["content-type"] == "application/problem+json"
            assert refused.json()["code"] == "metrics-niet-toegestaan"
            assert "zvh_" not in refused.text
        allowed = await client.get("/metrics", headers={"Authorization": f"Bearer {TOKEN}"})
    assert allowed.status_code == 200
    assert "zvh_http_requests_total" in allowed.text


async def test_allowed_networks_are_configurable(metrics_client: Client) -> None:
    async with metrics_client("10.1.2.3", metrics_allowed_networks=["10.0.0.0/8"]) as client:
        assert (await client.get("/metrics")).status_code == 200
    async with metrics_client("127.0.0.1", metrics_allowed_networks=[]) as client:
        # No networks and no token: nobody.
        assert refusal(await client.get("/metrics")) == (403, "metrics-niet-toegestaan")


async def test_openmetrics_when_asked(metrics_client: Client) -> None:
    async with metrics_client() as client:
        response = await client.get(
            "/metrics", headers={"Accept": "application/openmetrics-text; version=1.0.0"}
        )
    assert response.headers["content-type"].startswith("application/openmetrics-text")
    assert response.text.rstrip().endswith("# EOF")


async def test_not_in_the_contract(metrics_client: Client) -> None:
    async with metrics_client() as client:
        document = (await client.get("/v1/openapi.json")).json()
    assert not any("metrics" in path for path in document["paths"])


def test_job_counts_take_kinds_not_values() -> None:
    with pytest.raises(ValueError, match="kind of count"):
        metrics.record_job(
            metrics.JobName.RETENTION_SWEEP,
            metrics.Outcome.SUCCEEDED,
            {"3f2a9c1e-casus": 1},
        )
