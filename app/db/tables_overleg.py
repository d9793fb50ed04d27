"""Tables of step 5 (art. 2.31 lid 5-6 WGS) and of the information duty (art. 14 AVG).

Case conferences with their attendees, the versioned plan of approach with its
interventions, and one information-duty record per admitted case. Free text here
(agreements, goals, interventions, reasons) is personal data of the case: anonymisation
must empty it with the case.
"""

from datetime import date, datetime

from sqlalchemy import JSON, Date, ForeignKey, Integer, String, Text, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column

from app.db.base import Base, UtcDateTime


class CasusoverlegRow(Base):
    """A case conference: its date and the agreements made (art. 2.31 lid 5 WGS)."""

    __tablename__ = "casusoverleggen"

    id: Mapped[str] = mapped_column(String(36), primary_key=True)
    casus_id: Mapped[str] = mapped_column(String(36), ForeignKey("casussen.id"), index=True)
    datum: Mapped[date] = mapped_column(Date)
    afspraken: Mapped[str | None] = mapped_column(Text, nullable=True)
    vastgelegd_op: Mapped[datetime] = mapped_column(UtcDateTime())
    deelnemer: Mapped[str] = mapped_column(String(64))
    sub: Mapped[str] = mapped_column(String(200))


class CasusoverlegAanwezigeRow(Base):
    """A participant present at a case conference."""

    __tablename__ = "casusoverleg_aanwezigen"

    overleg_id: Mapped[str] = mapped_column(
        String(36), ForeignKey("casusoverleggen.id"), primary_key=True
    )
    deelnemer: Mapped[str] = mapped_column(String(64), primary_key=True)


class PlanVanAanpakRow(Base):
    """One version of a case's plan of approach; versions are never changed, only added."""

    __tablename__ = "plannen_van_aanpak"
    __table_args__ = (UniqueConstraint("casus_id", "versie"),)

    id: Mapped[str] = mapped_column(String(36), primary_key=True)
    casus_id: Mapped[str] = mapped_column(String(36), ForeignKey("casussen.id"), index=True)
    versie: Mapped[int] = mapped_column(Integer)
    doelen: Mapped[list[str] | None] = mapped_column(JSON, nullable=True)
    # Model art. 8.2: null means nobody was agreed; the joint controllers inform.
    informeert_betrokkene: Mapped[str | None] = mapped_column(String(64), nullable=True)
    # Model art. 8a (optional): the participant whose employee directs the case.
    casusregisseur: Mapped[str | None] = mapped_column(String(64), nullable=True)
    casusoverleg_id: Mapped[str | None] = mapped_column(
        String(36), ForeignKey("casusoverleggen.id"), nullable=True
    )
    vastgesteld_op: Mapped[datetime] = mapped_column(UtcDateTime())
    deelnemer: Mapped[str] = mapped_column(String(64))
    sub: Mapped[str] = mapped_column(String(200))


class InterventieRow(Base):
    """An intervention of the plan: which participant does what, by when."""

    __tablename__ = "plan_interventies"

    id: Mapped[str] = mapped_column(String(36), primary_key=True)
    plan_id: Mapped[str] = mapped_column(
        String(36), ForeignKey("plannen_van_aanpak.id"), index=True
    )
    volgnummer: Mapped[int] = mapped_column(Integer)
    deelnemer: Mapped[str] = mapped_column(String(64))
    omschrijving: Mapped[str | None] = mapped_column(Text, nullable=True)
    termijn: Mapped[date] = mapped_column(Date)


class InformatieplichtRow(Base):
    """The information duty towards the data subject of an admitted case (art. 14 AVG)."""

    __tablename__ = "informatieplichten"

    casus_id: Mapped[str] = mapped_column(String(36), ForeignKey("casussen.id"), primary_key=True)
    toegelaten_op: Mapped[date] = mapped_column(Date)
    uiterlijke_datum: Mapped[date] = mapped_column(Date)
    uitgevoerd_op: Mapped[date | None] = mapped_column(Date, nullable=True)
    uitzondering: Mapped[str | None] = mapped_column(String(32), nullable=True)
    motivering: Mapped[str | None] = mapped_column(Text, nullable=True)
    afgehandeld_op: Mapped[datetime | None] = mapped_column(UtcDateTime(), nullable=True)
    afgehandeld_door: Mapped[str | None] = mapped_column(String(64), nullable=True)
    sub: Mapped[str | None] = mapped_column(String(200), nullable=True)
    # An art. 41 UAVG exception: the participant that invoked it, the letter of art. 41(1),
    # the date it is reviewed; kept after lifting, which reopens the duty (model art. 14.4).
    uitzondering_deelnemer: Mapped[str | None] = mapped_column(String(64), nullable=True)
    uitzondering_grond: Mapped[str | None] = mapped_column(String(1), nullable=True)
    herbeoordeling_op: Mapped[date | None] = mapped_column(Date, nullable=True)
    opgeheven_op: Mapped[date | None] = mapped_column(Date, nullable=True)
    opgeheven_door: Mapped[str | None] = mapped_column(String(64), nullable=True)
    opheffing_motivering: Mapped[str | None] = mapped_column(Text, nullable=True)
