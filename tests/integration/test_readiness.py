"""/health/ready tells the truth: 503 until the database is reachable and at the newest migration."""

import os
import uuid
from collections.abc import AsyncIterator
from pathlib import Path

import anyio
import httpx
import pytest
from alembic import command
from alembic.script import ScriptDirectory
from sqlalchemy import text
from sqlalchemy.engine import make_url

from app.config import Settings
from app.db.migrate import alembic_config, head_revisions, upgrade
from app.db.session import create_engine
from app.main import create_app
from tests import pgadmin

pytestmark = pytest.mark.anyio


@pytest.fixture
async def empty_database_url(tmp_path: Path) -> AsyncIterator[str]:
    """A database no migration has touched, on this run's backend."""
    configured = os.environ.get("ZVH_TEST_DATABASE_URL")
    if not configured:
        yield f"sqlite+aiosqlite:///{tmp_path / 'empty.db'}"
        return
    url = (
        make_url(configured)
        .set(database=f"zvh_empty_{uuid.uuid4().hex[:12]}")
        .render_as_string(hide_password=False)
    )
    assert await pgadmin.run("create", url) == 0
    try:
        yield url
    finally:
        await pgadmin.run("drop", url)


async def _ready(settings: Settings) -> httpx.Response:
    app = create_app(settings)
    transport = httpx.ASGITransport(app=app)
    try:
        async with httpx.AsyncClient(transport=transport, base_url="http://testserver") as client:
            return await client.get("/health/ready")
    finally:
        await app.state.db.dispose()


def _problem(response: httpx.Response, code: str) -> str:
    assert response.status_code == 503, response.text
    assert response.headers["content-type"] == "application/problem+json"
    body = response.json()
    assert body["code"] == code
    detail: str = body["detail"]
    return detail


async def test_never_migrated_then_behind_then_ready(
    settings: Settings, empty_database_url: str
) -> None:
    own = settings.model_copy(update={"database_url": empty_database_url})
    (head,) = head_revisions()

    detail = _problem(await _ready(own), "database-niet-gemigreerd")
    assert head in detail
    assert "zvh migrate" in detail

    previous = ScriptDirectory.from_config(alembic_config(empty_database_url)).get_revision(head)
    assert previous is not None
    assert isinstance(previous.down_revision, str)
    # Alembic's env.py runs its own event loop: migrate from a worker thread.
    await anyio.to_thread.run_sync(
        command.upgrade, alembic_config(empty_database_url), previous.down_revision
    )
    detail = _problem(await _ready(own), "database-niet-actueel")
    assert previous.down_revision in detail
    assert head in detail

    await anyio.to_thread.run_sync(upgrade, empty_database_url)
    ready = await _ready(own)
    assert ready.status_code == 200, ready.text
    assert ready.json() == {"status": "ok", "database": "ok", "migratie": head}

    # A newer version migrated the database past what this code knows.
    engine = create_engine(empty_database_url)
    async with engine.begin() as conn:
        await conn.execute(text("UPDATE alembic_version SET version_num = 'f0f0f0f0f0f0'"))
    await engine.dispose()
    detail = _problem(await _ready(own), "database-nieuwer")
    assert "f0f0f0f0f0f0" in detail


async def test_unreachable_database_is_not_ready(settings: Settings) -> None:
    # Nothing listens on the discard port of the loopback address: the connection is refused.
    missing = "postgresql+asyncpg://zvh@127.0.0.1:9/zvh"
    _problem(
        await _ready(settings.model_copy(update={"database_url": missing})),
        "database-onbereikbaar",
    )
