"""`GET /v1/casussen` (first page, a status filter) on a partnership with 1,000,000 cases.

Run: .venv/bin/python bench/bench_casuslijst.py [--cases 1000000] [--duration 10]
     [--pg postgresql+asyncpg://postgres@127.0.0.1:5432] [--keep]

Issue 16's goal: p50 < 20 ms with 1 client and < 100 ms with 16 clients on one worker
(Open Zaak publishes 140 ms and 240 ms for `GET /zaken` over 1,000,000 zaken on ten
one-CPU replicas). Creates a fresh database (dropped afterwards), migrates and seeds it,
bulk-loads `--cases` cases with `INSERT ... SELECT generate_series` (10% aangemeld, 10%
gegevensverzameling, 30% in-behandeling, 45% afgesloten, 5% afgewezen; registrations
spread over four years; on every fifth open case the private participant `reclassering-
nederland` is selected), serves the API with `zvh serve` (one worker, CPU 0) and drives it
with wrk (CPU 1) at 1 and 16 connections, for two callers: the police (a joint
controller: every open case) and reclassering (a private participant: the cases it was
selected for). The baseline of the same run is bench/floor.py, bare Starlette returning
the very same bytes on the same CPU.
"""

import argparse
import asyncio
import json
import os
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from sqlalchemy import text

from app.db.session import Database, create_engine
from bench.cpu import CpuSnapshot, CpuUse
from bench.run import (
    BIN,
    ROOT,
    Scenario,
    admin,
    free_port,
    pinned,
    request,
    run_wrk,
    wait_until_up,
    wrk_script,
)

LOAD = """
INSERT INTO casussen (id, zvh, status, versie, aanmelder, aanmelddatum, aanmeldreden,
    afsluitdatum, maximale_bewaardatum, archiefdatum, aanmelding_archiefdatum,
    aangemaakt_op, gewijzigd_op)
SELECT md5('c' || g)::uuid::text, 'zvh-demo', s.status, 3,
    CASE WHEN g % 3 = 0 THEN 'politie' ELSE 'gemeente-utrecht' END, s.a, 'Overlast.',
    CASE WHEN s.status = 'afgesloten' THEN s.a + 300 END,
    s.a + interval '5 years', s.a + interval '5 years', s.a + interval '5 years', now(), now()
FROM (
    SELECT g, date '2023-01-01' + (g % 1400) AS a, CASE
        WHEN g % 20 < 2 THEN 'aangemeld'
        WHEN g % 20 < 4 THEN 'gegevensverzameling'
        WHEN g % 20 < 10 THEN 'in-behandeling'
        WHEN g % 20 < 19 THEN 'afgesloten'
        ELSE 'afgewezen'
    END AS status
    FROM generate_series(1, :n) AS g
) s
"""
LOAD_DEELNEMERS = """
INSERT INTO casusdeelnemers (casus_id, deelnemer, incidenteel, noodzaak, geselecteerd_op)
SELECT md5('c' || g)::uuid::text, 'reclassering-nederland', false, 'Toezicht.', now()
FROM generate_series(1, :n) AS g
WHERE g % 20 BETWEEN 4 AND 9 AND g % 5 = 0
"""
CALLERS = {
    "politie": "/v1/casussen?status=in-behandeling",
    "reclassering-nederland": "/v1/casussen?status=in-behandeling",
}


async def load(url: str, n: int) -> float:
    database = Database(create_engine(url))
    started = time.perf_counter()
    async with database.session() as session, session.begin():
        await session.execute(text(LOAD), {"n": n})
        await session.execute(text(LOAD_DEELNEMERS), {"n": n})
    async with database.bind.connect() as conn:  # type: ignore[union-attr]
        await conn.execution_options(isolation_level="AUTOCOMMIT")
        await conn.execute(text("VACUUM ANALYZE casussen"))
        await conn.execute(text("VACUUM ANALYZE casusdeelnemers"))
    await database.dispose()
    return time.perf_counter() - started


