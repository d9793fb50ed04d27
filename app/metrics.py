"""Prometheus metrics: the one place features register and feed what operators watch.

Labels are bounded vocabularies only (a route template, a method, a status, a job name):
never a raw path, an id, or anything about a person.

Feeding it from a feature:

- a number the database knows (a backlog, what is overdue): set a gauge in a probe,
  `on_scrape(probe)`; every probe runs before each scrape, so the value is the database's,
  whichever process serves /metrics;
- an event in this process (a delivery that failed): `record_delivery_failure()`;
- a long-running command: `record_job(...)`, called by `app.progress.Job.finish`.
"""

import logging
import re
import secrets
from collections.abc import Awaitable, Callable, Mapping
from enum import StrEnum
from ipaddress import ip_address
from pathlib import Path
from typing import TYPE_CHECKING

from prometheus_client import CollectorRegistry, Counter, Gauge, Histogram, write_to_textfile
from prometheus_client.exposition import choose_encoder

from app.config import Settings

if TYPE_CHECKING:
    from app.db.session import Database

log = logging.getLogger("zvh.metrics")

# A registry of our own: the process-wide default would also collect whatever other
# libraries register, and a second app in one process (tests) would collide in it.
REGISTRY = CollectorRegistry()

HTTP_REQUESTS = Counter(
    "zvh_http_requests",
    "HTTP requests answered, by method, route template and status.",
    ["method", "route", "status"],
    registry=REGISTRY,
)
HTTP_DURATION = Histogram(
    "zvh_http_request_duration_seconds",
    "Time from request to the end of the response, by method, route template and status.",
    ["method", "route", "status"],
    buckets=(0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1.0, 2.5, 5.0, 10.0, 30.0),
    registry=REGISTRY,
)
OUTBOX_BACKLOG = Gauge(
    "zvh_outbox_backlog",
    "Notifications not yet delivered: new ones not yet spread, and deliveries waiting for "
    "their (next) attempt.",
    registry=REGISTRY,
)
DEAD_LETTERS = Gauge(
    "zvh_notification_dead_letters",
    "Deliveries that failed every attempt and wait for `zvh notifications redeliver`.",
    registry=REGISTRY,
)
DELIVERY_FAILURES = Counter(
    "zvh_notification_delivery_failures",
    "Notification delivery attempts that failed, in this process.",
    registry=REGISTRY,
)
DEADLINES_OVERDUE = Gauge(
    "zvh_deadlines_overdue",
    "Legal deadlines of the contact point (data-subject requests, information duties and "
    "their art. 41 UAVG review dates, data breaches) passed without the required action, "
    "all partnerships together.",
    registry=REGISTRY,
)
JOB_RUNS = Counter(
    "zvh_job_runs",
    "Runs of long-running commands in this process, by job and outcome.",
    ["job", "outcome"],
    registry=REGISTRY,
)
JOB_ITEMS = Counter(
    "zvh_job_items",
    "What long-running commands in this process counted, by job and kind of count.",
    ["job", "kind"],
    registry=REGISTRY,
)


class JobName(StrEnum):
    """Every long-running command; the label values of the job metrics."""

    RETENTION_SWEEP = "retention-sweep"
    PRIORITY_LISTS_REEVALUATE = "priority-lists-reevaluate"
    DEADLINES = "deadlines"


class Outcome(StrEnum):
    SUCCEEDED = "succeeded"
    FAILED = "failed"
    REFUSED = "refused"  # did not do what was asked, on purpose (the destruction hold)


for _job in JobName:
    for _outcome in Outcome:
        JOB_RUNS.labels(_job.value, _outcome.value)

# A kind of count is a word like `archived` or `removed`: never a value, never an id.
_KIND = re.compile(r"^[a-z][a-z_]{0,40}$")
_METHODS = frozenset({"GET", "HEAD", "POST", "PUT", "PATCH", "DELETE", "OPTIONS"})
UNMATCHED = "(geen route)"

