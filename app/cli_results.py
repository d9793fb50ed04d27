"""What `zvh retention sweep`, `zvh priority-lists reevaluate` and `zvh deadlines` print
when they end.

With `--json`: one JSON document on stdout with counts (per partnership for the sweep), for
jobs. Without: the listing an operator reads. Neither holds personal data; only the human
sweep listing names case and source ids, as it did before.
"""

import argparse
import sys
from datetime import date
from typing import TYPE_CHECKING

from app.metrics import JobName, Outcome
from app.progress import print_result

if TYPE_CHECKING:
    from app.services.archivering import Uitkomst
    from app.services.prioriteringsplaatsingen import Herbeoordelingsresultaat


def reevaluation_counts(resultaten: "list[Herbeoordelingsresultaat]") -> dict[str, int]:
    return {
        "lists": len(resultaten),
        "evaluated": sum(r.beoordeeld for r in resultaten),
        "kept": sum(r.gehandhaafd for r in resultaten),
        "removed": sum(len(r.verwijderd) for r in resultaten),
        "not_evaluated": sum(r.niet_beoordeeld for r in resultaten),
    }


def reevaluation(
    resultaten: "list[Herbeoordelingsresultaat]", peildatum: date, *, as_json: bool
) -> None:
    # Counts only: no case, person or fact leaves the database through this output.
    if as_json:
        print_result(
            {
                "job": JobName.PRIORITY_LISTS_REEVALUATE.value,
                "outcome": Outcome.SUCCEEDED.value,
                "as_of": peildatum.isoformat(),
                "counts": reevaluation_counts(resultaten),
                "lists": [
                    {
                        "list": r.lijst_id,
                        "version": r.versie,
                        "evaluated": r.beoordeeld,
                        "kept": r.gehandhaafd,
                        "removed": len(r.verwijderd),
                        "not_evaluated": r.niet_beoordeeld,
                    }
                    for r in resultaten
                ],
            }
        )
        return
    for r in resultaten:
        print(
            f"{r.lijst_id}: versie {r.versie}, beoordeeld {r.beoordeeld}, gehandhaafd "
            f"{r.gehandhaafd}, verwijderd {len(r.verwijderd)}, niet beoordeeld {r.niet_beoordeeld}"
        )
    print(
        f"{len(resultaten)} published list(s) re-evaluated on {peildatum.isoformat()}",
        file=sys.stderr,
    )


def sweep_counts(uitkomst: "Uitkomst") -> dict[str, int]:
    return {
        "due_cases": sum(map(len, uitkomst.casussen.values())),
        "due_sources": sum(map(len, uitkomst.bronnen.values())),
        "archived": uitkomst.gearchiveerd,
        "sources_archived": uitkomst.bronnen_gearchiveerd,
        "skipped": uitkomst.overgeslagen,
        "failed": len(uitkomst.mislukt),
    }


def sweep(
    args: argparse.Namespace, outcome: Outcome, uitkomst: "Uitkomst | None", reason: str | None
) -> None:
    if args.json:
        print_result(
            {
                "job": JobName.RETENTION_SWEEP.value,
                "outcome": outcome.value,
                "reason": reason,
                "as_of": args.as_of.isoformat(),
                "execute": args.execute,
                "counts": sweep_counts(uitkomst) if uitkomst is not None else {},
                "partnerships": _per_partnership(uitkomst) if uitkomst is not None else {},
            }
        )
        return
    if uitkomst is None:
        return
    _print_plan(uitkomst, args.as_of)
    if outcome is Outcome.REFUSED:
        return
    if args.execute:
        print(
            f"archived and anonymised: {uitkomst.gearchiveerd} cases, "
            f"{uitkomst.bronnen_gearchiveerd} sources; skipped (done or no longer due): "
            f"{uitkomst.overgeslagen}; failed: {len(uitkomst.mislukt)}"
        )
    else:
        print("dry run: nothing changed (use --execute to archive and anonymise)")


def _per_partnership(uitkomst: "Uitkomst") -> dict[str, dict[str, int]]:
    return {
        zvh: {
            "due_cases": len(uitkomst.casussen.get(zvh, [])),
            "due_sources": len(uitkomst.bronnen.get(zvh, [])),
        }
        for zvh in sorted(set(uitkomst.casussen) | set(uitkomst.bronnen))
    }


def _print_plan(uitkomst: "Uitkomst", as_of: object) -> None:
    print(f"due before {as_of}:")
    for zvh in sorted(set(uitkomst.casussen) | set(uitkomst.bronnen)):
        cases = uitkomst.casussen.get(zvh, [])
        bronnen = uitkomst.bronnen.get(zvh, [])
        print(f"  {zvh}: {len(cases)} cases, {len(bronnen)} sources of kept cases")
        for casus_id in cases:
            print(f"    casus {casus_id}")
        for casus_id, bron_id in bronnen:
            print(f"    bron  {casus_id} {bron_id}")
    if not uitkomst.casussen and not uitkomst.bronnen:
        print("  nothing")


def deadlines(
    per_zvh: dict[str, dict[str, int]], peildatum: date, binnen_dagen: int, *, as_json: bool
) -> None:
    """Counts per partnership of what is overdue or due soon: no id, no person."""
    if as_json:
        print_result(
            {
                "job": JobName.DEADLINES.value,
                "outcome": Outcome.SUCCEEDED.value,
                "as_of": peildatum.isoformat(),
                "within_days": binnen_dagen,
                "counts": deadline_totals(per_zvh),
                "partnerships": per_zvh,
            }
        )
        return
    for zvh, counts in per_zvh.items():
        summary = ", ".join(f"{kind.replace('_', ' ')} {n}" for kind, n in counts.items())
        print(f"{zvh}: {summary}")


def deadline_totals(per_zvh: dict[str, dict[str, int]]) -> dict[str, int]:
    totals: dict[str, int] = {}
    for counts in per_zvh.values():
        for kind, n in counts.items():
            totals[kind] = totals.get(kind, 0) + n
    return totals
