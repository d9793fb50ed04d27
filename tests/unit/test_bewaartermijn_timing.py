"""Timing of extensions (issue 11): the decision window, lapsing situation-1 extensions,
the fixed one-year threshold of situation 2, reopenings, and properties over all of them."""

from dataclasses import replace
from datetime import date, timedelta

import pytest
from hypothesis import given
from hypothesis import strategies as st

from app.domain.errors import InvalidInput
from app.rules.bewaartermijn import calculate_bewaartermijn
from app.rules.bewaartermijn_typen import (
    Bewaarbeleid,
    Bewaartermijn,
    Bron,
    BronGrens,
    Casusdata,
    Verlengingsreden,
)
from app.rules.kalender import add_months, add_years
from app.rules.verlenging import earliest_decision
from tests.factories.bewaartermijn import S1, S2, bron, calculate, casus, dd, verlenging
from tests.factories.bewaartermijn_gevallen import PEILDATUM, cases


def problems(data: Casusdata, beleid: Bewaarbeleid | None = None) -> list[tuple[str, str]]:
    with pytest.raises(InvalidInput) as caught:
        calculate(data, beleid=beleid)
    return [(p.name, p.code) for p in caught.value.problems]


def stored(data: Casusdata, beleid: Bewaarbeleid | None = None) -> Bewaartermijn:
    """As the service computes a stored case: every extension is a stored decision."""
    return calculate_bewaartermijn(
        data, PEILDATUM, beleid or Bewaarbeleid(), besloten=len(data.verlengingen), opgeslagen=True
    )


# -- The decision window ------------------------------------------------------------------


@pytest.mark.parametrize(
    ("maximum", "venster", "vroegste"),
    [
        ("2030-06-05", 3, "2030-03-05"),
        ("2030-06-05", 6, "2029-12-05"),
        ("2030-06-05", 1, "2030-05-05"),
        # 31 May minus three months clamps to 28 February, which plus three months is only
        # 28 May: the first day that reaches the maximum is 1 March.
        ("2030-05-31", 3, "2030-03-01"),
        ("2028-05-31", 3, "2028-03-01"),
        ("2030-03-31", 1, "2030-03-01"),
    ],
)
def test_the_window_is_counted_forward_from_the_decision(
    maximum: str, venster: int, vroegste: str
) -> None:
    beleid = Bewaarbeleid(besluitvenster_maanden=venster)
    assert earliest_decision(dd(maximum), beleid) == dd(vroegste)
    assert add_months(dd(vroegste), venster) >= dd(maximum)
    assert add_months(dd(vroegste) - timedelta(days=1), venster) < dd(maximum)


@pytest.mark.parametrize(("besluit", "venster", "ok"), [
    ("2030-03-05", 3, True),
    ("2030-03-04", 3, False),
    ("2029-12-05", 6, True),
    ("2029-12-04", 6, False),
    ("2030-06-05", 1, True),
])  # fmt: skip
def test_the_window_follows_the_setting(besluit: str, venster: int, ok: bool) -> None:
    data = casus("2025-06-05", verlengingen=(verlenging(besluit),))
    beleid = Bewaarbeleid(besluitvenster_maanden=venster)
    if ok:
        assert calculate(data, beleid=beleid).maximale_bewaardatum == dd("2032-06-05")
    else:
        assert problems(data, beleid) == [("verlengingen.0.besluitdatum", "verlenging-te-vroeg")]


@pytest.mark.parametrize("venster", [0, 7, -1])
def test_the_window_is_one_to_six_months(venster: int) -> None:
    with pytest.raises(ValueError, match="besluitvenster"):
        Bewaarbeleid(besluitvenster_maanden=venster)


def test_situation_2_decided_too_early_lists_every_problem() -> None:
    # Closed 2029-01-05, more than a year before the maximum, decided years early.
    data = casus("2025-06-05", "2029-01-05", verlengingen=(verlenging("2029-02-01", 30, S2),))
    assert problems(data) == [
        ("verlengingen.0.maanden", "verlenging-maanden-buiten-bereik"),
        ("verlengingen.0.besluitdatum", "verlenging-te-vroeg"),
        ("verlengingen.0.reden", "verlenging-situatie-niet-van-toepassing"),
    ]


# -- Situation 2's threshold is the factsheet's year, not the policy -----------------------


