"""Data supplied to a case (art. 2.29 WGS) and who may read it.

A supplier may restrict further use of what it supplies (art. 2.29 lid 3 WGS); the
restriction travels with the data and is applied on every read. The vocabulary is closed
so that the service can enforce it, with a free-text `toelichting` for the human reader.
"""

from collections.abc import Mapping
from dataclasses import dataclass
from enum import StrEnum
from typing import Any


class Gegevenscategorie(StrEnum):
    """Kind of personal data: ordinary, special (art. 9 AVG) or criminal (art. 10 AVG)."""

    GEWOON = "gewoon"
    BIJZONDER = "bijzonder"
    STRAFRECHTELIJK = "strafrechtelijk"


class GrondslagBeroepsgeheim(StrEnum):
    """Why a participant bound by professional secrecy may supply (art. 2.29 lid 2 WGS)."""

    TOESTEMMING = "toestemming"
    # A conflict of duties, per the explanatory memorandum.
    GOED_HULPVERLENERSCHAP = "goed-hulpverlenerschap"


# A reported error is open until a correction by the supplier settles it. No docstring: the
# OpenAPI document would carry it as the enum's description.
class Correctieverzoekstatus(StrEnum):
    OPEN = "open"
    AFGEHANDELD = "afgehandeld"


@dataclass(frozen=True, slots=True)
class Voorwaarden:
    """A supplier's conditions on further use (art. 2.29 lid 3 WGS).

    `alleen_voor_deelnemers` None means no restriction by name; an empty set means that
    nobody but the supplier (and the coordinating FG, for supervision) may read it: the
    conditions bind joint controllers, administrators and archivists too. `niet_aan_derden` bars
    disclosure to third parties (art. 1.7 WGS); incidental participants are not third
    parties for the duration of the case (art. 2.31 lid 10 WGS), so it does not hide
    anything from readers inside the case.
    """

    niet_voor_incidentele_deelnemers: bool = False
    alleen_voor_deelnemers: frozenset[str] | None = None
    niet_aan_derden: bool = False
    toelichting: str | None = None


GEEN_VOORWAARDEN = Voorwaarden()


@dataclass(frozen=True, slots=True)
class GesteldeVoorwaarden:
    """A supplier's conditions as it stated them, as they are stored with the supply.

    The named readers keep the order in which they were given (the archive document shows
    them so); `voorwaarden` is the rule's view of them. Stored as JSON in this shape, the
    field names as keys (`stored`, `from_stored`).
    """

    niet_voor_incidentele_deelnemers: bool = False
    alleen_voor_deelnemers: tuple[str, ...] | None = None
    niet_aan_derden: bool = False
    toelichting: str | None = None

    @property
    def voorwaarden(self) -> Voorwaarden:
        genoemd = self.alleen_voor_deelnemers
        return Voorwaarden(
            niet_voor_incidentele_deelnemers=self.niet_voor_incidentele_deelnemers,
            alleen_voor_deelnemers=None if genoemd is None else frozenset(genoemd),
            niet_aan_derden=self.niet_aan_derden,
            toelichting=self.toelichting,
        )

    def stored(self) -> dict[str, object]:
        """The JSON document stored in `gegevensverstrekkingen.voorwaarden`."""
        genoemd = self.alleen_voor_deelnemers
        return {
            "niet_voor_incidentele_deelnemers": self.niet_voor_incidentele_deelnemers,
            "alleen_voor_deelnemers": None if genoemd is None else list(genoemd),
            "niet_aan_derden": self.niet_aan_derden,
            "toelichting": self.toelichting,
        }

    @classmethod
    def from_stored(cls, stored: Mapping[str, Any]) -> "GesteldeVoorwaarden":
        """Read a stored document; one in another shape (a row the migration missed) is
        refused: read with a member taken as absent, a condition would silently lapse."""
        if set(stored) != set(_STORED_MEMBERS):
            raise ValueError(
                f"Stored conditions have members {sorted(stored)}, expected {_STORED_MEMBERS}."
            )
        genoemd = stored["alleen_voor_deelnemers"]
        return cls(
            niet_voor_incidentele_deelnemers=bool(stored["niet_voor_incidentele_deelnemers"]),
            alleen_voor_deelnemers=None if genoemd is None else tuple(genoemd),
            niet_aan_derden=bool(stored["niet_aan_derden"]),
            toelichting=stored["toelichting"],
        )