Probe = Callable[["Database"], Awaitable[None]]
_probes: list[Probe] = []


def on_scrape(probe: Probe) -> None:
    """Run `probe` before every scrape; it sets gauges from the database."""
    if probe not in _probes:
        _probes.append(probe)


async def deadlines_probe(database: "Database") -> None:
    """Sets `zvh_deadlines_overdue` from the database (the same count as `zvh deadlines`)."""
    from datetime import UTC, datetime

    from app.services.bewaartermijn import today_in_amsterdam
    from app.services.termijnen import overdue_total

    DEADLINES_OVERDUE.set(await overdue_total(database, today_in_amsterdam(), datetime.now(UTC)))


def record_delivery_failure() -> None:
    DELIVERY_FAILURES.inc()


def record_request(method: str, route: str | None, status: int, seconds: float) -> None:
    labels = (method if method in _METHODS else "OTHER", route or UNMATCHED, str(status))
    HTTP_REQUESTS.labels(*labels).inc()
    HTTP_DURATION.labels(*labels).observe(seconds)


def record_job(job: JobName, outcome: Outcome, counts: Mapping[str, int]) -> None:
    """Count a finished run of a long-running command and what it counted."""
    _check_kinds(counts)
    JOB_RUNS.labels(job.value, outcome.value).inc()
    for kind, value in counts.items():
        JOB_ITEMS.labels(job.value, kind).inc(value)


def write_job_textfile(
    directory: Path,
    job: JobName,
    outcome: Outcome,
    counts: Mapping[str, int],
    *,
    finished_at: float,
    seconds: float,
) -> Path:
    """The last run of a command as a file for node_exporter's textfile collector.

    A command runs in a process of its own and ends before any scrape: this is how
    Prometheus learns what it did (the collector reads `*.prom` in that directory).
    """
    _check_kinds(counts)
    registry = CollectorRegistry()
    labels = ["job"]
    Gauge(
        "zvh_job_last_run_timestamp_seconds", "When the run ended.", labels, registry=registry
    ).labels(job.value).set(finished_at)
    Gauge(
        "zvh_job_last_run_duration_seconds", "How long the run took.", labels, registry=registry
    ).labels(job.value).set(seconds)
    Gauge(
        "zvh_job_last_run_success", "1 if the run succeeded, else 0.", labels, registry=registry
    ).labels(job.value).set(1 if outcome is Outcome.SUCCEEDED else 0)
    items = Gauge(
        "zvh_job_last_run_items", "What the run counted.", ["job", "kind"], registry=registry
    )
    for kind, value in counts.items():
        items.labels(job.value, kind).set(value)
    path = directory / f"zvh_{job.value.replace('-', '_')}.prom"
    write_to_textfile(str(path), registry)
    return path


def _check_kinds(counts: Mapping[str, int]) -> None:
    for kind in counts:
        if not _KIND.match(kind):
            raise ValueError(f"not a kind of count: {kind!r}")


def may_scrape(settings: Settings, client_host: str | None, authorization: str | None) -> bool:
    """From an allowed network, or with the metrics token (ZVH_METRICS_TOKEN)."""
    token = settings.metrics_token
    if token is not None and authorization is not None:
        scheme, _, given = authorization.partition(" ")
        if scheme.lower() == "bearer" and secrets.compare_digest(
            given.strip().encode(), token.get_secret_value().encode()
        ):
            return True
    try:
        address = ip_address(client_host or "")
    except ValueError:
        return False
    return any(address in network for network in settings.metrics_allowed_networks)


async def render(database: "Database", accept: str | None) -> tuple[bytes, str]:
    """The exposition (text format, or OpenMetrics when asked) and its content type."""
    for probe in _probes:
        try:
            await probe(database)
        except Exception as exc:  # one failing probe must not hide the other metrics
            log.error("metrics probe failed", extra={"error_type": type(exc).__name__})
    encoder, content_type = choose_encoder(accept or "")
    return encoder(REGISTRY), content_type
