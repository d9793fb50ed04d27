"""Several processes as one service: registry changes everywhere at once, graceful stops.

Real `zvh serve` processes on a database of their own, called over HTTP with tokens signed
by the development key, as a load balancer would spread a client's requests.
"""

import asyncio
import signal
import sqlite3
import time
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from pathlib import Path

import asyncpg
import httpx
import pytest
from sqlalchemy.engine import make_url

from app.config import Settings
from app.db.registry_listener import asyncpg_dsn
from app.db.session import is_sqlite
from tests.conftest import AuthHeaders
from tests.scaleout import BIN, Server, own_database, requires_postgres, servers, zvh_env

pytestmark = pytest.mark.anyio


@requires_postgres
async def test_a_registry_change_reaches_the_other_process_within_a_second(
    tmp_path: Path, settings: Settings, auth: AuthHeaders
) -> None:
    async with own_database(tmp_path) as url:
        # Five minutes of trust: only the notification can make the other process see it.
        env = zvh_env(url, settings.dev_key_dir, ZVH_REGISTRY_CACHE_SECONDS="300")
        # Made before the servers start, so that they find the development key pair
        # instead of each creating one of its own.
        as_registered = auth("wijkteam")  # privaat, not a joint controller
        with servers(Server(env), Server(env)) as (one, other):
            await one.ready()
            await other.ready()
            async with httpx.AsyncClient(timeout=30) as client:
                before = await client.get(f"{other.url}/v1/deelnemers", headers=as_registered)
                assert before.status_code == 200, before.text

                changed = await client.patch(
                    f"{one.url}/v1/deelnemers/wijkteam",
                    # Art. 2.27 WGS: a government participant is, e.g., a municipality.
                    json={"deelnemertype": "overheid", "categorie": "gemeente"},
                    headers=auth("gemeente-utrecht", "beheerder"),
                )
                assert changed.status_code == 200, changed.text
                committed = time.monotonic()
                while True:
                    seen = await client.get(f"{other.url}/v1/deelnemers", headers=as_registered)
                    if seen.status_code != 200:
                        break
                    assert time.monotonic() - committed < 1.0, "still trusts the old registry"
                    await asyncio.sleep(0.02)
                assert seen.status_code == 401
                assert seen.json()["code"] == "claims-wijken-af-van-register"

                as_changed = auth("wijkteam", deelnemertype="overheid", gvv=True)
                after = await client.get(f"{other.url}/v1/deelnemers", headers=as_changed)
                assert after.status_code == 200


@asynccontextmanager
async def _write_lock(url: str) -> AsyncIterator[None]:
    """Hold what PATCH /v1/instellingen must wait for, until the block ends."""
    if is_sqlite(url):
        database = make_url(url).database
        assert database is not None
        conn = sqlite3.connect(database, isolation_level=None)
        conn.execute("BEGIN IMMEDIATE")  # the server's transactions begin IMMEDIATE too
        try:
            yield
        finally:
            conn.rollback()
            conn.close()
        return
    pg = await asyncpg.connect(asyncpg_dsn(url))
    try:
        async with pg.transaction():
            await pg.execute(
                "SELECT 1 FROM samenwerkingsverbanden WHERE id = 'zvh-demo' FOR UPDATE"
            )
            yield
    finally:
        await pg.close()


async def _waiting_on_the_lock(url: str) -> None:
    """Return once the server's request is stuck behind the lock (PostgreSQL shows it)."""
    if is_sqlite(url):
        await asyncio.sleep(2)  # SQLite cannot tell who waits: give the request time to arrive
        return
    pg = await asyncpg.connect(asyncpg_dsn(url))
    try:
        for _ in range(300):
            waiting = await pg.fetchval(
                "SELECT count(*) FROM pg_stat_activity "
                "WHERE datname = current_database() AND wait_event_type = 'Lock'"
            )
            if waiting:
                return
            await asyncio.sleep(0.1)
    finally:
        await pg.close()
    raise AssertionError("the request never reached the database")


async def test_a_request_in_flight_when_sigterm_arrives_completes(
    tmp_path: Path, settings: Settings, auth: AuthHeaders
) -> None:
    async with own_database(tmp_path) as url:
        workers = "1" if is_sqlite(url) else "2"
        beheerder = auth("gemeente-utrecht", "beheerder")  # the key pair exists before the workers
        with servers(Server(zvh_env(url, settings.dev_key_dir), "--workers", workers)) as (server,):
            await server.ready()
            async with httpx.AsyncClient(timeout=60) as client:
                async with _write_lock(url):
                    slow = asyncio.create_task(
                        client.patch(
                            f"{server.url}/v1/instellingen",
                            # Writes the partnership's row, which the lock holds.
                            json={"aanwijzingen": {"fgContact": {"email": "fg@zvh.example"}}},
                            headers=beheerder,
                        )
                    )
                    await _waiting_on_the_lock(url)
                    server.terminate()
                    await asyncio.sleep(1)
                    assert server.process.poll() is None, "it must wait for the request"
                    assert not slow.done()
                response = await slow
            assert response.status_code == 200, response.text
            assert response.json()["aanwijzingen"]["fgContact"]["email"] == "fg@zvh.example"
            # It then ends: 0 from uvicorn's manager, or (one process) the signal re-raised
            # after the graceful shutdown, as uvicorn does for its supervisor to see.
            ended = await asyncio.to_thread(server.process.wait, 60)
            assert ended in (0, -signal.SIGTERM), server.stderr()


async def test_several_workers_need_postgresql(tmp_path: Path) -> None:
    env = zvh_env(f"sqlite+aiosqlite:///{tmp_path / 'one.db'}", tmp_path / "keys")
    process = await asyncio.create_subprocess_exec(
        str(BIN / "zvh"),
        "serve",
        "--workers",
        "2",
        env=env,
        stderr=asyncio.subprocess.PIPE,
        stdout=asyncio.subprocess.DEVNULL,
    )
    _, err = await process.communicate()
    assert process.returncode == 2
    assert b"needs PostgreSQL" in err
