"""Pure rules of placement and re-evaluation (app/domain/plaatsing.py)."""

from datetime import date

import pytest

from app.domain.casus import Casusstatus
from app.domain.errors import Conflict
from app.domain.plaatsing import (
    TOEGELATEN_STATUSSEN,
    Verwijderreden,
    check_toegelaten,
    getelde_feiten,
    onvoldaan,
    reassess,
)
from app.domain.prioritering import Alle, EenVan, Feit, Soort, Telling
from app.rules.prioritering import compile_criteria, evaluate

TWEE_GEWELD = Telling(Soort.VEROORDELING, ("geweld",), 24, 2)
EEN_AANHOUDING = Telling(Soort.AANHOUDING, (), 12, 1)
CRITERIA = Alle((TWEE_GEWELD, EEN_AANHOUDING))


def feit(soort: Soort, categorie: str, datum: date) -> Feit:
    return Feit(soort=soort, categorie=categorie, datum=datum, bron="om")


FEITEN = [
    feit(Soort.VEROORDELING, "geweld", date(2025, 1, 10)),
    feit(Soort.OVERLASTMELDING, "geluid", date(2025, 2, 1)),
    feit(Soort.AANHOUDING, "diefstal", date(2025, 6, 1)),
    feit(Soort.VEROORDELING, "diefstal", date(2025, 7, 1)),
    feit(Soort.VEROORDELING, "geweld", date(2025, 9, 30)),
]


@pytest.mark.parametrize("status", list(Casusstatus))
def test_only_cases_admitted_under_2_20_may_be_placed(status: Casusstatus) -> None:
    if status in (Casusstatus.GEGEVENSVERZAMELING, Casusstatus.IN_BEHANDELING):
        check_toegelaten(status)
        return
    with pytest.raises(Conflict) as refused:
        check_toegelaten(status)
    assert refused.value.code == "casus-niet-toegelaten"


def test_admitted_statuses_are_exactly_intake_passed_and_in_treatment() -> None:
    assert {Casusstatus.GEGEVENSVERZAMELING, Casusstatus.IN_BEHANDELING} == TOEGELATEN_STATUSSEN


def test_only_facts_that_counted_are_kept_in_order() -> None:
    uitkomst = evaluate(CRITERIA, FEITEN, date(2026, 1, 1))
    assert uitkomst.voldoet
    assert getelde_feiten(FEITEN, uitkomst) == [FEITEN[0], FEITEN[2], FEITEN[4]]


def test_facts_of_an_unmet_alternative_count_too() -> None:
    """In `eenVan`, a clause that is not met still counted facts: they are its reason."""
    criteria = EenVan((Telling(Soort.VEROORDELING, ("diefstal",), 24, 5), EEN_AANHOUDING))
    uitkomst = evaluate(criteria, FEITEN, date(2026, 1, 1))
    assert uitkomst.voldoet
    assert getelde_feiten(FEITEN, uitkomst) == [FEITEN[2], FEITEN[3]]


def test_onvoldaan_names_counts_not_facts() -> None:
    uitkomst = evaluate(CRITERIA, FEITEN, date(2026, 6, 2))
    assert onvoldaan(uitkomst) == ["/alle/1: 0 aanhouding gevonden, minimaal 1 in 12 maanden"]
    assert onvoldaan(evaluate(CRITERIA, FEITEN, date(2026, 1, 1))) == []


def test_reevaluation_keeps_on_the_last_day_of_the_window() -> None:
    peildatum = date(2026, 6, 1)  # the arrest of 2025-06-01 is the window's first day
    toets = [(peildatum, compile_criteria(CRITERIA, peildatum))]
    uitkomst = reassess(Casusstatus.IN_BEHANDELING, FEITEN, toets, 1)
    assert uitkomst.reden is None
    assert uitkomst.toelichting is None


def test_reevaluation_removes_the_day_after() -> None:
    peildatum = date(2026, 6, 2)
    toets = [(peildatum, compile_criteria(CRITERIA, peildatum))]
    uitkomst = reassess(Casusstatus.IN_BEHANDELING, FEITEN, toets, 3)
    assert uitkomst.reden is Verwijderreden.CRITERIA_NIET_MEER_VOLDAAN
    assert uitkomst.toelichting is not None
    assert "versie 3" in uitkomst.toelichting
    assert "2026-06-02" in uitkomst.toelichting


@pytest.mark.parametrize(
    "status", [Casusstatus.AFGESLOTEN, Casusstatus.AFGEWEZEN, Casusstatus.INTAKE_AFGEWEZEN]
)
def test_a_case_that_left_the_process_is_removed_whatever_its_facts(status: Casusstatus) -> None:
    peildatum = date(2026, 1, 1)
    toets = [(peildatum, compile_criteria(CRITERIA, peildatum))]
    uitkomst = reassess(status, FEITEN, toets, 1)
    assert uitkomst.reden is Verwijderreden.CASUS_NIET_MEER_TOEGELATEN
    assert uitkomst.toelichting is not None
    assert status.value in uitkomst.toelichting


def test_reevaluation_fails_on_the_first_day_that_fails() -> None:
    """Held on the peildatum, not today: removed, naming today."""
    peildatum, vandaag = date(2026, 1, 1), date(2026, 6, 2)
    toetsen = [(d, compile_criteria(CRITERIA, d)) for d in (peildatum, vandaag)]
    uitkomst = reassess(Casusstatus.IN_BEHANDELING, FEITEN, toetsen, 1)
    assert uitkomst.reden is Verwijderreden.CRITERIA_NIET_MEER_VOLDAAN
    assert uitkomst.toelichting is not None
    assert "2026-06-02" in uitkomst.toelichting
