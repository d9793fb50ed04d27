"""Use case: calculate a case's retention dates. Stateless: nothing is stored or logged."""

from datetime import date, datetime
from zoneinfo import ZoneInfo

from app.rules.bewaartermijn import calculate_bewaartermijn
from app.rules.bewaartermijn_typen import Bewaarbeleid, Bewaartermijn, Casusdata

AMSTERDAM = ZoneInfo("Europe/Amsterdam")


def today_in_amsterdam() -> date:
    """Calendar dates are Dutch dates (BRIEF section 6): today is today in Amsterdam."""
    return datetime.now(AMSTERDAM).date()


def bereken(beleid: Bewaarbeleid, casus: Casusdata, peildatum: date | None) -> Bewaartermijn:
    """The case's retention dates on `peildatum` (today in Amsterdam when not given)."""
    return calculate_bewaartermijn(casus, peildatum or today_in_amsterdam(), beleid)
