"""The register of data breaches (AVG art. 33-34; model art. 14.1: the contact point
handles "meldingen van inbreuken in verband met persoonsgegevens").

Any fixed participant reports a breach it discovered; the contact point (or the network
manager it mandated, art. 14.7) assesses it, notifies the Autoriteit Persoonsgegevens
within 72 hours of discovery where it must, and records that the data subjects were
informed where the risk is high. Every breach stays in the register, notified or not
(art. 33(5): "De verwerkingsverantwoordelijke documenteert alle inbreuken").
"""

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import UTC, date, datetime

from sqlalchemy import select
from sqlalchemy.ext.asyncio import AsyncSession

from app.auth.claims import Caller
from app.auth.contactpunt import is_contactpunt
from app.auth.errors import AccessDenied
from app.db.casussen import new_id, now_utc
from app.db.outbox import record_event
from app.db.tables import CasusRow
from app.db.tables_contactpunt import DatalekRow
from app.domain.deelnemer import Rol
from app.domain.errors import Conflict, InvalidInput, InvalidParam, NotFound
from app.domain.mandaat import Bevoegdheid, Mandaten
from app.domain.notificatie import Actie, Kanaal
from app.domain.verwerking import Handeling
from app.rules.datalek import SoortGegevens, melden_uiterlijk
from app.services.bewaartermijn import AMSTERDAM
from app.services.verwerkingslog import Verwerkingslog

ACTIVITEIT = "datalek"


@dataclass(frozen=True, slots=True)
class Wie:
    caller: Caller
    behandelaar: bool  # the contact point, or the mandated network manager
    leest_alles: bool  # ... and the coordinating FG and the designated beheerder


def wie(caller: Caller, mandaten: Mandaten) -> Wie:
    behandelaar = is_contactpunt(caller, mandaten, Bevoegdheid.DATALEKKEN)
    return Wie(
        caller,
        behandelaar,
        behandelaar or caller.is_coordinerend_fg or caller.has_rol(Rol.BEHEERDER),
    )


@dataclass(frozen=True, slots=True)
class DatalekMelden:
    """Command: register a data breach (art. 33 lid 5 AVG)."""

    ontdekt_op: datetime
    omschrijving: str
    soorten_gegevens: tuple[SoortGegevens, ...]
    geschat_aantal_betrokkenen: int
    casussen: tuple[str, ...]


@dataclass(frozen=True, slots=True)
class DatalekBeoordelen:
    """Command: the contact point's assessment (art. 33 lid 1, 34 lid 1 AVG)."""

    meldplichtig: bool
    hoog_risico: bool
    motivering: str


@dataclass(frozen=True, slots=True)
class Datalek:
    """A registered breach, and what its dates mean now."""

    row: DatalekRow
    tijdig_gemeld: bool | None
    verlopen: bool


def render(row: DatalekRow, nu: datetime) -> Datalek:
    gemeld = row.gemeld_ap_op
    return Datalek(
        row,
        tijdig_gemeld=None if gemeld is None else gemeld <= row.melden_uiterlijk,
        verlopen=row.meldplichtig is not False and gemeld is None and nu > row.melden_uiterlijk,
    )


def _log(
    log: Verwerkingslog, caller: Caller, handeling: Handeling, casussen: Sequence[str]
) -> None:
    if not casussen:
        log.record(caller, ACTIVITEIT, handeling)
    for casus_id in casussen:
        log.record(caller, ACTIVITEIT, handeling, casus_id=casus_id)


def announce(session: AsyncSession, row: DatalekRow, actie: Actie) -> None:
    """Channel `datalekken` (who may read it is checked at delivery)."""
    record_event(
        session,
        zvh=row.zvh,
        kanaal=Kanaal.DATALEKKEN,
        resource="datalek",
        resource_id=row.id,
        pad=f"/v1/datalekken/{row.id}",
        actie=actie,
    )


async def create(
    session: AsyncSession, log: Verwerkingslog, caller: Caller, nieuw: DatalekMelden, nu: datetime
) -> Datalek:
    problems: list[InvalidParam] = []
    if nieuw.ontdekt_op > nu:
        problems.append(
            InvalidParam("ontdektOp", "tijdstip-in-toekomst", "Het tijdstip ligt in de toekomst.")
        )
    casussen = list(dict.fromkeys(nieuw.casussen))
    if casussen:
        bekend = set(
            await session.scalars(
                select(CasusRow.id).where(CasusRow.zvh == caller.zvh, CasusRow.id.in_(casussen))
            )
        )
        problems += [
            InvalidParam(
                f"casussen[{i}]",
                "casus-onbekend",
                "Geen casus van dit samenwerkingsverband.",
            )
            for i, c in enumerate(nieuw.casussen)
            if c not in bekend
        ]
    if problems:
        raise InvalidInput(problems)
    row = DatalekRow(
        id=new_id(),
        zvh=caller.zvh,
        gemeld_door=caller.deelnemer,
        sub=caller.claims.sub,
        ontdekt_op=nieuw.ontdekt_op.astimezone(UTC),
        melden_uiterlijk=melden_uiterlijk(nieuw.ontdekt_op),
        omschrijving=nieuw.omschrijving,
        soorten_gegevens=sorted({s.value for s in nieuw.soorten_gegevens}),
        geschat_aantal_betrokkenen=nieuw.geschat_aantal_betrokkenen,
        casussen=casussen,
        aangemaakt_op=now_utc(),
    )
    session.add(row)
    await session.flush()
    _log(log, caller, Handeling.VASTLEGGEN, row.casussen)
    announce(session, row, Actie.AANGEMAAKT)
    return render(row, nu)


