"""A unit of work that only read commits first; its processing-log record is then written
as a statement of its own (PostgreSQL), so the partnership's chain head is locked only
while PostgreSQL runs that statement — never across a turn of the event loop until a
COMMIT, which every other request of the partnership, in any worker, would wait for.

A unit that wrote anything keeps its record in its own transaction: a success is never
logged without its effect, nor an effect committed without its record.
"""

import uuid
from collections.abc import AsyncIterator, Iterator
from contextlib import contextmanager
from typing import Any

import pytest
from sqlalchemy import event, func, select, text
from sqlalchemy.ext.asyncio import AsyncEngine

from app.db import verwerkingen
from app.db.session import Database, create_engine, only_read
from app.db.tables import VerwerkingRow, VerwerkingsketenRow
from app.db.transaction import end_unit
from app.services import logketen as logketen_service
from tests.factories.verwerkingen import verwerking
from tests.scaleout import requires_postgres

pytestmark = [pytest.mark.anyio, requires_postgres]


@pytest.fixture
async def one_connection(engine: AsyncEngine) -> AsyncIterator[AsyncEngine]:
    """An engine on the run's (migrated) database whose units take turns on one pooled
    connection."""
    own = create_engine(engine.url.render_as_string(hide_password=False), pool_size=1)
    try:
        yield own
    finally:
        await own.dispose()


@contextmanager
def log_inserts(engine: AsyncEngine) -> Iterator[list[bool]]:
    """For each processing-log INSERT meanwhile: whether it ran in autocommit (alone)."""
    seen: list[bool] = []

    def noted(conn: Any, _cursor: Any, statement: str, *_args: Any) -> None:
        if "INSERT INTO verwerkingen" in statement:
            seen.append(conn.connection.dbapi_connection.isolation_level == "autocommit")

    event.listen(engine.sync_engine, "before_cursor_execute", noted)
    try:
        yield seen
    finally:
        event.remove(engine.sync_engine, "before_cursor_execute", noted)


async def _count(database: Database, entry_id: str) -> int:
    async with database.session() as session:
        found = await session.scalar(
            select(func.count()).select_from(VerwerkingRow).where(VerwerkingRow.id == entry_id)
        )
        return int(found or 0)


async def test_a_read_is_committed_first_and_its_record_written_alone_and_chained(
    one_connection: AsyncEngine,
) -> None:
    database = Database(one_connection)
    zvh = f"zvh-lezen-{uuid.uuid4().hex[:8]}"
    entry = verwerking(zvh)
    session = database.session()
    await session.execute(select(VerwerkingRow.id).limit(1))
    assert await only_read(session)
    with log_inserts(one_connection) as inserts:
        await end_unit(session, database, [entry], failure=None)
    # A new partnership's first record finds no chain head: its head is made and the
    # statement runs again, each alone.
    assert inserts == [True, True]
    assert await _count(database, entry.id) == 1
    checked, breuk = await logketen_service.verify(database, zvh)
    assert (checked, breuk) == ([zvh], None)


async def test_after_a_read_the_connection_is_transactional_again(
    one_connection: AsyncEngine,
) -> None:
    database = Database(one_connection)
    zvh = f"zvh-lezen-{uuid.uuid4().hex[:8]}"
    session = database.session()
    await session.execute(select(VerwerkingRow.id).limit(1))
    await end_unit(session, database, [verwerking(zvh)], failure=None)
    # The same pooled connection: a write that is rolled back leaves nothing.
    rolled_back = verwerking(zvh)
    async with database.session() as session:
        with log_inserts(one_connection) as inserts:
            await verwerkingen.write(session, [rolled_back])
        await session.rollback()
    assert inserts == [False]
    assert await _count(database, rolled_back.id) == 0


async def test_a_unit_that_wrote_keeps_its_record_in_its_transaction(
    one_connection: AsyncEngine,
) -> None:
    database = Database(one_connection)
    zvh = f"zvh-schrijven-{uuid.uuid4().hex[:8]}"
    written, entry = verwerking(zvh), verwerking(zvh)
    session = database.session()
    await verwerkingen.write(session, [written])
    assert not await only_read(session)
    with log_inserts(one_connection) as inserts:
        await end_unit(session, database, [entry], failure=None)
    assert inserts == [False]
    assert await _count(database, written.id) == 1
    assert await _count(database, entry.id) == 1


async def test_only_read_sees_pending_changes_and_statements_other_than_select(
    one_connection: AsyncEngine,
) -> None:
    database = Database(one_connection)
    async with database.session() as session:
        await session.execute(select(VerwerkingRow.id).limit(1))
        assert await only_read(session)
        session.add(VerwerkingsketenRow(zvh="x", volgnummer=0, hash="0" * 64))
        assert not await only_read(session)
        await session.rollback()
    async with database.session() as session:
        await session.execute(text("SET LOCAL statement_timeout = '5s'"))
        assert not await only_read(session)
        await session.rollback()


async def test_a_read_whose_record_cannot_be_written_fails_and_is_logged_as_failed(
    one_connection: AsyncEngine, monkeypatch: pytest.MonkeyPatch
) -> None:
    database = Database(one_connection)
    entry = verwerking(f"zvh-lezen-{uuid.uuid4().hex[:8]}")

    async def broken(_conn: object, _entry: object) -> None:
        raise RuntimeError("the log is unreachable")

    monkeypatch.setattr(verwerkingen, "write_alone", broken)
    session = database.session()
    await session.execute(select(VerwerkingRow.id).limit(1))
    with pytest.raises(RuntimeError, match="unreachable"):
        await end_unit(session, database, [entry], failure=None)
    async with database.session() as check:
        resultaat = await check.scalar(
            select(VerwerkingRow.resultaat).where(VerwerkingRow.id == entry.id)
        )
    assert resultaat == "mislukt"
