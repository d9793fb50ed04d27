"""The information duty towards the data subject (art. 14 AVG; art. 1.3 BGS; model art. 14).

When a case is admitted at intake the data subject must be told that the Zorg- en
Veiligheidshuis handles the case and how its personal data is processed (factsheet
Werkprocessen, step 2). Art. 14 lid 3 onder a AVG allows a reasonable period, "at the
latest within one month": the due date is the admission date plus one calendar month
(a day the month lacks becomes its last day, as in app.rules.kalender). Informing may be
left out only where an exception applies, art. 14 lid 5 onder b AVG or art. 41 UAVG,
and that exception is recorded with its reasons.
"""

from dataclasses import dataclass
from datetime import date
from enum import StrEnum

from app.rules.kalender import add_months

TERMIJN_MAANDEN = 1


class Uitzondering(StrEnum):
    """Grond waarop het informeren achterwege blijft (art. 14 lid 5 onder b AVG; art. 41 UAVG)."""

    ART_14_LID_5_B_AVG = "art-14-lid-5-b-avg"
    ART_41_UAVG = "art-41-uavg"


class Informatieplichtstatus(StrEnum):
    """Stand van de informatieplicht: open, uitgevoerd, of uitzondering vastgelegd."""

    OPEN = "open"
    UITGEVOERD = "uitgevoerd"
    UITZONDERING = "uitzondering"


@dataclass(frozen=True, slots=True)
class Informatieplichtstand:
    """Where the duty stands on a given day."""

    uiterlijke_datum: date
    status: Informatieplichtstatus
    verlopen: bool
    tijdig: bool | None


def uiterlijke_datum(toegelaten_op: date) -> date:
    """Admission plus one calendar month (art. 14 lid 3 onder a AVG)."""
    return add_months(toegelaten_op, TERMIJN_MAANDEN)


def assess_informatieplicht(
    toegelaten_op: date,
    uitgevoerd_op: date | None,
    uitzondering: Uitzondering | None,
    peildatum: date,
    opgeheven_op: date | None = None,
) -> Informatieplichtstand:
    """The duty's status on `peildatum`.

    `verlopen`: still open after the due date. `tijdig`: for a duty carried out, whether
    it was on or before the due date; None while open or when an exception applies.
    An exception lifted on `opgeheven_op` reopens the duty, due one calendar month after
    the lifting (model art. 14.4: the request refused before "wordt alsnog gehonoreerd").
    """
    uiterste = uiterlijke_datum(opgeheven_op or toegelaten_op)
    if uitgevoerd_op is not None:
        return Informatieplichtstand(
            uiterste, Informatieplichtstatus.UITGEVOERD, False, uitgevoerd_op <= uiterste
        )
    if uitzondering is not None and opgeheven_op is None:
        return Informatieplichtstand(uiterste, Informatieplichtstatus.UITZONDERING, False, None)
    return Informatieplichtstand(uiterste, Informatieplichtstatus.OPEN, peildatum > uiterste, None)
