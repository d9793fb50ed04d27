"""Tables of retention management (art. 1.8 lid 7 WGS, art. 1.16 BGS, model art. 16).

An extension is decided by the joint controllers; every supplier of data in the case is
asked to consent (a row per extension and supplier, `instemming` None while open). An
archive document records what was handed to the archive manager before anonymisation.
"""

from datetime import date, datetime

from sqlalchemy import Boolean, Date, ForeignKey, Index, Integer, String, Text
from sqlalchemy.orm import Mapped, mapped_column

from app.db.base import Base, UtcDateTime


class VerlengingRow(Base):
    """An extension of the maximum retention date (art. 1.16 BGS), decided on `besluitdatum`."""

    __tablename__ = "verlengingen"
    __table_args__ = (Index("ix_verlengingen_casus_volgnummer", "casus_id", "volgnummer"),)

    id: Mapped[str] = mapped_column(String(36), primary_key=True)
    casus_id: Mapped[str] = mapped_column(String(36), ForeignKey("casussen.id"))
    zvh: Mapped[str] = mapped_column(String(64))
    # Order of the decisions within the case: the engine applies them in this order.
    volgnummer: Mapped[int] = mapped_column(Integer)
    besluitdatum: Mapped[date] = mapped_column(Date)
    maanden: Mapped[int] = mapped_column(Integer)
    reden: Mapped[str] = mapped_column(String(32))
    # Free text: emptied by anonymisation.
    motivering: Mapped[str | None] = mapped_column(Text, nullable=True)
    deelnemer: Mapped[str] = mapped_column(String(64))
    sub: Mapped[str] = mapped_column(String(200))
    tijdstip: Mapped[datetime] = mapped_column(UtcDateTime())


class InstemmingRow(Base):
    """A supplier's consent to keep its data for an extension; None while it is asked."""

    __tablename__ = "instemmingen"
    __table_args__ = (
        Index("ix_instemmingen_zvh_deelnemer_open", "zvh", "deelnemer", "instemming"),
    )

    verlenging_id: Mapped[str] = mapped_column(
        String(36), ForeignKey("verlengingen.id"), primary_key=True
    )
    deelnemer: Mapped[str] = mapped_column(String(64), primary_key=True)
    casus_id: Mapped[str] = mapped_column(String(36), ForeignKey("casussen.id"), index=True)
    zvh: Mapped[str] = mapped_column(String(64))
    gevraagd_op: Mapped[datetime] = mapped_column(UtcDateTime())
    instemming: Mapped[bool | None] = mapped_column(Boolean, nullable=True)
    beantwoord_op: Mapped[datetime | None] = mapped_column(UtcDateTime(), nullable=True)
    sub: Mapped[str | None] = mapped_column(String(200), nullable=True)


class ArchiefdocumentRow(Base):
    """A document handed to the archive manager (model art. 16) before anonymisation.

    After that, requests of the data subject about it go to the archivist (factsheet
    Bewaartermijnen, "Archiveren"): `archiefbeheerder` records who holds it.
    """

    __tablename__ = "archiefdocumenten"
    __table_args__ = (Index("ix_archiefdocumenten_casus", "casus_id"),)

    pad: Mapped[str] = mapped_column(String(300), primary_key=True)
    zvh: Mapped[str] = mapped_column(String(64))
    casus_id: Mapped[str] = mapped_column(String(36), ForeignKey("casussen.id"))
    # None for the whole case; else "aanmelding" or the id of a gegevensverstrekking.
    bron_id: Mapped[str | None] = mapped_column(String(36), nullable=True)
    sha256: Mapped[str] = mapped_column(String(64))
    archiefdatum: Mapped[date] = mapped_column(Date)
    archiefbeheerder: Mapped[str] = mapped_column(String(64))
    gearchiveerd_op: Mapped[datetime] = mapped_column(UtcDateTime())
