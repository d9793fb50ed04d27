"""Designated organisations: each partnership function belongs to one participant.

The model agreement gives each of these functions to one organisation of the partnership
("De Gezamenlijk Verwerkingsverantwoordelijken wijzen [...] als Contactpunt", art. 14.1;
"De Functionaris voor Gegevensbescherming van [naam betreffende overheidsorganisatie] is
aangewezen als Coördinerend Functionaris", art. 15.1; "wijzen uit hun midden [naam
Overheidsdeelnemer] als archiefbeheerder", art. 16.2; factsheet Bewaartermijnen: "kan
alleen de beheerder van het systeem de casus opnieuw openen"). A person holds such a
role only as an employee of the designated organisation: a role claimed elsewhere
counts for nothing.
"""

from collections.abc import Mapping
from dataclasses import dataclass
from enum import StrEnum

from app.domain.deelnemer import Categorie, Deelnemer, Rol


class Functie(StrEnum):
    """A function the partnership designates one participant for."""

    BEHEERDER = "beheerder"
    CONTACTPUNT = "contactpunt"
    ARCHIEFBEHEERDER = "archiefbeheerder"
    COORDINERENDE_FG = "coordinerende-fg"


# The role claim that counts only from the organisation designated for the function.
# `functionaris-gegevensbescherming` is not in it: every participant has its own data
# protection officer (model art. 15.2); only supervision of the whole partnership goes
# with the coordinating one (Caller.is_coordinerend_fg).
AANGEWEZEN_ROLLEN: Mapping[Rol, Functie] = {
    Rol.BEHEERDER: Functie.BEHEERDER,
    Rol.CONTACTPUNT: Functie.CONTACTPUNT,
    Rol.ARCHIEFBEHEERDER: Functie.ARCHIEFBEHEERDER,
}


@dataclass(frozen=True, slots=True)
class FgContact:
    """Public contact details of the coordinating data protection officer (model art. 14.11)."""

    email: str
    telefoon: str | None = None
    postadres: str | None = None


@dataclass(frozen=True, slots=True)
class Aanwijzingen:
    """Who holds each function in one partnership; None while nobody is designated."""

    beheerder: str | None = None
    contactpunt: str | None = None
    archiefbeheerder: str | None = None
    coordinerende_fg: str | None = None
    fg_contact: FgContact | None = None

    def van(self, functie: Functie) -> str | None:
        return {
            Functie.BEHEERDER: self.beheerder,
            Functie.CONTACTPUNT: self.contactpunt,
            Functie.ARCHIEFBEHEERDER: self.archiefbeheerder,
            Functie.COORDINERENDE_FG: self.coordinerende_fg,
        }[functie]

    def functies_van(self, deelnemer: str) -> frozenset[Functie]:
        return frozenset(f for f in Functie if self.van(f) == deelnemer)


GEEN_AANWIJZINGEN = Aanwijzingen()


def aanwijzing_problem(functie: Functie, deelnemer: Deelnemer | None) -> str | None:
    """Why `deelnemer` cannot hold `functie`, or None when it can.

    - Every function goes to a fixed participant of the partnership itself.
    - The contact point is a municipality (art. 14.1: "het college van burgemeester en
      wethouders van de gemeente ..., of de burgemeester van gemeente ...").
    - The archive manager comes from among the joint controllers (art. 16.2: "uit hun
      midden [naam Overheidsdeelnemer]"); the coordinating FG is the FG of a government
      organisation (art. 15.1: "[naam betreffende overheidsorganisatie]").
    - The system administrator reads shielded cases and alone reopens them, and writes
      the registry: kept with the joint controllers, who are responsible for all
      processing in the partnership (art. 2.27 lid 3 jo 1.4 WGS), so that "de
      inhoudelijke sturing ook bij hen blijft liggen" (Toelichting, Beheerorganisatie).
    """
    if deelnemer is None:
        return "Geen vaste deelnemer van dit samenwerkingsverband."
    if functie is Functie.CONTACTPUNT and deelnemer.categorie is not Categorie.GEMEENTE:
        return "Het contactpunt is een gemeente (art. 14.1 bestuurlijke afspraken)."
    if not deelnemer.gezamenlijk_verwerkingsverantwoordelijke:
        return (
            "Deze functie hoort bij een overheidsdeelnemer, een van de gezamenlijk "
            "verwerkingsverantwoordelijken (art. 14.1, 15.1 en 16.2 bestuurlijke afspraken; "
            "art. 2.27 lid 3 WGS)."
        )
    return None
