"""Per-file functions for batch tests (module level, so worker processes can import them)."""
from __future__ import annotations

import os
import time

from extract.pipeline import process_file


def hang_on_slow_files(path, root, settings):
    """Behaves like process_file, except that files named slow* never finish (a hostile file)."""
    if os.path.basename(str(path)).startswith("slow"):
        time.sleep(3600)
    return process_file(path, root, settings)


def crash_on_boom_files(path, root, settings):
    """Files named boom* kill the worker the way a C library abort does."""
    if os.path.basename(str(path)).startswith("boom"):
        os.abort()
    return process_file(path, root, settings)
