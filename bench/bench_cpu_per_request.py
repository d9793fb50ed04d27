"""CPU per request in-process: our ASGI stack driven directly, without a socket or client.

    .venv/bin/python bench/bench_cpu_per_request.py [--requests N] [--rounds R]
        [--profile NAME] [--pg URL]

Migrates and seeds a fresh SQLite file (or, with --pg, a fresh PostgreSQL database),
builds the app with `create_app`, and calls it as uvicorn would: one scope, one body
message, the response messages collected. For every scenario it measures
`time.process_time()` over N requests, R rounds alternating between scenarios, and prints
the best round in µs of CPU per request. `/health/live` through the same app is the
baseline (our middleware and Starlette routing, nothing else); `floor` is a bare Starlette
app returning fixed bytes, as bench/floor.py does over HTTP.

`ndjson-line` is one request with 1,000 candidate lines to a published priority list,
reported per line.

--profile NAME runs cProfile over that scenario and prints the top functions by own time
and cumulative time.
"""

import argparse
import asyncio
import cProfile
import json
import os
import pstats
import sys
import tempfile
import time
from collections.abc import Awaitable, Callable
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

os.environ.setdefault("ZVH_LOG_LEVEL", "WARNING")

from starlette.applications import Starlette
from starlette.requests import Request
from starlette.responses import Response
from starlette.routing import Route

from app.auth.devtokens import issue_dev_token
from app.config import Settings
from app.db.migrate import upgrade
from app.db.session import Database, create_engine
from app.main import create_app
from app.seed import seed_demo
from bench.bench_prioritering_ndjson import candidate_lines
from bench.bench_prioritering_rules import CRITERIA, PEILDATUM
from bench.run import AANMELDING_BODY, BEWAARTERMIJN_BODY

App = Callable[[dict[str, Any], Any, Any], Awaitable[None]]
NDJSON_LINES = 1000


async def call(
    app: App, method: str, path: str, headers: list[tuple[bytes, bytes]], body: bytes = b""
) -> tuple[int, bytes]:
    path, _, query = path.partition("?")
    scope: dict[str, Any] = {
        "type": "http",
        "asgi": {"version": "3.0", "spec_version": "2.3"},
        "http_version": "1.1",
        "method": method,
        "scheme": "http",
        "path": path,
        "raw_path": path.encode(),
        "query_string": query.encode(),
        "root_path": "",
        "headers": [(b"host", b"127.0.0.1"), *headers]
        + ([(b"content-length", str(len(body)).encode())] if body else []),
        "client": ("127.0.0.1", 50000),
        "server": ("127.0.0.1", 8000),
        "state": {},
    }
    sent = False

    async def receive() -> dict[str, Any]:
        nonlocal sent
        if sent:
            await asyncio.sleep(3600)
        sent = True
        return {"type": "http.request", "body": body, "more_body": False}

    status = 0
    parts: list[bytes] = []

    async def send(message: dict[str, Any]) -> None:
        nonlocal status
        if message["type"] == "http.response.start":
            status = message["status"]
        elif message["type"] == "http.response.body":
            parts.append(message.get("body", b""))

    await app(scope, receive, send)
    return status, b"".join(parts)


def floor_app() -> App:
    async def endpoint(_request: Request) -> Response:
        return Response(b'{"status":"ok"}', media_type="application/json")

    return Starlette(routes=[Route("/", endpoint, methods=["GET", "POST"])])


async def setup(pg: str | None, work: Path) -> tuple[Settings, App]:
    if pg:
        from bench.run import admin

        url = f"{pg.rstrip('/')}/zvh_bench_cpu_{os.getpid()}"
        admin("create", url)
    else:
        url = f"sqlite+aiosqlite:///{work / 'bench.db'}"
    settings = Settings(database_url=url, dev_key_dir=work / "keys")
    await asyncio.to_thread(upgrade, url)
    engine = create_engine(url)

    async with engine.begin() as conn, Database(conn).session() as session:
        await seed_demo(session)
        await session.commit()
    await engine.dispose()
    return settings, create_app(settings)


def bearer(settings: Settings, deelnemer: str, rollen: list[str]) -> list[tuple[bytes, bytes]]:
    token = issue_dev_token(
        settings,
        zvh="zvh-demo",
        deelnemer=deelnemer,
        deelnemertype="overheid",
        gvv=True,
        rollen=rollen,
        ttl=3600,
    )
    return [(b"authorization", f"Bearer {token}".encode())]


