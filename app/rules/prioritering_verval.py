"""When a placement's stored facts stop meeting a list's criteria (art. 2.32 lid 4 WGS).

"Als het niet meer nodig is om iemand op de lijst te houden ..., moet die persoon meteen van
de lijst worden verwijderd (artikel 2.32, lid 4 WGS). Dit gebeurt als iemand niet meer
voldoet aan de reguliere of objectieve criteria" (factsheet Werkprocessen, step 6). The
criteria count facts in a window that moves with the day, so facts age out on a date
known in advance: a placement stores it (`vervaltOp`) and counts as placed only before it.

From `vanaf` on no fact enters a window any more (facts dated after `vanaf` are left out:
they are not what the placement rests on), so each count only falls and every clause holds
on an unbroken run of days starting at `vanaf`. A count holds while at least `minimaal`
matching facts are still inside its window; `alle` holds until its first part fails,
`eenVan` until its last part fails.
"""

from collections.abc import Sequence
from datetime import date, timedelta

from app.domain.prioritering import Alle, Expressie, Feit, Telling
from app.rules.kalender import DateOutOfRange, add_months
from app.rules.prioritering import minus_months

_ONE_DAY = timedelta(days=1)


def last_counting_day(datum: date, periode_maanden: int) -> date:
    """The last peildatum whose window (peildatum minus N months through it) holds `datum`.

    Searched forward from `datum` plus N months, because the window's start is clamped to
    the end of a short month (the window of 31 March starts on 28 February, which keeps a
    fact of 28 February inside a few days longer).
    """
    try:
        dag = add_months(datum, periode_maanden)
    except DateOutOfRange:
        return date.max
    while dag < date.max and minus_months(dag + _ONE_DAY, periode_maanden) <= datum:
        dag += _ONE_DAY
    return dag


def _expiry(expressie: Expressie, feiten: Sequence[Feit], vanaf: date) -> date:
    if isinstance(expressie, Telling):
        categorieen = frozenset(expressie.categorieen)
        laatste = sorted(
            (
                last_counting_day(feit["datum"], expressie.periode_maanden)
                for feit in feiten
                if feit["soort"] is expressie.soort
                and feit["datum"] <= vanaf
                and (not categorieen or feit["categorie"] in categorieen)
            ),
            reverse=True,
        )
        if len(laatste) < expressie.minimaal:
            return vanaf
        drempel = laatste[expressie.minimaal - 1]
        if drempel < vanaf:
            return vanaf
        return date.max if drempel == date.max else drempel + _ONE_DAY
    delen = [_expiry(deel, feiten, vanaf) for deel in expressie.delen]
    return min(delen) if isinstance(expressie, Alle) else max(delen)


def vervaldatum(expressie: Expressie, feiten: Sequence[Feit], vanaf: date) -> date:
    """The first day on or after `vanaf` on which `feiten` no longer meet `expressie`.

    `vanaf` itself when they do not meet it that day.
    """
    return _expiry(expressie, feiten, vanaf)
