"""The first administrator of a new partnership (`zvh bootstrap`).

Every registry write goes through the designated `beheerder` (contract v2), so a new
partnership needs one participant and one designation before the API can be used. This
is that step, for whoever holds the database's keys; once a beheerder is designated the
command refuses, and the registry is kept through the API.
"""

from dataclasses import dataclass
from datetime import date

from sqlalchemy.ext.asyncio import AsyncSession

from app.db.registry import RegistryRepository
from app.domain.aanwijzing import Functie, aanwijzing_problem
from app.domain.deelnemer import (
    DEELNEMERTYPE_PER_CATEGORIE,
    Beroepsgeheim,
    Categorie,
    Deelnemer,
)


@dataclass(frozen=True, slots=True)
class EersteBeheerder:
    zvh: str
    zvh_naam: str
    deelnemer: str
    naam: str
    categorie: Categorie
    beroepsgeheim: Beroepsgeheim | None
    toetredingsdatum: date


async def bootstrap(session: AsyncSession, command: EersteBeheerder) -> list[str]:
    """Register the partnership and its first participant as beheerder; problems, if any.

    Nothing is written when a problem is found. The participant's kind follows from its
    category (art. 2.27 WGS), and the beheerder must be a joint controller.
    """
    registry = RegistryRepository(session)
    if await registry.samenwerkingsverband(command.zvh) is not None:
        beheerder = (await registry.aanwijzingen(command.zvh)).van(Functie.BEHEERDER)
        if beheerder is not None:
            return [
                f"{command.zvh} already has a designated beheerder ({beheerder}); "
                "register participants through the API (POST /v1/deelnemers)"
            ]
    bestaand = await registry.deelnemer(command.zvh, command.deelnemer)
    deelnemer = bestaand or Deelnemer(
        command.zvh,
        command.deelnemer,
        command.naam,
        DEELNEMERTYPE_PER_CATEGORIE[command.categorie],
        command.categorie,
        command.beroepsgeheim,
        command.toetredingsdatum,
    )
    problem = aanwijzing_problem(Functie.BEHEERDER, deelnemer)
    if problem is not None:
        return [problem]
    await registry.ensure_samenwerkingsverband(command.zvh, command.zvh_naam)
    if bestaand is None:
        await registry.add(deelnemer)
    await registry.designate(command.zvh, {Functie.BEHEERDER: deelnemer.id})
    return []
