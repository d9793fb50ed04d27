"""Every refusal of the retention rules: a stable code, a dotted name, all problems at once."""

from datetime import date

import pytest

from app.domain.errors import InvalidInput
from app.rules.bewaartermijn_typen import Bewaarbeleid, Casusdata, Verlengingsreden
from tests.factories.bewaartermijn import S1, S2, bron, calculate, casus, dd, verlenging


def problems(data: Casusdata, beleid: Bewaarbeleid | None = None) -> list[tuple[str, str]]:
    with pytest.raises(InvalidInput) as caught:
        calculate(data, beleid=beleid)
    for problem in caught.value.problems:
        assert problem.reason  # every refusal explains itself in Dutch
    return [(p.name, p.code) for p in caught.value.problems]


@pytest.mark.parametrize(
    ("data", "expected"),
    [
        (casus("2025-06-05", "2025-06-04"), [("afsluitdatum", "afsluitdatum-voor-aanmelddatum")]),
        (
            casus("2025-06-05", afwijzingsdatum="2025-01-01"),
            [("afwijzingsdatum", "afwijzingsdatum-voor-aanmelddatum")],
        ),
        (
            casus("2025-06-05", "2025-07-01", "2025-06-10"),
            [("afwijzingsdatum", "afgesloten-en-afgewezen")],
        ),
        (
            casus("2025-06-05", verlengingen=(verlenging("2030-06-01", 0),)),
            [("verlengingen.0.maanden", "verlenging-maanden-buiten-bereik")],
        ),
        (
            casus("2025-06-05", verlengingen=(verlenging("2030-06-01", 25),)),
            [("verlengingen.0.maanden", "verlenging-maanden-buiten-bereik")],
        ),
        (
            casus("2025-06-05", verlengingen=(verlenging("2030-06-01", -3),)),
            [("verlengingen.0.maanden", "verlenging-maanden-buiten-bereik")],
        ),
        (
            casus("2025-06-05", verlengingen=(verlenging("2025-06-04"),)),
            [("verlengingen.0.besluitdatum", "besluitdatum-voor-aanmelddatum")],
        ),
        # Decided one day after the maximum it would extend.
        (
            casus("2025-06-05", verlengingen=(verlenging("2030-06-06"),)),
            [("verlengingen.0.besluitdatum", "verlenging-na-maximum")],
        ),
        # The second decided after the first extension's end: too late as well.
        (
            casus("2025-06-05", verlengingen=(verlenging("2030-06-01"), verlenging("2032-06-06"))),
            [("verlengingen.1.besluitdatum", "verlenging-na-maximum")],
        ),
        # A repeat is decided while the previous extension runs, not before it began.
        (
            casus("2025-06-05", verlengingen=(verlenging("2030-06-01"), verlenging("2030-06-05"))),
            [("verlengingen.1.besluitdatum", "verlenging-voor-ingang-vorige")],
        ),
        # Situation 1 needs the case open on the maximum: closed before it.
        (
            casus("2025-06-05", "2030-01-05", verlengingen=(verlenging("2030-06-01", 24, S1),)),
            [("verlengingen.0.reden", "verlenging-situatie-niet-van-toepassing")],
        ),
        # ... or the day before it was decided: it was not open when decided.
        (
            casus("2025-06-05", "2030-05-31", verlengingen=(verlenging("2030-06-01", 24, S1),)),
            [("verlengingen.0.reden", "verlenging-situatie-niet-van-toepassing")],
        ),
        # Decided more than the window (3 months) before the maximum it extends.
        (
            casus("2025-06-05", verlengingen=(verlenging("2030-03-04", 24, S1),)),
            [("verlengingen.0.besluitdatum", "verlenging-te-vroeg")],
        ),
        # ... years early, on the day of registration (the reproduction).
        (
            casus("2025-06-05", verlengingen=(verlenging("2025-06-05", 24, S1),)),
            [("verlengingen.0.besluitdatum", "verlenging-te-vroeg")],
        ),
        # Situation 2 decided before the case closed: it was open when decided.
        (
            casus("2025-06-05", "2030-05-01", verlengingen=(verlenging("2030-04-01", 24, S2),)),
            [("verlengingen.0.reden", "verlenging-situatie-niet-van-toepassing")],
        ),
        # Situation 2 needs a closure: an open case does not qualify.
        (
            casus("2025-06-05", verlengingen=(verlenging("2030-06-01", 24, S2),)),
            [("verlengingen.0.reden", "verlenging-situatie-niet-van-toepassing")],
        ),
        # Situation 2, closed after the maximum: open on it, so not situation 2.
        (
            casus("2025-06-05", "2030-07-01", verlengingen=(verlenging("2030-06-01", 24, S2),)),
            [("verlengingen.0.reden", "verlenging-situatie-niet-van-toepassing")],
        ),
        # Situation 2, closed exactly one year before the maximum: not less than a year.
        (
            casus("2025-06-05", "2029-06-05", verlengingen=(verlenging("2030-06-01", 24, S2),)),
            [("verlengingen.0.reden", "verlenging-situatie-niet-van-toepassing")],
        ),
        # A rejected registration cannot be extended in either situation.
        (
            casus(
                "2025-06-05",
                afwijzingsdatum="2025-06-06",
                verlengingen=(verlenging("2026-01-01", 24, S1),),
            ),
            [
                ("verlengingen.0.besluitdatum", "verlenging-te-vroeg"),
                ("verlengingen.0.reden", "verlenging-situatie-niet-van-toepassing"),
            ],
        ),
        (
            casus("2025-06-05", bronnen=(bron("b1"), bron("b2"), bron("b1"))),
            [("bronnen.2.id", "bron-id-dubbel")],
        ),
        (casus("9996-01-01"), [("aanmelddatum", "datum-buiten-bereik")]),
        (
            casus("9994-06-01", verlengingen=(verlenging("9999-05-01", 24),)),
            [("verlengingen.0.maanden", "datum-buiten-bereik")],
        ),
    ],
)
def test_refusals(data: Casusdata, expected: list[tuple[str, str]]) -> None:
    assert problems(data) == expected


