"""Cases on the wire (art. 2.31 WGS). Readers get only the parts their role needs."""

from datetime import date, datetime
from typing import Literal

from pydantic import Field

from app.auth.case_views import Onderdeel, Weergave
from app.domain.casus import Casusstatus, Intakebesluit
from app.domain.deelnemer import Geheimhoudingsregime
from app.domain.verstrekking import GrondslagBeroepsgeheim
from app.schemas.base import ApiModel, RequestModel
from app.schemas.bsn import BsnVeld
from app.schemas.criteria import Criteria, Toetsingsuitkomst, VastgelegdeCriteria
from app.schemas.fields import Datum, Tekst
from app.services.commands import Omgevingspersoon as OmgevingspersoonCommand
from app.services.commands import (
    RegisterCasus,
    SelectDeelnemers,
    SignGeheimhoudingsverklaring,
)
from app.services.commands import SelectedDeelnemer as SelectedDeelnemerCommand

MAX_TEKST = 4_000
ID_PATTERN = r"^[a-z0-9][a-z0-9-]{0,63}$"


class Betrokkene(RequestModel):
    """De betrokkene: de persoon om wie het gaat."""

    bsn: BsnVeld | None = Field(default=None, description="Optioneel; moet de elfproef doorstaan.")
    voornamen: Tekst = Field(min_length=1, max_length=200)
    achternaam: Tekst = Field(min_length=1, max_length=200)
    geboortedatum: Datum = Field(description="Geboortedatum (niet in de toekomst).")


class Omgevingspersoon(RequestModel):
    """Een persoon uit de directe sociale omgeving van de betrokkene (art. 2.31 lid 7 WGS)."""

    naam: Tekst = Field(min_length=1, max_length=200)
    relatie: Tekst = Field(min_length=1, max_length=200, description="Bijv. partner, ouder, buur.")


class CasusAanmelding(RequestModel):
    """Aanmelding van een casus door een vaste deelnemer (stap 1, art. 2.31 lid 1 WGS).

    De aanmelding laat met objectieve informatie zien in welke mate aan elk criterium van
    art. 2.20 BGS is voldaan; de aanmelder staat in voor de juistheid (art. 1.6 BGS).
    """

    betrokkene: Betrokkene
    aanmeldreden: Tekst = Field(min_length=1, max_length=MAX_TEKST)
    criteria: Criteria
    aanmelddatum: Datum | None = Field(
        default=None,
        description=(
            "Standaard vandaag; mag in het verleden liggen (casussen uit eerdere systemen), "
            "nooit in de toekomst. De bewaartermijn loopt vanaf deze datum."
        ),
    )
    sociale_omgeving: list[Omgevingspersoon] = Field(default_factory=list, max_length=20)
    grondslag_beroepsgeheim: GrondslagBeroepsgeheim | None = Field(
        default=None,
        description=(
            "Verplicht voor een aanmelder met een beroepsgeheim in het register (Wgbo, Wet BIG, "
            "Jeugdwet): `toestemming` van de betrokkene, of `goed-hulpverlenerschap` (een "
            "conflict van plichten), art. 2.29 lid 2 WGS. Zonder: 400 "
            "`grondslag-beroepsgeheim-vereist`."
        ),
    )

    def to_command(self) -> RegisterCasus:
        return RegisterCasus(
            bsn=self.betrokkene.bsn,
            voornamen=self.betrokkene.voornamen,
            achternaam=self.betrokkene.achternaam,
            geboortedatum=self.betrokkene.geboortedatum,
            aanmeldreden=self.aanmeldreden,
            criteria=self.criteria.to_domain(),
            aanmelddatum=self.aanmelddatum,
            sociale_omgeving=tuple(
                OmgevingspersoonCommand(p.naam, p.relatie) for p in self.sociale_omgeving
            ),
            grondslag_beroepsgeheim=self.grondslag_beroepsgeheim,
        )


class Beoordelingsbesluit(RequestModel):
    """Het besluit van de intake (stap 2) of de definitieve beoordeling (stap 3)."""

    besluit: Intakebesluit = Field(
        description="`toegelaten` kan alleen als de toets aan art. 2.20 BGS slaagt; `afgewezen` altijd."
    )
    criteria: Criteria
    toelichting: Tekst = Field(min_length=1, max_length=MAX_TEKST)


class GeselecteerdeDeelnemer(RequestModel):
    """Een deelnemer die voor deze casus noodzakelijk is, met de reden (art. 2.31 lid 4 WGS)."""

    deelnemer: Tekst = Field(pattern=ID_PATTERN)
    noodzaak: Tekst = Field(min_length=1, max_length=MAX_TEKST)

    def to_command(self) -> SelectedDeelnemerCommand:
        return SelectedDeelnemerCommand(self.deelnemer, self.noodzaak)


class DeelnemerSelectie(RequestModel):
    """De selectie van deelnemers; geen 'iedereen'-standaard: elke deelnemer met zijn noodzaak."""

    deelnemers: list[GeselecteerdeDeelnemer] = Field(max_length=50)
    incidentele_deelnemers: list[GeselecteerdeDeelnemer] = Field(
        default_factory=list, max_length=20
    )

    def to_command(self) -> SelectDeelnemers:
        return SelectDeelnemers(
            deelnemers=tuple(d.to_command() for d in self.deelnemers),
            incidentele_deelnemers=tuple(d.to_command() for d in self.incidentele_deelnemers),
        )


