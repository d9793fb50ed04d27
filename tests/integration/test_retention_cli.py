"""`zvh retention sweep` from the command line: lists without personal data; the hold holds."""

import os
import sys
from pathlib import Path

import anyio
import httpx
import pytest
from sqlalchemy import select
from sqlalchemy.ext.asyncio import AsyncEngine

from app.config import Settings
from app.db.tables import BetrokkeneRow
from tests.casussen import AANMELDING
from tests.conftest import AuthHeaders

pytestmark = pytest.mark.anyio

NAAM = "Wolterbeek-Sluiskade"


async def test_sweep_cli_lists_and_honours_the_hold(
    live_client: httpx.AsyncClient,
    auth: AuthHeaders,
    settings: Settings,
    engine: AsyncEngine,
    tmp_path: Path,
) -> None:
    # Registered in 2019 and never closed: the maximum (2024) has passed, so it is due.
    body = {
        **AANMELDING,
        "aanmelddatum": "2019-01-10",
        "aanmeldreden": "Aanmelding uit de CLI-test.",
        "betrokkene": {**AANMELDING["betrokkene"], "achternaam": NAAM, "bsn": "123456782"},
    }
    created = await live_client.post("/v1/casussen", json=body, headers=auth("politie"))
    assert created.status_code == 201
    casus_id = created.json()["id"]
    env = {
        **os.environ,
        "ZVH_DATABASE_URL": settings.database_url,
        "ZVH_DEV_KEY_DIR": str(settings.dev_key_dir),
        "ZVH_DESTRUCTION_HOLD": "true",
    }
    command = [sys.executable, "-m", "app.cli", "retention", "sweep", "--as-of", "2026-01-01"]
    archive = tmp_path / "archief"

    dry = await anyio.run_process([*command, "--archive-dir", str(archive)], env=env, check=False)
    output = (dry.stdout + dry.stderr).decode()
    assert dry.returncode == 0, output
    assert casus_id in output
    for personal in (NAAM, "123456782", "Jan Pieter", "1990-04-01"):
        assert personal not in output

    held = await anyio.run_process(
        [*command, "--archive-dir", str(archive), "--execute"], env=env, check=False
    )
    held_output = (held.stdout + held.stderr).decode()
    assert held.returncode == 3, held_output
    assert (
        "ZVH_DESTRUCTION_HOLD" in held_output
        or "vernietigingsstop" in held_output.lower()
        or "hold" in held_output.lower()
    )
    assert NAAM not in held_output
    async with engine.connect() as conn:
        achternaam = await conn.scalar(
            select(BetrokkeneRow.achternaam).where(BetrokkeneRow.casus_id == casus_id)
        )
    assert achternaam == NAAM, "the hold must keep every personal datum"
    assert not archive.exists() or not any(archive.glob("**/*.json"))
