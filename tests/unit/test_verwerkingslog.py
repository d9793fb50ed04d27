"""The processing log's one writer: entries of a unit of work, for a participant or the system."""

from datetime import UTC, datetime

import pytest

from app.domain.verwerking import Handeling, Resultaat
from app.observability import trace_context_from, trace_var
from app.services.verwerkingslog import SYSTEEM, Verwerker, Verwerkingslog


def test_a_batch_records_as_the_system_in_one_trace() -> None:
    log = Verwerkingslog()
    door = Verwerker.systeem("zvh-1", "zvh priority-lists reevaluate")
    log.record(door, "prioriteringslijst-toetsen", Handeling.RAADPLEGEN, casus_id="c-1")
    moment = datetime(2026, 12, 3, 5, 0, tzinfo=UTC)
    log.record(
        door,
        "prioriteringslijst-verwijderen",
        Handeling.WIJZIGEN,
        casus_id="c-2",
        betrokkene="p-2",
        tijdstip=moment,
    )
    first, second = log.take()
    assert (first.zvh, first.sub, first.deelnemer, first.rollen) == (
        "zvh-1",
        "zvh priority-lists reevaluate",
        SYSTEEM,
        (),
    )
    assert first.resultaat is Resultaat.GESLAAGD
    assert first.trace_id == second.trace_id
    assert first.id != second.id
    assert (second.casus_id, second.betrokkene, second.tijdstip) == ("c-2", "p-2", moment)
    assert log.take() == []  # handed over once


def test_a_request_records_in_the_request_trace() -> None:
    trace = trace_context_from(None)
    token = trace_var.set(trace)
    try:
        log = Verwerkingslog()
        log.record(
            Verwerker("zvh-1", "u-1", "gemeente-a", ("beheerder",)), "datalek", Handeling.RAADPLEGEN
        )
    finally:
        trace_var.reset(token)
    (entry,) = log.take()
    assert (entry.trace_id, entry.span_id) == (trace.trace_id, trace.span_id)
    assert entry.rollen == ("beheerder",)


def test_an_unknown_activity_is_a_programming_error() -> None:
    with pytest.raises(ValueError, match="unknown processing activity"):
        Verwerkingslog().record(Verwerker("z", "s", "d"), "onbekend", Handeling.RAADPLEGEN)
