"""Use cases of the participant registry. Callers were authorised by the route's policy."""

from collections.abc import Mapping
from dataclasses import dataclass, replace
from datetime import date

from sqlalchemy.ext.asyncio import AsyncSession

from app.auth.claims import Caller
from app.db.registry import RegistryRepository
from app.db.registry_cache import RegistryCache
from app.db.registry_changes import registry_changed
from app.domain.deelnemer import (
    Beroepsgeheim,
    Categorie,
    Deelnemer,
    Deelnemertype,
    deelnemertype_problem,
)
from app.domain.errors import Conflict, InvalidInput, InvalidParam, NotFound
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


@dataclass(frozen=True, slots=True)
class DeelnemerWijzigen:
    """Command: change the members given (None: unchanged; `wis_beroepsgeheim` clears it)."""

    naam: str | None = None
    deelnemertype: Deelnemertype | None = None
    categorie: Categorie | None = None
    beroepsgeheim: Beroepsgeheim | None = None
    wis_beroepsgeheim: bool = False
    toetredingsdatum: date | None = None


async def register_deelnemer(
    session: AsyncSession, cache: RegistryCache, caller: Caller, deelnemer: Deelnemer
) -> Deelnemer:
    """Register a fixed participant in the caller's partnership (`deelnemer.zvh`)."""
    registry = RegistryRepository(session)
    _check_type(deelnemer)
    if await registry.deelnemer(caller.zvh, deelnemer.id) is not None:
        raise Conflict(
            f"Deelnemer {deelnemer.id} is al geregistreerd.", code="deelnemer-bestaat-al"
        )
    await registry.add(deelnemer)
    await forget_snapshot(session, cache, caller.zvh)
    return deelnemer


async def change_deelnemer(
    session: AsyncSession,
    cache: RegistryCache,
    caller: Caller,
    deelnemer_id: str,
    data: DeelnemerWijzigen,
) -> Deelnemer:
    """Change the members sent, after checking the participant as it would become: its
    kind must fit its category (art. 2.27 WGS) and any function it holds."""
    registry = RegistryRepository(session)
    huidig = await registry.deelnemer(caller.zvh, deelnemer_id)
    if huidig is None:
        raise NotFound(f"Deelnemer {deelnemer_id} bestaat niet in dit samenwerkingsverband.")
    deelnemertype = data.deelnemertype
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
        clear_beroepsgeheim=data.wis_beroepsgeheim,
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
