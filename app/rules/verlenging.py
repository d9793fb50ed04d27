"""Extensions of the maximum retention date (art. 1.16 BGS, factsheet "Verlenging bewaartermijn").

Two situations allow an extension of at most two years, repeatable: (1) "de casus is na
vijf jaar nog niet afgesloten omdat ... de criteria van art. 2.20 BGS nog gelden"; (2) "de
casus wordt minder dan een jaar voor het verstrijken van de maximale bewaartermijn
afgesloten, maar ... er is een groot risico op terugval". An extension takes effect at the
current maximum, is decided on or before it and no earlier than the decision window
before it (the situation is judged at the maximum, not years ahead).

Each extension is judged twice. What could be known when it was decided (its timing, the
case's state on its decision date) makes a new decision unlawful: a problem, 400. What
happened after it (a closure before the maximum it extends) makes a decided extension
lapse: it is kept in the result with its reason and moves no date. A stored decision
(`besloten`) is never refused after the fact; every problem found makes it lapse instead.
"""

from datetime import date, timedelta
from functools import lru_cache

from app.domain.errors import InvalidParam
from app.rules.bewaartermijn_toelichting import maanden_tekst
from app.rules.bewaartermijn_typen import (
    TERUGVAL_DREMPEL_MAANDEN,
    Bewaarbeleid,
    Casusdata,
    ToegepasteVerlenging,
    VerdereVerlenging,
    Verlenging,
    Verlengingsreden,
    Vervalreden,
)
from app.rules.kalender import DateOutOfRange, add_months, format_datum

_ONE_DAY = timedelta(days=1)
SITUATIE_NIET_VAN_TOEPASSING = "verlenging-situatie-niet-van-toepassing"
VERVALLEN_AFGESLOTEN = "verlenging-vervallen-casus-afgesloten"


def apply_extensions(
    casus: Casusdata,
    basis: date,
    beleid: Bewaarbeleid,
    problems: list[InvalidParam],
    *,
    besloten: int = 0,
) -> tuple[ToegepasteVerlenging, ...]:
    """Judge the extensions in order: each valid one starts at the current maximum.

    The first `besloten` extensions are stored decisions: whatever is wrong with them
    makes them lapse. A problem with a later (new) one is added to `problems`.
    """
    judged: list[ToegepasteVerlenging] = []
    maximum = basis
    vorige_ingang: date | None = None
    for index, verlenging in enumerate(casus.verlengingen):
        name = f"verlengingen.{index}"
        opgeslagen = index < besloten
        besluit = _decision_problems(
            name, verlenging, casus, maximum, vorige_ingang, beleid
        ) + _situation_problems(name, verlenging, casus, maximum)
        months_valid = 1 <= verlenging.maanden <= beleid.verlenging_maximum_maanden
        einddatum = plus_months(maximum, verlenging.maanden)
        if einddatum is None and (months_valid or opgeslagen):
            besluit.append(out_of_range(f"{name}.maanden"))
        vervallen = _lapse(verlenging, casus, maximum)
        if not opgeslagen:
            problems.extend(besluit)
            if einddatum is None or not months_valid:
                continue  # A new extension of impossible length moves no date.
            redenen = vervallen
        else:
            redenen = tuple(Vervalreden(p.code, p.reason) for p in besluit) + vervallen
            einddatum = einddatum or maximum
        judged.append(
            ToegepasteVerlenging(
                besluitdatum=verlenging.besluitdatum,
                maanden=verlenging.maanden,
                reden=verlenging.reden,
                ingangsdatum=maximum,
                einddatum=einddatum,
                vervalredenen=redenen,
            )
        )
        if not redenen:
            vorige_ingang, maximum = maximum, einddatum
    return tuple(judged)


def earliest_decision(maximum: date, beleid: Bewaarbeleid) -> date:
    """The first day on which an extension of `maximum` may be decided."""
    return _earliest(maximum, beleid.besluitvenster_maanden)


@lru_cache(maxsize=4096)
def _earliest(maximum: date, maanden: int) -> date:
    """See `earliest_decision`; maxima repeat, so the results are cached.

    "At most N months before the maximum" is read forward from the decision: the decision
    date plus N months reaches the maximum. Where the month arithmetic clamps (31 May minus
    three months is 28 February, and 28 February plus three months only 28 May), the day
    after is the first that qualifies; the later date is the safe one.
    """
    try:
        kandidaat = add_months(maximum, -maanden)
    except DateOutOfRange:
        return date.min
    if add_months(kandidaat, maanden) >= maximum:
        return kandidaat
    return kandidaat + _ONE_DAY


