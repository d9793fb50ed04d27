"""The delivery worker inside `zvh serve` (ZVH_NOTIFICATIONS_WORKER_ENABLED, default on).

Every process runs one; on PostgreSQL they share the queue (rows are claimed with SKIP
LOCKED), on SQLite there is one process. A failing pass is logged and retried after the
poll interval; serving goes on.
"""

import asyncio
import logging
from contextlib import suppress

from app.config import Settings
from app.db.session import Database
from app.services.notificatiebezorging import Bezorgbeleid, deliver

log = logging.getLogger("zvh.notifications")


class NotificationWorker:
    def __init__(self, settings: Settings, database: Database) -> None:
        self._beleid = Bezorgbeleid.of(settings)
        self._poll = settings.notifications_poll_seconds
        self._database = database
        self._task: asyncio.Task[None] | None = None

    def start(self) -> None:
        self._task = asyncio.create_task(self._run(), name="zvh-notifications")

    async def stop(self) -> None:
        if self._task is not None:
            self._task.cancel()
            with suppress(asyncio.CancelledError):
                await self._task

    async def _run(self) -> None:
        while True:
            try:
                rapport = await deliver(self._database, self._beleid)
                if rapport.verspreid or rapport.afgeleverd or rapport.mislukt:
                    log.info(
                        "notifications delivered",
                        extra={"event": "notifications-delivered", **rapport.counts()},
                    )
            except Exception as exc:  # logged and retried; serving goes on
                log.error(
                    "notification delivery pass failed",
                    extra={"event": "notifications-failed", "error_type": type(exc).__name__},
                )
            await asyncio.sleep(self._poll)
