"""The `zvh` command: production refuses development shortcuts; the token command works."""

import base64
import json
import os
import subprocess
import sys
from pathlib import Path

import anyio
import pytest
from sqlalchemy.ext.asyncio import AsyncEngine

from app.config import ConfigurationError, Environment, Settings
from app.domain.aanwijzing import Aanwijzingen
from app.main import create_app


def _zvh(*args: str, env: dict[str, str]) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "app.cli", *args],
        capture_output=True,
        text=True,
        env={**os.environ, **env},
        timeout=60,
        check=False,
    )


def test_production_refuses_to_start_without_issuer_keys() -> None:
    with pytest.raises(ConfigurationError):
        Settings(env=Environment.PRODUCTION)


def test_production_serve_exits_with_a_clear_message(tmp_path: Path) -> None:
    result = _zvh(
        "serve", "--port", "0", env={"ZVH_ENV": "production", "ZVH_DEV_KEY_DIR": str(tmp_path)}
    )
    assert result.returncode == 2
    assert "ZVH_JWT_PUBLIC_KEY_FILES" in result.stderr


def test_token_refuses_in_production(tmp_path: Path) -> None:
    key = tmp_path / "issuer.pem"
    key.write_text("not used")
    result = _zvh(
        "token",
        "--deelnemer",
        "politie",
        env={"ZVH_ENV": "production", "ZVH_JWT_PUBLIC_KEY_FILES": f'["{key}"]'},
    )
    assert result.returncode == 2
    assert "production" in result.stderr
    assert result.stdout == ""


def test_production_trusts_only_configured_keys(tmp_path: Path, settings: Settings) -> None:
    from app.auth.keys import dev_key_pair

    public = tmp_path / "issuer.pem"
    public.write_text(dev_key_pair(settings).public_pem)
    production = Settings(
        env=Environment.PRODUCTION,
        database_url=settings.database_url,
        jwt_public_key_files=[public],
        dev_key_dir=tmp_path / "never-created",
    )
    app = create_app(production)
    assert len(app.state.keys) == 1
    assert not (tmp_path / "never-created").exists()


@pytest.mark.anyio
async def test_token_takes_the_type_from_the_registry(
    settings: Settings, engine: AsyncEngine
) -> None:
    env = {
        **os.environ,
        "ZVH_DATABASE_URL": settings.database_url,
        "ZVH_DEV_KEY_DIR": str(settings.dev_key_dir),
    }
    command = [sys.executable, "-m", "app.cli", "token"]
    refused = await anyio.run_process([*command, "--deelnemer", "cjib"], env=env, check=False)
    assert refused.returncode == 2
    assert b"incidenteel" in refused.stderr
    issued = await anyio.run_process(
        [*command, "--deelnemer", "cjib", "--deelnemertype", "incidenteel"], env=env, check=False
    )
    assert issued.returncode == 0
    assert issued.stdout.count(b".") == 2
    private = await anyio.run_process(
        [*command, "--deelnemer", "ggz", "--rol", "procesregisseur"], env=env
    )
    payload = private.stdout.decode().strip().split(".")[1]
    claims = json.loads(base64.urlsafe_b64decode(payload + "=" * (-len(payload) % 4)))
    assert claims["deelnemertype"] == "privaat"
    assert claims["gezamenlijkVerwerkingsverantwoordelijke"] is False
    assert claims["rollen"] == ["procesregisseur"]


async def _aanwijzingen(database_url: str) -> Aanwijzingen:
    from app.db.registry import RegistryRepository
    from app.db.session import Database, create_engine

    database = Database(create_engine(database_url))
    try:
        async with database.session() as session:
            return await RegistryRepository(session).aanwijzingen("zvh-demo")
    finally:
        await database.dispose()


@pytest.mark.anyio
async def test_designate_bootstraps_a_function(settings: Settings, tmp_path: Path) -> None:
    """`zvh designate`: the bootstrap for a partnership whose beheerder is not (yet) designated;
    it checks what the API checks and changes nothing when refused."""
    database_url = f"sqlite+aiosqlite:///{tmp_path / 'designate.db'}"
    env = {**os.environ, "ZVH_DATABASE_URL": database_url}
    cli = [sys.executable, "-m", "app.cli"]
    for setup in ("migrate", "seed-demo"):
        await anyio.run_process([*cli, setup], env=env)
    designate = [*cli, "designate", "--zvh", "zvh-demo"]
    moved = await anyio.run_process(
        [*designate, "--functie", "archiefbeheerder", "--deelnemer", "om"], env=env, check=False
    )
    assert moved.returncode == 0, moved.stderr
    for functie, deelnemer, reason in (
        ("beheerder", "svg", b"overheidsdeelnemer"),
        ("contactpunt", "politie", b"gemeente"),
        ("coordinerende-fg", "onbekend", b"Geen vaste deelnemer"),
    ):
        refused = await anyio.run_process(
            [*designate, "--functie", functie, "--deelnemer", deelnemer], env=env, check=False
        )
        assert refused.returncode == 2
        assert reason in refused.stderr
    bad = await anyio.run_process(
        [*designate, "--functie", "voorzitter", "--deelnemer", "om"], env=env, check=False
    )
    assert bad.returncode == 2
    aanwijzingen = await _aanwijzingen(database_url)
    assert aanwijzingen.archiefbeheerder == "om"
    assert aanwijzingen.beheerder == "gemeente-utrecht"
    assert aanwijzingen.contactpunt == "gemeente-utrecht"
    # Rerunning the seed keeps what was designated.
    await anyio.run_process([*cli, "seed-demo"], env=env)
    assert (await _aanwijzingen(database_url)).archiefbeheerder == "om"
