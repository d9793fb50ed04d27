"""Accountability on the wire: the RAC register and disclosures to third parties."""

from datetime import date, datetime
from typing import Annotated, Literal

from pydantic import ConfigDict, Field

from app.db.tables_verantwoording import RacAdviesRow
from app.domain.derdenverstrekking import Derdenverstrekkingsstatus as Derdenverstrekkingsstatus
from app.schemas.base import ApiModel, RequestModel
from app.schemas.casussen import MAX_TEKST
from app.schemas.fields import Datum, JaNee, Tekst
from app.services.derdenverstrekkingen import (
    DerdenverstrekkingAanvragen,
    ZichtbareDerdenverstrekking,
)
from app.services.rac_adviezen import RacAdviesVastleggen

Kenmerk = Annotated[Tekst, Field(min_length=1, max_length=36)]


class RacAdviesNieuw(RequestModel):
    """Een advies van de Rechtmatigheidsadviescommissie en of het is gevolgd.

    Wie van het advies afwijkt, legt de motivering vast (`afwijkingMotivering`, verplicht
    als `gevolgd` `false` is: 400 `motivering-ontbreekt`); de afwijking verschijnt in de
    lijst van de coördinerend functionaris gegevensbescherming.
    """

    model_config = ConfigDict(
        json_schema_extra={
            "examples": [
                {
                    "onderwerp": "Verstrekking van het plan van aanpak aan de woningcorporatie",
                    "datum": "2026-11-20",
                    "advies": "Alleen de afspraken over huisvesting verstrekken.",
                    "gevolgd": False,
                    "afwijkingMotivering": "Ook de afspraak over schuldhulp is nodig voor "
                    "het voorkomen van de huisuitzetting.",
                }
            ]
        },
    )

    onderwerp: Tekst = Field(min_length=1, max_length=MAX_TEKST, description="Waarover.")
    datum: Datum = Field(description="De dag van het advies; niet in de toekomst.")
    advies: Tekst = Field(min_length=1, max_length=MAX_TEKST, description="Het advies.")
    gevolgd: JaNee = Field(
        description="Of de gezamenlijk verwerkingsverantwoordelijken het volgen."
    )
    afwijking_motivering: Tekst | None = Field(
        default=None,
        min_length=1,
        max_length=MAX_TEKST,
        description="Waarom van het advies wordt afgeweken; alleen en altijd bij een afwijking.",
    )

    def to_command(self) -> RacAdviesVastleggen:
        return RacAdviesVastleggen(
            onderwerp=self.onderwerp,
            datum=self.datum,
            advies=self.advies,
            gevolgd=self.gevolgd,
            afwijking_motivering=self.afwijking_motivering,
        )


class RacAdvies(ApiModel):
    """Een vastgelegd advies van de Rechtmatigheidsadviescommissie."""

    id: str
    onderwerp: str
    datum: date
    advies: str
    gevolgd: bool
    afwijking_motivering: str | None
    vastgelegd_door: str = Field(description="De deelnemer die het advies vastlegde.")
    vastgelegd_op: datetime

    @classmethod
    def of(cls, row: RacAdviesRow) -> "RacAdvies":
        return cls(
            id=row.id,
            onderwerp=row.onderwerp,
            datum=row.datum,
            advies=row.advies,
            gevolgd=row.gevolgd,
            afwijking_motivering=row.afwijking_motivering,
            vastgelegd_door=row.vastgelegd_door,
            vastgelegd_op=row.vastgelegd_op,
        )


class RacAdviezen(ApiModel):
    """Adviezen van de Rechtmatigheidsadviescommissie, nieuwste eerst."""

    rac_adviezen: list[RacAdvies]


class Onderdelen(RequestModel):
    """Wat wordt verstrekt: gegevensverstrekkingen van de casus en/of het plan van aanpak."""

    verstrekkingen: list[Kenmerk] = Field(
        default_factory=list,
        max_length=100,
        description="Kenmerken van gegevensverstrekkingen in deze casus.",
    )
    plan_van_aanpak: JaNee = Field(
        default=False, description="Of het vastgestelde plan van aanpak wordt verstrekt."
    )


