"""Commands of the case process: what a caller asks, as resolved values (no schemas).

A router turns its request body into one of these; the service in app/services/casussen.py
carries it out on the `Casus` aggregate.
"""

from dataclasses import dataclass
from datetime import date

from app.domain.casus import Intakebesluit
from app.domain.criteria import Criteria
from app.domain.deelnemer import Geheimhoudingsregime
from app.domain.verstrekking import Gegevenscategorie, GesteldeVoorwaarden, GrondslagBeroepsgeheim
from app.rules.bsn import Bsn


@dataclass(frozen=True, slots=True)
class Omgevingspersoon:
    """A person from the subject's direct social environment (art. 2.31 lid 7 WGS)."""

    naam: str
    relatie: str


@dataclass(frozen=True, slots=True)
class RegisterCasus:
    """Step 1: a fixed participant registers a person (art. 2.31 lid 1 WGS)."""

    bsn: Bsn | None
    voornamen: str
    achternaam: str
    geboortedatum: date
    aanmeldreden: str
    # Assessed and stored with the registration (art. 2.20 lid 3 BGS).
    criteria: Criteria
    # None: today (the service knows the clock).
    aanmelddatum: date | None
    sociale_omgeving: tuple[Omgevingspersoon, ...]
    grondslag_beroepsgeheim: GrondslagBeroepsgeheim | None


@dataclass(frozen=True, slots=True)
class AssessCasus:
    """Step 2 (intake) or, with `definitief`, step 3 (the definitive assessment)."""

    besluit: Intakebesluit
    # Assessed and stored with the assessment (art. 2.20 lid 3 BGS).
    criteria: Criteria
    toelichting: str
    definitief: bool


@dataclass(frozen=True, slots=True)
class CloseCasus:
    """Step 6: close the case as of `datum`."""

    datum: date
    toelichting: str


@dataclass(frozen=True, slots=True)
class ReopenCasus:
    """The designated system administrator reopens a closed case, with a reason."""

    toelichting: str


@dataclass(frozen=True, slots=True)
class SelectedDeelnemer:
    """A participant needed for the case, with the reason (art. 2.31 lid 4 WGS)."""

    deelnemer: str
    noodzaak: str


@dataclass(frozen=True, slots=True)
class SelectDeelnemers:
    """Step 4: replace the selection of fixed participants and invited incidental ones."""

    deelnemers: tuple[SelectedDeelnemer, ...]
    incidentele_deelnemers: tuple[SelectedDeelnemer, ...]


@dataclass(frozen=True, slots=True)
class SignGeheimhoudingsverklaring:
    """A person acting for an invited incidental participant signs (bijlage 2A; 2.21 BGS)."""

    ondertekenaar: str
    regime: Geheimhoudingsregime


@dataclass(frozen=True, slots=True)
class SupplyGegevens:
    """A participant supplies data to a case, with its conditions (art. 2.29 WGS)."""

    categorie: Gegevenscategorie
    inhoud: str
    voorwaarden: GesteldeVoorwaarden | None
    grondslag_beroepsgeheim: GrondslagBeroepsgeheim | None
    wettelijke_uiterlijke_bewaardatum: date | None
    gegevensverzoek: str | None
