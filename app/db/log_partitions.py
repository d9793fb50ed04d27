"""The processing log's monthly partitions on PostgreSQL; SQLite keeps one table.

Each calendar month (UTC) of `verwerkingen.tijdstip` has a partition `verwerkingen_pYYYYMM`,
created ahead of time by the service: at start and every few hours by each process of
`zvh serve`, by `zvh migrate`, and by `zvh log partitions`. The database function
`verwerkingen_partitie_aanmaken` (migration 30278f881159) creates one idempotently, one
creator at a time.

There is no default partition: an entry for a month without a partition fails loudly
("no partition of relation verwerkingen found for row") and its request with it, rather
than being logged somewhere the append-only rule would later forbid moving it from. With
months created ahead this happens only when nothing of the service ran for that long.
"""

import re
from dataclasses import dataclass
from datetime import UTC, date, datetime

from sqlalchemy import text
from sqlalchemy.ext.asyncio import AsyncConnection, AsyncSession

_NAME = re.compile(r"^verwerkingen_p\d{6}$")
# Creating a partition locks the log briefly; never queue the service's inserts behind a
# long wait for that lock: give up and try again at the next round.
LOCK_TIMEOUT = "5s"


@dataclass(frozen=True, slots=True)
class Partitie:
    naam: str
    grenzen: str  # as PostgreSQL states them: FOR VALUES FROM (...) TO (...)


def is_partition(table_name: str) -> bool:
    """Whether a table is one of the log's partitions (not a table of the models)."""
    return bool(_NAME.match(table_name))


def include_in_autogenerate(name: str | None, type_: str, _parents: object) -> bool:
    """Alembic's `include_name`: the partitions are the service's, not the models'."""
    return not (type_ == "table" and name is not None and is_partition(name))


def months_from(first: date, months_ahead: int) -> list[date]:
    """The first day of `first`'s month and of each of the `months_ahead` months after it."""
    months = []
    year, month = first.year, first.month
    for _ in range(months_ahead + 1):
        months.append(date(year, month, 1))
        year, month = (year + 1, 1) if month == 12 else (year, month + 1)
    return months


def this_month() -> date:
    return datetime.now(UTC).date().replace(day=1)


async def ensure(
    conn: AsyncConnection | AsyncSession, months_ahead: int, first: date | None = None
) -> list[str]:
    """Create the partitions of `first`'s month (default: this month, UTC) and the months
    ahead where missing; return the names created. Runs in the caller's transaction."""
    if not _postgresql(conn):
        return []
    await conn.execute(text(f"SET LOCAL lock_timeout = '{LOCK_TIMEOUT}'"))
    create = text("SELECT verwerkingen_partitie_aanmaken(:maand)")
    created = []
    for maand in months_from(first or this_month(), months_ahead):
        naam = await conn.scalar(create, {"maand": maand})
        if naam is not None:
            created.append(str(naam))
    return created


async def partitions(conn: AsyncConnection | AsyncSession) -> list[Partitie]:
    """The log's partitions, oldest first ([] on SQLite)."""
    if not _postgresql(conn):
        return []
    # The bounds are moments: state them in UTC, whatever the server's zone.
    await conn.execute(text("SET LOCAL TimeZone = 'UTC'"))
    rows = await conn.execute(
        text(
            "SELECT c.relname, pg_get_expr(c.relpartbound, c.oid) FROM pg_inherits i "
            "JOIN pg_class c ON c.oid = i.inhrelid "
            "WHERE i.inhparent = 'verwerkingen'::regclass ORDER BY c.relname"
        )
    )
    return [Partitie(naam, grenzen) for naam, grenzen in rows.all()]


def _postgresql(conn: AsyncConnection | AsyncSession) -> bool:
    bind = conn if isinstance(conn, AsyncConnection) else conn.get_bind()
    return bind.dialect.name == "postgresql"
