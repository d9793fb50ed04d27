"""Per-partnership settings: the mandates the model agreement leaves to each partnership."""

from sqlalchemy.ext.asyncio import AsyncSession

from app.auth.claims import Caller
from app.db.registry import RegistryRepository
from app.db.registry_changes import registry_changed
from app.db.tables import SamenwerkingsverbandRow
from app.domain.errors import InvalidInput, InvalidParam, NotFound
from app.schemas.instellingen import Instellingen, InstellingenWijziging


async def _load(session: AsyncSession, caller: Caller) -> SamenwerkingsverbandRow:
    row = await RegistryRepository(session).samenwerkingsverband(caller.zvh)
    if row is None:  # authentication already checked the partnership; kept for safety
        raise NotFound("Dit samenwerkingsverband bestaat niet.")
    return row


def _schema(row: SamenwerkingsverbandRow) -> Instellingen:
    return Instellingen(
        zvh=row.id,
        mandaat_procesregisseur_intake=row.mandaat_procesregisseur_intake,
        mandaat_netwerkmanager_informatieplicht=row.mandaat_netwerkmanager_informatieplicht,
    )


async def get(session: AsyncSession, caller: Caller) -> Instellingen:
    return _schema(await _load(session, caller))


async def change(
    session: AsyncSession, caller: Caller, wijziging: InstellingenWijziging
) -> Instellingen:
    """Apply the members given; a member sent as null is refused, not a reset."""
    given = wijziging.model_fields_set
    problems = [
        InvalidParam(field.alias or name, "waarde-ontbreekt", "Geef true of false, niet null.")
        for name, field in InstellingenWijziging.model_fields.items()
        if name in given and getattr(wijziging, name) is None
    ]
    if not given:
        problems.append(InvalidParam("body", "geen-wijziging", "Geef ten minste één instelling."))
    if problems:
        raise InvalidInput(problems)
    row = await _load(session, caller)
    if wijziging.mandaat_procesregisseur_intake is not None:
        row.mandaat_procesregisseur_intake = wijziging.mandaat_procesregisseur_intake
    if wijziging.mandaat_netwerkmanager_informatieplicht is not None:
        row.mandaat_netwerkmanager_informatieplicht = (
            wijziging.mandaat_netwerkmanager_informatieplicht
        )
    await session.flush()
    await registry_changed(session, caller.zvh)
    return _schema(row)
