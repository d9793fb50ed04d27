"""The day a placement's stored facts stop meeting the criteria (`vervaltOp`)."""

from datetime import date, timedelta

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from app.domain.prioritering import Alle, EenVan, Expressie, Feit, Soort, Telling
from app.rules.prioritering import evaluate, minus_months
from app.rules.prioritering_verval import last_counting_day, vervaldatum

SOORTEN = (Soort.VEROORDELING, Soort.AANHOUDING)


def feit(soort: Soort, datum: str, categorie: str = "geweld") -> Feit:
    return Feit(soort=soort, categorie=categorie, datum=date.fromisoformat(datum), bron="om")


# The contract's example list: 2 violent convictions in 24 months and 1 arrest in 12.
LIJST = Alle(
    (
        Telling(Soort.VEROORDELING, ("geweld",), 24, 2),
        Telling(Soort.AANHOUDING, (), 12, 1),
    )
)


@pytest.mark.parametrize(
    ("datum", "maanden", "laatste"),
    [
        ("2025-06-01", 12, "2026-06-01"),
        ("2025-01-31", 1, "2025-02-28"),
        # 28 February counts until 31 March: the window of 29-31 March starts on 28 February.
        ("2025-02-28", 1, "2025-03-31"),
        ("2024-02-29", 12, "2025-02-28"),
        ("2024-02-28", 12, "2025-02-28"),
    ],
)
def test_last_counting_day(datum: str, maanden: int, laatste: str) -> None:
    assert last_counting_day(date.fromisoformat(datum), maanden) == date.fromisoformat(laatste)


def test_the_contract_list_expires_when_its_arrest_ages_out() -> None:
    feiten = [
        feit(Soort.VEROORDELING, "2025-01-10"),
        feit(Soort.AANHOUDING, "2025-06-01", "diefstal"),
        feit(Soort.VEROORDELING, "2025-09-30"),
    ]
    assert vervaldatum(LIJST, feiten, date(2026, 1, 1)) == date(2026, 6, 2)
    # A newer arrest: then the first conviction (2025-01-10) is what ages out first.
    nieuwer = [*feiten, feit(Soort.AANHOUDING, "2026-03-01", "diefstal")]
    assert vervaldatum(LIJST, nieuwer, date(2026, 3, 1)) == date(2027, 1, 11)


def test_one_of_lasts_as_long_as_its_longest_part() -> None:
    expressie = EenVan(
        (Telling(Soort.VEROORDELING, (), 6, 1), Telling(Soort.AANHOUDING, (), 12, 1))
    )
    feiten = [feit(Soort.VEROORDELING, "2026-01-01"), feit(Soort.AANHOUDING, "2025-12-01")]
    assert vervaldatum(expressie, feiten, date(2026, 2, 1)) == date(2026, 12, 2)


def test_not_met_on_the_first_day_expires_that_day() -> None:
    assert vervaldatum(LIJST, [], date(2026, 1, 1)) == date(2026, 1, 1)


def test_facts_after_the_first_day_do_not_extend_it() -> None:
    feiten = [
        feit(Soort.VEROORDELING, "2025-01-10"),
        feit(Soort.VEROORDELING, "2025-09-30"),
        feit(Soort.AANHOUDING, "2025-06-01", "diefstal"),
        feit(Soort.AANHOUDING, "2026-08-01", "diefstal"),  # not yet happened on 2026-01-01
    ]
    assert vervaldatum(LIJST, feiten, date(2026, 1, 1)) == date(2026, 6, 2)


@st.composite
def expressies(draw: st.DrawFn, diepte: int = 0) -> Expressie:
    if diepte >= 2 or draw(st.booleans()):
        return Telling(
            draw(st.sampled_from(SOORTEN)),
            draw(st.sampled_from([(), ("geweld",)])),
            draw(st.integers(1, 6)),
            draw(st.integers(1, 3)),
        )
    delen = tuple(draw(st.lists(expressies(diepte + 1), min_size=1, max_size=3)))
    return Alle(delen) if draw(st.booleans()) else EenVan(delen)


FEITEN = st.lists(
    st.builds(
        Feit,
        soort=st.sampled_from(SOORTEN),
        categorie=st.sampled_from(["geweld", "diefstal"]),
        datum=st.dates(min_value=date(2023, 11, 1), max_value=date(2024, 3, 31)),
        bron=st.just("om"),
    ),
    max_size=8,
)


@settings(max_examples=150, deadline=None)
@given(expressies(), FEITEN, st.dates(min_value=date(2024, 3, 1), max_value=date(2024, 3, 31)))
def test_the_expiry_is_the_first_day_the_criteria_fail(
    expressie: Expressie, feiten: list[Feit], vanaf: date
) -> None:
    """Checked day by day against the criteria themselves."""
    verval = vervaldatum(expressie, feiten, vanaf)
    assert verval >= vanaf
    gebeurd = [f for f in feiten if f["datum"] <= vanaf]
    dag = vanaf
    while dag < verval:
        assert evaluate(expressie, gebeurd, dag).voldoet, dag
        dag += timedelta(days=1)
    assert not evaluate(expressie, gebeurd, verval).voldoet


@settings(max_examples=200)
@given(st.dates(min_value=date(2000, 1, 1), max_value=date(2100, 1, 1)), st.integers(1, 240))
def test_last_counting_day_is_the_last_window_holding_the_fact(day: date, months: int) -> None:
    laatste = last_counting_day(day, months)
    assert minus_months(laatste, months) <= day <= laatste
    assert minus_months(laatste + timedelta(days=1), months) > day
