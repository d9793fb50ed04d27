"""The case read model: one query for the policy's facts and the view (issue 15).

Two promises: a case read runs at most three SQL statements (the read model, the
processing-log write and nothing else), and every reader's response is byte for byte what
it was before the read model replaced the query-per-part loading. The second is held by a
golden transcript recorded on the old code (`ZVH_GOLDEN_WRITE=1` records it again).
"""

import json
import os
import re
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

import httpx
import pytest
from sqlalchemy import event
from sqlalchemy.ext.asyncio import AsyncConnection, AsyncEngine

from app.db.session import Database
from tests.conftest import AuthHeaders
from tests.factories.casussen import besluit, select
from tests.factories.mandaten import create_mandaat
from tests.probleemcodes import refusal

pytestmark = pytest.mark.anyio

GOLDEN = Path(__file__).with_name("casus_weergaven.golden.txt")
_TRANSACTION = re.compile(r"^\s*(BEGIN|COMMIT|ROLLBACK|SAVEPOINT|RELEASE)\b", re.IGNORECASE)


@contextmanager
def statements(bind: AsyncEngine | AsyncConnection) -> Iterator[list[str]]:
    """The SQL statements run on `bind` meanwhile, transaction control left out."""
    seen: list[str] = []
    target = bind.sync_engine

    def count(_conn: Any, _cursor: Any, statement: str, *_args: Any) -> None:
        if not _TRANSACTION.match(statement):
            seen.append(statement)

    event.listen(target, "before_cursor_execute", count)
    try:
        yield seen
    finally:
        event.remove(target, "before_cursor_execute", count)


def _limit(db: Database) -> int:
    """The read model's SELECT and the processing-log write: on PostgreSQL one statement
    numbers, hashes and writes the record (a data-modifying CTE, app/db/verwerkingen.py);
    SQLite has no data-modifying CTEs, so it moves the chain head and hashes there (UPDATE
    ... RETURNING) and inserts the record from what that returns, in two."""
    return 2 if db.bind.dialect.name == "postgresql" else 3


async def _selected_case(client: httpx.AsyncClient, auth: AuthHeaders) -> str:
    created = await client.post(
        "/v1/casussen",
        json={**_aanmelding(), "aanmelddatum": "2026-01-05"},
        headers=auth("politie"),
    )
    casus_id: str = created.json()["id"]
    gvv = auth("gemeente-utrecht")
    for stap in ("intake", "definitieve-beoordeling"):
        response = await client.post(f"/v1/casussen/{casus_id}/{stap}", json=besluit(), headers=gvv)
        assert response.status_code == 200, response.text
    await select(client, auth, casus_id, incidenteel=("cjib",))
    return casus_id


def _aanmelding() -> dict[str, Any]:
    return {
        "betrokkene": {
            "bsn": "123456782",
            "voornamen": "Jan Pieter",
            "achternaam": "Jansen",
            "geboortedatum": "1990-04-01",
        },
        "aanmeldreden": "Herhaalde overlast en diefstal; zorg mijdt hij.",
        "criteria": besluit()["criteria"],
        "socialeOmgeving": [
            {"naam": "Marie Jansen", "relatie": "moeder"},
            {"naam": "Kees Jansen", "relatie": "broer"},
        ],
    }


@pytest.mark.parametrize(
    ("lezer", "headers"),
    [
        ("verantwoordelijke", {}),
        ("deelnemer", {}),
        ("toezicht", {"Reden": "Audit."}),
    ],
)
async def test_a_case_read_runs_at_most_three_statements(
    client: httpx.AsyncClient,
    auth: AuthHeaders,
    db: Database,
    lezer: str,
    headers: dict[str, str],
) -> None:
    casus_id = await _selected_case(client, auth)
    caller = {
        "verantwoordelijke": auth("gemeente-utrecht"),
        "deelnemer": auth("reclassering-nederland"),
        "toezicht": auth("gemeente-utrecht", "functionaris-gegevensbescherming"),
    }[lezer]
    # Warm what is cached per process (keys, registry), as a running service has.
    assert (await client.get(f"/v1/casussen/{casus_id}", headers=caller | headers)).is_success
    with statements(db.bind) as seen:
        response = await client.get(f"/v1/casussen/{casus_id}", headers=caller | headers)
    assert response.status_code == 200, response.text
    assert response.json()["weergave"] == lezer
    # The read model (case, facts and view in one SELECT) and the processing-log write.
    assert len(seen) <= _limit(db), "\n\n".join(seen)
    assert sum("INSERT INTO verwerkingen" in s for s in seen) == 1, seen
    assert sum(s.lstrip().startswith("SELECT") for s in seen) == 1, seen


