"""registry change notifications

Revision ID: 4ff0d2dfc1af
Revises: ed97ff6bdf33
Create Date: 2026-12-02 14:30:00

PostgreSQL only: every change of a partnership or of its participants, by whatever writer
(the API, `zvh seed-demo`, an operator's SQL), sends NOTIFY zvh_registry with the
partnership's id in the changing transaction, so that every process of the service drops
its registry snapshot when the change commits (app/db/registry_listener.py). PostgreSQL
folds identical notifications of one transaction into one. SQLite has one process: nothing
to tell.
"""

from collections.abc import Sequence

from alembic import op

revision: str = '4ff0d2dfc1af'
down_revision: str | None = 'ed97ff6bdf33'
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

# table -> the column holding the partnership's id
_TABLES = {"samenwerkingsverbanden": "id", "deelnemers": "zvh"}


def upgrade() -> None:
    if op.get_bind().dialect.name != "postgresql":
        return
    for table, column in _TABLES.items():
        op.execute(
            f"""
            CREATE FUNCTION {table}_gewijzigd() RETURNS trigger
            LANGUAGE plpgsql AS $$
            BEGIN
                IF TG_OP = 'DELETE' THEN
                    PERFORM pg_notify('zvh_registry', OLD.{column});
                ELSE
                    PERFORM pg_notify('zvh_registry', NEW.{column});
                    IF TG_OP = 'UPDATE' AND OLD.{column} IS DISTINCT FROM NEW.{column} THEN
                        PERFORM pg_notify('zvh_registry', OLD.{column});
                    END IF;
                END IF;
                RETURN NULL;
            END $$
            """
        )
        op.execute(
            f"CREATE TRIGGER {table}_meld_wijziging AFTER INSERT OR UPDATE OR DELETE "
            f"ON {table} FOR EACH ROW EXECUTE FUNCTION {table}_gewijzigd()"
        )


def downgrade() -> None:
    if op.get_bind().dialect.name != "postgresql":
        return
    for table in _TABLES:
        op.execute(f"DROP TRIGGER IF EXISTS {table}_meld_wijziging ON {table}")
        op.execute(f"DROP FUNCTION IF EXISTS {table}_gewijzigd()")
