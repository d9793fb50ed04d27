"""Progress and result of a long-running command, the same way for every command.

On a terminal: a progress bar (rich) and a summary line. Elsewhere (cron, systemd, CI):
JSON lines on stderr, one at the start, one at most every `interval` seconds while it
runs, one at the end with the counts. `print_result` writes a command's `--json` result
on stdout. Only counts, job names and kinds of count pass through here: never an id of a
person, a name or any other personal datum.
"""

import json
import sys
import time
from collections.abc import Callable, Mapping
from pathlib import Path
from types import TracebackType
from typing import Any, Protocol, Self, TextIO

from app import metrics
from app.metrics import JobName, Outcome


class Voortgang(Protocol):
    """What a service reports while it works (Job is one; tests may pass another)."""

    def start(self, total: int | None, unit: str) -> None: ...

    def advance(self, done: int = 1) -> None: ...


class Job:
    """One run of a long-running command: progress while it runs, counts when it ends."""

    def __init__(
        self,
        name: JobName,
        *,
        stream: TextIO | None = None,
        interval: float = 10.0,
        textfile_dir: Path | None = None,
        clock: Callable[[], float] = time.monotonic,
    ) -> None:
        self.name = name
        self.stream = stream or sys.stderr
        self.interval = interval
        self.textfile_dir = textfile_dir
        self.clock = clock
        self.terminal = self.stream.isatty()
        self.started = clock()
        self.last_line = self.started
        self.total: int | None = None
        self.unit = ""
        self.done = 0
        self.finished = False
        self._bar: Any = None  # rich's Progress, on a terminal
        self._task: Any = None

    def __enter__(self) -> Self:
        return self

    def __exit__(
        self,
        exc_type: type[BaseException] | None,
        exc: BaseException | None,
        _tb: TracebackType | None,
    ) -> None:
        if not self.finished:
            self.finish(Outcome.FAILED if exc_type else Outcome.SUCCEEDED, {})

    def start(self, total: int | None, unit: str) -> None:
        self.total, self.unit = total, unit
        if self.terminal:
            from rich.console import Console
            from rich.progress import (
                BarColumn,
                MofNCompleteColumn,
                Progress,
                TextColumn,
                TimeElapsedColumn,
                TimeRemainingColumn,
            )

            self._bar = Progress(
                TextColumn(f"{self.name.value} ({unit})"),
                BarColumn(),
                MofNCompleteColumn(),
                TimeElapsedColumn(),
                TimeRemainingColumn(),
                console=Console(file=self.stream),
                transient=True,
            )
            self._bar.start()
            self._task = self._bar.add_task(self.name.value, total=total)
        else:
            self._line("start", total=total, unit=unit)

    def advance(self, done: int = 1) -> None:
        self.done += done
        if self._bar is not None:
            self._bar.update(self._task, completed=self.done)
        elif not self.terminal and self.clock() - self.last_line >= self.interval:
            self._line("progress", done=self.done, total=self.total, unit=self.unit)

    def note(self, message: str) -> None:
        """A line for the operator while the job runs (never personal data)."""
        if self._bar is not None:
            self._bar.console.print(message, markup=False, highlight=False)
        elif self.terminal:
            print(message, file=self.stream)
        else:
            self._line("note", message=message)

    def finish(
        self, outcome: Outcome, counts: Mapping[str, int], reason: str | None = None
    ) -> None:
        """Report the counts (and why it refused or failed), count the run in the metrics,
        and leave the textfile."""
        self.finished = True
        seconds = round(self.clock() - self.started, 3)
        if self._bar is not None:
            self._bar.stop()
        if self.terminal:
            summary = ", ".join(f"{kind.replace('_', ' ')} {n}" for kind, n in counts.items())
            because = f": {reason}" if reason else ""
            print(
                f"{self.name.value}: {outcome.value}{because} ({summary}; {seconds} s)",
                file=self.stream,
            )
        else:
            extra = {"reason": reason} if reason else {}
            self._line("finish", outcome=outcome.value, counts=dict(counts), **extra)
        metrics.record_job(self.name, outcome, counts)
        if self.textfile_dir is not None:
            metrics.write_job_textfile(
                self.textfile_dir,
                self.name,
                outcome,
                counts,
                finished_at=time.time(),
                seconds=seconds,
            )

    def _line(self, event: str, **fields: Any) -> None:
        now = self.clock()
        self.last_line = now
        entry = {
            "job": self.name.value,
            "event": event,
            **fields,
            "elapsed_seconds": round(now - self.started, 3),
        }
        print(json.dumps(entry), file=self.stream, flush=True)


def print_result(result: Mapping[str, Any]) -> None:
    """A command's `--json` result: one JSON document on stdout."""
    print(json.dumps(result, ensure_ascii=False, indent=2))
