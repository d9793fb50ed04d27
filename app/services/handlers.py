"""What follows from a domain event, in one table, inside the transaction that raised it.

A decision on one aggregate (a case closed, a list withdrawn, cases anonymised) records
events; `dispatch` runs their handlers with the same session, so the effects on other
aggregates commit or roll back with the decision. This is the one place where placements
on priority lists end because something else happened (art. 2.32 lid 4 WGS), where an
admitted case gets its information duty, and where a changed source recomputes the case's
retention dates (and asks suppliers to consent to extensions).
"""

from collections.abc import Awaitable, Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass
from datetime import date, datetime
from typing import Any

from sqlalchemy.ext.asyncio import AsyncSession

from app.auth.claims import Caller
from app.db.overleg import OverlegRepository
from app.db.plaatsingen import PlaatsingRepository
from app.db.tables import CasusRow
from app.db.tables_plaatsing import PrioriteringsplaatsingRow
from app.domain.events import (
    BronGewijzigd,
    CasussenGeanonimiseerd,
    CasusToegelaten,
    CasusVerlietProces,
    Gebeurtenis,
    LijstIngetrokken,
)
from app.domain.plaatsing import Verwijderreden, buiten_casusproces
from app.domain.verwerking import Handeling
from app.rules.bewaartermijn_typen import Bewaarbeleid
from app.services import bewaardata
from app.services.informatieplicht import informatieplicht_bij_toelating
from app.services.verwerkingslog import Verwerkingslog

VERWIJDEREN = "prioriteringslijst-verwijderen"

# Records one processing: (activity, what was done, case id, pseudonym of the data subject).
Vastlegger = Callable[[str, Handeling, str, str | None], None]


def vastlegger_voor(log: Verwerkingslog, caller: Caller) -> Vastlegger:
    """The request's processing log, as a handler writes to it."""

    def vastleggen(
        activiteit: str, handeling: Handeling, casus_id: str, betrokkene: str | None
    ) -> None:
        log.record(caller, activiteit, handeling, casus_id=casus_id, betrokkene=betrokkene)

    return vastleggen


@dataclass(frozen=True, slots=True)
class Omgeving:
    """What a handler works with: the transaction, the clock, the policy and who acts.

    `vastleggen` is None for a batch that writes its own processing-log records (the
    retention sweep logs the archiving of each case, not the consequences).
    """

    session: AsyncSession
    vandaag: date
    nu: datetime
    beleid: Bewaarbeleid
    door: str
    sub: str
    vastleggen: Vastlegger | None


def omgeving_van(
    session: AsyncSession,
    log: Verwerkingslog | None,
    caller: Caller,
    *,
    vandaag: date,
    nu: datetime,
    beleid: Bewaarbeleid,
) -> Omgeving:
    """The handlers' surroundings in a request: the caller acts, the request's log (if the
    effects are processings of their own) records."""
    return Omgeving(
        session,
        vandaag,
        nu,
        beleid,
        caller.deelnemer,
        caller.claims.sub,
        None if log is None else vastlegger_voor(log, caller),
    )


async def _end_placements(
    omgeving: Omgeving,
    huidige: Sequence[tuple[PrioriteringsplaatsingRow, CasusRow, str | None]],
    reden: Verwijderreden,
    toelichting: str | None,
) -> None:
    """End current placements and delete their facts (art. 2.32 lid 4 WGS)."""
    if omgeving.vastleggen is not None:
        for _plaatsing, casus, pseudoniem in huidige:
            omgeving.vastleggen(VERWIJDEREN, Handeling.WIJZIGEN, casus.id, pseudoniem)
    await PlaatsingRepository(omgeving.session).end_all(
        [plaatsing for plaatsing, _casus, _pseudoniem in huidige],
        op=omgeving.nu,
        door=omgeving.door,
        sub=omgeving.sub,
        reden=reden.value,
        toelichting=toelichting,
    )


async def end_placements_of_casus(omgeving: Omgeving, event: CasusVerlietProces) -> None:
    """A case that left the process may stay on no priority list (art. 2.32 lid 4 WGS)."""
    huidige = await PlaatsingRepository(omgeving.session).huidige_van_casussen([event.casus_id])
    await _end_placements(
        omgeving,
        huidige,
        Verwijderreden.CASUS_NIET_MEER_TOEGELATEN,
        buiten_casusproces(event.status),
    )


async def end_placements_of_lijst(omgeving: Omgeving, event: LijstIngetrokken) -> None:
    """A withdrawn list is applied no more: every current placement ends."""
    huidige = await PlaatsingRepository(omgeving.session).huidige_met_casus(
        event.zvh, event.lijst_id
    )
    await _end_placements(
        omgeving,
        huidige,
        Verwijderreden.LIJST_INGETROKKEN,
        "De prioriteringslijst is ingetrokken en wordt niet meer toegepast.",
    )


async def end_placements_of_anonymised(omgeving: Omgeving, event: CasussenGeanonimiseerd) -> None:
    """An anonymised case is on no list; the reason of the end is not kept (it may quote
    the case), the code is."""
    huidige = await PlaatsingRepository(omgeving.session).huidige_van_casussen(event.casus_ids)
    await _end_placements(omgeving, huidige, Verwijderreden.CASUS_NIET_MEER_TOEGELATEN, None)


async def ask_information_duty(omgeving: Omgeving, event: CasusToegelaten) -> None:
    """Admitted: the data subject must be informed (art. 14 AVG; factsheet, step 2)."""
    OverlegRepository(omgeving.session).add(
        informatieplicht_bij_toelating(event.casus_id, omgeving.vandaag)
    )


async def recompute_retention(omgeving: Omgeving, event: BronGewijzigd) -> None:
    """Recompute and store the case's retention dates; suppliers are asked to consent to
    every extension that binds their data (app/services/bewaardata.py)."""
    casus = await omgeving.session.get(CasusRow, event.casus_id)
    if casus is None:
        raise LookupError(f"case {event.casus_id} of a BronGewijzigd event does not exist")
    await bewaardata.refresh(omgeving.session, casus, omgeving.beleid, omgeving.vandaag)


Handler = Callable[[Omgeving, Any], Awaitable[None]]

HANDLERS: Mapping[type[Gebeurtenis], tuple[Handler, ...]] = {
    CasusToegelaten: (ask_information_duty,),
    CasusVerlietProces: (end_placements_of_casus,),
    LijstIngetrokken: (end_placements_of_lijst,),
    CasussenGeanonimiseerd: (end_placements_of_anonymised,),
    BronGewijzigd: (recompute_retention,),
}


async def dispatch(omgeving: Omgeving, events: Iterable[Gebeurtenis]) -> None:
    """Run every handler of every event, in order, in the caller's transaction."""
    for event in events:
        for handler in HANDLERS[type(event)]:
            await handler(omgeving, event)
