"""Priority-list checks over HTTP as NDJSON: candidates/s and the server's peak memory.

    .venv/bin/python bench/bench_prioritering_ndjson.py [--sizes 100000 1000000] [--pg URL]

Creates a fresh PostgreSQL database, migrates and seeds it, and for every size starts a
fresh `zvh serve` on 127.0.0.1 (pinned to CPU 0), creates and publishes a list with the
criterion of bench_prioritering_rules.py, and streams that many candidates (ten facts
each) to POST /v1/prioriteringslijsten/{id}/toetsingen as chunked application/x-ndjson
while reading the NDJSON answer at the same time (client pinned to CPU 1). It reports the
rate against the in-process rate measured in the same run (goal: at least 50%), and the
server's peak RSS (VmHWM) per size (goal: 1,000,000 within 10% of 100,000). Loopback only.
"""

import argparse
import asyncio
import json
import os
import subprocess
import sys
import tempfile
import time
import urllib.request
from collections.abc import Iterator
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from app.domain.deelnemer import Deelnemer
from app.routers._toetsing_codec import Regelcodec
from app.rules.prioritering import parse_criteria
from app.seed import DEMO, JOINED
from app.services.prioriteringstoetsing import Toetsing
from bench.bench_prioritering_rules import CRITERIA, PEILDATUM, candidates, measure, rate
from bench.run import BIN, ROOT, admin, free_port, pinned, wait_until_up

CHUNK_LINES = 100
TIMEOUT = 900.0


def demo_deelnemers() -> list[Deelnemer]:
    return [
        Deelnemer("zvh-demo", id, naam, soort, categorie, geheim, JOINED)
        for id, naam, soort, categorie, geheim in DEMO["zvh-demo"][1]
    ]


def candidate_lines(pool_size: int = 1000) -> list[bytes]:
    return [
        json.dumps(
            {
                "ref": f"kandidaat-{i:06d}",
                "feiten": [
                    {
                        "soort": feit["soort"].value,
                        "categorie": feit["categorie"],
                        "datum": feit["datum"].isoformat(),
                        "bron": "politie" if n % 2 else "om",
                    }
                    for n, feit in enumerate(feiten)
                ],
            },
            separators=(",", ":"),
        ).encode()
        + b"\n"
        for i, feiten in enumerate(candidates(pool_size))
    ]


def chunks(lines: list[bytes], total: int) -> Iterator[bytes]:
    """`total` lines in chunks of CHUNK_LINES, cycling through the pool."""
    prepared = [b"".join(lines[i : i + CHUNK_LINES]) for i in range(0, len(lines), CHUNK_LINES)]
    sent = 0
    index = 0
    while sent < total:
        count = min(CHUNK_LINES, total - sent)
        chunk = prepared[index % len(prepared)]
        if count < CHUNK_LINES:
            chunk = b"".join(lines[:count])
        yield chunk
        sent += count
        index += 1


async def stream(
    port: int, path: str, token: str, lines: list[bytes], total: int
) -> tuple[int, int, float, str]:
    """Send `total` candidates and read the answer concurrently: (lines, matches, s, status)."""
    reader, writer = await asyncio.open_connection("127.0.0.1", port)
    head = (
        f"POST {path} HTTP/1.1\r\nHost: 127.0.0.1\r\nAuthorization: Bearer {token}\r\n"
        "Content-Type: application/x-ndjson\r\nTransfer-Encoding: chunked\r\n"
        "Connection: close\r\n\r\n"
    ).encode()
    started = time.perf_counter()

    async def send() -> None:
        writer.write(head)
        for chunk in chunks(lines, total):
            writer.write(b"%x\r\n%s\r\n" % (len(chunk), chunk))
            await writer.drain()
        writer.write(b"0\r\n\r\n")
        await writer.drain()

    async def receive() -> tuple[int, int, str]:
        status = (await reader.readline()).decode().strip()
        headers = {}
        while (line := await reader.readline()) not in (b"\r\n", b""):
            key, _, value = line.decode().partition(":")
            headers[key.strip().lower()] = value.strip()
        count = matches = 0
        if headers.get("transfer-encoding") != "chunked":
            body = await reader.read()
            return body.count(b"\n"), body.count(b'"voldoet":true'), f"{status} {body[:300]!r}"
        while True:
            size = int((await reader.readline()).strip() or b"0", 16)
            if size == 0:
                break
            data = await reader.readexactly(size)
            await reader.readexactly(2)
            count += data.count(b"\n")
            matches += data.count(b'"voldoet":true')
        return count, matches, status

    sender = asyncio.create_task(send())
    count, matches, status = await receive()
    await sender
    elapsed = time.perf_counter() - started
    writer.close()
    return count, matches, elapsed, status


def line_rate(lines: list[bytes], seconds: float) -> float:
    """The server's per-line work without HTTP: validate, check sources, evaluate, encode."""
    bronnen = {d.id: d for d in demo_deelnemers()}
    codec = Regelcodec(Toetsing("bench", 1, parse_criteria(CRITERIA), bronnen), PEILDATUM)
    return rate(lambda i: codec.regel(lines[i % len(lines)], i), seconds)


def peak_rss_kib(pid: int) -> int:
    for line in Path(f"/proc/{pid}/status").read_text().splitlines():
        if line.startswith("VmHWM:"):
            return int(line.split()[1])
    raise RuntimeError("VmHWM not found")


