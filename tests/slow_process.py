"""Per-file functions for batch tests (module level, so worker processes can import them)."""
from __future__ import annotations

import os
import time

from extract.pipeline import process_file


def hang_on_slow_files(path, root, settings):
    """Behaves like process_file, except that files named slow* never finish (a hostile file).

    With CCHC_TEST_MARKER set, that file is created when a slow file starts hanging.
    """
    if os.path.basename(str(path)).startswith("slow"):
        if os.environ.get("CCHC_TEST_MARKER"):
            open(os.environ["CCHC_TEST_MARKER"], "w").close()
        time.sleep(3600)
    return process_file(path, root, settings)


def crash_on_boom_files(path, root, settings):
    """Files named boom* kill the worker the way a C library abort does."""
    if os.path.basename(str(path)).startswith("boom"):
        os.abort()
    return process_file(path, root, settings)


def spawn_and_hang(path, root, settings):
    """Starts a long-lived child (as LibreOffice would), leaves a file in the temp folder, then hangs.

    The child's pid and the temp file's path are written next to the input file.
    """
    import subprocess
    import tempfile

    child = subprocess.Popen(["sleep", "300"])
    fd, tmp = tempfile.mkstemp(prefix="cchc_doc_")
    os.close(fd)
    with open(str(path) + ".info", "w") as f:
        f.write(f"{child.pid}\n{tmp}\n")
    time.sleep(3600)


def logged(path, root, settings):
    """process_file, then the file's name appended to $CCHC_TEST_LOG (one line per file processed)."""
    result = process_file(path, root, settings)
    with open(os.environ["CCHC_TEST_LOG"], "a", encoding="utf-8") as f:
        f.write(os.path.basename(str(path)) + "\n")
    return result


def gated(path, root, settings):
    """Waits until the file $CCHC_TEST_GATE exists (creating $CCHC_TEST_MARKER when it starts waiting)."""
    if os.environ.get("CCHC_TEST_MARKER"):
        open(os.environ["CCHC_TEST_MARKER"], "w").close()
    for _ in range(6000):
        if os.path.exists(os.environ["CCHC_TEST_GATE"]):
            break
        time.sleep(0.05)
    return process_file(path, root, settings)


def killed_from_outside(path, root, settings):
    """Files named victim* get their worker SIGKILLed (as the out-of-memory killer would): always for
    victim_always*, only the first time for the others (a marker file next to the input remembers)."""
    import signal

    name = os.path.basename(str(path))
    if name.startswith("victim"):
        marker = str(path) + ".killed"
        if name.startswith("victim_always") or not os.path.exists(marker):
            open(marker, "a").close()
            os.kill(os.getpid(), signal.SIGKILL)
    return process_file(path, root, settings)


def spin_on_spin_files(path, root, settings):
    """Files named spin* burn CPU forever (a hostile file that loops)."""
    if os.path.basename(str(path)).startswith("spin"):
        x = 0
        while True:
            x += 1
    return process_file(path, root, settings)
