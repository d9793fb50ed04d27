"""The retention calculation on the wire: `POST /v1/bewaartermijn-berekeningen`."""

from datetime import date

from pydantic import Field

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
    VerdereVerlenging,
    Verlenging,
    Verlengingsreden,
    Vervalreden,
)
from app.schemas.base import ApiModel, RequestModel
from app.schemas.deelnemers import ID_PATTERN
from app.schemas.fields import Datum, JaNee, Tekst

_REDEN = (
    "Situatie van art. 1.16 BGS: `criteria-nog-van-toepassing` (situatie 1: de casus is op de "
    "maximale bewaardatum nog open omdat de criteria van art. 2.20 BGS nog gelden) of "
    "`terugvalrisico` (situatie 2: de casus is minder dan een jaar voor de maximale "
    "bewaardatum afgesloten en er is een groot risico op terugval)."
)


class VerlengingInvoer(RequestModel):
    """Een besluit tot verlenging van de bewaartermijn (art. 1.16 BGS)."""

    besluitdatum: Datum = Field(
        description=(
            "Datum van het besluit: uiterlijk op de maximale bewaardatum die de verlenging "
            "verlengt, op zijn vroegst het besluitvenster (standaard 3 maanden, "
            "`ZVH_VERLENGING_BESLUITVENSTER_MAANDEN`) ervoor, en bij een volgende verlenging na "
            "de ingang van de vorige. De situatie wordt beoordeeld naar de toestand van de casus "
            "op deze datum; wat daarna gebeurt (een afsluiting voor de maximale bewaardatum) kan "
            "de verlenging doen vervallen."
        )
    )
    maanden: int = Field(
        strict=True,
        description=(
            "Aantal maanden verlenging: 1 tot en met het plafond van het bewaarbeleid, ten "
            "hoogste 24 (art. 1.16 BGS: ten hoogste twee jaar, hoeft niet volledig te worden "
            "gebruikt)."
        ),
    )
    reden: Verlengingsreden = Field(description=_REDEN)

    def to_rule(self) -> Verlenging:
        return Verlenging(besluitdatum=self.besluitdatum, maanden=self.maanden, reden=self.reden)


class BronInvoer(RequestModel):
    """Gegevens van één aanleverende deelnemer in de casus."""

    id: Tekst = Field(
        min_length=1, max_length=100, description="Kenmerk van de bron, uniek in dit verzoek."
    )
    deelnemer: Tekst = Field(
        pattern=ID_PATTERN, description="Kenmerk van de deelnemer die de gegevens aanleverde."
    )
    instemming_verlenging: JaNee = Field(
        default=False,
        strict=True,
        description=(
            "Of de deelnemer instemt met langer bewaren na een verlenging; zonder instemming "
            "geldt voor deze bron de maximale bewaardatum van voor de verlengingen "
            "(art. 1.16 BGS, factsheet Bewaartermijnen)."
        ),
    )
    wettelijke_uiterlijke_bewaardatum: Datum | None = Field(
        default=None,
        description=(
            "Uiterste bewaardatum volgens een andere wet (bijvoorbeeld de Wvggz of de Wzd); "
            "geen verlenging brengt de bron daarna (factsheet Bewaartermijnen)."
        ),
    )

    def to_rule(self) -> Bron:
        return Bron(
            id=self.id,
            deelnemer=self.deelnemer,
            instemming_verlenging=self.instemming_verlenging,
            wettelijke_uiterlijke_bewaardatum=self.wettelijke_uiterlijke_bewaardatum,
        )