def main() -> int:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--cases", type=int, default=1_000_000)
    parser.add_argument("--duration", type=int, default=10)
    parser.add_argument(
        "--keep",
        action="store_true",
        help="keep the loaded database (its URL is printed) to look at query plans; drop it "
        "with `python -m tests.pgadmin drop URL`",
    )
    parser.add_argument(
        "--pg",
        default=os.environ.get(
            "ZVH_BENCH_POSTGRES_URL", "postgresql+asyncpg://postgres@127.0.0.1:5432"
        ),
    )
    args = parser.parse_args()
    if not shutil.which("wrk"):
        print("bench needs wrk (Debian package 'wrk'): apt-get install -y wrk", file=sys.stderr)
        return 2
    database_url = f"{args.pg.rstrip('/')}/zvh_bench_lijst_{os.getpid()}"
    admin("create", database_url)
    work = Path(tempfile.mkdtemp(prefix="zvh-bench-"))
    env = {
        **os.environ,
        "ZVH_DATABASE_URL": database_url,
        "ZVH_DEV_KEY_DIR": str(work / "keys"),
        "ZVH_LOG_LEVEL": "WARNING",
    }
    processes: list[subprocess.Popen[bytes]] = []
    rows: list[str] = []
    try:
        subprocess.run([str(BIN / "zvh"), "migrate"], env=env, check=True, capture_output=True)
        subprocess.run([str(BIN / "zvh"), "seed-demo"], env=env, check=True, capture_output=True)
        print(f"loaded {args.cases:,} cases in {asyncio.run(load(database_url, args.cases)):.1f} s")
        api_port, floor_port = free_port(), free_port()
        api = f"http://127.0.0.1:{api_port}"
        processes.append(
            subprocess.Popen(
                [*pinned(0), str(BIN / "zvh"), "serve", "--port", str(api_port)],
                env=env,
                stdout=subprocess.DEVNULL,
                stderr=subprocess.DEVNULL,
            )
        )
        wait_until_up(f"{api}/health/ready")
        scenarios = []
        floor_routes: dict[str, dict[str, str]] = {}
        for index, (deelnemer, path) in enumerate(CALLERS.items()):
            token = subprocess.run(
                [str(BIN / "zvh"), "token", "--deelnemer", deelnemer, "--ttl", "3600"],
                env=env,
                check=True,
                capture_output=True,
                text=True,
            ).stdout.strip()
            # The floor serves each caller's bytes under a path of its own.
            floor_path = f"/floor/{index}"
            scenario = Scenario(deelnemer, "GET", path, deelnemer=deelnemer)
            body_file = work / f"{deelnemer}.body"
            body_file.write_bytes(request(api + path, scenario, token))
            floor_routes[floor_path] = {"method": "GET", "file": str(body_file)}
            scenarios.append((scenario, token, floor_path))
        processes.append(
            subprocess.Popen(
                [
                    *pinned(0),
                    str(BIN / "uvicorn"),
                    "bench.floor:app",
                    "--port",
                    str(floor_port),
                    "--log-level",
                    "warning",
                    "--no-access-log",
                ],
                env={**env, "ZVH_BENCH_FLOOR_ROUTES": json.dumps(floor_routes)},
                cwd=ROOT,
                stdout=subprocess.DEVNULL,
                stderr=subprocess.DEVNULL,
            )
        )
        floor = f"http://127.0.0.1:{floor_port}"
        wait_until_up(floor + scenarios[0][2])
        for scenario, token, floor_path in scenarios:
            script = wrk_script(scenario, token, work)
            for concurrency in (1, 16):
                measured = {}
                for target, url in (("floor", floor + floor_path), ("api", api + scenario.path)):
                    run_wrk(url, script, concurrency, 2)
                    before, started = CpuSnapshot.take(processes[0].pid), time.monotonic()
                    measured[target] = run_wrk(url, script, concurrency, args.duration)
                    use = CpuUse.between(
                        before, CpuSnapshot.take(processes[0].pid), time.monotonic() - started
                    )
                (f_rps, f_p50, _f99, _), (rps, p50, p99, errors) = (
                    measured["floor"],
                    measured["api"],
                )
                requests = rps * use.wall
                rows.append(
                    f"| {scenario.deelnemer} | {concurrency} | {p50:.2f} | {p99:.2f} | "
                    f"{rps:,.0f} | {f_rps:,.0f} | {rps / f_rps:.0%} | {f_p50:.2f} | {errors} | "
                    f"{1000 * use.server / requests:.2f} / {1000 * use.postgres / requests:.2f} | "
                    f"{use.server / use.wall:.2f} / {use.postgres / use.wall:.2f} / "
                    f"{(use.busy - use.server - use.postgres - use.wrk) / use.wall:.2f} |"
                )
    finally:
        for process in processes:
            process.terminate()
            process.wait(timeout=10)
        if args.keep:
            print(f"kept {database_url}")
        else:
            admin("drop", database_url)
        shutil.rmtree(work, ignore_errors=True)
    print(
        "| caller | clients | API p50 ms | API p99 ms | API req/s | floor req/s | API / floor"
        " | floor p50 ms | errors | API CPU ms/request: server / PostgreSQL"
        " | cores busy: server / PostgreSQL / rest of the machine |"
    )
    print("|---|---:|---:|---:|---:|---:|---:|---:|---:|---|---|")
    print("\n".join(rows))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
