"""The `zvh` command: production refuses development shortcuts; the token command works."""

import base64
import json
import os
import sqlite3
import subprocess
import sys
from pathlib import Path

import anyio
import httpx
import pytest
from sqlalchemy.ext.asyncio import AsyncEngine

from app.auth.devtokens import issue_dev_token
from app.config import ConfigurationError, Environment, Settings
from app.db.migrate import head_revisions
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


ISSUER = "https://idp.gemeente.example/realms/zvh"


def test_production_refuses_to_start_without_issuer_keys() -> None:
    with pytest.raises(ConfigurationError, match="ZVH_JWT_JWKS_FILE"):
        Settings(env=Environment.PRODUCTION, jwt_issuer=ISSUER)


@pytest.mark.parametrize("issuer", ["zvh-wgs-dev", "", "  "])
def test_production_refuses_the_development_issuer(tmp_path: Path, issuer: str) -> None:
    jwks = tmp_path / "jwks.json"
    with pytest.raises(ConfigurationError, match="ZVH_JWT_ISSUER"):
        Settings(env=Environment.PRODUCTION, jwt_jwks_file=jwks, jwt_issuer=issuer)
    Settings(env=Environment.PRODUCTION, jwt_jwks_file=jwks, jwt_issuer=ISSUER)


def test_production_serve_exits_with_a_clear_message(tmp_path: Path) -> None:
    result = _zvh(
        "serve",
        "--port",
        "0",
        env={"ZVH_ENV": "production", "ZVH_DEV_KEY_DIR": str(tmp_path), "ZVH_JWT_ISSUER": ""},
    )
    assert result.returncode == 2
    # Both problems at once, so an operator fixes the configuration in one go.
    assert "ZVH_JWT_PUBLIC_KEY_FILES" in result.stderr
    assert "ZVH_JWT_ISSUER" in result.stderr


def test_production_serve_refuses_the_unset_issuer_even_with_keys(tmp_path: Path) -> None:
    jwks = tmp_path / "jwks.json"
    jwks.write_text('{"keys": []}')
    env = {k: v for k, v in os.environ.items() if k != "ZVH_JWT_ISSUER"}
    result = subprocess.run(
        [sys.executable, "-m", "app.cli", "serve", "--port", "0"],
        capture_output=True,
        text=True,
        env={**env, "ZVH_ENV": "production", "ZVH_JWT_JWKS_FILE": str(jwks)},
        timeout=60,
        check=False,
    )
    assert result.returncode == 2
    assert "ZVH_JWT_ISSUER" in result.stderr
    assert "zvh-wgs-dev" in result.stderr


def test_migrate_needs_no_issuer_keys_in_production(tmp_path: Path) -> None:
    database = tmp_path / "prod.db"
    result = _zvh(
        "migrate",
        env={
            "ZVH_ENV": "production",
            "ZVH_DATABASE_URL": f"sqlite+aiosqlite:///{database}",
            "ZVH_JWT_ISSUER": "",
            "ZVH_DEV_KEY_DIR": str(tmp_path / "never-created"),
        },
    )
    assert result.returncode == 0, result.stderr
    assert "newest migration" in result.stderr
    with sqlite3.connect(database) as conn:
        at = {row[0] for row in conn.execute("SELECT version_num FROM alembic_version")}
    assert at == head_revisions()
    assert not (tmp_path / "never-created").exists()


def test_token_refuses_in_production(tmp_path: Path) -> None:
    key = tmp_path / "issuer.pem"
    key.write_text("not used")
    result = _zvh(
        "token",
        "--deelnemer",
        "politie",
        env={
            "ZVH_ENV": "production",
            "ZVH_JWT_PUBLIC_KEY_FILES": f'["{key}"]',
            "ZVH_JWT_ISSUER": ISSUER,
        },
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
        jwt_issuer=ISSUER,
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


async def _registry(database_url: str, zvh: str) -> tuple[list[str], Aanwijzingen | None]:
    from app.db.registry import RegistryRepository
    from app.db.session import Database, create_engine

    database = Database(create_engine(database_url))
    try:
        async with database.session() as session:
            registry = RegistryRepository(session)
            ids = [d.id for d in await registry.deelnemers(zvh)]
            if await registry.samenwerkingsverband(zvh) is None:
                return ids, None
            return ids, await registry.aanwijzingen(zvh)
    finally:
        await database.dispose()


@pytest.mark.anyio
async def test_bootstrap_gives_a_new_partnership_its_first_beheerder(
    settings: Settings, tmp_path: Path
) -> None:
    """`zvh bootstrap`: a production database starts empty; the command registers one joint
    controller as beheerder, once, after which that beheerder keeps the registry via the API."""
    database_url = f"sqlite+aiosqlite:///{tmp_path / 'bootstrap.db'}"
    env = {**os.environ, "ZVH_DATABASE_URL": database_url}
    cli = [sys.executable, "-m", "app.cli"]
    await anyio.run_process([*cli, "migrate"], env=env)
    boot = [*cli, "bootstrap", "--zvh", "zvh-noord", "--zvh-naam", "ZVH Noord"]

    for refused_args, reason in (
        (["--deelnemer", "ggz-noord", "--naam", "GGZ Noord", "--categorie", "ggz"], b"overheid"),
        (["--deelnemer", "Gemeente X", "--naam", "X", "--categorie", "gemeente"], b"--deelnemer"),
        (["--deelnemer", "x", "--naam", "X\x01", "--categorie", "gemeente"], b"--naam"),
        (["--deelnemer", "x", "--naam", "X", "--categorie", "kerk"], b"--categorie"),
    ):
        refused = await anyio.run_process([*boot, *refused_args], env=env, check=False)
        assert refused.returncode == 2
        assert reason in refused.stderr
    assert await _registry(database_url, "zvh-noord") == ([], None)

    first = ["--deelnemer", "gemeente-groningen", "--naam", "Gemeente Groningen"]
    done = await anyio.run_process([*boot, *first, "--categorie", "gemeente"], env=env, check=False)
    assert done.returncode == 0, done.stderr
    ids, aanwijzingen = await _registry(database_url, "zvh-noord")
    assert ids == ["gemeente-groningen"]
    assert aanwijzingen is not None
    assert aanwijzingen.beheerder == "gemeente-groningen"

    again = await anyio.run_process(
        [*boot, "--deelnemer", "politie", "--naam", "Politie", "--categorie", "politie"],
        env=env,
        check=False,
    )
    assert again.returncode == 2
    assert b"already has a designated beheerder" in again.stderr
    assert (await _registry(database_url, "zvh-noord"))[0] == ["gemeente-groningen"]

    # The bootstrapped beheerder registers the next participant through the API.
    api_settings = settings.model_copy(update={"database_url": database_url})
    token = issue_dev_token(
        api_settings,
        zvh="zvh-noord",
        deelnemer="gemeente-groningen",
        deelnemertype="overheid",
        gvv=True,
        rollen=["beheerder"],
    )
    app = create_app(api_settings)
    async with (
        app.router.lifespan_context(app),
        httpx.AsyncClient(
            transport=httpx.ASGITransport(app=app), base_url="http://testserver"
        ) as client,
    ):
        response = await client.post(
            "/v1/deelnemers",
            json={
                "id": "politie",
                "naam": "Politie (korpschef)",
                "deelnemertype": "overheid",
                "categorie": "politie",
                "toetredingsdatum": "2026-12-01",
            },
            headers={"Authorization": f"Bearer {token}"},
        )
    assert response.status_code == 201, response.text
    assert (await _registry(database_url, "zvh-noord"))[0] == ["gemeente-groningen", "politie"]
