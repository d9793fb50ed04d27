"""Registrations per second through the API next to raw asyncpg inserts of the same rows.

    .venv/bin/python bench/bench_registrations.py [--duration S] [--concurrency N]

One fresh PostgreSQL database. The API (`zvh serve`, one worker, CPU 0) takes
`POST /v1/casussen` from wrk (CPU 1) at concurrency 32. The baseline, in the same run,
inserts the rows one registration writes (case, data subject, assessment, event, two
processing-log entries) with asyncpg: one transaction per registration, 32 connections,
no HTTP, no validation, no rules, and no hash chain (the log rows carry fixed chain
values: the same work as the same-work floor of bench/floor.py). Issue 5 asks for at
least 25% of the baseline.
"""

import argparse
import asyncio
import json
import os
import subprocess
import tempfile
import time
import uuid
from datetime import UTC, date, datetime
from pathlib import Path

import asyncpg

from bench.run import (
    AANMELDING_BODY,
    BIN,
    ROOT,
    admin,
    free_port,
    pinned,
    run_wrk,
    wait_until_up,
)

CRITERIA = json.dumps(AANMELDING_BODY["criteria"])


async def _one(conn: asyncpg.Connection) -> None:
    casus_id, now = str(uuid.uuid4()), datetime.now(UTC)
    async with conn.transaction():
        await conn.execute(
            "INSERT INTO casussen (id, zvh, status, versie, aanmelder, aanmelddatum, aanmeldreden,"
            " maximale_bewaardatum, archiefdatum, aanmelding_archiefdatum, aangemaakt_op, gewijzigd_op)"
            " VALUES ($1, 'zvh-demo', 'aangemeld', 1, 'politie', $2, 'Herhaalde overlast.', $3, $3, $3, $4, $4)",
            casus_id,
            date(2026, 11, 30),
            date(2031, 11, 30),
            now,
        )
        await conn.execute(
            "INSERT INTO betrokkenen (casus_id, zvh, pseudoniem, bsn, voornamen, achternaam, geboortedatum)"
            " VALUES ($1, 'zvh-demo', $2, '111222333', 'Jan', 'Jansen', $3)",
            casus_id,
            str(uuid.uuid4()),
            date(1990, 4, 1),
        )
        await conn.execute(
            "INSERT INTO criteriabeoordelingen (id, casus_id, fase, criteria, toelaatbaar, uitkomst,"
            " tijdstip, deelnemer, sub) VALUES ($1, $2, 'aanmelding', $3, true, $3, $4, 'politie', 'dev')",
            str(uuid.uuid4()),
            casus_id,
            CRITERIA,
            now,
        )
        await conn.execute(
            "INSERT INTO casusgebeurtenissen (id, casus_id, soort, tijdstip, deelnemer, sub, rollen)"
            " VALUES ($1, $2, 'aangemeld', $3, 'politie', 'dev', 'medewerker')",
            str(uuid.uuid4()),
            casus_id,
            now,
        )
        await conn.executemany(
            "INSERT INTO verwerkingen (id, zvh, tijdstip, trace_id, span_id, activiteit, handeling,"
            " casus_id, betrokkene, sub, deelnemer, rollen, resultaat, volgnummer, vorige_hash, hash)"
            " VALUES ($1, 'zvh-demo', $2, $3, $4, $5, 'vastleggen', $6, 'p', 'dev', 'politie',"
            " 'medewerker', 'geslaagd', 0, $7, $7)",
            [
                (str(uuid.uuid4()), now, "0" * 32, "0" * 16, activiteit, casus_id, "0" * 64)
                for activiteit in ("casus-aanmelden", "casus-raadplegen")
            ],
        )


async def raw_inserts(dsn: str, concurrency: int, duration: float) -> float:
    pool = await asyncpg.create_pool(dsn, min_size=concurrency, max_size=concurrency)
    done = 0
    deadline = time.perf_counter() + duration

    async def worker() -> None:
        nonlocal done
        async with pool.acquire() as conn:
            while time.perf_counter() < deadline:
                await _one(conn)
                done += 1

    started = time.perf_counter()
    await asyncio.gather(*(worker() for _ in range(concurrency)))
    elapsed = time.perf_counter() - started
    await pool.close()
    return done / elapsed


