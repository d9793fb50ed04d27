"""Tables. Every row belongs to a partnership (zvh): nothing crosses that line."""

from datetime import date, datetime
from typing import Any

from sqlalchemy import (
    JSON,
    Boolean,
    Date,
    DateTime,
    ForeignKey,
    Index,
    Integer,
    String,
    Text,
    UniqueConstraint,
    func,
)
from sqlalchemy.orm import Mapped, mapped_column

from app.db.base import Base


class SamenwerkingsverbandRow(Base):
    """A partnership (Zorg- en Veiligheidshuis) and its per-partnership settings."""

    __tablename__ = "samenwerkingsverbanden"

    id: Mapped[str] = mapped_column(String(64), primary_key=True)
    naam: Mapped[str] = mapped_column(String(200))
    # Art. 12.2 option 1 of the model agreement: the process director may do the intake.
    mandaat_procesregisseur_intake: Mapped[bool] = mapped_column(Boolean, default=False)
    aangemaakt_op: Mapped[datetime] = mapped_column(
        DateTime(timezone=True), server_default=func.now()
    )


class DeelnemerRow(Base):
    """A fixed participant in a partnership's registry (art. 2.27 WGS)."""

    __tablename__ = "deelnemers"

    zvh: Mapped[str] = mapped_column(
        String(64), ForeignKey("samenwerkingsverbanden.id"), primary_key=True
    )
    id: Mapped[str] = mapped_column(String(64), primary_key=True)
    naam: Mapped[str] = mapped_column(String(200))
    deelnemertype: Mapped[str] = mapped_column(String(16))
    categorie: Mapped[str] = mapped_column(String(32))
    beroepsgeheim: Mapped[str | None] = mapped_column(String(16), nullable=True)
    toetredingsdatum: Mapped[date] = mapped_column(Date)
    gewijzigd_op: Mapped[datetime] = mapped_column(
        DateTime(timezone=True), server_default=func.now(), onupdate=func.now()
    )


class VerwerkingRow(Base):
    """One processing of personal data. Append-only: triggers refuse UPDATE and DELETE."""

    __tablename__ = "verwerkingen"
    __table_args__ = (Index("ix_verwerkingen_zvh_casus", "zvh", "casus_id", "tijdstip"),)

    id: Mapped[str] = mapped_column(String(36), primary_key=True)
    zvh: Mapped[str] = mapped_column(String(64))
    tijdstip: Mapped[datetime] = mapped_column(DateTime(timezone=True))
    trace_id: Mapped[str] = mapped_column(String(32))
    span_id: Mapped[str] = mapped_column(String(16))
    activiteit: Mapped[str] = mapped_column(String(64))
    handeling: Mapped[str] = mapped_column(String(16))
    casus_id: Mapped[str | None] = mapped_column(String(36), nullable=True)
    betrokkene: Mapped[str | None] = mapped_column(String(64), nullable=True)
    sub: Mapped[str] = mapped_column(String(200))
    deelnemer: Mapped[str] = mapped_column(String(64))
    rollen: Mapped[str] = mapped_column(String(400))
    resultaat: Mapped[str] = mapped_column(String(16))


class PrioriteringslijstRow(Base):
    """A list of prioritised cases of a partnership (art. 2.32 WGS)."""

    __tablename__ = "prioriteringslijsten"
    __table_args__ = (UniqueConstraint("zvh", "naam"),)

    id: Mapped[str] = mapped_column(String(36), primary_key=True)
    zvh: Mapped[str] = mapped_column(String(64), ForeignKey("samenwerkingsverbanden.id"))
    naam: Mapped[str] = mapped_column(String(200))
    status: Mapped[str] = mapped_column(String(16))
    aangemaakt_op: Mapped[datetime] = mapped_column(DateTime(timezone=True))
    aangemaakt_door: Mapped[str] = mapped_column(String(64))
    ingetrokken_op: Mapped[datetime | None] = mapped_column(DateTime(timezone=True), nullable=True)


class PrioriteringslijstVersieRow(Base):
    """One version of a list's criteria. Once published, triggers refuse UPDATE and DELETE."""

    __tablename__ = "prioriteringslijst_versies"

    lijst_id: Mapped[str] = mapped_column(
        String(36), ForeignKey("prioriteringslijsten.id"), primary_key=True
    )
    versie: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=False)
    omschrijving: Mapped[str] = mapped_column(Text)
    criteria: Mapped[dict[str, Any]] = mapped_column(JSON)
    aangemaakt_op: Mapped[datetime] = mapped_column(DateTime(timezone=True))
    gepubliceerd_op: Mapped[datetime | None] = mapped_column(DateTime(timezone=True), nullable=True)
    publicatiedatum: Mapped[date | None] = mapped_column(Date, nullable=True)
