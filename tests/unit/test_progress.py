"""The long-running command helper: JSON lines off a terminal, a bar on one, counts at the end."""

import io
import json
from pathlib import Path

import pytest
from prometheus_client.parser import text_string_to_metric_families

from app import metrics
from app.metrics import JobName, Outcome
from app.progress import Job


class Clock:
    def __init__(self) -> None:
        self.now = 100.0

    def __call__(self) -> float:
        return self.now


class Terminal(io.StringIO):
    def isatty(self) -> bool:
        return True


def _lines(stream: io.StringIO) -> list[dict[str, object]]:
    return [json.loads(line) for line in stream.getvalue().splitlines()]


def _runs(job: JobName, outcome: Outcome) -> float:
    value = metrics.REGISTRY.get_sample_value(
        "zvh_job_runs_total", {"job": job.value, "outcome": outcome.value}
    )
    return value or 0.0


def test_off_a_terminal_json_lines_at_most_every_interval() -> None:
    stream, clock = io.StringIO(), Clock()
    job = Job(JobName.RETENTION_SWEEP, stream=stream, interval=5.0, clock=clock)
    job.start(1000, "due cases and sources")
    for _ in range(10):  # 10 batches of 100, 2 seconds apart
        clock.now += 2.0
        job.advance(100)
    job.finish(Outcome.SUCCEEDED, {"archived": 990, "failed": 10})
    lines = _lines(stream)
    assert [line["event"] for line in lines] == [
        "start",
        "progress",
        "progress",
        "progress",
        "finish",
    ]
    assert [line.get("done") for line in lines if line["event"] == "progress"] == [300, 600, 900]
    assert lines[0] == {
        "job": "retention-sweep",
        "event": "start",
        "total": 1000,
        "unit": "due cases and sources",
        "elapsed_seconds": 0.0,
    }
    assert lines[-1]["counts"] == {"archived": 990, "failed": 10}
    assert lines[-1]["outcome"] == "succeeded"
    assert lines[-1]["elapsed_seconds"] == 20.0


def test_notes_are_json_lines_too() -> None:
    stream = io.StringIO()
    with Job(JobName.RETENTION_SWEEP, stream=stream) as job:
        job.note("failed: 0b7c/1 (IntegrityError)")
    note, finish = _lines(stream)
    assert (note["event"], note["message"]) == ("note", "failed: 0b7c/1 (IntegrityError)")
    assert (finish["event"], finish["outcome"]) == ("finish", "succeeded")


def test_on_a_terminal_a_bar_and_a_summary_not_json() -> None:
    stream = Terminal()
    job = Job(JobName.PRIORITY_LISTS_REEVALUATE, stream=stream)
    job.start(3, "published lists")
    job.advance(3)
    job.finish(Outcome.SUCCEEDED, {"lists": 3, "removed": 2})
    output = stream.getvalue()
    assert "priority-lists-reevaluate: succeeded (lists 3, removed 2;" in output
    assert '"event"' not in output


def test_a_failing_run_is_counted_as_failed() -> None:
    before = _runs(JobName.PRIORITY_LISTS_REEVALUATE, Outcome.FAILED)
    stream = io.StringIO()
    with pytest.raises(RuntimeError), Job(JobName.PRIORITY_LISTS_REEVALUATE, stream=stream):
        raise RuntimeError("database gone")
    assert _runs(JobName.PRIORITY_LISTS_REEVALUATE, Outcome.FAILED) == before + 1
    assert _lines(stream)[-1]["outcome"] == "failed"


def test_counts_feed_the_metrics_and_the_textfile(tmp_path: Path) -> None:
    before = metrics.REGISTRY.get_sample_value(
        "zvh_job_items_total", {"job": "retention-sweep", "kind": "archived"}
    )
    job = Job(JobName.RETENTION_SWEEP, stream=io.StringIO(), textfile_dir=tmp_path)
    job.start(5, "due cases and sources")
    job.finish(Outcome.SUCCEEDED, {"archived": 5, "failed": 0})
    after = metrics.REGISTRY.get_sample_value(
        "zvh_job_items_total", {"job": "retention-sweep", "kind": "archived"}
    )
    assert after == (before or 0.0) + 5
    text = (tmp_path / "zvh_retention_sweep.prom").read_text()
    samples = {
        (s.name, tuple(sorted(s.labels.items()))): s.value
        for family in text_string_to_metric_families(text)
        for s in family.samples
    }
    job_label = (("job", "retention-sweep"),)
    assert samples[("zvh_job_last_run_success", job_label)] == 1
    assert (
        samples[("zvh_job_last_run_items", (("job", "retention-sweep"), ("kind", "archived")))] == 5
    )
    assert ("zvh_job_last_run_timestamp_seconds", job_label) in samples
    assert not list(tmp_path.glob("*.tmp*")), "written atomically"
