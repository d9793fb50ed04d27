"""Small builders for the retention rule tests: dates as ISO strings, reasons by situation."""

from datetime import date

from app.rules.bewaartermijn import calculate_bewaartermijn
from app.rules.bewaartermijn_typen import (
    Bewaarbeleid,
    Bewaartermijn,
    Bron,
    Casusdata,
    Verlenging,
    Verlengingsreden,
)

S1 = Verlengingsreden.CRITERIA_NOG_VAN_TOEPASSING
S2 = Verlengingsreden.TERUGVALRISICO
PEILDATUM = date(2026, 1, 1)


def d(value: str | None) -> date | None:
    return date.fromisoformat(value) if value is not None else None


def dd(value: str) -> date:
    return date.fromisoformat(value)


def verlenging(besluitdatum: str, maanden: int = 24, reden: Verlengingsreden = S1) -> Verlenging:
    return Verlenging(besluitdatum=dd(besluitdatum), maanden=maanden, reden=reden)


def bron(
    id: str = "b1",
    *,
    instemming: bool = False,
    wettelijk: str | None = None,
    deelnemer: str = "om",
) -> Bron:
    return Bron(
        id=id,
        deelnemer=deelnemer,
        instemming_verlenging=instemming,
        wettelijke_uiterlijke_bewaardatum=d(wettelijk),
    )


def casus(
    aanmelddatum: str,
    afsluitdatum: str | None = None,
    afwijzingsdatum: str | None = None,
    verlengingen: tuple[Verlenging, ...] = (),
    bronnen: tuple[Bron, ...] = (),
) -> Casusdata:
    return Casusdata(
        aanmelddatum=dd(aanmelddatum),
        afsluitdatum=d(afsluitdatum),
        afwijzingsdatum=d(afwijzingsdatum),
        verlengingen=verlengingen,
        bronnen=bronnen,
    )


def calculate(
    data: Casusdata, peildatum: date = PEILDATUM, beleid: Bewaarbeleid | None = None
) -> Bewaartermijn:
    if beleid is None:
        return calculate_bewaartermijn(data, peildatum)
    return calculate_bewaartermijn(data, peildatum, beleid)
