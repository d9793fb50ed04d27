"""The processing log's hash chain: every write chained, under concurrency one chain, and
any change, removal or insertion by someone with database access found by `verify`."""

import itertools
import json
import os
import subprocess
import sys
import uuid
from datetime import UTC, date, datetime, timedelta
from pathlib import Path

import anyio
import httpx
import pytest
from sqlalchemy import select, text, update
from sqlalchemy.ext.asyncio import AsyncEngine, AsyncSession

from app.config import Settings
from app.db import verwerkingen
from app.db.session import Database
from app.db.tables import VerwerkingRow, VerwerkingsketenRow
from app.domain import logketen
from app.services import logketen as logketen_service
from tests.conftest import AuthHeaders
from tests.factories.casussen import aanmelding
from tests.factories.verwerkingen import verwerking
from tests.probleemcodes import refusal
from tests.scaleout import requires_postgres

pytestmark = pytest.mark.anyio

MOMENT = datetime.now(UTC).replace(microsecond=123456)


def _entry(zvh: str, n: int, **changes: object) -> verwerkingen.Verwerking:
    values: dict[str, object] = {"tijdstip": MOMENT + timedelta(seconds=n), "sub": "medewerker-é"}
    values.update(changes)
    return verwerking(zvh, **values)


async def _allow_tampering(session: AsyncSession) -> None:
    """What an attacker with database access does first: switch the append-only rule off
    (in the test's transaction only, rolled back with it)."""
    if session.get_bind().dialect.name == "postgresql":
        await session.execute(
            text("ALTER TABLE verwerkingen DISABLE TRIGGER verwerkingen_geen_wijziging")
        )
    else:
        await session.execute(text("DROP TRIGGER verwerkingen_geen_update"))
        await session.execute(text("DROP TRIGGER verwerkingen_geen_delete"))


@pytest.fixture
async def chain(db: Database) -> tuple[str, list[str]]:
    """A partnership of its own with five records written in two transactions."""
    zvh = f"zvh-keten-{uuid.uuid4().hex[:8]}"
    entries = [_entry(zvh, n) for n in range(5)]
    async with db.session() as session:
        await verwerkingen.write(session, entries[:2])
        await session.commit()
    async with db.session() as session:
        await verwerkingen.write(session, entries[2:])
        await session.commit()
    return zvh, [e.id for e in entries]


async def test_records_are_numbered_and_chained(db: Database, chain: tuple[str, list[str]]) -> None:
    zvh, ids = chain
    async with db.session() as session:
        rows = list(
            await session.scalars(
                select(VerwerkingRow)
                .where(VerwerkingRow.zvh == zvh)
                .order_by(VerwerkingRow.volgnummer)
            )
        )
        head = await session.get(VerwerkingsketenRow, zvh)
    assert [r.id for r in rows] == ids
    assert [r.volgnummer for r in rows] == [1, 2, 3, 4, 5]
    assert rows[0].vorige_hash == logketen.GENESIS
    assert all(b.vorige_hash == a.hash for a, b in itertools.pairwise(rows))
    assert head is not None
    assert (head.volgnummer, head.hash) == (5, rows[-1].hash)
    # The canonical form: sorted keys, no spaces, UTF-8, moments with microseconds and Z.
    first = rows[0]
    content = logketen.canonical(logketen.inhoud_van(verwerkingen.schakel_van(first)))
    assert b'"sub":"medewerker-\xc3\xa9"' in content
    assert b'"tijdstip":"' + MOMENT.strftime("%Y-%m-%dT%H:%M:%S.123456Z").encode() in content
    assert b" " not in content.replace(b"medewerker-", b"")
    assert first.betrokkene is not None
    assert first.betrokkene.encode() not in content
    assert logketen.ketenhash(logketen.GENESIS, content) == first.hash
    assert (await logketen_service.verify(db, zvh))[1] is None


