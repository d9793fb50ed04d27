"""The processing log's one writer: every processing of personal data (who, which
organisation and roles, what, when), for requests and command-line batches alike.

A unit of work (a request, or one transaction of a batch) holds one `Verwerkingslog`;
its entries are written in that unit's transaction when it ends. The HTTP layer keeps the
request's log in the request scope (app/request_scope.py) and writes it with the
request's outcome; a batch calls `write` before it commits.
"""

import uuid
from dataclasses import dataclass
from datetime import UTC, datetime

from sqlalchemy.ext.asyncio import AsyncSession

from app.auth.claims import Caller
from app.db import verwerkingen
from app.db.verwerkingen import Verwerking
from app.domain.verwerking import VERWERKINGSACTIVITEITEN, Handeling, Resultaat
from app.observability import TraceContext, trace_context_from, trace_var

SYSTEEM = "systeem"


@dataclass(frozen=True, slots=True)
class Verwerker:
    """Who processes: a participant's user as its token says, or a scheduled run."""

    zvh: str
    sub: str
    deelnemer: str
    rollen: tuple[str, ...] = ()

    @classmethod
    def van(cls, caller: Caller) -> "Verwerker":
        return cls(
            zvh=caller.zvh,
            sub=caller.claims.sub,
            deelnemer=caller.deelnemer,
            rollen=tuple(sorted(r.value for r in caller.claims.rollen)),
        )

    @classmethod
    def systeem(cls, zvh: str, sub: str) -> "Verwerker":
        """A scheduled run (`sub` names the command): the system, not a participant, acts."""
        return cls(zvh=zvh, sub=sub, deelnemer=SYSTEEM)


class Verwerkingslog:
    """The entries of one unit of work, written when it ends (with its outcome)."""

    def __init__(self) -> None:
        self._entries: list[Verwerking] = []
        # Outside a request (a batch) the unit of work is the trace its entries share.
        self._trace: TraceContext | None = None

    def record(
        self,
        door: Caller | Verwerker,
        activiteit: str,
        handeling: Handeling,
        *,
        casus_id: str | None = None,
        betrokkene: str | None = None,
        reden: str | None = None,
        tijdstip: datetime | None = None,
    ) -> None:
        if activiteit not in VERWERKINGSACTIVITEITEN:
            raise ValueError(f"unknown processing activity {activiteit}")
        verwerker = door if isinstance(door, Verwerker) else Verwerker.van(door)
        trace = self._trace_context()
        self._entries.append(
            Verwerking(
                id=str(uuid.uuid4()),
                zvh=verwerker.zvh,
                tijdstip=tijdstip or datetime.now(UTC),
                trace_id=trace.trace_id,
                span_id=trace.span_id,
                activiteit=activiteit,
                handeling=handeling,
                casus_id=casus_id,
                betrokkene=betrokkene,
                sub=verwerker.sub,
                deelnemer=verwerker.deelnemer,
                rollen=verwerker.rollen,
                resultaat=Resultaat.GESLAAGD,
                reden=reden,
                parent_span_id=trace.parent_id,
            )
        )

    def _trace_context(self) -> TraceContext:
        current = trace_var.get()
        if current is not None:
            return current
        if self._trace is None:
            self._trace = trace_context_from(None)
        return self._trace

    def take(self) -> list[Verwerking]:
        """The entries recorded so far, handed over once (the log is empty afterwards)."""
        entries, self._entries = self._entries, []
        return entries

    async def write(self, session: AsyncSession) -> None:
        """Append the recorded entries in the session's transaction (a batch's unit)."""
        entries = self.take()
        if entries:
            await verwerkingen.write(session, entries)
