"""Who spent the CPU of a measured round: the server's processes, PostgreSQL's, wrk's and
the machine as a whole (from /proc, Linux only).

On a machine whose cores the server shares with the database and the load generator,
that says whether a request was waiting for a core, for the database, or for a lock.
"""

import os
import resource
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

_TICK = os.sysconf("SC_CLK_TCK")


def _cpu_seconds(pid: int) -> float:
    """utime + stime of one process, in seconds (0 when it has gone)."""
    try:
        fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
    except OSError:
        return 0.0
    return (int(fields[11]) + int(fields[12])) / _TICK


def _pids(predicate: "Callable[[int, str, int], bool]") -> list[int]:
    pids = []
    for entry in Path("/proc").iterdir():
        if not entry.name.isdigit():
            continue
        try:
            head, rest = (entry / "stat").read_text().rsplit(")", 1)
        except OSError:
            continue
        comm = head.split("(", 1)[1]
        if predicate(int(entry.name), comm, int(rest.split()[1])):
            pids.append(int(entry.name))
    return pids


def _machine_busy() -> tuple[float, float]:
    """(busy, total) CPU seconds of the whole machine since boot."""
    values = [int(v) for v in Path("/proc/stat").read_text().split("\n", 1)[0].split()[1:]]
    idle = values[3] + values[4]  # idle + iowait
    total = sum(values[:8])  # guest time is already part of user
    return (total - idle) / _TICK, total / _TICK


@dataclass
class CpuSnapshot:
    server: dict[int, float]
    postgres: dict[int, float]
    wrk: float
    busy: float
    total: float

    @staticmethod
    def take(server_pid: int) -> "CpuSnapshot":
        server = [server_pid, *_pids(lambda _pid, _comm, ppid: ppid == server_pid)]
        postgres = _pids(lambda _pid, comm, _ppid: comm == "postgres")
        busy, total = _machine_busy()
        children = resource.getrusage(resource.RUSAGE_CHILDREN)
        return CpuSnapshot(
            {pid: _cpu_seconds(pid) for pid in server},
            {pid: _cpu_seconds(pid) for pid in postgres},
            children.ru_utime + children.ru_stime,
            busy,
            total,
        )


@dataclass
class CpuUse:
    """CPU seconds spent in one measured round, by whom."""

    server: float
    postgres: float
    wrk: float
    busy: float
    wall: float

    @staticmethod
    def between(before: CpuSnapshot, after: CpuSnapshot, wall: float) -> "CpuUse":
        def spent(a: dict[int, float], b: dict[int, float]) -> float:
            return sum(cpu - a.get(pid, 0.0) for pid, cpu in b.items())

        return CpuUse(
            spent(before.server, after.server),
            spent(before.postgres, after.postgres),
            after.wrk - before.wrk,  # wrk is a waited-for child: counted once it ends
            after.busy - before.busy,
            wall,
        )