class BewaartermijnBerekening(RequestModel):
    """De gegevens van één casus (één aanmelding) waarvan de bewaartermijn wordt berekend."""

    aanmelddatum: Datum = Field(
        description=(
            "Datum van de aanmelding: de eerste verwerking, waarop de bewaartermijn begint "
            "(art. 1.8 lid 7 WGS). Een nieuwe aanmelding na afsluiting begint een nieuwe termijn."
        )
    )
    afsluitdatum: Datum | None = Field(
        default=None, description="Datum waarop de casus is afgesloten; niet voor de aanmelddatum."
    )
    afwijzingsdatum: Datum | None = Field(
        default=None,
        description=(
            "Datum waarop de aanmelding is afgewezen (niet in behandeling genomen, art. 1.16 lid 1 "
            "BGS); een afgewezen aanmelding geldt als direct afgesloten casus. Niet samen met "
            "`afsluitdatum`."
        ),
    )
    verlengingen: list[VerlengingInvoer] = Field(
        default_factory=list,
        max_length=50,
        description="De verlengingsbesluiten (art. 1.16 BGS), in de volgorde waarin ze zijn genomen.",
    )
    bronnen: list[BronInvoer] = Field(
        default_factory=list,
        max_length=1000,
        description="De aanleverende deelnemers, elk met een eigen archiefdatum in het antwoord.",
    )
    heropeningen: list[Datum] = Field(
        default_factory=list,
        max_length=50,
        description=(
            "Data waarop de casus na een afsluiting is heropend (door de beheerder). Elk na de "
            "aanmelddatum, niet na de `afsluitdatum` (die is de laatste afsluiting) en niet na "
            "de maximale bewaardatum; niet bij een afgewezen aanmelding. Een heropening na een "
            "besluit in situatie 2 is de terugval die dat besluit voorzag: de verlenging blijft "
            "gelden en gaat in op de maximale bewaardatum die zij verlengt."
        ),
    )
    peildatum: Datum | None = Field(
        default=None,
        description="Datum waarop `verlopen` wordt bepaald; standaard vandaag (Europe/Amsterdam).",
    )

    def to_rule(self) -> Casusdata:
        return Casusdata(
            aanmelddatum=self.aanmelddatum,
            afsluitdatum=self.afsluitdatum,
            afwijzingsdatum=self.afwijzingsdatum,
            verlengingen=tuple(v.to_rule() for v in self.verlengingen),
            bronnen=tuple(b.to_rule() for b in self.bronnen),
            heropeningen=tuple(self.heropeningen),
        )


class VervalredenUitkomst(ApiModel):
    """Waarom een besloten verlenging niet (meer) geldt."""

    code: str = Field(
        description=(
            "Stabiele code, zoals `verlenging-vervallen-casus-afgesloten` (situatie 1, de casus "
            "is niet na de maximale bewaardatum afgesloten) of, bij een opgeslagen besluit dat "
            "niet (meer) aan de regels voldoet, de code van die regel (bijvoorbeeld "
            "`verlenging-te-vroeg`)."
        )
    )
    toelichting: str = Field(description="Uitleg in het Nederlands.")

    @classmethod
    def of(cls, reden: Vervalreden) -> "VervalredenUitkomst":
        return cls(code=reden.code, toelichting=reden.toelichting)


class VerlengingUitkomst(ApiModel):
    """Een beoordeelde verlenging, met haar afgeleide ingangs- en einddatum."""

    besluitdatum: date = Field(description="Datum van het besluit.")
    maanden: int = Field(description="Aantal maanden verlenging.")
    reden: Verlengingsreden = Field(description=_REDEN)
    ingangsdatum: date = Field(
        description="De maximale bewaardatum die deze verlenging verlengt: daar gaat zij in."
    )
    einddatum: date = Field(
        description=(
            "Ingangsdatum plus `maanden`: de nieuwe maximale bewaardatum (art. 1.16 BGS); bij "
            "een vervallen verlenging de datum die zij zou hebben gegeven."
        )
    )
    vervallen: bool = Field(
        description=(
            "Of de verlenging is vervallen: zij verschuift dan geen datum, en een volgende "
            "verlenging gaat in op de maximale bewaardatum zonder haar. Een vervallen verlenging "
            "blijft zichtbaar, met haar redenen."
        )
    )
    vervalredenen: list[VervalredenUitkomst] = Field(
        description="Waarom de verlenging is vervallen; leeg als zij geldt."
    )

    @classmethod
    def of(cls, verlenging: ToegepasteVerlenging) -> "VerlengingUitkomst":
        return cls(
            besluitdatum=verlenging.besluitdatum,
            maanden=verlenging.maanden,
            reden=verlenging.reden,
            ingangsdatum=verlenging.ingangsdatum,
            einddatum=verlenging.einddatum,
            vervallen=verlenging.vervallen,
            vervalredenen=[VervalredenUitkomst.of(r) for r in verlenging.vervalredenen],
        )


