"""Helpers for tests that need what the shared rolled-back transaction cannot give: a
database of their own that several processes share, and real `zvh serve` processes."""

import asyncio
import os
import signal
import socket
import subprocess
import sys
import tempfile
import uuid
from collections.abc import AsyncIterator, Iterator, Mapping
from contextlib import asynccontextmanager, contextmanager
from pathlib import Path

import anyio
import httpx
import pytest
from sqlalchemy.engine import make_url

from app.db.migrate import upgrade
from app.db.session import Database, create_engine
from app.seed import seed_demo

BIN = Path(sys.executable).parent
STARTUP_SECONDS = 90

requires_postgres = pytest.mark.skipif(
    not os.environ.get("ZVH_TEST_DATABASE_URL", "").startswith("postgresql"),
    reason="needs PostgreSQL (the ZVH_TEST_DATABASE_URL run of `make test`)",
)


def postgres_server_url() -> str:
    return os.environ["ZVH_TEST_DATABASE_URL"]


async def _admin(statement: str) -> None:
    import asyncpg

    server = make_url(postgres_server_url()).set(drivername="postgresql", database="postgres")
    conn = await asyncpg.connect(server.render_as_string(hide_password=False))
    try:
        await conn.execute(statement)
    finally:
        await conn.close()


@asynccontextmanager
async def own_database(tmp_path: Path, *, migrate: bool = True) -> AsyncIterator[str]:
    """A fresh database (migrated and seeded unless told not to), dropped afterwards.

    PostgreSQL when the run is on PostgreSQL, else a SQLite file under `tmp_path`.
    """
    configured = os.environ.get("ZVH_TEST_DATABASE_URL", "")
    if configured.startswith("postgresql"):
        name = f"zvh_test_{uuid.uuid4().hex[:12]}"
        await _admin(f'CREATE DATABASE "{name}"')
        url = make_url(configured).set(database=name).render_as_string(hide_password=False)
    else:
        name = None
        url = f"sqlite+aiosqlite:///{tmp_path / f'own-{uuid.uuid4().hex[:8]}.db'}"
    try:
        if migrate:
            await anyio.to_thread.run_sync(upgrade, url)
            database = Database(create_engine(url))
            try:
                async with database.session() as session, session.begin():
                    await seed_demo(session)
            finally:
                await database.dispose()
        yield url
    finally:
        if name is not None:
            await _admin(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port: int = probe.getsockname()[1]
        return port


def zvh_env(database_url: str, dev_key_dir: Path, **extra: str) -> dict[str, str]:
    return {
        **os.environ,
        "ZVH_DATABASE_URL": database_url,
        "ZVH_DEV_KEY_DIR": str(dev_key_dir),
        "ZVH_LOG_LEVEL": "WARNING",
        **extra,
    }


class Server:
    """A `zvh serve` process on a port of its own."""

    def __init__(self, env: Mapping[str, str], *args: str) -> None:
        self.port = free_port()
        self.url = f"http://127.0.0.1:{self.port}"
        # A file, not a pipe: a pipe nobody reads would stop the server when it fills.
        self._log = tempfile.TemporaryFile()  # noqa: SIM115  (closed in stop())
        self.process = subprocess.Popen(
            [str(BIN / "zvh"), "serve", "--port", str(self.port), *args],
            env=dict(env),
            stdout=subprocess.DEVNULL,
            stderr=self._log,
        )

    async def ready(self) -> None:
        """Wait until it answers (a loaded two-core machine takes a while to import)."""
        with anyio.fail_after(STARTUP_SECONDS):
            async with httpx.AsyncClient(base_url=self.url) as client:
                while True:
                    if self.process.poll() is not None:
                        raise AssertionError(f"zvh serve exited: {self.stderr()}")
                    try:
                        if (await client.get("/health/live")).status_code == 200:
                            return
                    except httpx.TransportError:
                        pass
                    await asyncio.sleep(0.2)

    def terminate(self) -> None:
        self.process.send_signal(signal.SIGTERM)

    def stop(self) -> None:
        if self.process.poll() is None:
            self.terminate()
            try:
                self.process.wait(timeout=60)
            except subprocess.TimeoutExpired:
                self.process.kill()
                self.process.wait()
        self._log.close()

    def stderr(self) -> str:
        self._log.seek(0)
        return self._log.read().decode(errors="replace")


@contextmanager
def servers(*started: Server) -> Iterator[tuple[Server, ...]]:
    try:
        yield started
    finally:
        for server in started:
            server.stop()
