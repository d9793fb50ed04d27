"""The four criteria for complex cases (art. 2.20(1) BGS) as typed value objects.

Art. 2.20(3) BGS requires the partnership to record to what extent each criterion is met,
with its objective substantiation; the same model serves the plausibility check at intake
and the definitive assessment after data gathering (art. 2.31(2)-(3) WGS). The vocabularies
are the API contract's closed lists. Lists keep what was sent, duplicates included: the
rules count distinct values, so a repeated value never counts twice.
"""

from collections.abc import Mapping
from dataclasses import dataclass, replace
from enum import StrEnum
from typing import Any


class Mate(StrEnum):
    """To what extent a criterion is met (art. 2.20(3) BGS).

    `AANNEMELIJK` is the intake's level: "voldoende aannemelijk" that the criterion is met,
    on the registration alone (factsheet Werkprocessen, step 2); it admits at intake but
    not at the definitive assessment, which asks whether it "inderdaad" is met.
    """

    VOLDAAN = "voldaan"
    AANNEMELIJK = "aannemelijk"
    DEELS = "deels"
    NIET_VOLDAAN = "niet-voldaan"
    ONBEKEND = "onbekend"


class Betreft(StrEnum):
    """Where the problems lie (art. 2.20(1)(a) BGS)."""

    BETROKKENE = "betrokkene"
    GEZINSSITUATIE = "gezinssituatie"


class Leefgebied(StrEnum):
    """A life domain on which problems with criminogenic factors play (art. 2.20(1)(b) BGS)."""

    HUISVESTING = "huisvesting"
    OPLEIDING_WERK = "opleiding-werk"
    FINANCIEN = "financien"
    RELATIES_GEZIN = "relaties-gezin"
    SOCIAAL_NETWERK = "sociaal-netwerk"
    MIDDELENGEBRUIK = "middelengebruik"
    PSYCHISCHE_GEZONDHEID = "psychische-gezondheid"
    LICHAMELIJKE_GEZONDHEID = "lichamelijke-gezondheid"
    DENKPATRONEN_GEDRAG = "denkpatronen-gedrag"
    JUSTITIE = "justitie"


class Gevolg(StrEnum):
    """What the problems cause or would cause (art. 2.20(1)(c) BGS)."""

    ERNSTIGE_OVERLAST = "ernstige-overlast"
    CRIMINALITEIT = "criminaliteit"
    ONVEILIGE_SITUATIE_PERSONEN = "onveilige-situatie-personen"
    ONVEILIGE_SITUATIE_GEBIED = "onveilige-situatie-gebied"


class Tijd(StrEnum):
    """Whether the problems lead, have led or would lead to the consequence (2.20(1)(c) BGS)."""

    LEIDT = "leidt"
    HEEFT_GELEID = "heeft-geleid"
    ZOU_LEIDEN = "zou-leiden"


class Domein(StrEnum):
    """A domain of participants whose cooperation is needed (art. 2.20(1)(d) BGS)."""

    ZORG = "zorg"
    VEILIGHEID = "veiligheid"
    SOCIAAL = "sociaal"


class Fase(StrEnum):
    """When the criteria are assessed: at intake, or definitively after gathering data."""

    INTAKE = "intake"
    DEFINITIEF = "definitief"


@dataclass(frozen=True, slots=True)
class CriteriumA:
    """Relevant problems of the data subject or in their family situation."""

    mate: Mate
    betreft: tuple[Betreft, ...]
    onderbouwing: str


@dataclass(frozen=True, slots=True)
class CriteriumB:
    """Problems on several life domains, with criminogenic factors."""

    mate: Mate
    leefgebieden: tuple[Leefgebied, ...]
    criminogene_factoren: bool
    onderbouwing: str


@dataclass(frozen=True, slots=True)
class CriteriumC:
    """Serious nuisance, crime or unsafe situations caused by the data subject."""

    mate: Mate
    gevolgen: tuple[Gevolg, ...]
    tijd: Tijd | None
    objectieve_aanwijzingen: str | None
    onderbouwing: str


@dataclass(frozen=True, slots=True)
class CriteriumD:
    """Cooperation between participants from several domains is necessary."""

    mate: Mate
    domeinen: tuple[Domein, ...]
    onderbouwing: str


@dataclass(frozen=True, slots=True)
class Criteria:
    """One assessment of all four criteria, as recorded under art. 2.20(3) BGS."""

    a: CriteriumA
    b: CriteriumB
    c: CriteriumC
    d: CriteriumD