class BronUitkomst(ApiModel):
    """De archiefdatum van de gegevens van één bron."""

    id: str = Field(description="Kenmerk van de bron, zoals meegestuurd.")
    deelnemer: str = Field(description="De deelnemer die de gegevens aanleverde.")
    archiefdatum: date = Field(
        description=(
            "De vroegste van: de archiefdatum van de casus, de wettelijke uiterlijke bewaardatum "
            "van de bron en, zonder instemming met verlenging, de maximale bewaardatum van voor "
            "de verlengingen (art. 1.16 BGS, factsheet Bewaartermijnen)."
        )
    )
    verlopen: bool = Field(description="Of de peildatum na de archiefdatum van de bron ligt.")
    begrensd_door: BronGrens = Field(
        description=(
            "Welke grens de archiefdatum bepaalt: `casus`, `wettelijke-uiterlijke-bewaardatum` "
            "of `geen-instemming-verlenging`."
        )
    )

    @classmethod
    def of(cls, bron: BronBewaartermijn) -> "BronUitkomst":
        return cls.model_validate(bron, from_attributes=True)


class InzagetermijnUitkomst(ApiModel):
    """De periode na afsluiting (of afwijzing) waarin de casus beschikbaar blijft."""

    vanaf: date = Field(description="De afsluit- of afwijzingsdatum.")
    tot: date = Field(description="De archiefdatum.")
    maanden: int = Field(description="Hele kalendermaanden van `vanaf` tot `tot`.")
    dagen: int = Field(description="Resterende dagen na die hele maanden.")
    ingekort: bool = Field(
        description=(
            "Of de periode na afsluiting korter is dan het beleid (standaard een jaar) omdat de "
            "maximale bewaardatum eerder valt (factsheet Bewaartermijnen, voorbeelden 2 en 3)."
        )
    )

    @classmethod
    def of(cls, termijn: Inzagetermijn) -> "InzagetermijnUitkomst":
        return cls.model_validate(termijn, from_attributes=True)


class VerdereVerlengingUitkomst(ApiModel):
    """Of op de peildatum nog een verlenging kan worden besloten (art. 1.16 BGS)."""

    mogelijk: bool = Field(description="Of op de peildatum een verlenging kan worden besloten.")
    situatie: Verlengingsreden | None = Field(
        description="De situatie van art. 1.16 BGS die van toepassing is, of null."
    )
    vroegste_besluitdatum: date | None = Field(
        description=(
            "Vanaf wanneer een volgende verlenging kan worden besloten: het begin van het "
            "besluitvenster voor de maximale bewaardatum (en niet voor de ingang van de vorige "
            "verlenging of, in situatie 2, de afsluiting), of null."
        )
    )
    uiterlijke_besluitdatum: date | None = Field(
        description="De huidige maximale bewaardatum: uiterlijk dan moet besloten zijn, of null."
    )
    maximale_maanden: int | None = Field(
        description="Het hoogste aantal maanden van een verlenging, of null."
    )
    toelichting: str = Field(description="Uitleg in het Nederlands.")

    @classmethod
    def of(cls, verdere: VerdereVerlenging) -> "VerdereVerlengingUitkomst":
        return cls.model_validate(verdere, from_attributes=True)


class BewaarbeleidUitkomst(ApiModel):
    """Het bewaarbeleid waarmee is gerekend (instelbaar per omgeving, `ZVH_*`)."""

    maximum_jaren: int = Field(description="Maximale bewaartermijn in jaren (art. 1.8 lid 7 WGS).")
    na_afsluiting_maanden: int = Field(
        description="Bewaren na afsluiting, in maanden (landelijke afspraak, factsheet)."
    )
    na_afwijzing_maanden: int = Field(
        description="Bewaren na de aanmelding bij afwijzing, in maanden (art. 1.16 lid 1 BGS, factsheet)."
    )
    verlenging_maximum_maanden: int = Field(
        description="Hoogste aantal maanden per verlenging (art. 1.16 BGS)."
    )
    besluitvenster_maanden: int = Field(
        description=(
            "Hoeveel maanden voor de maximale bewaardatum een verlenging op zijn vroegst wordt "
            "besloten (`ZVH_VERLENGING_BESLUITVENSTER_MAANDEN`, 1 tot en met 6)."
        )
    )

    @classmethod
    def of(cls, beleid: Bewaarbeleid) -> "BewaarbeleidUitkomst":
        return cls.model_validate(beleid, from_attributes=True)


