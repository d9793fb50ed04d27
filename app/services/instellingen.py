"""Per-partnership settings: the organisations designated for its functions (the mandates
are their own resource, `/v1/mandaten`)."""

from sqlalchemy.ext.asyncio import AsyncSession

from app.auth.claims import Caller
from app.db.registry import RegistryRepository
from app.db.registry_cache import RegistryCache
from app.db.tables import SamenwerkingsverbandRow
from app.domain.aanwijzing import Aanwijzingen, Functie
from app.domain.errors import InvalidInput, InvalidParam, NotFound
from app.schemas.instellingen import AanwijzingenSchema, Instellingen, InstellingenWijziging
from app.services import aanwijzingen as aanwijzing
from app.services.registry import forget_snapshot


async def _load(session: AsyncSession, caller: Caller) -> SamenwerkingsverbandRow:
    row = await RegistryRepository(session).samenwerkingsverband(caller.zvh)
    if row is None:  # authentication already checked the partnership; kept for safety
        raise NotFound("Dit samenwerkingsverband bestaat niet.")
    return row


def _schema(row: SamenwerkingsverbandRow, aanwijzingen: Aanwijzingen) -> Instellingen:
    return Instellingen(
        zvh=row.id,
        aanwijzingen=AanwijzingenSchema.of(aanwijzingen),
    )


async def get(session: AsyncSession, caller: Caller) -> Instellingen:
    row = await _load(session, caller)
    return _schema(row, await RegistryRepository(session).aanwijzingen(caller.zvh))


async def _problems(
    session: AsyncSession, caller: Caller, wijziging: InstellingenWijziging
) -> list[InvalidParam]:
    given = wijziging.model_fields_set
    problems = [
        InvalidParam(field.alias or name, "waarde-ontbreekt", "Geef een waarde, niet null.")
        for name, field in InstellingenWijziging.model_fields.items()
        if name in given and getattr(wijziging, name) is None
    ]
    if not given:
        problems.append(InvalidParam("body", "geen-wijziging", "Geef ten minste één instelling."))
    nieuw = wijziging.aanwijzingen
    if nieuw is not None:
        if not nieuw.model_fields_set:
            problems.append(
                InvalidParam("aanwijzingen", "geen-wijziging", "Geef ten minste één aanwijzing.")
            )
        if "fg_contact" in nieuw.model_fields_set and nieuw.fg_contact is None:
            problems.append(
                InvalidParam(
                    "aanwijzingen.fgContact",
                    "waarde-ontbreekt",
                    "De coördinerend FG moet bereikbaar blijven (art. 14.11 bestuurlijke "
                    "afspraken); null is geen waarde.",
                )
            )
        problems += await aanwijzing.problems(
            session, caller.zvh, nieuw.functies(), prefix="aanwijzingen."
        )
    return problems


async def change(
    session: AsyncSession, cache: RegistryCache, caller: Caller, wijziging: InstellingenWijziging
) -> Instellingen:
    """Apply the members given; a member sent as null is refused, not a reset. Only the
    designated beheerder gets here (policy), also to hand its own function over."""
    problems = await _problems(session, caller, wijziging)
    if problems:
        raise InvalidInput(problems)
    row = await _load(session, caller)
    nieuw = wijziging.aanwijzingen
    if nieuw is None:  # refused above: nothing to change
        return _schema(row, await RegistryRepository(session).aanwijzingen(caller.zvh))
    functies: dict[Functie, str] = {f: d for f, d in nieuw.functies().items() if d is not None}
    contact = nieuw.fg_contact.to_domain() if nieuw.fg_contact else None
    aanwijzingen = await aanwijzing.designate(session, caller.zvh, functies, contact)
    # Roles count from the designated organisation: every process's snapshot is stale now.
    await forget_snapshot(session, cache, caller.zvh)
    return _schema(row, aanwijzingen)
