"""Use cases of the participant registry. Callers were authorised by the route's policy."""

from collections.abc import Mapping
from dataclasses import replace

from sqlalchemy.ext.asyncio import AsyncSession

from app.auth.claims import Caller
from app.db.registry import RegistryRepository
from app.db.registry_cache import RegistryCache
from app.db.registry_changes import registry_changed
from app.domain.deelnemer import Deelnemer, Deelnemertype, deelnemertype_problem
from app.domain.errors import Conflict, InvalidInput, InvalidParam, NotFound
from app.schemas.deelnemers import DeelnemerNieuw, DeelnemerWijziging
from app.services.aanwijzingen import held_functions_problems


async def deelnemers_van(
    session: AsyncSession, cache: RegistryCache, caller: Caller
) -> Mapping[str, Deelnemer]:
    """The caller's partnership's participants, in id order: the snapshot's own mapping."""
    return (await cache.snapshot(session, caller.zvh)).deelnemers


async def get_deelnemer(
    session: AsyncSession, cache: RegistryCache, caller: Caller, deelnemer_id: str
) -> Deelnemer:
    found = (await cache.snapshot(session, caller.zvh)).deelnemers.get(deelnemer_id)
    if found is None:
        raise NotFound(f"Deelnemer {deelnemer_id} bestaat niet in dit samenwerkingsverband.")
    return found


async def forget_snapshot(session: AsyncSession, cache: RegistryCache, zvh: str) -> None:
    # Drop the snapshot now (this request may read it again), and in every process once
    # the change commits (another request may have reloaded the old state in between).
    cache.invalidate(zvh)
    await registry_changed(session, zvh)


async def register_deelnemer(
    session: AsyncSession, cache: RegistryCache, caller: Caller, data: DeelnemerNieuw
) -> Deelnemer:
    registry = RegistryRepository(session)
    deelnemer = Deelnemer(
        zvh=caller.zvh,
        id=data.id,
        naam=data.naam,
        deelnemertype=Deelnemertype(data.deelnemertype.value),
        categorie=data.categorie,
        beroepsgeheim=data.beroepsgeheim,
        toetredingsdatum=data.toetredingsdatum,
    )
    _check_type(deelnemer)
    if await registry.deelnemer(caller.zvh, data.id) is not None:
        raise Conflict(f"Deelnemer {data.id} is al geregistreerd.", code="deelnemer-bestaat-al")
    await registry.add(deelnemer)
    await forget_snapshot(session, cache, caller.zvh)
    return deelnemer


async def change_deelnemer(
    session: AsyncSession,
    cache: RegistryCache,
    caller: Caller,
    deelnemer_id: str,
    data: DeelnemerWijziging,
) -> Deelnemer:
    """Change the members sent, after checking the participant as it would become: its
    kind must fit its category (art. 2.27 WGS) and any function it holds."""
    sent = data.model_fields_set
    registry = RegistryRepository(session)
    huidig = await registry.deelnemer(caller.zvh, deelnemer_id)
    if huidig is None:
        raise NotFound(f"Deelnemer {deelnemer_id} bestaat niet in dit samenwerkingsverband.")
    deelnemertype = Deelnemertype(data.deelnemertype.value) if data.deelnemertype else None
    nieuw = replace(
        huidig,
        deelnemertype=deelnemertype or huidig.deelnemertype,
        categorie=data.categorie or huidig.categorie,
    )
    _check_type(nieuw, held_functions_problems(await registry.aanwijzingen(caller.zvh), nieuw))
    changed = await registry.update(
        caller.zvh,
        deelnemer_id,
        naam=data.naam,
        deelnemertype=deelnemertype,
        categorie=data.categorie,
        beroepsgeheim=data.beroepsgeheim,
        clear_beroepsgeheim="beroepsgeheim" in sent and data.beroepsgeheim is None,
        toetredingsdatum=data.toetredingsdatum,
    )
    if changed is None:
        raise NotFound(f"Deelnemer {deelnemer_id} bestaat niet in dit samenwerkingsverband.")
    await forget_snapshot(session, cache, caller.zvh)
    return changed


def _check_type(deelnemer: Deelnemer, problems: list[InvalidParam] | None = None) -> None:
    """Art. 2.27 WGS: the kind of participant follows from the kind of organisation."""
    found = list(problems or [])
    problem = deelnemertype_problem(deelnemer.categorie, deelnemer.deelnemertype)
    if problem is not None:
        found.insert(
            0, InvalidParam("deelnemertype", "deelnemertype-past-niet-bij-categorie", problem)
        )
    if found:
        raise InvalidInput(found)
