"""Run Alembic migrations programmatically (`zvh migrate`, tests), and tell where a database is."""

import asyncio
from functools import cache
from pathlib import Path

from alembic import command
from alembic.config import Config
from alembic.runtime.migration import MigrationContext
from alembic.script import ScriptDirectory
from sqlalchemy.engine import Connection, make_url

from app.db import log_partitions
from app.db.session import create_engine

MIGRATIONS_DIR = Path(__file__).resolve().parents[2] / "migrations"


def alembic_config(database_url: str) -> Config:
    config = Config()
    config.set_main_option("script_location", str(MIGRATIONS_DIR))
    config.set_main_option("sqlalchemy.url", database_url.replace("%", "%%"))
    return config


def upgrade(database_url: str, *, log_months_ahead: int = 3) -> None:
    """Migrate to the newest revision, then make sure the log's partitions are ready."""
    url = make_url(database_url)
    if url.get_backend_name() == "sqlite" and url.database and url.database != ":memory:":
        Path(url.database).parent.mkdir(parents=True, exist_ok=True)
    command.upgrade(alembic_config(database_url), "head")
    if url.get_backend_name() == "postgresql":
        asyncio.run(_ensure_partitions(database_url, log_months_ahead))


@cache
def _scripts() -> ScriptDirectory:
    return ScriptDirectory.from_config(alembic_config("sqlite://"))


@cache
def head_revisions() -> frozenset[str]:
    """The newest revision(s) this code brings a database to (read once per process)."""
    return frozenset(_scripts().get_heads())


@cache
def known_revisions() -> frozenset[str]:
    """Every revision this code has; a database at another one was migrated by a newer version."""
    return frozenset(script.revision for script in _scripts().walk_revisions())


def current_revisions(connection: Connection) -> frozenset[str]:
    """The revision(s) the database is at; empty when it was never migrated."""
    return frozenset(MigrationContext.configure(connection).get_current_heads())


async def _ensure_partitions(database_url: str, months_ahead: int) -> None:
    engine = create_engine(database_url)
    try:
        async with engine.begin() as conn:
            await log_partitions.ensure(conn, months_ahead)
    finally:
        await engine.dispose()
