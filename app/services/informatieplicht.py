"""The information duty towards the data subject of an admitted case (art. 14 AVG).

The duty arises at admission (factsheet Werkprocessen, step 2): `decide` adds the record
in the same transaction as the status change, so every admitted case has one. The
contact point, or the network manager it mandated, records that it was done or which
exception applies (art. 1.3 BGS; model art. 14.2, 14.7, annex 4).
"""

from datetime import date

from sqlalchemy.ext.asyncio import AsyncSession

from app.auth.claims import Caller
from app.db.casussen import now_utc
from app.db.overleg import OverlegRepository
from app.db.tables_overleg import InformatieplichtRow
from app.domain.errors import Conflict, InvalidInput, InvalidParam, NotFound
from app.rules.informatieplicht import Uitzondering, beoordeel_informatieplicht, uiterlijke_datum
from app.schemas.informatieplicht import Informatieplicht, InformatieplichtAfhandeling


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


def render(row: InformatieplichtRow, vandaag: date) -> Informatieplicht:
    uitzondering = Uitzondering(row.uitzondering) if row.uitzondering else None
    stand = beoordeel_informatieplicht(row.toegelaten_op, row.uitgevoerd_op, uitzondering, vandaag)
    return Informatieplicht(
        toegelaten_op=row.toegelaten_op,
        uiterlijke_datum=stand.uiterlijke_datum,
        status=stand.status,
        verlopen=stand.verlopen,
        tijdig=stand.tijdig,
        uitgevoerd_op=row.uitgevoerd_op,
        uitzondering=uitzondering,
        motivering=row.motivering,
        afgehandeld_op=row.afgehandeld_op,
        afgehandeld_door=row.afgehandeld_door,
    )


async def get(session: AsyncSession, casus_id: str, vandaag: date) -> Informatieplicht:
    return render(await _load(session, casus_id), vandaag)


def _check(
    row: InformatieplichtRow, afhandeling: InformatieplichtAfhandeling, vandaag: date
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
    if afhandeling.uitgevoerd_op is not None:
        if afhandeling.uitgevoerd_op > vandaag:
            problems.append(
                InvalidParam("uitgevoerdOp", "datum-in-toekomst", "De datum ligt in de toekomst.")
            )
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
    afhandeling: InformatieplichtAfhandeling,
    vandaag: date,
) -> Informatieplicht:
    """Record once that the data subject was informed, or on which ground it was not."""
    row = await _load(session, casus_id)
    if row.uitgevoerd_op is not None or row.uitzondering is not None:
        raise Conflict(
            "De informatieplicht is al afgehandeld.", code="informatieplicht-al-afgehandeld"
        )
    problems = _check(row, afhandeling, vandaag)
    if problems:
        raise InvalidInput(problems)
    row.uitgevoerd_op = afhandeling.uitgevoerd_op
    row.uitzondering = afhandeling.uitzondering.value if afhandeling.uitzondering else None
    row.motivering = afhandeling.motivering
    row.afgehandeld_op = now_utc()
    row.afgehandeld_door = caller.deelnemer
    row.sub = caller.claims.sub
    return render(row, vandaag)
