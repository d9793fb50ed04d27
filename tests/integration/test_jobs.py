"""Background work any replica may start is done once: the job lock and the row claim."""

import asyncio
from collections.abc import Awaitable, Callable, Sequence
from pathlib import Path

import asyncpg
import httpx
import pytest
from sqlalchemy import Select, func, select
from sqlalchemy.ext.asyncio import AsyncSession
from sqlalchemy.orm import DeclarativeBase, Mapped, mapped_column

from app.cli import ELSEWHERE
from app.config import Settings
from app.db.jobs import drain, exclusive_run
from app.db.registry_listener import asyncpg_dsn
from app.db.session import Database, create_engine, is_sqlite
from app.db.tables import VerwerkingRow
from app.db.tables_bewaren import ArchiefdocumentRow
from app.main import create_app
from app.services.bewaartermijn import today_in_amsterdam
from tests.conftest import AuthHeaders
from tests.factories.casussen import AANMELDING
from tests.factories.prioritering import one_kept_one_removed
from tests.scaleout import BIN, own_database, requires_postgres, zvh_env

pytestmark = pytest.mark.anyio


class _Base(DeclarativeBase):
    pass


class Item(_Base):
    """A work item of a test queue (an outbox message, a due deadline)."""

    __tablename__ = "test_work_items"

    id: Mapped[int] = mapped_column(primary_key=True, autoincrement=False)
    done_by: Mapped[str | None] = mapped_column(nullable=True)


async def test_the_job_lock_admits_one_run_at_a_time(tmp_path: Path) -> None:
    async with own_database(tmp_path, migrate=False) as url:
        database = Database(create_engine(url))
        try:
            async with exclusive_run(database, "a-job") as first:
                assert first
                async with exclusive_run(database, "another-job") as unrelated:
                    assert unrelated
                async with exclusive_run(database, "a-job") as second:
                    # SQLite serves one process: there is no one to exclude.
                    assert second is is_sqlite(url)
            async with exclusive_run(database, "a-job") as after:
                assert after, "the lock is free once the run ends"
        finally:
            await database.dispose()


async def _filled(url: str, items: int) -> Database:
    engine = create_engine(url)
    async with engine.begin() as conn:
        await conn.run_sync(_Base.metadata.create_all)
    database = Database(engine)
    async with database.session() as session, session.begin():
        session.add_all(Item(id=i) for i in range(items))
    return database


def _undone() -> Select[Item]:
    return select(Item).where(Item.done_by.is_(None)).order_by(Item.id)


async def test_two_workers_draining_one_queue_do_each_item_once(tmp_path: Path) -> None:
    async with own_database(tmp_path, migrate=False) as url:
        database = await _filled(url, 60)
        worked: dict[str, list[int]] = {"a": [], "b": []}
        claimed = {"a": asyncio.Event(), "b": asyncio.Event()}
        # Each worker holds its first batch until the other has claimed one too: with a
        # plain FOR UPDATE the second would wait for the first's rows, and time out.
        # SQLite has one writer at a time, so there the two run one after the other.
        together = not is_sqlite(url)

        def worker(
            name: str, other: str
        ) -> Callable[[AsyncSession, Sequence[Item]], Awaitable[None]]:
            async def work(session: AsyncSession, rows: Sequence[Item]) -> None:
                claimed[name].set()
                if together:
                    await asyncio.wait_for(claimed[other].wait(), 30)
                for row in rows:
                    row.done_by = name
                    worked[name].append(row.id)

            return work

        try:
            done = await asyncio.gather(
                drain(database, _undone(), worker("a", "b"), batch_size=7),
                drain(database, _undone(), worker("b", "a"), batch_size=7),
            )
            assert sum(done) == 60
            everything = worked["a"] + worked["b"]
            assert sorted(everything) == list(range(60)), "every item once, none twice"
            if together:
                assert worked["a"], "the two shared the queue"
                assert worked["b"], "the two shared the queue"
            async with database.session() as session:
                left = await session.scalar(select(func.count()).select_from(_undone().subquery()))
            assert left == 0
        finally:
            await database.dispose()


async def test_work_that_leaves_its_rows_claimable_is_an_error(tmp_path: Path) -> None:
    async with own_database(tmp_path, migrate=False) as url:
        database = await _filled(url, 3)

        async def forgetful(_session: AsyncSession, _rows: Sequence[Item]) -> None:
            return None

        try:
            with pytest.raises(RuntimeError, match="claimable"):
                await drain(database, _undone(), forgetful)
        finally:
            await database.dispose()


