"""The case of art. 2.31 WGS: its states and the transitions the law allows.

Steps (factsheet Werkprocessen): 1 registration → 2 intake (plausibility, on the
registration alone) → 3 data gathering and the definitive assessment → 4 selection of
participants → 5 case conferences with a plan of approach → 6 closure, after which the
case is shielded. Only the designated system administrator reopens a closed case
(`heropening`), and never once its maximum retention date has passed.
"""

from collections.abc import Mapping
from dataclasses import dataclass, field
from datetime import date
from enum import StrEnum

from app.domain.criteria import Toetsingsuitkomst
from app.domain.errors import Conflict, InvalidInput, InvalidParam, InvalidTransition
from app.domain.events import CasusToegelaten, CasusVerlietProces, Gebeurtenis


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


@dataclass(slots=True)
class Casus:
    """The case as its decisions see it: its state, the dates they set, and the events
    they recorded for the rest of the system (app/services/handlers.py).

    Services load it from the stored case, call one decision, store what changed and
    dispatch `events`; the decisions hold the invariants, not the services.
    """

    id: str
    status: Casusstatus
    aanmelddatum: date
    afsluitdatum: date | None = None
    afwijzingsdatum: date | None = None
    maximale_bewaardatum: date | None = None
    events: list[Gebeurtenis] = field(default_factory=list)

    def decide(
        self,
        besluit: Intakebesluit,
        uitkomst: Toetsingsuitkomst,
        *,
        definitief: bool,
        vandaag: date,
    ) -> None:
        """Step 2 (intake) or step 3 (definitive assessment) of art. 2.31 WGS.

        Admission is impossible unless the BGS 2.20 check (`uitkomst`) passes.
        """
        toegelaten = besluit is Intakebesluit.TOEGELATEN
        if toegelaten and not uitkomst.toelaatbaar:
            raise InvalidInput(
                [
                    InvalidParam(f"criteria.{letter}", reden.value, criterium.toelichting)
                    for letter, criterium in (
                        ("a", uitkomst.a),
                        ("b", uitkomst.b),
                        ("c", uitkomst.c),
                        ("d", uitkomst.d),
                    )
                    for reden in criterium.redenen
                ],
                detail="Toelaten kan niet: niet aan alle criteria van art. 2.20 BGS is voldaan.",
            )
        if definitief:
            stap = Stap.DEFINITIEVE_BEOORDELING
            target = S.IN_BEHANDELING if toegelaten else S.AFGEWEZEN
        else:
            stap = Stap.INTAKE
            target = S.GEGEVENSVERZAMELING if toegelaten else S.INTAKE_AFGEWEZEN
        self.status = transition(self.status, stap, target)
        if not toegelaten:
            self.afwijzingsdatum = vandaag
            self.events.append(CasusVerlietProces(self.id, self.status))
        elif self.status is S.GEGEVENSVERZAMELING:
            self.events.append(CasusToegelaten(self.id))

    def close(self, datum: date, *, vandaag: date) -> None:
        """Step 6: the joint controllers close the case; it is shielded from now on."""
        problems = []
        if datum < self.aanmelddatum:
            problems.append(
                InvalidParam(
                    "datum", "datum-voor-aanmelddatum", "De afsluitdatum ligt voor de aanmelddatum."
                )
            )
        if datum > vandaag:
            problems.append(
                InvalidParam("datum", "datum-in-toekomst", "De afsluitdatum ligt in de toekomst.")
            )
        if problems:
            raise InvalidInput(problems)
        self.status = transition(self.status, Stap.AFSLUITING, S.AFGESLOTEN)
        self.afsluitdatum = datum
        self.events.append(CasusVerlietProces(self.id, self.status))

    def reopen(self, *, vandaag: date) -> None:
        """Only out of `afgesloten`, and never once the maximum retention date has passed."""
        target = transition(self.status, Stap.HEROPENING, S.IN_BEHANDELING)
        check_reopenable(self.maximale_bewaardatum, vandaag)
        self.status = target
        self.afsluitdatum = None
