"""Batch runner: per-file work in worker processes the batch can afford to lose.

Each worker handles one file at a time with a time budget and a memory cap.
A worker that times out is killed; one that dies (pypdfium2 SIGABRT under
the memory cap, a segfault in a C library) is replaced. Either way the file
becomes a `documents` row with status `error` and an `errors` row saying
what happened, and the batch goes on. Results stream to Parquet as they come.
"""
from __future__ import annotations

import multiprocessing as mp
import os
import signal
import time
from dataclasses import dataclass, field
from multiprocessing.connection import Connection, wait
from pathlib import Path
from typing import Callable, Iterable, Iterator

from .pipeline import error_row, process_file
from .settings import Settings

SUPPORTED = (".pdf", ".docx", ".doc", ".txt")


def discover(inputs: Iterable[Path], suffixes: tuple[str, ...] = SUPPORTED) -> Iterator[tuple[Path, Path]]:
    """Yield (file, root) for every input file; folders are walked (sorted, no symlink loops)."""
    for inp in inputs:
        inp = Path(inp)
        if inp.is_dir():
            for dirpath, dirnames, filenames in os.walk(inp):
                dirnames[:] = sorted(d for d in dirnames if not d.startswith("."))  # no hidden/build folders
                for name in sorted(filenames):
                    p = Path(dirpath) / name
                    if p.suffix.lower() in suffixes and not name.startswith((".", "~$")):
                        yield p, inp
        else:
            yield inp, inp.parent


def _limit_memory(mb: int | None) -> None:
    if not mb:
        return
    try:
        import resource
        limit = mb * 1024 * 1024
        resource.setrlimit(resource.RLIMIT_AS, (limit, limit))
    except (ImportError, ValueError, OSError):
        pass


def _worker_main(conn: Connection, settings: Settings, process: Callable = process_file) -> None:
    signal.signal(signal.SIGINT, signal.SIG_IGN)  # the parent handles Ctrl-C
    _limit_memory(settings.memory_mb)
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
            result = _failure_rows(path, root, "worker", type(e).__name__, f"{type(e).__name__}: {e}")
        try:
            conn.send(result)
        except (BrokenPipeError, OSError):
            return


@dataclass
class _Worker:
    proc: mp.Process
    conn: Connection
    task: tuple[Path, Path] | None = None
    started: float = 0.0


@dataclass
class BatchStats:
    files: int = 0
    status: dict[str, int] = field(default_factory=dict)
    seconds: float = 0.0


def _failure_rows(path: Path, root: Path, stage: str, error_type: str, message: str) -> dict[str, list[dict]]:
    try:
        rel = str(path.resolve().relative_to(root.resolve()))
    except ValueError:
        rel = str(path)
    doc_id = None
    try:
        if path.is_file():
            from .readers import doc_id_of
            doc_id = doc_id_of(path)
    except OSError:
        pass
    return {
        "documents": [{"doc_id": doc_id, "source_path": rel, "source_format": path.suffix.lower().lstrip("."),
                       "status": "error"}],
        "errors": [error_row(rel, doc_id, stage, error_type, message)],
    }


def run_batch(files: list[tuple[Path, Path]], settings: Settings,
              on_result: Callable[[dict[str, list[dict]]], None],
              on_progress: Callable[[int], None] | None = None,
              process: Callable = process_file) -> BatchStats:
    """Process `files` with `settings.workers` isolated workers; `on_result` gets each file's rows.

    `process(path, root, settings)` is the per-file function (an importable,
    module-level function: workers are separate processes).
    """
    stats = BatchStats(files=len(files))
    t0 = time.perf_counter()
    ctx = mp.get_context("forkserver" if settings.workers > 0 else "fork")
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

    def start() -> _Worker:
        parent, child = ctx.Pipe()
        proc = ctx.Process(target=_worker_main, args=(child, settings, process), daemon=True)
        proc.start()
        child.close()
        return _Worker(proc=proc, conn=parent)

    workers = [start() for _ in range(min(settings.workers, max(1, len(files))))]
    try:
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
                    if result is not None:
                        w.task = None
                        record(result)
                        continue
                if not w.proc.is_alive() or w.proc.sentinel in ready:
                    code = w.proc.exitcode
                    how = (f"killed by signal {signal.Signals(-code).name}" if code and code < 0
                           else f"exited with code {code}")
                    record(_failure_rows(*w.task, "worker", "worker-crash",
                                         f"the reader crashed the worker process ({how}); "
                                         "likely a malformed file or the memory cap "
                                         f"({settings.memory_mb} MB) was hit"))
                    w.conn.close()
                    workers[i] = start()
                elif now - w.started > settings.timeout_s:
                    w.proc.kill()
                    w.proc.join(5)
                    record(_failure_rows(*w.task, "worker", "timeout",
                                         f"gave up after {settings.timeout_s:.0f} s (time budget per file)"))
                    w.conn.close()
                    workers[i] = start()
    finally:
        for w in workers:
            try:
                w.conn.send(None)
            except (BrokenPipeError, OSError):
                pass
        for w in workers:
            w.proc.join(2)
            if w.proc.is_alive():
                w.proc.kill()
    stats.seconds = time.perf_counter() - t0
    return stats
