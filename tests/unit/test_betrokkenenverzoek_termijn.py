"""The deadline of a data subject's request (AVG art. 12(3)): one calendar month after
receipt, three once extended; a day the month lacks becomes its last day."""

from datetime import date

from hypothesis import given
from hypothesis import strategies as st

from app.rules.betrokkenenverzoek import uiterlijke_beslisdatum
from app.rules.kalender import is_leap, last_day

DAGEN = st.dates(min_value=date(1900, 1, 1), max_value=date(9990, 12, 31))


def test_month_ends_and_leap_years() -> None:
    assert uiterlijke_beslisdatum(date(2026, 1, 31), verlengd=False) == date(2026, 2, 28)
    assert uiterlijke_beslisdatum(date(2028, 1, 31), verlengd=False) == date(2028, 2, 29)
    assert uiterlijke_beslisdatum(date(2028, 1, 29), verlengd=False) == date(2028, 2, 29)
    assert uiterlijke_beslisdatum(date(2026, 3, 31), verlengd=False) == date(2026, 4, 30)
    assert uiterlijke_beslisdatum(date(2026, 12, 31), verlengd=False) == date(2027, 1, 31)
    assert uiterlijke_beslisdatum(date(2026, 1, 15), verlengd=False) == date(2026, 2, 15)
    # Extended: counted from receipt, clamped once (31 January → 30 April, not 28 April).
    assert uiterlijke_beslisdatum(date(2026, 1, 31), verlengd=True) == date(2026, 4, 30)
    assert uiterlijke_beslisdatum(date(2027, 11, 30), verlengd=True) == date(2028, 2, 29)
    assert uiterlijke_beslisdatum(date(2100, 11, 29), verlengd=True) == date(2101, 2, 28)


def _month_after(d: date, months: int) -> tuple[int, int]:
    total = d.year * 12 + d.month - 1 + months
    return total // 12, total % 12 + 1


@given(DAGEN, st.booleans())
def test_same_day_next_month_or_its_last_day(ontvangen: date, verlengd: bool) -> None:
    maanden = 3 if verlengd else 1
    uiterlijk = uiterlijke_beslisdatum(ontvangen, verlengd)
    assert (uiterlijk.year, uiterlijk.month) == _month_after(ontvangen, maanden)
    assert uiterlijk.day == min(ontvangen.day, last_day(uiterlijk.year, uiterlijk.month))
    assert uiterlijk > ontvangen


@given(DAGEN)
def test_extension_never_shortens_and_adds_about_two_months(ontvangen: date) -> None:
    eerst = uiterlijke_beslisdatum(ontvangen, verlengd=False)
    later = uiterlijke_beslisdatum(ontvangen, verlengd=True)
    assert 59 <= (later - eerst).days <= 62


@given(st.integers(min_value=1901, max_value=9990))
def test_29_february(jaar: int) -> None:
    ontvangen = date(jaar, 1, 29)
    uiterlijk = uiterlijke_beslisdatum(ontvangen, verlengd=False)
    assert uiterlijk == date(jaar, 2, 29 if is_leap(jaar) else 28)
