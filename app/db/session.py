"""Engine and session factory for PostgreSQL (asyncpg) and the embedded SQLite (aiosqlite)."""

import uuid
from collections.abc import Callable
from typing import TYPE_CHECKING, Any

from sqlalchemy import event
from sqlalchemy.engine.interfaces import DBAPIConnection
from sqlalchemy.ext.asyncio import (
    AsyncConnection,
    AsyncEngine,
    AsyncSession,
    async_sessionmaker,
    create_async_engine,
)
from sqlalchemy.pool import ConnectionPoolEntry

if TYPE_CHECKING:
    from app.config import Settings

# session.info key: callables run after the request's transaction committed.
AFTER_COMMIT = "after_commit"


def after_commit(session: AsyncSession, callback: Callable[[], None]) -> None:
    """Run `callback` once the request's transaction has committed."""
    session.info.setdefault(AFTER_COMMIT, []).append(callback)


def is_sqlite(url: str) -> bool:
    return url.startswith("sqlite")


def create_engine(url: str, *, pool_size: int = 10, statement_cache_size: int = 100) -> AsyncEngine:
    """An engine with the settings each backend needs to behave like the other."""
    if is_sqlite(url):
        engine = create_async_engine(url, connect_args={"timeout": 30})
        _make_sqlite_transactional(engine)
        return engine
    return create_async_engine(
        url,
        pool_size=pool_size,
        max_overflow=pool_size,
        pool_pre_ping=True,
        connect_args=_asyncpg_statement_options(statement_cache_size),
    )


def _asyncpg_statement_options(cache_size: int) -> dict[str, Any]:
    if cache_size > 0:
        return {"statement_cache_size": cache_size, "prepared_statement_cache_size": cache_size}
    # PgBouncer in transaction mode (SQLAlchemy's asyncpg dialect docs, "Prepared Statement
    # Name with PGBouncer"): no cache in asyncpg or in the dialect, and a unique name for
    # each statement the dialect prepares, so that two clients sharing a server
    # connection never meet each other's `__asyncpg_stmt_1__`.
    return {
        "statement_cache_size": 0,
        "prepared_statement_cache_size": 0,
        "prepared_statement_name_func": _unique_statement_name,
    }


def _unique_statement_name() -> str:
    return f"__asyncpg_{uuid.uuid4().hex}__"


def _make_sqlite_transactional(engine: AsyncEngine) -> None:
    # pysqlite's own transaction handling defers BEGIN and breaks SAVEPOINT; let
    # SQLAlchemy emit BEGIN itself (SQLAlchemy docs, "Serializable isolation /
    # Savepoints / Transactional DDL"), and enforce foreign keys like PostgreSQL.
    @event.listens_for(engine.sync_engine, "connect")
    def _on_connect(dbapi_connection: DBAPIConnection, _record: ConnectionPoolEntry) -> None:
        dbapi_connection.isolation_level = None
        cursor = dbapi_connection.cursor()
        cursor.execute("PRAGMA foreign_keys=ON")
        cursor.execute("PRAGMA journal_mode=WAL")
        cursor.execute("PRAGMA busy_timeout=30000")
        cursor.close()

    # IMMEDIATE takes the write lock at the start: concurrent requests queue (busy
    # timeout) instead of failing when a read transaction must upgrade to a write.
    @event.listens_for(engine.sync_engine, "begin")
    def _on_begin(conn: Any) -> None:
        conn.exec_driver_sql("BEGIN IMMEDIATE")


class Database:
    """The engine and the session factory of one running service (or one test)."""

    def __init__(self, engine: AsyncEngine | AsyncConnection) -> None:
        self.bind = engine
        self.sessionmaker = async_sessionmaker(
            engine,
            expire_on_commit=False,
            join_transaction_mode="create_savepoint",
        )

    def session(self) -> AsyncSession:
        return self.sessionmaker()

    async def dispose(self) -> None:
        if isinstance(self.bind, AsyncEngine):
            await self.bind.dispose()


def database_for(settings: "Settings") -> Database:
    """The database of a running service or command, as the settings describe it."""
    return Database(
        create_engine(
            settings.database_url,
            pool_size=settings.database_pool_size,
            statement_cache_size=settings.database_statement_cache_size,
        )
    )
