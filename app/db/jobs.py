"""Background work that every replica may start, done once: a job lock and a row claim.

Two tools, both PostgreSQL's and both safe behind PgBouncer in transaction mode (each
lives in one transaction, never in a session):

- `exclusive_run`: one run of a whole job at a time (`zvh priority-lists reevaluate`,
  `zvh retention sweep --execute`), held by a transaction-level advisory lock. A second
  start finds it taken and does nothing.
- `drain`: work items (outbox messages, due deadlines) claimed in batches with
  `FOR UPDATE SKIP LOCKED`, so that several workers share a queue and none takes an item
  another holds.

On SQLite (one process, one writer at a time: every transaction begins IMMEDIATE) the
lock is always granted and FOR UPDATE is not rendered: there is no one to share with.
"""

import zlib
from collections.abc import AsyncIterator, Awaitable, Callable, Sequence
from contextlib import asynccontextmanager
from typing import Any, TypeVar

from sqlalchemy import Select, func, inspect, select, text
from sqlalchemy.ext.asyncio import AsyncEngine, AsyncSession

from app.db.session import Database

# The first key of every advisory lock this service takes ("zvh" in ASCII), so that its
# locks cannot meet another application's in the same database.
LOCK_NAMESPACE = 0x7A7668

R = TypeVar("R")


def job_key(job: str) -> int:
    """A stable 32-bit key for a job's name (the second key of the advisory lock)."""
    unsigned = zlib.crc32(job.encode())
    return unsigned - (1 << 32) if unsigned >= 1 << 31 else unsigned


@asynccontextmanager
async def exclusive_run(database: Database, job: str) -> AsyncIterator[bool]:
    """Within the block, True if this process runs `job`; False if another process does.

    The lock lives in a transaction of its own on a connection of its own, held until the
    block ends; if the process dies, PostgreSQL ends the transaction and frees the lock.
    The job does its work in its own transactions, as it would without the lock.
    """
    engine = database.bind
    if not isinstance(engine, AsyncEngine) or engine.dialect.name != "postgresql":
        yield True
        return
    async with engine.connect() as conn, conn.begin():
        # The transaction stays idle while the job runs: exempt it from a server-wide
        # idle-in-transaction timeout, which would free the lock halfway.
        await conn.execute(text("SET LOCAL idle_in_transaction_session_timeout = 0"))
        granted = await conn.scalar(
            select(func.pg_try_advisory_xact_lock(LOCK_NAMESPACE, job_key(job)))
        )
        yield bool(granted)


async def drain(
    database: Database,
    claimable: Select[R],
    work: Callable[[AsyncSession, Sequence[R]], Awaitable[None]],
    *,
    batch_size: int = 100,
) -> int:
    """Claim batches of `claimable` rows no one else holds and `work` them; the count done.

    Each batch is claimed (`FOR UPDATE SKIP LOCKED`), worked and committed in one
    transaction: a batch whose work fails is rolled back and left for the next run, and
    another worker skips the rows this one holds instead of waiting or doing them again.
    `work` must take its rows out of `claimable` (mark them sent, done, ...); a row that
    comes back claimed a second time in one drain is an error, not an endless loop.
    """
    done = 0
    seen: set[Any] = set()
    claim = claimable.limit(batch_size).with_for_update(skip_locked=True)
    while True:
        async with database.session() as session, session.begin():
            rows = list(await session.scalars(claim))
            if not rows:
                return done
            keys = {inspect(row).identity_key for row in rows}
            if keys & seen:
                raise RuntimeError("drain: the work left claimed rows claimable")
            seen |= keys
            await work(session, rows)
        done += len(rows)