def post(url: str, token: str, body: dict[str, object] | None) -> dict[str, object]:
    request = urllib.request.Request(  # noqa: S310 (loopback only)
        url, data=json.dumps(body).encode() if body is not None else b"", method="POST"
    )
    request.add_header("Authorization", f"Bearer {token}")
    if body is not None:
        request.add_header("Content-Type", "application/json")
    with urllib.request.urlopen(request, timeout=30) as response:  # noqa: S310
        result: dict[str, object] = json.loads(response.read())
        return result


def main() -> int:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--sizes", type=int, nargs="+", default=[100_000, 1_000_000])
    parser.add_argument("--seconds", type=float, default=2.0, help="in-process measurement")
    parser.add_argument(
        "--pg",
        default=os.environ.get(
            "ZVH_BENCH_POSTGRES_URL", "postgresql+asyncpg://postgres@127.0.0.1:5432"
        ),
    )
    args = parser.parse_args()
    if any(size > 5_000_000 for size in args.sizes):
        parser.error("sizes are capped at 5,000,000")

    # Measured on the server's CPU, so that machine load hits both figures alike.
    cpus = os.sched_getaffinity(0)
    os.sched_setaffinity(0, {0})
    _base, in_process, _share = measure(args.seconds)
    line_path = line_rate(candidate_lines(), args.seconds)
    os.sched_setaffinity(0, cpus)
    print(f"in-process evaluator: {in_process:,.0f} candidates/s")
    print(f"in-process line path (validate, check sources, evaluate, encode): {line_path:,.0f}/s")

    database_url = f"{args.pg.rstrip('/')}/zvh_bench_ndjson_{os.getpid()}"
    admin("create", database_url)
    work = Path(tempfile.mkdtemp(prefix="zvh-bench-ndjson-"))
    env = {
        **os.environ,
        "ZVH_DATABASE_URL": database_url,
        "ZVH_DEV_KEY_DIR": str(work / "keys"),
        "ZVH_LOG_LEVEL": "WARNING",
    }
    lines = candidate_lines()
    rows: list[tuple[int, float, int, int, int]] = []
    try:
        subprocess.run([str(BIN / "zvh"), "migrate"], env=env, check=True, capture_output=True)
        subprocess.run([str(BIN / "zvh"), "seed-demo"], env=env, check=True, capture_output=True)
        token = subprocess.run(
            [str(BIN / "zvh"), "token", "--deelnemer", "gemeente-utrecht", "--ttl", "3600"],
            env=env,
            check=True,
            capture_output=True,
            text=True,
        ).stdout.strip()
        for number, size in enumerate(args.sizes):
            port = free_port()
            server = subprocess.Popen(
                [*pinned(0), str(BIN / "zvh"), "serve", "--port", str(port)],
                env=env,
                cwd=ROOT,
                stdout=subprocess.DEVNULL,
                stderr=subprocess.DEVNULL,
            )
            try:
                api = f"http://127.0.0.1:{port}"
                wait_until_up(f"{api}/health/ready")
                lijst = post(
                    f"{api}/v1/prioriteringslijsten",
                    token,
                    {"naam": f"Bench {number}", "omschrijving": "Benchmark.", "criteria": CRITERIA},
                )
                post(f"{api}/v1/prioriteringslijsten/{lijst['id']}/publicatie", token, None)
                idle = peak_rss_kib(server.pid)
                path = (
                    f"/v1/prioriteringslijsten/{lijst['id']}/toetsingen"
                    f"?peildatum={PEILDATUM.isoformat()}"
                )
                os.sched_setaffinity(0, {1} if (os.cpu_count() or 1) > 1 else {0})
                count, matches, elapsed, status = asyncio.run(
                    asyncio.wait_for(stream(port, path, token, lines, size), TIMEOUT)
                )
                if count != size or " 200 " not in f" {status} ":
                    print(f"unexpected answer: {status}, {count} lines", file=sys.stderr)
                    return 1
                peak = peak_rss_kib(server.pid)
                rows.append((size, size / elapsed, idle, peak, matches))
                print(
                    f"{size:>9,} candidates: {size / elapsed:>9,.0f}/s "
                    f"({size / elapsed / in_process:.0%} of in-process), "
                    f"{matches:,} meet the criteria, server peak RSS {peak / 1024:.1f} MiB "
                    f"(idle {idle / 1024:.1f} MiB)"
                )
            finally:
                server.terminate()
                server.wait(timeout=30)
    finally:
        admin("drop", database_url)

    print()
    print("| candidates | candidates/s | of in-process | peak RSS (MiB) | idle RSS (MiB) |")
    print("|---:|---:|---:|---:|---:|")
    for size, per_second, idle, peak, _matches in rows:
        print(
            f"| {size:,} | {per_second:,.0f} | {per_second / in_process:.0%} "
            f"| {peak / 1024:.1f} | {idle / 1024:.1f} |"
        )
    ok_rate = all(r[1] >= 0.5 * in_process for r in rows)
    ok_memory = len(rows) < 2 or rows[-1][3] <= 1.10 * rows[0][3]
    if len(rows) >= 2:
        print(f"\npeak RSS {rows[-1][0]:,} vs {rows[0][0]:,}: {rows[-1][3] / rows[0][3]:.3f}x")
    print(f"goal rate >= 50% of in-process: {'met' if ok_rate else 'NOT met'}")
    print(f"goal peak memory within 10%: {'met' if ok_memory else 'NOT met'}")
    return 0 if ok_rate and ok_memory else 1


if __name__ == "__main__":
    raise SystemExit(main())
