"""Hypothesis strategies for the retention rule: valid cases with valid extension chains."""

from datetime import date, timedelta

from hypothesis import strategies as st

from app.rules.bewaartermijn_typen import Bron, Casusdata, Verlenging, Verlengingsreden
from app.rules.kalender import add_months, add_years

AANMELDING = st.dates(min_value=date(2000, 1, 1), max_value=date(2100, 12, 31))
PEILDATUM = date(2030, 1, 1)
BRON = st.builds(
    Bron,
    id=st.just("b"),
    deelnemer=st.just("om"),
    instemming_verlenging=st.booleans(),
    wettelijke_uiterlijke_bewaardatum=st.none()
    | st.dates(min_value=date(2000, 1, 1), max_value=date(2120, 12, 31)),
)


def numbered(bronnen: list[Bron]) -> tuple[Bron, ...]:
    """The sources with distinct ids, as the rule requires."""
    return tuple(
        Bron(f"b{i}", b.deelnemer, b.instemming_verlenging, b.wettelijke_uiterlijke_bewaardatum)
        for i, b in enumerate(bronnen)
    )


def _situation(afsluitdatum: date | None, maximum: date) -> Verlengingsreden | None:
    """The situation of art. 1.16 BGS at `maximum`, computed independently of the rule."""
    if afsluitdatum is None or afsluitdatum > maximum:
        return Verlengingsreden.CRITERIA_NOG_VAN_TOEPASSING
    if add_months(afsluitdatum, 12) > maximum:
        return Verlengingsreden.TERUGVALRISICO
    return None


def _window_start(maximum: date) -> date:
    """The first day d with d + 3 months >= maximum, by search (independent of the rule)."""
    day = maximum - timedelta(days=100)
    while add_months(day, 3) < maximum:
        day += timedelta(days=1)
    return day


@st.composite
def cases(
    draw: st.DrawFn,
    kinds: tuple[str, ...] = ("open", "afgesloten", "afgewezen"),
    *,
    vervallen: bool = False,
) -> Casusdata:
    """A valid case of one of `kinds`, with a valid chain of extensions decided in their
    window. With `vervallen`, a closure may also fall after a situation-1 decision and on
    or before its maximum: that extension lapses and the chain goes on without it."""
    aanmelddatum = draw(AANMELDING)
    kind = draw(st.sampled_from(kinds))
    offset = timedelta(days=draw(st.integers(0, 9 * 365)))
    afsluitdatum = aanmelddatum + offset if kind == "afgesloten" else None
    afwijzingsdatum = aanmelddatum + offset if kind == "afgewezen" else None
    verlengingen: list[Verlenging] = []
    maximum = add_years(aanmelddatum, 5)
    vorige_ingang: date | None = None
    for _ in range(draw(st.integers(0, 3))):
        if afwijzingsdatum is not None:
            break
        vroegste = max(_window_start(maximum), aanmelddatum)
        if vorige_ingang is not None:
            vroegste = max(vroegste, vorige_ingang + timedelta(days=1))
        reden = _situation(afsluitdatum, maximum)
        lapses = (
            vervallen
            and afsluitdatum is not None
            and vroegste < afsluitdatum <= maximum
            and draw(st.booleans())
        )
        if lapses:
            assert afsluitdatum is not None
            reden = Verlengingsreden.CRITERIA_NOG_VAN_TOEPASSING
            laatste = afsluitdatum - timedelta(days=1)
        elif reden is Verlengingsreden.TERUGVALRISICO:
            assert afsluitdatum is not None
            vroegste, laatste = max(vroegste, afsluitdatum), maximum
        elif reden is Verlengingsreden.CRITERIA_NOG_VAN_TOEPASSING:
            laatste = maximum if afsluitdatum is None else min(maximum, afsluitdatum - timedelta(1))
        else:
            break
        if vroegste > laatste:
            break
        besluitdatum = draw(st.dates(min_value=vroegste, max_value=laatste))
        maanden = draw(st.integers(1, 24))
        verlengingen.append(Verlenging(besluitdatum, maanden, reden))
        if not lapses:
            vorige_ingang, maximum = maximum, add_months(maximum, maanden)
    bronnen = draw(st.lists(BRON, max_size=4))
    return Casusdata(
        aanmelddatum=aanmelddatum,
        afsluitdatum=afsluitdatum,
        afwijzingsdatum=afwijzingsdatum,
        verlengingen=tuple(verlengingen),
        bronnen=numbered(bronnen),
    )
