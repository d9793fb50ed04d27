"""The 72-hour clock of AVG art. 33(1): elapsed hours, in UTC, whatever the local clock."""

from datetime import UTC, datetime, timedelta
from zoneinfo import ZoneInfo

import pytest
from hypothesis import given
from hypothesis import strategies as st

from app.rules.datalek import melden_uiterlijk

AMSTERDAM = ZoneInfo("Europe/Amsterdam")


@given(
    st.datetimes(
        min_value=datetime(2000, 1, 1),
        max_value=datetime(2100, 1, 1),
        timezones=st.just(AMSTERDAM),
    )
)
def test_always_72_elapsed_hours_in_utc(ontdekt: datetime) -> None:
    uiterlijk = melden_uiterlijk(ontdekt)
    assert uiterlijk.tzinfo is UTC
    assert uiterlijk - ontdekt == timedelta(hours=72)
    # Local clock time differs from the discovery's by the change of UTC offset, if any.
    lokaal = uiterlijk.astimezone(AMSTERDAM)
    verschuiving = lokaal.utcoffset() - ontdekt.utcoffset()  # type: ignore[operator]
    assert (
        lokaal.replace(tzinfo=None) - ontdekt.replace(tzinfo=None)
        == timedelta(hours=72) + verschuiving
    )


def test_naive_times_are_refused() -> None:
    with pytest.raises(ValueError, match="time zone"):
        melden_uiterlijk(datetime(2026, 3, 27, 10, 0))
