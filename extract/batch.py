"""Batch runner (the local engine): per-file work in worker processes the batch can afford to lose.

Each worker handles one file at a time with a time budget, a CPU-time limit and a memory cap
(`extract.worker`, `extract.pool`). A worker that times out is killed with everything it
started; one that dies (pypdfium2 SIGABRT under the memory cap, a segfault in a C library) is
replaced; one killed from outside is replaced and its file retried once. Either way the file
becomes a `documents` row with status `error` and an `errors` row saying what happened, and the
batch goes on. Results go to `on_result` as they come (the CLI journals them, `extract.journal`).
"""
from __future__ import annotations

import os
import time
from dataclasses import dataclass, field
from pathlib import Path
from typing import Callable, Iterable, Iterator

from .pipeline import process_file
from .pool import WorkerPool
from .settings import Settings

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
    restarts: int = 0  # workers replaced (timeouts, crashes, early deaths)

    def recorder(self, on_result: Callable[[dict[str, list[dict]]], None],
                 on_progress: Callable[[int], None] | None = None) -> Callable[[dict[str, list[dict]]], None]:
        """What an engine calls with each file's rows: its documents' statuses counted, then the rows handed
        on, then progress told."""
        def record(result: dict[str, list[dict]]) -> None:
            for d in result.get("documents", []):
                self.status[d.get("status", "error")] = self.status.get(d.get("status", "error"), 0) + 1
            on_result(result)
            if on_progress:
                on_progress(1)
        return record


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
    record = stats.recorder(on_result, on_progress)

    if settings.workers <= 0:  # in-process (debugging, tests): no isolation
        while queue:
            path, root = queue.pop()
            record(process(path, root, settings))
        stats.seconds = time.perf_counter() - t0
        return stats

    pool = WorkerPool(settings, process, size=min(settings.workers, max(1, len(files))))
    try:
        pool.run(files, lambda task, result: record(result))
    finally:  # idle workers are asked to stop; busy ones (the run was interrupted) are killed
        pool.close()
        stats.restarts = pool.restarts
    stats.seconds = time.perf_counter() - t0
    return stats
