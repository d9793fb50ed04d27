"""partitioned processing log

Revision ID: 30278f881159
Revises: 4ff0d2dfc1af
Create Date: 2026-12-02 14:35:00

On PostgreSQL `verwerkingen` becomes a table partitioned by range of `tijdstip`, one
partition per calendar month in UTC (`verwerkingen_pYYYYMM`), so that a month of the log
can be kept, moved or dropped as a whole. The existing rows are copied into partitions for
their months, in this migration's transaction. The primary key becomes (id, tijdstip):
PostgreSQL requires a partitioned table's unique keys to contain the partition key.

The append-only rule holds on every partition: the row trigger refusing UPDATE and DELETE
is defined on the partitioned table, which PostgreSQL clones onto every partition, now and
later; TRUNCATE triggers are not cloned, so `verwerkingen_partitie_aanmaken` puts one on
each partition it creates. That function creates a month's partition if it is missing; the
service calls it for the months ahead (app/db/log_partitions.py).

SQLite keeps one table; it gets the same primary key, and its triggers are recreated with
the table.
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = '30278f881159'
down_revision: str | None = '4ff0d2dfc1af'
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

COLUMNS = (
    "id, zvh, tijdstip, trace_id, span_id, activiteit, handeling, casus_id, betrokkene, "
    "sub, deelnemer, rollen, resultaat"
)
# Months created ahead of now by the migration itself; the service keeps more ready.
MONTHS_AHEAD = 3

# pg_advisory_xact_lock(namespace "zvh", crc32("verwerkingen-partities") as int4): the
# keys app/db/jobs.py would give this name, so creators of partitions queue one by one.
_CREATE_PARTITION = """
CREATE FUNCTION verwerkingen_partitie_aanmaken(maand date) RETURNS text
LANGUAGE plpgsql AS $$
DECLARE
    van date := date_trunc('month', maand)::date;
    tot date := (date_trunc('month', maand) + interval '1 month')::date;
    naam text := 'verwerkingen_p' || to_char(maand, 'YYYYMM');
BEGIN
    IF to_regclass(naam) IS NOT NULL THEN
        RETURN NULL;
    END IF;
    PERFORM pg_advisory_xact_lock(8025704, -787983451);
    IF to_regclass(naam) IS NOT NULL THEN
        RETURN NULL;
    END IF;
    EXECUTE format(
        'CREATE TABLE %I PARTITION OF verwerkingen FOR VALUES FROM (%L) TO (%L)',
        naam, van::text || ' 00:00:00+00', tot::text || ' 00:00:00+00'
    );
    EXECUTE format(
        'CREATE TRIGGER verwerkingen_geen_truncate BEFORE TRUNCATE ON %I '
        'FOR EACH STATEMENT EXECUTE FUNCTION verwerkingen_alleen_toevoegen()',
        naam
    );
    RETURN naam;
