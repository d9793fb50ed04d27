"""Retention of a case's data: art. 1.8 lid 7 WGS, art. 1.16 BGS, factsheet Bewaartermijnen.

The term starts at the registration (the first processing) and ends at the latest
`maximum_jaren` later (art. 1.8 lid 7 WGS). Nationally a case is kept until one year after
its closure, never past that maximum; a rejected registration counts as a case closed at
once and goes one year after its registration (art. 1.16 lid 1 BGS, factsheet). The
government participants may extend the maximum by at most two years at a time, repeatedly,
in two situations (art. 1.16 BGS, factsheet "Verlenging bewaartermijn"): (1) the case is
still open at the maximum because the criteria of art. 2.20 BGS still apply; (2) it closed
less than one year before the maximum with a high risk of relapse. An extension takes
effect at the current maximum and must be decided on or before it. A supplier's data is
kept longer only with its consent, and never past a limit set by another law (Wvggz, Wzd).
"""

from datetime import date, timedelta

from app.domain.errors import InvalidInput, InvalidParam
from app.rules.bewaartermijn_toelichting import explain, grondslag_for, maanden_tekst
from app.rules.bewaartermijn_typen import (
    Bewaarbeleid,
    Bewaartermijn,
    Bron,
    BronBewaartermijn,
    BronGrens,
    Casusdata,
    Inzagetermijn,
    Reden,
    Status,
    ToegepasteVerlenging,
    VerdereVerlenging,
)
from app.rules.kalender import DateOutOfRange, add_months, add_years, format_datum, months_and_days

STANDAARD_BELEID = Bewaarbeleid()
_ONE_DAY = timedelta(days=1)


def calculate_bewaartermijn(
    casus: Casusdata, peildatum: date, beleid: Bewaarbeleid = STANDAARD_BELEID
) -> Bewaartermijn:
    """Every retention date of one case on `peildatum`, with the articles applied.

    Raises InvalidInput listing every problem found, each with a stable code.
    """
    problems = _check_case_dates(casus)
    try:
        basis = add_years(casus.aanmelddatum, beleid.maximum_jaren)
    except DateOutOfRange:
        problems.append(_out_of_range("aanmelddatum"))
        raise InvalidInput(problems) from None
    verlengingen = _apply_extensions(casus, basis, beleid, problems)
    _check_bronnen(casus.bronnen, problems)
    if problems:
        raise InvalidInput(problems)

    maximum = verlengingen[-1].einddatum if verlengingen else basis
    status, archiefdatum, inzagetermijn = _archive(casus, maximum, beleid)
    bronnen = tuple(_bron(bron, archiefdatum, basis, peildatum) for bron in casus.bronnen)
    laatste_ingang = verlengingen[-1].ingangsdatum if verlengingen else None
    verdere = _further_extension(casus, maximum, laatste_ingang, peildatum, beleid)
    verlopen = peildatum > archiefdatum
    return Bewaartermijn(
        status=status,
        oorspronkelijke_maximale_bewaardatum=basis,
        maximale_bewaardatum=maximum,
        archiefdatum=archiefdatum,
        peildatum=peildatum,
        verlopen=verlopen,
        inzagetermijn=inzagetermijn,
        verlengingen=verlengingen,
        bronnen=bronnen,
        verdere_verlenging=verdere,
        grondslag=grondslag_for(status, verlengingen, bronnen),
        toelichting=explain(
            casus, status, basis, archiefdatum, inzagetermijn, verlengingen, bronnen,
            peildatum, verlopen, beleid,
        ),
    )  # fmt: skip


def _check_case_dates(casus: Casusdata) -> list[InvalidParam]:
    problems: list[InvalidParam] = []
    if casus.afsluitdatum is not None and casus.afsluitdatum < casus.aanmelddatum:
        problems.append(
            InvalidParam(
                "afsluitdatum",
                "afsluitdatum-voor-aanmelddatum",
                f"De afsluitdatum ligt voor de aanmelddatum ({format_datum(casus.aanmelddatum)}).",
            )
        )
    if casus.afwijzingsdatum is not None and casus.afwijzingsdatum < casus.aanmelddatum:
        problems.append(
            InvalidParam(
                "afwijzingsdatum",
                "afwijzingsdatum-voor-aanmelddatum",
                f"De afwijzingsdatum ligt voor de aanmelddatum ({format_datum(casus.aanmelddatum)}).",
            )
        )
    if casus.afsluitdatum is not None and casus.afwijzingsdatum is not None:
        problems.append(
            InvalidParam(
                "afwijzingsdatum",
                "afgesloten-en-afgewezen",
                "Een casus is afgesloten of afgewezen, niet allebei.",
            )
        )
    return problems


