"""Participants of a partnership (art. 2.27 WGS) and the roles inside it."""

from collections.abc import Mapping
from dataclasses import dataclass
from datetime import date
from enum import StrEnum


class Geheimhoudingsregime(StrEnum):
    """Op grond waarvan de incidentele deelnemer tot geheimhouding verplicht is."""

    BIJZONDER_REGIME = "bijzonder-geheimhoudingsregime"
    ARTIKEL_1_11_WGS = "artikel-1-11-wgs"


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

# Art. 2.27 WGS as the model agreement's list of signatories spells it out: "De
# ondergetekenden door de WGS aangewezen Overheidsdeelnemers en tevens Gezamenlijk
# Verwerkingsverantwoordelijken" are the municipalities (college van B&W and mayor), the
# police (korpschef), the OM (College van procureurs-generaal), DJI, the Raad voor de
# Kinderbescherming and the GGD; "De ondergetekenden door wet aangewezen Private
# Deelnemers" are the three probation organisations (3RO), the certified youth-care
# institution (art. 1.1 Jeugdwet), Veilig Thuis, GGZ (or disability care), the
# social-domain institutions (wijkteam, jeugdteam) and "[naam Deelnemer E i.c. private
# Deelnemer]". The government list is closed; anything else is private.
DEELNEMERTYPE_PER_CATEGORIE: Mapping[Categorie, Deelnemertype] = {
    Categorie.GEMEENTE: Deelnemertype.OVERHEID,
    Categorie.POLITIE: Deelnemertype.OVERHEID,
    Categorie.OM: Deelnemertype.OVERHEID,
    Categorie.DJI: Deelnemertype.OVERHEID,
    Categorie.RVDK: Deelnemertype.OVERHEID,
    Categorie.GGD: Deelnemertype.OVERHEID,
    Categorie.RECLASSERING: Deelnemertype.PRIVAAT,
    Categorie.GECERTIFICEERDE_INSTELLING: Deelnemertype.PRIVAAT,
    Categorie.VEILIG_THUIS: Deelnemertype.PRIVAAT,
    Categorie.GGZ: Deelnemertype.PRIVAAT,
    Categorie.SOCIAAL_DOMEIN: Deelnemertype.PRIVAAT,
    Categorie.OVERIG: Deelnemertype.PRIVAAT,
}


def deelnemertype_problem(categorie: Categorie, deelnemertype: Deelnemertype) -> str | None:
    """Why this kind of organisation cannot be this kind of participant (art. 2.27 WGS)."""
    verplicht = DEELNEMERTYPE_PER_CATEGORIE[categorie]
    if deelnemertype is verplicht:
        return None
    return (
        f"Een deelnemer van categorie {categorie.value} is {verplicht.value}: art. 2.27 WGS "
        "wijst gemeenten, politie, OM, DJI, Raad voor de Kinderbescherming en GGD aan als "
        "overheidsdeelnemer, en reclassering, gecertificeerde instelling, Veilig Thuis, GGZ "
        "en sociaal domein als private deelnemer."
    )


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
