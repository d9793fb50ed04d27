"""`zvh deadlines`: counts of the contact point's overdue and due-soon deadlines for a daily
job; exit 0, JSON progress on stderr, never personal data."""

import json
import os
import sys
from collections.abc import AsyncIterator
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

import anyio
import httpx
import pytest

from app.config import Settings
from app.main import create_app
from tests.conftest import AuthHeaders
from tests.factories.contactpunt import CONTACTPUNT, persoon, verzoek

pytestmark = pytest.mark.anyio


@pytest.fixture
async def own_database(
    settings: Settings, tmp_path: Path
) -> AsyncIterator[tuple[dict[str, str], httpx.AsyncClient]]:
    """A migrated, seeded database of this test's own, its `zvh` environment, and a client."""
    database_url = f"sqlite+aiosqlite:///{tmp_path / 'deadlines.db'}"
    env = {
        **os.environ,
        "ZVH_DATABASE_URL": database_url,
        "ZVH_DEV_KEY_DIR": str(settings.dev_key_dir),
        "ZVH_PROGRESS_INTERVAL_SECONDS": "0",
        "ZVH_METRICS_TEXTFILE_DIR": str(tmp_path),
    }
    for setup in ("migrate", "seed-demo"):
        await anyio.run_process([sys.executable, "-m", "app.cli", setup], env=env)
    app = create_app(settings.model_copy(update={"database_url": database_url}))
    transport = httpx.ASGITransport(app=app)
    async with httpx.AsyncClient(transport=transport, base_url="http://testserver") as client:
        yield env, client
    await app.state.db.dispose()


async def _zvh(env: dict[str, str], *args: str) -> tuple[int, str, str]:
    done = await anyio.run_process([sys.executable, "-m", "app.cli", *args], env=env, check=False)
    return done.returncode, done.stdout.decode(), done.stderr.decode()


async def test_counts_only_and_exit_zero(
    own_database: tuple[dict[str, str], httpx.AsyncClient], auth: AuthHeaders
) -> None:
    env, client = own_database
    wie = persoon(voornamen="Geheime", achternaam="Naam")
    created = await client.post(
        "/v1/betrokkenenverzoeken",
        json=verzoek(wie, ontvangenOp="2025-01-31"),
        headers=auth(*CONTACTPUNT),
    )
    assert created.status_code == 201, created.text
    breach = await client.post(
        "/v1/datalekken",
        json={
            "ontdektOp": datetime(2026, 1, 1, 9, tzinfo=UTC).isoformat(),
            "omschrijving": "Laptop kwijt.",
            "soortenGegevens": ["bsn"],
            "geschatAantalBetrokkenen": 1,
        },
        headers=auth("ggz"),
    )
    assert breach.status_code == 201

    code, stdout, stderr = await _zvh(env, "deadlines", "--json")
    assert code == 0
    result: dict[str, Any] = json.loads(stdout)
    assert (result["job"], result["outcome"]) == ("deadlines", "succeeded")
    demo = result["partnerships"]["zvh-demo"]
    assert demo["betrokkenenverzoek_overdue"] == 1
    assert demo["datalek_overdue"] == 1
    assert demo["informatieplicht_overdue"] == 0
    assert result["partnerships"]["zvh-oost"]["betrokkenenverzoek_overdue"] == 0
    assert result["counts"]["betrokkenenverzoek_overdue"] == 1
    lines = [json.loads(line) for line in stderr.splitlines()]
    assert lines[0]["event"] == "start"
    assert lines[-1]["event"] == "finish"
    # Counts only: no id, name, BSN or text.
    for secret in (created.json()["id"], breach.json()["id"], "Geheime", wie["bsn"], "Laptop"):
        assert secret not in stdout + stderr

    code, stdout, _ = await _zvh(env, "deadlines", "--zvh", "zvh-oost", "--json")
    assert code == 0
    assert list(json.loads(stdout)["partnerships"]) == ["zvh-oost"]
    code, stdout, _ = await _zvh(env, "deadlines")
    assert code == 0
    assert "zvh-demo: betrokkenenverzoek overdue 1" in stdout
    code, _, _ = await _zvh(env, "deadlines", "--within-days", "0")
    assert code != 0  # argparse refuses: at least one day