class DerdenverstrekkingNieuw(RequestModel):
    """Een verstrekking van resultaten van de casus aan een derde (art. 1.7 WGS).

    Alleen na advies van de Rechtmatigheidsadviescommissie (`racAdvies`, een advies uit het
    register). Een onderdeel met de voorwaarde `nietAanDerden` maakt de verstrekking
    onmogelijk (409 `niet-aan-derden`); bijzondere of strafrechtelijke gegevens wachten op
    de instemming van de deelnemer die ze inbracht. De derde krijgt geen account.
    """

    model_config = ConfigDict(
        json_schema_extra={
            "examples": [
                {
                    "ontvanger": "Woningcorporatie Midden",
                    "doel": "Voorkomen van huisuitzetting",
                    "noodzaak": "Zonder de afspraken kan de corporatie de ontruiming niet "
                    "opschorten.",
                    "racAdvies": "6f1c2b9e-3c1d-4d7a-9a51-0c7d9c1e2f3a",
                    "onderdelen": {
                        "verstrekkingen": ["0b7f3c1e-8d2a-4f6b-9c0e-1a2b3c4d5e6f"],
                        "planVanAanpak": True,
                    },
                }
            ]
        },
    )

    ontvanger: Tekst = Field(min_length=1, max_length=400, description="De derde.")
    doel: Tekst = Field(min_length=1, max_length=MAX_TEKST, description="Het doel.")
    noodzaak: Tekst = Field(
        min_length=1, max_length=MAX_TEKST, description="Waarom de verstrekking nodig is."
    )
    rac_advies: Kenmerk = Field(description="Kenmerk van het advies waarop zij berust.")
    onderdelen: Onderdelen

    def to_command(self) -> DerdenverstrekkingAanvragen:
        return DerdenverstrekkingAanvragen(
            ontvanger=self.ontvanger,
            doel=self.doel,
            noodzaak=self.noodzaak,
            rac_advies=self.rac_advies,
            verstrekkingen=tuple(self.onderdelen.verstrekkingen),
            plan_van_aanpak=self.onderdelen.plan_van_aanpak,
        )


class DerdenverstrekkingOnderdeel(ApiModel):
    """Een verstrekte gegevensverstrekking; bij bijzondere of strafrechtelijke gegevens met
    de instemming van de verstrekker."""

    verstrekking_id: str
    verstrekker: str
    categorie: str
    instemming_nodig: bool
    instemming: bool | None = Field(
        description="Het antwoord van de verstrekker; `null` zolang het gevraagd is."
    )


class Derdenverstrekking(ApiModel):
    """Een verstrekking aan een derde, met de stand van de instemmingen."""

    id: str
    casus_id: str
    ontvanger: str
    doel: str
    noodzaak: str
    rac_advies: str
    plan_van_aanpak: bool
    onderdelen: list[DerdenverstrekkingOnderdeel]
    status: Derdenverstrekkingsstatus
    aangevraagd_door: str
    aangevraagd_op: datetime
    verstrekt_op: datetime | None

    @classmethod
    def of(cls, d: ZichtbareDerdenverstrekking) -> "Derdenverstrekking":
        r = d.row
        return cls(
            id=r.id,
            casus_id=r.casus_id,
            ontvanger=r.ontvanger,
            doel=r.doel,
            noodzaak=r.noodzaak,
            rac_advies=r.rac_advies_id,
            plan_van_aanpak=r.plan_van_aanpak,
            onderdelen=[
                DerdenverstrekkingOnderdeel(
                    verstrekking_id=p.verstrekking_id,
                    verstrekker=p.deelnemer,
                    categorie=p.categorie,
                    instemming_nodig=p.instemming_nodig,
                    instemming=p.instemming,
                )
                for p in d.onderdelen
            ],
            status=Derdenverstrekkingsstatus(r.status),
            aangevraagd_door=r.deelnemer,
            aangevraagd_op=r.aangevraagd_op,
            verstrekt_op=r.verstrekt_op,
        )


class Derdenverstrekkingen(ApiModel):
    derdenverstrekkingen: list[Derdenverstrekking]


class Jaarverslagtelling(ApiModel):
    """Eén telling van het jaarverslag; 1 tot en met 4 als `"<5"`."""

    onderwerp: str = Field(description="Wat is geteld, bijvoorbeeld `aanmeldingen`.")
    uitsplitsing: str = Field(description="De groep, bijvoorbeeld de categorie van de aanmelder.")
    aantal: int | Literal["<5"] = Field(description='Het aantal; 1 tot en met 4 als "<5".')


class Jaarverslag(ApiModel):
    """De tellingen van een jaar voor het jaarverslag (art. 4.9-4.11 bestuurlijke afspraken).

    Alleen aantallen, nooit persoonsgegevens; kleine aantallen (1-4) als `"<5"`.
    """

    samenwerkingsverband: str
    jaar: int
    opgemaakt_op: datetime
    tellingen: list[Jaarverslagtelling]
    niet_opgenomen: list[str] = Field(
        description="Tellingen uit het contract die deze versie van de dienst nog niet kent."
    )
