"""Domain events: what happened to an aggregate that other aggregates must follow.

An aggregate records them; `app/services/handlers.py` carries out their effects in the
same transaction, through one handler table. They hold identifiers and values only, never
rows or personal data.
"""

from dataclasses import dataclass
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    # The case aggregate records these events: a runtime import would be circular.
    from app.domain.casus import Casusstatus


@dataclass(frozen=True, slots=True)
class CasusToegelaten:
    """Admitted at intake (step 2): the data subject must be informed (art. 14 AVG)."""

    casus_id: str


@dataclass(frozen=True, slots=True)
class CasusVerlietProces:
    """Closed, or rejected at intake or the definitive assessment: the case left the
    process of art. 2.31 WGS, so it may stay on no priority list (art. 2.32 lid 4 WGS)."""

    casus_id: str
    status: "Casusstatus"


@dataclass(frozen=True, slots=True)
class LijstIngetrokken:
    """A priority list was withdrawn: it is applied no more, so nobody stays on it."""

    zvh: str
    lijst_id: str


@dataclass(frozen=True, slots=True)
class CasussenGeanonimiseerd:
    """Whole cases were archived and anonymised (art. 1.8 lid 7 WGS)."""

    casus_ids: tuple[str, ...]


@dataclass(frozen=True, slots=True)
class BronGewijzigd:
    """A source of the case, or an extension or consent bearing on it, changed: its
    retention dates follow (art. 1.8 lid 7 WGS, art. 1.16 BGS)."""

    casus_id: str


Gebeurtenis = (
    CasusToegelaten | CasusVerlietProces | LijstIngetrokken | CasussenGeanonimiseerd | BronGewijzigd
)
