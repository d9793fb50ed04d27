"""Tables of data requests and supplied data (art. 2.29, 2.31 lid 3 WGS; art. 1.6 BGS).

Every supply is a retention source (art. 1.16 BGS): it keeps its supplier, the statutory
limit it came with, and room for its own archive date.
"""

from datetime import date, datetime
from typing import Any

from sqlalchemy import JSON, Date, ForeignKey, Index, Integer, String, Text
from sqlalchemy.orm import Mapped, mapped_column

from app.db.base import Base, UtcDateTime


class GegevensverzoekRow(Base):
    """The joint controllers ask a fixed participant for data about a case (step 3)."""

    __tablename__ = "gegevensverzoeken"
    __table_args__ = (Index("ix_gegevensverzoeken_casus_deelnemer", "casus_id", "deelnemer"),)

    id: Mapped[str] = mapped_column(String(36), primary_key=True)
    casus_id: Mapped[str] = mapped_column(String(36), ForeignKey("casussen.id"))
    zvh: Mapped[str] = mapped_column(String(64))
    deelnemer: Mapped[str] = mapped_column(String(64))
    omschrijving: Mapped[str] = mapped_column(Text)
    verzoeker: Mapped[str] = mapped_column(String(64))
    sub: Mapped[str] = mapped_column(String(200))
    tijdstip: Mapped[datetime] = mapped_column(UtcDateTime())


class GegevensverstrekkingRow(Base):
    """One supply of data to a case; its content lives in versions (corrections)."""

    __tablename__ = "gegevensverstrekkingen"
    __table_args__ = (
        Index("ix_gegevensverstrekkingen_zvh_archiefdatum", "zvh", "archiefdatum"),
        Index(
            "ix_gegevensverstrekkingen_te_archiveren",
            "zvh",
            "geanonimiseerd_op",
            "archiefdatum",
            "id",
        ),
    )

    id: Mapped[str] = mapped_column(String(36), primary_key=True)
    casus_id: Mapped[str] = mapped_column(String(36), ForeignKey("casussen.id"), index=True)
    zvh: Mapped[str] = mapped_column(String(64))
    deelnemer: Mapped[str] = mapped_column(String(64))
    sub: Mapped[str] = mapped_column(String(200))
    gegevensverzoek_id: Mapped[str | None] = mapped_column(
        String(36), ForeignKey("gegevensverzoeken.id"), nullable=True
    )
    categorie: Mapped[str] = mapped_column(String(16))
    voorwaarden: Mapped[dict[str, Any] | None] = mapped_column(JSON, nullable=True)
    grondslag_beroepsgeheim: Mapped[str | None] = mapped_column(String(32), nullable=True)
    wettelijke_uiterlijke_bewaardatum: Mapped[date | None] = mapped_column(Date, nullable=True)
    # Filled by the retention engine (issue 7): the source's own archive date.
    archiefdatum: Mapped[date | None] = mapped_column(Date, nullable=True)
    # Set when this source went to the archive manager and its content was anonymised.
    geanonimiseerd_op: Mapped[datetime | None] = mapped_column(UtcDateTime(), nullable=True)
    versie: Mapped[int] = mapped_column(Integer)
    verstrekt_op: Mapped[datetime] = mapped_column(UtcDateTime())
    gewijzigd_op: Mapped[datetime] = mapped_column(UtcDateTime())


class VerstrekkingsversieRow(Base):
    """The content of a supply as first given or as corrected; nothing is overwritten."""

    __tablename__ = "verstrekkingsversies"

    verstrekking_id: Mapped[str] = mapped_column(
        String(36), ForeignKey("gegevensverstrekkingen.id"), primary_key=True
    )
    versie: Mapped[int] = mapped_column(Integer, primary_key=True)
    inhoud: Mapped[str | None] = mapped_column(Text, nullable=True)
    toelichting: Mapped[str | None] = mapped_column(Text, nullable=True)
    sub: Mapped[str] = mapped_column(String(200))
    tijdstip: Mapped[datetime] = mapped_column(UtcDateTime())


class CorrectieverzoekRow(Base):
    """A reported error in supplied data (art. 1.6 BGS); the supplier corrects it."""

    __tablename__ = "correctieverzoeken"

    id: Mapped[str] = mapped_column(String(36), primary_key=True)
    verstrekking_id: Mapped[str] = mapped_column(
        String(36), ForeignKey("gegevensverstrekkingen.id"), index=True
    )
    melder: Mapped[str] = mapped_column(String(64))
    sub: Mapped[str] = mapped_column(String(200))
    toelichting: Mapped[str] = mapped_column(Text)
    tijdstip: Mapped[datetime] = mapped_column(UtcDateTime())
    # The version that settled it; None while the request is open.
    afgehandeld_in_versie: Mapped[int | None] = mapped_column(Integer, nullable=True)
