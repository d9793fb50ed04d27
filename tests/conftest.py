"""Shared fixtures: one migrated database per run, one rolled-back transaction per test.

The backend is chosen by ZVH_TEST_DATABASE_URL: unset means a fresh SQLite file; a
postgresql+asyncpg URL names a server and database from which this run creates (and
afterwards drops) a database of its own.
"""

import os
import uuid
from collections.abc import AsyncIterator, Awaitable, Callable, Iterator
from pathlib import Path
from typing import Any, Protocol

import httpx
import pytest
from fastapi import FastAPI
from sqlalchemy import text
from sqlalchemy.engine import make_url
from sqlalchemy.ext.asyncio import AsyncEngine

from app.auth.devtokens import issue_dev_token
from app.config import Settings
from app.db.migrate import upgrade
from app.db.session import Database, create_engine
from app.main import create_app
from app.seed import DEMO, seed_demo
from tests.contract import declared_only
from tests.probleemcodes import assert_catalogued, codes_in_response


@pytest.fixture(scope="session")
def anyio_backend() -> str:
    return "asyncio"


def _registered(zvh: str, deelnemer: str) -> str | None:
    for deelnemer_id, _naam, soort, _categorie, _geheim in DEMO.get(zvh, ("", []))[1]:
        if deelnemer_id == deelnemer:
            return soort.value
    return None


@pytest.fixture(scope="session")
def database_url(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    configured = os.environ.get("ZVH_TEST_DATABASE_URL")
    if not configured:
        yield f"sqlite+aiosqlite:///{tmp_path_factory.mktemp('db') / 'test.db'}"
        return
    import asyncio

    server = make_url(configured)
    name = f"zvh_test_{uuid.uuid4().hex[:12]}"

    async def admin(statement: str) -> None:
        engine = create_engine(server.render_as_string(hide_password=False))
        async with engine.connect() as conn:
            await conn.execution_options(isolation_level="AUTOCOMMIT")
            await conn.execute(text(statement))
        await engine.dispose()

    asyncio.run(admin(f'CREATE DATABASE "{name}"'))
    try:
        yield server.set(database=name).render_as_string(hide_password=False)
    finally:
        asyncio.run(admin(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)'))


@pytest.fixture(scope="session")
def settings(database_url: str, tmp_path_factory: pytest.TempPathFactory) -> Settings:
    return Settings(
        database_url=database_url,
        dev_key_dir=tmp_path_factory.mktemp("keys"),
        max_body_bytes=64 * 1024,
    )


@pytest.fixture(scope="session")
def migrated(settings: Settings) -> str:
    upgrade(settings.database_url)
    return settings.database_url


@pytest.fixture(scope="session")
async def engine(migrated: str) -> AsyncIterator[AsyncEngine]:
    engine = create_engine(migrated)
    async with engine.begin() as conn:
        database = Database(conn)
        async with database.session() as session:
            await seed_demo(session)
            await session.commit()
    yield engine
    await engine.dispose()


@pytest.fixture
async def db(engine: AsyncEngine) -> AsyncIterator[Database]:
    """A database whose every change is rolled back when the test ends."""
    async with engine.connect() as conn:
        transaction = await conn.begin()
        yield Database(conn)
        await transaction.rollback()


async def _catalogued_codes_only(response: httpx.Response) -> None:
    """Every problem code any API test meets must be in app/problem_codes.py."""
    await response.aread()
    content_type = response.headers.get("content-type", "")
    codes = codes_in_response(content_type, response.content)
    where = f"{response.request.method} {response.request.url.path} → {response.status_code}"
    assert_catalogued(codes, {code: [where] for code in codes})


def checks(app: FastAPI) -> dict[str, list[Callable[[httpx.Response], Awaitable[None]]]]:
    """Response hooks of the API test clients: codes catalogued, statuses and headers declared."""
    return {"response": [_catalogued_codes_only, declared_only(app.openapi)]}


@pytest.fixture
def app(settings: Settings, db: Database) -> FastAPI:
    """The application `client` talks to: tests pin its clock with `dependency_overrides`."""
    return create_app(settings, database=db)


@pytest.fixture
async def client(app: FastAPI) -> AsyncIterator[httpx.AsyncClient]:
    transport = httpx.ASGITransport(app=app)
    async with httpx.AsyncClient(
        transport=transport, base_url="http://testserver", event_hooks=checks(app)
    ) as client:
        yield client


@pytest.fixture
async def live_client(settings: Settings, engine: AsyncEngine) -> AsyncIterator[httpx.AsyncClient]:
    """A client whose requests commit for real, each on its own connection: for concurrency.

    What it writes stays in this run's database; tests using it look only at their own rows.
    """
    app = create_app(settings, database=Database(engine))
    transport = httpx.ASGITransport(app=app)
    async with httpx.AsyncClient(
        transport=transport, base_url="http://testserver", event_hooks=checks(app)
    ) as client:
        yield client


class TokenFactory(Protocol):
    def __call__(
        self,
        deelnemer: str,
        *rollen: str,
        zvh: str = "zvh-demo",
        deelnemertype: str | None = None,
        gvv: bool | None = None,
        ttl: int = 600,
        extra: dict[str, Any] | None = None,
    ) -> str: ...


@pytest.fixture
def token(settings: Settings) -> TokenFactory:
    """A signed development token; type and joint-controller status as the registry says."""

    def make(
        deelnemer: str,
        *rollen: str,
        zvh: str = "zvh-demo",
        deelnemertype: str | None = None,
        gvv: bool | None = None,
        ttl: int = 600,
        extra: dict[str, Any] | None = None,
    ) -> str:
        soort = deelnemertype or _registered(zvh, deelnemer) or "incidenteel"
        return issue_dev_token(
            settings,
            zvh=zvh,
            deelnemer=deelnemer,
            deelnemertype=soort,
            gvv=(soort == "overheid") if gvv is None else gvv,
            rollen=list(rollen) or ["medewerker"],
            ttl=ttl,
            extra=extra,
        )

    return make


AuthHeaders = Callable[..., dict[str, str]]


@pytest.fixture
def auth(token: TokenFactory) -> AuthHeaders:
    """Authorization headers for a caller: auth("gemeente-utrecht", "beheerder")."""

    def headers(deelnemer: str, *rollen: str, **kwargs: Any) -> dict[str, str]:
        return {"Authorization": f"Bearer {token(deelnemer, *rollen, **kwargs)}"}

    return headers


@pytest.fixture(scope="session")
def repo_root() -> Path:
    return Path(__file__).resolve().parents[1]
