"""Alembic environment: async engines, one history for SQLite and PostgreSQL."""

import asyncio

from alembic import context
from sqlalchemy.engine import Connection

from app.config import DatabaseSettings
from app.db import tables  # noqa: F401  (registers the tables on the metadata)
from app.db.base import Base
from app.db.log_partitions import include_in_autogenerate
from app.db.session import create_engine

config = context.config
target_metadata = Base.metadata


def _url() -> str:
    return config.get_main_option("sqlalchemy.url") or DatabaseSettings().database_url


def _configure(connection: Connection) -> None:
    context.configure(
        connection=connection,
        target_metadata=target_metadata,
        render_as_batch=connection.dialect.name == "sqlite",
        compare_type=True,
        include_name=include_in_autogenerate,
    )
    with context.begin_transaction():
        context.run_migrations()


async def _run_online() -> None:
    engine = create_engine(_url())
    async with engine.connect() as connection:
        await connection.run_sync(_configure)
        await connection.commit()
    await engine.dispose()


def run() -> None:
    connection = config.attributes.get("connection")
    if connection is not None:
        _configure(connection)
        return
    asyncio.run(_run_online())


if context.is_offline_mode():
    context.configure(url=_url(), target_metadata=target_metadata)
    with context.begin_transaction():
        context.run_migrations()
else:
    run()