async def scenarios(
    settings: Settings, app: App
) -> dict[str, tuple[Callable[[], Awaitable[tuple[int, bytes]]], int]]:
    """Each scenario: a call, and how many units (requests or lines) one call is."""
    politie = bearer(settings, "politie", ["medewerker"])
    utrecht = bearer(settings, "gemeente-utrecht", ["medewerker"])
    json_ct = [(b"content-type", b"application/json")]
    floor = floor_app()
    retention = json.dumps(BEWAARTERMIJN_BODY).encode()

    status, body = await call(
        app,
        "POST",
        "/v1/prioriteringslijsten",
        utrecht + json_ct,
        json.dumps({"naam": "Bench", "omschrijving": "Benchmark.", "criteria": CRITERIA}).encode(),
    )
    assert status == 201, body
    lijst = json.loads(body)["id"]
    status, body = await call(
        app, "POST", f"/v1/prioriteringslijsten/{lijst}/publicatie", utrecht, b""
    )
    assert status in (200, 201), body
    ndjson = b"".join(candidate_lines()[:NDJSON_LINES])
    ndjson_path = f"/v1/prioriteringslijsten/{lijst}/toetsingen?peildatum={PEILDATUM.isoformat()}"
    ndjson_ct = [(b"content-type", b"application/x-ndjson")]
    status, body = await call(
        app, "POST", "/v1/casussen", politie + json_ct, json.dumps(AANMELDING_BODY).encode()
    )
    assert status == 201, body
    casus = f"/v1/casussen/{json.loads(body)['id']}"
    return {
        "floor": (lambda: call(floor, "GET", "/", []), 1),
        "health-live": (lambda: call(app, "GET", "/health/live", []), 1),
        "deelnemers": (lambda: call(app, "GET", "/v1/deelnemers", politie), 1),
        "casus": (lambda: call(app, "GET", casus, utrecht), 1),
        "bewaartermijn": (
            lambda: call(
                app, "POST", "/v1/bewaartermijn-berekeningen", politie + json_ct, retention
            ),
            1,
        ),
        "ndjson-line": (
            lambda: call(app, "POST", ndjson_path, utrecht + ndjson_ct, ndjson),
            NDJSON_LINES,
        ),
    }


async def measure(
    run: Callable[[], Awaitable[tuple[int, bytes]]], units: int, requests: int
) -> float:
    """µs of CPU per unit over enough calls for `requests` units (at least 5 calls)."""
    calls = max(5, requests // units)
    started = time.process_time()
    for _ in range(calls):
        status, body = await run()
        if status != 200:
            raise RuntimeError(f"status {status}: {body[:300]!r}")
    return (time.process_time() - started) / (calls * units) * 1e6


async def main_async(args: argparse.Namespace) -> int:
    work = Path(tempfile.mkdtemp(prefix="zvh-bench-cpu-"))
    settings, app = await setup(args.pg, work)
    table = await scenarios(settings, app)
    for run, units in table.values():  # warm-up: caches, first-call imports
        await measure(run, units, 50)
    if args.profile:
        run, units = table[args.profile]
        profiler = cProfile.Profile()
        profiler.enable()
        await measure(run, units, args.requests)
        profiler.disable()
        stats = pstats.Stats(profiler)
        stats.sort_stats("tottime").print_stats(args.top)
        stats.sort_stats("cumulative").print_stats(args.top)
        return 0
    best: dict[str, float] = {}
    for _ in range(args.rounds):
        for name, (run, units) in table.items():
            spent = await measure(run, units, args.requests)
            best[name] = min(best.get(name, spent), spent)
    base = best["health-live"]
    print(f"µs CPU per request (best of {args.rounds} rounds of {args.requests}):")
    for name, spent in best.items():
        extra = "" if name in ("floor", "health-live") else f"  (+{spent - base:.0f} over health)"
        print(f"  {name:<14} {spent:8.1f}{extra}")
    return 0


def main() -> int:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--requests", type=int, default=500)
    parser.add_argument("--rounds", type=int, default=5)
    parser.add_argument("--profile")
    parser.add_argument("--top", type=int, default=35)
    parser.add_argument("--pg", help="a PostgreSQL server URL instead of a SQLite file")
    args = parser.parse_args()
    try:
        return asyncio.run(main_async(args))
    finally:
        if args.pg:
            from bench.run import admin

            # The database `setup` made for this process (forced: the app's pool is open).
            admin("drop", f"{args.pg.rstrip('/')}/zvh_bench_cpu_{os.getpid()}")


if __name__ == "__main__":
    sys.exit(main())
