"""An in-process snapshot of each partnership's registry, read on every authenticated request.

The registry changes rarely (a participant joins, or changes kind; a function is
designated to another participant), while every request needs it to cross-check the
token's claims and to count designated roles. A snapshot lives for `ttl` seconds
(ZVH_REGISTRY_CACHE_SECONDS) and is dropped at once when this process changes the
registry; other processes see a change within `ttl`.
"""

import time
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


class RegistryCache:
    def __init__(self, ttl_seconds: float) -> None:
        self.ttl = ttl_seconds
        self._snapshots: dict[str, RegistrySnapshot] = {}

    async def snapshot(self, session: AsyncSession, zvh: str) -> RegistrySnapshot:
        cached = self._snapshots.get(zvh)
        now = time.monotonic()
        if cached is not None and now - cached.loaded_at < self.ttl:
            return cached
        registry = RegistryRepository(session)
        bestaat = await registry.samenwerkingsverband(zvh) is not None
        deelnemers = {d.id: d for d in await registry.deelnemers(zvh)} if bestaat else {}
        aanwijzingen = await registry.aanwijzingen(zvh) if bestaat else GEEN_AANWIJZINGEN
        snapshot = RegistrySnapshot(bestaat, deelnemers, now, aanwijzingen)
        if self.ttl > 0:
            self._snapshots[zvh] = snapshot
        return snapshot

    def invalidate(self, zvh: str) -> None:
        self._snapshots.pop(zvh, None)
