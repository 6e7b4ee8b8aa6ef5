"""One writer per output folder: an exclusive lock, and the removal of temp files that dead runs left.

A run holds `OUT/.cchc/lock` locked (flock, released by the kernel when the process ends, however
it ends) from before it reads anything until its outputs are in place. A second run into the
same folder stops at once with a message naming the first (exit 2). Once it holds the lock, a
run removes what earlier runs that died left in the folder: `<table>.parquet.<run>.tmp`,
`.bak` links and `_run.json` temp files (no live run can own them: it would hold the lock).
"""
from __future__ import annotations

import fcntl
import json
import os
import re
import socket
import time
from pathlib import Path

DIR_NAME = ".cchc"
LOCK_NAME = "lock"
_STALE = re.compile(r"^(?:[\w-]+\.parquet|_run\.json)(?:\.[0-9]+-[0-9a-f]+)?\.(?:tmp|bak)$")


class FolderBusy(RuntimeError):
    """Another run holds the output folder."""


class FolderLock:
    def __init__(self, out_dir: Path) -> None:
        self.out_dir = Path(out_dir)
        self.path = self.out_dir / DIR_NAME / LOCK_NAME
        self._fd: int | None = None

    def acquire(self) -> "FolderLock":
        """Take the lock or raise `FolderBusy` (with who holds it); OSError if the folder cannot be written."""
        self.path.parent.mkdir(parents=True, exist_ok=True)
        fd = os.open(self.path, os.O_RDWR | os.O_CREAT | os.O_CLOEXEC, 0o644)
        try:
            fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except BlockingIOError:
            holder = self._holder(fd)
            os.close(fd)
            raise FolderBusy(f"another run{holder} is writing to {self.out_dir}/; wait for it to finish, or write "
                             "to another folder (-o)") from None
        except OSError:
            os.close(fd)
            raise
        self._fd = fd
        info = json.dumps({"pid": os.getpid(), "host": socket.gethostname(),
                           "started": time.strftime("%Y-%m-%d %H:%M:%S")}).encode()
        try:
            os.ftruncate(fd, 0)
            os.pwrite(fd, info + b"\n", 0)
        except OSError:
            pass  # the lock is what matters
        return self

    @staticmethod
    def _holder(fd: int) -> str:
        try:
            info = json.loads(os.pread(fd, 4096, 0) or b"{}")
            return f" (pid {info['pid']} on {info['host']}, started {info['started']})"
        except (OSError, ValueError, KeyError, TypeError):
            return ""

    def release(self) -> None:
        if self._fd is not None:
            os.close(self._fd)  # the kernel drops the lock
            self._fd = None

    def __enter__(self) -> "FolderLock":
        return self.acquire()

    def __exit__(self, *exc) -> None:
        self.release()


def sweep_stale(out_dir: Path) -> list[Path]:
    """Remove temp files of dead runs from `out_dir` (call while holding its lock); returns them."""
    removed = []
    try:
        names = os.listdir(out_dir)
    except OSError:
        return removed
    for name in names:
        if _STALE.match(name):
            p = Path(out_dir) / name
            try:
                if p.is_file() and not p.is_symlink():
                    p.unlink()
                    removed.append(p)
            except OSError:
                pass
    return removed
