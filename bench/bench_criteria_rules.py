"""In-process BGS 2.20 assessments per second (goal: at least 100,000/s).

Run: .venv/bin/python bench/bench_criteria_rules.py [--seconds S]

The baseline, measured in the same run, builds the same frozen dataclasses without
evaluating them, so the ratio shows what the rule itself costs on this machine.
"""

import argparse
import platform
import time
from collections.abc import Callable, Sequence
from itertools import cycle, islice

from app.domain.criteria import (
    Betreft,
    Criteria,
    CriteriumA,
    CriteriumB,
    CriteriumC,
    CriteriumD,
    Domein,
    Fase,
    Gevolg,
    Leefgebied,
    Mate,
    Tijd,
)
from app.rules.criteria import assess_criteria

GOAL = 100_000
BATCH = 10_000

# A mix of admissible and refused assessments, so every rule path is on the clock.
_INPUTS: list[tuple[Mate, tuple[Leefgebied, ...], Tijd | None, str | None, tuple[Domein, ...]]] = [
    (Mate.VOLDAAN, (Leefgebied.HUISVESTING, Leefgebied.MIDDELENGEBRUIK), Tijd.HEEFT_GELEID, None, (Domein.ZORG, Domein.VEILIGHEID)),
    (Mate.VOLDAAN, (Leefgebied.FINANCIEN, Leefgebied.FINANCIEN), Tijd.ZOU_LEIDEN, "  ", (Domein.ZORG,)),
    (Mate.DEELS, (Leefgebied.JUSTITIE, Leefgebied.RELATIES_GEZIN), Tijd.ZOU_LEIDEN, "Dreiging.", tuple(Domein)),
    (Mate.ONBEKEND, (), None, None, ()),
]  # fmt: skip


def build(index: int) -> Criteria:
    mate, leefgebieden, tijd, aanwijzingen, domeinen = _INPUTS[index % len(_INPUTS)]
    return Criteria(
        a=CriteriumA(mate, (Betreft.BETROKKENE,), "Meldingen van huiselijk geweld."),
        b=CriteriumB(mate, leefgebieden, True, "Dakloos; verslaafd."),
        c=CriteriumC(mate, (Gevolg.CRIMINALITEIT,), tijd, aanwijzingen, "Veroordelingen."),
        d=CriteriumD(mate, domeinen, "" if index % 3 == 0 else "GGZ en politie."),
    )


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


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--seconds", type=float, default=2.0, help="time per measurement")
    args = parser.parse_args(argv)

    fases = list(islice(cycle(Fase), len(_INPUTS) * 3))
    prebuilt = [build(i) for i in range(len(fases))]

    def baseline(i: int) -> object:
        return build(i)

    def build_and_assess(i: int) -> object:
        return assess_criteria(build(i), fases[i % len(fases)])

    def assess_only(i: int) -> object:
        n = i % len(prebuilt)
        return assess_criteria(prebuilt[n], fases[n])

    rate(build_and_assess, 0.2)  # warm the caches and the interpreter
    base = rate(baseline, args.seconds)
    full = rate(build_and_assess, args.seconds)
    rule = rate(assess_only, args.seconds)

    print(f"python {platform.python_version()} on {platform.machine()} ({platform.system()})")
    print(f"baseline: build Criteria only       {base:>12,.0f} /s")
    print(f"build + assess_criteria             {full:>12,.0f} /s  ({full / base:.2f} x baseline)")
    print(f"assess_criteria on prebuilt input   {rule:>12,.0f} /s  ({rule / base:.2f} x baseline)")
    ok = full >= GOAL
    print(f"goal >= {GOAL:,}/s (build + assess): {'met' if ok else 'NOT met'}")
    return 0 if ok else 1


if __name__ == "__main__":
    raise SystemExit(main())
