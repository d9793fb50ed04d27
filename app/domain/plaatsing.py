"""Placement on and removal from a priority list (art. 2.32(2)-(4) WGS).

A case goes on the list only when it meets both the published objective criteria and the
criteria of art. 2.20 BGS; placement leads directly into the case process from step 3 on
(factsheet Werkprocessen, "Werkproces lijst geprioriteerde casussen", steps 4-5). A case
is removed at once when it no longer meets either set (step 6, art. 2.32(4) WGS), and the
data gathered for the list (the placement's facts) are deleted with it.

"Admitted under art. 2.20 BGS" means the case passed the 2.20 check of the case process:
at intake (the plausibility check, status `gegevensverzameling`: step 3 follows) or at the
definitive assessment (`in-behandeling`). A registered but not yet assessed case has not
been checked against 2.20 at all; a rejected or closed case has left the process.
"""

from collections.abc import Callable, Sequence
from dataclasses import dataclass
from datetime import date, datetime
from enum import StrEnum

from app.domain.casus import Casusstatus
from app.domain.errors import Conflict
from app.domain.prioritering import Feit, Uitkomst

TOEGELATEN_STATUSSEN = frozenset({Casusstatus.GEGEVENSVERZAMELING, Casusstatus.IN_BEHANDELING})


class Verwijderreden(StrEnum):
    """Why a placement ended."""

    # The joint controllers judge that the list no longer serves its purpose for this
    # case (factsheet step 6: "niet meer nodig ... voor het doel").
    NIET_LANGER_NODIG = "niet-langer-nodig"
    # Re-evaluation: the stored facts no longer meet the published objective criteria.
    CRITERIA_NIET_MEER_VOLDAAN = "criteria-niet-meer-voldaan"
    # The case left the process of art. 2.31 WGS (closed or rejected): 2.20 no longer met.
    CASUS_NIET_MEER_TOEGELATEN = "casus-niet-meer-toegelaten"
    # The list itself was withdrawn: it is applied no more, so nobody stays on it.
    LIJST_INGETROKKEN = "lijst-ingetrokken"


@dataclass(frozen=True, slots=True)
class Verwijdering:
    """When, by whom and why a placement ended."""

    op: datetime
    door: str
    reden: Verwijderreden
    toelichting: str


@dataclass(frozen=True, slots=True)
class Plaatsing:
    """A case on a priority list, with the version applied and the facts that counted.

    After removal `feiten` is empty: they were deleted (art. 2.32 lid 4 WGS).
    """

    id: str
    lijst_id: str
    versie: int
    casus_id: str
    peildatum: date
    geplaatst_op: datetime
    geplaatst_door: str
    beoordeeld_op: date | None
    beoordeeld_versie: int | None
    feiten: tuple[Feit, ...]
    verwijdering: Verwijdering | None
    # The first day the stored facts no longer meet the criteria (kept after removal).
    vervalt_op: date | None = None

    def geplaatst_op_dag(self, dag: date) -> bool:
        """Whether the case counts as placed on `dag`: not removed and not expired.

        From `vervalt_op` on it counts nowhere, even before a re-evaluation removes it
        (art. 2.32 lid 4 WGS: "meteen van de lijst worden verwijderd").
        """
        return self.verwijdering is None and self.vervalt_op is not None and dag < self.vervalt_op


def check_toegelaten(status: Casusstatus) -> None:
    """409 unless the case is admitted under art. 2.20 BGS (and not closed or rejected)."""
    if status not in TOEGELATEN_STATUSSEN:
        raise Conflict(
            f"De casus heeft status '{status.value}': plaatsing vereist een casus die is "
            "toegelaten op de criteria van art. 2.20 BGS (status 'gegevensverzameling' of "
            "'in-behandeling'), naast de objectieve criteria (art. 2.32 lid 2 WGS).",
            code="casus-niet-toegelaten",
        )


def getelde_feiten(feiten: Sequence[Feit], *uitkomsten: Uitkomst) -> list[Feit]:
    """The facts that counted in any clause on any day checked, in their original order:
    the justification. Facts that count nowhere are not needed for the list, not kept."""
    posities = sorted(
        {p for uitkomst in uitkomsten for clausule in uitkomst.clausules for p in clausule.feiten}
    )
    return [feiten[p] for p in posities]


def onvoldaan(uitkomst: Uitkomst) -> list[str]:
    """A Dutch line per clause that is not met (counts only, nothing about the person)."""
    return [
        f"{c.pad or '/'}: {c.gevonden} {c.telling.soort.value} gevonden, minimaal "
        f"{c.telling.minimaal} in {c.telling.periode_maanden} maanden"
        for c in uitkomst.clausules
        if not c.voldaan
    ]


def buiten_casusproces(status: Casusstatus) -> str:
    """The recorded reason for removing a case that left the process of art. 2.31 WGS."""
    return (
        f"De casus heeft status '{status.value}' en voldoet daarmee niet meer aan de "
        "criteria van art. 2.20 BGS (art. 2.32 lid 4 WGS)."
    )


@dataclass(frozen=True, slots=True)
class Herbeoordeling:
    """The outcome of re-evaluating one placement: kept, or removed with a reason."""

    reden: Verwijderreden | None
    toelichting: str | None


def reassess(
    status: Casusstatus,
    feiten: Sequence[Feit],
    toetsen: Sequence[tuple[date, Callable[[Sequence[Feit]], Uitkomst]]],
    versie: int,
) -> Herbeoordeling:
    """Whether a placement still meets 2.20 BGS (via the case) and the objective criteria.

    `toetsen` applies the list's version in force to the stored facts on each day that
    must hold (today, and the re-evaluation's peildatum); the first that fails decides.
    """
    if status not in TOEGELATEN_STATUSSEN:
        return Herbeoordeling(Verwijderreden.CASUS_NIET_MEER_TOEGELATEN, buiten_casusproces(status))
    for dag, uitkomst_van in toetsen:
        uitkomst = uitkomst_van(feiten)
        if not uitkomst.voldoet:
            return Herbeoordeling(
                Verwijderreden.CRITERIA_NIET_MEER_VOLDAAN,
                f"Op {dag.isoformat()} voldoen de vastgelegde feiten niet meer aan versie "
                f"{versie} van de objectieve criteria (art. 2.32 lid 4 WGS): "
                + "; ".join(onvoldaan(uitkomst))
                + ".",
            )
    return Herbeoordeling(None, None)


def vervallen_toelichting(vervalt_op: date) -> str:
    """The recorded reason for ending a placement whose stored facts aged out."""
    return (
        f"Vanaf {vervalt_op.isoformat()} voldoen de vastgelegde feiten niet meer aan de "
        "objectieve criteria (art. 2.32 lid 4 WGS); de plaatsing telde vanaf die dag niet meer."
    )
