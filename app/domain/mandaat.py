"""Mandates of the partnership (model art. 12.2 option 1, art. 14.7 and annex 4).

A mandate lets people in one role at one organisation act for the one who holds the power:
the joint controllers may let the process director do the intake (art. 12.2, option 1:
"De Gezamenlijk Verwerkingsverantwoordelijken mandateren de procesregisseur"); the contact
point may mandate the network manager for the information duty, data-subject requests and
data breaches (art. 14.7: "Het Contactpunt kan de Netwerkmanager mandateren om namens hem
de in dit artikel genoemde taken uit te voeren"; annex 4). A mandate holds from its first
day to its last day inclusive; the policy looks at the day of the action.
"""

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date
from enum import StrEnum

from app.domain.deelnemer import Rol


class Bevoegdheid(StrEnum):
    """The power a mandate hands over."""

    INTAKE = "intake"
    INFORMATIEPLICHT = "informatieplicht"
    BETROKKENENVERZOEKEN = "betrokkenenverzoeken"
    DATALEKKEN = "datalekken"


# Which role a mandate may go to: the process director for the intake (art. 12.2), the
# network manager for the contact point's tasks (art. 14.7, annex 4).
ROL_VOOR: dict[Bevoegdheid, Rol] = {
    Bevoegdheid.INTAKE: Rol.PROCESREGISSEUR,
    Bevoegdheid.INFORMATIEPLICHT: Rol.NETWERKMANAGER,
    Bevoegdheid.BETROKKENENVERZOEKEN: Rol.NETWERKMANAGER,
    Bevoegdheid.DATALEKKEN: Rol.NETWERKMANAGER,
}


@dataclass(frozen=True, slots=True)
class Mandaat:
    """One mandate: who may act, in which role, for which power, on which days."""

    bevoegdheid: Bevoegdheid
    gemandateerde: str
    rol: Rol
    ingangsdatum: date
    einddatum: date | None = None

    def geldt_op(self, dag: date) -> bool:
        return self.ingangsdatum <= dag and (self.einddatum is None or dag <= self.einddatum)


@dataclass(frozen=True, slots=True)
class Mandaten:
    """The mandates in force on one day, as the policy sees them."""

    geldend: frozenset[tuple[Bevoegdheid, str, Rol]] = frozenset()

    @classmethod
    def op(cls, mandaten: Iterable[Mandaat], dag: date) -> "Mandaten":
        return cls(
            frozenset((m.bevoegdheid, m.gemandateerde, m.rol) for m in mandaten if m.geldt_op(dag))
        )

    def gemandateerd(self, bevoegdheid: Bevoegdheid, deelnemer: str, rol: Rol) -> bool:
        return (bevoegdheid, deelnemer, rol) in self.geldend


GEEN_MANDATEN = Mandaten()
