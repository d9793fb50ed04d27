"""Retention management on the wire: extensions, consents, the due list (art. 1.16 BGS)."""

from datetime import date, datetime
from enum import StrEnum

from pydantic import Field

from app.db.tables_bewaren import InstemmingRow, VerlengingRow
from app.db.verlopen import Verlopen
from app.rules.bewaartermijn_typen import Verlengingsreden
from app.schemas.base import ApiModel, RequestModel
from app.schemas.bewaartermijn import BewaartermijnUitkomst, VervalredenUitkomst
from app.schemas.casussen import MAX_TEKST
from app.schemas.fields import JaNee, Tekst
from app.services.bewaaroverzicht import CasusBewaarstand
from app.services.verlengingen import BeoordeeldeVerlenging, VerlengingBesluiten

_REDEN = (
    "`criteria-nog-van-toepassing` (situatie 1: op de maximale bewaardatum nog open omdat de "
    "criteria van art. 2.20 BGS gelden) of `terugvalrisico` (situatie 2: minder dan een jaar "
    "voor de maximale bewaardatum afgesloten, met groot risico op terugval)."
)


class VerlengingNieuw(RequestModel):
    """Een besluit tot verlenging van de bewaartermijn, vandaag genomen (art. 1.16 BGS).

    Vandaag moet in het besluitvenster liggen: op of voor de maximale bewaardatum die de
    verlenging verlengt, en niet meer dan `ZVH_VERLENGING_BESLUITVENSTER_MAANDEN` (standaard
    3) maanden ervoor; eerder is 400 `verlenging-te-vroeg`.
    """

    maanden: int = Field(
        strict=True,
        description="1 tot en met 24 maanden (art. 1.16 BGS: ten hoogste twee jaar per besluit).",
    )
    reden: Verlengingsreden = Field(description=_REDEN)
    motivering: Tekst = Field(
        min_length=1,
        max_length=MAX_TEKST,
        description="Waarom de situatie van toepassing is; wordt vastgelegd (factsheet).",
    )

    def to_command(self) -> VerlengingBesluiten:
        return VerlengingBesluiten(self.maanden, self.reden, self.motivering)


class InstemmingNieuw(RequestModel):
    """Het antwoord van een verstrekker op een verzoek om instemming (art. 1.16 BGS)."""

    instemming: JaNee = Field(
        strict=True,
        description=(
            "Of uw organisatie instemt met het langer bewaren van de gegevens die zij in deze "
            "casus verstrekte; zonder instemming gaan die gegevens op de maximale bewaardatum "
            "van voor de verlenging naar het archief."
        ),
    )


class Instemming(ApiModel):
    """Het verzoek om instemming aan één verstrekker en zijn antwoord."""

    deelnemer: str = Field(description="De verstrekker die om instemming is gevraagd.")
    instemming: bool | None = Field(description="Het antwoord; null zolang het open is.")
    gevraagd_op: datetime
    beantwoord_op: datetime | None


class Verlengingsbesluit(ApiModel):
    """Een verlenging van de maximale bewaardatum, met de verzoeken om instemming."""

    id: str
    casus_id: str
    besluitdatum: date
    maanden: int
    reden: Verlengingsreden = Field(description=_REDEN)
    motivering: str | None = Field(description="Leeg na anonimisering.")
    besloten_door: str = Field(description="De gezamenlijk verwerkingsverantwoordelijke.")
    ingangsdatum: date = Field(description="De maximale bewaardatum die deze verlenging verlengt.")
    einddatum: date = Field(
        description=(
            "De nieuwe maximale bewaardatum; bij een vervallen verlenging de datum die zij zou "
            "hebben gegeven."
        )
    )
    vervallen: bool = Field(
        description=(
            "Of de verlenging is vervallen. Bij elke wijziging van de casus wordt elke "
            "verlenging opnieuw beoordeeld: een verlenging in situatie 1 vervalt als de casus "
            "niet na de maximale bewaardatum die zij verlengt wordt afgesloten. Een vervallen "
            "verlenging verschuift geen datum."
        )
    )
    vervalredenen: list[VervalredenUitkomst] = Field(
        description="Waarom de verlenging is vervallen; leeg als zij geldt."
    )
    instemmingen: list[Instemming] = Field(
        description=(
            "De verzoeken om instemming: alle voor de verantwoordelijken, de archiefbeheerder "
            "en de beheerder; voor een verstrekker alleen het zijne."
        )
    )

    @classmethod
    def of(cls, besluit: BeoordeeldeVerlenging) -> "Verlengingsbesluit":
        v, toegepast = besluit.row, besluit.toegepast
        return cls(
            id=v.id,
            casus_id=v.casus_id,
            besluitdatum=v.besluitdatum,
            maanden=v.maanden,
            reden=Verlengingsreden(v.reden),
            motivering=v.motivering,
            besloten_door=v.deelnemer,
            ingangsdatum=toegepast.ingangsdatum,
            einddatum=toegepast.einddatum,
            vervallen=toegepast.vervallen,
            vervalredenen=[VervalredenUitkomst.of(r) for r in toegepast.vervalredenen],
            instemmingen=[
                Instemming(
                    deelnemer=i.deelnemer,
                    instemming=i.instemming,
                    gevraagd_op=i.gevraagd_op,
                    beantwoord_op=i.beantwoord_op,
                )
                for i in besluit.instemmingen
            ],
        )