def test_situation_2_just_inside_the_last_year_is_allowed() -> None:
    data = casus("2025-06-05", "2029-06-06", verlengingen=(verlenging("2030-06-01", 24, S2),))
    assert calculate(data).maximale_bewaardatum == dd("2032-06-05")


def test_the_policy_sets_the_extension_ceiling() -> None:
    data = casus("2025-06-05", verlengingen=(verlenging("2030-06-01", 13),))
    beleid = Bewaarbeleid(verlenging_maximum_maanden=12)
    assert problems(data, beleid) == [
        ("verlengingen.0.maanden", "verlenging-maanden-buiten-bereik")
    ]
    assert calculate(data).maximale_bewaardatum == dd("2031-07-05")


def test_every_problem_is_listed_at_once() -> None:
    data = casus(
        "2025-06-05",
        "2025-06-01",
        "2025-06-02",
        verlengingen=(
            verlenging("2030-07-01", 30, S2),
            verlenging("2024-01-01", 6, S1),
        ),
        bronnen=(bron("x"), bron("x")),
    )
    assert problems(data) == [
        ("afsluitdatum", "afsluitdatum-voor-aanmelddatum"),
        ("afwijzingsdatum", "afwijzingsdatum-voor-aanmelddatum"),
        ("afwijzingsdatum", "afgesloten-en-afgewezen"),
        ("verlengingen.0.maanden", "verlenging-maanden-buiten-bereik"),
        ("verlengingen.0.besluitdatum", "verlenging-na-maximum"),
        ("verlengingen.0.reden", "verlenging-situatie-niet-van-toepassing"),
        ("verlengingen.1.besluitdatum", "besluitdatum-voor-aanmelddatum"),
        ("verlengingen.1.reden", "verlenging-situatie-niet-van-toepassing"),
        ("bronnen.1.id", "bron-id-dubbel"),
    ]


