"""Designating a participant for a function (model art. 14.1, 15.1, 16.2), from the API
(the designated beheerder) and from the bootstrap command `zvh designate`."""

from collections.abc import Mapping

from sqlalchemy.ext.asyncio import AsyncSession

from app.db.registry import RegistryRepository
from app.domain.aanwijzing import Aanwijzingen, FgContact, Functie, aanwijzing_problem
from app.domain.deelnemer import Deelnemer
from app.domain.errors import InvalidInput, InvalidParam

# Where each function sits in the API's `aanwijzingen` object.
VELDNAAM: Mapping[Functie, str] = {
    Functie.BEHEERDER: "beheerder",
    Functie.CONTACTPUNT: "contactpunt",
    Functie.ARCHIEFBEHEERDER: "archiefbeheerder",
    Functie.COORDINERENDE_FG: "coordinerendeFg",
}


async def problems(
    session: AsyncSession, zvh: str, functies: Mapping[Functie, str | None], *, prefix: str
) -> list[InvalidParam]:
    """Every reason why these designations cannot be made; empty when they can."""
    registry = RegistryRepository(session)
    found: list[InvalidParam] = []
    for functie, deelnemer in functies.items():
        name = f"{prefix}{VELDNAAM[functie]}"
        if deelnemer is None:
            found.append(
                InvalidParam(
                    name,
                    "waarde-ontbreekt",
                    "Een functie gaat over naar een andere deelnemer; null is geen waarde.",
                )
            )
            continue
        problem = aanwijzing_problem(functie, await registry.deelnemer(zvh, deelnemer))
        if problem is not None:
            found.append(InvalidParam(name, "aanwijzing-ongeldig", problem))
    return found


async def designate(
    session: AsyncSession,
    zvh: str,
    functies: Mapping[Functie, str],
    fg_contact: FgContact | None = None,
) -> Aanwijzingen:
    """Record designations already checked by `problems`; returns the partnership's new ones."""
    registry = RegistryRepository(session)
    await registry.designate(zvh, functies)
    if fg_contact is not None:
        await registry.set_fg_contact(zvh, fg_contact)
    return await registry.aanwijzingen(zvh)


async def designate_checked(
    session: AsyncSession, zvh: str, functie: Functie, deelnemer: str
) -> Aanwijzingen:
    """One designation, checked: the bootstrap command's use case."""
    found = await problems(session, zvh, {functie: deelnemer}, prefix="")
    if found:
        raise InvalidInput(found)
    return await designate(session, zvh, {functie: deelnemer})


def held_functions_problems(
    aanwijzingen: Aanwijzingen, nieuw: Deelnemer, *, prefix: str = ""
) -> list[InvalidParam]:
    """A registry change may not leave a designated participant unfit for its function."""
    return [
        InvalidParam(
            f"{prefix}deelnemertype",
            "aanwijzing-ongeldig",
            f"{nieuw.id} is aangewezen als {functie.value}: {problem} Wijs eerst een ander aan.",
        )
        for functie in sorted(aanwijzingen.functies_van(nieuw.id))
        if (problem := aanwijzing_problem(functie, nieuw)) is not None
    ]
