"""Due list and sweep at scale on PostgreSQL, against a bare SQL UPDATE of the same size.

Run: .venv/bin/python bench/bench_retention.py [--cases 1000000] [--due 5000]
     [--server postgresql+asyncpg://postgres@127.0.0.1:5432/postgres] [--archive-root DIR]

Creates a fresh database (dropped afterwards), migrates it, seeds the demo partnership and
bulk-loads `--cases` closed cases with their data subjects with `INSERT ... SELECT
generate_series`. Two groups of `--due` cases have archive dates before the sweep's
peildatum (group A) and in a later month (group B); all others lie in the future. It then
measures: the due list's first page (p50/p95 over 200 calls, in-process through the same
query the endpoint uses); the sweep with `execute` over group A (archive documents
made durable before the commit, anonymisation, log entries, one transaction per batch); and, as the floor, one bare
SQL UPDATE anonymising group B's data subjects and cases. The destruction hold is turned
off only in this process's own `Opdracht`, never in the environment.
"""

import argparse
import asyncio
import os
import statistics
import subprocess
import sys
import tempfile
import time
import uuid
from datetime import date
from pathlib import Path

from sqlalchemy import text
from sqlalchemy.engine import make_url

from app.db.migrate import upgrade
from app.db.session import Database, create_engine
from app.db.verlopen import page
from app.rules.bewaartermijn_typen import Bewaarbeleid
from app.seed import seed_demo
from app.services import archivering

AS_OF = date(2025, 7, 1)

LOAD = """
INSERT INTO casussen (id, zvh, status, versie, aanmelder, aanmelddatum, aanmeldreden,
    afsluitdatum, maximale_bewaardatum, archiefdatum, aanmelding_archiefdatum,
    aangemaakt_op, gewijzigd_op)
SELECT md5('c' || g)::uuid::text, 'zvh-demo', 'afgesloten', 3, 'politie', a, 'Overlast.',
    a + interval '1 year', a + interval '5 years', a + interval '2 years',
    a + interval '2 years', now(), now()
FROM (
    SELECT g, CASE
        WHEN g <= :due THEN date '2023-01-01' + (g % 28)
        WHEN g <= 2 * :due THEN date '2023-08-01' + (g % 28)
        ELSE date '2024-01-01' + (g % 300)
    END AS a
    FROM generate_series(1, :n) AS g
) s
"""
LOAD_BETROKKENEN = """
INSERT INTO betrokkenen (casus_id, zvh, pseudoniem, bsn, voornamen, achternaam, geboortedatum)
SELECT md5('c' || g)::uuid::text, 'zvh-demo', md5('p' || g)::uuid::text, NULL, 'Jan',
    'Jansen', date '1990-01-01'
FROM generate_series(1, :n) AS g
"""
FLOOR = """
WITH b AS (
    UPDATE betrokkenen SET bsn = NULL, voornamen = NULL, achternaam = NULL,
        geboortedatum = NULL
    WHERE casus_id IN (SELECT md5('c' || g)::uuid::text FROM generate_series(CAST(:lo AS integer), CAST(:hi AS integer)) g)
    RETURNING casus_id
)
UPDATE casussen SET aanmeldreden = NULL, gearchiveerd_op = now()
WHERE id IN (SELECT casus_id FROM b)
"""


async def load(database: Database, n: int, due: int) -> float:
    started = time.perf_counter()
    async with database.session() as session, session.begin():
        await seed_demo(session)
        await session.execute(text(LOAD), {"n": n, "due": due})
        await session.execute(text(LOAD_BETROKKENEN), {"n": n})
    async with database.bind.connect() as conn:  # type: ignore[union-attr]
        await conn.execution_options(isolation_level="AUTOCOMMIT")
        await conn.execute(text("VACUUM ANALYZE casussen"))
        await conn.execute(text("VACUUM ANALYZE betrokkenen"))
    return time.perf_counter() - started


async def due_list(database: Database) -> list[float]:
    timings = []
    async with database.session() as session:
        for _ in range(200):
            started = time.perf_counter()
            rows = await page(session, "zvh-demo", AS_OF, offset=0, limit=51)
            timings.append((time.perf_counter() - started) * 1000)
            assert len(rows) == 51
    return timings


async def run(url: str, n: int, due: int, archive_root: str | None) -> None:
    database = Database(create_engine(url))
    loaded = await load(database, n, due)
    print(f"loaded {n:,} cases in {loaded:.1f} s")
    timings = await due_list(database)
    q = statistics.quantiles(timings, n=20)
    print(
        f"due list, first page of 50: p50 {statistics.median(timings):.2f} ms, p95 {q[18]:.2f} ms"
    )
    with tempfile.TemporaryDirectory(dir=archive_root) as archive:
        opdracht = archivering.Opdracht(
            as_of=AS_OF,
            archive_dir=Path(archive),
            execute=True,
            hold=False,  # this benchmark's own database only
            beleid=Bewaarbeleid(),
            archiefbeheerder="gemeente-utrecht",
            vandaag=date.today(),
        )
        started = time.perf_counter()
        uitkomst = await archivering.sweep(database, opdracht)
        seconds = time.perf_counter() - started
        files = sum(len(f) for _, _, f in os.walk(archive))
    print(
        f"sweep: {uitkomst.gearchiveerd:,} cases archived and anonymised in {seconds:.1f} s"
        f" = {uitkomst.gearchiveerd / seconds:,.0f} cases/s ({files} files, "
        f"{len(uitkomst.mislukt)} failed)"
    )
    async with database.session() as session, session.begin():
        started = time.perf_counter()
        await session.execute(text(FLOOR), {"lo": due + 1, "hi": 2 * due})
        floor = time.perf_counter() - started
    print(f"floor: bare SQL UPDATE of {due:,} cases in {floor:.3f} s = {due / floor:,.0f} cases/s")
    await database.dispose()


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--cases", type=int, default=1_000_000)
    parser.add_argument("--due", type=int, default=5_000)
    parser.add_argument("--server", default="postgresql+asyncpg://postgres@127.0.0.1:5432/postgres")
    parser.add_argument(
        "--archive-root",
        default=None,
        help="where the temporary archive directory is made (default: the system temp dir)",
    )
    args = parser.parse_args()
    name = f"zvh_bench_{uuid.uuid4().hex[:8]}"
    url = make_url(args.server).set(database=name).render_as_string(hide_password=False)
    subprocess.run([sys.executable, "-m", "tests.pgadmin", "create", url], check=True)
    try:
        upgrade(url)
        asyncio.run(run(url, args.cases, args.due, args.archive_root))
    finally:
        subprocess.run([sys.executable, "-m", "tests.pgadmin", "drop", url], check=True)


if __name__ == "__main__":
    main()
