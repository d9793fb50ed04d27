"""The Alembic history builds exactly the schema the models describe, on either database."""

import pytest
from alembic.autogenerate import compare_metadata
from alembic.migration import MigrationContext
from sqlalchemy.engine import Connection
from sqlalchemy.ext.asyncio import AsyncEngine

from app.db import tables  # noqa: F401  (registers the tables)
from app.db.base import Base
from app.db.log_partitions import include_in_autogenerate

pytestmark = pytest.mark.anyio


def _diff(connection: Connection) -> list[object]:
    context = MigrationContext.configure(
        connection, opts={"compare_type": True, "include_name": include_in_autogenerate}
    )
    return list(compare_metadata(context, Base.metadata))


async def test_migrations_match_the_models(engine: AsyncEngine) -> None:
    async with engine.connect() as conn:
        diff = await conn.run_sync(_diff)
    assert diff == [], f"models and migrations differ; add a revision: {diff}"