async def test_single_writes_hash_as_the_canonical_form_says(db: Database) -> None:
    """A request writes one record: the database numbers and hashes it at the chain head
    (on SQLite with the SHA-256 function the service registers on each connection). The
    hash must be the canonical form's, whatever the texts hold."""
    zvh = f"zvh-keten-{uuid.uuid4().hex[:8]}"
    redenen = [
        None,
        'aanhalingstekens " en \\ en "volgnummer":-1 in een tekst',
        "regel\nregel, tab\t, é, 😀, 中文",
        '{"volgnummer":1}',
    ]
    entries = [_entry(zvh, n, reden=reden) for n, reden in enumerate(redenen)]
    for e in entries:
        async with db.session() as session:
            await verwerkingen.write(session, [e])
            await session.commit()
    async with db.session() as session:
        rows = list(
            await session.scalars(
                select(VerwerkingRow)
                .where(VerwerkingRow.zvh == zvh)
                .order_by(VerwerkingRow.volgnummer)
            )
        )
        head = await session.get(VerwerkingsketenRow, zvh)
    assert [(r.id, r.reden) for r in rows] == [(e.id, e.reden) for e in entries]
    vorige = logketen.GENESIS
    for volgnummer, row in enumerate(rows, start=1):
        content = logketen.canonical(logketen.inhoud_van(verwerkingen.schakel_van(row)))
        assert (row.volgnummer, row.vorige_hash) == (volgnummer, vorige)
        assert row.hash == logketen.ketenhash(vorige, content)
        vorige = row.hash
    assert head is not None
    assert (head.volgnummer, head.hash, head.vorige_hash) == (4, rows[3].hash, rows[2].hash)
    assert (await logketen_service.verify(db, zvh))[1] is None


async def test_single_and_batch_writes_extend_one_chain(db: Database) -> None:
    """A batch (a sweep's records) hashes in Python, a single record in the database: in
    any order they continue each other's chain and head."""
    zvh = f"zvh-keten-{uuid.uuid4().hex[:8]}"
    entries = [_entry(zvh, n) for n in range(7)]
    for part in (entries[:1], entries[1:4], entries[4:5], entries[5:6], entries[6:]):
        async with db.session() as session:
            await verwerkingen.write(session, part)
            await session.commit()
    async with db.session() as session:
        rows = list(
            await session.scalars(
                select(VerwerkingRow)
                .where(VerwerkingRow.zvh == zvh)
                .order_by(VerwerkingRow.volgnummer)
            )
        )
        head = await session.get(VerwerkingsketenRow, zvh)
    assert [(r.id, r.volgnummer) for r in rows] == [(e.id, n) for n, e in enumerate(entries, 1)]
    vorige = logketen.GENESIS
    for row in rows:
        content = logketen.canonical(logketen.inhoud_van(verwerkingen.schakel_van(row)))
        assert (row.vorige_hash, row.hash) == (vorige, logketen.ketenhash(vorige, content))
        vorige = row.hash
    assert head is not None
    assert (head.volgnummer, head.hash, head.vorige_hash) == (7, rows[6].hash, rows[5].hash)
    assert (await logketen_service.verify(db, zvh))[1] is None


@pytest.mark.parametrize(
    ("column", "value"),
    [
        ("sub", "iemand-anders"),
        ("deelnemer", "om"),
        ("activiteit", "casus-aanmelden"),
        ("handeling", "wijzigen"),
        ("resultaat", "geweigerd"),
        ("casus_id", None),
        ("betrokkene", "ander-pseudoniem"),
        ("rollen", "beheerder"),
        ("reden", "achteraf toegevoegd"),
        ("trace_id", "0" * 32),
        ("span_id", "0" * 16),
        ("parent_span_id", "1" * 16),
        ("tijdstip", None),  # moved by a second, below
        ("hash", "f" * 64),
        ("vorige_hash", "e" * 64),
    ],
)
async def test_changing_any_field_is_found(
    db: Database, chain: tuple[str, list[str]], column: str, value: object
) -> None:
    zvh, ids = chain
    async with db.session() as session:
        await _allow_tampering(session)
        if column == "tijdstip":
            moved = MOMENT + timedelta(seconds=2, microseconds=1)
            await session.execute(
                update(VerwerkingRow).where(VerwerkingRow.id == ids[2]).values(tijdstip=moved)
            )
        else:
            await session.execute(
                update(VerwerkingRow).where(VerwerkingRow.id == ids[2]).values({column: value})
            )
        await session.commit()
    _, breuk = await logketen_service.verify(db, zvh)
    assert breuk is not None
    if column == "hash":
        # The changed record's own hash no longer covers it.
        assert (breuk.volgnummer, breuk.id) == (3, ids[2])
    else:
        assert (breuk.volgnummer, breuk.id) == (3, ids[2]), str(breuk)


