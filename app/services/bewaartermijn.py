"""Use case: calculate a case's retention dates. Stateless: nothing is stored or logged."""

from datetime import date, datetime
from zoneinfo import ZoneInfo

from app.rules.bewaartermijn import calculate_bewaartermijn
from app.rules.bewaartermijn_typen import Bewaarbeleid
from app.schemas.bewaartermijn import BewaartermijnBerekening, BewaartermijnUitkomst

AMSTERDAM = ZoneInfo("Europe/Amsterdam")


def today_in_amsterdam() -> date:
    """Calendar dates are Dutch dates (BRIEF section 6): today is today in Amsterdam."""
    return datetime.now(AMSTERDAM).date()


def calculate(
    beleid: Bewaarbeleid, vandaag: date, berekening: BewaartermijnBerekening
) -> BewaartermijnUitkomst:
    peildatum = berekening.peildatum or vandaag
    uitkomst = calculate_bewaartermijn(berekening.to_rule(), peildatum, beleid)
    return BewaartermijnUitkomst.of(uitkomst, beleid)
