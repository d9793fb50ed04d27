"""Data requests and supplied data on the wire (art. 2.29 en 2.31 lid 3 WGS; art. 1.6 BGS)."""

from datetime import date, datetime

from pydantic import Field

from app.domain.verstrekking import (
    Correctieverzoekstatus,
    Gegevenscategorie,
    GesteldeVoorwaarden,
    GrondslagBeroepsgeheim,
    Voorwaarden,
)
from app.schemas.base import ApiModel, RequestModel
from app.schemas.casussen import ID_PATTERN, MAX_TEKST
from app.schemas.fields import Datum, JaNee, Tekst
from app.services.commands import SupplyGegevens
from app.services.gegevensverzoeken import Gegevensverzoek as Gegevensverzoekstand
from app.services.verstrekkingweergave import Correctiemelding, EerdereVersie, VerstrekteGegevens

MAX_INHOUD = 16_000


class GegevensverzoekNieuw(RequestModel):
    """Een verzoek van de gezamenlijk verwerkingsverantwoordelijken aan een vaste deelnemer
    om gegevens over de casus (stap 3, art. 2.31 lid 3 WGS): noodzaak, subsidiariteit en
    proportionaliteit bepalen wat gevraagd wordt."""

    deelnemer: Tekst = Field(pattern=ID_PATTERN, description="De gevraagde vaste deelnemer.")
    omschrijving: Tekst = Field(
        min_length=1, max_length=MAX_TEKST, description="Welke gegevens nodig zijn, en waarom."
    )


class Gegevensverzoek(ApiModel):
    """Een verzoek om gegevens aan een vaste deelnemer (art. 2.31 lid 3 WGS)."""

    id: str
    deelnemer: str = Field(description="De gevraagde deelnemer.")
    omschrijving: str
    verzoeker: str = Field(description="De gezamenlijk verwerkingsverantwoordelijke die vroeg.")
    tijdstip: datetime
    beantwoord: bool = Field(description="Of er een verstrekking op dit verzoek is gedaan.")

    @classmethod
    def of(cls, verzoek: Gegevensverzoekstand) -> "Gegevensverzoek":
        return cls(
            id=verzoek.id,
            deelnemer=verzoek.deelnemer,
            omschrijving=verzoek.omschrijving,
            verzoeker=verzoek.verzoeker,
            tijdstip=verzoek.tijdstip,
            beantwoord=verzoek.beantwoord,
        )


class Gegevensverzoeken(ApiModel):
    """De gegevensverzoeken van de casus die u mag zien."""

    gegevensverzoeken: list[Gegevensverzoek]


class VoorwaardenSchema(RequestModel):
    """Voorwaarden van de verstrekker aan het verdere gebruik (art. 2.29 lid 3 WGS).

    Ze reizen mee met de gegevens en gelden bij elke raadpleging. De gezamenlijk
    verwerkingsverantwoordelijken en de verstrekker zelf zien de gegevens altijd.
    """

    niet_voor_incidentele_deelnemers: JaNee = Field(
        default=False, description="Incidentele deelnemers zien deze gegevens niet."
    )
    alleen_voor_deelnemers: list[Tekst] | None = Field(
        default=None,
        max_length=50,
        description=(
            "Alleen deze deelnemers (naast de verstrekker en de gezamenlijk "
            "verwerkingsverantwoordelijken) zien de gegevens; een lege lijst: niemand anders. "
            "Weggelaten: geen beperking naar deelnemer."
        ),
    )
    niet_aan_derden: JaNee = Field(
        default=False,
        description=(
            "Niet aan derden verstrekken (art. 1.7 WGS), bijv. vanwege opsporingsbelangen. "
            "Incidentele deelnemers zijn geen derden (art. 2.31 lid 10 WGS)."
        ),
    )
    toelichting: Tekst | None = Field(default=None, max_length=MAX_TEKST)

    def to_domain(self) -> Voorwaarden:
        return self.to_command().voorwaarden

    def to_command(self) -> GesteldeVoorwaarden:
        genoemd = self.alleen_voor_deelnemers
        return GesteldeVoorwaarden(
            niet_voor_incidentele_deelnemers=self.niet_voor_incidentele_deelnemers,
            alleen_voor_deelnemers=None if genoemd is None else tuple(genoemd),
            niet_aan_derden=self.niet_aan_derden,
            toelichting=self.toelichting,
        )


class GegevensverstrekkingNieuw(RequestModel):
    """Een verstrekking van gegevens aan de casus; de verstrekker is de organisatie van de
    aanroeper, die instaat voor de juistheid (art. 1.6 BGS)."""

    categorie: Gegevenscategorie = Field(
        description="`gewoon`, `bijzonder` (art. 9 AVG) of `strafrechtelijk` (art. 10 AVG)."
    )
    inhoud: Tekst = Field(min_length=1, max_length=MAX_INHOUD)
    voorwaarden: VoorwaardenSchema | None = None
    grondslag_beroepsgeheim: GrondslagBeroepsgeheim | None = Field(
        default=None,
        description=(
            "Verplicht voor een verstrekker met een beroepsgeheim (Wgbo, Wet BIG, Jeugdwet, of "
            "een incidentele deelnemer onder een bijzonder geheimhoudingsregime): "
            "`toestemming` van de betrokkene of `goed-hulpverlenerschap` (art. 2.29 lid 2 WGS)."
        ),
    )
    wettelijke_uiterlijke_bewaardatum: Datum | None = Field(
        default=None,
        description=(
            "Een wettelijke uiterste bewaardatum voor deze gegevens (bijv. Wvggz, Wzd); niet "
            "in het verleden. Telt mee in de bewaartermijn van deze bron (art. 1.16 BGS)."
        ),
    )
    gegevensverzoek: Tekst | None = Field(
        default=None, max_length=36, description="Het gegevensverzoek dat hiermee beantwoord wordt."
    )

    def to_command(self) -> SupplyGegevens:
        return SupplyGegevens(
            categorie=self.categorie,
            inhoud=self.inhoud,
            voorwaarden=None if self.voorwaarden is None else self.voorwaarden.to_command(),
            grondslag_beroepsgeheim=self.grondslag_beroepsgeheim,
            wettelijke_uiterlijke_bewaardatum=self.wettelijke_uiterlijke_bewaardatum,
            gegevensverzoek=self.gegevensverzoek,
        )


