"""What each process of `zvh serve` keeps up on PostgreSQL while it runs: the registry
listener, and the processing log's partitions for the months ahead."""

import asyncio
import logging
from contextlib import suppress

from app.config import Settings
from app.db import log_partitions
from app.db.registry_cache import RegistryCache
from app.db.registry_listener import RegistryListener
from app.db.session import Database, is_sqlite

# Partitions are made months ahead: checking a few times a day is plenty, and a failed
# round (the database away, a lock not granted in time) is retried soon.
PARTITION_ROUND_SECONDS = 6 * 3600
PARTITION_RETRY_SECONDS = 300

log = logging.getLogger("zvh.upkeep")


class Upkeep:
    def __init__(self, settings: Settings, database: Database, cache: RegistryCache) -> None:
        self.listener = RegistryListener(
            settings.database_listen_url or settings.database_url, cache
        )
        self._database = database
        self._months_ahead = settings.log_partition_months_ahead
        self._partitions: asyncio.Task[None] | None = None

    def start(self) -> None:
        self.listener.start()
        self._partitions = asyncio.create_task(self._keep_partitions(), name="zvh-log-partitions")

    async def stop(self) -> None:
        if self._partitions is not None:
            self._partitions.cancel()
            with suppress(asyncio.CancelledError):
                await self._partitions
        await self.listener.stop()

    async def _keep_partitions(self) -> None:
        while True:
            try:
                async with self._database.session() as session, session.begin():
                    created = await log_partitions.ensure(session, self._months_ahead)
                if created:
                    log.info(
                        "processing-log partitions created",
                        extra={"event": "log-partitions-created", "count": len(created)},
                    )
                wait = PARTITION_ROUND_SECONDS
            except Exception as exc:  # logged and retried; serving goes on
                log.error(
                    "could not create the processing log's partitions ahead; "
                    "run `zvh log partitions`",
                    extra={"event": "log-partitions-failed", "error_type": type(exc).__name__},
                )
                wait = PARTITION_RETRY_SECONDS
            await asyncio.sleep(wait)


def upkeep_for(settings: Settings, database: Database, cache: RegistryCache) -> Upkeep | None:
    """The upkeep a serving process needs: none on SQLite (one process, one table)."""
    if is_sqlite(settings.database_url):
        return None
    return Upkeep(settings, database, cache)
