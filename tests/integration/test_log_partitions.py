"""The processing log by month: partitions made ahead, read across a month's end as one log,
append-only on every partition, and a month without a partition refused out loud."""

import asyncio
import uuid
from datetime import UTC, date, datetime
from pathlib import Path

import pytest
from alembic import command
from sqlalchemy import column, insert, select, table, text
from sqlalchemy.exc import DBAPIError

from app.config import Settings
from app.db import log_partitions, verwerkingen
from app.db.base import UtcDateTime
from app.db.migrate import alembic_config, upgrade
from app.db.session import Database, create_engine, is_sqlite
from app.db.tables import VerwerkingRow
from app.domain.verwerking import Handeling, Resultaat
from tests.scaleout import BIN, own_database, requires_postgres, zvh_env

pytestmark = pytest.mark.anyio

LAST_MOMENT_OF_JANUARY = datetime(2031, 1, 31, 23, 59, 59, 999999, tzinfo=UTC)
FIRST_MOMENT_OF_FEBRUARY = datetime(2031, 2, 1, tzinfo=UTC)


def _entry(tijdstip: datetime, casus_id: str, zvh: str = "zvh-demo") -> verwerkingen.Verwerking:
    return verwerkingen.Verwerking(
        id=str(uuid.uuid4()),
        zvh=zvh,
        tijdstip=tijdstip,
        trace_id=uuid.uuid4().hex,
        span_id=uuid.uuid4().hex[:16],
        activiteit="casus-raadplegen",
        handeling=Handeling.RAADPLEGEN,
        casus_id=casus_id,
        betrokkene=None,
        sub="tester",
        deelnemer="politie",
        rollen=("medewerker",),
        resultaat=Resultaat.GESLAAGD,
    )


def test_months_roll_over_the_year() -> None:
    assert log_partitions.months_from(date(2026, 11, 17), 3) == [
        date(2026, 11, 1),
        date(2026, 12, 1),
        date(2027, 1, 1),
        date(2027, 2, 1),
    ]


async def test_entries_across_a_month_boundary_read_as_one_log(db: Database) -> None:
    casus_id = str(uuid.uuid4())
    async with db.session() as session:
        created = await log_partitions.ensure(session, 1, first=date(2031, 1, 1))
        postgres = session.get_bind().dialect.name == "postgresql"
        assert created == (["verwerkingen_p203101", "verwerkingen_p203102"] if postgres else [])
        assert await log_partitions.ensure(session, 1, first=date(2031, 1, 1)) == []
        february, january = (
            _entry(FIRST_MOMENT_OF_FEBRUARY, casus_id),
            _entry(LAST_MOMENT_OF_JANUARY, casus_id),
        )
        await verwerkingen.write(session, [february, january])
        await session.flush()
        read = await verwerkingen.read(session, "zvh-demo", casus_id, offset=0, limit=10)
        assert [v.id for v in read] == [january.id, february.id]
        assert [v.tijdstip for v in read] == [LAST_MOMENT_OF_JANUARY, FIRST_MOMENT_OF_FEBRUARY]
        one_page = await verwerkingen.read(session, "zvh-demo", casus_id, offset=1, limit=1)
        assert [v.id for v in one_page] == [february.id]
        if postgres:
            homes = await session.execute(
                select(VerwerkingRow.id, text("tableoid::regclass::text")).where(
                    VerwerkingRow.casus_id == casus_id
                )
            )
            assert dict(homes.all()) == {
                january.id: "verwerkingen_p203101",
                february.id: "verwerkingen_p203102",
            }
            names = [p.naam for p in await log_partitions.partitions(session)]
            assert {"verwerkingen_p203101", "verwerkingen_p203102"} <= set(names)
        else:
            assert await log_partitions.partitions(session) == []
        await session.rollback()


@requires_postgres
async def test_a_month_without_a_partition_is_refused_loudly(db: Database) -> None:
    async with db.session() as session:
        with pytest.raises(DBAPIError, match="no partition of relation"):
            await verwerkingen.write(
                session, [_entry(datetime(2040, 5, 1, tzinfo=UTC), str(uuid.uuid4()))]
            )
        await session.rollback()


@requires_postgres
@pytest.mark.parametrize(
    "statement",
    [
        "UPDATE verwerkingen_p203101 SET sub = 'iemand-anders'",
        "DELETE FROM verwerkingen_p203101",
        "TRUNCATE verwerkingen_p203101",
        "TRUNCATE verwerkingen",
    ],
)
async def test_every_partition_is_append_only(db: Database, statement: str) -> None:
    async with db.session() as session:
        await log_partitions.ensure(session, 0, first=date(2031, 1, 1))
        await verwerkingen.write(session, [_entry(LAST_MOMENT_OF_JANUARY, str(uuid.uuid4()))])
        await session.flush()
        with pytest.raises(DBAPIError, match="append-only"):
            await session.execute(text(statement))
        await session.rollback()


async def _write_rows(url: str, moments: list[datetime]) -> list[str]:
    database = Database(create_engine(url))
    entries = [_entry(moment, str(uuid.uuid4())) for moment in moments]
    try:
        async with database.session() as session, session.begin():
            await verwerkingen.write(session, entries)
    finally:
        await database.dispose()
    return [e.id for e in entries]


