"""Mandates: recorded by the designated beheerder, read by the fixed participants.

A mandate is never edited or deleted: it ends on its last day, so that for every past
action the mandate in force on its day can still be found (model art. 12.2, 14.7).
"""

from dataclasses import dataclass
from datetime import date, datetime, timedelta

from sqlalchemy.ext.asyncio import AsyncSession

from app.auth.claims import Caller
from app.db.casussen import new_id, now_utc
from app.db.mandaten import MandaatRepository, to_domain
from app.db.registry import RegistryRepository
from app.db.tables_contactpunt import MandaatRow
from app.domain.aanwijzing import Functie
from app.domain.deelnemer import Rol
from app.domain.errors import InvalidInput, InvalidParam, NotFound
from app.domain.mandaat import ROL_VOOR, Bevoegdheid, Mandaten


@dataclass(frozen=True, slots=True)
class MandaatVastleggen:
    """Command: record a mandate (model art. 12.2, 14.7)."""

    bevoegdheid: Bevoegdheid
    mandaatgever: str
    gemandateerde: str
    rol: Rol
    ingangsdatum: date
    einddatum: date | None
    bekendmaking: str


@dataclass(frozen=True, slots=True)
class VastgelegdMandaat:
    """A recorded mandate, and whether it is in force today."""

    id: str
    bevoegdheid: Bevoegdheid
    mandaatgever: str
    gemandateerde: str
    rol: str
    ingangsdatum: date
    einddatum: date | None
    bekendmaking: str
    geldt_vandaag: bool
    vastgelegd_op: datetime
    vastgelegd_door: str


def render(row: MandaatRow, vandaag: date) -> VastgelegdMandaat:
    return VastgelegdMandaat(
        id=row.id,
        bevoegdheid=Bevoegdheid(row.bevoegdheid),
        mandaatgever=row.mandaatgever,
        gemandateerde=row.gemandateerde,
        rol=row.rol,
        ingangsdatum=row.ingangsdatum,
        einddatum=row.einddatum,
        bekendmaking=row.bekendmaking,
        geldt_vandaag=to_domain(row).geldt_op(vandaag),
        vastgelegd_op=row.vastgelegd_op,
        vastgelegd_door=row.vastgelegd_door,
    )


async def _problems(
    session: AsyncSession, zvh: str, nieuw: MandaatVastleggen
) -> list[InvalidParam]:
    registry = RegistryRepository(session)
    problems: list[InvalidParam] = []
    verwacht = ROL_VOOR[nieuw.bevoegdheid]
    if nieuw.rol is not verwacht:
        problems.append(
            InvalidParam(
                "rol",
                "rol-past-niet-bij-bevoegdheid",
                f"Voor {nieuw.bevoegdheid.value} gaat het mandaat naar de rol {verwacht.value} "
                "(art. 12.2 en 14.7 bestuurlijke afspraken).",
            )
        )
    if nieuw.einddatum is not None and nieuw.einddatum < nieuw.ingangsdatum:
        problems.append(
            InvalidParam(
                "einddatum",
                "einddatum-voor-ingangsdatum",
                "De einddatum ligt voor de ingangsdatum.",
            )
        )
    gemandateerde = await registry.deelnemer(zvh, nieuw.gemandateerde)
    if gemandateerde is None:
        problems.append(
            InvalidParam(
                "gemandateerde",
                "deelnemer-onbekend",
                "Geen vaste deelnemer van dit samenwerkingsverband.",
            )
        )
    gever = await registry.deelnemer(zvh, nieuw.mandaatgever)
    if nieuw.bevoegdheid is Bevoegdheid.INTAKE:
        if gever is None or not gever.gezamenlijk_verwerkingsverantwoordelijke:
            problems.append(
                InvalidParam(
                    "mandaatgever",
                    "mandaatgever-onbevoegd",
                    "De intake mandateren de gezamenlijk verwerkingsverantwoordelijken "
                    "(art. 12.2 bestuurlijke afspraken): kies een overheidsdeelnemer.",
                )
            )
    else:
        contactpunt = (await registry.aanwijzingen(zvh)).van(Functie.CONTACTPUNT)
        if nieuw.mandaatgever != contactpunt:
            problems.append(
                InvalidParam(
                    "mandaatgever",
                    "mandaatgever-onbevoegd",
                    "Deze taken mandateert het aangewezen contactpunt (art. 14.7 bestuurlijke "
                    "afspraken).",
                )
            )
    return problems


async def create(
    session: AsyncSession, caller: Caller, nieuw: MandaatVastleggen, vandaag: date
) -> VastgelegdMandaat:
    problems = await _problems(session, caller.zvh, nieuw)
    if problems:
        raise InvalidInput(problems)
    row = MandaatRow(
        id=new_id(),
        zvh=caller.zvh,
        bevoegdheid=nieuw.bevoegdheid.value,
        mandaatgever=nieuw.mandaatgever,
        gemandateerde=nieuw.gemandateerde,
        rol=nieuw.rol.value,
        ingangsdatum=nieuw.ingangsdatum,
        einddatum=nieuw.einddatum,
        bekendmaking=nieuw.bekendmaking,
        vastgelegd_op=now_utc(),
        vastgelegd_door=caller.deelnemer,
    )
    MandaatRepository(session).add(row)
    await session.flush()
    return render(row, vandaag)


async def list_all(session: AsyncSession, caller: Caller, vandaag: date) -> list[VastgelegdMandaat]:
    rows = await MandaatRepository(session).all(caller.zvh)
    return [render(r, vandaag) for r in rows]


async def end(
    session: AsyncSession,
    caller: Caller,
    mandaat_id: str,
    einddatum: date,
    vandaag: date,
) -> VastgelegdMandaat:
    """Bring the last day forward; what the mandate covered before stays covered."""
    row = await MandaatRepository(session).get(caller.zvh, mandaat_id)
    if row is None:
        raise NotFound("Dit mandaat bestaat niet in uw samenwerkingsverband.")
    ondergrens = max(row.ingangsdatum, vandaag - timedelta(days=1))
    if einddatum < ondergrens or (row.einddatum is not None and einddatum > row.einddatum):
        raise InvalidInput(
            [
                InvalidParam(
                    "einddatum",
                    "einddatum-ongeldig",
                    "Een mandaat eindigt niet in het verleden (uiterlijk gisteren), niet voor "
                    "zijn ingangsdatum en niet later dan zijn huidige einddatum.",
                )
            ]
        )
    row.einddatum = einddatum
    await session.flush()
    return render(row, vandaag)


async def geldend(session: AsyncSession, zvh: str, dag: date) -> Mandaten:
    """The mandates of the partnership in force on `dag`, for the policy."""
    return await MandaatRepository(session).geldend(zvh, dag)
