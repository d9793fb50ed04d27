"""Dates of things that happened: never after today (code `datum-in-toekomst`)."""

from datetime import date

from app.domain.errors import InvalidParam

DATUM_IN_TOEKOMST = "datum-in-toekomst"


def datum_in_toekomst(
    name: str, datum: date, vandaag: date, reden: str = "De datum ligt in de toekomst."
) -> InvalidParam | None:
    """The problem with `datum` when it lies after `vandaag` (a Dutch date), else None."""
    if datum > vandaag:
        return InvalidParam(name, DATUM_IN_TOEKOMST, reden)
    return None
