"""Calendar arithmetic on dates, as the retention rules need it.

"Plus N months" (and "plus N years" = 12 N months) moves to the same day of the target
month; where that day does not exist (29 February in a common year, the 31st of a short
month) it lands on the last day of that month. The law speaks of "at the latest", so the
earlier date is the safe one (factsheet Bewaartermijnen; API contract).
"""

from datetime import date

_DAYS_IN_MONTH = (0, 31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31)
_MONTH_NAMES = (
    "",
    "januari",
    "februari",
    "maart",
    "april",
    "mei",
    "juni",
    "juli",
    "augustus",
    "september",
    "oktober",
    "november",
    "december",
)


class DateOutOfRange(ValueError):
    """The result of the arithmetic falls outside the calendar this program can represent."""


def is_leap(year: int) -> bool:
    return year % 4 == 0 and (year % 100 != 0 or year % 400 == 0)


def last_day(year: int, month: int) -> int:
    if month == 2 and is_leap(year):
        return 29
    return _DAYS_IN_MONTH[month]


def add_months(start: date, months: int) -> date:
    """`start` plus `months` calendar months; a day the month lacks becomes its last day."""
    total = start.year * 12 + start.month - 1 + months
    year, month = divmod(total, 12)
    month += 1
    if not 1 <= year <= 9999:
        raise DateOutOfRange(f"{start.isoformat()} plus {months} maanden valt buiten de kalender")
    day = start.day
    if day > 28:
        day = min(day, last_day(year, month))
    return date(year, month, day)


def add_years(start: date, years: int) -> date:
    """`start` plus `years` calendar years; 29 February becomes 28 February in a common year."""
    return add_months(start, 12 * years)


def months_and_days(start: date, end: date) -> tuple[int, int]:
    """The whole calendar months from `start` to `end`, then the days left; (0, 0) if end < start."""
    if end <= start:
        return 0, 0
    months = (end.year - start.year) * 12 + end.month - start.month
    if add_months(start, months) > end:
        months -= 1
    return months, (end - add_months(start, months)).days


def format_datum(value: date) -> str:
    """A date as Dutch readers write it: `5 juni 2030`."""
    return f"{value.day} {_MONTH_NAMES[value.month]} {value.year}"
