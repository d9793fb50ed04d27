"""The case of art. 2.31 WGS: its states and the transitions the law allows.

Steps (factsheet Werkprocessen): 1 registration → 2 intake (plausibility, on the
registration alone) → 3 data gathering and the definitive assessment → 4 selection of
participants → 5 case conferences with a plan of approach → 6 closure, after which the
case is shielded. Only the system administrator reopens a closed case.
"""

from collections.abc import Mapping
from enum import StrEnum

from app.domain.errors import InvalidTransition


class Casusstatus(StrEnum):
    AANGEMELD = "aangemeld"
    INTAKE_AFGEWEZEN = "intake-afgewezen"
    GEGEVENSVERZAMELING = "gegevensverzameling"
    AFGEWEZEN = "afgewezen"
    IN_BEHANDELING = "in-behandeling"
    AFGESLOTEN = "afgesloten"


S = Casusstatus
ALLOWED_TRANSITIONS: Mapping[Casusstatus, frozenset[Casusstatus]] = {
    S.AANGEMELD: frozenset({S.GEGEVENSVERZAMELING, S.INTAKE_AFGEWEZEN}),
    S.GEGEVENSVERZAMELING: frozenset({S.IN_BEHANDELING, S.AFGEWEZEN}),
    S.IN_BEHANDELING: frozenset({S.AFGESLOTEN}),
    S.AFGESLOTEN: frozenset({S.IN_BEHANDELING}),
    S.INTAKE_AFGEWEZEN: frozenset(),
    S.AFGEWEZEN: frozenset(),
}

# A rejected registration counts as closed at once (factsheet Bewaartermijnen): it is
# shielded like a closed case and kept only for the rejection period.
AFGEWEZEN_STATUSSEN = frozenset({S.INTAKE_AFGEWEZEN, S.AFGEWEZEN})
AFGESCHERMDE_STATUSSEN = frozenset({S.AFGESLOTEN, *AFGEWEZEN_STATUSSEN})


def transition(current: Casusstatus, target: Casusstatus) -> Casusstatus:
    """The new status, or InvalidTransition naming what is allowed from here."""
    allowed = ALLOWED_TRANSITIONS[current]
    if target not in allowed:
        options = ", ".join(sorted(s.value for s in allowed)) or "geen"
        raise InvalidTransition(
            f"Een casus met status {current.value} kan niet naar {target.value}; "
            f"toegestaan: {options}."
        )
    return target


class Intakebesluit(StrEnum):
    TOEGELATEN = "toegelaten"
    AFGEWEZEN = "afgewezen"


class Gebeurtenissoort(StrEnum):
    """Decisions recorded with who, when and why."""

    AANGEMELD = "aangemeld"
    INTAKE = "intake"
    DEFINITIEVE_BEOORDELING = "definitieve-beoordeling"
    DEELNEMERS_GESELECTEERD = "deelnemers-geselecteerd"
    AFGESLOTEN = "afgesloten"
    HEROPEND = "heropend"
