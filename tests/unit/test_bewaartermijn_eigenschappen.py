"""Properties of the retention rules that must hold for every valid case (hypothesis)."""

from datetime import date, timedelta

from hypothesis import assume, given, settings
from hypothesis import strategies as st

from app.domain.errors import InvalidInput
from app.rules.bewaartermijn import calculate_bewaartermijn
from app.rules.bewaartermijn_typen import (
    Bewaartermijn,
    Bron,
    Casusdata,
)
from app.rules.kalender import add_months, add_years, months_and_days
from tests.factories.bewaartermijn_gevallen import AANMELDING, BRON, PEILDATUM, cases, numbered


def calc(data: Casusdata) -> Bewaartermijn:
    return calculate_bewaartermijn(data, PEILDATUM)


@given(cases())
def test_archive_date_never_passes_the_maximum(data: Casusdata) -> None:
    uitkomst = calc(data)
    assert uitkomst.archiefdatum <= uitkomst.maximale_bewaardatum
    assert uitkomst.oorspronkelijke_maximale_bewaardatum <= uitkomst.maximale_bewaardatum
    assert uitkomst.maximale_bewaardatum <= add_months(data.aanmelddatum, 60 + 24 * 3)


@given(cases(("open", "afgesloten")))
def test_archive_date_never_precedes_a_closure_before_the_maximum(data: Casusdata) -> None:
    uitkomst = calc(data)
    if data.afsluitdatum is not None and data.afsluitdatum <= uitkomst.maximale_bewaardatum:
        assert uitkomst.archiefdatum >= data.afsluitdatum


@given(cases(("open", "afgesloten")))
def test_a_consenting_extension_never_shortens_any_date(data: Casusdata) -> None:
    assume(data.verlengingen)
    zonder = calculate_bewaartermijn(
        Casusdata(
            aanmelddatum=data.aanmelddatum,
            afsluitdatum=data.afsluitdatum,
            verlengingen=data.verlengingen[:-1],
            bronnen=data.bronnen,
        ),
        PEILDATUM,
    )
    met = calc(data)
    assert not met.verlengingen[-1].vervallen
    assert met.maximale_bewaardatum > zonder.maximale_bewaardatum
    assert met.archiefdatum >= zonder.archiefdatum
    for voor, na, bron in zip(zonder.bronnen, met.bronnen, data.bronnen, strict=True):
        assert na.archiefdatum >= voor.archiefdatum
        if not bron.instemming_verlenging:
            assert na.archiefdatum == voor.archiefdatum


@given(AANMELDING, st.integers(0, 9 * 365), st.integers(0, 9 * 365), st.lists(BRON, max_size=3))
def test_a_later_closure_never_gives_an_earlier_archive_date(
    aanmelddatum: date, first: int, second: int, bronnen: list[Bron]
) -> None:
    vroeg, laat = sorted((first, second))
    archief = [
        calc(
            Casusdata(
                aanmelddatum=aanmelddatum,
                afsluitdatum=aanmelddatum + timedelta(days=offset),
                bronnen=numbered(bronnen),
            )
        )
        for offset in (vroeg, laat)
    ]
    assert archief[0].archiefdatum <= archief[1].archiefdatum
    for a, b in zip(archief[0].bronnen, archief[1].bronnen, strict=True):
        assert a.archiefdatum <= b.archiefdatum


@given(cases(("afgesloten",)), st.integers(1, 5 * 365))
def test_a_later_closure_with_extensions_never_gives_an_earlier_archive_date(
    data: Casusdata, days: int
) -> None:
    assert data.afsluitdatum is not None
    later = data.afsluitdatum + timedelta(days=days)
    try:
        verschoven = calc(
            Casusdata(data.aanmelddatum, later, None, data.verlengingen, data.bronnen)
        )
    except InvalidInput:
        assume(False)  # the later closure makes an extension's situation inapplicable
        raise
    assert verschoven.archiefdatum >= calc(data).archiefdatum


@given(cases())
def test_sources_never_outlive_the_case(data: Casusdata) -> None:
    uitkomst = calc(data)
    for bron, termijn in zip(data.bronnen, uitkomst.bronnen, strict=True):
        assert termijn.archiefdatum <= uitkomst.archiefdatum
        if bron.wettelijke_uiterlijke_bewaardatum is not None:
            assert termijn.archiefdatum <= bron.wettelijke_uiterlijke_bewaardatum
        if not bron.instemming_verlenging:
            assert termijn.archiefdatum <= uitkomst.oorspronkelijke_maximale_bewaardatum
        assert termijn.verlopen is (termijn.archiefdatum < PEILDATUM)


@given(cases(("afgewezen",)))
def test_a_rejection_goes_one_year_after_the_registration(data: Casusdata) -> None:
    uitkomst = calc(data)
    assert uitkomst.archiefdatum == add_years(data.aanmelddatum, 1)
    assert not uitkomst.verdere_verlenging.mogelijk


@settings(max_examples=300)
@given(
    st.dates(min_value=date(1900, 1, 1), max_value=date(2200, 12, 31)),
    st.integers(0, 600),
)
def test_month_arithmetic_round_trips(start: date, months: int) -> None:
    end = add_months(start, months)
    assert end >= start
    assert end.day <= start.day  # the day is kept, or clamped to the month's last day
    whole, days = months_and_days(start, end)
    assert whole == months or (whole > months and start.day > end.day) or days == 0
    assert add_months(start, whole) + timedelta(days=days) == end
