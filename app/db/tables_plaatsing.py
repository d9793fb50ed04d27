"""Tables of placements on priority lists and their facts (art. 2.32(2)-(4) WGS).

A placement keeps the list version applied, the peildatum, who placed it and, once it
ends, when, by whom and why: the joint controllers' account of the list. The facts that
counted (the justification) are personal data gathered for the list only; they are
deleted when the placement ends (art. 2.32 lid 4 WGS).
"""

from datetime import date, datetime

from sqlalchemy import (
    Date,
    ForeignKey,
    ForeignKeyConstraint,
    Index,
    Integer,
    String,
    Text,
    text,
)
from sqlalchemy.orm import Mapped, mapped_column

from app.db.base import Base, UtcDateTime


class PrioriteringsplaatsingRow(Base):
    """A case on a priority list; `verwijderd_op` set means it was removed."""

    __tablename__ = "prioriteringsplaatsingen"
    __table_args__ = (
        ForeignKeyConstraint(
            ["lijst_id", "versie"],
            ["prioriteringslijst_versies.lijst_id", "prioriteringslijst_versies.versie"],
        ),
        Index("ix_prioriteringsplaatsingen_zvh_lijst", "zvh", "lijst_id"),
        # A case is on a list at most once at a time.
        Index(
            "uq_prioriteringsplaatsingen_huidig",
            "lijst_id",
            "casus_id",
            unique=True,
            sqlite_where=text("verwijderd_op IS NULL"),
            postgresql_where=text("verwijderd_op IS NULL"),
        ),
    )

    id: Mapped[str] = mapped_column(String(36), primary_key=True)
    zvh: Mapped[str] = mapped_column(String(64))
    lijst_id: Mapped[str] = mapped_column(String(36), ForeignKey("prioriteringslijsten.id"))
    versie: Mapped[int] = mapped_column(Integer)
    casus_id: Mapped[str] = mapped_column(String(36), ForeignKey("casussen.id"), index=True)
    peildatum: Mapped[date] = mapped_column(Date)
    geplaatst_op: Mapped[datetime] = mapped_column(UtcDateTime())
    geplaatst_door: Mapped[str] = mapped_column(String(64))
    geplaatst_sub: Mapped[str] = mapped_column(String(200))
    # The first day the stored facts no longer meet the criteria (art. 2.32 lid 4 WGS):
    # from then on the placement does not count, even before a re-evaluation ends it.
    vervalt_op: Mapped[date | None] = mapped_column(Date, nullable=True)
    # The last re-evaluation that kept the placement.
    beoordeeld_op: Mapped[date | None] = mapped_column(Date, nullable=True)
    beoordeeld_versie: Mapped[int | None] = mapped_column(Integer, nullable=True)
    verwijderd_op: Mapped[datetime | None] = mapped_column(UtcDateTime(), nullable=True)
    verwijderd_door: Mapped[str | None] = mapped_column(String(64), nullable=True)
    verwijderd_sub: Mapped[str | None] = mapped_column(String(200), nullable=True)
    verwijderreden: Mapped[str | None] = mapped_column(String(32), nullable=True)
    verwijdertoelichting: Mapped[str | None] = mapped_column(Text, nullable=True)


class PlaatsingsfeitRow(Base):
    """A fact that counted for a placement; deleted when the placement ends."""

    __tablename__ = "plaatsingsfeiten"

    plaatsing_id: Mapped[str] = mapped_column(
        String(36), ForeignKey("prioriteringsplaatsingen.id"), primary_key=True
    )
    volgnummer: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=False)
    soort: Mapped[str] = mapped_column(String(32))
    categorie: Mapped[str] = mapped_column(String(64))
    datum: Mapped[date] = mapped_column(Date)
    bron: Mapped[str] = mapped_column(String(64))