def person_script(token: str, path: Path, start: int) -> Path:
    """A wrk script that registers a different person (BSN) on every request: one person
    has one clock, so the same BSN twice would be refused with 409 (issue 11)."""
    betrokkene = {**AANMELDING_BODY["betrokkene"], "bsn": "BSN"}  # type: ignore[dict-item]
    body = json.dumps({**AANMELDING_BODY, "betrokkene": betrokkene})
    path.write_text(
        f"""wrk.method = "POST"
wrk.headers["Authorization"] = "Bearer {token}"
wrk.headers["Content-Type"] = "application/json"
local template = {json.dumps(body)}
local n = {start}
local weights = {{9, 8, 7, 6, 5, 4, 3, 2}}
request = function()
  while true do
    n = n + 1
    local digits = string.format("%08d", n % 100000000)
    local total = 0
    for i = 1, 8 do total = total + weights[i] * tonumber(digits:sub(i, i)) end
    local check = total % 11
    if check < 10 and total > check then
      local body = template:gsub("BSN", digits .. check)
      return wrk.format(nil, nil, nil, body)
    end
  end
end
"""
    )
    return path


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--duration", type=int, default=10)
    parser.add_argument("--concurrency", type=int, default=32)
    parser.add_argument(
        "--pg",
        default=os.environ.get(
            "ZVH_BENCH_POSTGRES_URL", "postgresql+asyncpg://postgres@127.0.0.1:5432"
        ),
    )
    args = parser.parse_args()
    database_url = f"{args.pg.rstrip('/')}/zvh_bench_reg_{os.getpid()}"
    admin("create", database_url)
    work = Path(tempfile.mkdtemp(prefix="zvh-bench-reg-"))
    env = {
        **os.environ,
        "ZVH_DATABASE_URL": database_url,
        "ZVH_DEV_KEY_DIR": str(work / "keys"),
        "ZVH_LOG_LEVEL": "WARNING",
    }
    server: subprocess.Popen[bytes] | None = None
    try:
        subprocess.run([str(BIN / "zvh"), "migrate"], env=env, check=True, capture_output=True)
        subprocess.run([str(BIN / "zvh"), "seed-demo"], env=env, check=True, capture_output=True)
        port = free_port()
        server = subprocess.Popen(
            [*pinned(0), str(BIN / "zvh"), "serve", "--port", str(port)],
            env=env,
            stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL,
            cwd=ROOT,
        )
        wait_until_up(f"http://127.0.0.1:{port}/health/ready")
        token = subprocess.run(
            [str(BIN / "zvh"), "token", "--deelnemer", "politie", "--ttl", "3600"],
            env=env,
            check=True,
            capture_output=True,
            text=True,
        ).stdout.strip()
        url = f"http://127.0.0.1:{port}/v1/casussen"
        warm = person_script(token, work / "warm.lua", 10_000_000)
        run_wrk(url, warm, args.concurrency, 2)  # warm-up
        script = person_script(token, work / "registratie.lua", 20_000_000)
        api_rps, p50, p99, errors = run_wrk(url, script, args.concurrency, args.duration)
        dsn = database_url.replace("postgresql+asyncpg", "postgresql")
        raw_rps = asyncio.run(raw_inserts(dsn, args.concurrency, args.duration))
    finally:
        if server is not None:
            server.terminate()
            server.wait(timeout=10)
        admin("drop", database_url)
    print("| measure | per second | p50 ms | p99 ms | errors |")
    print("|---|---|---|---|---|")
    print(f"| raw asyncpg inserts of the same rows (baseline) | {raw_rps:,.0f} | | | |")
    print(
        f"| POST /v1/casussen, concurrency {args.concurrency} | {api_rps:,.0f} | {p50:.1f} | {p99:.1f} | {errors} |"
    )
    print(f"\nAPI / raw: {api_rps / raw_rps:.0%} (goal ≥ 25%)")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
