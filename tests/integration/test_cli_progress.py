"""Long-running commands off a terminal: JSON progress lines on stderr, `--json` results on
stdout, the last run for node_exporter's textfile collector; never personal data."""

import json
import os
import sys
from collections.abc import AsyncIterator
from datetime import date
from pathlib import Path
from typing import Any

import anyio
import httpx
import pytest
from prometheus_client.parser import text_string_to_metric_families

from app.config import Settings
from app.main import create_app
from tests.conftest import AuthHeaders
from tests.factories.casussen import AANMELDING
from tests.factories.prioritering import one_kept_one_removed, published_list

pytestmark = pytest.mark.anyio

PERSONAL = ("111222333", "Jan Pieter", "Jansen", "1990-04-01")


@pytest.fixture
async def own_database(
    settings: Settings, tmp_path: Path
) -> AsyncIterator[tuple[dict[str, str], httpx.AsyncClient]]:
    """A migrated, seeded database of this test's own, its `zvh` environment, and a client."""
    database_url = f"sqlite+aiosqlite:///{tmp_path / 'jobs.db'}"
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


async def _zvh(env: dict[str, str], *args: str) -> tuple[int, Any, list[dict[str, Any]]]:
    done = await anyio.run_process([sys.executable, "-m", "app.cli", *args], env=env, check=False)
    stdout, stderr = done.stdout.decode(), done.stderr.decode()
    for personal in PERSONAL:
        assert personal not in stdout + stderr
    # Not a terminal: every line on stderr is a JSON progress line.
    lines = [json.loads(line) for line in stderr.splitlines()]
    return done.returncode, json.loads(stdout), lines


def _textfile(path: Path) -> dict[tuple[str, tuple[tuple[str, str], ...]], float]:
    return {
        (s.name, tuple(sorted(s.labels.items()))): s.value
        for family in text_string_to_metric_families(path.read_text())
        for s in family.samples
    }


async def test_reevaluate_reports_progress_and_a_json_result(
    own_database: tuple[dict[str, str], httpx.AsyncClient], auth: AuthHeaders, tmp_path: Path
) -> None:
    env, client = own_database
    today = date.today()
    lijst_id = await one_kept_one_removed(client, auth)
    await published_list(client, auth, "Top Y")  # a second list, without placements

    code, result, lines = await _zvh(env, "priority-lists", "reevaluate", "--json")
    assert code == 0
    assert [line["event"] for line in lines] == ["start", "progress", "progress", "finish"]
    assert {line["job"] for line in lines} == {"priority-lists-reevaluate"}
    assert (lines[0]["total"], lines[0]["unit"]) == (2, "published lists")
    assert [line["done"] for line in lines[1:3]] == [1, 2]
    counts = {"lists": 2, "evaluated": 2, "kept": 1, "removed": 1, "not_evaluated": 0}
    assert lines[-1]["counts"] == counts
    assert result["counts"] == counts
    assert (result["job"], result["outcome"], result["as_of"]) == (
        "priority-lists-reevaluate",
        "succeeded",
        today.isoformat(),
    )
    mine = next(r for r in result["lists"] if r["list"] == lijst_id)
    assert mine == {
        "list": lijst_id,
        "version": 2,
        "evaluated": 2,
        "kept": 1,
        "removed": 1,
        "not_evaluated": 0,
    }
    samples = _textfile(tmp_path / "zvh_priority_lists_reevaluate.prom")
    job = ("job", "priority-lists-reevaluate")
    assert samples[("zvh_job_last_run_success", (job,))] == 1
    assert samples[("zvh_job_last_run_items", (job, ("kind", "removed")))] == 1


async def test_sweep_json_has_counts_not_ids(
    own_database: tuple[dict[str, str], httpx.AsyncClient], auth: AuthHeaders, tmp_path: Path
) -> None:
    env, client = own_database
    # Registered in 2019 and never closed: the maximum (2024) has passed, so it is due.
    created = await client.post(
        "/v1/casussen", json={**AANMELDING, "aanmelddatum": "2019-01-10"}, headers=auth("politie")
    )
    assert created.status_code == 201, created.text
    casus_id = created.json()["id"]
    sweep = ["retention", "sweep", "--as-of", "2026-01-01", "--archive-dir", str(tmp_path / "a")]

    code, result, lines = await _zvh({**env, "ZVH_DESTRUCTION_HOLD": "true"}, *sweep, "--json")
    assert code == 0
    assert [line["event"] for line in lines] == ["start", "finish"]
    assert result["outcome"] == "succeeded"
    assert result["execute"] is False
    assert result["counts"]["due_cases"] == 1
    assert result["partnerships"] == {"zvh-demo": {"due_cases": 1, "due_sources": 0}}
    assert casus_id not in json.dumps(result)

    held, result, lines = await _zvh(
        {**env, "ZVH_DESTRUCTION_HOLD": "true"}, *sweep, "--execute", "--json"
    )
    assert held == 3
    assert result["outcome"] == "refused"
    assert "hold" in result["reason"]
    assert result["counts"]["archived"] == 0
    assert lines[-1]["outcome"] == "refused"
    assert "ZVH_DESTRUCTION_HOLD" in lines[-1]["reason"]
    samples = _textfile(tmp_path / "zvh_retention_sweep.prom")
    assert samples[("zvh_job_last_run_success", (("job", "retention-sweep"),))] == 0
