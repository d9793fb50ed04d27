"""Data subjects' requests on the wire (AVG art. 12, 15-22; art. 41 UAVG; model art. 14)."""

from datetime import date, datetime
from typing import Annotated, Any

from pydantic import ConfigDict, Field

from app.rules.betrokkenenverzoek import Grond41, Opdrachtsoort, Standpunt, Uitkomst, Verzoeksoort
from app.schemas.base import ApiModel, RequestModel
from app.schemas.casussen import MAX_TEKST, Betrokkene
from app.schemas.fields import Datum, Tekst
from app.services import betrokkenenverzoeken as service

Motivering = Annotated[Tekst, Field(min_length=1, max_length=MAX_TEKST)]
Kenmerk = Annotated[Tekst, Field(min_length=1, max_length=36)]


class BetrokkenenverzoekNieuw(RequestModel):
    """Een verzoek van een betrokkene, ontvangen door het contactpunt (art. 14.1 bestuurlijke
    afspraken)."""

    model_config = ConfigDict(
        json_schema_extra={
            "examples": [
                {
                    "soort": "inzage",
                    "betrokkene": {
                        "bsn": "111222333",
                        "voornamen": "Jan Pieter",
                        "achternaam": "Jansen",
                        "geboortedatum": "1990-04-01",
                    },
                    "ontvangenOp": "2027-01-31",
                    "omschrijving": "Betrokkene vraagt per brief welke gegevens over hem zijn vastgelegd.",
                }
            ]
        }
    )

    soort: Verzoeksoort = Field(
        description=(
            "`inzage` (art. 15 AVG), `rectificatie` (art. 16), `wissing` (art. 17), "
            "`beperking` (art. 18), `bezwaar` (art. 21)."
        )
    )
    betrokkene: Betrokkene = Field(
        description=(
            "De persoon: gezocht op BSN, of zonder BSN op voornamen, achternaam en "
            "geboortedatum, in alle casussen van het samenwerkingsverband (ook afgeschermde)."
        )
    )
    ontvangen_op: Datum = Field(description="De dag van ontvangst; niet in de toekomst.")
    omschrijving: Motivering

    def to_command(self) -> service.RecordBetrokkenenverzoek:
        return service.RecordBetrokkenenverzoek(
            soort=self.soort,
            bsn=self.betrokkene.bsn,
            voornamen=self.betrokkene.voornamen,
            achternaam=self.betrokkene.achternaam,
            geboortedatum=self.betrokkene.geboortedatum,
            ontvangen_op=self.ontvangen_op,
            omschrijving=self.omschrijving,
        )


class Verlenging(RequestModel):
    """Verleng de termijn eenmaal met twee maanden (art. 12 lid 3 AVG)."""

    model_config = ConfigDict(
        json_schema_extra={"examples": [{"motivering": "Zes deelnemers betrokken; complex."}]}
    )

    motivering: Motivering

    def to_command(self) -> service.ExtendBetrokkenenverzoek:
        return service.ExtendBetrokkenenverzoek(motivering=self.motivering)


class Reactie(RequestModel):
    """De reactie van een betrokken deelnemer voor zijn eigen deel (art. 14.3-14.4
    bestuurlijke afspraken)."""

    model_config = ConfigDict(
        json_schema_extra={
            "examples": [
                {
                    "standpunt": "beperking",
                    "grond": "d",
                    "onderdelen": ["7d1e4c2a-0000-4000-8000-000000000001"],
                    "herbeoordelingOp": "2027-06-01",
                    "motivering": "Lopend opsporingsonderzoek.",
                },
                {"standpunt": "geen-bezwaar"},
            ]
        }
    )

    standpunt: Standpunt = Field(
        description=(
            "`geen-bezwaar`, of `beperking` met een grond van art. 41 lid 1 UAVG. Een latere "
            "`geen-bezwaar` heft een eerdere beperking op (art. 14.4)."
        )
    )
    grond: Grond41 | None = Field(
        default=None, description="Bij `beperking`: de letter van art. 41 lid 1 UAVG (a-j)."
    )
    onderdelen: list[Kenmerk] | None = Field(
        default=None,
        max_length=200,
        description=(
            "Bij `beperking`: de kenmerken van de eigen onderdelen die de beperking dekt: een "
            "eigen verstrekking, de eigen aanmelding (het casuskenmerk) of een eigen "
            "interventie in het plan van aanpak."
        ),
    )
    herbeoordeling_op: Datum | None = Field(
        default=None, description="Bij `beperking`: wanneer de deelnemer haar opnieuw beoordeelt."
    )
    motivering: Motivering | None = None

    def to_command(self) -> service.ReactToBetrokkenenverzoek:
        return service.ReactToBetrokkenenverzoek(
            standpunt=self.standpunt,
            grond=self.grond,
            onderdelen=tuple(self.onderdelen) if self.onderdelen is not None else None,
            herbeoordeling_op=self.herbeoordeling_op,
            motivering=self.motivering,
        )


