"""The criteria of a priority list in plain Dutch, for their publication (art. 2.22 BGS).

Art. 2.22 BGS requires the objective criteria to be published on the internet so that
data subjects can foresee when the partnership may process their data for such a list
(factsheet Werkprocessen, step 2). The machine-readable EXPR is published as well; this
sentence is generated from the same typed nodes, so the two cannot drift apart.
"""

from app.domain.prioritering import Alle, Expressie, Soort, Telling

# (singular, plural) of each kind, as counted.
_NAMEN: dict[Soort, tuple[str, str]] = {
    Soort.VEROORDELING: ("veroordeling", "veroordelingen"),
    Soort.POLITIEREGISTRATIE: ("registratie als verdachte", "registraties als verdachte"),
    Soort.AANHOUDING: ("aanhouding", "aanhoudingen"),
    Soort.OVERLASTMELDING: ("overlastmelding", "overlastmeldingen"),
    Soort.DETENTIE: ("periode van detentie", "periodes van detentie"),
    Soort.RECLASSERINGSTOEZICHT: (
        "periode van reclasseringstoezicht",
        "periodes van reclasseringstoezicht",
    ),
}


def _opsomming(delen: list[str], voegwoord: str) -> str:
    if len(delen) == 1:
        return delen[0]
    return f"{', '.join(delen[:-1])} {voegwoord} {delen[-1]}"


def _periode(maanden: int) -> str:
    if maanden % 12 == 0:
        jaren = maanden // 12
        return "het laatste jaar" if jaren == 1 else f"de laatste {jaren} jaar"
    return "de laatste maand" if maanden == 1 else f"de laatste {maanden} maanden"


def describe_telling(telling: Telling) -> str:
    enkelvoud, meervoud = _NAMEN[telling.soort]
    naam = enkelvoud if telling.minimaal == 1 else meervoud
    tekst = f"minstens {telling.minimaal} {naam}"
    if telling.categorieen:
        soorten = [c.replace("-", " ") for c in telling.categorieen]
        tekst += f" in de categorie {_opsomming(soorten, 'of')}"
    return f"{tekst} in {_periode(telling.periode_maanden)} tot en met de peildatum"


def describe(expressie: Expressie, *, genest: bool = False) -> str:
    """One node as a Dutch phrase; nested combinations are put between brackets."""
    if isinstance(expressie, Telling):
        return describe_telling(expressie)
    delen = [describe(deel, genest=True) for deel in expressie.delen]
    if len(delen) == 1:
        return delen[0]
    if isinstance(expressie, Alle):
        tekst = f"{_opsomming(delen, 'en')}"
    else:
        tekst = f"{_opsomming(delen, 'of')}"
    return f"({tekst})" if genest else tekst


def describe_criteria(expressie: Expressie) -> str:
    """The whole criterion as one sentence."""
    return (
        "Een casus komt in aanmerking voor deze lijst als op de peildatum bij de betrokkene "
        f"is geregistreerd: {describe(expressie)}. Daarnaast moet de casus voldoen aan de "
        "criteria van art. 2.20 BGS."
    )
