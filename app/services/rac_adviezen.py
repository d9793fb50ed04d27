"""The register of the legality advisory committee's advice (model art. 4.9-4.11, 15).

The Rechtmatigheidsadviescommissie advises the joint controllers on the lawfulness of the
partnership's processing, and "na advies" of it results may go to third parties (art. 1.7
WGS). The joint controllers record each advice and whether they followed it; a deviation
is recorded with its motivation, and the deviations are listed for the coordinating data
protection officer, who supervises the partnership (model art. 15). An advice, once
recorded, is not changed: a later advice is a new entry.
"""

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date

from sqlalchemy import select
from sqlalchemy.ext.asyncio import AsyncSession

from app.auth.claims import Caller
from app.db.casussen import new_id, now_utc
from app.db.tables_verantwoording import RacAdviesRow
from app.domain.datum import datum_in_toekomst
from app.domain.errors import InvalidInput, InvalidParam, NotFound


@dataclass(frozen=True, slots=True)
class RacAdviesVastleggen:
    """Command: record an advice and whether it was followed (with why not, if not)."""

    onderwerp: str
    datum: date
    advies: str
    gevolgd: bool
    afwijking_motivering: str | None


def problems(body: RacAdviesVastleggen, vandaag: date) -> list[InvalidParam]:
    toekomst = datum_in_toekomst("datum", body.datum, vandaag, "Het advies ligt in de toekomst.")
    found: list[InvalidParam] = [toekomst] if toekomst else []
    if not body.gevolgd and body.afwijking_motivering is None:
        found.append(
            InvalidParam(
                "afwijkingMotivering",
                "motivering-ontbreekt",
                "Wie van het advies van de Rechtmatigheidsadviescommissie afwijkt, legt vast "
                "waarom (art. 4.11 bestuurlijke afspraken).",
            )
        )
    if body.gevolgd and body.afwijking_motivering is not None:
        found.append(
            InvalidParam(
                "afwijkingMotivering",
                "motivering-zonder-afwijking",
                "Een gevolgd advies heeft geen afwijkingsmotivering.",
            )
        )
    return found


async def record(
    session: AsyncSession, caller: Caller, body: RacAdviesVastleggen, vandaag: date
) -> RacAdviesRow:
    if found := problems(body, vandaag):
        raise InvalidInput(found)
    row = RacAdviesRow(
        id=new_id(),
        zvh=caller.zvh,
        onderwerp=body.onderwerp,
        datum=body.datum,
        advies=body.advies,
        gevolgd=body.gevolgd,
        afwijking_motivering=body.afwijking_motivering,
        vastgelegd_door=caller.deelnemer,
        sub=caller.claims.sub,
        vastgelegd_op=now_utc(),
    )
    session.add(row)
    await session.flush()
    return row


async def listed(
    session: AsyncSession, zvh: str, *, alleen_afwijkingen: bool
) -> Sequence[RacAdviesRow]:
    query = select(RacAdviesRow).where(RacAdviesRow.zvh == zvh)
    if alleen_afwijkingen:
        query = query.where(RacAdviesRow.gevolgd.is_(False))
    return (
        await session.scalars(
            query.order_by(RacAdviesRow.datum.desc(), RacAdviesRow.vastgelegd_op.desc())
        )
    ).all()


async def one(session: AsyncSession, zvh: str, advies_id: str) -> RacAdviesRow:
    row = await session.get(RacAdviesRow, advies_id)
    if row is None or row.zvh != zvh:
        raise NotFound("Dit advies staat niet in het register van uw samenwerkingsverband.")
    return row
