"""The case's state machine, the reopening limit, art. 2.27 WGS and designations: pure rules."""

from datetime import date

import pytest

from app.domain.aanwijzing import Functie, aanwijzing_problem
from app.domain.casus import ALLOWED_TRANSITIONS, Casusstatus, Stap, check_reopenable, transition
from app.domain.deelnemer import (
    DEELNEMERTYPE_PER_CATEGORIE,
    Categorie,
    Deelnemer,
    Deelnemertype,
    deelnemertype_problem,
)
from app.domain.errors import Conflict, InvalidTransition

S = Casusstatus

# Every (state, decision) that the law allows, with where it leads; nothing else is.
LEGAL = {
    (S.AANGEMELD, Stap.INTAKE): {S.GEGEVENSVERZAMELING, S.INTAKE_AFGEWEZEN},
    (S.GEGEVENSVERZAMELING, Stap.DEFINITIEVE_BEOORDELING): {S.IN_BEHANDELING, S.AFGEWEZEN},
    (S.IN_BEHANDELING, Stap.AFSLUITING): {S.AFGESLOTEN},
    (S.AFGESLOTEN, Stap.HEROPENING): {S.IN_BEHANDELING},
}


@pytest.mark.parametrize("current", list(Casusstatus))
@pytest.mark.parametrize("stap", list(Stap))
@pytest.mark.parametrize("target", list(Casusstatus))
def test_transitions(current: Casusstatus, stap: Stap, target: Casusstatus) -> None:
    if target in LEGAL.get((current, stap), set()):
        assert transition(current, stap, target) is target
    else:
        with pytest.raises(InvalidTransition) as refused:
            transition(current, stap, target)
        assert refused.value.code == "ongeldige-statusovergang"


def test_issue_10_no_decision_revives_a_closed_case() -> None:
    """A definitive assessment (or an intake) on a closed case is refused; only reopening
    leads out of `afgesloten`."""
    assert set(ALLOWED_TRANSITIONS[S.AFGESLOTEN]) == {Stap.HEROPENING}
    for stap in (Stap.INTAKE, Stap.DEFINITIEVE_BEOORDELING, Stap.AFSLUITING):
        with pytest.raises(InvalidTransition):
            transition(S.AFGESLOTEN, stap, S.IN_BEHANDELING)


def test_the_definitive_assessment_comes_once() -> None:
    # Admitted definitively the case is in behandeling; no path leads back to the state in
    # which the definitive assessment is taken.
    reachable = {
        t for stappen in ALLOWED_TRANSITIONS.values() for ts in stappen.values() for t in ts
    }
    assert S.GEGEVENSVERZAMELING in reachable
    leads_back = {
        current
        for current, stappen in ALLOWED_TRANSITIONS.items()
        for targets in stappen.values()
        if S.GEGEVENSVERZAMELING in targets
    }
    assert leads_back == {S.AANGEMELD}


@pytest.mark.parametrize(
    ("maximum", "vandaag", "allowed"),
    [
        (date(2030, 6, 5), date(2030, 6, 4), True),
        (date(2030, 6, 5), date(2030, 6, 5), True),  # on the maximum itself the data may exist
        (date(2030, 6, 5), date(2030, 6, 6), False),
        (date(2028, 2, 28), date(2031, 1, 1), False),
        (None, date(2031, 1, 1), True),
    ],
)
def test_reopening_stops_at_the_maximum(maximum: date | None, vandaag: date, allowed: bool) -> None:
    if allowed:
        check_reopenable(maximum, vandaag)
    else:
        with pytest.raises(Conflict) as refused:
            check_reopenable(maximum, vandaag)
        assert refused.value.code == "maximale-bewaardatum-verstreken"


GOV = {
    Categorie.GEMEENTE,
    Categorie.POLITIE,
    Categorie.OM,
    Categorie.DJI,
    Categorie.RVDK,
    Categorie.GGD,
}


@pytest.mark.parametrize("categorie", list(Categorie))
@pytest.mark.parametrize("soort", [Deelnemertype.OVERHEID, Deelnemertype.PRIVAAT])
def test_art_2_27_category_fixes_the_kind(categorie: Categorie, soort: Deelnemertype) -> None:
    verplicht = Deelnemertype.OVERHEID if categorie in GOV else Deelnemertype.PRIVAAT
    assert DEELNEMERTYPE_PER_CATEGORIE[categorie] is verplicht
    problem = deelnemertype_problem(categorie, soort)
    assert (problem is None) is (soort is verplicht)


def test_issue_10_ggz_is_never_a_government_participant() -> None:
    assert deelnemertype_problem(Categorie.GGZ, Deelnemertype.OVERHEID) is not None
    assert deelnemertype_problem(Categorie.RECLASSERING, Deelnemertype.OVERHEID) is not None


def _deelnemer(categorie: Categorie) -> Deelnemer:
    soort = DEELNEMERTYPE_PER_CATEGORIE[categorie]
    return Deelnemer("zvh", "x", "X", soort, categorie, None, date(2025, 3, 1))


@pytest.mark.parametrize(
    ("functie", "categorie", "allowed"),
    [
        (Functie.CONTACTPUNT, Categorie.GEMEENTE, True),
        (Functie.CONTACTPUNT, Categorie.POLITIE, False),  # art. 14.1: a municipality
        (Functie.ARCHIEFBEHEERDER, Categorie.OM, True),
        (Functie.ARCHIEFBEHEERDER, Categorie.RECLASSERING, False),  # art. 16.2: uit hun midden
        (Functie.COORDINERENDE_FG, Categorie.GGD, True),
        (Functie.COORDINERENDE_FG, Categorie.GGZ, False),  # art. 15.1: overheidsorganisatie
        (Functie.BEHEERDER, Categorie.GEMEENTE, True),
        (Functie.BEHEERDER, Categorie.VEILIG_THUIS, False),
    ],
)
def test_designations(functie: Functie, categorie: Categorie, allowed: bool) -> None:
    assert (aanwijzing_problem(functie, _deelnemer(categorie)) is None) is allowed
    assert aanwijzing_problem(functie, None) is not None
