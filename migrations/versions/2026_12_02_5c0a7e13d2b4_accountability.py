"""accountability: hash-chained processing log, RAC register, disclosures to third parties

Revision ID: 5c0a7e13d2b4
Revises: dd299cb7fa1e
Create Date: 2026-12-02 18:45:00

Every processing-log record gets its partnership's chain number, its predecessor's hash
and its own hash (app/domain/logketen.py defines the canonical content), and the caller's
parent span; `verwerkingsketens` keeps each partnership's chain head. Existing records are
chained in (tijdstip, id) order by this migration, with the append-only trigger switched
off for it inside the migration's transaction only.

`rac_adviezen` is the register of the legality advisory committee's advice;
`derdenverstrekkingen` and `derdenverstrekking_onderdelen` record disclosures to third
parties and the suppliers' consent (art. 1.7 WGS).
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

from app.db.base import UtcDateTime
from app.domain import logketen

revision: str = "5c0a7e13d2b4"
down_revision: str | None = "dd299cb7fa1e"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

CHAIN_COLUMNS = ("volgnummer", "vorige_hash", "hash")


def _sqlite_triggers(create: bool) -> None:
    for operation in ("UPDATE", "DELETE"):
        if create:
            op.execute(
                f"CREATE TRIGGER verwerkingen_geen_{operation.lower()} BEFORE {operation} "
                "ON verwerkingen BEGIN SELECT RAISE(ABORT, 'verwerkingen is append-only'); END"
            )
        else:
            op.execute(f"DROP TRIGGER IF EXISTS verwerkingen_geen_{operation.lower()}")


def _backfill() -> None:
    bind = op.get_bind()
    rows = bind.execute(
        sa.text(
            "SELECT id, zvh, tijdstip, trace_id, span_id, activiteit, handeling, casus_id, "
            "betrokkene, sub, deelnemer, rollen, resultaat, reden FROM verwerkingen "
            "ORDER BY zvh, tijdstip, id"
        ).columns(tijdstip=UtcDateTime())
    ).all()
    heads: dict[str, tuple[int, str]] = {}
    updates = []
    for r in rows:
        volgnummer, vorige = heads.get(r.zvh, (0, logketen.GENESIS))
        volgnummer += 1
        content = logketen.inhoud(
            zvh=r.zvh,
            volgnummer=volgnummer,
            id=r.id,
            tijdstip=r.tijdstip,
            trace_id=r.trace_id,
            span_id=r.span_id,
            parent_span_id=None,
            activiteit=r.activiteit,
            handeling=r.handeling,
            casus_id=r.casus_id,
            betrokkene=r.betrokkene,
            sub=r.sub,
            deelnemer=r.deelnemer,
            rollen=r.rollen,
            resultaat=r.resultaat,
            reden=r.reden,
        )
        digest = logketen.ketenhash(vorige, logketen.canonical(content))
        updates.append({"id": r.id, "t": r.tijdstip, "n": volgnummer, "v": vorige, "h": digest})
        heads[r.zvh] = (volgnummer, digest)
    if updates:
        bind.execute(
            sa.text(
                "UPDATE verwerkingen SET volgnummer = :n, vorige_hash = :v, hash = :h "
                "WHERE id = :id AND tijdstip = :t"
            ).bindparams(sa.bindparam("t", type_=UtcDateTime())),
            updates,
        )
    if heads:
        bind.execute(
            sa.text("INSERT INTO verwerkingsketens (zvh, volgnummer, hash) VALUES (:z, :n, :h)"),
            [{"z": z, "n": n, "h": h} for z, (n, h) in heads.items()],
        )


def _registers() -> None:
    op.create_table(
        "rac_adviezen",
        sa.Column("id", sa.String(length=36), nullable=False),
        sa.Column("zvh", sa.String(length=64), nullable=False),
        sa.Column("onderwerp", sa.Text(), nullable=False),
        sa.Column("datum", sa.Date(), nullable=False),
        sa.Column("advies", sa.Text(), nullable=False),
        sa.Column("gevolgd", sa.Boolean(), nullable=False),
        sa.Column("afwijking_motivering", sa.Text(), nullable=True),
        sa.Column("vastgelegd_door", sa.String(length=64), nullable=False),
        sa.Column("sub", sa.String(length=200), nullable=False),
        sa.Column("vastgelegd_op", sa.DateTime(timezone=True), nullable=False),
        sa.ForeignKeyConstraint(
            ["zvh"],
            ["samenwerkingsverbanden.id"],
            name=op.f("fk_rac_adviezen_zvh_samenwerkingsverbanden"),
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_rac_adviezen")),
    )
    op.create_index("ix_rac_adviezen_zvh_datum", "rac_adviezen", ["zvh", "datum"])
    op.create_table(
        "derdenverstrekkingen",
        sa.Column("id", sa.String(length=36), nullable=False),
        sa.Column("casus_id", sa.String(length=36), nullable=False),
        sa.Column("zvh", sa.String(length=64), nullable=False),
        sa.Column("ontvanger", sa.Text(), nullable=False),
        sa.Column("doel", sa.Text(), nullable=False),
        sa.Column("noodzaak", sa.Text(), nullable=False),
        sa.Column("rac_advies_id", sa.String(length=36), nullable=False),
        sa.Column("plan_van_aanpak", sa.Boolean(), nullable=False),
        sa.Column("status", sa.String(length=24), nullable=False),
        sa.Column("deelnemer", sa.String(length=64), nullable=False),
        sa.Column("sub", sa.String(length=200), nullable=False),
        sa.Column("aangevraagd_op", sa.DateTime(timezone=True), nullable=False),
        sa.Column("verstrekt_op", sa.DateTime(timezone=True), nullable=True),
        sa.ForeignKeyConstraint(
            ["casus_id"], ["casussen.id"], name=op.f("fk_derdenverstrekkingen_casus_id_casussen")
        ),
        sa.ForeignKeyConstraint(
            ["rac_advies_id"],
            ["rac_adviezen.id"],
            name=op.f("fk_derdenverstrekkingen_rac_advies_id_rac_adviezen"),
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_derdenverstrekkingen")),
    )
    op.create_index(op.f("ix_derdenverstrekkingen_casus_id"), "derdenverstrekkingen", ["casus_id"])
    op.create_index("ix_derdenverstrekkingen_zvh_status", "derdenverstrekkingen", ["zvh", "status"])
    op.create_table(
        "derdenverstrekking_onderdelen",
        sa.Column("derdenverstrekking_id", sa.String(length=36), nullable=False),
        sa.Column("verstrekking_id", sa.String(length=36), nullable=False),
        sa.Column("zvh", sa.String(length=64), nullable=False),
        sa.Column("deelnemer", sa.String(length=64), nullable=False),
        sa.Column("categorie", sa.String(length=16), nullable=False),
        sa.Column("instemming_nodig", sa.Boolean(), nullable=False),
        sa.Column("instemming", sa.Boolean(), nullable=True),
        sa.Column("beantwoord_op", sa.DateTime(timezone=True), nullable=True),
        sa.Column("sub", sa.String(length=200), nullable=True),
        sa.ForeignKeyConstraint(
            ["derdenverstrekking_id"],
            ["derdenverstrekkingen.id"],
            name=op.f(
                "fk_derdenverstrekking_onderdelen_derdenverstrekking_id_derdenverstrekkingen"
            ),
        ),
        sa.ForeignKeyConstraint(
            ["verstrekking_id"],
            ["gegevensverstrekkingen.id"],
            name=op.f("fk_derdenverstrekking_onderdelen_verstrekking_id_gegevensverstrekkingen"),
        ),
        sa.PrimaryKeyConstraint(
            "derdenverstrekking_id",
            "verstrekking_id",
            name=op.f("pk_derdenverstrekking_onderdelen"),
        ),
    )
    op.create_index(
        "ix_derdenverstrekking_onderdelen_zvh_deelnemer",
        "derdenverstrekking_onderdelen",
        ["zvh", "deelnemer", "instemming"],
    )


def upgrade() -> None:
    _registers()
    op.create_table(
        "verwerkingsketens",
        sa.Column("zvh", sa.String(length=64), nullable=False),
        sa.Column("volgnummer", sa.BigInteger(), nullable=False),
        sa.Column("hash", sa.String(length=64), nullable=False),
        sa.PrimaryKeyConstraint("zvh", name=op.f("pk_verwerkingsketens")),
    )
    postgresql = op.get_bind().dialect.name == "postgresql"
    op.add_column("verwerkingen", sa.Column("parent_span_id", sa.String(length=16), nullable=True))
    op.add_column("verwerkingen", sa.Column("volgnummer", sa.BigInteger(), nullable=True))
    op.add_column("verwerkingen", sa.Column("vorige_hash", sa.String(length=64), nullable=True))
    op.add_column("verwerkingen", sa.Column("hash", sa.String(length=64), nullable=True))
    if postgresql:
        # Only inside this transaction: the ALTERs are transactional like the rest.
        op.execute("ALTER TABLE verwerkingen DISABLE TRIGGER verwerkingen_geen_wijziging")
        _backfill()
        op.execute("ALTER TABLE verwerkingen ENABLE TRIGGER verwerkingen_geen_wijziging")
        for column in CHAIN_COLUMNS:
            op.execute(f"ALTER TABLE verwerkingen ALTER COLUMN {column} SET NOT NULL")
        op.create_index("ix_verwerkingen_keten", "verwerkingen", ["zvh", "volgnummer"])
    else:
        _sqlite_triggers(create=False)
        _backfill()
        # The batch copies the table; the copy has no triggers, so they are made again.
        with op.batch_alter_table("verwerkingen", recreate="always") as batch_op:
            for column in CHAIN_COLUMNS:
                batch_op.alter_column(column, nullable=False)
            batch_op.create_index("ix_verwerkingen_keten", ["zvh", "volgnummer"])
        _sqlite_triggers(create=True)


def downgrade() -> None:
    op.drop_index("ix_verwerkingen_keten", table_name="verwerkingen")
    if op.get_bind().dialect.name == "postgresql":
        for column in (*CHAIN_COLUMNS, "parent_span_id"):
            op.drop_column("verwerkingen", column)
    else:
        with op.batch_alter_table("verwerkingen", recreate="always") as batch_op:
            for column in (*CHAIN_COLUMNS, "parent_span_id"):
                batch_op.drop_column(column)
        _sqlite_triggers(create=True)
    op.drop_table("verwerkingsketens")
    op.drop_table("derdenverstrekking_onderdelen")
    op.drop_table("derdenverstrekkingen")
    op.drop_table("rac_adviezen")
