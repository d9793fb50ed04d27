"""HTTP benchmark harness: the API on PostgreSQL against the framework floor, in one run.

    .venv/bin/python bench/run.py [--scenario NAME ...] [--duration S] [--pg URL | --sqlite]

Starts a fresh PostgreSQL database, migrates and seeds it, serves the API (`zvh serve`,
one uvicorn worker) and the floor (bench/floor.py: bare Starlette returning the very same
bytes) pinned to CPU 0, and drives both with wrk pinned to CPU 1, at concurrency 1 and 32.
Prints a Markdown table (requests/s, p50, p99, ratio to the floor) and writes it as JSON
to bench/results/. The machines are noisy: compare ratios, not absolute numbers.

A case read (`casus`) on PostgreSQL is also held against the same-work floor
(bench/floor.py: one asyncpg select of the case and one log insert). `--sqlite` serves the
API on an SQLite file instead (no same-work floor there); with the `deelnemers` and `casus`
scenarios both, every run prints the case read as a ratio to `GET /v1/deelnemers`.
"""

import argparse
import json
import os
import re
import shutil
import socket
import subprocess
import sys
import tempfile
import time
import urllib.error
import urllib.request
from dataclasses import dataclass, field, replace
from datetime import UTC, datetime
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
BIN = ROOT / ".venv" / "bin"
RESULTS = ROOT / "bench" / "results"


@dataclass(frozen=True)
class Scenario:
    name: str
    method: str
    path: str
    deelnemer: str = "politie"
    rollen: tuple[str, ...] = ("medewerker",)
    body: dict[str, object] | None = None
    expect: int = 200


BEWAARTERMIJN_BODY: dict[str, object] = {
    "aanmelddatum": "2025-06-05",
    "afsluitdatum": "2031-02-23",
    "afwijzingsdatum": None,
    "verlengingen": [
        {"besluitdatum": "2030-06-01", "maanden": 24, "reden": "criteria-nog-van-toepassing"}
    ],
    "bronnen": [
        {
            "id": "b1",
            "deelnemer": "om",
            "instemmingVerlenging": False,
            "wettelijkeUiterlijkeBewaardatum": None,
        },
        {
            "id": "b2",
            "deelnemer": "politie",
            "instemmingVerlenging": True,
            "wettelijkeUiterlijkeBewaardatum": None,
        },
    ],
    "peildatum": "2026-01-01",
}

CRITERIA_BODY: dict[str, object] = {
    "fase": "intake",
    "criteria": {
        "a": {"mate": "voldaan", "betreft": ["betrokkene"], "onderbouwing": "Dakloos, schulden."},
        "b": {
            "mate": "voldaan",
            "leefgebieden": ["huisvesting", "middelengebruik"],
            "criminogeneFactoren": True,
            "onderbouwing": "Verslaving en dakloosheid.",
        },
        "c": {
            "mate": "voldaan",
            "gevolgen": ["criminaliteit"],
            "tijd": "heeft-geleid",
            "objectieveAanwijzingen": None,
            "onderbouwing": "Drie aangiften in 2025.",
        },
        "d": {
            "mate": "voldaan",
            "domeinen": ["zorg", "veiligheid"],
            "onderbouwing": "GGZ en politie nodig.",
        },
    },
}

AANMELDING_BODY: dict[str, object] = {
    "betrokkene": {
        "voornamen": "Jan",
        "achternaam": "Jansen",
        "geboortedatum": "1990-04-01",
        "bsn": "111222333",
    },
    "aanmeldreden": "Herhaalde overlast.",
    "criteria": CRITERIA_BODY["criteria"],
}

SCENARIOS = {
    s.name: s
    for s in (
        Scenario("deelnemers", "GET", "/v1/deelnemers"),
        # {casus} is replaced by a case the harness registers first (issue 5).
        Scenario("casus", "GET", "/v1/casussen/{casus}", deelnemer="gemeente-utrecht"),
        Scenario(
            "bewaartermijn", "POST", "/v1/bewaartermijn-berekeningen", body=BEWAARTERMIJN_BODY
        ),
        Scenario("criteria", "POST", "/v1/criteria-toetsingen", body=CRITERIA_BODY),
    )
}


@dataclass
class Measurement:
    target: str
    scenario: str
    concurrency: int
    rps: float
    p50_ms: float
    p99_ms: float
    errors: int
    extra: dict[str, float] = field(default_factory=dict)


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        port: int = sock.getsockname()[1]
        return port


def wait_until_up(url: str, timeout: float = 90) -> None:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        try:
            with urllib.request.urlopen(url, timeout=1):  # noqa: S310 (loopback only)
                return
        except urllib.error.HTTPError:
            return  # it answers: up
        except OSError:
            time.sleep(0.2)
    raise RuntimeError(f"server at {url} did not come up")


