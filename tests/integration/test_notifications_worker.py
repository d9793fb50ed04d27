"""The delivery worker as operators run it: the CLI, two workers at once, inside serve."""

import asyncio
import json
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from pathlib import Path

import anyio
import httpx
import pytest

from app.config import Settings
from app.db.session import Database, create_engine
from app.main import create_app
from app.services.notificatiebezorging import Bezorgbeleid, deliver
from tests.conftest import AuthHeaders
from tests.factories.casussen import create_casus
from tests.factories.notificaties import GEHEIM, create_abonnement, ontvanger, verify
from tests.scaleout import BIN, own_database, zvh_env

pytestmark = pytest.mark.anyio


@asynccontextmanager
async def _client(settings: Settings) -> AsyncIterator[httpx.AsyncClient]:
    app = create_app(settings)
    try:
        async with httpx.AsyncClient(
            transport=httpx.ASGITransport(app=app), base_url="http://testserver"
        ) as client:
            yield client
    finally:
        await app.state.db.dispose()


async def test_the_cli_delivers_once_and_reports_counts(
    tmp_path: Path, settings: Settings, auth: AuthHeaders
) -> None:
    async with own_database(tmp_path) as url:
        local = settings.model_copy(update={"database_url": url, "webhook_allow_private": True})
        with ontvanger() as receiver:
            async with _client(local) as client:
                await create_abonnement(client, auth, "politie", receiver.url, "casussen")
                await create_casus(client, auth, "politie")
            env = zvh_env(url, settings.dev_key_dir, ZVH_WEBHOOK_ALLOW_PRIVATE="true")
            result = await anyio.run_process(
                [str(BIN / "zvh"), "notifications", "deliver", "--once", "--json"],
                env=env,
                check=False,
            )
        assert result.returncode == 0, result.stderr.decode()
        counts = json.loads(result.stdout)
        assert counts["spread"] == 1
        assert counts["delivered"] == 1
        [got] = receiver.ontvangen
        assert verify(GEHEIM, got)


async def test_two_workers_deliver_each_notification_once(
    tmp_path: Path, settings: Settings, auth: AuthHeaders
) -> None:
    async with own_database(tmp_path) as url:
        local = settings.model_copy(update={"database_url": url, "webhook_allow_private": True})
        with ontvanger() as receiver:
            async with _client(local) as client:
                await create_abonnement(client, auth, "politie", receiver.url, "casussen")
                for _ in range(6):
                    await create_casus(client, auth, "politie")
            first, second = Database(create_engine(url)), Database(create_engine(url))
            beleid = Bezorgbeleid.of(local)
            try:
                rapporten = await asyncio.gather(
                    deliver(first, beleid, batch=2), deliver(second, beleid, batch=2)
                )
            finally:
                await first.dispose()
                await second.dispose()
        assert sum(r.afgeleverd for r in rapporten) == 6
        ids = [r.headers["webhook-id"] for r in receiver.ontvangen]
        assert len(ids) == 6
        assert len(set(ids)) == 6, "no notification sent twice"


async def test_serve_delivers_in_the_background_unless_disabled(
    tmp_path: Path, settings: Settings, auth: AuthHeaders
) -> None:
    async with own_database(tmp_path) as url:
        local = settings.model_copy(
            update={
                "database_url": url,
                "webhook_allow_private": True,
                "notifications_poll_seconds": 0.05,
            }
        )
        with ontvanger() as receiver:
            for enabled, cases in ((False, 1), (True, 1)):
                app = create_app(local.model_copy(update={"notifications_worker_enabled": enabled}))
                async with app.router.lifespan_context(app):
                    async with httpx.AsyncClient(
                        transport=httpx.ASGITransport(app=app), base_url="http://testserver"
                    ) as client:
                        if not enabled:
                            await create_abonnement(
                                client, auth, "politie", receiver.url, "casussen"
                            )
                        for _ in range(cases):
                            await create_casus(client, auth, "politie")
                    for _ in range(100):
                        if len(receiver.ontvangen) >= 2:
                            break
                        await asyncio.sleep(0.05)
                if not enabled:
                    assert receiver.ontvangen == [], "disabled: the outbox waits"
        # Enabled: what waited and what came since, each once, signed.
        assert len(receiver.ontvangen) == 2
        assert len({r.headers["webhook-id"] for r in receiver.ontvangen}) == 2
        assert all(verify(GEHEIM, r) for r in receiver.ontvangen)
