"""Two workers against one on the case read, in one run (issue 16: ≥ 1.7× on 2 cores).

Run: .venv/bin/python bench/bench_workers.py [--duration 10] [--concurrency 32]
     [--rounds 2] [--pg postgresql+asyncpg://postgres@127.0.0.1:5432]

A fresh PostgreSQL database (dropped afterwards), migrated and seeded, with one
registered case. `zvh serve --workers 1` and `--workers 2` take turns on one port for
`--rounds` rounds (alternating, so that drift in the machine's load hits both), each
driven by wrk with `GET /v1/casussen/{id}` as the case's registrant. Nothing is pinned: the
workers, PostgreSQL and wrk share the machine's cores, as a small replica would. Prints
requests/s and p50/p99 per round and the ratio of the best two-worker round to the best
one-worker round.

It also accounts for the CPU of each round (from /proc, Linux only): the server's
processes (manager and workers), PostgreSQL's, wrk's, and the machine's busy time as a
whole, as CPU-milliseconds per request and as cores in use. On a machine whose cores
the workers share with the database and the load generator, that shows whether a second
worker had any core to run on (the ratio's bound) or whether the workers were held up by
something else (a lock, the database).
"""

import argparse
import json
import os
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from bench.cpu import CpuSnapshot, CpuUse
from bench.run import (
    AANMELDING_BODY,
    BIN,
    SCENARIOS,
    Scenario,
    admin,
    free_port,
    request,
    run_wrk,
    wait_until_up,
    wrk_script,
)


def serve(env: dict[str, str], port: int, workers: int) -> subprocess.Popen[bytes]:
    process = subprocess.Popen(
        [str(BIN / "zvh"), "serve", "--port", str(port), "--workers", str(workers)],
        env=env,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    wait_until_up(f"http://127.0.0.1:{port}/health/ready")
    return process


def main() -> int:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--duration", type=int, default=10)
    parser.add_argument("--concurrency", type=int, default=32)
    parser.add_argument("--rounds", type=int, default=2)
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
    database_url = f"{args.pg.rstrip('/')}/zvh_bench_workers_{os.getpid()}"
    admin("create", database_url)
    work = Path(tempfile.mkdtemp(prefix="zvh-bench-"))
    env = {
        **os.environ,
        "ZVH_DATABASE_URL": database_url,
        "ZVH_DEV_KEY_DIR": str(work / "keys"),
        "ZVH_LOG_LEVEL": "WARNING",
    }
    results: dict[int, list[tuple[float, float, float, int]]] = {1: [], 2: []}
    cpu: dict[int, list[CpuUse]] = {1: [], 2: []}
    try:
        subprocess.run([str(BIN / "zvh"), "migrate"], env=env, check=True, capture_output=True)
        subprocess.run([str(BIN / "zvh"), "seed-demo"], env=env, check=True, capture_output=True)
        casus = SCENARIOS["casus"]
        token = subprocess.run(
            [str(BIN / "zvh"), "token", "--deelnemer", casus.deelnemer, "--ttl", "3600"],
            env=env,
            check=True,
            capture_output=True,
            text=True,
        ).stdout.strip()
        port = free_port()
        api = f"http://127.0.0.1:{port}"
        process = serve(env, port, 1)
        try:
            created = json.loads(
                request(
                    api + "/v1/casussen",
                    Scenario("aanmelding", "POST", "", body=AANMELDING_BODY, expect=201),
                    token,
                )
            )
        finally:
            process.terminate()
            process.wait(timeout=30)
        path = casus.path.replace("{casus}", created["id"])
        script = wrk_script(Scenario("casus", "GET", path), token, work)
        for _ in range(args.rounds):
            for workers in (1, 2):
                process = serve(env, port, workers)
                try:
                    run_wrk(api + path, script, args.concurrency, 2)  # warm-up
                    before, started = CpuSnapshot.take(process.pid), time.monotonic()
                    results[workers].append(
                        run_wrk(api + path, script, args.concurrency, args.duration)
                    )
                    cpu[workers].append(
                        CpuUse.between(
                            before, CpuSnapshot.take(process.pid), time.monotonic() - started
                        )
                    )
                finally:
                    process.terminate()
                    process.wait(timeout=30)
                time.sleep(1)
    finally:
        admin("drop", database_url)
        shutil.rmtree(work, ignore_errors=True)
    cores = os.cpu_count() or 1
    print(
        "| workers | round | req/s | p50 ms | p99 ms | errors "
        "| CPU ms/request: server / PostgreSQL / wrk | cores busy: server / PostgreSQL / wrk "
        f"/ rest / idle (of {cores}) |"
    )
    print("|---:|---:|---:|---:|---:|---:|---|---|")
    for workers, rounds in results.items():
        for number, ((rps, p50, p99, errors), use) in enumerate(
            zip(rounds, cpu[workers], strict=True), 1
        ):
            requests = rps * use.wall
            per_request = " / ".join(
                f"{1000 * seconds / requests:.2f}"
                for seconds in (use.server, use.postgres, use.wrk)
            )
            rest = use.busy - use.server - use.postgres - use.wrk
            in_use = " / ".join(
                f"{seconds / use.wall:.2f}"
                for seconds in (
                    use.server,
                    use.postgres,
                    use.wrk,
                    rest,
                    cores * use.wall - use.busy,
                )
            )
            print(
                f"| {workers} | {number} | {rps:,.0f} | {p50:.2f} | {p99:.2f} | {errors} "
                f"| {per_request} | {in_use} |"
            )
    best = {workers: max(r[0] for r in rounds) for workers, rounds in results.items()}
    print(f"\ntwo workers / one worker (best rounds): {best[2] / best[1]:.2f}×")
    print(f"load average at the end: {os.getloadavg()[0]:.2f}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
