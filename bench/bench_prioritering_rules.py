"""In-process priority-list checks per second (goal: at least 200,000 candidates/s).

Run: .venv/bin/python bench/bench_prioritering_rules.py [--seconds S]

The criterion has three counts (alle: convictions, eenVan: arrests or nuisance reports);
each candidate has ten facts of mixed kinds, categories and dates, some after the
peildatum, so every path of the evaluator is timed. The baseline, measured in the same
run, is one pass over the same facts reading the fields the evaluator reads, so the
ratio shows what counting and the result cost on this machine.
"""

import argparse
import platform
import random
import time
from collections.abc import Callable, Sequence
from datetime import date, timedelta

from app.domain.prioritering import CATEGORIEEN, Feit, Soort
from app.rules.prioritering import compile_criteria, parse_criteria

GOAL = 200_000
BATCH = 10_000
PEILDATUM = date(2026, 1, 1)
CRITERIA = {
    "alle": [
        {"telling": {"soort": "veroordeling", "categorieen": ["geweld", "straatroof", "overval"], "periodeMaanden": 24}, "minimaal": 2},
        {
            "eenVan": [
                {"telling": {"soort": "aanhouding", "periodeMaanden": 12}, "minimaal": 3},
                {"telling": {"soort": "overlastmelding", "categorieen": ["woonoverlast"], "periodeMaanden": 6}, "minimaal": 2},
            ]
        },
    ]
}  # fmt: skip
GETELD = {Soort.VEROORDELING: "geweld", Soort.OVERLASTMELDING: "woonoverlast"}
SOORTEN = [Soort.VEROORDELING, Soort.AANHOUDING, Soort.OVERLASTMELDING, Soort.DETENTIE]


def candidates(count: int, facts: int = 10, seed: int = 2032) -> list[list[Feit]]:
    """Deterministic candidates: facts of four kinds over 30 months, some after the peildatum."""
    rnd = random.Random(seed)
    start = PEILDATUM - timedelta(days=2 * 365)
    result: list[list[Feit]] = []
    for _ in range(count):
        feiten: list[Feit] = []
        for _ in range(facts):
            soort = rnd.choice(SOORTEN)
            categorie = rnd.choice(sorted(CATEGORIEEN[soort]))
            if rnd.random() < 0.5:  # half of the facts in a category the criterion counts
                categorie = GETELD.get(soort, categorie)
            feiten.append(
                Feit(
                    soort=soort,
                    categorie=categorie,
                    datum=start + timedelta(days=rnd.randrange(2 * 365 + 30)),
                    bron="politie",
                )
            )
        result.append(feiten)
    return result


def rate(step: Callable[[int], object], seconds: float) -> float:
    """Calls per second of `step`, over whole batches, for at least `seconds`."""
    done = 0
    start = time.perf_counter()
    while True:
        for i in range(BATCH):
            step(i)
        done += BATCH
        elapsed = time.perf_counter() - start
        if elapsed >= seconds:
            return done / elapsed


def measure(seconds: float) -> tuple[float, float, float]:
    """(baseline, evaluate, share of candidates that meet the criterion) rates."""
    pool = candidates(1000)
    assess = compile_criteria(parse_criteria(CRITERIA), PEILDATUM)

    def baseline(i: int) -> object:
        n = 0
        for feit in pool[i % 1000]:
            if feit["soort"] and feit["datum"] <= PEILDATUM and feit["categorie"]:
                n += 1
        return n

    def evaluate(i: int) -> object:
        return assess(pool[i % 1000])

    rate(evaluate, 0.2)  # warm up
    base = rate(baseline, seconds)
    full = rate(evaluate, seconds)
    share = sum(assess(c).voldoet for c in pool) / len(pool)
    return base, full, share


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--seconds", type=float, default=2.0, help="time per measurement")
    args = parser.parse_args(argv)
    base, full, share = measure(args.seconds)
    print(f"python {platform.python_version()} on {platform.machine()} ({platform.system()})")
    print(f"criterion: 3 counts; 10 facts per candidate; {share:.0%} of candidates meet it")
    print(f"baseline: one pass reading the facts {base:>12,.0f} /s")
    print(f"compiled evaluator                   {full:>12,.0f} /s  ({full / base:.2f} x baseline)")
    ok = full >= GOAL
    print(f"goal >= {GOAL:,}/s: {'met' if ok else 'NOT met'}")
    return 0 if ok else 1


if __name__ == "__main__":
    raise SystemExit(main())
