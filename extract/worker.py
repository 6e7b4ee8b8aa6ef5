"""One worker process of the batch: its own process group, temp folder and memory cap.

The worker makes itself a process-group leader, so whatever it starts
(LibreOffice converting a .doc, Tesseract) is killed with it when it times
out or crashes. Its TMPDIR is a private folder the parent removes after the
worker ends, so a killed conversion leaves no `/tmp/cchc_doc_*` behind.
Before it takes a task the worker checks that the memory cap leaves room to
read a file and says "ready"; a worker that cannot start raises
`WorkerStartError` in the parent (a setting to fix, not a bad file).
"""
from __future__ import annotations

import math
import multiprocessing as mp
import os
import re
import shutil
import signal
import tempfile
from dataclasses import dataclass
from multiprocessing.connection import Connection, wait
from pathlib import Path
from typing import Callable

READY = "__ready__"
STARTUP_FAILED = "__startup_failed__"
HEADROOM_MB = 128  # address space a worker needs beyond its loaded libraries to read a file


class WorkerStartError(RuntimeError):
    """No worker process could start (e.g. the memory cap is below what loading the libraries takes)."""


def _address_space_mb() -> int | None:
    try:
        with open("/proc/self/status", encoding="ascii", errors="replace") as f:
            m = re.search(r"^VmSize:\s+(\d+)\s+kB", f.read(), re.M)
    except OSError:
        return None
    return int(m.group(1)) // 1024 if m else None


def limit_memory(mb: int | None) -> str | None:
    """Cap this process's address space at `mb`; a message if the cap leaves no room to work."""
    if not mb:
        return None
    used = _address_space_mb()
    if used is not None and used + HEADROOM_MB > mb:
        need = math.ceil((used + 2 * HEADROOM_MB) / 256) * 256
        return (f"the memory cap of {mb} MB is too small: a worker process uses {used} MB of address space "
                f"just to load its libraries and needs more to read a file; use --memory-mb {need} or more "
                "(0 = no cap)")
    try:
        import resource
        limit = mb * 1024 * 1024
        resource.setrlimit(resource.RLIMIT_AS, (limit, limit))
    except (ImportError, ValueError, OSError):
        pass
    return None


def worker_main(conn: Connection, settings, process: Callable, tmpdir: str | None) -> None:
    from .pipeline import failure_rows
    signal.signal(signal.SIGINT, signal.SIG_IGN)  # the parent handles Ctrl-C
    signal.signal(signal.SIGTERM, signal.SIG_DFL)
    try:
        os.setpgid(0, 0)  # children (soffice, tesseract) join this group and die with it
    except OSError:
        pass
    if tmpdir:
        os.environ["TMPDIR"] = tmpdir
        tempfile.tempdir = tmpdir
    problem = limit_memory(settings.memory_mb)
    try:
        conn.send((STARTUP_FAILED, problem) if problem else READY)
    except (BrokenPipeError, OSError):
        return
    if problem:
        return
    while True:
        try:
            task = conn.recv()
        except EOFError:
            return
        if task is None:
            return
        path, root = task
        try:
            result = process(path, root, settings)
        except BaseException as e:  # noqa: BLE001 - report, never die silently
            result = failure_rows(path, root, "worker", type(e).__name__, f"{type(e).__name__}: {e}")
        try:
            conn.send(result)
        except (BrokenPipeError, OSError):
            return


@dataclass
class Worker:
    proc: mp.Process
    conn: Connection
    tmpdir: str
    task: tuple[Path, Path] | None = None
    started: float = 0.0
    ready: bool = False

    @classmethod
    def start(cls, ctx, settings, process: Callable) -> "Worker":
        tmpdir = tempfile.mkdtemp(prefix="cchc_worker_")
        parent, child = ctx.Pipe()
        proc = ctx.Process(target=worker_main, args=(child, settings, process, tmpdir), daemon=True)
        proc.start()
        child.close()
        return cls(proc=proc, conn=parent, tmpdir=tmpdir)

    def kill_group(self) -> None:
        """SIGKILL the worker's process group (the worker and what it started).

        Called before the worker is reaped, so its pid (= the group id) cannot
        have been reused; if the worker had not made its group yet, only it is killed.
        """
        try:
            os.killpg(self.proc.pid, signal.SIGKILL)
        except OSError:  # gone already, or not ours to signal
            pass
        if self.proc.exitcode is None:
            self.proc.kill()

    def exit_description(self) -> str:
        code = self.proc.exitcode
        return (f"killed by signal {signal.Signals(-code).name}" if code and code < 0
                else f"exited with code {code}")

    def retire(self, graceful: bool = False) -> None:
        """End the worker (asked to stop when `graceful`), kill its group, remove its temp folder."""
        if graceful:
            try:
                self.conn.send(None)
            except (BrokenPipeError, OSError):
                pass
            wait([self.proc.sentinel], timeout=2)
        self.kill_group()
        self.proc.join(5)
        try:
            self.conn.close()
        except OSError:
            pass
        shutil.rmtree(self.tmpdir, ignore_errors=True)
