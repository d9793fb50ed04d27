"""Calendar arithmetic: month ends and 29 February land on the last day of the month."""

from datetime import date

import pytest

from app.rules.kalender import (
    DateOutOfRange,
    add_months,
    add_years,
    format_datum,
    months_and_days,
)


@pytest.mark.parametrize(
    ("start", "years", "expected"),
    [
        ("2025-06-05", 5, "2030-06-05"),
        ("2024-02-29", 5, "2029-02-28"),  # no 29 February in 2029: the earlier date
        ("2024-02-29", 4, "2028-02-29"),  # a leap year again: the day exists
        ("2024-02-29", 1, "2025-02-28"),
        ("2023-02-28", 1, "2024-02-28"),  # never moved forward to the 29th
        ("2099-12-31", 1, "2100-12-31"),
    ],
)
def test_add_years(start: str, years: int, expected: str) -> None:
    assert add_years(date.fromisoformat(start), years) == date.fromisoformat(expected)


@pytest.mark.parametrize(
    ("start", "months", "expected"),
    [
        ("2030-06-05", 24, "2032-06-05"),
        ("2030-01-31", 1, "2030-02-28"),
        ("2032-01-31", 1, "2032-02-29"),
        ("2030-03-31", 1, "2030-04-30"),
        ("2030-08-31", 3, "2030-11-30"),
        ("2030-12-15", 1, "2031-01-15"),
        ("2030-11-30", 3, "2031-02-28"),
        ("2099-02-28", 12, "2100-02-28"),  # 2100 is not a leap year
        ("2399-02-28", 12, "2400-02-28"),
        ("2030-05-31", 0, "2030-05-31"),
        ("2030-03-31", -1, "2030-02-28"),
    ],
)
def test_add_months(start: str, months: int, expected: str) -> None:
    assert add_months(date.fromisoformat(start), months) == date.fromisoformat(expected)


def test_add_months_outside_the_calendar_is_refused() -> None:
    with pytest.raises(DateOutOfRange):
        add_years(date(9996, 1, 1), 5)
    with pytest.raises(DateOutOfRange):
        add_months(date(1, 1, 1), -1)


@pytest.mark.parametrize(
    ("start", "end", "expected"),
    [
        ("2030-01-05", "2030-06-05", (5, 0)),  # factsheet example 3: five months
        ("2030-06-05", "2030-06-05", (0, 0)),
        ("2030-06-06", "2030-06-05", (0, 0)),
        ("2025-12-23", "2026-12-23", (12, 0)),
        ("2030-01-31", "2030-02-28", (1, 0)),
        ("2030-01-31", "2030-02-27", (0, 27)),
        ("2029-07-10", "2030-06-05", (10, 26)),
    ],
)
def test_months_and_days(start: str, end: str, expected: tuple[int, int]) -> None:
    assert months_and_days(date.fromisoformat(start), date.fromisoformat(end)) == expected


def test_format_datum_is_dutch() -> None:
    assert format_datum(date(2030, 6, 5)) == "5 juni 2030"
    assert format_datum(date(2032, 2, 23)) == "23 februari 2032"
