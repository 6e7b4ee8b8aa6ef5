"""Batch runner: per-file work in worker processes the batch can afford to lose.

Each worker handles one file at a time with a time budget and a memory cap
(`extract.worker`). A worker that times out is killed with everything it
started; one that dies (pypdfium2 SIGABRT under the memory cap, a segfault
in a C library) is replaced. Either way the file becomes a `documents` row
with status `error` and an `errors` row saying what happened, and the batch
goes on. Results stream to Parquet as they come.
"""
from __future__ import annotations

import multiprocessing as mp
import os
import time
from dataclasses import dataclass, field
from multiprocessing.connection import wait
from pathlib import Path
from typing import Callable, Iterable, Iterator

from .pipeline import failure_rows, process_file
from .settings import Settings
from .worker import READY, STARTUP_FAILED, Worker, WorkerStartError

SUPPORTED = (".pdf", ".docx", ".doc", ".txt")


@dataclass
class Skipped:
    """A folder the walk could not enter: its files were not processed."""
    path: Path
    root: Path
    reason: str


def _walk_error(e: OSError) -> str:
    if isinstance(e, PermissionError):
        return "permission denied: the folder cannot be listed, so the files in it were not processed"
    return f"the folder cannot be listed ({e.strerror or type(e).__name__}); the files in it were not processed"


def discover(inputs: Iterable[Path], suffixes: tuple[str, ...] = SUPPORTED,
             skipped: list[Skipped] | None = None) -> Iterator[tuple[Path, Path]]:
    """Yield (file, root) for every input file; folders are walked (sorted).

    Symlinked folders are followed, each real folder once (no loops); in a
    folder, real subfolders come before symlinked ones. A folder that cannot
    be listed is added to `skipped`.
    """
    for inp in inputs:
        inp = Path(inp)
        if inp.is_dir():
            seen: set[tuple[int, int]] = set()

            def onerror(e: OSError, root: Path = inp) -> None:
                if skipped is not None:
                    skipped.append(Skipped(Path(e.filename) if e.filename else root, root, _walk_error(e)))

            for dirpath, dirnames, filenames in os.walk(inp, onerror=onerror, followlinks=True):
                try:
                    st = os.stat(dirpath)
                    key = (st.st_dev, st.st_ino)
                except OSError:
                    key = None
                if key is not None and key in seen:  # a symlink back to a folder already walked
                    dirnames[:] = []
                    continue
                if key is not None:
                    seen.add(key)
                dirnames[:] = sorted((d for d in dirnames if not d.startswith(".")),  # no hidden/build folders
                                     key=lambda d: (os.path.islink(os.path.join(dirpath, d)), d))
                for name in sorted(filenames):
                    p = Path(dirpath) / name
                    if p.suffix.lower() in suffixes and not name.startswith((".", "~$")):
                        yield p, inp
        else:
            yield inp, inp.parent


@dataclass
class BatchStats:
    files: int = 0
    status: dict[str, int] = field(default_factory=dict)
    seconds: float = 0.0


def run_batch(files: list[tuple[Path, Path]], settings: Settings,
              on_result: Callable[[dict[str, list[dict]]], None],
              on_progress: Callable[[int], None] | None = None,
              process: Callable = process_file) -> BatchStats:
    """Process `files` with `settings.workers` isolated workers; `on_result` gets each file's rows.

    `process(path, root, settings)` is the per-file function (an importable,
    module-level function: workers are separate processes). Raises
    `WorkerStartError` when a worker cannot even start (a setting to fix).
    """
    stats = BatchStats(files=len(files))
    t0 = time.perf_counter()
    queue = list(reversed(files))

    def record(result: dict[str, list[dict]]) -> None:
        for d in result.get("documents", []):
            stats.status[d.get("status", "error")] = stats.status.get(d.get("status", "error"), 0) + 1
        on_result(result)
        if on_progress:
            on_progress(1)

    if settings.workers <= 0:  # in-process (debugging, tests): no isolation
        while queue:
            path, root = queue.pop()
            record(process(path, root, settings))
        stats.seconds = time.perf_counter() - t0
        return stats

    ctx = mp.get_context("forkserver")

    def start() -> Worker:
        return Worker.start(ctx, settings, process)

    workers: list[Worker] = []
    try:
        workers.extend(start() for _ in range(min(settings.workers, max(1, len(files)))))
        while queue or any(w.task for w in workers):
            for w in workers:
                if w.task is None and queue:
                    w.task = queue.pop()
                    w.started = time.monotonic()
                    w.conn.send(w.task)
            busy = [w for w in workers if w.task]
            ready = wait([w.conn for w in busy] + [w.proc.sentinel for w in busy], timeout=0.5)
            now = time.monotonic()
            for i, w in enumerate(workers):
                if w.task is None:
                    continue
                if w.conn in ready:
                    try:
                        result = w.conn.recv()
                    except (EOFError, OSError):
                        result = None
                    if result == READY:
                        w.ready, w.started = True, now  # the time budget starts with the work
                        continue
                    if isinstance(result, tuple) and result and result[0] == STARTUP_FAILED:
                        raise WorkerStartError(result[1])
                    if result is not None:
                        w.task = None
                        record(result)
                        continue
                if w.proc.sentinel in ready:  # the worker died (not reaped yet: its group can be killed)
                    w.kill_group()
                    how = w.exit_description()
                    if not w.ready:
                        cap = f" under the memory cap of {settings.memory_mb} MB" if settings.memory_mb else ""
                        raise WorkerStartError(f"a worker process could not start{cap} ({how})"
                                               + ("; raise --memory-mb (0 = no cap)" if cap else ""))
                    cap = f" or the memory cap ({settings.memory_mb} MB) was hit" if settings.memory_mb else ""
                    record(failure_rows(*w.task, "worker", "worker-crash",
                                         f"the reader crashed the worker process ({how}); "
                                         f"likely a malformed file{cap}"))
                    w.retire()
                    workers[i] = start()
                elif now - w.started > settings.timeout_s:
                    task = w.task
                    w.retire()
                    record(failure_rows(*task, "worker", "timeout",
                                         f"gave up after {settings.timeout_s:.0f} s (time budget per file)"))
                    workers[i] = start()
    finally:  # idle workers are asked to stop; busy ones (the run was interrupted) are killed
        for w in workers:
            w.retire(graceful=w.task is None)
    stats.seconds = time.perf_counter() - t0
    return stats
