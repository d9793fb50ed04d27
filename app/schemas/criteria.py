"""The BGS 2.20 criteria on the wire: CRITERIA (reused by the case process) and the check.

Structure is validated here (all four criteria, known vocabulary values: 400 otherwise);
content is judged by the rule, which explains what is missing with a reason code. So a
list or text that is left out counts as empty, and only `mate` is required.
"""

import dataclasses

from pydantic import ConfigDict, Field
from pydantic.config import JsonDict

from app.domain import criteria as domain
from app.schemas.base import ApiModel, RequestModel
from app.schemas.fields import JaNee, Tekst
from app.schemas.vocabulaires import (
    BetreftVeld,
    DomeinVeld,
    FaseVeld,
    GevolgVeld,
    LeefgebiedVeld,
    MateVeld,
    RedenVeld,
    TijdVeld,
)

MAX_TEKST = 10_000
MAX_LIJST = 20

_ONDERBOUWING = (
    "Objectieve onderbouwing van de mate waarin aan het criterium is voldaan (art. 2.20 lid 3 "
    "BGS). Leeg of alleen witruimte: het criterium is niet voldaan."
)


class CriteriumA(RequestModel):
    """Criterium a (art. 2.20 lid 1 onder a BGS): er spelen relevante problemen bij de betrokkene of in diens gezinssituatie."""

    mate: MateVeld
    betreft: list[BetreftVeld] = Field(
        default_factory=list,
        max_length=MAX_LIJST,
        description="Bij wie de problemen spelen; minstens één waarde nodig.",
    )
    onderbouwing: Tekst = Field(default="", max_length=MAX_TEKST, description=_ONDERBOUWING)

    def to_domain(self) -> domain.CriteriumA:
        return domain.CriteriumA(self.mate, tuple(self.betreft), self.onderbouwing)


class CriteriumB(RequestModel):
    """Criterium b (art. 2.20 lid 1 onder b BGS): de problemen spelen op meerdere leefgebieden waarin sprake is van criminogene factoren."""

    mate: MateVeld
    leefgebieden: list[LeefgebiedVeld] = Field(
        default_factory=list,
        max_length=MAX_LIJST,
        description=(
            "De leefgebieden waarop de problemen spelen; minstens twee verschillende nodig "
            "(een herhaalde waarde telt één keer)."
        ),
    )
    criminogene_factoren: JaNee = Field(
        default=False,
        description=(
            "Of op deze leefgebieden sprake is van criminogene factoren: omstandigheden die "
            "de kans op crimineel gedrag vergroten. Moet `true` zijn."
        ),
    )
    onderbouwing: Tekst = Field(default="", max_length=MAX_TEKST, description=_ONDERBOUWING)

    def to_domain(self) -> domain.CriteriumB:
        return domain.CriteriumB(
            self.mate, tuple(self.leefgebieden), self.criminogene_factoren, self.onderbouwing
        )


class CriteriumC(RequestModel):
    """Criterium c (art. 2.20 lid 1 onder c BGS): de problemen leiden, hebben geleid of zouden, gelet op duidelijke en objectieve aanwijzingen, zonder interventie leiden tot het veroorzaken door de betrokkene van ernstige overlast, criminaliteit of onveilige situaties voor personen of binnen een gebied."""

    mate: MateVeld
    gevolgen: list[GevolgVeld] = Field(
        default_factory=list,
        max_length=MAX_LIJST,
        description="Waartoe de problemen leiden; minstens één waarde nodig.",
    )
    tijd: TijdVeld | None = None
    objectieve_aanwijzingen: Tekst | None = Field(
        default=None,
        max_length=MAX_TEKST,
        description=(
            "De duidelijke en objectieve aanwijzingen dat de problemen zonder interventie tot "
            "het gevolg zouden leiden; verplicht (niet leeg) bij `tijd` = `zou-leiden`."
        ),
    )
    onderbouwing: Tekst = Field(default="", max_length=MAX_TEKST, description=_ONDERBOUWING)

    def to_domain(self) -> domain.CriteriumC:
        return domain.CriteriumC(
            self.mate,
            tuple(self.gevolgen),
            self.tijd,
            self.objectieve_aanwijzingen,
            self.onderbouwing,
        )