async def test_an_unknown_case_costs_one_select_and_the_log(
    client: httpx.AsyncClient, auth: AuthHeaders, db: Database
) -> None:
    gvv = auth("gemeente-utrecht")
    await client.get("/v1/casussen/bestaat-niet", headers=gvv)
    with statements(db.bind) as seen:
        response = await client.get("/v1/casussen/bestaat-niet", headers=gvv)
    assert refusal(response) == (404, "niet-gevonden")
    # The read model finds nothing; the attempt is logged all the same.
    assert len(seen) <= _limit(db), "\n\n".join(seen)


async def test_the_case_list_reads_mandates_only_for_a_caller_one_could_mandate(
    client: httpx.AsyncClient, auth: AuthHeaders, db: Database
) -> None:
    """A page of the list is its SELECT and the log write; the mandates in force are read
    only for a regular participant's process director, who then sees new registrations."""
    created = await client.post("/v1/casussen", json=_aanmelding(), headers=auth("politie"))
    assert created.status_code == 201, created.text
    # Other tests' committed cases may be listed too (the live client's, on PostgreSQL).
    dag = created.json()["aanmelddatum"]
    lijst = (
        "/v1/casussen?status=aangemeld&paginaGrootte=200"
        f"&aanmelddatumVanaf={dag}&aanmelddatumTotEnMet={dag}"
    )

    async def page(headers: dict[str, str]) -> tuple[list[str], list[str]]:
        await client.get(lijst, headers=headers)  # warm the per-process caches
        with statements(db.bind) as seen:
            response = await client.get(lijst, headers=headers)
        assert response.status_code == 200, response.text
        return [c["id"] for c in response.json()["casussen"]], seen

    # The role alone is not a mandate: the mandates are read, and none is in force.
    ids, seen = await page(auth("ggz", "procesregisseur"))
    assert created.json()["id"] not in ids
    assert sum("FROM mandaten" in s for s in seen) == 1, seen
    await create_mandaat(client, auth, "intake", "ggz")
    for headers in (auth("ggz"), auth("reclassering-nederland")):
        ids, seen = await page(headers)
        assert created.json()["id"] not in ids
        assert not any("FROM mandaten" in s for s in seen), seen
    ids, seen = await page(auth("ggz", "procesregisseur"))
    assert created.json()["id"] in ids
    assert sum("FROM mandaten" in s for s in seen) == 1, seen


_UUID = re.compile(r"[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}")
_MOMENT = re.compile(r"\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d+)?(Z|[+-]\d{2}:\d{2})?")
_TRACE = re.compile(r'"(traceId|spanId|instance)":"[^"]*"')


def _normalised(transcript: str) -> str:
    """Ids by order of appearance; moments keep their shape (precision, zone), not digits."""
    ids: dict[str, str] = {}
    out = _UUID.sub(lambda m: ids.setdefault(m.group(), f"<id-{len(ids) + 1}>"), transcript)
    out = _MOMENT.sub(lambda m: re.sub(r"\d", "n", m.group()), out)
    return _TRACE.sub(lambda m: f'"{m.group(1)}":"<trace>"', out)


