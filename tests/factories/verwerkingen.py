"""Processing-log records as the request scope makes them, for tests of the log itself."""

import uuid
from datetime import UTC, datetime

from app.db.verwerkingen import Verwerking
from app.domain.verwerking import Handeling, Resultaat


def verwerking(zvh: str, **changes: object) -> Verwerking:
    """A successful case read by a police employee; `changes` replace any field."""
    values: dict[str, object] = {
        "id": str(uuid.uuid4()),
        "zvh": zvh,
        "tijdstip": datetime.now(UTC),
        "trace_id": uuid.uuid4().hex,
        "span_id": uuid.uuid4().hex[:16],
        "activiteit": "casus-raadplegen",
        "handeling": Handeling.RAADPLEGEN,
        "casus_id": str(uuid.uuid4()),
        "betrokkene": str(uuid.uuid4()),
        "sub": "medewerker",
        "deelnemer": "politie",
        "rollen": ("medewerker",),
        "resultaat": Resultaat.GESLAAGD,
        "reden": None,
        "parent_span_id": None,
    }
    values.update(changes)
    return Verwerking(**values)  # type: ignore[arg-type]
