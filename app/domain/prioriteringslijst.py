"""A priority list and its versions of criteria (art. 2.32 WGS, art. 2.22 BGS).

Criteria must be published on the internet before they are used (art. 2.22 BGS), so a
published version never changes: a change is a new version, in `concept` until it is
published in its turn. Only the newest published version is applied. A withdrawn list is
applied no more and cannot come back; a partnership that wants it again makes a new list.
"""

from collections.abc import Mapping
from dataclasses import dataclass
from datetime import date, datetime
from enum import StrEnum
from typing import Any

from app.domain.errors import Conflict, InvalidTransition


class Lijststatus(StrEnum):
    CONCEPT = "concept"
    GEPUBLICEERD = "gepubliceerd"
    INGETROKKEN = "ingetrokken"


class Versiestatus(StrEnum):
    CONCEPT = "concept"
    GEPUBLICEERD = "gepubliceerd"
    VERVANGEN = "vervangen"


ALLOWED_STATUS_TRANSITIONS: Mapping[Lijststatus, frozenset[Lijststatus]] = {
    Lijststatus.CONCEPT: frozenset({Lijststatus.GEPUBLICEERD, Lijststatus.INGETROKKEN}),
    # Publishing a newer version keeps the list published.
    Lijststatus.GEPUBLICEERD: frozenset({Lijststatus.GEPUBLICEERD, Lijststatus.INGETROKKEN}),
    Lijststatus.INGETROKKEN: frozenset(),
}


def check_transition(current: Lijststatus, new: Lijststatus) -> None:
    if new not in ALLOWED_STATUS_TRANSITIONS[current]:
        raise InvalidTransition(
            f"Een prioriteringslijst met status '{current.value}' kan niet naar '{new.value}'.",
            code="lijst-ingetrokken" if current is Lijststatus.INGETROKKEN else None,
        )


@dataclass(frozen=True, slots=True)
class Versie:
    """One version of a list's criteria; `gepubliceerd_op` set means it never changes again."""

    versie: int
    omschrijving: str
    criteria: Mapping[str, Any]  # the canonical EXPR, as published
    aangemaakt_op: datetime
    gepubliceerd_op: datetime | None
    publicatiedatum: date | None

    @property
    def gepubliceerd(self) -> bool:
        return self.gepubliceerd_op is not None


@dataclass(frozen=True, slots=True)
class Prioriteringslijst:
    id: str
    zvh: str
    naam: str
    status: Lijststatus
    aangemaakt_op: datetime
    aangemaakt_door: str
    ingetrokken_op: datetime | None
    versies: tuple[Versie, ...]  # oldest first

    @property
    def geldende_versie(self) -> Versie | None:
        """The newest published version: the one that is applied."""
        published = [v for v in self.versies if v.gepubliceerd]
        return published[-1] if published else None

    @property
    def conceptversie(self) -> Versie | None:
        newest = self.versies[-1] if self.versies else None
        return newest if newest is not None and not newest.gepubliceerd else None

    def versiestatus(self, versie: Versie) -> Versiestatus:
        if not versie.gepubliceerd:
            return Versiestatus.CONCEPT
        return (
            Versiestatus.GEPUBLICEERD if versie is self.geldende_versie else Versiestatus.VERVANGEN
        )

    def version_to_apply(self) -> Versie:
        """The version a check uses; 409 while nothing is published or after withdrawal."""
        if self.status is Lijststatus.INGETROKKEN:
            raise Conflict(
                "Deze prioriteringslijst is ingetrokken en wordt niet meer toegepast.",
                code="lijst-ingetrokken",
            )
        geldend = self.geldende_versie
        if geldend is None:
            raise Conflict(
                "De criteria van deze prioriteringslijst zijn nog niet gepubliceerd; "
                "art. 2.22 BGS eist publicatie op internet vóór gebruik.",
                code="lijst-niet-gepubliceerd",
            )
        return geldend
