"""The plan of approach on the wire (art. 2.31 lid 5 WGS; art. 8.2, 8.5 and 8a bestuurlijke afspraken)."""

from datetime import date, datetime
from enum import StrEnum

from pydantic import Field

from app.domain.plan_van_aanpak import PlanWeergave as PlanWeergave
from app.schemas.base import ApiModel, RequestModel
from app.schemas.casusoverleg import DeelnemerKenmerk
from app.schemas.casussen import ID_PATTERN, MAX_TEKST
from app.schemas.fields import Datum, Tekst
from app.services import plan_van_aanpak as service


class InterventieNieuw(RequestModel):
    """Een interventie: welke deelnemer wat doet, en uiterlijk wanneer."""

    deelnemer: Tekst = Field(
        pattern=ID_PATTERN,
        description=(
            "Een geselecteerde deelnemer, of een incidentele deelnemer met een ondertekende "
            "geheimhoudingsverklaring."
        ),
    )
    omschrijving: Tekst = Field(min_length=1, max_length=MAX_TEKST)
    termijn: Datum = Field(description="Uiterlijke datum waarop de interventie is uitgevoerd.")


class PlanVanAanpakNieuw(RequestModel):
    """Een nieuwe versie van het plan van aanpak, zoals afgesproken in het casusoverleg.

    Elke PUT met een andere inhoud legt een nieuwe versie vast; eerdere versies blijven
    bewaard. Een PUT met precies de inhoud van de huidige versie verandert niets.
    """

    doelen: list[Tekst] = Field(
        min_length=1,
        max_length=20,
        description="De doelen van de gezamenlijke aanpak (art. 2.26 WGS).",
    )
    interventies: list[InterventieNieuw] = Field(default_factory=list, max_length=50)
    informeert_betrokkene: DeelnemerKenmerk | None = Field(
        default=None,
        description=(
            "De deelnemer die de betrokkene over de uitkomsten van het casusoverleg informeert "
            "(art. 8.2 bestuurlijke afspraken): een geselecteerde deelnemer of een gezamenlijk "
            "verwerkingsverantwoordelijke. `null`: niets afgesproken; dan informeren de "
            "gezamenlijk verwerkingsverantwoordelijken."
        ),
    )
    casusregisseur: DeelnemerKenmerk | None = Field(
        default=None,
        description=(
            "Optioneel: de geselecteerde deelnemer wiens medewerker casusregisseur is en "
            "toeziet op de naleving van het plan (art. 8a bestuurlijke afspraken)."
        ),
    )
    casusoverleg: Tekst | None = Field(
        default=None,
        max_length=36,
        description="Optioneel: het casusoverleg van deze casus waarin het plan is afgesproken.",
    )

    def to_command(self) -> service.PlanVaststellen:
        return service.PlanVaststellen(
            doelen=tuple(self.doelen),
            interventies=tuple(
                service.Interventie(i.deelnemer, i.omschrijving, i.termijn)
                for i in self.interventies
            ),
            informeert_betrokkene=self.informeert_betrokkene,
            casusregisseur=self.casusregisseur,
            casusoverleg=self.casusoverleg,
        )


TERUGVAL = (
    "Er is niets afgesproken over wie de betrokkene informeert; de verantwoordelijkheid "
    "valt terug op de gezamenlijk verwerkingsverantwoordelijken (art. 8.2 bestuurlijke "
    "afspraken)."
)


class InformerenBelegdBij(StrEnum):
    """Wie de betrokkene informeert over de uitkomsten van het casusoverleg (art. 8.2)."""

    AFGESPROKEN_DEELNEMER = "afgesproken-deelnemer"
    GEZAMENLIJK_VERWERKINGSVERANTWOORDELIJKEN = "gezamenlijk-verwerkingsverantwoordelijken"


class Interventie(ApiModel):
    deelnemer: str
    omschrijving: str | None
    termijn: date


class PlanVanAanpak(ApiModel):
    """Eén versie van het plan van aanpak, in de weergave die bij uw deel past."""

    versie: int = Field(description="1 voor het eerste plan; elke wijziging telt één op.")
    weergave: PlanWeergave = Field(
        description=(
            "`volledig` voor wie de hele casus ziet en de casusregisseur (bij een afgeschermde "
            "casus de aangewezen beheerder, archiefbeheerder en contactpunt; de coördinerend "
            "FG voor toezicht); `deelnemer`: een geselecteerde deelnemer ziet de doelen en "
            "alleen zijn eigen interventies (need to know, memorie van toelichting bij art. "
            "2.31 WGS); `opzet`: een gezamenlijk verwerkingsverantwoordelijke die niet voor de "
            "casus geselecteerd is, ziet geen doelen en interventies, wel wie de betrokkene "
            "informeert (zijn terugvalplicht, art. 8.2)."
        )
    )
    doelen: list[str] | None = Field(description="null in de weergave `opzet`.")
    interventies: list[Interventie] | None = Field(description="null in de weergave `opzet`.")
    informeert_betrokkene: str | None = Field(
        description="De afgesproken deelnemer, of `null` als niets is afgesproken (art. 8.2)."
    )
    informeren_belegd_bij: InformerenBelegdBij = Field(
        description=(
            "Afgeleid: bij wie het informeren van de betrokkene ligt. Zonder afspraak valt "
            "het terug op de gezamenlijk verwerkingsverantwoordelijken (art. 8.2)."
        )
    )
    informeert_betrokkene_toelichting: str
    casusregisseur: str | None = Field(description="Optioneel (art. 8a bestuurlijke afspraken).")
    casusoverleg: str | None
    vastgesteld_op: datetime
    vastgesteld_door: str

    @classmethod
    def of(cls, plan: service.Plan) -> "PlanVanAanpak":
        informeert = plan.informeert_betrokkene
        return cls(
            versie=plan.versie,
            weergave=plan.weergave,
            doelen=list(plan.doelen) if plan.doelen is not None else None,
            interventies=(
                [
                    Interventie(
                        deelnemer=i.deelnemer, omschrijving=i.omschrijving, termijn=i.termijn
                    )
                    for i in plan.interventies
                ]
                if plan.interventies is not None
                else None
            ),
            informeert_betrokkene=informeert,
            informeren_belegd_bij=(
                InformerenBelegdBij.AFGESPROKEN_DEELNEMER
                if informeert
                else InformerenBelegdBij.GEZAMENLIJK_VERWERKINGSVERANTWOORDELIJKEN
            ),
            informeert_betrokkene_toelichting=(
                f"In het casusoverleg is afgesproken dat {informeert} de betrokkene informeert "
                "over de uitkomsten (art. 8.2 bestuurlijke afspraken)."
                if informeert
                else TERUGVAL
            ),
            casusregisseur=plan.casusregisseur,
            casusoverleg=plan.casusoverleg,
            vastgesteld_op=plan.vastgesteld_op,
            vastgesteld_door=plan.vastgesteld_door,
        )


class PlanVersies(ApiModel):
    """Alle versies van het plan, de nieuwste eerst, elk in uw weergave."""

    versies: list[PlanVanAanpak]
