"""A run's private temp folder, and the removal of those left by runs that died.

Every worker of a run gets its TMPDIR inside one folder, `$TMPDIR/cchc_run_<pid>_*`,
whose `.lock` file the run holds locked (flock) while it lives. A run killed with
`kill -9` cannot remove its folder; the next run finds it with its lock free and
removes it (`sweep_stale`). The reaper (`extract.reaper`) also removes it as soon
as the parent dies.
"""
from __future__ import annotations

import fcntl
import os
import shutil
import tempfile
import time
from pathlib import Path

PREFIX = "cchc_run_"
LOCK_NAME = ".lock"
YOUNG_S = 30.0  # a folder this recent may belong to a run that has not locked it yet


def _lock_is_free(lock: Path) -> bool:
    try:
        fd = os.open(lock, os.O_RDWR | os.O_CLOEXEC)
    except OSError:
        return False
    try:
        fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
        return True
    except OSError:
        return False
    finally:
        os.close(fd)  # releases the lock if we took it


def sweep_stale(base: Path | None = None) -> list[Path]:
    """Remove the temp folders of runs that are no longer alive (their lock is free); returns them."""
    base = Path(base or tempfile.gettempdir())
    removed = []
    try:
        candidates = [p for p in base.iterdir() if p.name.startswith(PREFIX)]
    except OSError:
        return removed
    now = time.time()
    for d in candidates:
        try:
            if not d.is_dir() or d.is_symlink() or now - d.stat().st_mtime < YOUNG_S and not (d / LOCK_NAME).exists():
                continue
        except OSError:
            continue
        lock = d / LOCK_NAME
        if lock.exists() and not _lock_is_free(lock):
            continue
        shutil.rmtree(d, ignore_errors=True)
        removed.append(d)
    return removed


class RunTemp:
    """This run's temp folder (locked while the run lives); `new_dir()` makes a worker's TMPDIR in it."""

    def __init__(self, base: Path | None = None) -> None:
        base = Path(base or tempfile.gettempdir())
        sweep_stale(base)
        self.path = Path(tempfile.mkdtemp(prefix=f"{PREFIX}{os.getpid()}_", dir=base))
        self._fd: int | None = os.open(self.path / LOCK_NAME, os.O_CREAT | os.O_RDWR | os.O_CLOEXEC, 0o600)
        fcntl.flock(self._fd, fcntl.LOCK_EX | fcntl.LOCK_NB)

    def new_dir(self, prefix: str = "worker_") -> Path:
        return Path(tempfile.mkdtemp(prefix=prefix, dir=self.path))

    def close(self) -> None:
        shutil.rmtree(self.path, ignore_errors=True)
        if self._fd is not None:
            os.close(self._fd)
            self._fd = None
