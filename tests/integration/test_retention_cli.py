"""`zvh retention sweep` from the command line: lists without personal data; the hold holds."""

import os
import sys
from pathlib import Path

import anyio
import httpx
import pytest
from sqlalchemy import select

from app.config import Settings
from app.db.session import create_engine
from app.db.tables import BetrokkeneRow
from app.main import create_app
from tests.conftest import AuthHeaders
from tests.factories.casussen import AANMELDING

pytestmark = pytest.mark.anyio

NAAM = "Wolterbeek-Sluiskade"


async def test_sweep_cli_lists_and_honours_the_hold(
    auth: AuthHeaders, settings: Settings, tmp_path: Path
) -> None:
    # A database of its own: a due case committed to the run's database would be swept
    # by the other retention tests. The command line does not depend on the backend.
    database_url = f"sqlite+aiosqlite:///{tmp_path / 'cli.db'}"
    env = {
        **os.environ,
        "ZVH_DATABASE_URL": database_url,
        "ZVH_DEV_KEY_DIR": str(settings.dev_key_dir),
        "ZVH_DESTRUCTION_HOLD": "true",
    }
    for setup in ("migrate", "seed-demo"):
        await anyio.run_process([sys.executable, "-m", "app.cli", setup], env=env)
    app = create_app(settings.model_copy(update={"database_url": database_url}))
    transport = httpx.ASGITransport(app=app)
    # Registered in 2019 and never closed: the maximum (2024) has passed, so it is due.
    body = {
        **AANMELDING,
        "aanmelddatum": "2019-01-10",
        "aanmeldreden": "Aanmelding uit de CLI-test.",
        "betrokkene": {**AANMELDING["betrokkene"], "achternaam": NAAM, "bsn": "123456782"},
    }
    async with httpx.AsyncClient(transport=transport, base_url="http://testserver") as client:
        created = await client.post("/v1/casussen", json=body, headers=auth("politie"))
    assert created.status_code == 201
    casus_id = created.json()["id"]
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
    engine = create_engine(database_url)
    async with engine.connect() as conn:
        achternaam = await conn.scalar(
            select(BetrokkeneRow.achternaam).where(BetrokkeneRow.casus_id == casus_id)
        )
    await engine.dispose()
    await app.state.db.dispose()
    assert achternaam == NAAM, "the hold must keep every personal datum"
    assert not archive.exists() or not any(archive.glob("**/*.json"))
