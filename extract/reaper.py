"""The reaper: kills a run's workers (and what they started) if the run dies, then removes its temp folder.

Run as a script (`python -S reaper.py FD TEMP_DIR`, imports nothing of the package) in its own
session, so a `kill -9` of the run's process group does not reach it. It reads lines from the
pipe FD, whose write end only the run holds: `+PGID` when a worker starts, `-PGID` when the run
has reaped it. When the pipe reaches end of file (the run ended, normally or not) every process
group still listed is killed with SIGKILL and TEMP_DIR is removed. Workers also die with their
parent by themselves (PR_SET_PDEATHSIG, `extract.worker`); the reaper is what catches the
programs a worker started (LibreOffice, Tesseract), which that signal does not reach.
"""
from __future__ import annotations

import os
import shutil
import signal
import sys


def serve(fd: int, temp_dir: str) -> None:
    groups: set[int] = set()
    buf = b""
    while True:
        try:
            chunk = os.read(fd, 4096)
        except InterruptedError:
            continue
        except OSError:
            chunk = b""
        if not chunk:
            break
        buf += chunk
        *lines, buf = buf.split(b"\n")
        for line in lines:
            if line[:1] == b"+":
                groups.add(int(line[1:]))
            elif line[:1] == b"-":
                groups.discard(int(line[1:]))
    for pgid in groups:
        try:
            os.killpg(pgid, signal.SIGKILL)
        except OSError:
            pass
    if temp_dir:
        shutil.rmtree(temp_dir, ignore_errors=True)


def main() -> None:
    for sig in (signal.SIGINT, signal.SIGTERM, signal.SIGHUP):
        signal.signal(sig, signal.SIG_IGN)  # only the end of the pipe ends the reaper
    serve(int(sys.argv[1]), sys.argv[2] if len(sys.argv) > 2 else "")


if __name__ == "__main__":
    main()
