"""One connection per process LISTENing for registry changes, reconnecting with backoff.

While it is connected, the process's registry snapshots hold until a change is announced;
when it is lost they fall back to ZVH_REGISTRY_CACHE_SECONDS until it is back (and on
reconnecting every snapshot is dropped, since changes made meanwhile went unheard). A
connection that dies without a word (a cut network) is found by a heartbeat within
`HEARTBEAT_SECONDS` (twice that at most), so an unheard change is trusted no longer than
that plus the time to live.

The connection goes to PostgreSQL itself (ZVH_DATABASE_LISTEN_URL, else the database
URL): PgBouncer in transaction mode cannot hold a LISTEN.
"""

import asyncio
import logging
import random
from contextlib import suppress
from typing import Any

import asyncpg
from sqlalchemy.engine import make_url

from app.db.registry_cache import RegistryCache
from app.db.registry_changes import CHANNEL

HEARTBEAT_SECONDS = 2.0
FIRST_RETRY_SECONDS = 0.5
MAX_RETRY_SECONDS = 30.0
APPLICATION_NAME = "zvh-registry-listener"  # how operators find it in pg_stat_activity

log = logging.getLogger("zvh.registry")


def asyncpg_dsn(sqlalchemy_url: str) -> str:
    """`postgresql+asyncpg://...` as the plain DSN asyncpg.connect takes."""
    url = make_url(sqlalchemy_url).set(drivername="postgresql")
    return url.render_as_string(hide_password=False)


class RegistryListener:
    def __init__(self, database_url: str, cache: RegistryCache) -> None:
        self._dsn = asyncpg_dsn(database_url)
        self._cache = cache
        self._task: asyncio.Task[None] | None = None
        self.connected = asyncio.Event()

    def start(self) -> None:
        self._task = asyncio.create_task(self._run(), name="zvh-registry-listener")

    async def stop(self) -> None:
        if self._task is not None:
            self._task.cancel()
            with suppress(asyncio.CancelledError):
                await self._task
            self._task = None
        self._cache.not_listening()

    def _on_notification(self, _conn: Any, _pid: int, _channel: str, zvh: str) -> None:
        self._cache.invalidate(zvh)

    async def _run(self) -> None:
        delay = FIRST_RETRY_SECONDS
        while True:
            try:
                await self._listen()
            except asyncio.CancelledError:
                raise
            except Exception as exc:  # any failure: fall back, wait, try again
                log.warning(
                    "registry listener disconnected; snapshots fall back to their time to "
                    "live until it reconnects",
                    extra={"event": "registry-listener-lost", "error_type": type(exc).__name__},
                )
            if self.connected.is_set():
                delay = FIRST_RETRY_SECONDS  # it was connected: start the backoff afresh
            self.connected.clear()
            self._cache.not_listening()
            # Jittered, so that the workers of a restarted database do not all come
            # back in the same instant.
            await asyncio.sleep(random.uniform(delay / 2, delay))  # noqa: S311
            delay = min(delay * 2, MAX_RETRY_SECONDS)

    async def _listen(self) -> None:
        conn = await asyncpg.connect(
            self._dsn,
            timeout=10,
            statement_cache_size=0,
            server_settings={"application_name": APPLICATION_NAME},
        )
        lost = asyncio.Event()
        try:
            conn.add_termination_listener(lambda _conn: lost.set())
            await conn.add_listener(CHANNEL, self._on_notification)
            self._cache.listening()
            self.connected.set()
            log.info("registry listener connected", extra={"event": "registry-listener-up"})
            while not lost.is_set():
                with suppress(TimeoutError):
                    await asyncio.wait_for(lost.wait(), HEARTBEAT_SECONDS)
                    break
                await asyncio.wait_for(conn.execute("SELECT 1"), HEARTBEAT_SECONDS)
            raise ConnectionError("the listener's connection was closed")
        finally:
            conn.terminate()