END $$
"""


def _postgresql_upgrade() -> None:
    # The old table steps aside with its triggers (dropped with it; DROP fires none).
    op.execute("ALTER TABLE verwerkingen RENAME TO verwerkingen_oud")
    op.execute("ALTER TABLE verwerkingen_oud RENAME CONSTRAINT pk_verwerkingen TO pk_verwerkingen_oud")
    op.execute("ALTER INDEX ix_verwerkingen_zvh_casus RENAME TO ix_verwerkingen_oud_zvh_casus")
    op.execute(
        """
        CREATE TABLE verwerkingen (
            id VARCHAR(36) NOT NULL,
            zvh VARCHAR(64) NOT NULL,
            tijdstip TIMESTAMP WITH TIME ZONE NOT NULL,
            trace_id VARCHAR(32) NOT NULL,
            span_id VARCHAR(16) NOT NULL,
            activiteit VARCHAR(64) NOT NULL,
            handeling VARCHAR(16) NOT NULL,
            casus_id VARCHAR(36),
            betrokkene VARCHAR(64),
            sub VARCHAR(200) NOT NULL,
            deelnemer VARCHAR(64) NOT NULL,
            rollen VARCHAR(400) NOT NULL,
            resultaat VARCHAR(16) NOT NULL,
            CONSTRAINT pk_verwerkingen PRIMARY KEY (id, tijdstip)
        ) PARTITION BY RANGE (tijdstip)
        """
    )
    op.execute("CREATE INDEX ix_verwerkingen_zvh_casus ON verwerkingen (zvh, casus_id, tijdstip)")
    op.execute(
        "CREATE TRIGGER verwerkingen_geen_wijziging BEFORE UPDATE OR DELETE ON verwerkingen "
        "FOR EACH ROW EXECUTE FUNCTION verwerkingen_alleen_toevoegen()"
    )
    op.execute(
        "CREATE TRIGGER verwerkingen_geen_truncate BEFORE TRUNCATE ON verwerkingen "
        "FOR EACH STATEMENT EXECUTE FUNCTION verwerkingen_alleen_toevoegen()"
    )
    op.execute(_CREATE_PARTITION)
    # Every month from the oldest entry (or now) to MONTHS_AHEAD ahead, in UTC.
    op.execute(
        sa.text(
            """
            SELECT verwerkingen_partitie_aanmaken(maand::date)
            FROM generate_series(
                date_trunc('month', COALESCE(
                    (SELECT min(tijdstip) FROM verwerkingen_oud), now()) AT TIME ZONE 'UTC'),
                date_trunc('month', now() AT TIME ZONE 'UTC') + make_interval(months => :ahead),
                interval '1 month'
            ) AS maand
            """
        ).bindparams(ahead=MONTHS_AHEAD)
    )
    op.execute(f"INSERT INTO verwerkingen ({COLUMNS}) SELECT {COLUMNS} FROM verwerkingen_oud")
    op.execute("DROP TABLE verwerkingen_oud")


def _postgresql_downgrade() -> None:
    op.execute("ALTER TABLE verwerkingen RENAME TO verwerkingen_deel")
    op.execute("ALTER TABLE verwerkingen_deel RENAME CONSTRAINT pk_verwerkingen TO pk_verwerkingen_deel")
    op.execute("ALTER INDEX ix_verwerkingen_zvh_casus RENAME TO ix_verwerkingen_deel_zvh_casus")
    op.execute(
        "CREATE TABLE verwerkingen (LIKE verwerkingen_deel INCLUDING DEFAULTS INCLUDING CONSTRAINTS)"
    )
    op.execute("ALTER TABLE verwerkingen ADD CONSTRAINT pk_verwerkingen PRIMARY KEY (id)")
    op.execute("CREATE INDEX ix_verwerkingen_zvh_casus ON verwerkingen (zvh, casus_id, tijdstip)")
    op.execute(f"INSERT INTO verwerkingen ({COLUMNS}) SELECT {COLUMNS} FROM verwerkingen_deel")
    op.execute("DROP TABLE verwerkingen_deel")  # with its partitions and their triggers
    op.execute("DROP FUNCTION verwerkingen_partitie_aanmaken(date)")
    op.execute(
        "CREATE TRIGGER verwerkingen_geen_wijziging BEFORE UPDATE OR DELETE ON verwerkingen "
        "FOR EACH ROW EXECUTE FUNCTION verwerkingen_alleen_toevoegen()"
    )
    op.execute(
        "CREATE TRIGGER verwerkingen_geen_truncate BEFORE TRUNCATE ON verwerkingen "
        "FOR EACH STATEMENT EXECUTE FUNCTION verwerkingen_alleen_toevoegen()"
    )


def _sqlite_triggers() -> None:
    for operation in ("UPDATE", "DELETE"):
        op.execute(
            f"CREATE TRIGGER verwerkingen_geen_{operation.lower()} BEFORE {operation} "
            "ON verwerkingen BEGIN SELECT RAISE(ABORT, 'verwerkingen is append-only'); END"
        )


def _sqlite_primary_key(columns: list[str]) -> None:
    # The batch copies the table; the copy has no triggers, so they are made again.
    with op.batch_alter_table('verwerkingen', recreate="always") as batch_op:
        batch_op.drop_constraint('pk_verwerkingen', type_='primary')
        batch_op.create_primary_key('pk_verwerkingen', columns)
    _sqlite_triggers()


def upgrade() -> None:
    if op.get_bind().dialect.name == "postgresql":
        _postgresql_upgrade()
    else:
        _sqlite_primary_key(["id", "tijdstip"])


def downgrade() -> None:
    if op.get_bind().dialect.name == "postgresql":
        _postgresql_downgrade()
    else:
        _sqlite_primary_key(["id"])
