"""accountability: hash-chained processing log

Revision ID: 5c0a7e13d2b4
Revises: dbb6f7758afe
Create Date: 2026-12-02 18:45:00

Every processing-log record gets its partnership's chain number, its predecessor's hash
and its own hash (app/domain/logketen.py defines the canonical content), and the caller's
parent span; `verwerkingsketens` keeps each partnership's chain head. Existing records are
chained in (tijdstip, id) order by this migration, with the append-only trigger switched
off for it inside the migration's transaction only.
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

from app.db.base import UtcDateTime
from app.domain import logketen

revision: str = '5c0a7e13d2b4'
down_revision: str | None = 'dbb6f7758afe'
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
        updates.append(
            {"id": r.id, "t": r.tijdstip, "n": volgnummer, "v": vorige, "h": digest}
        )
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


def upgrade() -> None:
    op.create_table(
        'verwerkingsketens',
        sa.Column('zvh', sa.String(length=64), nullable=False),
        sa.Column('volgnummer', sa.BigInteger(), nullable=False),
        sa.Column('hash', sa.String(length=64), nullable=False),
        sa.PrimaryKeyConstraint('zvh', name=op.f('pk_verwerkingsketens')),
    )
    postgresql = op.get_bind().dialect.name == "postgresql"
    op.add_column('verwerkingen', sa.Column('parent_span_id', sa.String(length=16), nullable=True))
    op.add_column('verwerkingen', sa.Column('volgnummer', sa.BigInteger(), nullable=True))
    op.add_column('verwerkingen', sa.Column('vorige_hash', sa.String(length=64), nullable=True))
    op.add_column('verwerkingen', sa.Column('hash', sa.String(length=64), nullable=True))
    if postgresql:
        # Only inside this transaction: the ALTERs are transactional like the rest.
        op.execute("ALTER TABLE verwerkingen DISABLE TRIGGER verwerkingen_geen_wijziging")
        _backfill()
        op.execute("ALTER TABLE verwerkingen ENABLE TRIGGER verwerkingen_geen_wijziging")
        for column in CHAIN_COLUMNS:
            op.execute(f"ALTER TABLE verwerkingen ALTER COLUMN {column} SET NOT NULL")
        op.create_index('ix_verwerkingen_keten', 'verwerkingen', ['zvh', 'volgnummer'])
    else:
        _sqlite_triggers(create=False)
        _backfill()
        # The batch copies the table; the copy has no triggers, so they are made again.
        with op.batch_alter_table('verwerkingen', recreate="always") as batch_op:
            for column in CHAIN_COLUMNS:
                batch_op.alter_column(column, nullable=False)
            batch_op.create_index('ix_verwerkingen_keten', ['zvh', 'volgnummer'])
        _sqlite_triggers(create=True)


def downgrade() -> None:
    op.drop_index('ix_verwerkingen_keten', table_name='verwerkingen')
    if op.get_bind().dialect.name == "postgresql":
        for column in (*CHAIN_COLUMNS, "parent_span_id"):
            op.drop_column('verwerkingen', column)
    else:
        with op.batch_alter_table('verwerkingen', recreate="always") as batch_op:
            for column in (*CHAIN_COLUMNS, "parent_span_id"):
                batch_op.drop_column(column)
        _sqlite_triggers(create=True)
    op.drop_table('verwerkingsketens')