async def test_a_removed_record_is_found(db: Database, chain: tuple[str, list[str]]) -> None:
    zvh, ids = chain
    async with db.session() as session:
        await _allow_tampering(session)
        await session.execute(text("DELETE FROM verwerkingen WHERE id = :id"), {"id": ids[1]})
        await session.commit()
    _, breuk = await logketen_service.verify(db, zvh)
    assert breuk is not None
    assert (breuk.volgnummer, breuk.id) == (3, ids[2])
    assert "gap" in breuk.reden


async def test_removing_the_last_records_is_found_against_the_head(
    db: Database, chain: tuple[str, list[str]]
) -> None:
    zvh, ids = chain
    async with db.session() as session:
        await _allow_tampering(session)
        await session.execute(
            text("DELETE FROM verwerkingen WHERE id IN (:a, :b)"), {"a": ids[3], "b": ids[4]}
        )
        await session.commit()
    _, breuk = await logketen_service.verify(db, zvh)
    assert breuk is not None
    assert breuk.volgnummer is None
    assert "head says record 5" in str(breuk)


async def test_an_inserted_record_is_found(db: Database, chain: tuple[str, list[str]]) -> None:
    zvh, ids = chain
    async with db.session() as session:
        # No trigger to switch off: the attacker copies record 2 under a new id.
        await session.execute(
            text(
                "INSERT INTO verwerkingen (id, zvh, tijdstip, trace_id, span_id, activiteit, "
                "handeling, casus_id, betrokkene, sub, deelnemer, rollen, resultaat, reden, "
                "parent_span_id, volgnummer, vorige_hash, hash) "
                "SELECT :new, zvh, tijdstip, trace_id, span_id, activiteit, handeling, casus_id, "
                "betrokkene, 'ingevoegd', deelnemer, rollen, resultaat, reden, parent_span_id, "
                "volgnummer, vorige_hash, hash FROM verwerkingen WHERE id = :id"
            ),
            {"new": str(uuid.uuid4()), "id": ids[1]},
        )
        await session.commit()
    _, breuk = await logketen_service.verify(db, zvh)
    assert breuk is not None
    assert breuk.volgnummer == 2


async def test_refused_attempts_chain_too(
    client: httpx.AsyncClient, auth: AuthHeaders, db: Database
) -> None:
    created = await client.post("/v1/casussen", json=aanmelding(), headers=auth("politie"))
    assert created.status_code == 201
    casus_id = created.json()["id"]
    # A participant not selected for the case: refused, and logged in a transaction of its own.
    refused = await client.get(f"/v1/casussen/{casus_id}", headers=auth("ggz"))
    assert refusal(refused) == (403, "geen-toegang")
    async with db.session() as session:
        rows = list(
            await session.scalars(
                select(VerwerkingRow)
                .where(VerwerkingRow.casus_id == casus_id)
                .order_by(VerwerkingRow.volgnummer)
            )
        )
    assert [r.resultaat for r in rows] == ["geslaagd", "geweigerd"]
    assert rows[1].volgnummer > rows[0].volgnummer
    assert (await logketen_service.verify(db, "zvh-demo"))[1] is None


