"""Registry snapshots: another process's change is seen within the configured time."""

import pytest
from sqlalchemy import update

from app.db.registry_cache import RegistryCache
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