async def test_every_reader_gets_the_same_bytes_as_before(
    client: httpx.AsyncClient, auth: AuthHeaders
) -> None:
    """Each kind of reader, after each kind of change, byte for byte (status, ETag, body)."""
    lines: list[str] = []

    async def record(label: str, response: httpx.Response) -> httpx.Response:
        etag = response.headers.get("etag", "-")
        lines.append(f"## {label}: {response.status_code} ETag {etag}")
        lines.append(response.content.decode())
        return response

    gvv = auth("gemeente-utrecht")
    # A private participant registers: a government one would read as a joint controller.
    aanmelder = auth("veilig-thuis")
    fg = {**auth("gemeente-utrecht", "functionaris-gegevensbescherming"), "Reden": "Audit."}
    await create_mandaat(client, auth, "intake", "ggz")
    procesregisseur = auth("ggz", "procesregisseur")
    created = await record(
        "aanmelden (aanmelder)",
        await client.post(
            "/v1/casussen",
            json={**_aanmelding(), "aanmelddatum": "2026-01-05"},
            headers=aanmelder,
        ),
    )
    casus = f"/v1/casussen/{created.json()['id']}"

    async def read(label: str, headers: dict[str, str]) -> None:
        await record(label, await client.get(casus, headers=headers))

    await read("aangemeld: aanmelder", aanmelder)
    await read("aangemeld: volledig", gvv)
    await read("aangemeld: intakeregisseur", procesregisseur)
    await read("aangemeld: toezicht", fg)
    await read("aangemeld: geen toegang", auth("reclassering-nederland"))
    await record(
        "intake (volledig)", await client.post(f"{casus}/intake", json=besluit(), headers=gvv)
    )
    await record(
        "definitieve beoordeling (volledig)",
        await client.post(f"{casus}/definitieve-beoordeling", json=besluit(), headers=gvv),
    )
    await read("in behandeling: volledig", gvv)
    await read("in behandeling: aanmelder", aanmelder)
    selectie = {
        "deelnemers": [
            {"deelnemer": d, "noodzaak": f"{d} voert een deel van het plan uit."}
            for d in ("reclassering-nederland", "ggz")
        ],
        "incidenteleDeelnemers": [{"deelnemer": "cjib", "noodzaak": "Specifieke kennis."}],
    }
    await record(
        "selectie (verantwoordelijke)",
        await client.put(f"{casus}/deelnemers", json=selectie, headers=gvv),
    )
    incidenteel = auth("cjib", deelnemertype="incidenteel")
    await read("geselecteerd: verantwoordelijke", gvv)
    await read("geselecteerd: deelnemer", auth("reclassering-nederland"))
    await read("geselecteerd: deelnemer en intakeregisseur", procesregisseur)
    await read("geselecteerd: aanmelder", aanmelder)
    await read("geselecteerd: incidenteel voor ondertekening", incidenteel)
    await read("geselecteerd: toezicht", fg)
    await record(
        "ondertekening (deelnemer)",
        await client.post(
            f"{casus}/geheimhoudingsverklaringen",
            json={"ondertekenaar": "A. de Vries, medewerker", "regime": "artikel-1-11-wgs"},
            headers=incidenteel,
        ),
    )
    await read("ondertekend: incidenteel", incidenteel)
    await read("ondertekend: verantwoordelijke", gvv)
    await record(
        "afsluiting (status)",
        await client.post(
            f"{casus}/afsluiting",
            json={"datum": "2026-02-01", "toelichting": "Doelen bereikt."},
            headers=gvv,
        ),
    )
    await read("afgesloten: archiefbeheerder", auth("gemeente-utrecht", "archiefbeheerder"))
    await read("afgesloten: aanmelder", aanmelder)
    await read("afgesloten: toezicht", fg)
    beheerder = auth("gemeente-utrecht", "beheerder")
    await record(
        "heropening (volledig)",
        await client.post(
            f"{casus}/heropening", json={"toelichting": "Terugval."}, headers=beheerder
        ),
    )
    await read("heropend: verantwoordelijke", gvv)
    await record("onbekende casus", await client.get("/v1/casussen/bestaat-niet", headers=gvv))
    transcript = _normalised("\n".join(lines) + "\n")
    if os.environ.get("ZVH_GOLDEN_WRITE"):
        GOLDEN.write_text(transcript)
    assert transcript == GOLDEN.read_text()


def test_golden_transcript_is_json_per_response() -> None:
    """The transcript stays readable: every body line parses."""
    for line in GOLDEN.read_text().splitlines():
        if not line.startswith("## "):
            json.loads(line)