@pytest.mark.parametrize("na_afsluiting", [6, 12, 18, 24])
def test_situation_2_threshold_is_one_year_whatever_the_policy(na_afsluiting: int) -> None:
    beleid = Bewaarbeleid(na_afsluiting_maanden=na_afsluiting)
    # Closed 11 months before the maximum: situation 2, under every policy.
    binnen = casus("2025-06-05", "2029-07-05", verlengingen=(verlenging("2030-06-01", 24, S2),))
    assert calculate(binnen, beleid=beleid).maximale_bewaardatum == dd("2032-06-05")
    # Closed 13 months before: not situation 2, even when the policy keeps 18 or 24 months.
    buiten = casus("2025-06-05", "2029-05-05", verlengingen=(verlenging("2030-06-01", 24, S2),))
    assert problems(buiten, beleid) == [
        ("verlengingen.0.reden", "verlenging-situatie-niet-van-toepassing")
    ]
    verdere = calculate(casus("2025-06-05", "2029-05-05"), dd("2030-04-01"), beleid)
    assert verdere.verdere_verlenging.situatie is None


# -- A situation-1 extension lapses when the case closes on or before its maximum ---------


def test_the_issues_reproduction_lapses_in_a_stored_case() -> None:
    """Registered 2021-12-10 (maximum 2026-12-10); a situation-1 extension decided in May
    2026, the case closed 2026-06-01. The old rule kept it to 2027-06-01."""
    data = casus("2021-12-10", "2026-06-01", verlengingen=(verlenging("2026-05-01", 24, S1),))
    uitkomst = stored(data)
    assert uitkomst.archiefdatum == dd("2026-12-10")
    assert uitkomst.maximale_bewaardatum == dd("2026-12-10")
    (judged,) = uitkomst.verlengingen
    assert judged.vervallen
    assert [r.code for r in judged.vervalredenen] == [
        "verlenging-te-vroeg",
        "verlenging-vervallen-casus-afgesloten",
    ]
    assert "vervallen" in uitkomst.toelichting
    # The stateless endpoint refuses the same decision: it was taken outside the window.
    assert problems(data) == [("verlengingen.0.besluitdatum", "verlenging-te-vroeg")]


@pytest.mark.parametrize("afsluitdatum", ["2026-10-01", "2026-11-01", "2026-12-10"])
def test_a_situation_1_extension_decided_in_time_lapses_on_an_early_closure(
    afsluitdatum: str,
) -> None:
    data = casus("2021-12-10", afsluitdatum, verlengingen=(verlenging("2026-10-01", 24, S1),))
    for uitkomst in (calculate(data), stored(data)):
        assert uitkomst.archiefdatum == dd("2026-12-10")
        (judged,) = uitkomst.verlengingen
        assert [r.code for r in judged.vervalredenen] == ["verlenging-vervallen-casus-afgesloten"]
        assert (judged.ingangsdatum, judged.einddatum) == (dd("2026-12-10"), dd("2028-12-10"))
    # The joint controllers may decide situation 2 instead, up to the maximum.
    verdere = calculate(data, dd("2026-12-10")).verdere_verlenging
    assert (verdere.mogelijk, verdere.situatie) == (True, Verlengingsreden.TERUGVALRISICO)


def test_a_closure_after_the_maximum_keeps_situation_1() -> None:
    data = casus("2021-12-10", "2026-12-11", verlengingen=(verlenging("2026-10-01", 24, S1),))
    uitkomst = stored(data)
    assert not uitkomst.verlengingen[0].vervallen
    assert uitkomst.archiefdatum == dd("2027-12-11")


def test_situation_2_replaces_a_lapsed_situation_1() -> None:
    data = casus(
        "2021-12-10",
        "2026-11-01",
        verlengingen=(verlenging("2026-10-01", 24, S1), verlenging("2026-11-15", 12, S2)),
    )
    uitkomst = calculate(data)
    eerste, tweede = uitkomst.verlengingen
    assert eerste.vervallen
    assert not tweede.vervallen
    assert (tweede.ingangsdatum, tweede.einddatum) == (dd("2026-12-10"), dd("2027-12-10"))
    assert uitkomst.archiefdatum == dd("2027-11-01")


def test_a_lapsed_extension_cascades_to_the_next_stored_one() -> None:
    # Both situation 1; the case turns out closed before the first maximum (dated back).
    data = casus(
        "2021-12-10",
        "2026-12-01",
        verlengingen=(verlenging("2026-11-01", 24, S1), verlenging("2028-11-01", 24, S1)),
    )
    uitkomst = stored(data)
    assert [v.vervallen for v in uitkomst.verlengingen] == [True, True]
    assert "verlenging-na-maximum" in [r.code for r in uitkomst.verlengingen[1].vervalredenen]
    assert uitkomst.archiefdatum == dd("2026-12-10")


