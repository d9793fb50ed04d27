"""Use case: calculate a case's retention dates. Stateless: nothing is stored or logged."""

from datetime import date, datetime
from zoneinfo import ZoneInfo

from app.rules.bewaartermijn import calculate_bewaartermijn
from app.rules.bewaartermijn_typen import Bewaarbeleid, Bewaartermijn, Casusdata

AMSTERDAM = ZoneInfo("Europe/Amsterdam")


def today_in_amsterdam() -> date:
    """Calendar dates are Dutch dates (BRIEF section 6): today is today in Amsterdam."""
    return datetime.now(AMSTERDAM).date()


def calculate(beleid: Bewaarbeleid, casus: Casusdata, peildatum: date) -> Bewaartermijn:
    """The case's retention dates on `peildatum`."""
    return calculate_bewaartermijn(casus, peildatum, beleid)