def _apply_extensions(
    casus: Casusdata, basis: date, beleid: Bewaarbeleid, problems: list[InvalidParam]
) -> tuple[ToegepasteVerlenging, ...]:
    """Apply the extensions in order: each starts at the current maximum (art. 1.16 BGS)."""
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
        situation_problem = _situation_problem(verlenging.reden, casus, maximum, beleid)
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
            problems.append(_out_of_range(f"{name}.maanden"))
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
    reden: Reden, casus: Casusdata, maximum: date, beleid: Bewaarbeleid
) -> str | None:
    """Why the situation named by `reden` does not apply at `maximum`, or None if it does."""
    if casus.afwijzingsdatum is not None:
        return "Een afgewezen aanmelding geldt als direct afgesloten en kan niet worden verlengd."
    afsluitdatum = casus.afsluitdatum
    if reden is Reden.CRITERIA_NOG_VAN_TOEPASSING:
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
    einde = _plus_months(afsluitdatum, beleid.na_afsluiting_maanden)
    return afsluitdatum <= maximum and (einde is None or einde > maximum)


def _plus_months(start: date, months: int) -> date | None:
    """`start` plus `months`, or None when that lies beyond the calendar (after any maximum)."""
    try:
        return add_months(start, months)
    except DateOutOfRange:
        return None


def _check_bronnen(bronnen: tuple[Bron, ...], problems: list[InvalidParam]) -> None:
    seen: set[str] = set()
    for index, bron in enumerate(bronnen):
        if bron.id in seen:
            problems.append(
                InvalidParam(
                    f"bronnen.{index}.id", "bron-id-dubbel", f"De bron {bron.id} staat er al in."
                )
            )
        seen.add(bron.id)


def _archive(
    casus: Casusdata, maximum: date, beleid: Bewaarbeleid
) -> tuple[Status, date, Inzagetermijn | None]:
    """The archive date: rejected → registration + period; closed → min(closure + period, max)."""
    if casus.afwijzingsdatum is not None:
        # A rejection counts as a case closed at once (factsheet, art. 1.16 lid 1 BGS).
        archief = min(add_months(casus.aanmelddatum, beleid.na_afwijzing_maanden), maximum)
        return Status.AFGEWEZEN, archief, _period(casus.afwijzingsdatum, archief, ingekort=False)
    afsluitdatum = casus.afsluitdatum
    if afsluitdatum is None:
        return Status.OPEN, maximum, None
    einde = _plus_months(afsluitdatum, beleid.na_afsluiting_maanden)
    if einde is not None and einde <= maximum:
        return Status.AFGESLOTEN, einde, _period(afsluitdatum, einde, ingekort=False)
    return Status.AFGESLOTEN, maximum, _period(afsluitdatum, maximum, ingekort=True)


def _period(vanaf: date, tot: date, *, ingekort: bool) -> Inzagetermijn:
    maanden, dagen = months_and_days(vanaf, tot)
    return Inzagetermijn(vanaf=vanaf, tot=tot, maanden=maanden, dagen=dagen, ingekort=ingekort)


def _bron(bron: Bron, archiefdatum: date, basis: date, peildatum: date) -> BronBewaartermijn:
    """A source's archive date: the case's, capped by its statutory limit and, without
    consent, by the maximum before any extension (art. 1.16 BGS; factsheet: Wvggz, Wzd)."""
    datum, grens = archiefdatum, BronGrens.CASUS
    wettelijk = bron.wettelijke_uiterlijke_bewaardatum
    if wettelijk is not None and wettelijk < datum:
        datum, grens = wettelijk, BronGrens.WETTELIJKE_BEWAARDATUM
    if not bron.instemming_verlenging and basis < datum:
        datum, grens = basis, BronGrens.GEEN_INSTEMMING
    return BronBewaartermijn(
        id=bron.id,
        deelnemer=bron.deelnemer,
        archiefdatum=datum,
        verlopen=peildatum > datum,
        begrensd_door=grens,
    )


def _further_extension(
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
        situatie = Reden.CRITERIA_NOG_VAN_TOEPASSING
        voorwaarde = (
            "als de casus dan nog open is omdat de criteria van art. 2.20 BGS nog gelden "
            "(situatie 1)"
        )
    elif _closed_shortly_before(afsluitdatum, maximum, beleid):
        situatie = Reden.TERUGVALRISICO
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


def _out_of_range(name: str) -> InvalidParam:
    return InvalidParam(
        name, "datum-buiten-bereik", "De berekende datum valt buiten de ondersteunde kalender."
    )