def test_consent_to_a_lapsed_extension_does_not_count() -> None:
    data = casus(
        "2021-12-10",
        "2026-11-01",
        verlengingen=(verlenging("2026-10-01", 24, S1), verlenging("2026-11-15", 12, S2)),
        bronnen=(
            Bron("weigert-eerste", "om", instemmingen=(False, True)),
            Bron("weigert-tweede", "om", instemmingen=(True, False)),
        ),
    )
    eerste, tweede = stored(data).bronnen
    assert (eerste.archiefdatum, eerste.begrensd_door) == (dd("2027-11-01"), BronGrens.CASUS)
    assert (tweede.archiefdatum, tweede.begrensd_door) == (
        dd("2026-12-10"),
        BronGrens.GEEN_INSTEMMING,
    )


# -- Reopenings ----------------------------------------------------------------------------


def test_a_reopening_after_situation_2_keeps_the_extension_and_its_start() -> None:
    """Closed 2030-01-05, situation 2 decided 2030-05-01, reopened 2030-07-01 (after the
    five-year maximum, within the extension): open again until the extended maximum; the
    extension still starts at the maximum it extends."""
    data = replace(
        casus("2025-06-05", verlengingen=(verlenging("2030-05-01", 24, S2),)),
        heropeningen=(dd("2030-07-01"),),
    )
    for uitkomst in (calculate(data), stored(data)):
        (judged,) = uitkomst.verlengingen
        assert not judged.vervallen
        assert (judged.ingangsdatum, judged.einddatum) == (dd("2030-06-05"), dd("2032-06-05"))
        assert uitkomst.archiefdatum == dd("2032-06-05")
    # Closed again: a year after the new closure, within the extended maximum.
    weer_dicht = replace(data, afsluitdatum=dd("2031-09-01"))
    assert calculate(weer_dicht).archiefdatum == dd("2032-06-05")
    vroeg_dicht = replace(data, afsluitdatum=dd("2030-09-01"))
    assert calculate(vroeg_dicht).archiefdatum == dd("2031-09-01")


def test_situation_2_without_a_reopening_needs_the_closure_before_the_decision() -> None:
    data = casus("2025-06-05", verlengingen=(verlenging("2030-05-01", 24, S2),))
    assert problems(data) == [("verlengingen.0.reden", "verlenging-situatie-niet-van-toepassing")]


def test_a_reopening_before_the_maximum_revives_situation_1() -> None:
    # Closed (dated back) and reopened before the maximum: open on it after all.
    data = replace(
        casus("2021-12-10", verlengingen=(verlenging("2026-10-01", 24, S1),)),
        heropeningen=(dd("2026-11-01"),),
    )
    assert not stored(data).verlengingen[0].vervallen
    assert stored(data).archiefdatum == dd("2028-12-10")


@pytest.mark.parametrize(
    ("data", "expected"),
    [
        (
            replace(casus("2025-06-05", "2026-01-01"), heropeningen=(dd("2025-06-04"),)),
            [("heropeningen.0", "heropening-voor-aanmelddatum")],
        ),
        (
            replace(casus("2025-06-05", "2026-01-01"), heropeningen=(dd("2026-01-02"),)),
            [("heropeningen.0", "heropening-na-afsluitdatum")],
        ),
        (
            replace(casus("2025-06-05"), heropeningen=(dd("2030-06-05"), dd("2030-06-06"))),
            [("heropeningen.1", "heropening-na-maximum")],
        ),
        (
            replace(
                casus("2025-06-05", afwijzingsdatum="2025-07-01"),
                heropeningen=(dd("2025-08-01"),),
            ),
            [("heropeningen.0", "heropening-afgewezen-aanmelding")],
        ),
    ],
)
def test_reopening_refusals(data: Casusdata, expected: list[tuple[str, str]]) -> None:
    assert problems(data) == expected
    stored(data)  # a stored case's history is computed, never refused


# -- Properties ----------------------------------------------------------------------------


def _maximum_at(data: Casusdata, uitkomst: Bewaartermijn, day: date) -> date:
    """The maximum in force on `day`: the valid extensions that took effect before it."""
    maximum = uitkomst.oorspronkelijke_maximale_bewaardatum
    for v in uitkomst.verlengingen:
        if not v.vervallen and v.ingangsdatum < day:
            maximum = v.einddatum
    return maximum


