"""The information duty towards the data subject of an admitted case (art. 14 AVG).

The duty arises at admission (factsheet Werkprocessen, step 2): `decide` adds the record
in the same transaction as the status change, so every admitted case has one. The
contact point, or the network manager it mandated, records that it was done or which
exception applies (art. 1.3 BGS; model art. 14.2, 14.7, annex 4).
"""

from dataclasses import dataclass
from datetime import date

from sqlalchemy.ext.asyncio import AsyncSession

from app.auth.claims import Caller
from app.auth.errors import AccessDenied
from app.db.casussen import now_utc
from app.db.overleg import OverlegRepository
from app.db.registry import RegistryRepository
from app.db.tables_overleg import InformatieplichtRow
from app.domain.datum import datum_in_toekomst
from app.domain.errors import Conflict, InvalidInput, InvalidParam, NotFound
from app.rules.betrokkenenverzoek import Grond41
from app.rules.informatieplicht import (
    Informatieplichtstand,
    Uitzondering,
    assess_informatieplicht,
    uiterlijke_datum,
)


def informatieplicht_bij_toelating(casus_id: str, toegelaten_op: date) -> InformatieplichtRow:
    """The open duty of a case admitted on `toegelaten_op`."""
    return InformatieplichtRow(
        casus_id=casus_id,
        toegelaten_op=toegelaten_op,
        uiterlijke_datum=uiterlijke_datum(toegelaten_op),
    )


async def _load(session: AsyncSession, casus_id: str) -> InformatieplichtRow:
    row = await OverlegRepository(session).informatieplicht(casus_id)
    if row is None:
        raise NotFound(
            "Deze casus is niet toegelaten; er is geen informatieplicht.",
            code="geen-informatieplicht",
        )
    return row


@dataclass(frozen=True, slots=True)
class InformatieplichtAfhandelen:
    """Command: the data subject was informed on `uitgevoerd_op`, or an exception applies
    (with its motivation; for art. 41 UAVG also who invokes it, the ground, a review date)."""

    uitgevoerd_op: date | None
    uitzondering: Uitzondering | None
    motivering: str | None
    deelnemer: str | None
    grond: Grond41 | None
    herbeoordeling_op: date | None


@dataclass(frozen=True, slots=True)
class Informatieplicht:
    """The stored duty and what the rule says of it today."""

    row: InformatieplichtRow
    stand: Informatieplichtstand
    uitzondering: Uitzondering | None
    grond: Grond41 | None


def render(row: InformatieplichtRow, vandaag: date) -> Informatieplicht:
    uitzondering = Uitzondering(row.uitzondering) if row.uitzondering else None
    stand = assess_informatieplicht(
        row.toegelaten_op, row.uitgevoerd_op, uitzondering, vandaag, row.opgeheven_op
    )
    grond = Grond41(row.uitzondering_grond) if row.uitzondering_grond else None
    return Informatieplicht(row, stand, uitzondering, grond)


async def get(session: AsyncSession, casus_id: str, vandaag: date) -> Informatieplicht:
    return render(await _load(session, casus_id), vandaag)


