"""Tables. Every row belongs to a partnership (zvh): nothing crosses that line."""

from datetime import date, datetime

from sqlalchemy import Boolean, Date, DateTime, ForeignKey, String, func
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
