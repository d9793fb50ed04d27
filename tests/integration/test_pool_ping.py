"""Pooled PostgreSQL connections are pinged before use only after being idle a while.

A ping costs three round trips on asyncpg, so a connection in use moments ago is trusted;
one idle longer than `ZVH_DATABASE_PING_AFTER_IDLE_SECONDS` is pinged and, when the
server dropped it meanwhile (a restart, a failover, a firewall's idle timeout), replaced
without the request noticing. When a connection dies within the window, the statement
that meets it fails once and the pool renews every connection it held.
"""

import os
from typing import Any

import asyncpg
import pytest
from pydantic import ValidationError
from sqlalchemy import text
from sqlalchemy.engine import make_url
from sqlalchemy.exc import DBAPIError
from sqlalchemy.ext.asyncio import AsyncEngine

from app.config import Settings
from app.db.session import create_engine
from tests.scaleout import requires_postgres

pytestmark = [pytest.mark.anyio, requires_postgres]


def _url() -> str:
    return os.environ["ZVH_TEST_DATABASE_URL"]


def _count_pings(engine: AsyncEngine, seen: list[object]) -> None:
    ping = engine.dialect.do_ping

    def counted(dbapi_connection: Any) -> bool:
        seen.append(dbapi_connection)
        return ping(dbapi_connection)

    engine.dialect.do_ping = counted  # type: ignore[method-assign]


async def _backend_pid(engine: AsyncEngine) -> int:
    async with engine.connect() as conn:
        pid: int = (await conn.execute(text("SELECT pg_backend_pid()"))).scalar_one()
        return pid


async def _terminate(pid: int) -> None:
    url = make_url(_url()).set(drivername="postgresql")
    conn = await asyncpg.connect(url.render_as_string(hide_password=False))
    try:
        assert await conn.fetchval("SELECT pg_terminate_backend($1)", pid)
    finally:
        await conn.close()


async def test_a_connection_in_use_moments_ago_is_not_pinged() -> None:
    pings: list[object] = []
    engine = create_engine(_url(), pool_size=1, ping_after_idle_seconds=10)
    _count_pings(engine, pings)
    try:
        first = await _backend_pid(engine)
        for _ in range(3):
            assert await _backend_pid(engine) == first
        assert pings == []
    finally:
        await engine.dispose()


async def test_an_idle_connection_the_server_dropped_is_replaced_silently() -> None:
    pings: list[object] = []
    engine = create_engine(_url(), pool_size=1, ping_after_idle_seconds=0)
    _count_pings(engine, pings)
    try:
        dropped = await _backend_pid(engine)
        await _terminate(dropped)
        # The ping at checkout finds the connection gone; the pool connects anew.
        assert await _backend_pid(engine) != dropped
        assert len(pings) == 1
    finally:
        await engine.dispose()


async def test_a_connection_dropped_within_the_window_fails_once_then_the_pool_renews() -> None:
    engine = create_engine(_url(), pool_size=2, ping_after_idle_seconds=3600)
    try:
        async with engine.connect() as one, engine.connect() as two:
            pids = [
                (await conn.execute(text("SELECT pg_backend_pid()"))).scalar_one()
                for conn in (one, two)
            ]
        for pid in pids:
            await _terminate(pid)
        with pytest.raises(DBAPIError) as failed:
            await _backend_pid(engine)
        assert failed.value.connection_invalidated
        # Every connection the pool held before the failure is renewed, not just that one.
        async with engine.connect() as one, engine.connect() as two:
            renewed = [
                (await conn.execute(text("SELECT pg_backend_pid()"))).scalar_one()
                for conn in (one, two)
            ]
        assert not set(renewed) & set(pids)
    finally:
        await engine.dispose()


def test_the_setting_defaults_to_ten_seconds_and_refuses_a_negative_one() -> None:
    assert Settings().database_ping_after_idle_seconds == 10.0
    assert Settings(database_ping_after_idle_seconds=0).database_ping_after_idle_seconds == 0
    with pytest.raises(ValidationError, match="database_ping_after_idle_seconds"):
        Settings(database_ping_after_idle_seconds=-1)
