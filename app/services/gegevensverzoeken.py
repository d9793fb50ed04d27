"""Step 3 (art. 2.31 lid 3 WGS): the joint controllers ask a fixed participant for data.

Only what is necessary may be asked (necessity, subsidiarity, proportionality); a request
is what lets a participant that is not (yet) selected supply data to the case.
"""

from collections.abc import Collection
from dataclasses import dataclass
from datetime import datetime

from sqlalchemy.ext.asyncio import AsyncSession

from app.auth.case_views import Onderdeel
from app.db.casussen import new_id, now_utc
from app.db.outbox import record_event
from app.db.tables_verstrekkingen import GegevensverzoekRow
from app.db.verstrekkingen import VerstrekkingRepository
from app.domain.casus import Casusstatus
from app.domain.errors import Conflict, InvalidInput, InvalidParam, NotFound
from app.domain.notificatie import Actie, Kanaal
from app.services.casussen import CasusToegang


@dataclass(frozen=True, slots=True)
class Gegevensverzoek:
    """A data request, and whether the asked participant answered it with a supply."""

    id: str
    deelnemer: str
    omschrijving: str
    verzoeker: str
    tijdstip: datetime
    beantwoord: bool


def require_admitted(toegang: CasusToegang) -> None:
    """Data is gathered only after the intake admitted the case (art. 2.31 lid 2-3 WGS)."""
    if Casusstatus(toegang.casus.status) is Casusstatus.AANGEMELD:
        raise Conflict(
            "De intake beoordeelt alleen de aanmelding; gegevens worden pas na toelating "
            "verzameld (art. 2.31 lid 2 en 3 WGS).",
            code="casus-nog-niet-toegelaten",
        )


async def create(
    session: AsyncSession,
    toegang: CasusToegang,
    deelnemer: str,
    omschrijving: str,
    vaste_deelnemers: Collection[str],
) -> Gegevensverzoek:
    require_admitted(toegang)
    if deelnemer not in vaste_deelnemers:
        raise InvalidInput(
            [
                InvalidParam(
                    "deelnemer",
                    "deelnemer-onbekend",
                    "Geen vaste deelnemer van dit samenwerkingsverband; derden worden als "
                    "incidentele deelnemer uitgenodigd (art. 2.31 lid 9 WGS).",
                )
            ]
        )
    row = GegevensverzoekRow(
        id=new_id(),
        casus_id=toegang.casus.id,
        zvh=toegang.casus.zvh,
        deelnemer=deelnemer,
        omschrijving=omschrijving,
        verzoeker=toegang.caller.deelnemer,
        sub=toegang.caller.claims.sub,
        tijdstip=now_utc(),
    )
    VerstrekkingRepository(session).add(row)
    announce(session, row, Actie.AANGEMAAKT)
    return _view(row, beantwoord=False)


def announce(session: AsyncSession, row: GegevensverzoekRow, actie: Actie) -> None:
    """Channel `gegevensverzoeken`, addressed to the asked participant."""
    record_event(
        session,
        zvh=row.zvh,
        kanaal=Kanaal.GEGEVENSVERZOEKEN,
        resource="gegevensverzoek",
        resource_id=row.id,
        pad=f"/v1/casussen/{row.casus_id}/gegevensverzoeken/{row.id}",
        actie=actie,
        casus_id=row.casus_id,
        geadresseerde=row.deelnemer,
    )


async def list_for(session: AsyncSession, toegang: CasusToegang) -> list[Gegevensverzoek]:
    """All requests for whoever sees the whole case; an asked participant those to it."""
    repo = VerstrekkingRepository(session)
    alles = toegang.zicht.toont(Onderdeel.GEGEVENSVERZOEKEN)
    rows = await repo.verzoeken(
        toegang.casus.id, deelnemer=None if alles else toegang.caller.deelnemer
    )
    beantwoord = await repo.beantwoorde_verzoeken(toegang.casus.id)
    return [_view(row, beantwoord=row.id in beantwoord) for row in rows]


async def get_for(session: AsyncSession, toegang: CasusToegang, verzoek_id: str) -> Gegevensverzoek:
    """One request, for the joint controllers or the participant it was addressed to."""
    for verzoek in await list_for(session, toegang):
        if verzoek.id == verzoek_id:
            return verzoek
    raise NotFound("Dit gegevensverzoek bestaat niet of is niet aan u gericht.")


def _view(row: GegevensverzoekRow, *, beantwoord: bool) -> Gegevensverzoek:
    return Gegevensverzoek(
        id=row.id,
        deelnemer=row.deelnemer,
        omschrijving=row.omschrijving,
        verzoeker=row.verzoeker,
        tijdstip=row.tijdstip,
        beantwoord=beantwoord,
    )