def pinned(cpu: int) -> list[str]:
    return (
        ["taskset", "-c", str(cpu)] if shutil.which("taskset") and (os.cpu_count() or 1) > 1 else []
    )


def request(url: str, scenario: Scenario, token: str) -> bytes:
    data = json.dumps(scenario.body).encode() if scenario.body is not None else None
    req = urllib.request.Request(url, data=data, method=scenario.method)  # noqa: S310
    req.add_header("Authorization", f"Bearer {token}")
    if data is not None:
        req.add_header("Content-Type", "application/json")
    with urllib.request.urlopen(req, timeout=10) as response:  # noqa: S310
        if response.status != scenario.expect:
            raise RuntimeError(f"{scenario.name}: status {response.status}")
        body: bytes = response.read()
        return body


def wrk_script(scenario: Scenario, token: str, directory: Path) -> Path:
    script = directory / f"{scenario.name}.lua"
    body = json.dumps(scenario.body) if scenario.body is not None else ""
    script.write_text(
        f'wrk.method = "{scenario.method}"\n'
        f"wrk.body = {json.dumps(body)}\n"
        f'wrk.headers["Authorization"] = "Bearer {token}"\n'
        + ('wrk.headers["Content-Type"] = "application/json"\n' if body else "")
    )
    return script


_UNITS = {"us": 0.001, "ms": 1.0, "s": 1000.0}


def _ms(text: str) -> float:
    match = re.fullmatch(r"([\d.]+)(us|ms|s)", text)
    if not match:
        raise ValueError(text)
    return float(match.group(1)) * _UNITS[match.group(2)]


def run_wrk(
    url: str, script: Path, concurrency: int, duration: int
) -> tuple[float, float, float, int]:
    command = [
        *pinned(1),
        "wrk",
        "-t1",
        f"-c{concurrency}",
        f"-d{duration}s",
        "--latency",
        "-s",
        str(script),
        url,
    ]
    output = subprocess.run(command, capture_output=True, text=True, check=True).stdout
    if "Latency Distribution" not in output:
        raise RuntimeError(f"wrk gave no latency distribution:\n{output}")
    rps = float(re.search(r"Requests/sec:\s+([\d.]+)", output).group(1))  # type: ignore[union-attr]
    distribution = output.split("Latency Distribution", 1)[1]
    p50 = _ms(re.search(r"50%\s+(\S+)", distribution).group(1))  # type: ignore[union-attr]
    p99 = _ms(re.search(r"99%\s+(\S+)", distribution).group(1))  # type: ignore[union-attr]
    errors_match = re.search(r"Non-2xx or 3xx responses:\s+(\d+)", output)
    socket_errors = re.search(r"Socket errors:.*", output)
    errors = int(errors_match.group(1)) if errors_match else 0
    if socket_errors:
        errors += sum(int(n) for n in re.findall(r"\d+", socket_errors.group(0)))
    return rps, p50, p99, errors


def admin(action: str, url: str) -> None:
    subprocess.run([str(BIN / "python"), "-m", "tests.pgadmin", action, url], check=True, cwd=ROOT)