@dataclass(frozen=True, slots=True)
class VastgelegdCriteriumA:
    """Criterion a as recorded; the reasoning is None once the case's personal data is gone."""

    mate: Mate
    betreft: tuple[Betreft, ...]
    onderbouwing: str | None


@dataclass(frozen=True, slots=True)
class VastgelegdCriteriumB:
    mate: Mate
    leefgebieden: tuple[Leefgebied, ...]
    criminogene_factoren: bool
    onderbouwing: str | None


@dataclass(frozen=True, slots=True)
class VastgelegdCriteriumC:
    mate: Mate
    gevolgen: tuple[Gevolg, ...]
    tijd: Tijd | None
    objectieve_aanwijzingen: str | None
    onderbouwing: str | None


@dataclass(frozen=True, slots=True)
class VastgelegdCriteriumD:
    mate: Mate
    domeinen: tuple[Domein, ...]
    onderbouwing: str | None


@dataclass(frozen=True, slots=True)
class VastgelegdeCriteria:
    """The four criteria as stored with an assessment (art. 2.20(3) BGS).

    What was assessed, as sent (lists keep their order and repeats); after the retention
    period the codes stay and the free texts are None (`without_texts`). Stored as JSON in
    this shape, the field names as keys (`stored`, `from_stored`).
    """

    a: VastgelegdCriteriumA
    b: VastgelegdCriteriumB
    c: VastgelegdCriteriumC
    d: VastgelegdCriteriumD

    @classmethod
    def of(cls, criteria: Criteria) -> "VastgelegdeCriteria":
        a, b, c, d = criteria.a, criteria.b, criteria.c, criteria.d
        return cls(
            VastgelegdCriteriumA(a.mate, a.betreft, a.onderbouwing),
            VastgelegdCriteriumB(b.mate, b.leefgebieden, b.criminogene_factoren, b.onderbouwing),
            VastgelegdCriteriumC(
                c.mate, c.gevolgen, c.tijd, c.objectieve_aanwijzingen, c.onderbouwing
            ),
            VastgelegdCriteriumD(d.mate, d.domeinen, d.onderbouwing),
        )

    def without_texts(self) -> "VastgelegdeCriteria":
        """The codes without the reasoning (anonymisation after the retention period)."""
        return VastgelegdeCriteria(
            replace(self.a, onderbouwing=None),
            replace(self.b, onderbouwing=None),
            replace(self.c, objectieve_aanwijzingen=None, onderbouwing=None),
            replace(self.d, onderbouwing=None),
        )

    def stored(self) -> dict[str, object]:
        """The JSON document stored in `criteriabeoordelingen.criteria`."""
        a, b, c, d = self.a, self.b, self.c, self.d
        return {
            "a": {
                "mate": a.mate.value,
                "betreft": _values(a.betreft),
                "onderbouwing": a.onderbouwing,
            },
            "b": {
                "mate": b.mate.value,
                "leefgebieden": _values(b.leefgebieden),
                "criminogene_factoren": b.criminogene_factoren,
                "onderbouwing": b.onderbouwing,
            },
            "c": {
                "mate": c.mate.value,
                "gevolgen": _values(c.gevolgen),
                "tijd": None if c.tijd is None else c.tijd.value,
                "objectieve_aanwijzingen": c.objectieve_aanwijzingen,
                "onderbouwing": c.onderbouwing,
            },
            "d": {
                "mate": d.mate.value,
                "domeinen": _values(d.domeinen),
                "onderbouwing": d.onderbouwing,
            },
        }

    @classmethod
    def from_stored(cls, stored: Mapping[str, Any]) -> "VastgelegdeCriteria":
        """Read a stored document; one in another shape (a row the migration missed) is
        refused rather than read with a member silently taken as absent."""
        a, b, c, d = (_members(stored, letter) for letter in "abcd")
        tijd = c["tijd"]
        return cls(
            VastgelegdCriteriumA(
                Mate(a["mate"]), tuple(Betreft(v) for v in a["betreft"]), a["onderbouwing"]
            ),
            VastgelegdCriteriumB(
                Mate(b["mate"]),
                tuple(Leefgebied(v) for v in b["leefgebieden"]),
                bool(b["criminogene_factoren"]),
                b["onderbouwing"],
            ),
            VastgelegdCriteriumC(
                Mate(c["mate"]),
                tuple(Gevolg(v) for v in c["gevolgen"]),
                None if tijd is None else Tijd(tijd),
                c["objectieve_aanwijzingen"],
                c["onderbouwing"],
            ),
            VastgelegdCriteriumD(
                Mate(d["mate"]), tuple(Domein(v) for v in d["domeinen"]), d["onderbouwing"]
            ),
        )


