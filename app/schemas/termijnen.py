"""Deadline monitoring on the wire: ids, kinds and dates only."""

from datetime import date, datetime

from pydantic import Field

from app.schemas.base import ApiModel
from app.services.termijnen import Termijnsoort


class TermijnWeergave(ApiModel):
    soort: Termijnsoort = Field(
        description=(
            "`betrokkenenverzoek` (besluit, art. 12 lid 3 AVG), `informatieplicht` (art. 14 "
            "lid 3 AVG), `herbeoordeling-uitzondering` (art. 41 UAVG), `datalek` (melding "
            "aan de AP, 72 uur)."
        )
    )
    id: str
    casus: str | None
    uiterlijk: date = Field(description="De laatste dag (Europe/Amsterdam).")
    uiterlijk_tijdstip: datetime | None = Field(description="Bij een datalek: het tijdstip, UTC.")
    verlopen: bool
    link: str


class Termijnen(ApiModel):
    """Wat verlopen is of binnenkort verloopt, het eerst verlopende eerst."""

    peildatum: date
    binnen_dagen: int
    termijnen: list[TermijnWeergave]