class BewaartermijnUitkomst(ApiModel):
    """De bewaartermijn van één casus, met de toegepaste artikelen en een toelichting."""

    status: Status = Field(
        description="`open`, `afgesloten` of `afgewezen`, afgeleid uit de meegestuurde datums."
    )
    oorspronkelijke_maximale_bewaardatum: date = Field(
        description=(
            "Aanmelddatum plus de maximale termijn (vijf jaar, art. 1.8 lid 7 WGS), voor "
            "verlenging; zonder instemming blijft een bron hieraan gebonden."
        )
    )
    maximale_bewaardatum: date = Field(
        description="De maximale bewaardatum na alle verlengingen (art. 1.8 lid 7 WGS, art. 1.16 BGS)."
    )
    archiefdatum: date = Field(
        description=(
            "Datum waarna de casus wordt gearchiveerd en geanonimiseerd: bij afwijzing de "
            "aanmelddatum plus een jaar; bij afsluiting de afsluitdatum plus een jaar, maar niet "
            "na de maximale bewaardatum; anders de maximale bewaardatum (factsheet Bewaartermijnen)."
        )
    )
    peildatum: date = Field(description="De peildatum waarop `verlopen` is bepaald.")
    verlopen: bool = Field(description="Of de peildatum na de archiefdatum ligt.")
    inzagetermijn_na_afsluiting: InzagetermijnUitkomst | None = Field(
        description=(
            "De periode van afsluiting (of afwijzing) tot de archiefdatum waarin de casus "
            "beschikbaar blijft voor AVG-rechten en heropening; null bij een open casus."
        )
    )
    verlengingen: list[VerlengingUitkomst] = Field(
        description=(
            "De verlengingen, in volgorde, elk met afgeleide `ingangsdatum` en `einddatum`; een "
            "vervallen verlenging staat er ook in, met `vervallen` en haar redenen."
        )
    )
    bronnen: list[BronUitkomst] = Field(description="Per bron de eigen archiefdatum.")
    verdere_verlenging: VerdereVerlengingUitkomst = Field(
        description="Of op de peildatum nog een verlenging kan worden besloten, en in welke situatie."
    )
    grondslag: list[str] = Field(
        description="De toegepaste artikelen en afspraken, in de volgorde van toepassing."
    )
    toelichting: str = Field(description="Uitleg van de berekening in het Nederlands.")
    bewaarbeleid: BewaarbeleidUitkomst = Field(description="Het bewaarbeleid waarmee is gerekend.")

    @classmethod
    def of(cls, uitkomst: Bewaartermijn, beleid: Bewaarbeleid) -> "BewaartermijnUitkomst":
        inzage = uitkomst.inzagetermijn
        return cls(
            status=uitkomst.status,
            oorspronkelijke_maximale_bewaardatum=uitkomst.oorspronkelijke_maximale_bewaardatum,
            maximale_bewaardatum=uitkomst.maximale_bewaardatum,
            archiefdatum=uitkomst.archiefdatum,
            peildatum=uitkomst.peildatum,
            verlopen=uitkomst.verlopen,
            inzagetermijn_na_afsluiting=InzagetermijnUitkomst.of(inzage) if inzage else None,
            verlengingen=[VerlengingUitkomst.of(v) for v in uitkomst.verlengingen],
            bronnen=[BronUitkomst.of(b) for b in uitkomst.bronnen],
            verdere_verlenging=VerdereVerlengingUitkomst.of(uitkomst.verdere_verlenging),
            grondslag=list(uitkomst.grondslag),
            toelichting=uitkomst.toelichting,
            bewaarbeleid=BewaarbeleidUitkomst.of(beleid),
        )