def _check(
    row: InformatieplichtRow, afhandeling: InformatieplichtAfhandelen, vandaag: date
) -> list[InvalidParam]:
    problems: list[InvalidParam] = []
    if (afhandeling.uitgevoerd_op is None) == (afhandeling.uitzondering is None):
        problems.append(
            InvalidParam(
                "uitzondering" if afhandeling.uitgevoerd_op else "uitgevoerdOp",
                "uitgevoerd-of-uitzondering",
                "Geef precies één van uitgevoerdOp en uitzondering.",
            )
        )
    if afhandeling.uitzondering is not None and afhandeling.motivering is None:
        problems.append(
            InvalidParam(
                "motivering", "motivering-ontbreekt", "Een uitzondering vraagt een motivering."
            )
        )
    if afhandeling.uitzondering is None and afhandeling.motivering is not None:
        problems.append(
            InvalidParam(
                "motivering",
                "motivering-zonder-uitzondering",
                "Een motivering hoort bij een uitzondering.",
            )
        )
    art_41 = afhandeling.uitzondering is Uitzondering.ART_41_UAVG
    for naam, veld in (
        ("deelnemer", afhandeling.deelnemer),
        ("grond", afhandeling.grond),
        ("herbeoordelingOp", afhandeling.herbeoordeling_op),
    ):
        if art_41 and veld is None:
            problems.append(
                InvalidParam(
                    naam,
                    "waarde-ontbreekt",
                    "Een uitzondering van art. 41 UAVG noemt de deelnemer die zich erop beroept, "
                    "de grond (letter van lid 1) en een datum van herbeoordeling.",
                )
            )
        if not art_41 and veld is not None:
            problems.append(
                InvalidParam(
                    naam,
                    "hoort-bij-art-41",
                    "Dit veld hoort alleen bij een uitzondering van art. 41 UAVG.",
                )
            )
    if (
        art_41
        and afhandeling.herbeoordeling_op is not None
        and afhandeling.herbeoordeling_op <= vandaag
    ):
        problems.append(
            InvalidParam(
                "herbeoordelingOp",
                "herbeoordeling-niet-in-toekomst",
                "De herbeoordeling ligt na vandaag.",
            )
        )
    if row.opgeheven_op is not None and afhandeling.uitzondering is not None:
        problems.append(
            InvalidParam(
                "uitzondering",
                "uitzondering-al-opgeheven",
                "De uitzondering is opgeheven: de betrokkene wordt alsnog geïnformeerd "
                "(art. 14.4 bestuurlijke afspraken).",
            )
        )
    if afhandeling.uitgevoerd_op is not None:
        if toekomst := datum_in_toekomst("uitgevoerdOp", afhandeling.uitgevoerd_op, vandaag):
            problems.append(toekomst)
        if afhandeling.uitgevoerd_op < row.toegelaten_op:
            problems.append(
                InvalidParam(
                    "uitgevoerdOp",
                    "datum-voor-toelating",
                    "De datum ligt voor de toelating van de casus.",
                )
            )
    return problems


async def record(
    session: AsyncSession,
    caller: Caller,
    casus_id: str,
    afhandeling: InformatieplichtAfhandelen,
    vandaag: date,
) -> Informatieplicht:
    """Record once that the data subject was informed, or on which ground it was not."""
    row = await _load(session, casus_id)
    if row.uitgevoerd_op is not None or (row.uitzondering is not None and row.opgeheven_op is None):
        raise Conflict(
            "De informatieplicht is al afgehandeld.", code="informatieplicht-al-afgehandeld"
        )
    problems = _check(row, afhandeling, vandaag)
    if afhandeling.deelnemer is not None and (
        await RegistryRepository(session).deelnemer(caller.zvh, afhandeling.deelnemer) is None
    ):
        problems.append(
            InvalidParam(
                "deelnemer",
                "deelnemer-onbekend",
                "Geen vaste deelnemer van dit samenwerkingsverband.",
            )
        )
    if problems:
        raise InvalidInput(problems)
    row.uitgevoerd_op = afhandeling.uitgevoerd_op
    if afhandeling.uitzondering is not None:
        # After a lifting the exception recorded before stays, as history.
        row.uitzondering = afhandeling.uitzondering.value
        row.motivering = afhandeling.motivering
        row.uitzondering_deelnemer = afhandeling.deelnemer
        row.uitzondering_grond = afhandeling.grond.value if afhandeling.grond else None
        row.herbeoordeling_op = afhandeling.herbeoordeling_op
    row.afgehandeld_op = now_utc()
    row.afgehandeld_door = caller.deelnemer
    row.sub = caller.claims.sub
    return render(row, vandaag)


async def lift(
    session: AsyncSession,
    caller: Caller,
    casus_id: str,
    motivering: str,
    vandaag: date,
    *,
    informatieplichtige: bool,
) -> Informatieplicht:
    """Lift an art. 41 UAVG exception: the invoking participant must when it no longer
    applies (model art. 14.4); the contact point may record it. The duty reopens, due one
    calendar month from today."""
    row = await _load(session, casus_id)
    if (
        row.uitzondering != Uitzondering.ART_41_UAVG.value
        or row.opgeheven_op is not None
        or row.uitgevoerd_op is not None
    ):
        raise Conflict(
            "Er geldt geen uitzondering van art. 41 UAVG die kan worden opgeheven.",
            code="geen-uitzondering-art-41",
        )
    if not informatieplichtige and caller.deelnemer != row.uitzondering_deelnemer:
        raise AccessDenied(
            "Een uitzondering van art. 41 UAVG heft de deelnemer op die zich erop beriep, of "
            "het contactpunt (art. 14.4 bestuurlijke afspraken)."
        )
    row.opgeheven_op = vandaag
    row.opgeheven_door = caller.deelnemer
    row.opheffing_motivering = motivering
    return render(row, vandaag)
