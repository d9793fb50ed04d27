"""In-process throughput of the retention rules on one core, against baselines of the same run.

Run: .venv/bin/python bench/bench_bewaartermijn_rules.py [--iterations N] [--repeats R]

Each iteration is one full calculation (validation, dates, sources, further extension,
grondslag and Dutch toelichting) of one of a mix of cases: the factsheet's five worked
examples, an open case, a rejected one, and one with three sources and two extensions.
The baselines run the same number of iterations of (a) an empty function call and (b) a
`date + timedelta` addition, so the figures can be compared across machines.
"""

import argparse
import os
import platform
import sys
import time
from collections.abc import Callable
from datetime import date, timedelta

from app.rules.bewaartermijn import calculate_bewaartermijn
from app.rules.bewaartermijn_typen import Bron, Casusdata, Verlenging, Verlengingsreden

S1 = Verlengingsreden.CRITERIA_NOG_VAN_TOEPASSING
S2 = Verlengingsreden.TERUGVALRISICO
PEILDATUM = date(2026, 1, 1)

MIX: tuple[Casusdata, ...] = (
    Casusdata(date(2025, 6, 5), afsluitdatum=date(2025, 12, 23)),
    Casusdata(date(2025, 6, 5), afsluitdatum=date(2030, 6, 5)),
    Casusdata(date(2025, 6, 5), afsluitdatum=date(2030, 1, 5)),
    Casusdata(date(2024, 3, 3), afsluitdatum=date(2024, 12, 1)),
    Casusdata(
        date(2025, 6, 5),
        afsluitdatum=date(2031, 2, 23),
        verlengingen=(Verlenging(date(2030, 6, 1), 24, S1),),
        bronnen=(Bron("b1", "om"),),
    ),
    Casusdata(date(2024, 2, 29)),
    Casusdata(date(2025, 6, 5), afwijzingsdatum=date(2025, 6, 20)),
    Casusdata(
        date(2025, 6, 5),
        afsluitdatum=date(2032, 1, 10),
        verlengingen=(
            Verlenging(date(2030, 6, 5), 24, S1),
            Verlenging(date(2032, 4, 1), 12, S2),  # in the decision window (issue 11)
        ),
        bronnen=(
            Bron("b1", "om", wettelijke_uiterlijke_bewaardatum=date(2031, 1, 1)),
            Bron("b2", "ggz", instemming_verlenging=True),
            Bron("b3", "politie"),
        ),
    ),
)


def _noop(_case: Casusdata, _peildatum: date) -> None:
    return None


def _date_arithmetic(case: Casusdata, peildatum: date) -> bool:
    return case.aanmelddatum + timedelta(days=1826) > peildatum


def measure(function: Callable[[Casusdata, date], object], iterations: int, repeats: int) -> float:
    """Best calls per second over `repeats` runs of `iterations` calls on the case mix."""
    cases = [MIX[i % len(MIX)] for i in range(iterations)]
    best = float("inf")
    for _ in range(repeats):
        start = time.perf_counter()
        for case in cases:
            function(case, PEILDATUM)
        best = min(best, time.perf_counter() - start)
    return iterations / best


def pin_to_one_core() -> str:
    if hasattr(os, "sched_setaffinity") and hasattr(os, "sched_getaffinity"):
        core = min(os.sched_getaffinity(0))
        os.sched_setaffinity(0, {core})
        return f"pinned to core {core}"
    return "not pinned (no sched_setaffinity)"


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--iterations", type=int, default=200_000)
    parser.add_argument("--repeats", type=int, default=5)
    parser.add_argument("--goal", type=float, default=100_000.0)
    args = parser.parse_args()

    pinned = pin_to_one_core()
    for case in MIX:  # warm up, and make sure every case in the mix is valid
        calculate_bewaartermijn(case, PEILDATUM)

    noop = measure(_noop, args.iterations, args.repeats)
    arithmetic = measure(_date_arithmetic, args.iterations, args.repeats)
    rules = measure(calculate_bewaartermijn, args.iterations, args.repeats)

    print(f"python {platform.python_version()} on {platform.machine()}, {pinned}")
    print(f"{args.iterations} iterations, best of {args.repeats}")
    print(f"baseline empty call        {noop:>12,.0f} /s")
    print(f"baseline date + timedelta  {arithmetic:>12,.0f} /s")
    print(f"retention calculations     {rules:>12,.0f} /s  ({1e6 / rules:.2f} µs each)")
    print(f"ratio to empty call        {rules / noop:>12.4f}")
    print(f"ratio to date arithmetic   {rules / arithmetic:>12.4f}")
    verdict = "meets" if rules >= args.goal else "MISSES"
    print(f"goal {args.goal:,.0f}/s: {verdict}")
    return 0 if rules >= args.goal else 1


if __name__ == "__main__":
    sys.exit(main())
