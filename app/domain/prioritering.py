"""The objective-criteria language of priority lists (art. 2.32(1) WGS, art. 2.22 BGS).

The government participants may keep a list of prioritised cases only on objective and
non-discriminatory criteria, set by them and published on the internet before use. In
practice these are counts of recorded events ("at least N convictions for category X in
the last M months", factsheet Werkprocessen, step 1). The language therefore knows only
events: a closed list of fact kinds (`Soort`), each with a closed list of categories.
There is no node, kind or category for who someone is (nationality, origin, religion,
health, gender, age, ...), so such a criterion cannot be expressed at all.

A criterion is a tree: `Alle` (every part holds), `EenVan` (at least one holds) and, as
leaves, `Telling` (at least `minimaal` facts of one kind, in one of the categories, dated
from the peildatum minus `periode_maanden` months through the peildatum).
"""

from dataclasses import dataclass
from datetime import date
from enum import StrEnum
from typing import NamedTuple, TypedDict


class Soort(StrEnum):
    """A kind of objective, recorded event a criterion may count."""

    VEROORDELING = "veroordeling"
    POLITIEREGISTRATIE = "politieregistratie"
    AANHOUDING = "aanhouding"
    OVERLASTMELDING = "overlastmelding"
    DETENTIE = "detentie"
    RECLASSERINGSTOEZICHT = "reclasseringstoezicht"


# Offence categories, shared by convictions, police registrations (as a suspect) and
# arrests. They follow the police's and the public prosecutor's usual grouping of
# offences ("high impact crime" split out), never a characteristic of the offender.
_DELICTEN: dict[str, str] = {
    "geweld": "geweldsmisdrijf (mishandeling, bedreiging, openlijke geweldpleging)",
    "zeden": "zedenmisdrijf",
    "straatroof": "straatroof",
    "overval": "overval",
    "woninginbraak": "woninginbraak",
    "diefstal": "overige diefstal en inbraak (geen woninginbraak)",
    "heling": "heling en witwassen",
    "vernieling": "vernieling en brandstichting",
    "openbare-orde": "misdrijf tegen de openbare orde",
    "drugs": "drugsmisdrijf (Opiumwet)",
    "wapens": "wapenmisdrijf (Wet wapens en munitie)",
    "verkeer": "verkeersmisdrijf",
    "overig": "ander misdrijf",
}

# Category → Dutch explanation, per kind. Closed: anything else is refused with 400.
CATEGORIEEN: dict[Soort, dict[str, str]] = {
    Soort.VEROORDELING: _DELICTEN,
    Soort.POLITIEREGISTRATIE: _DELICTEN,
    Soort.AANHOUDING: _DELICTEN,
    Soort.OVERLASTMELDING: {
        "woonoverlast": "overlast in en rond de woning (burenoverlast)",
        "openbare-ruimte": "overlast in de openbare ruimte",
        "horeca": "overlast in of rond horeca",
        "intimidatie": "intimiderend gedrag",
        "geluid": "geluidsoverlast",
        "overig": "andere overlast",
    },
    Soort.DETENTIE: {
        "voorlopige-hechtenis": "voorlopige hechtenis",
        "gevangenisstraf": "onvoorwaardelijke gevangenisstraf",
        "hechtenis": "hechtenis als hoofdstraf",
        "vervangende-hechtenis": "vervangende hechtenis",
        "isd-maatregel": "maatregel plaatsing in een inrichting voor stelselmatige daders",
    },
    Soort.RECLASSERINGSTOEZICHT: {
        "voorwaardelijke-straf": "toezicht bij een voorwaardelijke straf",
        "voorwaardelijke-invrijheidstelling": "toezicht bij voorwaardelijke invrijheidstelling",
        "schorsing-voorlopige-hechtenis": "toezicht bij schorsing van de voorlopige hechtenis",
        "gedragsmaatregel": "toezicht op een gedragsbeïnvloedende of vrijheidsbeperkende maatregel",
        "taakstraf": "uitvoering van een taakstraf",
    },
}

# What the fact's `datum` is, per kind: the day the event was recorded or began.
DATUM_BETEKENIS: dict[Soort, str] = {
    Soort.VEROORDELING: "de datum van de uitspraak",
    Soort.POLITIEREGISTRATIE: "de datum van de registratie als verdachte",
    Soort.AANHOUDING: "de datum van de aanhouding",
    Soort.OVERLASTMELDING: "de datum van de melding",
    Soort.DETENTIE: "de begindatum van de detentie",
    Soort.RECLASSERINGSTOEZICHT: "de begindatum van het toezicht",
}


@dataclass(frozen=True, slots=True)
class Telling:
    """At least `minimaal` facts of `soort`, in `categorieen` (empty: all), in the window."""

    soort: Soort
    categorieen: tuple[str, ...]
    periode_maanden: int
    minimaal: int


@dataclass(frozen=True, slots=True)
class Alle:
    """Every part holds."""

    delen: tuple["Expressie", ...]


@dataclass(frozen=True, slots=True)
class EenVan:
    """At least one part holds."""

    delen: tuple["Expressie", ...]


Expressie = Alle | EenVan | Telling


class Feit(TypedDict):
    """One recorded event about a candidate, supplied by a participant (`bron`)."""

    soort: Soort
    categorie: str
    datum: date
    bron: str


class Clausuleuitkomst(NamedTuple):
    """One `Telling` applied to a candidate: what it counted, and which facts (by position)."""

    pad: str
    telling: Telling
    gevonden: int
    voldaan: bool
    feiten: tuple[int, ...]


class Uitkomst(NamedTuple):
    """Whether a candidate meets the criteria on the peildatum, with every clause's count."""

    voldoet: bool
    clausules: tuple[Clausuleuitkomst, ...]