async def test_the_caller_s_traceparent_is_the_parent_operation(
    client: httpx.AsyncClient, auth: AuthHeaders, db: Database
) -> None:
    parent = "b7ad6b7169203331"
    headers = {
        **auth("politie"),
        "traceparent": f"00-0af7651916cd43dd8448eb211c80319c-{parent}-01",
    }
    created = await client.post("/v1/casussen", json=aanmelding(), headers=headers)
    assert created.status_code == 201
    async with db.session() as session:
        row = await session.scalar(
            select(VerwerkingRow).where(VerwerkingRow.casus_id == created.json()["id"])
        )
    assert row is not None
    assert row.parent_span_id == parent
    record = logketen_service.logboek_record(
        verwerkingen.schakel_van(row),
        base_url="https://zvh.example",
        key=b"k" * 32,
    )
    assert record["parent_operation_id"] == parent
    assert record["foreign_operation"] == {
        "trace_id": "0af7651916cd43dd8448eb211c80319c",
        "operation_id": parent,
        "entity": "politie",
    }
    attributes = record["attributes"]
    assert isinstance(attributes, dict)
    assert attributes["dpl.core.processing_activity_id"] == (
        "https://zvh.example/v1/verwerkingsactiviteiten/casus-aanmelden"
    )
    assert attributes["dpl.core.data_subject_id"] not in (None, row.betrokkene)
    assert created.json()["betrokkene"]["bsn"] not in json.dumps(record)


@requires_postgres
async def test_parallel_requests_keep_one_chain(
    live_client: httpx.AsyncClient, auth: AuthHeaders, engine: AsyncEngine
) -> None:
    database = Database(engine)
    async with database.session() as session:
        before = await session.get(VerwerkingsketenRow, "zvh-demo")
    start = before.volgnummer if before else 0
    statuses: list[int] = []

    async def read_log() -> None:
        headers = auth("gemeente-utrecht", "functionaris-gegevensbescherming")
        statuses.append((await live_client.get("/v1/verwerkingen", headers=headers)).status_code)

    async def register() -> None:
        body = aanmelding()
        statuses.append(
            (await live_client.post("/v1/casussen", json=body, headers=auth("politie"))).status_code
        )

    async def refused() -> None:
        statuses.append(
            (await live_client.get("/v1/verwerkingen", headers=auth("politie"))).status_code
        )

    async with anyio.create_task_group() as group:
        for n in range(60):
            group.start_soon((read_log, register, refused)[n % 3])
    assert sorted(set(statuses)) == [200, 201, 403]
    _zvhs, breuk = await logketen_service.verify(database, "zvh-demo")
    assert breuk is None, str(breuk)
    async with database.session() as session:
        after = await session.get(VerwerkingsketenRow, "zvh-demo")
        numbers = list(
            await session.scalars(
                select(VerwerkingRow.volgnummer)
                .where(VerwerkingRow.zvh == "zvh-demo", VerwerkingRow.volgnummer > start)
                .order_by(VerwerkingRow.volgnummer)
            )
        )
    assert after is not None
    # Every successful request wrote at least one record; numbers without gaps or doubles.
    assert len(numbers) >= 40
    assert numbers == list(range(start + 1, after.volgnummer + 1))


async def test_export_verifies_with_the_readme_script(
    db: Database, chain: tuple[str, list[str]], repo_root: Path, tmp_path: Path
) -> None:
    zvh, ids = chain
    lines = [
        line
        async for line in logketen_service.export(
            db,
            zvh,
            date.today() - timedelta(days=1),
            date.today() + timedelta(days=1),
            base_url="https://zvh.example",
            key=b"k" * 32,
        )
    ]
    assert len(lines) == 6
    assert json.loads(lines[-1])["ketenkop"]["volgnummer"] == 5
    export = tmp_path / "export.ndjson"
    export.write_text("".join(lines), encoding="utf-8")
    script = repo_root / "docs" / "verifieer_export.py"
    # The README shows this very script.
    assert script.read_text(encoding="utf-8").strip() in (repo_root / "README.md").read_text(
        encoding="utf-8"
    )
    ok = await anyio.run_process([sys.executable, str(script), str(export)], check=False)
    assert ok.returncode == 0, ok.stderr
    assert b"intact" in ok.stdout
    # One changed character anywhere in a record's content: the script says where.
    record = json.loads(lines[2])
    record["keten"]["inhoud"] = record["keten"]["inhoud"].replace("politie", "polite")
    export.write_text("".join([*lines[:2], json.dumps(record) + "\n", *lines[3:]]), "utf-8")
    broken = await anyio.run_process([sys.executable, str(script), str(export)], check=False)
    assert broken.returncode != 0
    assert ids[2].encode() in broken.stderr