_STORED_MEMBERS = {
    "a": ("mate", "betreft", "onderbouwing"),
    "b": ("mate", "leefgebieden", "criminogene_factoren", "onderbouwing"),
    "c": ("mate", "gevolgen", "tijd", "objectieve_aanwijzingen", "onderbouwing"),
    "d": ("mate", "domeinen", "onderbouwing"),
}


def _members(stored: Mapping[str, Any], letter: str) -> Mapping[str, Any]:
    criterium: Mapping[str, Any] = stored[letter]
    if set(criterium) != set(_STORED_MEMBERS[letter]):
        raise ValueError(
            f"Stored criterion {letter} has members {sorted(criterium)}, "
            f"expected {list(_STORED_MEMBERS[letter])}."
        )
    return criterium


def _values(members: tuple[StrEnum, ...]) -> list[str]:
    return [m.value for m in members]


class Reden(StrEnum):
    """Why a criterion is not met: stable, machine-readable, prefixed with its letter."""

    A_MATE_NIET_VOLDAAN = "a.mate-niet-voldaan"
    A_ALLEEN_AANNEMELIJK = "a.alleen-aannemelijk"
    A_ONDERBOUWING_ONTBREEKT = "a.onderbouwing-ontbreekt"
    A_BETREFT_ONTBREEKT = "a.betreft-ontbreekt"
    B_MATE_NIET_VOLDAAN = "b.mate-niet-voldaan"
    B_ALLEEN_AANNEMELIJK = "b.alleen-aannemelijk"
    B_ONDERBOUWING_ONTBREEKT = "b.onderbouwing-ontbreekt"
    B_TE_WEINIG_LEEFGEBIEDEN = "b.te-weinig-leefgebieden"
    B_GEEN_CRIMINOGENE_FACTOREN = "b.geen-criminogene-factoren"
    C_MATE_NIET_VOLDAAN = "c.mate-niet-voldaan"
    C_ALLEEN_AANNEMELIJK = "c.alleen-aannemelijk"
    C_ONDERBOUWING_ONTBREEKT = "c.onderbouwing-ontbreekt"
    C_GEVOLG_ONTBREEKT = "c.gevolg-ontbreekt"
    C_TIJD_ONTBREEKT = "c.tijd-ontbreekt"
    C_OBJECTIEVE_AANWIJZINGEN_ONTBREKEN = "c.objectieve-aanwijzingen-ontbreken"
    D_MATE_NIET_VOLDAAN = "d.mate-niet-voldaan"
    D_ALLEEN_AANNEMELIJK = "d.alleen-aannemelijk"
    D_ONDERBOUWING_ONTBREEKT = "d.onderbouwing-ontbreekt"
    D_TE_WEINIG_DOMEINEN = "d.te-weinig-domeinen"


@dataclass(frozen=True, slots=True)
class Criteriumuitkomst:
    """The outcome for one criterion: met or not, the reasons why not, and an explanation.

    `mate` is the extent recorded (art. 2.20(3) BGS): at intake a criterion is met when it
    is `voldaan` or `aannemelijk`, at the definitive assessment only when `voldaan`.
    """

    voldaan: bool
    redenen: tuple[Reden, ...]
    toelichting: str
    mate: Mate = Mate.VOLDAAN


@dataclass(frozen=True, slots=True)
class Toetsingsuitkomst:
    """The outcome of an assessment: admissible only when all four criteria are met."""

    fase: Fase
    toelaatbaar: bool
    toelichting: str
    a: Criteriumuitkomst
    b: Criteriumuitkomst
    c: Criteriumuitkomst
    d: Criteriumuitkomst


def _stored_criterium(uitkomst: Criteriumuitkomst) -> dict[str, object]:
    return {
        "voldaan": uitkomst.voldaan,
        "mate": uitkomst.mate.value,
        "redenen": [reden.value for reden in uitkomst.redenen],
        "toelichting": uitkomst.toelichting,
    }


def stored_uitkomst(uitkomst: Toetsingsuitkomst) -> dict[str, object]:
    """The outcome as it is stored with an assessment (art. 2.20(3) BGS).

    The stored documents predate this function and are the API's response shape, key for
    key and in the same order; changing it needs a data migration of the stored rows.
    """
    return {
        "fase": uitkomst.fase.value,
        "toelaatbaar": uitkomst.toelaatbaar,
        "toelichting": uitkomst.toelichting,
        "criteria": {
            "a": _stored_criterium(uitkomst.a),
            "b": _stored_criterium(uitkomst.b),
            "c": _stored_criterium(uitkomst.c),
            "d": _stored_criterium(uitkomst.d),
        },
    }