# The log's columns at revision 4ff0d2dfc1af: later revisions add columns the model knows.
_OLD_LOG = table(
    "verwerkingen",
    column("tijdstip", UtcDateTime()),
    *(
        column(name)
        for name in [
            "id",
            "zvh",
            "trace_id",
            "span_id",
            "activiteit",
            "handeling",
            "casus_id",
            "betrokkene",
            "sub",
            "deelnemer",
            "rollen",
            "resultaat",
        ]
    ),
)


async def _write_old_rows(url: str, moments: list[datetime]) -> list[str]:
    """Rows as the code of that revision wrote them, whatever the model looks like now."""
    engine = create_engine(url)
    entries = [_entry(moment, str(uuid.uuid4())) for moment in moments]
    try:
        async with engine.begin() as conn:
            await conn.execute(
                insert(_OLD_LOG),
                [
                    {
                        "id": e.id,
                        "zvh": e.zvh,
                        "tijdstip": e.tijdstip,
                        "trace_id": e.trace_id,
                        "span_id": e.span_id,
                        "activiteit": e.activiteit,
                        "handeling": e.handeling.value,
                        "casus_id": e.casus_id,
                        "betrokkene": e.betrokkene,
                        "sub": e.sub,
                        "deelnemer": e.deelnemer,
                        "rollen": ",".join(e.rollen),
                        "resultaat": e.resultaat.value,
                    }
                    for e in entries
                ],
            )
    finally:
        await engine.dispose()
    return [e.id for e in entries]


async def _stored(url: str) -> dict[str, tuple[datetime, str]]:
    engine = create_engine(url)
    where = "tableoid::regclass::text" if not is_sqlite(url) else "'verwerkingen'"
    try:
        async with engine.connect() as conn:
            rows = await conn.execute(
                select(VerwerkingRow.id, VerwerkingRow.tijdstip, text(where)).select_from(
                    VerwerkingRow
                )
            )
            return {i: (t.astimezone(UTC), home) for i, t, home in rows.all()}
    finally:
        await engine.dispose()


async def _refuses_changes(url: str) -> None:
    engine = create_engine(url)
    try:
        async with engine.connect() as conn:
            with pytest.raises(DBAPIError, match="append-only"):
                await conn.execute(text("DELETE FROM verwerkingen"))
            await conn.rollback()
    finally:
        await engine.dispose()


async def test_the_migration_moves_an_existing_log_with_its_rows(tmp_path: Path) -> None:
    async with own_database(tmp_path, migrate=False) as url:
        config = alembic_config(url)
        await asyncio.to_thread(command.upgrade, config, "4ff0d2dfc1af")  # before partitioning
        moments = [
            datetime(2025, 3, 14, 9, 30, tzinfo=UTC),
            datetime(2026, 10, 31, 23, 30, tzinfo=UTC),  # already November in Amsterdam
            datetime.now(UTC),
        ]
        ids = await _write_old_rows(url, moments)

        await asyncio.to_thread(upgrade, url)
        stored = await _stored(url)
        assert {i: stored[i][0] for i in ids} == dict(zip(ids, moments, strict=True))
        if not is_sqlite(url):
            assert stored[ids[0]][1] == "verwerkingen_p202503"
            assert stored[ids[1]][1] == "verwerkingen_p202610", "months are UTC months"
        await _refuses_changes(url)
        # Written after the move, into this month's partition.
        later = await _write_rows(url, [datetime.now(UTC)])
        assert later[0] in await _stored(url)

        await asyncio.to_thread(command.downgrade, config, "4ff0d2dfc1af")
        back = await _stored(url)
        assert set(back) == {*ids, *later}
        await _refuses_changes(url)


async def test_zvh_log_partitions_makes_the_months_ahead(
    tmp_path: Path, settings: Settings
) -> None:
    async with own_database(tmp_path) as url:
        process = await asyncio.create_subprocess_exec(
            str(BIN / "zvh"),
            "log",
            "partitions",
            "--months-ahead",
            "5",
            env=zvh_env(url, settings.dev_key_dir),
            stdout=asyncio.subprocess.PIPE,
            stderr=asyncio.subprocess.PIPE,
        )
        out, err = await process.communicate()
        assert process.returncode == 0, err
        lines = out.decode().splitlines()
        if is_sqlite(url):
            assert lines == ["SQLite keeps the processing log in one table: nothing to partition"]
            return
        months = log_partitions.months_from(log_partitions.this_month(), 5)
        names = [line.split()[0] for line in lines]
        assert names == [f"verwerkingen_p{m:%Y%m}" for m in months]
        # `zvh migrate` had made three months ahead; the command added the other two.
        assert [line.endswith("(created)") for line in lines] == [False] * 4 + [True] * 2
        assert lines[0].endswith(
            f"FOR VALUES FROM ('{months[0]:%Y-%m-%d} 00:00:00+00') "
            f"TO ('{months[1]:%Y-%m-%d} 00:00:00+00')"
        )