async def _zvh(settings: Settings, *args: str) -> subprocess.CompletedProcess[bytes]:
    env = {**os.environ, "ZVH_DATABASE_URL": settings.database_url}
    return await anyio.run_process([sys.executable, "-m", "app.cli", *args], check=False, env=env)


async def test_the_commands_verify_and_export(settings: Settings, engine: AsyncEngine) -> None:
    """`zvh log verify` exits 0 on an intact chain and 1 naming the first broken record."""
    database = Database(engine)
    zvh = f"zvh-cli-{uuid.uuid4().hex[:8]}"
    entries = [_entry(zvh, n) for n in range(3)]
    async with database.session() as session:
        await verwerkingen.write(session, entries)
        await session.commit()
    intact = await _zvh(settings, "log", "verify", "--zvh", zvh)
    assert intact.returncode == 0, intact.stderr
    assert b"intact: 1 chain(s)" in intact.stdout
    today = date.today()
    exported = await _zvh(
        settings,
        "log",
        "export",
        "--from",
        str(today - timedelta(days=1)),
        "--to",
        str(today + timedelta(days=1)),
        "--zvh",
        zvh,
    )
    assert exported.returncode == 0, exported.stderr
    lines = [json.loads(line) for line in exported.stdout.splitlines()]
    assert [line["keten"]["volgnummer"] for line in lines[:-1]] == [1, 2, 3]
    assert lines[-1]["ketenkop"]["hash"] == lines[-2]["keten"]["hash"]
    # An attacker with database access changes record 2 and puts the rule back.
    async with database.session() as session:
        await _allow_tampering(session)
        await session.execute(
            update(VerwerkingRow).where(VerwerkingRow.id == entries[1].id).values(sub="x")
        )
        await _restore_rule(session)
        await session.commit()
    broken = await _zvh(settings, "log", "verify", "--zvh", zvh)
    assert broken.returncode == 1
    assert f"BROKEN {zvh}: record 2 (id {entries[1].id})".encode() in broken.stderr


async def _restore_rule(session: AsyncSession) -> None:
    if session.get_bind().dialect.name == "postgresql":
        await session.execute(
            text("ALTER TABLE verwerkingen ENABLE TRIGGER verwerkingen_geen_wijziging")
        )
    else:
        for operation in ("UPDATE", "DELETE"):
            await session.execute(
                text(
                    f"CREATE TRIGGER verwerkingen_geen_{operation.lower()} BEFORE {operation} "
                    "ON verwerkingen BEGIN SELECT RAISE(ABORT, 'verwerkingen is append-only'); END"
                )
            )


async def test_the_register_the_export_points_into_is_public(client: httpx.AsyncClient) -> None:
    uri = logketen_service.activity_uri("http://testserver", "casus-derden-verstrekken")
    one = await client.get(uri.removeprefix("http://testserver"))
    assert one.status_code == 200
    assert one.json() == {
        "code": "casus-derden-verstrekken",
        "omschrijving": "Verstrekking van resultaten aan een derde",
        "grondslag": "art. 1.7 WGS",
    }
    everything = (await client.get("/v1/verwerkingsactiviteiten")).json()
    assert one.json() in everything["verwerkingsactiviteiten"]
    unknown = await client.get("/v1/verwerkingsactiviteiten/bestaat-niet")
    assert unknown.status_code == 404
    assert unknown.json()["code"] == "niet-gevonden"
