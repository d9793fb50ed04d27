"""Registry snapshots: trusted while changes can be heard, else for the configured time."""

from typing import Any, cast

import anyio
import pytest
from sqlalchemy import update
from sqlalchemy.ext.asyncio import AsyncSession

from app.db.registry_cache import RegistryCache, invalidate_everywhere
from app.db.session import Database
from app.db.tables import DeelnemerRow

pytestmark = pytest.mark.anyio


async def test_snapshot_is_reloaded_after_its_time(db: Database) -> None:
    async with db.session() as session:
        fresh = RegistryCache(ttl_seconds=0)
        kept = RegistryCache(ttl_seconds=300)
        assert (await kept.snapshot(session, "zvh-demo")).deelnemers[
            "ggz"
        ].deelnemertype == "privaat"
        # Another process changes the registry: no invalidation reaches this one.
        await session.execute(
            update(DeelnemerRow)
            .where(DeelnemerRow.zvh == "zvh-demo", DeelnemerRow.id == "ggz")
            .values(deelnemertype="overheid")
        )
        assert (await fresh.snapshot(session, "zvh-demo")).deelnemers[
            "ggz"
        ].deelnemertype == "overheid"
        assert (await kept.snapshot(session, "zvh-demo")).deelnemers[
            "ggz"
        ].deelnemertype == "privaat"
        kept.invalidate("zvh-demo")
        assert (await kept.snapshot(session, "zvh-demo")).deelnemers[
            "ggz"
        ].deelnemertype == "overheid"
        await session.rollback()


async def test_unknown_partnership_has_an_empty_snapshot(db: Database) -> None:
    async with db.session() as session:
        snapshot = await RegistryCache(ttl_seconds=5).snapshot(session, "zvh-nergens")
        assert not snapshot.bestaat
        assert snapshot.deelnemers == {}


async def test_while_listening_a_snapshot_outlives_its_time(db: Database) -> None:
    cache = RegistryCache(ttl_seconds=0.05)
    async with db.session() as session:
        cache.listening()
        first = await cache.snapshot(session, "zvh-demo")
        await anyio.sleep(0.1)
        assert await cache.snapshot(session, "zvh-demo") is first, "no change was announced"
        cache.not_listening()  # the listener lost its connection: the time to live counts
        assert await cache.snapshot(session, "zvh-demo") is not first
        await session.rollback()


async def test_reconnecting_drops_what_changes_may_have_missed(db: Database) -> None:
    cache = RegistryCache(ttl_seconds=300)
    async with db.session() as session:
        first = await cache.snapshot(session, "zvh-demo")
        cache.listening()
        assert await cache.snapshot(session, "zvh-demo") is not first
        await session.rollback()


class _ChangedWhileLoading:
    """A session during whose read of the registry a change is announced."""

    def __init__(self, session: AsyncSession, cache: RegistryCache) -> None:
        self._session = session
        self._cache = cache

    async def get(self, *args: Any, **kwargs: Any) -> Any:
        self._cache.invalidate("zvh-demo")
        return await self._session.get(*args, **kwargs)

    async def scalars(self, *args: Any, **kwargs: Any) -> Any:
        return await self._session.scalars(*args, **kwargs)


async def test_a_snapshot_loaded_across_a_change_is_not_kept(db: Database) -> None:
    cache = RegistryCache(ttl_seconds=300)
    async with db.session() as session:
        racing = cast(AsyncSession, _ChangedWhileLoading(session, cache))
        loaded = await cache.snapshot(racing, "zvh-demo")
        assert await cache.snapshot(session, "zvh-demo") is not loaded
        await session.rollback()


async def test_a_committed_change_reaches_every_cache_of_the_process(db: Database) -> None:
    caches = [RegistryCache(ttl_seconds=300) for _ in range(2)]
    async with db.session() as session:
        kept = [await cache.snapshot(session, "zvh-demo") for cache in caches]
        oost = await caches[0].snapshot(session, "zvh-oost")
        invalidate_everywhere("zvh-demo")
        for cache, snapshot in zip(caches, kept, strict=True):
            assert await cache.snapshot(session, "zvh-demo") is not snapshot
        assert await caches[0].snapshot(session, "zvh-oost") is oost
        await session.rollback()
