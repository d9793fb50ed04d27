"""Processing-log writes with the hash chain vs without it, alternating in one run.

Run: .venv/bin/python -m bench.bench_logketen [--seconds 5] [--rounds 3] [--clients 1 --clients 16]
     [--pg postgresql+asyncpg://postgres@127.0.0.1:5432 | --sqlite]

Issue 13's goal: writes with the chain at >= 80% of the throughput without it, same run.
Creates a fresh PostgreSQL database (dropped afterwards; `--sqlite`: a file in a temporary
directory) and migrates it. Each client is a
request's end: one transaction writing one log record of one partnership and committing.
"keten" is the service's own `app.db.verwerkingen.write` (lock the partnership's chain head,
hash, insert, update the head); "zonder" inserts the same row (same width, fixed chain
values) as the service did before the chain. With all clients on ONE partnership, the
worst case, the chain serialises its writers from the head update to the commit. Rounds
alternate keten/zonder so that the machine's load falls on both alike; the best round of
each is compared. Also with the clients spread over 16 partnerships (a deployment serves
25): each partnership has its own chain head, so only its own writers queue.
"""

import argparse
import asyncio
import os
import tempfile
import time
import uuid
from datetime import UTC, datetime

from sqlalchemy import insert

from app.db import verwerkingen
from app.db.migrate import upgrade
from app.db.session import Database, create_engine
from app.db.tables import VerwerkingRow
from app.domain import logketen
from app.domain.verwerking import Handeling, Resultaat
from bench.run import admin

ZVH = "zvh-bench"


def _entry(zvh: str = ZVH) -> verwerkingen.Verwerking:
    return verwerkingen.Verwerking(
        id=str(uuid.uuid4()),
        zvh=zvh,
        tijdstip=datetime.now(UTC),
        trace_id=uuid.uuid4().hex,
        span_id=uuid.uuid4().hex[:16],
        activiteit="casus-raadplegen",
        handeling=Handeling.RAADPLEGEN,
        casus_id=str(uuid.uuid4()),
        betrokkene=str(uuid.uuid4()),
        sub="medewerker-1234",
        deelnemer="politie",
        rollen=("medewerker",),
        resultaat=Resultaat.GESLAAGD,
    )


async def _write_keten(database: Database, zvh: str = ZVH) -> None:
    async with database.session() as session:
        await verwerkingen.write(session, [_entry(zvh)])
        await session.commit()


async def _write_zonder(database: Database, zvh: str = ZVH) -> None:
    e = _entry()
    async with database.session() as session:
        await session.execute(
            insert(VerwerkingRow),
            [
                {
                    "id": e.id,
                    "zvh": "zvh-zonder",
                    "tijdstip": e.tijdstip,
                    "trace_id": e.trace_id,
                    "span_id": e.span_id,
                    "parent_span_id": None,
                    "activiteit": e.activiteit,
                    "handeling": e.handeling.value,
                    "casus_id": e.casus_id,
                    "betrokkene": e.betrokkene,
                    "sub": e.sub,
                    "deelnemer": e.deelnemer,
                    "rollen": "medewerker",
                    "resultaat": e.resultaat.value,
                    "reden": None,
                    "volgnummer": 0,
                    "vorige_hash": logketen.GENESIS,
                    "hash": logketen.GENESIS,
                }
            ],
        )
        await session.commit()


async def _round(
    database: Database, mode: str, clients: int, seconds: float, partnerships: int
) -> float:
    write = _write_keten if mode == "keten" else _write_zonder
    done = 0
    deadline = time.perf_counter() + seconds

    async def client(zvh: str) -> None:
        nonlocal done
        while time.perf_counter() < deadline:
            await write(database, zvh)
            done += 1

    started = time.perf_counter()
    await asyncio.gather(*(client(f"{ZVH}-{i % partnerships}") for i in range(clients)))
    return done / (time.perf_counter() - started)


async def _measure(url: str, clients: list[int], rounds: int, seconds: float) -> None:
    engine = create_engine(url, pool_size=max(clients))
    database = Database(engine)
    try:
        for _ in range(2):  # warm-up: connections, prepared statements, the chain head
            await _write_keten(database)
            await _write_zonder(database)
        print(
            "| clients | partnerships | zonder keten (records/s, best) "
            "| met keten (records/s, best) | ratio |"
        )
        print("|---|---|---|---|---|")
        for c in clients:
            for p in sorted({1, min(c, 16)}):
                best = {"keten": 0.0, "zonder": 0.0}
                for r in range(rounds):
                    order = ("keten", "zonder") if r % 2 == 0 else ("zonder", "keten")
                    for mode in order:
                        best[mode] = max(best[mode], await _round(database, mode, c, seconds, p))
                ratio = best["keten"] / best["zonder"]
                print(f"| {c} | {p} | {best['zonder']:,.0f} | {best['keten']:,.0f} | {ratio:.2f} |")
        from app.services import logketen as service

        breuken = [(await service.verify(database, f"{ZVH}-{i}"))[1] for i in range(16)]
        found = [str(b) for b in breuken if b is not None]
        print(f"the 16 chains after the run: {found or 'intact'}")
    finally:
        await engine.dispose()


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--seconds", type=float, default=5)
    parser.add_argument("--rounds", type=int, default=3)
    parser.add_argument("--clients", type=int, action="append")
    parser.add_argument(
        "--pg",
        default=os.environ.get(
            "ZVH_BENCH_POSTGRES_URL", "postgresql+asyncpg://postgres@127.0.0.1:5432"
        ),
    )
    parser.add_argument("--sqlite", action="store_true", help="a SQLite file instead")
    args = parser.parse_args()
    if args.sqlite:
        with tempfile.TemporaryDirectory() as directory:
            url = f"sqlite+aiosqlite:///{directory}/logketen.db"
            upgrade(url)
            asyncio.run(_measure(url, args.clients or [1, 16], args.rounds, args.seconds))
        return 0
    url = f"{args.pg.rstrip('/')}/zvh_bench_logketen_{uuid.uuid4().hex[:8]}"
    admin("create", url)
    try:
        upgrade(url)
        asyncio.run(_measure(url, args.clients or [1, 16], args.rounds, args.seconds))
    finally:
        admin("drop", url)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
