"""Run Alembic migrations programmatically (`zvh migrate`, tests)."""

import asyncio
from pathlib import Path

from alembic import command
from alembic.config import Config
from sqlalchemy.engine import make_url

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


async def _ensure_partitions(database_url: str, months_ahead: int) -> None:
    engine = create_engine(database_url)
    try:
        async with engine.begin() as conn:
            await log_partitions.ensure(conn, months_ahead)
    finally:
        await engine.dispose()