@given(cases(vervallen=True))
def test_an_extension_never_passes_the_laws_limit_for_its_situation(data: Casusdata) -> None:
    uitkomst = calculate_bewaartermijn(data, PEILDATUM)
    maximum = add_years(data.aanmelddatum, 5)
    assert len(uitkomst.verlengingen) == len(data.verlengingen)  # lapsed ones are shown
    for v in uitkomst.verlengingen:
        assert v.ingangsdatum == maximum
        if v.vervallen:
            continue  # moves nothing
        assert v.besluitdatum <= v.ingangsdatum
        assert add_months(v.besluitdatum, 3) >= v.ingangsdatum
        assert v.einddatum <= add_months(v.ingangsdatum, 24)
        afsluitdatum = data.afsluitdatum
        if v.reden is Verlengingsreden.CRITERIA_NOG_VAN_TOEPASSING:
            assert afsluitdatum is None or afsluitdatum > v.ingangsdatum
        else:
            assert afsluitdatum is not None
            assert afsluitdatum <= v.besluitdatum
            assert add_months(afsluitdatum, 12) > v.ingangsdatum
        maximum = v.einddatum
    assert uitkomst.maximale_bewaardatum == maximum
    assert uitkomst.archiefdatum <= maximum


@given(cases(("afgesloten",), vervallen=True), st.integers(0, 60))
def test_a_closed_case_never_outlives_closure_and_policy_or_its_maximum(
    data: Casusdata, na_afsluiting: int
) -> None:
    beleid = Bewaarbeleid(na_afsluiting_maanden=na_afsluiting)
    uitkomst = calculate_bewaartermijn(data, PEILDATUM, beleid)
    assert data.afsluitdatum is not None
    assert uitkomst.archiefdatum <= add_months(data.afsluitdatum, na_afsluiting)
    situatie_2 = any(
        not v.vervallen and v.reden is Verlengingsreden.TERUGVALRISICO
        for v in uitkomst.verlengingen
    )
    if not situatie_2:
        assert uitkomst.archiefdatum <= _maximum_at(data, uitkomst, data.afsluitdatum)


@given(cases(("open", "afgesloten"), vervallen=True))
def test_a_lapsed_extension_moves_no_date(data: Casusdata) -> None:
    uitkomst = calculate_bewaartermijn(data, PEILDATUM)
    geldig = tuple(
        besluit
        for besluit, v in zip(data.verlengingen, uitkomst.verlengingen, strict=True)
        if not v.vervallen
    )
    zonder = calculate_bewaartermijn(replace(data, verlengingen=geldig), PEILDATUM)
    assert (zonder.maximale_bewaardatum, zonder.archiefdatum) == (
        uitkomst.maximale_bewaardatum,
        uitkomst.archiefdatum,
    )
    assert [b.archiefdatum for b in zonder.bronnen] == [b.archiefdatum for b in uitkomst.bronnen]


@given(cases(("open", "afgesloten"), vervallen=True))
def test_stored_and_stateless_agree_on_lawful_histories(data: Casusdata) -> None:
    stateless = calculate_bewaartermijn(data, PEILDATUM)
    assert stored(data) == stateless


@given(cases(("open",)), st.integers(1, 6))
def test_further_extension_reports_the_window(data: Casusdata, venster: int) -> None:
    beleid = Bewaarbeleid(besluitvenster_maanden=venster)
    try:
        uitkomst = calculate_bewaartermijn(data, PEILDATUM, beleid)
    except InvalidInput:
        return  # a wider or narrower window may refuse a drawn decision date
    verdere = uitkomst.verdere_verlenging
    if verdere.vroegste_besluitdatum is None:
        return
    assert verdere.uiterlijke_besluitdatum == uitkomst.maximale_bewaardatum
    assert add_months(verdere.vroegste_besluitdatum, venster) >= uitkomst.maximale_bewaardatum
    probe = replace(
        data,
        verlengingen=(
            *data.verlengingen,
            replace(verlenging("2000-01-01"), besluitdatum=verdere.vroegste_besluitdatum),
        ),
    )
    assert not calculate_bewaartermijn(probe, PEILDATUM, beleid).verlengingen[-1].vervallen
    te_vroeg = probe.verlengingen[-1]
    te_vroeg = replace(te_vroeg, besluitdatum=te_vroeg.besluitdatum - timedelta(days=1))
    with pytest.raises(InvalidInput):
        calculate_bewaartermijn(
            replace(data, verlengingen=(*data.verlengingen, te_vroeg)), PEILDATUM, beleid
        )


def test_bron_helper_is_used() -> None:
    # The helpers' consent flag still answers for every extension.
    data = casus("2025-06-05", verlengingen=(verlenging("2030-06-01"),), bronnen=(bron(),))
    assert calculate(data).bronnen[0].begrensd_door is BronGrens.GEEN_INSTEMMING
