"""Engine and session factory for PostgreSQL (asyncpg) and the embedded SQLite (aiosqlite)."""

import hashlib
import time
import uuid
from collections.abc import Callable
from typing import TYPE_CHECKING, Any

from sqlalchemy import event, exc
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


# The SQL function each SQLite connection of the service has: SHA-256 of a text's UTF-8
# bytes as 64 lowercase hex (PostgreSQL's `encode(sha256(convert_to(t, 'UTF8')), 'hex')`),
# with which the processing log's chain is extended in SQL (app/db/verwerkingen.py).
SHA256_HEX = "zvh_sha256_hex"


def _sha256_hex(value: str | None) -> str | None:
    # NULL in, NULL out, like SQLite's own functions.
    return None if value is None else hashlib.sha256(value.encode("utf-8")).hexdigest()


def is_sqlite(url: str) -> bool:
    return url.startswith("sqlite")


def create_engine(
    url: str,
    *,
    pool_size: int = 20,
    statement_cache_size: int = 100,
    ping_after_idle_seconds: float = 10.0,
) -> AsyncEngine:
    """An engine with the settings each backend needs to behave like the other."""
    if is_sqlite(url):
        engine = create_async_engine(url, connect_args={"timeout": 30})
        _make_sqlite_transactional(engine)
        return engine
    engine = create_async_engine(
        url,
        pool_size=pool_size,
        # Overflow connections are closed when returned: under load that is a connection
        # (and a PostgreSQL backend) per request. A request beyond the pool waits instead.
        max_overflow=0,
        connect_args=_asyncpg_statement_options(statement_cache_size),
    )
    _ping_idle_connections(engine, ping_after_idle_seconds)
    _track_writes(engine)
    return engine


_WROTE = "zvh_wrote"


def _track_writes(engine: AsyncEngine) -> None:
    """Note on each connection whether its current transaction ran anything but a SELECT.

    A request that only read can then commit its reading before its processing-log record
    is written, so that the record's statement runs alone and the partnership's chain head
    is locked only while PostgreSQL executes it (app/db/transaction.py).
    """

    @event.listens_for(engine.sync_engine, "begin")
    def _began(conn: Any) -> None:
        conn.info[_WROTE] = False

    @event.listens_for(engine.sync_engine, "before_cursor_execute")
    def _executing(
        conn: Any, _cursor: Any, statement: str, _parameters: Any, _context: Any, _many: bool
    ) -> None:
        # Only the head of the text: a read model's SELECT runs to kilobytes.
        if statement[:32].lstrip()[:6].upper() != "SELECT":
            conn.info[_WROTE] = True


async def only_read(session: AsyncSession) -> bool:
    """The session's transaction ran only SELECTs and holds no pending change
    (PostgreSQL; on SQLite, where nothing is tracked, always False)."""
    if session.new or session.dirty or session.deleted:
        return False
    connection = await session.connection()
    return connection.info.get(_WROTE) is False


_IDLE_SINCE = "zvh_idle_since"


def _ping_idle_connections(engine: AsyncEngine, after_seconds: float) -> None:
    """Check a pooled connection before use only when it has been idle a while.

    SQLAlchemy's `pool_pre_ping` checks every checkout, and on asyncpg a ping is three
    round trips (BEGIN, `;`, ROLLBACK: the dialect wraps it in a transaction for
    PgBouncer's sake): about 1 ms of CPU on each request, a fifth of a case list's
    (bench/README.md). A connection that was in use moments ago is alive unless the
    server went away in between; then the statement that meets the dead connection fails
    (as any statement in flight at that moment would), SQLAlchemy invalidates every
    connection the pool held before that moment, and the next checkouts connect anew.
    Connections idle longer than `after_seconds` (a night, a failover, a firewall's idle
    timeout) are pinged first and replaced silently when the ping fails.
    """

    @event.listens_for(engine.sync_engine, "checkin")
    def _checked_in(_dbapi: DBAPIConnection | None, record: ConnectionPoolEntry) -> None:
        record.info[_IDLE_SINCE] = time.monotonic()

    @event.listens_for(engine.sync_engine, "checkout")
    def _checked_out(dbapi: DBAPIConnection, record: ConnectionPoolEntry, _proxy: Any) -> None:
        idle_since = record.info.pop(_IDLE_SINCE, None)
        if idle_since is None or time.monotonic() - idle_since < after_seconds:
            return  # new, or in use moments ago
        try:
            alive = engine.dialect.do_ping(dbapi)
        except engine.dialect.loaded_dbapi.Error as error:
            if not engine.dialect.is_disconnect(error, dbapi, None):
                raise
            alive = False
        if not alive:
            # The pool discards this connection and checks out another (or a new one).
            raise exc.DisconnectionError("pooled connection no longer reachable")


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
        dbapi_connection.create_function(SHA256_HEX, 1, _sha256_hex, deterministic=True)

    # IMMEDIATE takes the write lock at the start: concurrent requests queue (busy
    # timeout) instead of failing when a read transaction must upgrade to a write.
    @event.listens_for(engine.sync_engine, "begin")
    def _on_begin(conn: Any) -> None:
        conn.exec_driver_sql("BEGIN IMMEDIATE")


class Database:
    """The engine and the session factory of one running service (or one test)."""

    def __init__(
        self, engine: AsyncEngine | AsyncConnection, *, transaction_pooler: bool = False
    ) -> None:
        self.bind = engine
        # Behind PgBouncer in transaction mode every statement must run inside an explicit
        # transaction: asyncpg prepares and executes in two exchanges, which the pooler
        # may send to two different server connections.
        self.transaction_pooler = transaction_pooler
        self.sessionmaker = async_sessionmaker(
            engine,
            expire_on_commit=False,
            join_transaction_mode="create_savepoint",
        )

    def session(self) -> AsyncSession:
        return self.sessionmaker()

    @property
    def ends_reads_early(self) -> bool:
        """Whether a unit that only read may commit before its processing-log record is
        written alone (app/db/transaction.py): on PostgreSQL, where writes are tracked,
        with an engine of its own (not a connection whose transaction a test holds), and
        not behind a transaction pooler."""
        return (
            isinstance(self.bind, AsyncEngine)
            and self.bind.dialect.name == "postgresql"
            and not self.transaction_pooler
        )

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
            ping_after_idle_seconds=settings.database_ping_after_idle_seconds,
        ),
        # The documented PgBouncer setting (README, "PgBouncer"): no statement cache.
        transaction_pooler=settings.database_statement_cache_size == 0,
    )