@pytest.mark.parametrize(
    ("data", "peildatum", "mogelijk", "situatie", "vroegste", "uiterlijk"),
    [
        # Open: situation 1, in the window of three months before the maximum.
        (casus("2025-06-05"), "2030-01-01", False, S1, "2030-03-05", "2030-06-05"),
        (casus("2025-06-05"), "2030-03-04", False, S1, "2030-03-05", "2030-06-05"),
        (casus("2025-06-05"), "2030-03-05", True, S1, "2030-03-05", "2030-06-05"),
        (casus("2025-06-05"), "2030-06-05", True, S1, "2030-03-05", "2030-06-05"),
        # Closed within the last year: situation 2, from the window's start.
        (casus("2025-06-05", "2030-01-05"), "2030-02-01", False, S2, "2030-03-05", "2030-06-05"),
        (casus("2025-06-05", "2030-01-05"), "2030-04-01", True, S2, "2030-03-05", "2030-06-05"),
        # Closed inside the window: situation 2 from the closure on.
        (casus("2025-06-05", "2030-05-01"), "2030-05-01", True, S2, "2030-05-01", "2030-06-05"),
        # After an extension, a repeat waits for the window before the new maximum.
        (
            casus("2025-06-05", verlengingen=(verlenging("2030-06-01"),)),
            "2032-03-04",
            False,
            S1,
            "2032-03-05",
            "2032-06-05",
        ),
        (
            casus("2025-06-05", verlengingen=(verlenging("2030-06-01"),)),
            "2032-03-05",
            True,
            S1,
            "2032-03-05",
            "2032-06-05",
        ),
        # ... and a short extension (one month) still waits until it has begun.
        (
            casus("2025-06-05", verlengingen=(verlenging("2030-06-01", 1),)),
            "2030-06-05",
            False,
            S1,
            "2030-06-06",
            "2030-07-05",
        ),
    ],
)
def test_further_extension_possible(
    data: Casusdata,
    peildatum: str,
    mogelijk: bool,
    situatie: Verlengingsreden,
    vroegste: str,
    uiterlijk: str,
) -> None:
    verdere = calculate(data, dd(peildatum)).verdere_verlenging
    assert verdere.mogelijk is mogelijk
    assert verdere.situatie is situatie
    assert verdere.vroegste_besluitdatum == dd(vroegste)
    assert verdere.uiterlijke_besluitdatum == dd(uiterlijk)
    assert verdere.maximale_maanden == 24
    assert "art. 1.16 BGS" in verdere.toelichting


@pytest.mark.parametrize(
    ("data", "peildatum", "fragment"),
    [
        (casus("2025-06-05"), "2030-06-06", "is verstreken"),
        (casus("2025-06-05", afwijzingsdatum="2025-06-10"), "2025-07-01", "afgewezen"),
        (casus("2025-06-05", "2029-06-05"), "2030-01-01", "12 maanden of langer"),
        (casus("2025-06-05", "2025-12-23"), "2026-01-01", "12 maanden of langer"),
    ],
)
def test_further_extension_not_possible(data: Casusdata, peildatum: str, fragment: str) -> None:
    verdere = calculate(data, dd(peildatum)).verdere_verlenging
    assert not verdere.mogelijk
    assert verdere.situatie is None
    assert verdere.uiterlijke_besluitdatum is None
    assert fragment in verdere.toelichting


def test_peildatum_does_not_change_the_dates() -> None:
    data = casus("2025-06-05", "2030-01-05")
    early, late = calculate(data, date(2025, 7, 1)), calculate(data, date(2040, 1, 1))
    assert (early.archiefdatum, early.maximale_bewaardatum) == (
        late.archiefdatum,
        late.maximale_bewaardatum,
    )
    assert (early.verlopen, late.verlopen) == (False, True)
