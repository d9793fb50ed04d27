"""Participants of a partnership (art. 2.27 WGS) and the roles inside it."""

from dataclasses import dataclass
from datetime import date
from enum import StrEnum


class Deelnemertype(StrEnum):
    """Kind of participant. Incidental participants are never in the registry (art. 2.31(9) WGS)."""

    OVERHEID = "overheid"
    PRIVAAT = "privaat"
    INCIDENTEEL = "incidenteel"


class Categorie(StrEnum):
    """What kind of organisation a participant is (model agreement, list of signatories)."""

    GEMEENTE = "gemeente"
    POLITIE = "politie"
    OM = "om"
    DJI = "dji"
    RVDK = "rvdk"
    GGD = "ggd"
    RECLASSERING = "reclassering"
    GECERTIFICEERDE_INSTELLING = "gecertificeerde-instelling"
    VEILIG_THUIS = "veilig-thuis"
    GGZ = "ggz"
    SOCIAAL_DOMEIN = "sociaal-domein"
    OVERIG = "overig"


class Beroepsgeheim(StrEnum):
    """A statutory professional-secrecy regime binding a participant (art. 2.29(2) WGS)."""

    WGBO = "wgbo"
    WET_BIG = "wet-big"
    JEUGDWET = "jeugdwet"


class Rol(StrEnum):
    """Roles of a person inside the partnership (model agreement art. 8a, 12, 14-16)."""

    MEDEWERKER = "medewerker"
    PROCESREGISSEUR = "procesregisseur"
    NETWERKMANAGER = "netwerkmanager"
    CONTACTPUNT = "contactpunt"
    CASUSREGISSEUR = "casusregisseur"
    ARCHIEFBEHEERDER = "archiefbeheerder"
    FUNCTIONARIS_GEGEVENSBESCHERMING = "functionaris-gegevensbescherming"
    BEHEERDER = "beheerder"


REGISTERED_TYPES = frozenset({Deelnemertype.OVERHEID, Deelnemertype.PRIVAAT})


def is_gezamenlijk_verwerkingsverantwoordelijke(deelnemertype: Deelnemertype) -> bool:
    """Government participants are the joint controllers (art. 2.27(3) jo 1.4(1) WGS; art. 26 AVG)."""
    return deelnemertype is Deelnemertype.OVERHEID


@dataclass(frozen=True, slots=True)
class Deelnemer:
    """A fixed participant as registered in a partnership's registry."""

    zvh: str
    id: str
    naam: str
    deelnemertype: Deelnemertype
    categorie: Categorie
    beroepsgeheim: Beroepsgeheim | None
    toetredingsdatum: date

    @property
    def gezamenlijk_verwerkingsverantwoordelijke(self) -> bool:
        return is_gezamenlijk_verwerkingsverantwoordelijke(self.deelnemertype)
