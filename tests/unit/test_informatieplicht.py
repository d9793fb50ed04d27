"""The information duty's due date and status (art. 14 lid 3 onder a AVG)."""

from datetime import date

import pytest

from app.rules.informatieplicht import (
    Informatieplichtstatus,
    Uitzondering,
    assess_informatieplicht,
    uiterlijke_datum,
)


@pytest.mark.parametrize(
    ("toegelaten", "uiterste"),
    [
        ("2025-06-05", "2025-07-05"),
        ("2025-01-31", "2025-02-28"),  # no 31 February: the last day of the month
        ("2024-01-31", "2024-02-29"),
        ("2025-12-15", "2026-01-15"),
    ],
)
def test_due_one_calendar_month_after_admission(toegelaten: str, uiterste: str) -> None:
    assert uiterlijke_datum(date.fromisoformat(toegelaten)) == date.fromisoformat(uiterste)


@pytest.mark.parametrize(
    ("peildatum", "verlopen"),
    [("2025-06-05", False), ("2025-07-05", False), ("2025-07-06", True)],
)
def test_open_duty_expires_after_the_due_date(peildatum: str, verlopen: bool) -> None:
    stand = assess_informatieplicht(date(2025, 6, 5), None, None, date.fromisoformat(peildatum))
    assert stand.status is Informatieplichtstatus.OPEN
    assert stand.verlopen is verlopen
    assert stand.tijdig is None


@pytest.mark.parametrize(("uitgevoerd", "tijdig"), [("2025-07-05", True), ("2025-07-07", False)])
def test_done_duty_never_expires_and_says_whether_it_was_in_time(
    uitgevoerd: str, tijdig: bool
) -> None:
    stand = assess_informatieplicht(
        date(2025, 6, 5), date.fromisoformat(uitgevoerd), None, date(2026, 1, 1)
    )
    assert stand.status is Informatieplichtstatus.UITGEVOERD
    assert stand.verlopen is False
    assert stand.tijdig is tijdig


@pytest.mark.parametrize("grond", list(Uitzondering))
def test_recorded_exception_ends_the_duty(grond: Uitzondering) -> None:
    stand = assess_informatieplicht(date(2025, 6, 5), None, grond, date(2026, 1, 1))
    assert stand.status is Informatieplichtstatus.UITZONDERING
    assert stand.verlopen is False
