"""Measuring helpers for `scripts/bench.py`: peak memory of a process tree, CPU and wall clocks,
character accuracy."""
from __future__ import annotations

import os
import resource
import threading
import time
import unicodedata
from dataclasses import dataclass, field


@dataclass
class Clock:
    """Wall time and CPU time (this process and its waited-for children) of a block."""
    wall: float = 0.0
    cpu: float = 0.0

    def __enter__(self) -> "Clock":
        self._w, self._c = time.perf_counter(), _cpu()
        return self

    def __exit__(self, *exc) -> None:
        self.wall = time.perf_counter() - self._w
        self.cpu = _cpu() - self._c


def _cpu() -> float:
    s, c = resource.getrusage(resource.RUSAGE_SELF), resource.getrusage(resource.RUSAGE_CHILDREN)
    return s.ru_utime + s.ru_stime + c.ru_utime + c.ru_stime


def _proc_table() -> dict[int, int]:
    """pid -> parent pid, for every process."""
    out = {}
    for d in os.listdir("/proc"):
        if not d.isdigit():
            continue
        try:
            with open(f"/proc/{d}/stat", "rb") as f:
                stat = f.read()
        except OSError:
            continue
        out[int(d)] = int(stat.rsplit(b")", 1)[1].split()[1])
    return out


def _status_kb(pid: int, key: bytes) -> int | None:
    try:
        with open(f"/proc/{pid}/status", "rb") as f:
            for line in f:
                if line.startswith(key):
                    return int(line.split()[1])
    except OSError:
        return None
    return None


def _cmdline(pid: int) -> str:
    try:
        with open(f"/proc/{pid}/cmdline", "rb") as f:
            return f.read().replace(b"\0", b" ").decode("utf-8", "replace")
    except OSError:
        return ""


@dataclass
class TreePeaks:
    """Peak resident memory (VmHWM, MB) seen for the processes under one root, by role:
    the batch's worker processes (Python children of the multiprocessing forkserver or of the
    root) and the programs they start (tesseract, soffice), sampled every `interval` s."""
    root: int
    interval: float = 0.2
    workers: dict[int, float] = field(default_factory=dict)
    helpers: dict[int, tuple[str, float]] = field(default_factory=dict)

    def __post_init__(self) -> None:
        self._stop = threading.Event()
        self._roles: dict[int, str] = {}
        self._thread = threading.Thread(target=self._run, daemon=True)

    def start(self) -> "TreePeaks":
        self._thread.start()
        return self

    def stop(self) -> None:
        self._stop.set()
        self._thread.join()

    def _run(self) -> None:
        while not self._stop.is_set():
            self.sample()
            self._stop.wait(self.interval)

    def _role(self, pid: int, ppid: int) -> str:
        if pid not in self._roles:
            cmd = _cmdline(pid)
            parent_role = self._roles.get(ppid, "root" if ppid == self.root else "")
            if "forkserver" in cmd and parent_role == "root":
                role = "forkserver"
            elif "resource_tracker" in cmd or "semaphore_tracker" in cmd:
                role = "tracker"
            elif "python" in cmd.split(" ")[0] and parent_role in ("root", "forkserver"):
                role = "worker"
            else:
                role = "helper:" + os.path.basename(cmd.split(" ")[0] or "?")
            self._roles[pid] = role
        return self._roles[pid]

    def sample(self) -> None:
        table = _proc_table()
        children: dict[int, list[int]] = {}
        for pid, ppid in table.items():
            children.setdefault(ppid, []).append(pid)
        stack = [(c, self.root) for c in children.get(self.root, [])]
        while stack:
            pid, ppid = stack.pop()
            stack.extend((c, pid) for c in children.get(pid, []))
            role = self._role(pid, ppid)
            hwm = _status_kb(pid, b"VmHWM:")
            if hwm is None:
                continue
            mb = hwm / 1024
            if role == "worker":
                self.workers[pid] = max(self.workers.get(pid, 0.0), mb)
            elif role.startswith("helper:"):
                name = role.split(":", 1)[1]
                old = self.helpers.get(pid, (name, 0.0))[1]
                self.helpers[pid] = (name, max(old, mb))

    def largest_worker_mb(self) -> float:
        return round(max(self.workers.values(), default=0.0), 1)

    def largest_helper(self) -> dict[str, float]:
        out: dict[str, float] = {}
        for name, mb in self.helpers.values():
            out[name] = round(max(out.get(name, 0.0), mb), 1)
        return out


def squash(s: str) -> str:
    return " ".join(unicodedata.normalize("NFC", s).split())


def edit_distance(a: str, b: str) -> int:
    """Levenshtein distance, one numpy row per char of `a`."""
    import numpy as np

    if not a or not b:
        return len(a) + len(b)
    bb = np.array([ord(c) for c in b], dtype=np.int64)
    ar = np.arange(len(b) + 1, dtype=np.int64)
    prev = ar.copy()
    cur = np.empty_like(prev)
    for i, ch in enumerate(a, 1):
        cur[0] = i
        np.minimum(prev[1:] + 1, prev[:-1] + (bb != ord(ch)), out=cur[1:])
        cur = np.minimum.accumulate(cur - ar) + ar  # insertions: cur[j] = min(cur[j], cur[j-1] + 1)
        prev, cur = cur, prev
    return int(prev[-1])


def char_accuracy(text: str, truth: str) -> float:
    """Characters right: 1 - edit distance / length of the truth (whitespace runs as one space)."""
    t, r = squash(text), squash(truth)
    if not r:
        return 1.0 if not t else 0.0
    return max(0.0, 1 - edit_distance(t, r) / len(r))
