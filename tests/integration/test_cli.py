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


@pytest.mark.anyio
async def test_token_lifetime_stays_within_the_maximum(
    settings: Settings, engine: AsyncEngine
) -> None:
    env = {
        **os.environ,
        "ZVH_DATABASE_URL": settings.database_url,
        "ZVH_DEV_KEY_DIR": str(settings.dev_key_dir),
        "ZVH_JWT_MAX_LIFETIME_SECONDS": "900",
    }
    command = [sys.executable, "-m", "app.cli", "token", "--deelnemer", "politie"]
    default = await anyio.run_process(command, env=env)
    payload = default.stdout.decode().strip().split(".")[1]
    claims = json.loads(base64.urlsafe_b64decode(payload + "=" * (-len(payload) % 4)))
    assert claims["exp"] - claims["iat"] == 900
    too_long = await anyio.run_process([*command, "--ttl", "901"], env=env, check=False)
    assert too_long.returncode == 2
    assert b"ZVH_JWT_MAX_LIFETIME_SECONDS" in too_long.stderr
    assert too_long.stdout == b""
