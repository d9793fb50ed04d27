"""The explanation of a retention calculation: the articles applied and a Dutch text.

Written for a privacy officer: which date follows from which rule, in plain sentences.
"""

from datetime import date

from app.rules.bewaartermijn_typen import (
    Bewaarbeleid,
    BronBewaartermijn,
    BronGrens,
    Casusdata,
    Inzagetermijn,
    Status,
    ToegepasteVerlenging,
    Verlengingsreden,
)
from app.rules.kalender import format_datum

WGS_MAXIMUM = "art. 1.8 lid 7 WGS"
BGS_VERWIJDEREN = "art. 1.16 lid 1 BGS"
BGS_VERLENGING = "art. 1.16 BGS"
FACTSHEET = "Factsheet Bewaartermijnen (bijlage 6 Bestuurlijke afspraken)"
ANDERE_WET = "Bewaartermijn uit een andere wet (zoals Wvggz of Wzd)"

_SITUATIE = {
    Verlengingsreden.CRITERIA_NOG_VAN_TOEPASSING: "situatie 1, criteria van art. 2.20 BGS nog van toepassing",
    Verlengingsreden.TERUGVALRISICO: "situatie 2, groot risico op terugval",
}


def maanden_tekst(maanden: int) -> str:
    return "1 maand" if maanden == 1 else f"{maanden} maanden"


def _duur(termijn: Inzagetermijn) -> str:
    if termijn.dagen == 0:
        return maanden_tekst(termijn.maanden)
    dagen = "1 dag" if termijn.dagen == 1 else f"{termijn.dagen} dagen"
    return dagen if termijn.maanden == 0 else f"{maanden_tekst(termijn.maanden)} en {dagen}"


def grondslag_for(
    status: Status,
    verlengingen: tuple[ToegepasteVerlenging, ...],
    bronnen: tuple[BronBewaartermijn, ...],
) -> tuple[str, ...]:
    """The articles and agreements the calculation applied, in the order they were applied."""
    grondslag = [WGS_MAXIMUM]
    if status is Status.AFGEWEZEN:
        grondslag.append(BGS_VERWIJDEREN)
    # A lapsed extension was judged under art. 1.16 BGS too: its lapse is part of the account.
    if verlengingen:
        grondslag.append(BGS_VERLENGING)
    if status is not Status.OPEN or verlengingen:
        grondslag.append(FACTSHEET)
    if any(b.begrensd_door is BronGrens.WETTELIJKE_BEWAARDATUM for b in bronnen):
        grondslag.append(ANDERE_WET)
    return tuple(grondslag)


def explain(
    casus: Casusdata,
    status: Status,
    basis: date,
    archiefdatum: date,
    inzagetermijn: Inzagetermijn | None,
    verlengingen: tuple[ToegepasteVerlenging, ...],
    bronnen: tuple[BronBewaartermijn, ...],
    peildatum: date,
    verlopen: bool,
    beleid: Bewaarbeleid,
) -> str:
    """A short Dutch account of how each date was reached."""
    zinnen = [
        f"De bewaartermijn begint bij de aanmelding op {format_datum(casus.aanmelddatum)} en "
        f"eindigt uiterlijk {beleid.maximum_jaren} jaar later, op {format_datum(basis)} "
        "(art. 1.8 lid 7 WGS)."
    ]
    for verlenging in verlengingen:
        if verlenging.vervallen:
            zinnen.append(
                f"De verlenging met {maanden_tekst(verlenging.maanden)}, besloten op "
                f"{format_datum(verlenging.besluitdatum)} ({_SITUATIE[verlenging.reden]}), is "
                "vervallen en verschuift geen datum: "
                + " ".join(r.toelichting for r in verlenging.vervalredenen)
            )
            continue
        zinnen.append(
            f"Verlengd met {maanden_tekst(verlenging.maanden)} van "
            f"{format_datum(verlenging.ingangsdatum)} tot {format_datum(verlenging.einddatum)} "
            f"({_SITUATIE[verlenging.reden]}; art. 1.16 BGS)."
        )
    zinnen.append(_status_zin(casus, status, archiefdatum, inzagetermijn, beleid))
    if verlopen:
        zinnen.append(
            f"Op de peildatum {format_datum(peildatum)} is de archiefdatum verstreken: de "
            "gegevens gaan naar het archief en worden daarna geanonimiseerd."
        )
    else:
        zinnen.append(
            f"Op de peildatum {format_datum(peildatum)} is de archiefdatum niet verstreken."
        )
    eerder = sum(1 for b in bronnen if b.begrensd_door is not BronGrens.CASUS)
    if eerder:
        zinnen.append(
            f"{eerder} van de {len(bronnen)} bronnen heeft een eerdere archiefdatum, door een "
            "bewaartermijn uit een andere wet of omdat de bron niet met verlenging instemde."
        )
    return " ".join(zinnen)


def _status_zin(
    casus: Casusdata,
    status: Status,
    archiefdatum: date,
    inzagetermijn: Inzagetermijn | None,
    beleid: Bewaarbeleid,
) -> str:
    archief = format_datum(archiefdatum)
    if status is Status.OPEN:
        return f"De casus is open: de archiefdatum is de maximale bewaardatum, {archief}."
    if status is Status.AFGEWEZEN:
        return (
            "De aanmelding is afgewezen en geldt als een direct afgesloten casus: de gegevens "
            f"worden {maanden_tekst(beleid.na_afwijzing_maanden)} na de aanmelding, op "
            f"{archief}, gearchiveerd en geanonimiseerd (art. 1.16 lid 1 BGS, factsheet)."
        )
    assert casus.afsluitdatum is not None
    assert inzagetermijn is not None
    afsluiting = format_datum(casus.afsluitdatum)
    periode = maanden_tekst(beleid.na_afsluiting_maanden)
    if not inzagetermijn.ingekort:
        return (
            f"De casus is afgesloten op {afsluiting} en blijft {periode} beschikbaar voor "
            f"inzage en heropening, tot de archiefdatum {archief} (factsheet)."
        )
    if casus.afsluitdatum >= archiefdatum:
        return (
            f"De casus is afgesloten op {afsluiting}, op of na de maximale bewaardatum: er "
            f"blijft geen inzagetermijn over en de archiefdatum is {archief}."
        )
    return (
        f"De casus is afgesloten op {afsluiting}, minder dan {periode} voor de maximale "
        f"bewaardatum: de inzagetermijn is ingekort tot {_duur(inzagetermijn)}, tot de "
        f"archiefdatum {archief} (factsheet)."
    )