class Besluit(RequestModel):
    """Het besluit op het verzoek, na overleg met alle betrokken deelnemers (art. 14.3)."""

    model_config = ConfigDict(
        json_schema_extra={
            "examples": [
                {"uitkomst": "deels-toegewezen", "motivering": "Inzage behalve de beperkte delen."}
            ]
        }
    )

    uitkomst: Uitkomst
    motivering: Motivering

    def to_command(self) -> service.DecideBetrokkenenverzoek:
        return service.DecideBetrokkenenverzoek(uitkomst=self.uitkomst, motivering=self.motivering)


class ReactieWeergave(ApiModel):
    deelnemer: str
    standpunt: Standpunt
    grond: Grond41 | None
    onderdelen: list[str] | None
    herbeoordeling_op: date | None
    motivering: str | None
    tijdstip: datetime

    @classmethod
    def of(cls, r: service.Verzoekreactie) -> "ReactieWeergave":
        return cls(
            deelnemer=r.deelnemer,
            standpunt=r.standpunt,
            grond=r.grond,
            onderdelen=list(r.onderdelen) if r.onderdelen is not None else None,
            herbeoordeling_op=r.herbeoordeling_op,
            motivering=r.motivering,
            tijdstip=r.tijdstip,
        )


class Opdracht(ApiModel):
    """Wat een deelnemer na het besluit moet doen, via de bestaande weg: correctie door de
    verstrekker (art. 1.6 BGS) of de bewaartermijnen; nooit door de geschiedenis te wijzigen."""

    deelnemer: str
    handeling: Opdrachtsoort = Field(
        description="`corrigeren`, `wissen`, `beperken` of `verwerking-staken`."
    )
    onderdelen: list[str]
    toelichting: str

    @classmethod
    def of(cls, o: service.Opdracht) -> "Opdracht":
        return cls(
            deelnemer=o.deelnemer,
            handeling=o.handeling,
            onderdelen=list(o.onderdelen),
            toelichting=o.toelichting,
        )


class EigenOnderdeel(ApiModel):
    """Een onderdeel van de gegevens van de persoon dat van de deelnemer zelf is."""

    id: str = Field(description="Het kenmerk om in `onderdelen` van een beperking te noemen.")
    soort: str = Field(description="`aanmelding`, `verstrekking` of `interventie`.")
    casus: str

    @classmethod
    def of(cls, o: service.EigenOnderdeel) -> "EigenOnderdeel":
        return cls(id=o.id, soort=o.soort, casus=o.casus)


class DeelnemerStand(ApiModel):
    deelnemer: str
    gereageerd: bool
    standpunt: Standpunt | None

    @classmethod
    def of(cls, d: service.DeelnemerStand) -> "DeelnemerStand":
        return cls(deelnemer=d.deelnemer, gereageerd=d.gereageerd, standpunt=d.standpunt)


