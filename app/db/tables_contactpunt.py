"""Tables of the contact point (model art. 14): mandates, data-subject requests with the
reactions of the involved participants, and the register of data breaches."""

from datetime import date, datetime
from typing import Any

from sqlalchemy import JSON, Boolean, Date, ForeignKey, Index, Integer, String, Text
from sqlalchemy.orm import Mapped, mapped_column

from app.db.base import Base, UtcDateTime


class MandaatRow(Base):
    """A mandate (model art. 12.2, 14.7, annex 4). Kept, never deleted: ended by a last day."""

    __tablename__ = "mandaten"
    __table_args__ = (Index("ix_mandaten_zvh_bevoegdheid", "zvh", "bevoegdheid"),)

    id: Mapped[str] = mapped_column(String(36), primary_key=True)
    zvh: Mapped[str] = mapped_column(String(64), ForeignKey("samenwerkingsverbanden.id"))
    bevoegdheid: Mapped[str] = mapped_column(String(32))
    mandaatgever: Mapped[str] = mapped_column(String(64))
    gemandateerde: Mapped[str] = mapped_column(String(64))
    rol: Mapped[str] = mapped_column(String(40))
    ingangsdatum: Mapped[date] = mapped_column(Date)
    einddatum: Mapped[date | None] = mapped_column(Date, nullable=True)
    bekendmaking: Mapped[str] = mapped_column(Text)
    vastgelegd_op: Mapped[datetime] = mapped_column(UtcDateTime())
    vastgelegd_door: Mapped[str] = mapped_column(String(64))


class BetrokkenenverzoekRow(Base):
    """A data subject's request under AVG art. 15-22, handled by the contact point."""

    __tablename__ = "betrokkenenverzoeken"
    __table_args__ = (Index("ix_betrokkenenverzoeken_zvh_besluit", "zvh", "besloten_op"),)

    id: Mapped[str] = mapped_column(String(36), primary_key=True)
    zvh: Mapped[str] = mapped_column(String(64), ForeignKey("samenwerkingsverbanden.id"))
    soort: Mapped[str] = mapped_column(String(16))
    bsn: Mapped[str | None] = mapped_column(String(9), nullable=True)
    voornamen: Mapped[str] = mapped_column(String(200))
    achternaam: Mapped[str] = mapped_column(String(200))
    geboortedatum: Mapped[date] = mapped_column(Date)
    ontvangen_op: Mapped[date] = mapped_column(Date)
    omschrijving: Mapped[str] = mapped_column(Text)
    uiterlijke_beslisdatum: Mapped[date] = mapped_column(Date)
    # The person's cases when the request came in, and who took part in them.
    casussen: Mapped[list[str]] = mapped_column(JSON)
    betrokken_deelnemers: Mapped[list[str]] = mapped_column(JSON)
    verlengd_op: Mapped[datetime | None] = mapped_column(UtcDateTime(), nullable=True)
    verlenging_motivering: Mapped[str | None] = mapped_column(Text, nullable=True)
    uitkomst: Mapped[str | None] = mapped_column(String(24), nullable=True)
    besluit_motivering: Mapped[str | None] = mapped_column(Text, nullable=True)
    # What each supplier must do after a granted rectification or erasure (art. 1.6 BGS).
    opdrachten: Mapped[list[dict[str, Any]] | None] = mapped_column(JSON, nullable=True)
    besloten_op: Mapped[datetime | None] = mapped_column(UtcDateTime(), nullable=True)
    besloten_door: Mapped[str | None] = mapped_column(String(64), nullable=True)
    aangemaakt_op: Mapped[datetime] = mapped_column(UtcDateTime())
    aangemaakt_door: Mapped[str] = mapped_column(String(64))


class VerzoekreactieRow(Base):
    """An involved participant's reaction (model art. 14.3-14.4). Append-only: its latest
    reaction is its standpoint; a later `geen-bezwaar` lifts an earlier restriction."""

    __tablename__ = "verzoekreacties"

    id: Mapped[str] = mapped_column(String(36), primary_key=True)
    verzoek_id: Mapped[str] = mapped_column(
        String(36), ForeignKey("betrokkenenverzoeken.id"), index=True
    )
    volgnummer: Mapped[int] = mapped_column(Integer)
    deelnemer: Mapped[str] = mapped_column(String(64))
    standpunt: Mapped[str] = mapped_column(String(16))
    grond: Mapped[str | None] = mapped_column(String(1), nullable=True)
    onderdelen: Mapped[list[str] | None] = mapped_column(JSON, nullable=True)
    herbeoordeling_op: Mapped[date | None] = mapped_column(Date, nullable=True)
    motivering: Mapped[str | None] = mapped_column(Text, nullable=True)
    sub: Mapped[str] = mapped_column(String(200))
    tijdstip: Mapped[datetime] = mapped_column(UtcDateTime())


class DatalekRow(Base):
    """A data breach in the register (AVG art. 33(5)): every breach stays, reported or not."""

    __tablename__ = "datalekken"
    __table_args__ = (Index("ix_datalekken_zvh_ontdekt", "zvh", "ontdekt_op"),)

    id: Mapped[str] = mapped_column(String(36), primary_key=True)
    zvh: Mapped[str] = mapped_column(String(64), ForeignKey("samenwerkingsverbanden.id"))
    gemeld_door: Mapped[str] = mapped_column(String(64))
    sub: Mapped[str] = mapped_column(String(200))
    ontdekt_op: Mapped[datetime] = mapped_column(UtcDateTime())
    melden_uiterlijk: Mapped[datetime] = mapped_column(UtcDateTime())
    omschrijving: Mapped[str] = mapped_column(Text)
    soorten_gegevens: Mapped[list[str]] = mapped_column(JSON)
    geschat_aantal_betrokkenen: Mapped[int] = mapped_column(Integer)
    casussen: Mapped[list[str]] = mapped_column(JSON)
    meldplichtig: Mapped[bool | None] = mapped_column(Boolean, nullable=True)
    hoog_risico: Mapped[bool | None] = mapped_column(Boolean, nullable=True)
    beoordeling_motivering: Mapped[str | None] = mapped_column(Text, nullable=True)
    beoordeeld_op: Mapped[datetime | None] = mapped_column(UtcDateTime(), nullable=True)
    beoordeeld_door: Mapped[str | None] = mapped_column(String(64), nullable=True)
    gemeld_ap_op: Mapped[datetime | None] = mapped_column(UtcDateTime(), nullable=True)
    ap_kenmerk: Mapped[str | None] = mapped_column(String(100), nullable=True)
    betrokkenen_geinformeerd_op: Mapped[date | None] = mapped_column(Date, nullable=True)
    aangemaakt_op: Mapped[datetime] = mapped_column(UtcDateTime())
