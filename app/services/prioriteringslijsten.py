"""Use cases of priority lists: create, change criteria, publish, withdraw, publish openly.

Callers were authorised by the route's policy (joint controllers only); every query is
limited to the caller's partnership, so another partnership's list is simply not found.
"""

import uuid
from datetime import UTC, date, datetime

from sqlalchemy.ext.asyncio import AsyncSession

from app.auth.claims import Caller
from app.db.outbox import record_event
from app.db.prioritering import PrioriteringRepository
from app.db.registry import RegistryRepository
from app.domain.errors import Conflict, NotFound
from app.domain.events import LijstIngetrokken
from app.domain.notificatie import Actie, Kanaal
from app.domain.prioritering import Expressie
from app.domain.prioriteringslijst import (
    Lijststatus,
    Prioriteringslijst,
    Versie,
    check_transition,
)
from app.rules.bewaartermijn_typen import Bewaarbeleid
from app.rules.prioritering import to_json
from app.services.bewaartermijn import AMSTERDAM
from app.services.handlers import dispatch, omgeving_van
from app.services.verwerkingslog import Verwerkingslog

# Publication is on the partnership's website in the Netherlands: its date is Dutch.


def _niet_gevonden(lijst_id: str) -> NotFound:
    return NotFound(f"Prioriteringslijst {lijst_id} bestaat niet in dit samenwerkingsverband.")


async def _load(repo: PrioriteringRepository, caller: Caller, lijst_id: str) -> Prioriteringslijst:
    lijst = await repo.get(caller.zvh, lijst_id, for_update=True)
    if lijst is None:
        raise _niet_gevonden(lijst_id)
    return lijst


def _announce(session: AsyncSession, caller: Caller, lijst_id: str, actie: Actie) -> None:
    record_event(
        session,
        zvh=caller.zvh,
        kanaal=Kanaal.PRIORITERINGSLIJSTEN,
        resource="prioriteringslijst",
        resource_id=lijst_id,
        pad=f"/v1/prioriteringslijsten/{lijst_id}",
        actie=actie,
    )


async def create_lijst(
    session: AsyncSession, caller: Caller, naam: str, omschrijving: str, criteria: Expressie
) -> Prioriteringslijst:
    repo = PrioriteringRepository(session)
    if await repo.naam_bestaat(caller.zvh, naam):
        raise Conflict(
            f"Er bestaat al een prioriteringslijst met de naam '{naam}'.", code="naam-bestaat-al"
        )
    nu = datetime.now(UTC)
    lijst = Prioriteringslijst(
        id=str(uuid.uuid4()),
        zvh=caller.zvh,
        naam=naam,
        status=Lijststatus.CONCEPT,
        aangemaakt_op=nu,
        aangemaakt_door=caller.deelnemer,
        ingetrokken_op=None,
        versies=(Versie(1, omschrijving, to_json(criteria), nu, None, None),),
    )
    await repo.add(lijst)
    _announce(session, caller, lijst.id, Actie.AANGEMAAKT)
    return lijst


async def list_lijsten(session: AsyncSession, caller: Caller) -> list[Prioriteringslijst]:
    return await PrioriteringRepository(session).find(caller.zvh)


async def get_lijst(session: AsyncSession, caller: Caller, lijst_id: str) -> Prioriteringslijst:
    lijst = await PrioriteringRepository(session).get(caller.zvh, lijst_id)
    if lijst is None:
        raise _niet_gevonden(lijst_id)
    return lijst


async def new_versie(
    session: AsyncSession, caller: Caller, lijst_id: str, omschrijving: str, criteria: Expressie
) -> Prioriteringslijst:
    """A new concept version; an unpublished concept (never applied) is replaced instead."""
    repo = PrioriteringRepository(session)
    lijst = await _load(repo, caller, lijst_id)
    if lijst.status is Lijststatus.INGETROKKEN:
        raise Conflict(
            "Een ingetrokken prioriteringslijst krijgt geen nieuwe versie.",
            code="lijst-ingetrokken",
        )
    nu = datetime.now(UTC)
    concept = lijst.conceptversie
    if concept is not None:
        await repo.replace_concept(lijst.id, concept.versie, omschrijving, to_json(criteria), nu)
    else:
        nummer = lijst.versies[-1].versie + 1
        await repo.add_versie(
            lijst.id, Versie(nummer, omschrijving, to_json(criteria), nu, None, None)
        )
    _announce(session, caller, lijst.id, Actie.GEWIJZIGD)
    return await get_lijst(session, caller, lijst_id)


async def publish(session: AsyncSession, caller: Caller, lijst_id: str) -> Prioriteringslijst:
    """Publish the concept version (art. 2.22 BGS); from now on it is the one applied."""
    repo = PrioriteringRepository(session)
    lijst = await _load(repo, caller, lijst_id)
    check_transition(lijst.status, Lijststatus.GEPUBLICEERD)
    concept = lijst.conceptversie
    if concept is None:
        raise Conflict(
            "Er is geen conceptversie om te publiceren; maak eerst een nieuwe versie.",
            code="geen-conceptversie",
        )
    nu = datetime.now(UTC)
    await repo.publish(lijst.id, concept.versie, nu, nu.astimezone(AMSTERDAM).date())
    if lijst.status is not Lijststatus.GEPUBLICEERD:
        await repo.set_status(lijst.id, Lijststatus.GEPUBLICEERD)
    _announce(session, caller, lijst.id, Actie.GEPUBLICEERD)
    return await get_lijst(session, caller, lijst_id)


async def withdraw(
    session: AsyncSession,
    log: Verwerkingslog,
    caller: Caller,
    lijst_id: str,
    *,
    vandaag: date,
    nu: datetime,
    beleid: Bewaarbeleid,
) -> Prioriteringslijst:
    """Withdraw a list for good: it is applied no more and leaves the publication; its
    placements end through `LijstIngetrokken` (app/services/handlers.py)."""
    repo = PrioriteringRepository(session)
    lijst = await _load(repo, caller, lijst_id)
    check_transition(lijst.status, Lijststatus.INGETROKKEN)
    await repo.set_status(lijst.id, Lijststatus.INGETROKKEN, ingetrokken_op=nu)
    _announce(session, caller, lijst.id, Actie.INGETROKKEN)
    omgeving = omgeving_van(session, log, caller, vandaag=vandaag, nu=nu, beleid=beleid)
    await dispatch(omgeving, [LijstIngetrokken(zvh=caller.zvh, lijst_id=lijst.id)])
    return await get_lijst(session, caller, lijst_id)


async def publications(session: AsyncSession, zvh: str) -> list[Prioriteringslijst]:
    """The published lists of a partnership, for anyone (art. 2.22 BGS)."""
    if await RegistryRepository(session).samenwerkingsverband(zvh) is None:
        raise NotFound(f"Samenwerkingsverband {zvh} bestaat niet.")
    return await PrioriteringRepository(session).find(zvh, Lijststatus.GEPUBLICEERD)