async def _load(
    session: AsyncSession, w: Wie, datalek_id: str, *, for_update: bool = False
) -> DatalekRow:
    query = select(DatalekRow).where(DatalekRow.zvh == w.caller.zvh, DatalekRow.id == datalek_id)
    if for_update:
        query = query.with_for_update()
    row: DatalekRow | None = await session.scalar(query)
    if row is None:
        raise NotFound("Dit datalek bestaat niet in uw samenwerkingsverband.")
    if not w.leest_alles and row.gemeld_door != w.caller.deelnemer:
        raise AccessDenied(
            "Het register van datalekken lezen het contactpunt, de coördinerend FG en de "
            "beheerder; een melder ziet zijn eigen meldingen."
        )
    return row


async def get(
    session: AsyncSession, log: Verwerkingslog, w: Wie, datalek_id: str, nu: datetime
) -> Datalek:
    row = await _load(session, w, datalek_id)
    _log(log, w.caller, Handeling.RAADPLEGEN, row.casussen)
    return render(row, nu)


async def list_visible(
    session: AsyncSession, log: Verwerkingslog, w: Wie, nu: datetime
) -> list[Datalek]:
    query = select(DatalekRow).where(DatalekRow.zvh == w.caller.zvh)
    if not w.leest_alles:
        query = query.where(DatalekRow.gemeld_door == w.caller.deelnemer)
    rows = await session.scalars(query.order_by(DatalekRow.ontdekt_op.desc(), DatalekRow.id))
    log.record(w.caller, ACTIVITEIT, Handeling.RAADPLEGEN)
    return [render(r, nu) for r in rows]


async def assess(
    session: AsyncSession,
    log: Verwerkingslog,
    w: Wie,
    datalek_id: str,
    beoordeling: DatalekBeoordelen,
    nu: datetime,
) -> Datalek:
    row = await _load(session, w, datalek_id, for_update=True)
    if row.beoordeeld_op is not None:
        raise Conflict("Dit datalek is al beoordeeld.", code="datalek-al-beoordeeld")
    if beoordeling.hoog_risico and not beoordeling.meldplichtig:
        raise InvalidInput(
            [
                InvalidParam(
                    "hoogRisico",
                    "hoog-risico-zonder-meldplicht",
                    "Een waarschijnlijk hoog risico is ook een risico: dan is het datalek "
                    "meldplichtig (art. 33 lid 1 en 34 lid 1 AVG).",
                )
            ]
        )
    row.meldplichtig = beoordeling.meldplichtig
    row.hoog_risico = beoordeling.hoog_risico
    row.beoordeling_motivering = beoordeling.motivering
    row.beoordeeld_op = now_utc()
    row.beoordeeld_door = w.caller.deelnemer
    _log(log, w.caller, Handeling.VASTLEGGEN, row.casussen)
    announce(session, row, Actie.GEWIJZIGD)
    return render(row, nu)


async def notify_ap(
    session: AsyncSession,
    log: Verwerkingslog,
    w: Wie,
    datalek_id: str,
    gemeld_op: datetime,
    kenmerk: str,
    nu: datetime,
) -> Datalek:
    row = await _load(session, w, datalek_id, for_update=True)
    if row.meldplichtig is not True:
        raise Conflict(
            "Meld pas aan de Autoriteit Persoonsgegevens na een beoordeling als meldplichtig.",
            code="datalek-niet-meldplichtig",
        )
    if row.gemeld_ap_op is not None:
        raise Conflict("Dit datalek is al gemeld.", code="datalek-al-gemeld")
    if not row.ontdekt_op <= gemeld_op <= nu:
        raise InvalidInput(
            [
                InvalidParam(
                    "gemeldOp",
                    "tijdstip-buiten-bereik",
                    "De melding ligt niet voor de ontdekking en niet in de toekomst.",
                )
            ]
        )
    row.gemeld_ap_op = gemeld_op.astimezone(UTC)
    row.ap_kenmerk = kenmerk
    _log(log, w.caller, Handeling.VERSTREKKEN, row.casussen)
    announce(session, row, Actie.GEWIJZIGD)
    return render(row, nu)


async def informed(
    session: AsyncSession,
    log: Verwerkingslog,
    w: Wie,
    datalek_id: str,
    datum: date,
    nu: datetime,
) -> Datalek:
    row = await _load(session, w, datalek_id, for_update=True)
    if row.beoordeeld_op is None:
        raise Conflict(
            "Leg eerst de beoordeling vast (art. 34 AVG: bij een hoog risico).",
            code="datalek-niet-beoordeeld",
        )
    if row.betrokkenen_geinformeerd_op is not None:
        raise Conflict(
            "Dat de betrokkenen zijn geïnformeerd, is al vastgelegd.",
            code="betrokkenen-al-geinformeerd",
        )
    ontdekt = row.ontdekt_op.astimezone(AMSTERDAM).date()
    if not ontdekt <= datum <= nu.astimezone(AMSTERDAM).date():
        raise InvalidInput(
            [
                InvalidParam(
                    "datum",
                    "datum-buiten-bereik",
                    "De datum ligt niet voor de dag van ontdekking en niet in de toekomst.",
                )
            ]
        )
    row.betrokkenen_geinformeerd_op = datum
    _log(log, w.caller, Handeling.VASTLEGGEN, row.casussen)
    announce(session, row, Actie.GEWIJZIGD)
    return render(row, nu)