class CriteriumD(RequestModel):
    """Criterium d (art. 2.20 lid 1 onder d BGS): samenwerking tussen deelnemers uit meerdere domeinen is noodzakelijk om te komen tot een effectief plan van aanpak om de problemen te voorkomen, verminderen of bestrijden."""

    mate: MateVeld
    domeinen: list[DomeinVeld] = Field(
        default_factory=list,
        max_length=MAX_LIJST,
        description=(
            "De domeinen van de deelnemers wier samenwerking nodig is; minstens twee "
            "verschillende nodig (een herhaalde waarde telt één keer)."
        ),
    )
    onderbouwing: Tekst = Field(default="", max_length=MAX_TEKST, description=_ONDERBOUWING)

    def to_domain(self) -> domain.CriteriumD:
        return domain.CriteriumD(self.mate, tuple(self.domeinen), self.onderbouwing)


VOORBEELD_CRITERIA: JsonDict = {
    "a": {
        "mate": "voldaan",
        "betreft": ["betrokkene"],
        "onderbouwing": "Drie meldingen van huiselijk geweld in 2025 (politie, Veilig Thuis).",
    },
    "b": {
        "mate": "voldaan",
        "leefgebieden": ["huisvesting", "middelengebruik"],
        "criminogeneFactoren": True,
        "onderbouwing": "Dakloos sinds maart 2025; harddrugsgebruik volgens de GGZ.",
    },
    "c": {
        "mate": "voldaan",
        "gevolgen": ["criminaliteit"],
        "tijd": "heeft-geleid",
        "objectieveAanwijzingen": None,
        "onderbouwing": "Twee veroordelingen voor winkeldiefstal in 2025.",
    },
    "d": {
        "mate": "voldaan",
        "domeinen": ["zorg", "veiligheid"],
        "onderbouwing": "Verslavingszorg en reclassering moeten hun aanpak afstemmen.",
    },
}


class Criteria(RequestModel):
    """De vier criteria van art. 2.20 lid 1 BGS, elk met de mate waarin eraan is voldaan en de objectieve onderbouwing (art. 2.20 lid 3 BGS). Een casus valt alleen binnen het doel van het Zorg- en Veiligheidshuis als aan alle vier is voldaan."""

    model_config = ConfigDict(json_schema_extra={"examples": [VOORBEELD_CRITERIA]})

    a: CriteriumA
    b: CriteriumB
    c: CriteriumC
    d: CriteriumD

    def to_domain(self) -> domain.Criteria:
        return domain.Criteria(
            self.a.to_domain(), self.b.to_domain(), self.c.to_domain(), self.d.to_domain()
        )


_VASTGELEGDE_ONDERBOUWING = (
    "De objectieve onderbouwing zoals vastgelegd (art. 2.20 lid 3 BGS); null nadat de "
    "persoonsgegevens van de casus na afloop van de bewaartermijn zijn verwijderd."
)
_VASTGELEGDE_AANWIJZINGEN = (
    "De objectieve aanwijzingen zoals vastgelegd; null als ze ontbraken of nadat de "
    "persoonsgegevens van de casus zijn verwijderd."
)


class VastgelegdCriteriumA(CriteriumA):
    """Criterium a zoals vastgelegd bij een beoordeling."""

    onderbouwing: str | None = Field(description=_VASTGELEGDE_ONDERBOUWING)  # type: ignore[assignment]


class VastgelegdCriteriumB(CriteriumB):
    """Criterium b zoals vastgelegd bij een beoordeling."""

    onderbouwing: str | None = Field(description=_VASTGELEGDE_ONDERBOUWING)  # type: ignore[assignment]


class VastgelegdCriteriumC(CriteriumC):
    """Criterium c zoals vastgelegd bij een beoordeling."""

    objectieve_aanwijzingen: str | None = Field(default=None, description=_VASTGELEGDE_AANWIJZINGEN)
    onderbouwing: str | None = Field(description=_VASTGELEGDE_ONDERBOUWING)  # type: ignore[assignment]