async def _twice_while_held(
    url: str, table: str, command: list[str], env: dict[str, str]
) -> tuple[str, str]:
    """Start `command` twice at once while the test holds `table`, which the job reads
    first: whichever process gets the job waits there, so the two surely overlap. The
    outputs of (the one that stepped aside, the one that did the work)."""
    holder = await asyncpg.connect(asyncpg_dsn(url))
    try:
        transaction = holder.transaction()
        await transaction.start()
        await holder.execute(f"LOCK TABLE {table} IN ACCESS EXCLUSIVE MODE")
        runs = [
            await asyncio.create_subprocess_exec(
                *command,
                env=env,
                stdout=asyncio.subprocess.PIPE,
                stderr=asyncio.subprocess.STDOUT,
            )
            for _ in range(2)
        ]
        waits = {asyncio.ensure_future(run.communicate()): run for run in runs}
        done, pending = await asyncio.wait(waits, timeout=120, return_when="FIRST_COMPLETED")
        assert len(done) == 1, "one run must step aside while the other waits for the table"
        [first] = done
        stepped_aside = (await first)[0].decode()
        assert waits[first].returncode == 0, stepped_aside
        await transaction.rollback()
        [second] = pending
        worked = (await asyncio.wait_for(second, 120))[0].decode()
        assert waits[second].returncode == 0, worked
        return stepped_aside, worked
    finally:
        await holder.close()


@requires_postgres
async def test_a_sweep_started_twice_archives_each_case_once(
    tmp_path: Path, settings: Settings, auth: AuthHeaders
) -> None:
    async with own_database(tmp_path) as url:
        app = create_app(settings.model_copy(update={"database_url": url}))
        body = {**AANMELDING, "aanmelddatum": "2019-01-10"}  # past its maximum: due
        async with httpx.AsyncClient(
            transport=httpx.ASGITransport(app=app), base_url="http://testserver"
        ) as client:
            created = await client.post("/v1/casussen", json=body, headers=auth("politie"))
        await app.state.db.dispose()
        assert created.status_code == 201, created.text
        casus_id = created.json()["id"]
        command = [
            str(BIN / "zvh"),
            "retention",
            "sweep",
            "--as-of",
            today_in_amsterdam().isoformat(),
            "--archive-dir",
            str(tmp_path / "archief"),
            "--execute",
        ]
        env = zvh_env(url, settings.dev_key_dir, ZVH_DESTRUCTION_HOLD="false")
        aside, worked = await _twice_while_held(url, "samenwerkingsverbanden", command, env)
        assert ELSEWHERE in aside
        assert "archived and anonymised: 1 cases" in worked

        engine = create_engine(url)
        async with engine.connect() as conn:
            documents = await conn.scalar(
                select(func.count()).where(ArchiefdocumentRow.casus_id == casus_id)
            )
            logged = await conn.scalar(
                select(func.count()).where(
                    VerwerkingRow.casus_id == casus_id,
                    VerwerkingRow.activiteit == "casus-archiveren",
                )
            )
        await engine.dispose()
        assert (documents, logged) == (1, 1)


@requires_postgres
async def test_a_reevaluation_started_twice_runs_once(
    tmp_path: Path, settings: Settings, auth: AuthHeaders
) -> None:
    async with own_database(tmp_path) as url:
        app = create_app(settings.model_copy(update={"database_url": url}))
        async with httpx.AsyncClient(
            transport=httpx.ASGITransport(app=app), base_url="http://testserver"
        ) as client:
            await one_kept_one_removed(client, auth)
        await app.state.db.dispose()
        command = [
            str(BIN / "zvh"),
            "priority-lists",
            "reevaluate",
        ]
        env = zvh_env(url, settings.dev_key_dir)
        aside, worked = await _twice_while_held(url, "prioriteringslijsten", command, env)
        assert ELSEWHERE in aside
        assert "beoordeeld 2, gehandhaafd 1, verwijderd 1" in worked

        engine = create_engine(url)
        async with engine.connect() as conn:
            by_system = (
                await conn.execute(
                    select(VerwerkingRow.activiteit, func.count())
                    .where(VerwerkingRow.deelnemer == "systeem")
                    .group_by(VerwerkingRow.activiteit)
                )
            ).all()
        await engine.dispose()
        assert sorted(by_system) == [
            ("prioriteringslijst-toetsen", 1),
            ("prioriteringslijst-verwijderen", 1),
        ]
