"""Tables of notifications: subscriptions, the outbox, and one delivery per subscription.

The outbox row is written in the transaction of the change it announces (`record_event`,
app/db/outbox.py): a notification exists exactly when its change committed. The worker
then makes one delivery per subscription of the channel and sends it, with retries.
"""

from datetime import datetime

from sqlalchemy import Boolean, ForeignKey, Index, Integer, String, Text
from sqlalchemy.orm import Mapped, mapped_column

from app.db.base import Base, UtcDateTime


class AbonnementRow(Base):
    """An organisation's subscription: where to POST, for which channels, signed how."""

    __tablename__ = "abonnementen"
    __table_args__ = (Index("ix_abonnementen_zvh_deelnemer", "zvh", "deelnemer"),)

    id: Mapped[str] = mapped_column(String(36), primary_key=True)
    zvh: Mapped[str] = mapped_column(String(64))
    deelnemer: Mapped[str] = mapped_column(String(64))
    callback_url: Mapped[str] = mapped_column(String(2000))
    # Channel names, comma-separated and sorted (app/domain/notificatie.py::Kanaal).
    kanalen: Mapped[str] = mapped_column(String(200))
    # The Standard Webhooks secret (`whsec_...`): signing needs the key itself.
    geheim: Mapped[str] = mapped_column(String(200))
    sub: Mapped[str] = mapped_column(String(200))
    aangemaakt_op: Mapped[datetime] = mapped_column(UtcDateTime())
    # Ended by DELETE; kept so that its deliveries keep their history.
    beeindigd_op: Mapped[datetime | None] = mapped_column(UtcDateTime(), nullable=True)


class NotificatieRow(Base):
    """The outbox: a change to announce, written in the transaction of the change."""

    __tablename__ = "notificaties"
    __table_args__ = (Index("ix_notificaties_verspreid", "verspreid", "aanmaakdatum"),)

    id: Mapped[str] = mapped_column(String(36), primary_key=True)
    zvh: Mapped[str] = mapped_column(String(64))
    kanaal: Mapped[str] = mapped_column(String(32))
    resource: Mapped[str] = mapped_column(String(64))
    resource_id: Mapped[str] = mapped_column(String(36))
    # A path under the service (`/v1/...`); ZVH_PUBLIC_BASE_URL is put before it when sent.
    resource_pad: Mapped[str] = mapped_column(String(300))
    actie: Mapped[str] = mapped_column(String(32))
    aanmaakdatum: Mapped[datetime] = mapped_column(UtcDateTime())
    # What the access check at delivery needs: the case it belongs to, and the
    # organisation it is addressed to (a data request's, a consent request's).
    casus_id: Mapped[str | None] = mapped_column(String(36), nullable=True)
    geadresseerde: Mapped[str | None] = mapped_column(String(64), nullable=True)
    # True once a delivery was made for every subscription of the channel.
    verspreid: Mapped[bool] = mapped_column(Boolean, default=False)


class AfleveringRow(Base):
    """One notification to one subscription; its id is the message's `webhook-id`."""

    __tablename__ = "afleveringen"
    __table_args__ = (
        Index("ix_afleveringen_status_volgende_poging", "status", "volgende_poging"),
        Index("ix_afleveringen_abonnement", "abonnement_id"),
    )

    id: Mapped[str] = mapped_column(String(36), primary_key=True)
    notificatie_id: Mapped[str] = mapped_column(String(36), ForeignKey("notificaties.id"))
    abonnement_id: Mapped[str] = mapped_column(String(36), ForeignKey("abonnementen.id"))
    # app/domain/notificatie.py::Afleverstatus
    status: Mapped[str] = mapped_column(String(16))
    pogingen: Mapped[int] = mapped_column(Integer, default=0)
    # Due from this moment; a claimed delivery is leased until it (a worker that dies
    # mid-send leaves it to be claimed again).
    volgende_poging: Mapped[datetime] = mapped_column(UtcDateTime())
    # The last failure as a word (`http-500`, `time-out`, `verbinding`): never a body.
    laatste_fout: Mapped[str | None] = mapped_column(String(64), nullable=True)
    # Why it was not sent (`vervallen`): the access check's reason.
    reden: Mapped[str | None] = mapped_column(Text, nullable=True)
    afgeleverd_op: Mapped[datetime | None] = mapped_column(UtcDateTime(), nullable=True)
    gewijzigd_op: Mapped[datetime] = mapped_column(UtcDateTime())
