"""Per-partnership settings: the organisations designated for its functions (the mandates
are their own resource, `/v1/mandaten`)."""

from collections.abc import Mapping
from dataclasses import dataclass

from sqlalchemy.ext.asyncio import AsyncSession

from app.auth.claims import Caller
from app.db.registry import RegistryRepository
from app.db.registry_cache import RegistryCache
from app.db.tables import SamenwerkingsverbandRow
from app.domain.aanwijzing import Aanwijzingen, FgContact, Functie
from app.domain.errors import InvalidInput, InvalidParam, NotFound
from app.services import aanwijzingen as aanwijzing
from app.services.registry import forget_snapshot


async def _load(session: AsyncSession, caller: Caller) -> SamenwerkingsverbandRow:
    row = await RegistryRepository(session).samenwerkingsverband(caller.zvh)
    if row is None:  # authentication already checked the partnership; kept for safety
        raise NotFound("Dit samenwerkingsverband bestaat niet.")
    return row


@dataclass(frozen=True, slots=True)
class Instellingenstand:
    """A partnership's settings: who holds each designated function."""

    zvh: str
    aanwijzingen: Aanwijzingen


@dataclass(frozen=True, slots=True)
class InstellingenWijzigen:
    """Command: designate the functions given (None: the request sent no designations).

    `vormproblemen` are what the request's form already refuses (a member sent as null,
    nothing to change), reported before the checks against the registry."""

    functies: Mapping[Functie, str | None] | None
    fg_contact: FgContact | None
    vormproblemen: tuple[InvalidParam, ...] = ()


async def get(session: AsyncSession, caller: Caller) -> Instellingenstand:
    row = await _load(session, caller)
    return Instellingenstand(row.id, await RegistryRepository(session).aanwijzingen(caller.zvh))


async def change(
    session: AsyncSession, cache: RegistryCache, caller: Caller, wijziging: InstellingenWijzigen
) -> Instellingenstand:
    """Apply the members given; a member sent as null is refused, not a reset. Only the
    designated beheerder gets here (policy), also to hand its own function over."""
    problems = list(wijziging.vormproblemen)
    if wijziging.functies is not None:
        problems += await aanwijzing.problems(
            session, caller.zvh, wijziging.functies, prefix="aanwijzingen."
        )
    if problems:
        raise InvalidInput(problems)
    row = await _load(session, caller)
    if wijziging.functies is None:  # refused above: nothing to change
        return Instellingenstand(row.id, await RegistryRepository(session).aanwijzingen(caller.zvh))
    functies = {f: d for f, d in wijziging.functies.items() if d is not None}
    aanwijzingen = await aanwijzing.designate(session, caller.zvh, functies, wijziging.fg_contact)
    # Roles count from the designated organisation: every process's snapshot is stale now.
    await forget_snapshot(session, cache, caller.zvh)
    return Instellingenstand(row.id, aanwijzingen)