_STORED_MEMBERS = (
    "niet_voor_incidentele_deelnemers",
    "alleen_voor_deelnemers",
    "niet_aan_derden",
    "toelichting",
)


def voorwaarden_of(stored: Mapping[str, Any] | None) -> Voorwaarden:
    """The rule's view of a supply's stored conditions (None: none stated)."""
    if stored is None:
        return GEEN_VOORWAARDEN
    return GesteldeVoorwaarden.from_stored(stored).voorwaarden


class Lezersrol(StrEnum):
    """How a reader relates to the case, as far as supplied data is concerned."""

    # The coordinating FG supervising (model art. 15): the one reader besides the supplier
    # whom the conditions do not bind.
    TOEZICHT = "toezicht"
    # Whoever sees the whole case: a joint controller before the selection, the designated
    # administrator, archivist and contact point on a shielded case. Bound by the conditions.
    VERANTWOORDELIJK = "verantwoordelijk"
    GESELECTEERD = "geselecteerd"
    INCIDENTEEL = "incidenteel"
    # Registrant, asked participant, a joint controller after the selection: no supplied
    # data in its view, so only what it supplied itself.
    OVERIG = "overig"


@dataclass(frozen=True, slots=True)
class Lezer:
    deelnemer: str
    rol: Lezersrol


def may_read(lezer: Lezer, leverancier: str, voorwaarden: Voorwaarden) -> bool:
    """Whether this reader may see one supply: its view and the supplier's conditions.

    The one place where the conditions of art. 2.29 lid 3 WGS are applied, for every
    reader ("Dit betekent dat gedeelde informatie alleen mag worden gebruikt voor het
    afgesproken doel en met toestemming van de partij die de gegevens heeft verstrekt",
    factsheet Werkprocessen). Only the supplier and the supervising coordinating FG are
    not bound; a reader whose view shows no supplied data sees only its own.
    """
    if lezer.deelnemer == leverancier or lezer.rol is Lezersrol.TOEZICHT:
        return True
    if lezer.rol is Lezersrol.OVERIG:
        return False
    if lezer.rol is Lezersrol.INCIDENTEEL and voorwaarden.niet_voor_incidentele_deelnemers:
        return False
    genoemd = voorwaarden.alleen_voor_deelnemers
    return genoemd is None or lezer.deelnemer in genoemd


def sees_history(lezer: Lezer, leverancier: str) -> bool:
    """Superseded (wrong) content is kept for accountability, not spread: only the
    supplier, whoever sees the whole case and the supervising FG see earlier versions
    (art. 1.6 BGS) — of an item they may read at all."""
    return lezer.deelnemer == leverancier or lezer.rol in (
        Lezersrol.VERANTWOORDELIJK,
        Lezersrol.TOEZICHT,
    )


def sees_correction_request(lezer: Lezer, leverancier: str, melder: str) -> bool:
    """The supplier is told of a reported error (art. 1.6 BGS); the reporter sees its own."""
    return sees_history(lezer, leverancier) or lezer.deelnemer == melder


def conflicting_conditions(voorwaarden: Voorwaarden, incidenteel: frozenset[str]) -> frozenset[str]:
    """Named readers the same conditions exclude as incidental participants."""
    genoemd = voorwaarden.alleen_voor_deelnemers or frozenset()
    if not voorwaarden.niet_voor_incidentele_deelnemers:
        return frozenset()
    return genoemd & incidenteel