class GeheimhoudingsverklaringNieuw(RequestModel):
    """Ondertekening van de geheimhoudingsverklaring (bijlage 2A; art. 2.21 BGS)."""

    ondertekenaar: Tekst = Field(min_length=1, max_length=200, description="Naam en functie.")
    regime: Geheimhoudingsregime

    def to_command(self) -> SignGeheimhoudingsverklaring:
        return SignGeheimhoudingsverklaring(self.ondertekenaar, self.regime)


class Afsluiting(RequestModel):
    """Afsluiting (stap 6, art. 2.31 lid 6 WGS); daarna wordt de casus afgeschermd."""

    datum: Datum = Field(description="Niet voor de aanmelddatum, niet in de toekomst.")
    toelichting: Tekst = Field(min_length=1, max_length=MAX_TEKST)


class Heropening(RequestModel):
    """Heropening van een afgesloten casus (alleen de aangewezen beheerder)."""

    toelichting: Tekst = Field(
        min_length=1, max_length=MAX_TEKST, description="Waarom de casus terugkomt (verplicht)."
    )


class BetrokkeneWeergave(ApiModel):
    bsn: str | None = Field(
        description="Alleen in de onderdelen `bsn`: de volledige casus en de eigen aanmelding."
    )
    voornamen: str | None
    achternaam: str | None
    geboortedatum: date | None


class OmgevingspersoonWeergave(ApiModel):
    naam: str | None
    relatie: str | None


class Criteriabeoordeling(ApiModel):
    """Een vastgelegde beoordeling van de criteria (art. 2.20 lid 3 BGS)."""

    fase: Literal["aanmelding", "intake", "definitief"] = Field(
        description="`aanmelding`, `intake` of `definitief`."
    )
    tijdstip: datetime
    deelnemer: str
    criteria: VastgelegdeCriteria = Field(
        description="De criteria zoals ze bij deze beoordeling zijn vastgelegd."
    )
    uitkomst: Toetsingsuitkomst


class Casusgebeurtenis(ApiModel):
    """Een besluit: wat, wanneer, door wie en waarom."""

    soort: str
    tijdstip: datetime
    deelnemer: str
    sub: str
    toelichting: str | None


class Casusdeelnemer(ApiModel):
    deelnemer: str
    incidenteel: bool
    noodzaak: str
    geheimhoudingsverklaring_getekend: bool | None = Field(
        description=(
            "Alleen bij incidentele deelnemers: of ten minste één medewerker tekende. Lezen "
            "mag alleen de persoon die zelf tekende (art. 8.1 bestuurlijke afspraken)."
        )
    )


class Bewaardata(ApiModel):
    maximale_bewaardatum: date | None
    archiefdatum: date | None


class CasusSchema(ApiModel):
    """Een casus, in de weergave die bij de hoedanigheid van de lezer past (need to know).

    Wat niet in uw weergave hoort, is null; `onderdelen` noemt wat u wel ziet.
    """

    id: str
    status: Casusstatus
    weergave: Weergave = Field(
        description=(
            "`toezicht`: de coördinerend functionaris gegevensbescherming, alles, met opgegeven "
            "reden; `volledig`: een gezamenlijk verwerkingsverantwoordelijke zolang er geen "
            "deelnemers geselecteerd zijn, en bij een afgeschermde casus de aangewezen beheerder, "
            "archiefbeheerder en contactpunt; `deelnemer`: wat een geselecteerde deelnemer of "
            "toegelaten incidentele deelnemer voor zijn deel nodig heeft; `verantwoordelijke`: "
            "een gezamenlijk verwerkingsverantwoordelijke na de selectie (status, data, "
            "beoordelingen, selectie met noodzaak, bewaartermijn; geen aanmeldreden, sociale "
            "omgeving, verstrekte gegevens, overlegverslagen of inhoud van het plan); "
            "`aanmelder`: de eigen aanmelding en de status; `status`: alleen de uitkomst, voor "
            "wie besloot zonder de casus te mogen lezen. Wie in meer hoedanigheden leest, ziet "
            "de vereniging van hun onderdelen."
        )
    )
    onderdelen: list[Onderdeel] = Field(
        description="De onderdelen van de casus die deze weergave toont."
    )
    aanmelddatum: date
    aanmelder: str
    betrokkene: BetrokkeneWeergave | None
    aanmeldreden: str | None
    grondslag_beroepsgeheim: GrondslagBeroepsgeheim | None = Field(
        description="De grondslag van een aanmelder met beroepsgeheim (onderdeel `aanmelding`)."
    )
    sociale_omgeving: list[OmgevingspersoonWeergave] | None
    beoordelingen: list[Criteriabeoordeling] | None
    gebeurtenissen: list[Casusgebeurtenis] | None
    deelnemers: list[Casusdeelnemer] | None
    vorige_casus_id: str | None = Field(description="Een eerdere casus van dezelfde persoon.")
    afsluitdatum: date | None
    afwijzingsdatum: date | None
    bewaartermijn: Bewaardata | None


class CasusSamenvatting(ApiModel):
    """Een casus in het kort: kenmerk, status, aanmelddatum en aanmelder; geen persoonsgegevens."""

    id: str
    status: Casusstatus
    aanmelddatum: date
    aanmelder: str


class CasussenPagina(ApiModel):
    """Een pagina met samenvattingen van de casussen die u mag lezen."""

    casussen: list[CasusSamenvatting]
    pagina: int
    pagina_grootte: int
    volgende: str | None
