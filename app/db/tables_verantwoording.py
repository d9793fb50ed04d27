"""Tables of accountability: the RAC register and disclosures to third parties.

The legality advisory committee (Rechtmatigheidsadviescommissie, RAC) advises the joint
controllers; a deviation from its advice is recorded with its motivation and reported to
the coordinating data protection officer (model art. 4.9-4.11, 15). A result of the
partnership goes to a third party only after RAC advice and, for special or criminal data,
with the consent of the participant that supplied it (art. 1.7 WGS). Both registers are
kept as written: there is no endpoint that changes an advice or a disclosure's content.
"""

from datetime import date, datetime

from sqlalchemy import Boolean, Date, ForeignKey, Index, String, Text
from sqlalchemy.orm import Mapped, mapped_column

from app.db.base import Base, UtcDateTime


class RacAdviesRow(Base):
    """One advice of the RAC and whether the joint controllers followed it."""

    __tablename__ = "rac_adviezen"
    __table_args__ = (Index("ix_rac_adviezen_zvh_datum", "zvh", "datum"),)

    id: Mapped[str] = mapped_column(String(36), primary_key=True)
    zvh: Mapped[str] = mapped_column(String(64), ForeignKey("samenwerkingsverbanden.id"))
    onderwerp: Mapped[str] = mapped_column(Text)
    datum: Mapped[date] = mapped_column(Date)
    advies: Mapped[str] = mapped_column(Text)
    gevolgd: Mapped[bool] = mapped_column(Boolean)
    afwijking_motivering: Mapped[str | None] = mapped_column(Text, nullable=True)
    vastgelegd_door: Mapped[str] = mapped_column(String(64))
    sub: Mapped[str] = mapped_column(String(200))
    vastgelegd_op: Mapped[datetime] = mapped_column(UtcDateTime())


class DerdenverstrekkingRow(Base):
    """A disclosure of a case's results to a third party (art. 1.7 WGS).

    `status`: `wacht-op-instemming` while a supplier of special or criminal data has not
    answered, `verstrekt` once every consent is given (or none was needed), `geweigerd`
    when a supplier refused. The third party is named, never given an account.
    """

    __tablename__ = "derdenverstrekkingen"
    __table_args__ = (Index("ix_derdenverstrekkingen_zvh_status", "zvh", "status"),)

    id: Mapped[str] = mapped_column(String(36), primary_key=True)
    casus_id: Mapped[str] = mapped_column(String(36), ForeignKey("casussen.id"), index=True)
    zvh: Mapped[str] = mapped_column(String(64))
    ontvanger: Mapped[str] = mapped_column(Text)
    doel: Mapped[str] = mapped_column(Text)
    noodzaak: Mapped[str] = mapped_column(Text)
    rac_advies_id: Mapped[str] = mapped_column(String(36), ForeignKey("rac_adviezen.id"))
    plan_van_aanpak: Mapped[bool] = mapped_column(Boolean)
    status: Mapped[str] = mapped_column(String(24))
    deelnemer: Mapped[str] = mapped_column(String(64))
    sub: Mapped[str] = mapped_column(String(200))
    aangevraagd_op: Mapped[datetime] = mapped_column(UtcDateTime())
    verstrekt_op: Mapped[datetime | None] = mapped_column(UtcDateTime(), nullable=True)


class DerdenverstrekkingOnderdeelRow(Base):
    """A supply disclosed; for special or criminal data its supplier's consent.

    `instemming` follows the consent of extensions (tables_bewaren.InstemmingRow): None
    while asked, then the supplier's final answer for its own organisation; for ordinary
    data no consent is asked (`instemming_nodig` false).
    """

    __tablename__ = "derdenverstrekking_onderdelen"
    __table_args__ = (
        Index("ix_derdenverstrekking_onderdelen_zvh_deelnemer", "zvh", "deelnemer", "instemming"),
    )

    derdenverstrekking_id: Mapped[str] = mapped_column(
        String(36), ForeignKey("derdenverstrekkingen.id"), primary_key=True
    )
    verstrekking_id: Mapped[str] = mapped_column(
        String(36), ForeignKey("gegevensverstrekkingen.id"), primary_key=True
    )
    zvh: Mapped[str] = mapped_column(String(64))
    deelnemer: Mapped[str] = mapped_column(String(64))
    categorie: Mapped[str] = mapped_column(String(16))
    instemming_nodig: Mapped[bool] = mapped_column(Boolean)
    instemming: Mapped[bool | None] = mapped_column(Boolean, nullable=True)
    beantwoord_op: Mapped[datetime | None] = mapped_column(UtcDateTime(), nullable=True)
    sub: Mapped[str | None] = mapped_column(String(200), nullable=True)
