"""A pool of isolated worker processes (`extract.worker`) and what to do when one of them ends badly.

Used by the local engine (`run`: many files, one event loop) and by the Dask engine on each Dask
worker (`call`: one file at a time, from any thread). Either way:

* a file that overruns its wall-clock budget (`--timeout`) or its CPU time (`--cpu-timeout`) is
  stopped, its worker killed with everything it started, and the file gets a `timeout` /
  `cpu-time` error row;
* a worker that crashes on a file (SIGABRT, SIGSEGV: a C library, the memory cap) is replaced and
  the file gets a `worker-crash` row;
* a worker killed from outside (SIGKILL, SIGTERM... that the pool did not send: the kernel's
  out-of-memory killer, an operator) is replaced and its file retried once before it is blamed;
* a worker that dies before it is ready is replaced; only several in a row stop the run, with
  a message saying it is not a problem with a file;
* the run's reaper (`extract.reaper`) kills every worker's process group if the run dies.
"""
from __future__ import annotations

import os
import pickle
import signal
import subprocess
import sys
import threading
import time
from multiprocessing.connection import wait
from pathlib import Path
from typing import Any, Callable

from .pipeline import failure_rows
from .run_temp import RunTemp
from .worker import READY, STARTUP_FAILED, Worker, WorkerStartError, _start_process

OUTSIDE_SIGNALS = {signal.SIGKILL, signal.SIGTERM, signal.SIGHUP, signal.SIGINT, signal.SIGQUIT,
                   signal.SIGUSR1, signal.SIGUSR2}
MAX_EARLY_DEATHS = 3  # workers dying before they are ready, in a row, before the run gives up
REAPER_SCRIPT = str(Path(__file__).resolve().with_name("reaper.py"))

Task = tuple[Path, Path]


class Reaper:
    """The run's reaper process (see `extract.reaper`): told which process groups to kill if the run dies."""

    def __init__(self, temp_dir: Path) -> None:
        r, w = os.pipe()
        try:
            self.proc = _start_process(lambda: subprocess.Popen(
                [sys.executable, "-S", REAPER_SCRIPT, str(r), str(temp_dir)], pass_fds=(r,),
                start_new_session=True, stdin=subprocess.DEVNULL, stdout=subprocess.DEVNULL,
                stderr=subprocess.DEVNULL))
        except BaseException:
            os.close(w)
            raise
        finally:
            os.close(r)
        self.fd: int | None = w
        self._lock = threading.Lock()

    def _send(self, line: str) -> None:
        with self._lock:
            if self.fd is None:
                return
            try:
                os.write(self.fd, line.encode())
            except OSError:
                pass

    def add(self, pgid: int) -> None:
        self._send(f"+{pgid}\n")

    def remove(self, pgid: int) -> None:
        self._send(f"-{pgid}\n")

    def close(self) -> None:
        with self._lock:
            if self.fd is not None:
                os.close(self.fd)
                self.fd = None
        try:
            self.proc.wait(5)
        except subprocess.TimeoutExpired:
            pass