class VastgelegdCriteriumD(CriteriumD):
    """Criterium d zoals vastgelegd bij een beoordeling."""

    onderbouwing: str | None = Field(description=_VASTGELEGDE_ONDERBOUWING)  # type: ignore[assignment]


class VastgelegdeCriteria(ApiModel):
    """De vier criteria zoals ze bij een beoordeling zijn vastgelegd. Na afloop van de bewaartermijn blijven de codes staan en zijn de vrije teksten null."""

    model_config = ConfigDict(json_schema_extra={"examples": [VOORBEELD_CRITERIA]})

    a: VastgelegdCriteriumA
    b: VastgelegdCriteriumB
    c: VastgelegdCriteriumC
    d: VastgelegdCriteriumD

    @classmethod
    def of(cls, criteria: domain.VastgelegdeCriteria) -> "VastgelegdeCriteria":
        # The criteria models are request models (aliases only): validate by field name.
        return cls.model_validate(
            {
                letter: dataclasses.asdict(getattr(criteria, letter))
                for letter in ("a", "b", "c", "d")
            },
            by_alias=False,
            by_name=True,
        )


class CriteriaToetsing(RequestModel):
    """Een toetsing van een casus aan de criteria van art. 2.20 BGS; er wordt niets opgeslagen."""

    model_config = ConfigDict(
        json_schema_extra={"examples": [{"fase": "intake", "criteria": VOORBEELD_CRITERIA}]}
    )

    fase: FaseVeld
    criteria: Criteria


class Criteriumuitkomst(ApiModel):
    """De uitkomst voor één criterium."""

    voldaan: bool = Field(
        description=(
            "Of aan het criterium is voldaan; bij de intake: of het voldoende aannemelijk is "
            "gemaakt (`mate` `voldaan` of `aannemelijk`)."
        )
    )
    mate: MateVeld | None = Field(
        default=None,
        description=(
            "De vastgelegde mate (art. 2.20 lid 3 BGS); null bij beoordelingen die zijn "
            "vastgelegd voordat de uitkomst haar vermeldde (zie dan `criteria`)."
        ),
    )
    redenen: list[RedenVeld] = Field(
        description="Waarom het criterium niet is voldaan; leeg als het is voldaan."
    )
    toelichting: str = Field(description="Uitleg in gewone taal, met het artikel.")

    @classmethod
    def of(cls, uitkomst: domain.Criteriumuitkomst) -> "Criteriumuitkomst":
        return cls(
            voldaan=uitkomst.voldaan,
            mate=uitkomst.mate,
            redenen=list(uitkomst.redenen),
            toelichting=uitkomst.toelichting,
        )


class Criteriumuitkomsten(ApiModel):
    """De uitkomst per criterium a tot en met d."""

    a: Criteriumuitkomst
    b: Criteriumuitkomst
    c: Criteriumuitkomst
    d: Criteriumuitkomst


class Toetsingsuitkomst(ApiModel):
    """De uitkomst van een toetsing aan art. 2.20 BGS."""

    fase: FaseVeld
    toelaatbaar: bool = Field(
        description=(
            "`true` alleen als aan alle vier criteria is voldaan: de casus valt binnen het doel "
            "van het Zorg- en Veiligheidshuis (art. 2.20 lid 1 BGS)."
        )
    )
    toelichting: str = Field(description="Samenvatting van de uitkomst voor deze fase.")
    criteria: Criteriumuitkomsten

    @classmethod
    def of(cls, uitkomst: domain.Toetsingsuitkomst) -> "Toetsingsuitkomst":
        return cls(
            fase=uitkomst.fase,
            toelaatbaar=uitkomst.toelaatbaar,
            toelichting=uitkomst.toelichting,
            criteria=Criteriumuitkomsten(
                a=Criteriumuitkomst.of(uitkomst.a),
                b=Criteriumuitkomst.of(uitkomst.b),
                c=Criteriumuitkomst.of(uitkomst.c),
                d=Criteriumuitkomst.of(uitkomst.d),
            ),
        )
