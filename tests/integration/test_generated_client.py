"""A client generated from the committed contract drives the service (issue 14).

`openapi-python-client` (a dev dependency) generates a Python client from
openapi/openapi.json into a temporary directory; the test then registers a case, takes
it through intake and runs a priority-list batch check against a real `zvh serve`
process, only through the generated functions and models: no hand-written HTTP. It runs
on both databases of `make test` (own_database: SQLite, or a PostgreSQL database of its
own on the PostgreSQL run).
"""

import importlib
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path
from types import ModuleType
from typing import Any

import anyio
import pytest

from app.config import Settings
from tests.conftest import TokenFactory
from tests.factories.casussen import CRITERIA, aanmelding
from tests.scaleout import BIN, Server, own_database, servers, zvh_env

pytestmark = pytest.mark.anyio

CONTRACT = Path(__file__).parents[2] / "openapi" / "openapi.json"
PACKAGE = "zvh_generated_client"
# The one operation part the generator cannot express: the NDJSON form of the batch check
# (its JSON form is generated and used below).
KNOWN_WARNING = "Unsupported content type application/x-ndjson"


@pytest.fixture(scope="module")
def generated(tmp_path_factory: pytest.TempPathFactory) -> Iterator[ModuleType]:
    root = tmp_path_factory.mktemp("client")
    config = root / "config.yml"
    config.write_text("post_hooks: []\n")
    result = subprocess.run(
        [
            str(BIN / "openapi-python-client"),
            "generate",
            "--path",
            str(CONTRACT),
            "--meta",
            "none",
            "--output-path",
            str(root / PACKAGE),
            "--config",
            str(config),
        ],
        capture_output=True,
        text=True,
        timeout=300,
        check=False,
    )
    output = result.stdout + result.stderr
    assert result.returncode == 0, output
    warnings = [line for line in output.splitlines() if line.startswith("WARNING")]
    assert len(warnings) <= 1, output
    if warnings:
        assert KNOWN_WARNING in output, output
    sys.path.insert(0, str(root))
    try:
        yield importlib.import_module(PACKAGE)
    finally:
        sys.path.remove(str(root))
        for name in [n for n in sys.modules if n == PACKAGE or n.startswith(PACKAGE + ".")]:
            del sys.modules[name]


def _module(name: str) -> Any:
    return importlib.import_module(f"{PACKAGE}.{name}")


def _flow(base_url: str, tokens: dict[str, str]) -> None:
    """Register, intake, and a priority-list batch check, as an integrator would write it."""
    client_module = _module("client")
    casus_aanmelden = _module("api.casussen.casus_aanmelden")
    casus_intake = _module("api.casussen.casus_intake")
    casus_opvragen = _module("api.casussen.casus_opvragen")
    lijst_aanmaken = _module("api.prioriteringslijsten.prioriteringslijst_aanmaken")
    lijst_publiceren = _module("api.prioriteringslijsten.prioriteringslijst_publiceren")
    lijst_toetsen = _module("api.prioriteringslijsten.prioriteringslijst_toetsen")
    models = _module("models")

    def client(deelnemer: str) -> Any:
        return client_module.AuthenticatedClient(
            base_url=f"{base_url}/v1", token=tokens[deelnemer], raise_on_unexpected_status=True
        )

    # Step 1: a fixed participant registers a case, with a key of its own for retries.
    body = models.CasusAanmelding.from_dict(aanmelding(aanmelddatum="2026-01-05"))
    with client("politie") as politie:
        created = casus_aanmelden.sync_detailed(
            client=politie, body=body, idempotency_key="aanmelding-1"
        )
        assert created.status_code == 201, created.content
        casus = created.parsed
        assert isinstance(casus, models.CasusSchema)
        assert created.headers["Location"] == f"/v1/casussen/{casus.id}"
        retried = casus_aanmelden.sync_detailed(
            client=politie, body=body, idempotency_key="aanmelding-1"
        )
        assert retried.parsed.id == casus.id
        assert retried.headers["Idempotent-Replayed"] == "true"
        etag = created.headers["ETag"]

    # Step 2: the joint controllers' intake, guarded by the ETag the client was given.
    besluit = models.Beoordelingsbesluit.from_dict(
        {"besluit": "toegelaten", "criteria": CRITERIA, "toelichting": "Triagetafel."}
    )
    with client("gemeente-utrecht") as gemeente:
        intake = casus_intake.sync_detailed(
            casus_id=casus.id, client=gemeente, body=besluit, if_match=etag
        )
        assert intake.status_code == 200, intake.content
        assert intake.parsed.status == models.Casusstatus.GEGEVENSVERZAMELING
        stale = casus_intake.sync_detailed(
            casus_id=casus.id, client=gemeente, body=besluit, if_match=etag
        )
        assert stale.status_code == 412
        assert isinstance(stale.parsed, models.Problem)
        assert stale.parsed.code == "verouderde-versie"
        unchanged = casus_opvragen.sync_detailed(
            casus_id=casus.id, client=gemeente, if_none_match=intake.headers["ETag"]
        )
        assert unchanged.status_code == 304
        assert unchanged.parsed is None

        # A priority list with objective criteria, published, then a batch check.
        lijst = lijst_aanmaken.sync(
            client=gemeente,
            body=models.PrioriteringslijstNieuw.from_dict(
                {
                    "naam": "Top 20 HIC",
                    "omschrijving": "Veelplegers high impact crime.",
                    "criteria": {
                        "telling": {"soort": "aanhouding", "periodeMaanden": 12},
                        "minimaal": 2,
                    },
                }
            ),
        )
        assert isinstance(lijst, models.PrioriteringslijstSchema)
    with client("politie") as politie:
        published = lijst_publiceren.sync(lijst_id=lijst.id, client=politie)
        assert isinstance(published, models.PrioriteringslijstSchema)
        feit = {"soort": "aanhouding", "categorie": "diefstal", "bron": "politie"}
        result = lijst_toetsen.sync(
            lijst_id=lijst.id,
            client=politie,
            body=models.Prioriteringstoetsing.from_dict(
                {
                    "peildatum": "2026-01-01",
                    "kandidaten": [
                        {
                            "ref": "k-1",
                            "feiten": [
                                {**feit, "datum": "2025-06-01"},
                                {**feit, "datum": "2025-09-30"},
                            ],
                        },
                        {"ref": "k-2", "feiten": [{**feit, "datum": "2025-06-01"}]},
                    ],
                }
            ),
        )
        assert isinstance(result, models.Toetsingsresultaat)
        assert result.lijst == lijst.id
        assert [(r.ref, r.voldoet) for r in result.resultaten] == [("k-1", True), ("k-2", False)]


async def test_a_generated_client_registers_a_case_and_checks_a_batch(
    generated: ModuleType, tmp_path: Path, settings: Settings, token: TokenFactory
) -> None:
    assert generated.__name__ == PACKAGE
    async with own_database(tmp_path) as url:
        # Signed before the server starts: it trusts the key pair in this directory.
        tokens = {d: token(d) for d in ("politie", "gemeente-utrecht")}
        with servers(Server(zvh_env(url, settings.dev_key_dir))) as (server,):
            await server.ready()
            await anyio.to_thread.run_sync(_flow, server.url, tokens)