class Betrokkenenverzoek(ApiModel):
    """Een verzoek van een betrokkene. Een betrokken deelnemer ziet alleen zijn eigen deel."""

    id: str
    soort: Verzoeksoort
    ontvangen_op: date
    uiterlijke_beslisdatum: date = Field(
        description="Ontvangst + 1 kalendermaand, na verlenging + 3 (art. 12 lid 3 AVG)."
    )
    verlengd: bool
    verlenging_motivering: str | None
    open: bool
    verlopen: bool = Field(description="Nog open en vandaag na de uiterlijke beslisdatum.")
    betrokkene: dict[str, Any] | None = Field(
        description="Naam en geboortedatum; alleen voor het contactpunt (nooit het BSN)."
    )
    omschrijving: str | None
    casussen: list[str] = Field(description="De casussen van de persoon die u aangaan.")
    betrokken_deelnemers: list[DeelnemerStand]
    reacties: list[ReactieWeergave] = Field(
        description="Alle reacties voor het contactpunt; voor een deelnemer alleen de eigen."
    )
    uitkomst: Uitkomst | None
    besluit_motivering: str | None
    besloten_op: datetime | None
    opdrachten: list[Opdracht] = Field(
        description="Na een besluit: wat de deelnemers moeten doen (voor een deelnemer: het eigen)."
    )
    eigen_onderdelen: list[EigenOnderdeel] = Field(
        description=(
            "Voor een betrokken deelnemer: zijn eigen onderdelen, die hij met een beperking "
            "kan afschermen; leeg voor het contactpunt."
        )
    )

    @classmethod
    def of(cls, v: service.Betrokkenenverzoek) -> "Betrokkenenverzoek":
        persoon = v.betrokkene
        return cls(
            id=v.id,
            soort=v.soort,
            ontvangen_op=v.ontvangen_op,
            uiterlijke_beslisdatum=v.uiterlijke_beslisdatum,
            verlengd=v.verlengd,
            verlenging_motivering=v.verlenging_motivering,
            open=v.open,
            verlopen=v.verlopen,
            betrokkene=(
                {
                    "voornamen": persoon.voornamen,
                    "achternaam": persoon.achternaam,
                    "geboortedatum": persoon.geboortedatum.isoformat(),
                }
                if persoon is not None
                else None
            ),
            omschrijving=v.omschrijving,
            casussen=list(v.casussen),
            betrokken_deelnemers=[DeelnemerStand.of(d) for d in v.betrokken_deelnemers],
            reacties=[ReactieWeergave.of(r) for r in v.reacties],
            uitkomst=v.uitkomst,
            besluit_motivering=v.besluit_motivering,
            besloten_op=v.besloten_op,
            opdrachten=[Opdracht.of(o) for o in v.opdrachten],
            eigen_onderdelen=[EigenOnderdeel.of(o) for o in v.eigen_onderdelen],
        )


class BetrokkenenverzoekenLijst(ApiModel):
    verzoeken: list[Betrokkenenverzoek]

    @classmethod
    def of(cls, verzoeken: list[service.Betrokkenenverzoek]) -> "BetrokkenenverzoekenLijst":
        return cls(verzoeken=[Betrokkenenverzoek.of(v) for v in verzoeken])


class InzageRegistratie(ApiModel):
    casus: str
    status: str
    aanmelder: str
    aanmelddatum: date
    aanmeldreden: str | None

    @classmethod
    def of(cls, r: service.InzageRegistratie) -> "InzageRegistratie":
        return cls(
            casus=r.casus,
            status=r.status,
            aanmelder=r.aanmelder,
            aanmelddatum=r.aanmelddatum,
            aanmeldreden=r.aanmeldreden,
        )


class InzageVerstrekking(ApiModel):
    id: str
    casus: str
    verstrekker: str
    categorie: str
    verstrekt_op: datetime
    inhoud: str | None

    @classmethod
    def of(cls, v: service.InzageVerstrekking) -> "InzageVerstrekking":
        return cls(
            id=v.id,
            casus=v.casus,
            verstrekker=v.verstrekker,
            categorie=v.categorie,
            verstrekt_op=v.verstrekt_op,
            inhoud=v.inhoud,
        )


class InzageInterventie(ApiModel):
    id: str
    casus: str
    deelnemer: str
    omschrijving: str | None
    termijn: date

    @classmethod
    def of(cls, i: service.InzageInterventie) -> "InzageInterventie":
        return cls(
            id=i.id,
            casus=i.casus,
            deelnemer=i.deelnemer,
            omschrijving=i.omschrijving,
            termijn=i.termijn,
        )


class Inzage(ApiModel):
    """De gegevens van de persoon over alle casussen, zonder de delen onder een beperking."""

    verzoek: str
    registraties: list[InzageRegistratie]
    verstrekkingen: list[InzageVerstrekking]
    interventies: list[InzageInterventie]
    weggelaten: int = Field(
        description="Hoeveel delen onder een beperking (art. 41 UAVG) zijn weggelaten."
    )

    @classmethod
    def of(cls, inzage: service.Inzage) -> "Inzage":
        return cls(
            verzoek=inzage.verzoek,
            registraties=[InzageRegistratie.of(r) for r in inzage.registraties],
            verstrekkingen=[InzageVerstrekking.of(v) for v in inzage.verstrekkingen],
            interventies=[InzageInterventie.of(i) for i in inzage.interventies],
            weggelaten=inzage.weggelaten,
        )
