"""An in-process snapshot of each partnership's registry, read on every authenticated request.

The registry changes rarely (a participant joins, or changes kind; a function is
designated to another participant), while every request needs it to cross-check the
token's claims and to count designated roles. Every change is announced
(app/db/registry_changes.py): this process drops the snapshot when the change commits,
and on PostgreSQL every other process drops it when the notification arrives. While a
process's listener is connected its snapshots hold until a change is announced; while it
is not (connecting, lost, SQLite), a snapshot lives for `ttl` seconds
(ZVH_REGISTRY_CACHE_SECONDS), so a change made by another process shows within `ttl`.
"""

import time
import weakref
from dataclasses import dataclass

from sqlalchemy.ext.asyncio import AsyncSession

from app.db.registry import RegistryRepository
from app.domain.aanwijzing import GEEN_AANWIJZINGEN, Aanwijzingen
from app.domain.deelnemer import Deelnemer


@dataclass(frozen=True, slots=True)
class RegistrySnapshot:
    bestaat: bool
    deelnemers: dict[str, Deelnemer]  # in id order
    loaded_at: float
    # Who holds each designated function: roles count only from there (Caller.has_rol).
    aanwijzingen: Aanwijzingen = GEEN_AANWIJZINGEN


# Every cache of this process, so that a committed change reaches all of them.
_CACHES: "weakref.WeakSet[RegistryCache]" = weakref.WeakSet()


class RegistryCache:
    def __init__(self, ttl_seconds: float) -> None:
        self.ttl = ttl_seconds
        self._snapshots: dict[str, RegistrySnapshot] = {}
        # Bumped by every invalidation: a snapshot whose load began before the latest one
        # may hold what a change replaced, so it is used once but not kept.
        self._generation = 0
        self._listening_since: float | None = None
        _CACHES.add(self)

    async def snapshot(self, session: AsyncSession, zvh: str) -> RegistrySnapshot:
        cached = self._snapshots.get(zvh)
        now = time.monotonic()
        if cached is not None and self._trusted(cached, now):
            return cached
        generation = self._generation
        registry = RegistryRepository(session)
        bestaat = await registry.samenwerkingsverband(zvh) is not None
        deelnemers = {d.id: d for d in await registry.deelnemers(zvh)} if bestaat else {}
        aanwijzingen = await registry.aanwijzingen(zvh) if bestaat else GEEN_AANWIJZINGEN
        snapshot = RegistrySnapshot(bestaat, deelnemers, now, aanwijzingen)
        if self.ttl > 0 and generation == self._generation:
            self._snapshots[zvh] = snapshot
        return snapshot

    def _trusted(self, snapshot: RegistrySnapshot, now: float) -> bool:
        # Loaded while the listener was connected: any later change would have dropped it.
        listening = self._listening_since is not None and snapshot.loaded_at >= (
            self._listening_since
        )
        return listening or now - snapshot.loaded_at < self.ttl

    def invalidate(self, zvh: str) -> None:
        self._generation += 1
        self._snapshots.pop(zvh, None)

    def listening(self) -> None:
        """The listener (re)connected: what changed while it was away went unheard."""
        self._generation += 1
        self._snapshots.clear()
        self._listening_since = time.monotonic()

    def not_listening(self) -> None:
        """The listener lost its connection: snapshots fall back to their time to live."""
        self._listening_since = None

    @property
    def is_listening(self) -> bool:
        return self._listening_since is not None


def invalidate_everywhere(zvh: str) -> None:
    """Drop `zvh`'s snapshot from every cache in this process."""
    for cache in list(_CACHES):
        cache.invalidate(zvh)
