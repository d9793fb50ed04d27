"""Tables. Every row belongs to a partnership (zvh): nothing crosses that line."""

from datetime import date, datetime
from typing import Any

from sqlalchemy import (
    JSON,
    BigInteger,
    Boolean,
    Date,
    ForeignKey,
    ForeignKeyConstraint,
    Index,
    Integer,
    String,
    Text,
    UniqueConstraint,
    func,
)
from sqlalchemy.orm import Mapped, mapped_column

from app.db.base import Base, UtcDateTime


class SamenwerkingsverbandRow(Base):
    """A partnership (Zorg- en Veiligheidshuis) and its per-partnership settings."""

    __tablename__ = "samenwerkingsverbanden"

    id: Mapped[str] = mapped_column(String(64), primary_key=True)
    naam: Mapped[str] = mapped_column(String(200))
    # Mandates (model art. 12.2, 14.7) live in `mandaten` (app/db/tables_contactpunt.py).
    # Public contact details of the coordinating FG (model art. 14.11, 15.1).
    fg_contact: Mapped[dict[str, Any] | None] = mapped_column(JSON, nullable=True)
    aangemaakt_op: Mapped[datetime] = mapped_column(UtcDateTime(), server_default=func.now())


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
        UtcDateTime(), server_default=func.now(), onupdate=func.now()
    )


class AanwijzingRow(Base):
    """The participant a partnership designated for one function (model art. 14-16)."""

    __tablename__ = "aanwijzingen"
    __table_args__ = (
        ForeignKeyConstraint(["zvh", "deelnemer"], ["deelnemers.zvh", "deelnemers.id"]),
    )

    zvh: Mapped[str] = mapped_column(
        String(64), ForeignKey("samenwerkingsverbanden.id"), primary_key=True
    )
    functie: Mapped[str] = mapped_column(String(32), primary_key=True)
    deelnemer: Mapped[str] = mapped_column(String(64))
    gewijzigd_op: Mapped[datetime] = mapped_column(UtcDateTime())


class VerwerkingRow(Base):
    """One processing of personal data. Append-only: triggers refuse UPDATE and DELETE.

    On PostgreSQL partitioned by calendar month (UTC) of `tijdstip` (app/db/log_partitions.py);
    the partition key is part of the primary key, as PostgreSQL requires of a partitioned
    table. Ids are unique (UUIDs) but carry no order: read in (tijdstip, id) order.
    """

    __tablename__ = "verwerkingen"
    __table_args__ = (
        Index("ix_verwerkingen_zvh_casus", "zvh", "casus_id", "tijdstip"),
        # The hash chain in order (app/domain/logketen.py); not unique: a partitioned
        # table's unique keys must hold the partition key. `zvh log verify` finds doubles.
        Index("ix_verwerkingen_keten", "zvh", "volgnummer"),
        {"postgresql_partition_by": "RANGE (tijdstip)"},
    )

    id: Mapped[str] = mapped_column(String(36), primary_key=True)
    zvh: Mapped[str] = mapped_column(String(64))
    tijdstip: Mapped[datetime] = mapped_column(UtcDateTime(), primary_key=True)
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
    # The reason the coordinating FG stated for a supervisory read (model art. 15).
    reden: Mapped[str | None] = mapped_column(Text, nullable=True)
    # The span of the caller's system that sent a `traceparent` (a foreign operation).
    parent_span_id: Mapped[str | None] = mapped_column(String(16), nullable=True)
    # The partnership's hash chain (app/domain/logketen.py).
    volgnummer: Mapped[int] = mapped_column(BigInteger)
    vorige_hash: Mapped[str] = mapped_column(String(64))
    hash: Mapped[str] = mapped_column(String(64))


class VerwerkingsketenRow(Base):
    """The head of a partnership's processing-log chain: its last number and hash.

    Writers update it first (`volgnummer + n`), which locks the row until they commit:
    the partnership's log writes queue one by one, so the chain never forks. No foreign
    key: the log also records attempts under a partnership that is not registered.
    """

    __tablename__ = "verwerkingsketens"

    zvh: Mapped[str] = mapped_column(String(64), primary_key=True)
    volgnummer: Mapped[int] = mapped_column(BigInteger)
    hash: Mapped[str] = mapped_column(String(64))
    # The hash before `hash` (null until the first write after this column came): lets one
    # statement update the head and write the record from its RETURNING.
    vorige_hash: Mapped[str | None] = mapped_column(String(64), nullable=True)


