"""The service behind PgBouncer in transaction mode, with the statement cache set to 0.

A real PgBouncer (Debian's package; `make test-postgres` installs it when run as root)
pools two server connections for many client connections, and, as production should,
deallocates prepared statements after every transaction (server_reset_query_always), so
that none pile up on the server. A flow of concurrent requests then works end to end, and
the same connection with asyncpg's default cache fails: the setting is what makes it work.
"""

import asyncio
import os
import shutil
import socket
import subprocess
import tempfile
import time
from collections.abc import AsyncIterator, Iterator
from pathlib import Path

import httpx
import pytest
from sqlalchemy import select
from sqlalchemy.engine import make_url
from sqlalchemy.exc import DBAPIError
from sqlalchemy.ext.asyncio import AsyncEngine

from app.config import Settings
from app.db import log_partitions
from app.db.jobs import exclusive_run
from app.db.session import Database, create_engine
from app.db.tables import DeelnemerRow
from app.main import create_app
from tests.conftest import AuthHeaders
from tests.factories.casussen import create_casus
from tests.scaleout import free_port, own_database, requires_postgres

pytestmark = [pytest.mark.anyio, requires_postgres]


def _pgbouncer() -> str:
    found = shutil.which("pgbouncer") or (
        "/usr/sbin/pgbouncer" if os.access("/usr/sbin/pgbouncer", os.X_OK) else None
    )
    if found:
        return found
    if os.environ.get("CI") == "true":
        pytest.fail("CI needs pgbouncer: `make test-postgres` installs it when run as root")
    pytest.skip("pgbouncer is not installed (apt-get install pgbouncer): PgBouncer test skipped")


def _config(directory: Path, port: int) -> Path:
    server = make_url(os.environ["ZVH_TEST_DATABASE_URL"])
    target = f"host={server.host or '127.0.0.1'} port={server.port or 5432}"
    target += f" user={server.username or 'postgres'}"
    if server.password:
        target += f" password={server.password}"
    ini = directory / "pgbouncer.ini"
    ini.write_text(
        f"""[databases]
* = {target}

[pgbouncer]
listen_addr = 127.0.0.1
listen_port = {port}
unix_socket_dir =
auth_type = any
pool_mode = transaction
default_pool_size = 2
max_client_conn = 200
server_reset_query = DEALLOCATE ALL
server_reset_query_always = 1
logfile =
pidfile =
"""
    )
    ini.chmod(0o644)
    return ini


@pytest.fixture(scope="module")
def bouncer() -> Iterator[int]:
    binary = _pgbouncer()
    port = free_port()
    # PgBouncer refuses to run as root: then as nobody, from a directory nobody can read.
    directory = Path(tempfile.mkdtemp(prefix="zvh-pgbouncer-"))
    directory.chmod(0o755)
    as_root = os.geteuid() == 0
    with tempfile.TemporaryFile() as log:
        process = subprocess.Popen(
            [binary, str(_config(directory, port))],
            stdout=log,
            stderr=log,
            user="nobody" if as_root else None,
            group="nogroup" if as_root else None,
            extra_groups=[] if as_root else None,
        )
        try:
            deadline = time.monotonic() + 30
            while True:
                try:
                    socket.create_connection(("127.0.0.1", port), timeout=1).close()
                    break
                except OSError:
                    if process.poll() is not None or time.monotonic() > deadline:
                        log.seek(0)
                        pytest.fail(f"pgbouncer did not start: {log.read().decode()}")
                    time.sleep(0.1)
            yield port
        finally:
            process.terminate()
            process.wait(timeout=30)
            shutil.rmtree(directory, ignore_errors=True)


@pytest.fixture(scope="module")
async def urls(
    bouncer: int, tmp_path_factory: pytest.TempPathFactory
) -> AsyncIterator[tuple[str, str]]:
    """(the database itself, the same database through PgBouncer)."""
    async with own_database(tmp_path_factory.mktemp("bounced")) as direct:
        through = make_url(direct).set(host="127.0.0.1", port=bouncer, password=None)
        yield direct, through.render_as_string(hide_password=False)


async def test_a_flow_of_concurrent_requests_through_pgbouncer(
    urls: tuple[str, str], settings: Settings, auth: AuthHeaders
) -> None:
    _direct, through = urls
    bounced = settings.model_copy(
        update={"database_url": through, "database_statement_cache_size": 0}
    )
    app = create_app(bounced)
    transport = httpx.ASGITransport(app=app)
    try:
        async with httpx.AsyncClient(transport=transport, base_url="http://testserver") as client:
            # More clients at once than PgBouncer has server connections (2).
            cases = await asyncio.gather(*(create_casus(client, auth) for _ in range(8)))
            reads = await asyncio.gather(
                *(client.get(f"/v1/casussen/{c['id']}", headers=auth("politie")) for c in cases),
                *(client.get("/v1/deelnemers", headers=auth("ggz")) for _ in range(8)),
            )
            assert [r.status_code for r in reads] == [200] * 16
            changed = await client.patch(
                "/v1/deelnemers/wijkteam",
                json={"naam": "Wijkteam Noord"},
                headers=auth("gemeente-utrecht", "beheerder"),
            )
            assert changed.status_code == 200, changed.text
            log = await client.get(
                f"/v1/verwerkingen?casusId={cases[0]['id']}",
                headers=auth("gemeente-utrecht", "beheerder"),
            )
            assert log.status_code == 200
            assert log.json()["verwerkingen"], "the partitioned log is written and read"
    finally:
        await app.state.db.dispose()

    # The background tools hold only transactions, which PgBouncer keeps on one server
    # connection: the job lock and the partition upkeep work through it too.
    database = Database(create_engine(through, statement_cache_size=0))
    try:
        async with exclusive_run(database, "bounced-job") as ours:
            assert ours
            async with exclusive_run(database, "bounced-job") as again:
                assert not again
        async with database.session() as session, session.begin():
            await log_partitions.ensure(session, 4)
            assert len(await log_partitions.partitions(session)) >= 5
    finally:
        await database.dispose()


async def _three_transactions(engine: AsyncEngine) -> None:
    for _ in range(3):
        async with engine.begin() as conn:
            await conn.execute(select(DeelnemerRow).where(DeelnemerRow.zvh == "zvh-demo"))


async def test_without_the_setting_the_cached_statements_are_gone(urls: tuple[str, str]) -> None:
    _direct, through = urls
    engine = create_engine(through)  # asyncpg's default cache of 100 statements
    try:
        with pytest.raises(DBAPIError, match="prepared statement"):
            await _three_transactions(engine)
    finally:
        await engine.dispose()
    settled = create_engine(through, statement_cache_size=0)
    try:
        await _three_transactions(settled)
    finally:
        await settled.dispose()
