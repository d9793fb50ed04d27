"""Retention of a case's data: art. 1.8 lid 7 WGS, art. 1.16 BGS, factsheet Bewaartermijnen.

The term starts at the registration (the first processing) and ends at the latest
`maximum_jaren` later (art. 1.8 lid 7 WGS). Nationally a case is kept until one year after
its closure, never past that maximum; a rejected registration counts as a case closed at
once and goes one year after its registration (art. 1.16 lid 1 BGS, factsheet). The
government participants may extend the maximum by at most two years at a time, repeatedly,
in two situations (art. 1.16 BGS, factsheet "Verlenging bewaartermijn"): (1) the case is
still open at the maximum because the criteria of art. 2.20 BGS still apply; (2) it closed
less than one year before the maximum with a high risk of relapse. An extension takes
effect at the current maximum and must be decided on or before it, within the decision
window before it (app/rules/verlenging.py). A supplier's data is kept longer only with its
consent, and never past a limit set by another law (Wvggz, Wzd).

A reopening ("Als het echt nodig is, kan alleen de beheerder van het systeem de casus
opnieuw openen") makes a closed case open again; it never happens once the maximum has
passed. It does not move an extension's start: see docs/notes/issue-11-timing.md.
"""

from datetime import date

from app.domain.errors import InvalidInput, InvalidParam
from app.rules.bewaartermijn_toelichting import explain, grondslag_for
from app.rules.bewaartermijn_typen import (
    Bewaarbeleid,
    Bewaartermijn,
    Bron,
    BronBewaartermijn,
    BronGrens,
    Casusdata,
    Inzagetermijn,
    Status,
    ToegepasteVerlenging,
)
from app.rules.kalender import DateOutOfRange, add_months, add_years, format_datum, months_and_days
from app.rules.verlenging import apply_extensions, further_extension, out_of_range, plus_months

STANDAARD_BELEID = Bewaarbeleid()


def calculate_bewaartermijn(
    casus: Casusdata,
    peildatum: date,
    beleid: Bewaarbeleid = STANDAARD_BELEID,
    *,
    besloten: int = 0,
    opgeslagen: bool = False,
) -> Bewaartermijn:
    """Every retention date of one case on `peildatum`, with the articles applied.

    `besloten`: the first so many extensions are stored decisions, judged again on every
    calculation; one that no longer holds lapses (shown with its reasons), it is never
    refused. `opgeslagen`: the case's history (its reopenings) is what was recorded, not
    input to check. Raises InvalidInput listing every problem found.
    """
    problems = _check_case_dates(casus)
    try:
        basis = add_years(casus.aanmelddatum, beleid.maximum_jaren)
    except DateOutOfRange:
        problems.append(out_of_range("aanmelddatum"))
        raise InvalidInput(problems) from None
    verlengingen = apply_extensions(casus, basis, beleid, problems, besloten=besloten)
    geldig = [v for v in verlengingen if not v.vervallen] if verlengingen else verlengingen
    maximum = geldig[-1].einddatum if geldig else basis
    if casus.heropeningen and not opgeslagen:
        problems.extend(_check_heropeningen(casus, maximum))
    _check_bronnen(casus.bronnen, problems)
    if problems:
        raise InvalidInput(problems)

    status, archiefdatum, inzagetermijn = _archive(casus, maximum, beleid)
    bronnen = tuple(
        _bron(bron, archiefdatum, _consented_maximum(bron, basis, maximum, verlengingen), peildatum)
        for bron in casus.bronnen
    )
    laatste_ingang = geldig[-1].ingangsdatum if geldig else None
    verdere = further_extension(casus, maximum, laatste_ingang, peildatum, beleid)
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


def _check_heropeningen(casus: Casusdata, maximum: date) -> list[InvalidParam]:
    """A reopening follows the registration, precedes the closure in force, never follows
    the maximum, and a rejected registration is never reopened."""
    problems: list[InvalidParam] = []
    for index, heropening in enumerate(casus.heropeningen):
        name = f"heropeningen.{index}"
        if casus.afwijzingsdatum is not None:
            problems.append(
                InvalidParam(
                    name,
                    "heropening-afgewezen-aanmelding",
                    "Een afgewezen aanmelding wordt niet heropend; een nieuwe aanmelding begint "
                    "een nieuwe casus.",
                )
            )
        elif heropening < casus.aanmelddatum:
            problems.append(
                InvalidParam(
                    name,
                    "heropening-voor-aanmelddatum",
                    f"De heropening ligt voor de aanmelddatum ({format_datum(casus.aanmelddatum)}).",
                )
            )
        elif casus.afsluitdatum is not None and heropening > casus.afsluitdatum:
            problems.append(
                InvalidParam(
                    name,
                    "heropening-na-afsluitdatum",
                    "De afsluitdatum is die van de laatste afsluiting: een heropening ligt "
                    f"daarvoor ({format_datum(casus.afsluitdatum)}).",
                )
            )
        elif heropening > maximum:
            problems.append(
                InvalidParam(
                    name,
                    "heropening-na-maximum",
                    "Een casus wordt niet meer heropend als de maximale bewaardatum "
                    f"({format_datum(maximum)}) is verstreken (art. 1.8 lid 7 WGS).",
                )
            )
    return problems


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
    einde = plus_months(afsluitdatum, beleid.na_afsluiting_maanden)
    if einde is not None and einde <= maximum:
        return Status.AFGESLOTEN, einde, _period(afsluitdatum, einde, ingekort=False)
    return Status.AFGESLOTEN, maximum, _period(afsluitdatum, maximum, ingekort=True)


def _period(vanaf: date, tot: date, *, ingekort: bool) -> Inzagetermijn:
    maanden, dagen = months_and_days(vanaf, tot)
    return Inzagetermijn(vanaf=vanaf, tot=tot, maanden=maanden, dagen=dagen, ingekort=ingekort)


def _consented_maximum(
    bron: Bron, basis: date, maximum: date, verlengingen: tuple[ToegepasteVerlenging, ...]
) -> date:
    """The maximum for a source's data: extended only by the extensions in force it
    consented to, in order. Consent to a later extension cannot bridge a refused earlier
    one; a lapsed extension extends nothing, so its answer does not matter."""
    if bron.instemmingen is None:  # one answer for all extensions
        return maximum if bron.instemming_verlenging else basis
    # Without problems every extension is judged, so positions match the input's.
    maximum = basis
    for position, verlenging in enumerate(verlengingen):
        if verlenging.vervallen:
            continue
        if not bron.consents(position):
            break
        maximum = verlenging.einddatum
    return maximum


def _bron(
    bron: Bron, archiefdatum: date, ingestemd_maximum: date, peildatum: date
) -> BronBewaartermijn:
    """A source's archive date: the case's, capped by its statutory limit and by the
    maximum its supplier consented to (art. 1.16 BGS; factsheet: Wvggz, Wzd)."""
    datum, grens = archiefdatum, BronGrens.CASUS
    wettelijk = bron.wettelijke_uiterlijke_bewaardatum
    if wettelijk is not None and wettelijk < datum:
        datum, grens = wettelijk, BronGrens.WETTELIJKE_BEWAARDATUM
    if ingestemd_maximum < datum:
        datum, grens = ingestemd_maximum, BronGrens.GEEN_INSTEMMING
    return BronBewaartermijn(
        id=bron.id,
        deelnemer=bron.deelnemer,
        archiefdatum=datum,
        verlopen=peildatum > datum,
        begrensd_door=grens,
    )
