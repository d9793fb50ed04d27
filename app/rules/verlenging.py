"""Extensions of the maximum retention date (art. 1.16 BGS, factsheet "Verlenging bewaartermijn").

Two situations allow an extension of at most two years, repeatable: (1) at the maximum the
case is still open because the criteria of art. 2.20 BGS still apply; (2) the case closed
less than one year before the maximum with a high risk of relapse. An extension takes
effect at the current maximum and is decided on or before it.
"""

from datetime import date, timedelta

from app.domain.errors import InvalidParam
from app.rules.bewaartermijn_toelichting import maanden_tekst
from app.rules.bewaartermijn_typen import (
    Bewaarbeleid,
    Casusdata,
    ToegepasteVerlenging,
    VerdereVerlenging,
    Verlengingsreden,
)
from app.rules.kalender import DateOutOfRange, add_months, format_datum

_ONE_DAY = timedelta(days=1)


def apply_extensions(
    casus: Casusdata,
    basis: date,
    beleid: Bewaarbeleid,
    problems: list[InvalidParam],
    *,
    besloten: int = 0,
) -> tuple[ToegepasteVerlenging, ...]:
    """Apply the extensions in order: each starts at the current maximum (art. 1.16 BGS).

    The situation of the first `besloten` extensions was judged when they were decided.
    """
    applied: list[ToegepasteVerlenging] = []
    maximum = basis
    for index, verlenging in enumerate(casus.verlengingen):
        name = f"verlengingen.{index}"
        plafond = beleid.verlenging_maximum_maanden
        months_valid = 1 <= verlenging.maanden <= plafond
        if not months_valid:
            problems.append(
                InvalidParam(
                    f"{name}.maanden",
                    "verlenging-maanden-buiten-bereik",
                    f"Een verlenging is 1 tot en met {plafond} maanden (art. 1.16 BGS).",
                )
            )
        besluit_problem = _decision_problem(
            verlenging.besluitdatum, casus.aanmelddatum, maximum, applied
        )
        if besluit_problem is not None:
            problems.append(InvalidParam(f"{name}.besluitdatum", *besluit_problem))
        situation_problem = (
            None
            if index < besloten
            else _situation_problem(verlenging.reden, casus, maximum, beleid)
        )
        if situation_problem is not None:
            problems.append(
                InvalidParam(
                    f"{name}.reden", "verlenging-situatie-niet-van-toepassing", situation_problem
                )
            )
        if not months_valid:
            continue  # An extension of impossible length moves no date.
        try:
            einddatum = add_months(maximum, verlenging.maanden)
        except DateOutOfRange:
            problems.append(out_of_range(f"{name}.maanden"))
            continue
        applied.append(
            ToegepasteVerlenging(
                besluitdatum=verlenging.besluitdatum,
                maanden=verlenging.maanden,
                reden=verlenging.reden,
                ingangsdatum=maximum,
                einddatum=einddatum,
            )
        )
        maximum = einddatum
    return tuple(applied)


def _decision_problem(
    besluitdatum: date,
    aanmelddatum: date,
    maximum: date,
    applied: list[ToegepasteVerlenging],
) -> tuple[str, str] | None:
    """An extension is decided on or before the maximum it extends, after the previous one began.

    The factsheet repeats an extension when "na deze twee jaar" a situation still applies,
    so a further extension is decided while the previous one runs, not before it started.
    """
    if besluitdatum < aanmelddatum:
        return (
            "besluitdatum-voor-aanmelddatum",
            "Een verlenging kan niet voor de aanmelding worden besloten.",
        )
    if besluitdatum > maximum:
        return (
            "verlenging-na-maximum",
            "Een verlenging moet uiterlijk op de maximale bewaardatum die zij verlengt "
            f"({format_datum(maximum)}) worden besloten (art. 1.16 BGS).",
        )
    if applied and besluitdatum <= applied[-1].ingangsdatum:
        return (
            "verlenging-voor-ingang-vorige",
            "Een volgende verlenging wordt besloten nadat de vorige is ingegaan "
            f"({format_datum(applied[-1].ingangsdatum)}).",
        )
    return None


def _situation_problem(
    reden: Verlengingsreden, casus: Casusdata, maximum: date, beleid: Bewaarbeleid
) -> str | None:
    """Why the situation named by `reden` does not apply at `maximum`, or None if it does."""
    if casus.afwijzingsdatum is not None:
        return "Een afgewezen aanmelding geldt als direct afgesloten en kan niet worden verlengd."
    afsluitdatum = casus.afsluitdatum
    if reden is Verlengingsreden.CRITERIA_NOG_VAN_TOEPASSING:
        if afsluitdatum is not None and afsluitdatum <= maximum:
            return (
                "Situatie 1 (criteria-nog-van-toepassing) vraagt een casus die op de maximale "
                f"bewaardatum ({format_datum(maximum)}) nog open is; deze is op "
                f"{format_datum(afsluitdatum)} afgesloten."
            )
        return None
    if afsluitdatum is None or afsluitdatum > maximum:
        return (
            "Situatie 2 (terugvalrisico) vraagt een casus die minder dan "
            f"{maanden_tekst(beleid.na_afsluiting_maanden)} voor de maximale bewaardatum "
            f"({format_datum(maximum)}) is afgesloten; deze is op die datum nog open."
        )
    if not _closed_shortly_before(afsluitdatum, maximum, beleid):
        return (
            "Situatie 2 (terugvalrisico) vraagt een casus die minder dan "
            f"{maanden_tekst(beleid.na_afsluiting_maanden)} voor de maximale bewaardatum "
            f"({format_datum(maximum)}) is afgesloten; deze is op "
            f"{format_datum(afsluitdatum)} afgesloten."
        )
    return None


def _closed_shortly_before(afsluitdatum: date, maximum: date, beleid: Bewaarbeleid) -> bool:
    """Closed on or before the maximum, but so late that the period after closure is cut."""
    einde = plus_months(afsluitdatum, beleid.na_afsluiting_maanden)
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
    elif _closed_shortly_before(afsluitdatum, maximum, beleid):
        situatie = Verlengingsreden.TERUGVALRISICO
        voorwaarde = "als er een groot risico op terugval is (situatie 2)"
    else:
        return _not_possible(
            f"De casus is {maanden_tekst(beleid.na_afsluiting_maanden)} of langer voor de "
            "maximale bewaardatum afgesloten; geen van de situaties van art. 1.16 BGS geldt."
        )
    if peildatum > maximum:
        return _not_possible(
            f"De maximale bewaardatum ({format_datum(maximum)}) is verstreken; een verlenging "
            "moet uiterlijk op die datum worden besloten."
        )
    vroegste = casus.aanmelddatum if laatste_ingang is None else laatste_ingang + _ONE_DAY
    plafond = beleid.verlenging_maximum_maanden
    tekst = (
        f"Verlenging met ten hoogste {maanden_tekst(plafond)} kan worden besloten van "
        f"{format_datum(vroegste)} tot en met {format_datum(maximum)}, {voorwaarde}; "
        "gegevens van een bron worden alleen met haar instemming langer bewaard (art. 1.16 BGS)."
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
