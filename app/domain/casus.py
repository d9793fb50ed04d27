"""The case of art. 2.31 WGS: its states and the transitions the law allows.

Steps (factsheet Werkprocessen): 1 registration → 2 intake (plausibility, on the
registration alone) → 3 data gathering and the definitive assessment → 4 selection of
participants → 5 case conferences with a plan of approach → 6 closure, after which the
case is shielded. Only the designated system administrator reopens a closed case
(`heropening`), and never once its maximum retention date has passed.
"""

from collections.abc import Mapping
from datetime import date
from enum import StrEnum

from app.domain.errors import Conflict, InvalidTransition


class Casusstatus(StrEnum):
    AANGEMELD = "aangemeld"
    INTAKE_AFGEWEZEN = "intake-afgewezen"
    GEGEVENSVERZAMELING = "gegevensverzameling"
    AFGEWEZEN = "afgewezen"
    IN_BEHANDELING = "in-behandeling"
    AFGESLOTEN = "afgesloten"


class Stap(StrEnum):
    """A decision that moves a case: each is allowed from its own states only."""

    INTAKE = "intake"
    DEFINITIEVE_BEOORDELING = "definitieve-beoordeling"
    AFSLUITING = "afsluiting"
    HEROPENING = "heropening"


S = Casusstatus
# Per state, the decisions allowed there and where each may lead. A decision is never
# valid outside its own row: a definitive assessment comes only after intake admission
# and only once (there is no way back to `gegevensverzameling`), and only `heropening`
# leads out of `afgesloten` (factsheet Bewaartermijnen: "Als het echt nodig is, kan
# alleen de beheerder van het systeem de casus opnieuw openen").
ALLOWED_TRANSITIONS: Mapping[Casusstatus, Mapping[Stap, frozenset[Casusstatus]]] = {
    S.AANGEMELD: {Stap.INTAKE: frozenset({S.GEGEVENSVERZAMELING, S.INTAKE_AFGEWEZEN})},
    S.GEGEVENSVERZAMELING: {
        Stap.DEFINITIEVE_BEOORDELING: frozenset({S.IN_BEHANDELING, S.AFGEWEZEN})
    },
    S.IN_BEHANDELING: {Stap.AFSLUITING: frozenset({S.AFGESLOTEN})},
    S.AFGESLOTEN: {Stap.HEROPENING: frozenset({S.IN_BEHANDELING})},
    S.INTAKE_AFGEWEZEN: {},
    S.AFGEWEZEN: {},
}

# A rejected registration counts as closed at once (factsheet Bewaartermijnen): it is
# shielded like a closed case and kept only for the rejection period.
AFGEWEZEN_STATUSSEN = frozenset({S.INTAKE_AFGEWEZEN, S.AFGEWEZEN})
AFGESCHERMDE_STATUSSEN = frozenset({S.AFGESLOTEN, *AFGEWEZEN_STATUSSEN})


def transition(current: Casusstatus, stap: Stap, target: Casusstatus) -> Casusstatus:
    """The new status, or InvalidTransition naming what this decision allows from here."""
    allowed = ALLOWED_TRANSITIONS[current].get(stap, frozenset())
    if target not in allowed:
        vanuit = sorted(s.value for s, stappen in ALLOWED_TRANSITIONS.items() if stap in stappen)
        raise InvalidTransition(
            f"De stap {stap.value} kan niet bij een casus met status {current.value} (alleen "
            f"bij: {', '.join(vanuit)}); een casus met status {current.value} kan niet naar "
            f"{target.value} via {stap.value}."
        )
    return target


def check_reopenable(maximale_bewaardatum: date | None, vandaag: date) -> None:
    """A case past its maximum retention date never comes back (art. 1.8 lid 7 WGS).

    Factsheet Bewaartermijnen: "In ieder geval moeten de gegevens uiterlijk vijf jaar na de
    eerste verwerking uit de systemen worden verwijderd of geanonimiseerd." Reopening such
    a case would process data that should no longer exist; on the maximum date itself the
    data may still be kept, so the refusal starts the day after.
    """
    if maximale_bewaardatum is not None and vandaag > maximale_bewaardatum:
        raise Conflict(
            f"De maximale bewaardatum van deze casus ({maximale_bewaardatum.isoformat()}) is "
            "verstreken: de gegevens moeten uiterlijk vijf jaar na de aanmelding verwijderd of "
            "geanonimiseerd zijn (art. 1.8 lid 7 WGS); heropenen kan niet meer. Meld de "
            "persoon zo nodig opnieuw aan.",
            code="maximale-bewaardatum-verstreken",
        )


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
    # Art. 1.7 WGS: a disclosure to a third party asked for, and made.
    DERDENVERSTREKKING = "derdenverstrekking"
    VERSTREKT_AAN_DERDE = "verstrekt-aan-derde"