class CorrectieverzoekNieuw(RequestModel):
    """Melding van een onjuistheid in verstrekte gegevens; de verstrekker corrigeert
    (art. 1.6 BGS)."""

    toelichting: Tekst = Field(min_length=1, max_length=MAX_TEKST, description="Wat er niet klopt.")


class CorrectieNieuw(RequestModel):
    """De verstrekker corrigeert zijn gegevens; de vorige inhoud blijft als eerdere versie
    bewaard (art. 1.6 BGS)."""

    inhoud: Tekst = Field(min_length=1, max_length=MAX_INHOUD)
    toelichting: Tekst = Field(min_length=1, max_length=MAX_TEKST)


class Correctieverzoek(ApiModel):
    """Een melding van een onjuistheid in verstrekte gegevens, aan de verstrekker."""

    id: str
    melder: str
    toelichting: str
    tijdstip: datetime
    status: Correctieverzoekstatus
    afgehandeld_in_versie: int | None

    @classmethod
    def of(cls, melding: Correctiemelding) -> "Correctieverzoek":
        return cls(
            id=melding.id,
            melder=melding.melder,
            toelichting=melding.toelichting,
            tijdstip=melding.tijdstip,
            status=melding.status,
            afgehandeld_in_versie=melding.afgehandeld_in_versie,
        )


class Verstrekkingsversie(ApiModel):
    """Een eerdere, door correctie vervangen inhoud."""

    versie: int
    inhoud: str | None
    toelichting: str | None = Field(description="Bij een correctie: waarom.")
    tijdstip: datetime

    @classmethod
    def of(cls, versie: EerdereVersie) -> "Verstrekkingsversie":
        return cls(
            versie=versie.versie,
            inhoud=versie.inhoud,
            toelichting=versie.toelichting,
            tijdstip=versie.tijdstip,
        )


class VoorwaardenWeergave(ApiModel):
    niet_voor_incidentele_deelnemers: bool
    alleen_voor_deelnemers: list[str] | None
    niet_aan_derden: bool
    toelichting: str | None

    @classmethod
    def of(cls, voorwaarden: Voorwaarden) -> "VoorwaardenWeergave":
        genoemd = voorwaarden.alleen_voor_deelnemers
        return cls(
            niet_voor_incidentele_deelnemers=voorwaarden.niet_voor_incidentele_deelnemers,
            alleen_voor_deelnemers=None if genoemd is None else sorted(genoemd),
            niet_aan_derden=voorwaarden.niet_aan_derden,
            toelichting=voorwaarden.toelichting,
        )


class Gegevensverstrekking(ApiModel):
    """Verstrekte gegevens, met de voorwaarden die ermee meereizen (art. 2.29 lid 3 WGS)."""

    id: str
    verstrekker: str
    categorie: Gegevenscategorie
    inhoud: str | None = Field(description="De huidige (eventueel gecorrigeerde) inhoud.")
    versie: int
    voorwaarden: VoorwaardenWeergave
    grondslag_beroepsgeheim: GrondslagBeroepsgeheim | None
    wettelijke_uiterlijke_bewaardatum: date | None
    gegevensverzoek: str | None
    verstrekt_op: datetime
    gewijzigd_op: datetime
    eerdere_versies: list[Verstrekkingsversie] | None = Field(
        description="Alleen voor de verstrekker en de gezamenlijk verwerkingsverantwoordelijken."
    )
    correctieverzoeken: list[Correctieverzoek] = Field(
        description=(
            "De verstrekker en de gezamenlijk verwerkingsverantwoordelijken zien alle "
            "meldingen, een melder zijn eigen."
        )
    )

    @classmethod
    def of(cls, v: VerstrekteGegevens) -> "Gegevensverstrekking":
        return cls(
            id=v.id,
            verstrekker=v.verstrekker,
            categorie=v.categorie,
            inhoud=v.inhoud,
            versie=v.versie,
            voorwaarden=VoorwaardenWeergave.of(v.voorwaarden),
            grondslag_beroepsgeheim=v.grondslag_beroepsgeheim,
            wettelijke_uiterlijke_bewaardatum=v.wettelijke_uiterlijke_bewaardatum,
            gegevensverzoek=v.gegevensverzoek,
            verstrekt_op=v.verstrekt_op,
            gewijzigd_op=v.gewijzigd_op,
            eerdere_versies=(
                None
                if v.eerdere_versies is None
                else [Verstrekkingsversie.of(x) for x in v.eerdere_versies]
            ),
            correctieverzoeken=[Correctieverzoek.of(m) for m in v.correctieverzoeken],
        )


class Gegevensverstrekkingen(ApiModel):
    """De verstrekte gegevens die uw deel vraagt en de voorwaarden toelaten."""

    gegevensverstrekkingen: list[Gegevensverstrekking]