def _decision_problems(
    name: str,
    verlenging: Verlenging,
    casus: Casusdata,
    maximum: date,
    vorige_ingang: date | None,
    beleid: Bewaarbeleid,
) -> list[InvalidParam]:
    """Length and timing: 1..ceiling months, decided within the window of its maximum.

    The factsheet repeats an extension when "na deze twee jaar" a situation still applies,
    so a further extension is decided while the previous one runs, not before it started.
    """
    problems: list[InvalidParam] = []
    plafond = beleid.verlenging_maximum_maanden
    if not 1 <= verlenging.maanden <= plafond:
        problems.append(
            InvalidParam(
                f"{name}.maanden",
                "verlenging-maanden-buiten-bereik",
                f"Een verlenging is 1 tot en met {plafond} maanden (art. 1.16 BGS).",
            )
        )
    besluitdatum = verlenging.besluitdatum
    veld = f"{name}.besluitdatum"
    if besluitdatum < casus.aanmelddatum:
        problems.append(
            InvalidParam(
                veld,
                "besluitdatum-voor-aanmelddatum",
                "Een verlenging kan niet voor de aanmelding worden besloten.",
            )
        )
    elif besluitdatum > maximum:
        problems.append(
            InvalidParam(
                veld,
                "verlenging-na-maximum",
                "Een verlenging moet uiterlijk op de maximale bewaardatum die zij verlengt "
                f"({format_datum(maximum)}) worden besloten (art. 1.16 BGS).",
            )
        )
    elif vorige_ingang is not None and besluitdatum <= vorige_ingang:
        problems.append(
            InvalidParam(
                veld,
                "verlenging-voor-ingang-vorige",
                "Een volgende verlenging wordt besloten nadat de vorige is ingegaan "
                f"({format_datum(vorige_ingang)}).",
            )
        )
    elif besluitdatum < (vroegste := earliest_decision(maximum, beleid)):
        problems.append(
            InvalidParam(
                veld,
                "verlenging-te-vroeg",
                "Een verlenging wordt besloten als de situatie bij de maximale bewaardatum "
                f"({format_datum(maximum)}) te beoordelen is: op zijn vroegst "
                f"{maanden_tekst(beleid.besluitvenster_maanden)} ervoor, vanaf "
                f"{format_datum(vroegste)} (art. 1.16 BGS, factsheet Bewaartermijnen).",
            )
        )
    return problems


def _reopened_since(casus: Casusdata, besluitdatum: date) -> bool:
    return any(heropening >= besluitdatum for heropening in casus.heropeningen)


def _situation_problems(
    name: str, verlenging: Verlenging, casus: Casusdata, maximum: date
) -> list[InvalidParam]:
    """Whether the situation could be invoked on the decision date, given the case's dates."""
    reden = _situation_problem(verlenging, casus, maximum)
    return (
        []
        if reden is None
        else [InvalidParam(f"{name}.reden", SITUATIE_NIET_VAN_TOEPASSING, reden)]
    )


def _situation_problem(verlenging: Verlenging, casus: Casusdata, maximum: date) -> str | None:
    if casus.afwijzingsdatum is not None:
        return "Een afgewezen aanmelding geldt als direct afgesloten en kan niet worden verlengd."
    afsluitdatum = casus.afsluitdatum
    besluitdatum = verlenging.besluitdatum
    if verlenging.reden is Verlengingsreden.CRITERIA_NOG_VAN_TOEPASSING:
        # Closed on the decision day itself: taken as closed after the decision (it lapses).
        if afsluitdatum is not None and afsluitdatum < besluitdatum:
            return (
                "Situatie 1 (criteria-nog-van-toepassing) vraagt een casus die open is omdat de "
                "criteria van art. 2.20 BGS nog gelden; deze was voor de besluitdatum "
                f"({format_datum(besluitdatum)}) al afgesloten, op {format_datum(afsluitdatum)}."
            )
        return None
    if _reopened_since(casus, besluitdatum):
        # Closed when decided and reopened since: the relapse the extension foresaw. The
        # closure it rested on was undone; its situation was judged when it was decided.
        return None
    drempel = maanden_tekst(TERUGVAL_DREMPEL_MAANDEN)
    if afsluitdatum is None or afsluitdatum > besluitdatum:
        return (
            "Situatie 2 (terugvalrisico) vraagt een casus die bij het besluit is afgesloten, "
            f"minder dan {drempel} voor de maximale bewaardatum ({format_datum(maximum)}); "
            f"deze was op de besluitdatum ({format_datum(besluitdatum)}) nog open."
        )
    if not closed_shortly_before(afsluitdatum, maximum):
        return (
            f"Situatie 2 (terugvalrisico) vraagt een casus die minder dan {drempel} voor de "
            f"maximale bewaardatum ({format_datum(maximum)}) is afgesloten; deze is op "
            f"{format_datum(afsluitdatum)} afgesloten."
        )
    return None