class CasusRow(Base):
    """A case (art. 2.31 WGS). Personal data of the data subject lives in BetrokkeneRow."""

    __tablename__ = "casussen"
    __table_args__ = (
        # The case list (GET /v1/casussen): a page with or without a status filter is an
        # index range in registration order.
        Index("ix_casussen_lijst_status", "zvh", "status", "aanmelddatum", "id"),
        Index("ix_casussen_lijst", "zvh", "aanmelddatum", "id"),
        Index("ix_casussen_zvh_archiefdatum", "zvh", "archiefdatum"),
        # The due list and the sweep: what is not yet archived, by archive date.
        Index("ix_casussen_te_archiveren", "zvh", "gearchiveerd_op", "archiefdatum", "id"),
        Index(
            "ix_casussen_aanmelding_te_archiveren",
            "zvh",
            "aanmelding_geanonimiseerd_op",
            "aanmelding_archiefdatum",
            "id",
        ),
        ForeignKeyConstraint(["zvh", "aanmelder"], ["deelnemers.zvh", "deelnemers.id"]),
    )

    id: Mapped[str] = mapped_column(String(36), primary_key=True)
    zvh: Mapped[str] = mapped_column(String(64), ForeignKey("samenwerkingsverbanden.id"))
    status: Mapped[str] = mapped_column(String(24))
    versie: Mapped[int] = mapped_column(Integer)
    aanmelder: Mapped[str] = mapped_column(String(64))
    aanmelddatum: Mapped[date] = mapped_column(Date)
    aanmeldreden: Mapped[str | None] = mapped_column(Text, nullable=True)
    # Why a registrant bound by professional secrecy may register (art. 2.29 lid 2 WGS).
    grondslag_beroepsgeheim: Mapped[str | None] = mapped_column(String(32), nullable=True)
    vorige_casus_id: Mapped[str | None] = mapped_column(String(36), nullable=True)
    afsluitdatum: Mapped[date | None] = mapped_column(Date, nullable=True)
    afwijzingsdatum: Mapped[date | None] = mapped_column(Date, nullable=True)
    # The retention engine's dates, recomputed whenever something they depend on changes.
    maximale_bewaardatum: Mapped[date | None] = mapped_column(Date, nullable=True)
    archiefdatum: Mapped[date | None] = mapped_column(Date, nullable=True)
    # The registration is a retention source of its own (supplier: the registrant).
    aanmelding_archiefdatum: Mapped[date | None] = mapped_column(Date, nullable=True)
    aanmelding_geanonimiseerd_op: Mapped[datetime | None] = mapped_column(
        UtcDateTime(), nullable=True
    )
    # Set when the case went to the archive manager and was anonymised here.
    gearchiveerd_op: Mapped[datetime | None] = mapped_column(UtcDateTime(), nullable=True)
    aangemaakt_op: Mapped[datetime] = mapped_column(UtcDateTime())
    gewijzigd_op: Mapped[datetime] = mapped_column(UtcDateTime())


class BetrokkeneRow(Base):
    """The data subject of a case; anonymisation empties these columns."""

    __tablename__ = "betrokkenen"
    __table_args__ = (Index("ix_betrokkenen_zvh_bsn", "zvh", "bsn"),)

    casus_id: Mapped[str] = mapped_column(String(36), ForeignKey("casussen.id"), primary_key=True)
    zvh: Mapped[str] = mapped_column(String(64))
    pseudoniem: Mapped[str] = mapped_column(String(36), unique=True)
    bsn: Mapped[str | None] = mapped_column(String(9), nullable=True)
    voornamen: Mapped[str | None] = mapped_column(String(200), nullable=True)
    achternaam: Mapped[str | None] = mapped_column(String(200), nullable=True)
    geboortedatum: Mapped[date | None] = mapped_column(Date, nullable=True)


class OmgevingspersoonRow(Base):
    """A person in the data subject's direct social environment (art. 2.31(7) WGS)."""

    __tablename__ = "omgevingspersonen"

    id: Mapped[str] = mapped_column(String(36), primary_key=True)
    casus_id: Mapped[str] = mapped_column(String(36), ForeignKey("casussen.id"), index=True)
    naam: Mapped[str | None] = mapped_column(String(200), nullable=True)
    relatie: Mapped[str | None] = mapped_column(String(200), nullable=True)


class CriteriabeoordelingRow(Base):
    """A recorded assessment of the BGS 2.20 criteria (art. 2.20(3) BGS), per phase."""

    __tablename__ = "criteriabeoordelingen"

    id: Mapped[str] = mapped_column(String(36), primary_key=True)
    casus_id: Mapped[str] = mapped_column(String(36), ForeignKey("casussen.id"), index=True)
    fase: Mapped[str] = mapped_column(String(16))
    criteria: Mapped[dict[str, Any]] = mapped_column(JSON)
    toelaatbaar: Mapped[bool] = mapped_column(Boolean)
    uitkomst: Mapped[dict[str, Any]] = mapped_column(JSON)
    tijdstip: Mapped[datetime] = mapped_column(UtcDateTime())
    deelnemer: Mapped[str] = mapped_column(String(64))
    sub: Mapped[str] = mapped_column(String(200))


