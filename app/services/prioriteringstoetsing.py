"""Checking candidates against a published priority list (art. 2.32(2) WGS), statelessly.

Nothing about a candidate is stored: the request leaves one processing-log entry, without
any candidate's identity. Every fact must come from a government or private participant
of the partnership; a fact from a third party or an incidental participant is refused,
as art. 2.32 WGS forbids gathering data from them for the list.

This module holds the work on typed values: the list's version in force and its sources
(`prepare`), and per candidate the source and category checks and the evaluation
(`Beoordelaar`). Reading candidates from the wire and writing the answer (a JSON body, or
NDJSON streamed line by line in bounded memory) is the router layer's codec,
`app/routers/_toetsing_codec.py`.
"""

from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from datetime import date

from sqlalchemy.ext.asyncio import AsyncSession

from app.auth.claims import Caller
from app.db.registry_cache import RegistryCache
from app.domain.deelnemer import REGISTERED_TYPES, Deelnemer
from app.domain.errors import InvalidParam
from app.domain.prioritering import CATEGORIEEN, Expressie, Feit, Telling, Uitkomst
from app.domain.verwerking import Handeling
from app.rules.prioritering import compile_criteria, parse_criteria, problems_in_feit, tellingen
from app.services.prioriteringslijsten import get_lijst
from app.services.verwerkingslog import Verwerkingslog


@dataclass(frozen=True, slots=True)
class Toetsing:
    """What a check needs, loaded before the body is read."""

    lijst_id: str
    versie: int
    expressie: Expressie
    bronnen: Mapping[str, Deelnemer]


async def prepare(
    session: AsyncSession, cache: RegistryCache, log: Verwerkingslog, caller: Caller, lijst_id: str
) -> Toetsing:
    """The list's version in force (404 for another partnership's, 409 if unpublished)."""
    log.record(caller, "prioriteringslijst-toetsen", Handeling.RAADPLEGEN)
    lijst = await get_lijst(session, caller, lijst_id)
    versie = lijst.version_to_apply()
    deelnemers = (await cache.snapshot(session, caller.zvh)).deelnemers
    bronnen = {k: d for k, d in deelnemers.items() if d.deelnemertype in REGISTERED_TYPES}
    return Toetsing(lijst.id, versie.versie, parse_criteria(versie.criteria), bronnen)


class Beoordelaar:
    """Checks candidates' facts against one version on one peildatum."""

    def __init__(self, toetsing: Toetsing, peildatum: date) -> None:
        self.bronnen = toetsing.bronnen
        self.assess = compile_criteria(toetsing.expressie, peildatum)
        # Each clause (its JSON Pointer and its count), in the order of `Uitkomst.clausules`.
        self.tellingen: tuple[tuple[str, Telling], ...] = tuple(tellingen(toetsing.expressie))

    def kandidaat(self, feiten: Sequence[Feit], index: int) -> Uitkomst | list[InvalidParam]:
        """The outcome for candidate `index`'s facts, or every problem with its facts.

        A fact's source must be a fixed participant and its category known for its kind;
        the problems name the fact as `kandidaten.{index}.feiten.{position}`.
        """
        bronnen = self.bronnen
        problems: list[InvalidParam] = []
        for j, feit in enumerate(feiten):
            if feit["bron"] not in bronnen or feit["categorie"] not in CATEGORIEEN[feit["soort"]]:
                problems += problems_in_feit(feit, bronnen, f"kandidaten.{index}.feiten.{j}")
        if problems:
            return problems
        return self.assess(feiten)
