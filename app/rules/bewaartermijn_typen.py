"""The values the retention rules take and return (art. 1.8 lid 7 WGS, art. 1.16 BGS)."""

from dataclasses import dataclass
from datetime import date
from enum import StrEnum

# Legal ceilings a deployment's policy may not exceed: art. 1.8 lid 7 WGS ("uiterlijk vijf
# jaar na de eerste verwerking") and art. 1.16 BGS (an extension adds at most two years).
WETTELIJK_MAXIMUM_JAREN = 5
WETTELIJK_MAXIMUM_VERLENGING_MAANDEN = 24
# Situation 2 of art. 1.16 BGS: closed "minder dan een jaar voor het verstrijken van de
# maximale bewaartermijn" (factsheet). Fixed by the factsheet, not the after-closure policy.
TERUGVAL_DREMPEL_MAANDEN = 12
# The product's reading of "at the maximum": an extension is decided at most this many
# months before the maximum it extends (brief section 6: "a few months", default 3).
STANDAARD_BESLUITVENSTER_MAANDEN = 3
MAXIMUM_BESLUITVENSTER_MAANDEN = 6


class Status(StrEnum):
    """Where the case stands, read from the dates given."""

    OPEN = "open"
    AFGESLOTEN = "afgesloten"
    AFGEWEZEN = "afgewezen"


class Verlengingsreden(StrEnum):
    """The two situations of art. 1.16 BGS in which the term may be extended (factsheet)."""

    # Situation 1: at the maximum the case is still open because the 2.20 BGS criteria apply.
    CRITERIA_NOG_VAN_TOEPASSING = "criteria-nog-van-toepassing"
    # Situation 2: closed less than a year before the maximum, with a high risk of relapse.
    TERUGVALRISICO = "terugvalrisico"


class BronGrens(StrEnum):
    """Which limit sets a source's archive date."""

    CASUS = "casus"
    WETTELIJKE_BEWAARDATUM = "wettelijke-uiterlijke-bewaardatum"
    GEEN_INSTEMMING = "geen-instemming-verlenging"


@dataclass(frozen=True, slots=True)
class Bewaarbeleid:
    """A deployment's retention policy; the defaults are the national agreement.

    The one-year periods after closure and rejection are national agreements (factsheet
    Bewaartermijnen) that a later decision may lengthen; the maximum and the extension
    ceiling are the law's and may only be made stricter.
    """

    maximum_jaren: int = WETTELIJK_MAXIMUM_JAREN
    na_afsluiting_maanden: int = 12
    na_afwijzing_maanden: int = 12
    verlenging_maximum_maanden: int = WETTELIJK_MAXIMUM_VERLENGING_MAANDEN
    besluitvenster_maanden: int = STANDAARD_BESLUITVENSTER_MAANDEN

    def __post_init__(self) -> None:
        if not 1 <= self.maximum_jaren <= WETTELIJK_MAXIMUM_JAREN:
            raise ValueError("maximum_jaren must lie between 1 and 5 (art. 1.8 lid 7 WGS)")
        if not 1 <= self.verlenging_maximum_maanden <= WETTELIJK_MAXIMUM_VERLENGING_MAANDEN:
            raise ValueError("verlenging_maximum_maanden must lie between 1 and 24 (art. 1.16 BGS)")
        maximum_maanden = 12 * self.maximum_jaren
        if not 0 <= self.na_afsluiting_maanden <= maximum_maanden:
            raise ValueError("na_afsluiting_maanden must lie between 0 and the maximum term")
        if not 0 <= self.na_afwijzing_maanden <= maximum_maanden:
            raise ValueError("na_afwijzing_maanden must lie between 0 and the maximum term")
        if not 1 <= self.besluitvenster_maanden <= MAXIMUM_BESLUITVENSTER_MAANDEN:
            raise ValueError("besluitvenster_maanden must lie between 1 and 6")


@dataclass(frozen=True, slots=True)
class Verlenging:
    """An extension decision (art. 1.16 BGS): when it was decided, by how much, and why."""

    besluitdatum: date
    maanden: int
    reden: Verlengingsreden


@dataclass(frozen=True, slots=True)
class Bron:
    """A supplier's data in the case, with its consent to extensions and any statutory limit.

    `instemmingen`, when given, holds the supplier's answer per extension (in the order of
    `Casusdata.verlengingen`); else `instemming_verlenging` answers for all of them.
    """

    id: str
    deelnemer: str
    instemming_verlenging: bool = False
    wettelijke_uiterlijke_bewaardatum: date | None = None
    instemmingen: tuple[bool, ...] | None = None

    def consents(self, index: int) -> bool:
        """Whether the supplier consented to the extension at `index`."""
        if self.instemmingen is None:
            return self.instemming_verlenging
        return index < len(self.instemmingen) and self.instemmingen[index]


@dataclass(frozen=True, slots=True)
class Casusdata:
    """The dates of one case (one registration) the retention rules need.

    `afsluitdatum` is the closure in force (None while the case is open); `heropeningen`
    are the days the case was reopened after an earlier closure, each on or before it.
    """

    aanmelddatum: date
    afsluitdatum: date | None = None
    afwijzingsdatum: date | None = None
    verlengingen: tuple[Verlenging, ...] = ()
    bronnen: tuple[Bron, ...] = ()
    heropeningen: tuple[date, ...] = ()


# The results below are built once per calculation and never changed afterwards. They are
# not frozen because a frozen dataclass sets each field through object.__setattr__, about
# five times the cost of a plain slots class: a fifth of a whole calculation (bench/).


@dataclass(frozen=True, slots=True)
class Vervalreden:
    """Why a decided extension no longer holds: a stable code and a Dutch explanation."""

    code: str
    toelichting: str


@dataclass(slots=True)
class ToegepasteVerlenging:
    """An extension as judged: it starts at the maximum it extends and ends `maanden` later.

    A lapsed extension (`vervalredenen` not empty) moves no date; it is kept in the result
    with its reasons, never dropped.
    """

    besluitdatum: date
    maanden: int
    reden: Verlengingsreden
    ingangsdatum: date
    einddatum: date
    vervalredenen: tuple[Vervalreden, ...] = ()

    @property
    def vervallen(self) -> bool:
        return bool(self.vervalredenen)


@dataclass(slots=True)
class BronBewaartermijn:
    """A source's own archive date and the limit that set it."""

    id: str
    deelnemer: str
    archiefdatum: date
    verlopen: bool
    begrensd_door: BronGrens


@dataclass(slots=True)
class Inzagetermijn:
    """The period between closure (or rejection) and the archive date (factsheet, example 3)."""

    vanaf: date
    tot: date
    maanden: int
    dagen: int
    ingekort: bool


@dataclass(slots=True)
class VerdereVerlenging:
    """Whether, on the peildatum, a further extension may be decided, and in which situation."""

    mogelijk: bool
    situatie: Verlengingsreden | None
    vroegste_besluitdatum: date | None
    uiterlijke_besluitdatum: date | None
    maximale_maanden: int | None
    toelichting: str


@dataclass(slots=True)
class Bewaartermijn:
    """Everything the retention rules conclude about one case, with their explanation."""

    status: Status
    oorspronkelijke_maximale_bewaardatum: date
    maximale_bewaardatum: date
    archiefdatum: date
    peildatum: date
    verlopen: bool
    inzagetermijn: Inzagetermijn | None
    verlengingen: tuple[ToegepasteVerlenging, ...]
    bronnen: tuple[BronBewaartermijn, ...]
    verdere_verlenging: VerdereVerlenging
    grondslag: tuple[str, ...]
    toelichting: str
