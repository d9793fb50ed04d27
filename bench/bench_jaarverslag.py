"""The annual report (`app.services.jaarverslag.counts`) on a partnership with many cases.

Run: .venv/bin/python -m bench.bench_jaarverslag [--cases 1000000] [--log 0] [--repeats 3]
     [--pg postgresql+asyncpg://postgres@127.0.0.1:5432]

Issue 13's goal: within 5 s on PostgreSQL for 1,000,000 cases and 20,000,000 log records.
Creates a fresh database (dropped afterwards), migrates and seeds it, and bulk-loads with
`INSERT ... SELECT generate_series`: `--cases` cases of zvh-demo registered over four years
by four registrants, an intake event for each, a definitive assessment for 70%, a closure
for 45%, an information duty for each admitted case, and `--log` processing-log records
(the report reads none of them; they only make the database as large as the goal says).
The baseline of the same run is one `SELECT count(*) FROM casussen` of the partnership,
the least any report over its cases costs.
"""

import argparse
import asyncio
import os
import time
import uuid
from datetime import date

from sqlalchemy import text

from app.db.migrate import upgrade
from app.db.session import Database, create_engine
from app.seed import seed_demo
from app.services import jaarverslag
from bench.run import admin

LOAD = [
    """
INSERT INTO casussen (id, zvh, status, versie, aanmelder, aanmelddatum, aanmeldreden,
    afsluitdatum, afwijzingsdatum, maximale_bewaardatum, archiefdatum, aanmelding_archiefdatum,
    aangemaakt_op, gewijzigd_op)
SELECT md5('c' || g)::uuid::text, 'zvh-demo', s.status, 3,
    (ARRAY['politie', 'gemeente-utrecht', 'om', 'reclassering-nederland'])[1 + g % 4],
    s.a, 'Overlast.',
    CASE WHEN s.status = 'afgesloten' THEN s.a + 300 END,
    CASE WHEN s.status IN ('afgewezen', 'intake-afgewezen') THEN s.a + 20 END,
    s.a + interval '5 years', s.a + interval '5 years', s.a + interval '5 years', now(), now()
FROM (
    SELECT g, date '2023-01-01' + (g % 1400) AS a, CASE
        WHEN g % 20 < 2 THEN 'intake-afgewezen'
        WHEN g % 20 < 6 THEN 'afgewezen'
        WHEN g % 20 < 11 THEN 'in-behandeling'
        ELSE 'afgesloten'
    END AS status
    FROM generate_series(1, :n) AS g
) s
""",
    """
INSERT INTO casusgebeurtenissen (id, casus_id, soort, tijdstip, deelnemer, sub, rollen)
SELECT md5(e.soort || c.id)::uuid::text, c.id, e.soort,
    c.aanmelddatum + e.dagen * interval '1 day', 'gemeente-utrecht', 'bench', 'medewerker'
FROM casussen c
CROSS JOIN (VALUES ('intake', 10), ('definitieve-beoordeling', 20), ('afgesloten', 300))
    AS e(soort, dagen)
WHERE (e.soort = 'intake')
   OR (e.soort = 'definitieve-beoordeling' AND c.status <> 'intake-afgewezen')
   OR (e.soort = 'afgesloten' AND c.status = 'afgesloten')
""",
    """
INSERT INTO informatieplichten (casus_id, toegelaten_op, uiterlijke_datum, uitgevoerd_op)
SELECT c.id, c.aanmelddatum + 10, c.aanmelddatum + 38,
    CASE WHEN length(c.id) % 3 = 0 THEN NULL ELSE c.aanmelddatum + 30 END
FROM casussen c WHERE c.status <> 'intake-afgewezen'
""",
]
LOAD_LOG = """
INSERT INTO verwerkingen (id, zvh, tijdstip, trace_id, span_id, activiteit, handeling,
    casus_id, betrokkene, sub, deelnemer, rollen, resultaat, volgnummer, vorige_hash, hash)
SELECT md5('v' || g)::uuid::text, 'zvh-bulk', now() - (g % 20) * interval '1 second',
    md5('t' || g), left(md5('s' || g), 16), 'casus-raadplegen', 'raadplegen', NULL, NULL,
    'bench', 'politie', 'medewerker', 'geslaagd', g, md5('p' || g) || md5('q' || g),
    md5('h' || g) || md5('i' || g)
FROM generate_series(1, :n) AS g
"""


async def _run(url: str, cases: int, log: int, repeats: int) -> None:
    engine = create_engine(url)
    database = Database(engine)
    try:
        async with database.session() as session:
            await seed_demo(session)
            await session.commit()
        started = time.perf_counter()
        async with database.session() as session, session.begin():
            for statement in LOAD:
                await session.execute(text(statement), {"n": cases})
            if log:
                await session.execute(text(LOAD_LOG), {"n": log})
        async with engine.connect() as conn:
            await conn.execution_options(isolation_level="AUTOCOMMIT")
            for table in ("casussen", "casusgebeurtenissen", "informatieplichten", "verwerkingen"):
                await conn.execute(text(f"VACUUM ANALYZE {table}"))
        print(
            f"loaded {cases:,} cases and {log:,} log records in {time.perf_counter() - started:.0f} s"
        )
        print("| year | count(*) of the cases (baseline) s | annual report s | ratio |")
        print("|---|---|---|---|")
        for jaar in (2024, 2025, 2026):
            base, report = float("inf"), float("inf")
            for _ in range(repeats):
                async with database.session() as session:
                    t0 = time.perf_counter()
                    await session.execute(
                        text("SELECT count(*) FROM casussen WHERE zvh = 'zvh-demo'")
                    )
                    base = min(base, time.perf_counter() - t0)
                    t0 = time.perf_counter()
                    tellingen = await jaarverslag.counts(
                        session, "zvh-demo", jaar, date(2026, 12, 2)
                    )
                    report = min(report, time.perf_counter() - t0)
            print(f"| {jaar} | {base:.3f} | {report:.3f} | {report / base:.1f} |")
        print("a report:", [(t.onderwerp, t.uitsplitsing, t.aantal) for t in tellingen][:8])
    finally:
        await engine.dispose()


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--cases", type=int, default=1_000_000)
    parser.add_argument("--log", type=int, default=0)
    parser.add_argument("--repeats", type=int, default=3)
    parser.add_argument(
        "--pg",
        default=os.environ.get(
            "ZVH_BENCH_POSTGRES_URL", "postgresql+asyncpg://postgres@127.0.0.1:5432"
        ),
    )
    args = parser.parse_args()
    url = f"{args.pg.rstrip('/')}/zvh_bench_jaarverslag_{uuid.uuid4().hex[:8]}"
    admin("create", url)
    try:
        upgrade(url)
        asyncio.run(_run(url, args.cases, args.log, args.repeats))
    finally:
        admin("drop", url)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