class Verlengingsbesluiten(ApiModel):
    """De verlengingen van de bewaartermijn van de casus, met de verzoeken om instemming."""

    verlengingen: list[Verlengingsbesluit]


class Instemmingsverzoek(ApiModel):
    """Een open verzoek aan uw organisatie om in te stemmen met een verlenging."""

    casus_id: str
    verlenging_id: str
    besluitdatum: date
    maanden: int
    reden: Verlengingsreden = Field(description=_REDEN)
    motivering: str | None
    gevraagd_op: datetime

    @classmethod
    def of(cls, instemming: InstemmingRow, verlenging: VerlengingRow) -> "Instemmingsverzoek":
        return cls(
            casus_id=instemming.casus_id,
            verlenging_id=verlenging.id,
            besluitdatum=verlenging.besluitdatum,
            maanden=verlenging.maanden,
            reden=Verlengingsreden(verlenging.reden),
            motivering=verlenging.motivering,
            gevraagd_op=instemming.gevraagd_op,
        )


class Instemmingsverzoeken(ApiModel):
    """Een pagina open verzoeken om instemming met een verlenging aan uw organisatie."""

    instemmingsverzoeken: list[Instemmingsverzoek]
    pagina: int
    pagina_grootte: int
    volgende: str | None = Field(description="Link naar de volgende pagina, of null.")


class Archivering(ApiModel):
    """Wat naar het archief van de archiefbeheerder ging (art. 16 bestuurlijke afspraken)."""

    bron: str | None = Field(
        description="null: de hele casus; `aanmelding` of het kenmerk van een verstrekking."
    )
    gearchiveerd_op: datetime
    archiefbeheerder: str = Field(
        description="Wie het archief beheert: verzoeken van de betrokkene gaan daarheen."
    )
    sha256: str = Field(description="SHA-256 van het archiefdocument.")


class CasusBewaartermijn(BewaartermijnUitkomst):
    """De bewaartermijn van een opgeslagen casus; bronnen: de aanmelding en de verstrekkingen."""

    archiveringen: list[Archivering] = Field(
        description="Wat van deze casus al is gearchiveerd en geanonimiseerd."
    )

    @classmethod
    def van(cls, stand: CasusBewaarstand) -> "CasusBewaartermijn":
        basis = BewaartermijnUitkomst.of(stand.uitkomst, stand.beleid)
        return cls(
            **basis.model_dump(),
            archiveringen=[
                Archivering(
                    bron=d.bron_id,
                    gearchiveerd_op=d.gearchiveerd_op,
                    archiefbeheerder=d.archiefbeheerder,
                    sha256=d.sha256,
                )
                for d in stand.archiefdocumenten
            ],
        )


class Verloopsoort(StrEnum):
    CASUS = "casus"
    AANMELDING = "aanmelding"
    GEGEVENSVERSTREKKING = "gegevensverstrekking"


class VerlopenRegel(ApiModel):
    """Een casus, of een bron van een casus die verder bewaard blijft, die te archiveren is."""

    soort: Verloopsoort = Field(
        description="`casus`: de hele casus; anders één bron (de aanmelding of een verstrekking)."
    )
    casus_id: str
    bron_id: str | None = Field(description="Kenmerk van de bron; null bij `casus`.")
    deelnemer: str | None = Field(description="De verstrekker van de bron; null bij `casus`.")
    archiefdatum: date

    @classmethod
    def of(cls, r: Verlopen) -> "VerlopenRegel":
        return cls(
            soort=Verloopsoort(r.soort),
            casus_id=r.casus_id,
            bron_id=r.bron_id,
            deelnemer=r.deelnemer,
            archiefdatum=r.archiefdatum,
        )


class VerlopenPagina(ApiModel):
    """Een pagina te archiveren casussen en bronnen op de peildatum (art. 1.8 lid 7 WGS)."""

    peildatum: date
    verlopen: list[VerlopenRegel]
    pagina: int
    pagina_grootte: int
    volgende: str | None = Field(description="Link naar de volgende pagina, of null.")