def main() -> int:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--scenario", action="append", choices=sorted(SCENARIOS))
    parser.add_argument("--duration", type=int, default=10)
    parser.add_argument("--concurrency", type=int, action="append")
    parser.add_argument("--sqlite", action="store_true", help="serve the API on SQLite")
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
    scenarios = [SCENARIOS[name] for name in (args.scenario or sorted(SCENARIOS))]
    levels = args.concurrency or [1, 32]

    work = Path(tempfile.mkdtemp(prefix="zvh-bench-"))
    if args.sqlite:
        database_url = f"sqlite+aiosqlite:///{work / 'bench.db'}"
    else:
        database_url = f"{args.pg.rstrip('/')}/zvh_bench_{os.getpid()}"
        admin("create", database_url)
    env = {
        **os.environ,
        "ZVH_DATABASE_URL": database_url,
        "ZVH_DEV_KEY_DIR": str(work / "keys"),
        "ZVH_LOG_LEVEL": "WARNING",
    }
    processes: list[subprocess.Popen[bytes]] = []
    measurements: list[Measurement] = []
    try:
        subprocess.run([str(BIN / "zvh"), "migrate"], env=env, check=True, capture_output=True)
        subprocess.run([str(BIN / "zvh"), "seed-demo"], env=env, check=True, capture_output=True)
        api_port, floor_port = free_port(), free_port()
        processes.append(
            subprocess.Popen(
                [*pinned(0), str(BIN / "zvh"), "serve", "--port", str(api_port)],
                env=env,
                stdout=subprocess.DEVNULL,
                stderr=subprocess.DEVNULL,
            )
        )
        api = f"http://127.0.0.1:{api_port}"
        wait_until_up(f"{api}/health/ready")

        floor_routes: dict[str, dict[str, str]] = {}
        tokens: dict[str, str] = {}
        for scenario in scenarios:
            rollen = [arg for rol in scenario.rollen for arg in ("--rol", rol)]
            tokens[scenario.name] = subprocess.run(
                [
                    str(BIN / "zvh"),
                    "token",
                    "--deelnemer",
                    scenario.deelnemer,
                    *rollen,
                    "--ttl",
                    "3600",
                ],
                env=env,
                check=True,
                capture_output=True,
                text=True,
            ).stdout.strip()
            if "{casus}" in scenario.path:
                created = json.loads(
                    request(
                        api + "/v1/casussen",
                        Scenario("aanmelding", "POST", "", body=AANMELDING_BODY, expect=201),
                        tokens[scenario.name],
                    )
                )
                scenario = replace(scenario, path=scenario.path.replace("{casus}", created["id"]))
                scenarios[scenarios.index(SCENARIOS[scenario.name])] = scenario
            body_file = work / f"{scenario.name}.body"
            body_file.write_bytes(request(api + scenario.path, scenario, tokens[scenario.name]))
            floor_routes[scenario.path] = {"method": scenario.method, "file": str(body_file)}
            if scenario.name == "casus":
                floor_routes[scenario.path]["same_work"] = "casus"

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
                env={
                    **env,
                    "ZVH_BENCH_FLOOR_ROUTES": json.dumps(floor_routes),
                    **(
                        {}
                        if args.sqlite
                        else {"ZVH_BENCH_FLOOR_DSN": database_url.replace("+asyncpg", "")}
                    ),
                },
                cwd=ROOT,
                stdout=subprocess.DEVNULL,
                stderr=subprocess.DEVNULL,
            )
        )
        floor = f"http://127.0.0.1:{floor_port}"
        wait_until_up(floor + scenarios[0].path if scenarios[0].method == "GET" else floor + "/")
        for scenario in scenarios:
            script = wrk_script(scenario, tokens[scenario.name], work)
            targets = [("floor", floor), ("api", api)]
            if scenario.name == "casus" and not args.sqlite:
                targets.insert(1, ("same-work", floor + "/werkvloer"))
            for concurrency in levels:
                for target, base in targets:
                    run_wrk(base + scenario.path, script, concurrency, 2)  # warm-up
                    rps, p50, p99, errors = run_wrk(
                        base + scenario.path, script, concurrency, args.duration
                    )
                    measurements.append(
                        Measurement(target, scenario.name, concurrency, rps, p50, p99, errors)
                    )
    finally:
        for process in processes:
            process.terminate()
            process.wait(timeout=10)
        if not args.sqlite:
            admin("drop", database_url)
        shutil.rmtree(work, ignore_errors=True)
    print(f"database: {'SQLite' if args.sqlite else 'PostgreSQL'}; load: {os.getloadavg()}")
    report(measurements)
    return 0


def report(measurements: list[Measurement]) -> None:
    print(
        "| scenario | concurrency | floor req/s | API req/s | API / floor | API p50 ms | API p99 ms | floor p99 ms | errors |"
    )
    print("|---|---|---|---|---|---|---|---|---|")
    floors = {(m.scenario, m.concurrency): m for m in measurements if m.target == "floor"}
    for m in measurements:
        if m.target != "api":
            continue
        f = floors[(m.scenario, m.concurrency)]
        print(
            f"| {m.scenario} | {m.concurrency} | {f.rps:,.0f} | {m.rps:,.0f} | {m.rps / f.rps:.0%} "
            f"| {m.p50_ms:.2f} | {m.p99_ms:.2f} | {f.p99_ms:.2f} | {m.errors + f.errors} |"
        )
    same_work = {(m.scenario, m.concurrency): m for m in measurements if m.target == "same-work"}
    api = {(m.scenario, m.concurrency): m for m in measurements if m.target == "api"}
    for (scenario, concurrency), w in sorted(same_work.items()):
        m = api[(scenario, concurrency)]
        print(
            f"\n{scenario}, c={concurrency}: same-work floor {w.rps:,.0f} req/s (p99 "
            f"{w.p99_ms:.2f} ms, errors {w.errors}), API {m.rps:,.0f} req/s: "
            f"API / same-work floor {m.rps / w.rps:.0%}"
        )
    for (scenario, concurrency), m in sorted(api.items()):
        base = api.get(("deelnemers", concurrency))
        if scenario == "casus" and base is not None:
            print(
                f"\ncasus, c={concurrency}: {m.rps:,.0f} req/s, GET /v1/deelnemers "
                f"{base.rps:,.0f} req/s: casus / deelnemers {m.rps / base.rps:.0%}"
            )
    RESULTS.mkdir(parents=True, exist_ok=True)
    stamp = datetime.now(UTC).strftime("%Y%m%dT%H%M%SZ")
    (RESULTS / f"http-{stamp}.json").write_text(
        json.dumps([m.__dict__ for m in measurements], indent=2)
    )


if __name__ == "__main__":
    raise SystemExit(main())
