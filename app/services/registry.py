"""Use cases of the participant registry. Callers were authorised by the route's policy."""

from collections.abc import Sequence

from sqlalchemy.ext.asyncio import AsyncSession

from app.auth.claims import Caller
from app.db.registry import RegistryRepository
from app.db.registry_cache import RegistryCache
from app.db.registry_changes import registry_changed
from app.domain.deelnemer import Deelnemer, Deelnemertype
from app.domain.errors import Conflict, NotFound
from app.schemas.deelnemers import DeelnemerNieuw, DeelnemerWijziging


async def list_deelnemers(
    session: AsyncSession, cache: RegistryCache, caller: Caller
) -> Sequence[Deelnemer]:
    return list((await cache.snapshot(session, caller.zvh)).deelnemers.values())


async def get_deelnemer(
    session: AsyncSession, cache: RegistryCache, caller: Caller, deelnemer_id: str
) -> Deelnemer:
    found = (await cache.snapshot(session, caller.zvh)).deelnemers.get(deelnemer_id)
    if found is None:
        raise NotFound(f"Deelnemer {deelnemer_id} bestaat niet in dit samenwerkingsverband.")
    return found


async def _changed(session: AsyncSession, cache: RegistryCache, zvh: str) -> None:
    # Drop the snapshot now (this request may read it again), and in every process once
    # the change commits (another request may have reloaded the old state in between).
    cache.invalidate(zvh)
    await registry_changed(session, zvh)


async def register_deelnemer(
    session: AsyncSession, cache: RegistryCache, caller: Caller, data: DeelnemerNieuw
) -> Deelnemer:
    registry = RegistryRepository(session)
    if await registry.deelnemer(caller.zvh, data.id) is not None:
        raise Conflict(f"Deelnemer {data.id} is al geregistreerd.", code="deelnemer-bestaat-al")
    deelnemer = Deelnemer(
        zvh=caller.zvh,
        id=data.id,
        naam=data.naam,
        deelnemertype=Deelnemertype(data.deelnemertype.value),
        categorie=data.categorie,
        beroepsgeheim=data.beroepsgeheim,
        toetredingsdatum=data.toetredingsdatum,
    )
    await registry.add(deelnemer)
    await _changed(session, cache, caller.zvh)
    return deelnemer


async def change_deelnemer(
    session: AsyncSession,
    cache: RegistryCache,
    caller: Caller,
    deelnemer_id: str,
    data: DeelnemerWijziging,
) -> Deelnemer:
    sent = data.model_fields_set
    changed = await RegistryRepository(session).update(
        caller.zvh,
        deelnemer_id,
        naam=data.naam,
        deelnemertype=Deelnemertype(data.deelnemertype.value) if data.deelnemertype else None,
        categorie=data.categorie,
        beroepsgeheim=data.beroepsgeheim,
        clear_beroepsgeheim="beroepsgeheim" in sent and data.beroepsgeheim is None,
        toetredingsdatum=data.toetredingsdatum,
    )
    if changed is None:
        raise NotFound(f"Deelnemer {deelnemer_id} bestaat niet in dit samenwerkingsverband.")
    await _changed(session, cache, caller.zvh)
    return changed