class CasusgebeurtenisRow(Base):
    """A decision on a case: what, when, by whom and why."""

    __tablename__ = "casusgebeurtenissen"

    id: Mapped[str] = mapped_column(String(36), primary_key=True)
    casus_id: Mapped[str] = mapped_column(String(36), ForeignKey("casussen.id"), index=True)
    soort: Mapped[str] = mapped_column(String(32))
    tijdstip: Mapped[datetime] = mapped_column(UtcDateTime())
    deelnemer: Mapped[str] = mapped_column(String(64))
    sub: Mapped[str] = mapped_column(String(200))
    rollen: Mapped[str] = mapped_column(String(400))
    toelichting: Mapped[str | None] = mapped_column(Text, nullable=True)


class CasusdeelnemerRow(Base):
    """A participant selected for a case (art. 2.31(4) WGS), or an invited incidental one."""

    __tablename__ = "casusdeelnemers"
    # What one participant was selected for: the case list and the work queue per caller.
    __table_args__ = (Index("ix_casusdeelnemers_deelnemer", "deelnemer", "casus_id"),)

    casus_id: Mapped[str] = mapped_column(String(36), ForeignKey("casussen.id"), primary_key=True)
    deelnemer: Mapped[str] = mapped_column(String(64), primary_key=True)
    incidenteel: Mapped[bool] = mapped_column(Boolean)
    noodzaak: Mapped[str] = mapped_column(Text)
    geselecteerd_op: Mapped[datetime] = mapped_column(UtcDateTime())


class GeheimhoudingsverklaringRow(Base):
    """A confidentiality statement signed by one person (`sub`) acting for an incidental
    participant (art. 2.21 BGS; model art. 8.1: "De medewerker [...] ondertekent")."""

    __tablename__ = "geheimhoudingsverklaringen"
    __table_args__ = (UniqueConstraint("casus_id", "deelnemer", "sub"),)

    id: Mapped[str] = mapped_column(String(36), primary_key=True)
    casus_id: Mapped[str] = mapped_column(String(36), ForeignKey("casussen.id"), index=True)
    deelnemer: Mapped[str] = mapped_column(String(64))
    ondertekenaar: Mapped[str | None] = mapped_column(String(200), nullable=True)
    regime: Mapped[str] = mapped_column(String(32))
    sub: Mapped[str] = mapped_column(String(200))
    ondertekend_op: Mapped[datetime] = mapped_column(UtcDateTime())


class IdempotentieRow(Base):
    """A creating request's first response, replayed for a retry with the same key."""

    __tablename__ = "idempotentiesleutels"

    zvh: Mapped[str] = mapped_column(String(64), primary_key=True)
    deelnemer: Mapped[str] = mapped_column(String(64), primary_key=True)
    sleutel: Mapped[str] = mapped_column(String(200), primary_key=True)
    verzoek_hash: Mapped[str] = mapped_column(String(64))
    status: Mapped[int] = mapped_column(Integer)
    body: Mapped[str] = mapped_column(Text)
    location: Mapped[str | None] = mapped_column(String(300), nullable=True)
    etag: Mapped[str | None] = mapped_column(String(64), nullable=True)
    aangemaakt_op: Mapped[datetime] = mapped_column(UtcDateTime(), index=True)


class PrioriteringslijstRow(Base):
    """A list of prioritised cases of a partnership (art. 2.32 WGS)."""

    __tablename__ = "prioriteringslijsten"
    __table_args__ = (UniqueConstraint("zvh", "naam"),)

    id: Mapped[str] = mapped_column(String(36), primary_key=True)
    zvh: Mapped[str] = mapped_column(String(64), ForeignKey("samenwerkingsverbanden.id"))
    naam: Mapped[str] = mapped_column(String(200))
    status: Mapped[str] = mapped_column(String(16))
    aangemaakt_op: Mapped[datetime] = mapped_column(UtcDateTime())
    aangemaakt_door: Mapped[str] = mapped_column(String(64))
    ingetrokken_op: Mapped[datetime | None] = mapped_column(UtcDateTime(), nullable=True)


class PrioriteringslijstVersieRow(Base):
    """One version of a list's criteria. Once published, triggers refuse UPDATE and DELETE."""

    __tablename__ = "prioriteringslijst_versies"

    lijst_id: Mapped[str] = mapped_column(
        String(36), ForeignKey("prioriteringslijsten.id"), primary_key=True
    )
    versie: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=False)
    omschrijving: Mapped[str] = mapped_column(Text)
    criteria: Mapped[dict[str, Any]] = mapped_column(JSON)
    aangemaakt_op: Mapped[datetime] = mapped_column(UtcDateTime())
    gepubliceerd_op: Mapped[datetime | None] = mapped_column(UtcDateTime(), nullable=True)
    publicatiedatum: Mapped[date | None] = mapped_column(Date, nullable=True)


# The tables of other modules register with Base.metadata when imported; importing them
# here, at the bottom on purpose, lets Alembic and the tests see every table.
from app.db import (  # noqa: E402, F401
    tables_bewaren,
    tables_contactpunt,
    tables_notificaties,
    tables_overleg,
    tables_plaatsing,
    tables_verantwoording,
    tables_verstrekkingen,
)