class WorkerPool:
    def __init__(self, settings: Any, process: Callable, size: int = 1) -> None:
        self.settings, self.size = settings, max(1, size)
        self.payload = pickle.dumps((settings, process))
        self.temp = RunTemp()
        try:
            self.reaper = Reaper(self.temp.path)
        except BaseException:
            self.temp.close()
            raise
        self.workers: list[Worker] = []
        self.early_deaths = 0  # in a row
        self.retried: set[Task] = set()
        self.restarts = 0
        self._lock = threading.Lock()
        self._idle: list[Worker] = []

    # -- life of a worker ---------------------------------------------------------------------

    def _start(self) -> Worker:
        w = Worker.start(self.payload, self.temp.new_dir(), on_start=self.reaper.add, on_end=self.reaper.remove)
        with self._lock:
            self.workers.append(w)
        return w

    def _forget(self, w: Worker) -> None:
        with self._lock:
            if w in self.workers:
                self.workers.remove(w)
            if w in self._idle:
                self._idle.remove(w)

    def _message(self, w: Worker) -> tuple[str, Any]:
        """Read what a worker sent: ('ready',) | ('result', (task, rows)) | ('died', outcome of `_died`)."""
        try:
            msg = w.conn.recv()
        except (EOFError, OSError):
            return "died", self._died(w)
        if msg == READY:
            w.ready = True
            self.early_deaths = 0
            return "ready", None
        if isinstance(msg, tuple) and msg and msg[0] == STARTUP_FAILED:
            raise WorkerStartError(msg[1])
        task, w.task = w.task, None
        return "result", (task, msg)

    def _died(self, w: Worker) -> tuple[str, Any]:
        """A worker ended on its own: ('early', None) | ('idle', None) | ('retry', task) | ('result', (task, rows))."""
        w.kill_group()  # before reaping it: what it started goes too
        w.reap()
        task, elapsed = w.task, time.monotonic() - w.started
        how, sig, was_ready = w.exit_description(), w.exit_signal(), w.ready
        w.task = None
        w.retire()
        self._forget(w)
        self.restarts += 1
        if not was_ready:
            self.early_deaths += 1
            if self.early_deaths >= MAX_EARLY_DEATHS:
                raise WorkerStartError(
                    f"{self.early_deaths} worker processes in a row died before they were ready ({how}); no file "
                    "had been given to them, so this is not a problem with a file: is something killing new "
                    "processes (the out-of-memory killer, a process limit)?")
            return "early", None
        if task is None:
            return "idle", None
        s = self.settings
        if sig == signal.SIGXCPU:
            cpu = getattr(s, "cpu_timeout_s", None) or s.timeout_s
            return "result", (task, failure_rows(*task, "worker", "cpu-time",
                                                 f"gave up after {cpu:.0f} s of CPU time (CPU budget per file)"))
        if sig == signal.SIGKILL and elapsed >= s.timeout_s:  # the worker's own wall-clock backstop
            return "result", (task, self._timeout_rows(task))
        if sig in OUTSIDE_SIGNALS:
            if task not in self.retried:
                self.retried.add(task)
                return "retry", task
            return "result", (task, failure_rows(
                *task, "worker", "worker-killed",
                f"the worker process reading this file was killed from outside ({how}), twice; not necessarily "
                "a problem with the file (the system's out-of-memory killer, an operator?): run again to retry it"))
        cap = f" or the memory cap ({s.memory_mb} MB) was hit" if s.memory_mb else ""
        return "result", (task, failure_rows(*task, "worker", "worker-crash",
                                             f"the reader crashed the worker process ({how}); "
                                             f"likely a malformed file{cap}"))

    def _timeout_rows(self, task: Task) -> dict:
        return failure_rows(*task, "worker", "timeout",
                            f"gave up after {self.settings.timeout_s:.0f} s (time budget per file)")

    def _overran(self, w: Worker, now: float) -> bool:
        return w.task is not None and now - w.started > self.settings.timeout_s

    def _stop_overrun(self, w: Worker) -> tuple[Task, dict]:
        task, w.task = w.task, None
        w.retire()
        self._forget(w)
        self.restarts += 1
        return task, self._timeout_rows(task)

    # -- many files, one loop (local engine) ---------------------------------------------------

    def run(self, tasks: list[Task], record: Callable[[Task, dict], None]) -> None:
        queue = list(reversed(tasks))
        while queue or any(w.task for w in self.workers):
            busy = sum(1 for w in self.workers if w.task)
            for _ in range(min(self.size, busy + len(queue)) - len(self.workers)):  # start, or replace
                self._start()
            for w in list(self.workers):
                if w.ready and w.task is None and queue:
                    w.send(queue.pop())
            ready = wait([w.conn for w in self.workers], timeout=0.5)
            now = time.monotonic()
            for w in list(self.workers):
                if w.conn in ready:
                    kind, value = self._message(w)
                    if kind == "died":
                        kind, value = value
                elif self._overran(w, now):
                    kind, value = "result", self._stop_overrun(w)
                else:
                    continue
                if kind == "result":
                    record(*value)
                elif kind == "retry":
                    queue.append(value)

    # -- one file at a time, from any thread (Dask engine) ------------------------------------

    def _take(self) -> Worker:
        with self._lock:
            if self._idle:
                return self._idle.pop()
        return self._start()

    def call(self, task: Task) -> dict:
        """Process one file in a worker of this pool; the same outcomes as `run` (thread-safe)."""
        while True:
            w = self._take()
            outcome = self._run_one(w, task)
            kind, value = outcome
            if kind == "result":
                return value[1]
            if kind in ("early", "idle", "retry"):
                continue

    def _run_one(self, w: Worker, task: Task) -> tuple[str, Any]:
        while True:
            if w.ready and w.task is None:
                w.send(task)
            if wait([w.conn], timeout=0.5):
                kind, value = self._message(w)
                if kind == "result":
                    with self._lock:
                        self._idle.append(w)
                    return "result", value
                if kind == "died":
                    return value
            elif self._overran(w, time.monotonic()):
                return "result", self._stop_overrun(w)

    def close(self) -> None:
        """Idle workers are asked to stop; busy ones (the run was interrupted) are killed."""
        with self._lock:
            workers, self.workers, self._idle = list(self.workers), [], []
        for w in workers:
            w.retire(graceful=w.task is None and w.ready)
        self.reaper.close()
        self.temp.close()
