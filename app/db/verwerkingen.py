"""The processing log's storage: entries collected during a request, written at its end."""

from collections.abc import Sequence
from dataclasses import dataclass, replace
from datetime import datetime

from sqlalchemy import select
from sqlalchemy.ext.asyncio import AsyncSession
from starlette.types import Scope

from app.db.tables import VerwerkingRow
from app.domain.verwerking import Handeling, Resultaat

_SCOPE_KEY = "zvh.verwerkingen"


@dataclass(frozen=True, slots=True)
class Verwerking:
    id: str
    zvh: str
    tijdstip: datetime
    trace_id: str
    span_id: str
    activiteit: str
    handeling: Handeling
    casus_id: str | None
    betrokkene: str | None
    sub: str
    deelnemer: str
    rollen: tuple[str, ...]
    resultaat: Resultaat
    # The coordinating FG's stated reason for a supervisory read.
    reden: str | None = None


def collect(scope: Scope, entry: Verwerking) -> None:
    """Keep an entry until the request ends; it is written with the request's outcome."""
    scope.setdefault(_SCOPE_KEY, []).append(entry)


def take_collected(scope: Scope) -> list[Verwerking]:
    entries: list[Verwerking] = scope.pop(_SCOPE_KEY, [])
    return entries


def with_outcome(entries: list[Verwerking], outcome: Resultaat) -> list[Verwerking]:
    return [replace(e, resultaat=outcome) for e in entries]


def write(session: AsyncSession, entries: Sequence[Verwerking]) -> None:
    session.add_all(
        VerwerkingRow(
            id=e.id,
            zvh=e.zvh,
            tijdstip=e.tijdstip,
            trace_id=e.trace_id,
            span_id=e.span_id,
            activiteit=e.activiteit,
            handeling=e.handeling.value,
            casus_id=e.casus_id,
            betrokkene=e.betrokkene,
            sub=e.sub,
            deelnemer=e.deelnemer,
            rollen=",".join(e.rollen),
            resultaat=e.resultaat.value,
            reden=e.reden,
        )
        for e in entries
    )


async def read(
    session: AsyncSession, zvh: str, casus_id: str | None, *, offset: int, limit: int
) -> list[Verwerking]:
    query = select(VerwerkingRow).where(VerwerkingRow.zvh == zvh)
    if casus_id is not None:
        query = query.where(VerwerkingRow.casus_id == casus_id)
    rows = await session.scalars(
        query.order_by(VerwerkingRow.tijdstip, VerwerkingRow.id).offset(offset).limit(limit)
    )
    return [
        Verwerking(
            id=r.id,
            zvh=r.zvh,
            tijdstip=r.tijdstip,
            trace_id=r.trace_id,
            span_id=r.span_id,
            activiteit=r.activiteit,
            handeling=Handeling(r.handeling),
            casus_id=r.casus_id,
            betrokkene=r.betrokkene,
            sub=r.sub,
            deelnemer=r.deelnemer,
            rollen=tuple(filter(None, r.rollen.split(","))),
            resultaat=Resultaat(r.resultaat),
            reden=r.reden,
        )
        for r in rows
    ]