def _lapse(verlenging: Verlenging, casus: Casusdata, maximum: date) -> tuple[Vervalreden, ...]:
    """Situation 1 decided while open lapses when the case closes on or before its maximum."""
    afsluitdatum = casus.afsluitdatum
    if (
        verlenging.reden is not Verlengingsreden.CRITERIA_NOG_VAN_TOEPASSING
        or afsluitdatum is None
        or casus.afwijzingsdatum is not None
        or not verlenging.besluitdatum <= afsluitdatum <= maximum
    ):
        return ()
    return (
        Vervalreden(
            VERVALLEN_AFGESLOTEN,
            f"De casus is op {format_datum(afsluitdatum)} afgesloten, niet na de maximale "
            f"bewaardatum ({format_datum(maximum)}) die deze verlenging verlengt: situatie 1 "
            "(na vijf jaar nog niet afgesloten) doet zich niet voor en de verlenging is "
            "vervallen. De casus volgt de gewone regel; bij een groot risico op terugval kan "
            "tot verlenging in situatie 2 worden besloten.",
        ),
    )


def closed_shortly_before(afsluitdatum: date, maximum: date) -> bool:
    """Closed on or before the maximum, less than the factsheet's fixed year before it."""
    einde = plus_months(afsluitdatum, TERUGVAL_DREMPEL_MAANDEN)
    return afsluitdatum <= maximum and (einde is None or einde > maximum)


def plus_months(start: date, months: int) -> date | None:
    """`start` plus `months`, or None when that lies beyond the calendar (after any maximum)."""
    try:
        return add_months(start, months)
    except DateOutOfRange:
        return None


def further_extension(
    casus: Casusdata,
    maximum: date,
    laatste_ingang: date | None,
    peildatum: date,
    beleid: Bewaarbeleid,
) -> VerdereVerlenging:
    """Whether on `peildatum` one more extension may be decided, and in which situation."""
    if casus.afwijzingsdatum is not None:
        return _not_possible("Een afgewezen aanmelding kan niet worden verlengd.")
    afsluitdatum = casus.afsluitdatum
    if afsluitdatum is None or afsluitdatum > maximum:
        situatie = Verlengingsreden.CRITERIA_NOG_VAN_TOEPASSING
        voorwaarde = (
            "als de casus dan nog open is omdat de criteria van art. 2.20 BGS nog gelden "
            "(situatie 1)"
        )
    elif closed_shortly_before(afsluitdatum, maximum):
        situatie = Verlengingsreden.TERUGVALRISICO
        voorwaarde = "als er een groot risico op terugval is (situatie 2)"
    else:
        return _not_possible(
            f"De casus is {maanden_tekst(TERUGVAL_DREMPEL_MAANDEN)} of langer voor de "
            "maximale bewaardatum afgesloten; geen van de situaties van art. 1.16 BGS geldt."
        )
    if peildatum > maximum:
        return _not_possible(
            f"De maximale bewaardatum ({format_datum(maximum)}) is verstreken; een verlenging "
            "moet uiterlijk op die datum worden besloten."
        )
    vroegste = max(earliest_decision(maximum, beleid), casus.aanmelddatum)
    if laatste_ingang is not None:
        vroegste = max(vroegste, laatste_ingang + _ONE_DAY)
    if situatie is Verlengingsreden.TERUGVALRISICO:
        assert afsluitdatum is not None
        vroegste = max(vroegste, afsluitdatum)  # decided once the case is closed
    plafond = beleid.verlenging_maximum_maanden
    tekst = (
        f"Verlenging met ten hoogste {maanden_tekst(plafond)} kan worden besloten van "
        f"{format_datum(vroegste)} tot en met {format_datum(maximum)} (op zijn vroegst "
        f"{maanden_tekst(beleid.besluitvenster_maanden)} voor de maximale bewaardatum), "
        f"{voorwaarde}; gegevens van een bron worden alleen met haar instemming langer "
        "bewaard (art. 1.16 BGS)."
    )
    return VerdereVerlenging(
        mogelijk=vroegste <= peildatum,
        situatie=situatie,
        vroegste_besluitdatum=vroegste,
        uiterlijke_besluitdatum=maximum,
        maximale_maanden=plafond,
        toelichting=tekst,
    )


def _not_possible(reden: str) -> VerdereVerlenging:
    return VerdereVerlenging(
        mogelijk=False,
        situatie=None,
        vroegste_besluitdatum=None,
        uiterlijke_besluitdatum=None,
        maximale_maanden=None,
        toelichting=reden,
    )


def out_of_range(name: str) -> InvalidParam:
    return InvalidParam(
        name, "datum-buiten-bereik", "De berekende datum valt buiten de ondersteunde kalender."
    )
