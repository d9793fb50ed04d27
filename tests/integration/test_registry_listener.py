"""The registry listener: committed changes drop snapshots at once; a lost connection falls
back to the time to live and comes back by itself."""

import asyncio
from collections.abc import AsyncIterator, Callable

import anyio
import asyncpg
import pytest
from sqlalchemy.ext.asyncio import AsyncEngine

from app.db.registry_cache import RegistryCache, RegistrySnapshot
from app.db.registry_listener import RegistryListener, asyncpg_dsn
from app.db.session import Database
from tests.scaleout import requires_postgres

pytestmark = [pytest.mark.anyio, requires_postgres]


@pytest.fixture
async def listening(migrated: str, engine: AsyncEngine) -> AsyncIterator[RegistryCache]:
    cache = RegistryCache(ttl_seconds=300)
    listener = RegistryListener(migrated, cache)
    listener.start()
    await asyncio.wait_for(listener.connected.wait(), 30)
    try:
        yield cache
    finally:
        await listener.stop()


async def _snapshot(cache: RegistryCache, engine: AsyncEngine, zvh: str) -> RegistrySnapshot:
    """The snapshot a request would use (compared by identity: a reload is a new object)."""
    async with Database(engine).session() as session:
        return await cache.snapshot(session, zvh)


async def _eventually(condition: Callable[[], bool], seconds: float = 1.0) -> None:
    with anyio.fail_after(seconds):
        while not condition():  # noqa: ASYNC110  (the condition is the cache's, not an event)
            await asyncio.sleep(0.01)


async def _sql(url: str, *statements: str) -> None:
    conn = await asyncpg.connect(asyncpg_dsn(url))
    try:
        for statement in statements:
            await conn.execute(statement)
    finally:
        await conn.close()


async def test_a_committed_registry_write_drops_the_snapshot_a_rolled_back_one_not(
    listening: RegistryCache, engine: AsyncEngine, migrated: str
) -> None:
    cache = listening
    first = await _snapshot(cache, engine, "zvh-oost")
    # Any writer, even plain SQL: the table's trigger announces it (no data changes here).
    touch = "UPDATE deelnemers SET naam = naam WHERE zvh = 'zvh-oost'"
    await _sql(migrated, "BEGIN", touch, "ROLLBACK")
    await asyncio.sleep(0.3)
    assert await _snapshot(cache, engine, "zvh-oost") is first, "nothing was committed"

    await _sql(migrated, touch)
    await _eventually(lambda: "zvh-oost" not in cache._snapshots)
    assert await _snapshot(cache, engine, "zvh-oost") is not first


async def test_another_partnership_keeps_its_snapshot(
    listening: RegistryCache, engine: AsyncEngine, migrated: str
) -> None:
    cache = listening
    demo = await _snapshot(cache, engine, "zvh-demo")
    await _sql(migrated, "UPDATE samenwerkingsverbanden SET naam = naam WHERE id = 'zvh-oost'")
    await asyncio.sleep(0.3)
    assert await _snapshot(cache, engine, "zvh-demo") is demo


async def test_a_lost_connection_falls_back_and_reconnects(
    listening: RegistryCache, engine: AsyncEngine, migrated: str
) -> None:
    cache = listening
    before = await _snapshot(cache, engine, "zvh-demo")
    await _sql(
        migrated,
        "SELECT pg_terminate_backend(pid) FROM pg_stat_activity "
        "WHERE datname = current_database() AND application_name = 'zvh-registry-listener'",
    )
    await _eventually(lambda: not cache.is_listening)
    # Back within the first backoff; what it may have missed is dropped on return.
    await _eventually(lambda: cache.is_listening, seconds=10)
    assert await _snapshot(cache, engine, "zvh-demo") is not before
