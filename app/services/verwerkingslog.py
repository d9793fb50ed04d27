"""Record every processing of personal data (who, which organisation and roles, what, when)."""

import uuid
from datetime import UTC, datetime

from starlette.types import Scope

from app.auth.claims import Caller
from app.db import verwerkingen
from app.db.verwerkingen import Verwerking
from app.domain.verwerking import VERWERKINGSACTIVITEITEN, Handeling, Resultaat
from app.observability import trace_context_from, trace_var


class Verwerkingslog:
    """The request's recorder; entries are written when the request ends, with its outcome."""

    def __init__(self, scope: Scope) -> None:
        self.scope = scope

    def record(
        self,
        caller: Caller,
        activiteit: str,
        handeling: Handeling,
        *,
        casus_id: str | None = None,
        betrokkene: str | None = None,
        reden: str | None = None,
    ) -> None:
        if activiteit not in VERWERKINGSACTIVITEITEN:
            raise ValueError(f"unknown processing activity {activiteit}")
        trace = trace_var.get() or trace_context_from(None)
        verwerkingen.collect(
            self.scope,
            Verwerking(
                id=str(uuid.uuid4()),
                zvh=caller.zvh,
                tijdstip=datetime.now(UTC),
                trace_id=trace.trace_id,
                span_id=trace.span_id,
                activiteit=activiteit,
                handeling=handeling,
                casus_id=casus_id,
                betrokkene=betrokkene,
                sub=caller.claims.sub,
                deelnemer=caller.deelnemer,
                rollen=tuple(sorted(r.value for r in caller.claims.rollen)),
                resultaat=Resultaat.GESLAAGD,
                reden=reden,
                parent_span_id=trace.parent_id,
            ),
        )
