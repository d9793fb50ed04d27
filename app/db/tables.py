"""Tables. Every row belongs to a partnership (zvh): nothing crosses that line."""

from datetime import date, datetime

from sqlalchemy import Boolean, Date, DateTime, ForeignKey, Index, String, func
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
