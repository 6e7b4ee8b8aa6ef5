"""Imported by a worker process before it says it is ready: with $CCHC_TEST_EARLY_DEATHS=DIR:N the
first N workers to import it kill themselves (SIGKILL, as if killed from outside while starting)."""
from __future__ import annotations

import os
import signal

from extract.pipeline import process_file


def _maybe_die() -> None:
    spec = os.environ.get("CCHC_TEST_EARLY_DEATHS")
    if not spec:
        return
    folder, n = spec.rsplit(":", 1)
    for i in range(int(n)):
        try:
            os.mkdir(os.path.join(folder, f"death{i}"))  # atomic: each death claimed by one worker
        except FileExistsError:
            continue
        os.kill(os.getpid(), signal.SIGKILL)


_maybe_die()


def process(path, root, settings):
    return process_file(path, root, settings)
