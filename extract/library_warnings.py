"""Warnings that libraries print while reading a file (pdfminer's "Data-loss while decompressing
corrupted data", a pdfplumber or python-docx `warnings.warn`), captured and tied to that file as
`errors` rows (error_type `warning`) instead of an anonymous line on stderr."""
from __future__ import annotations

import contextlib
import logging
import warnings
from collections import Counter
from pathlib import Path
from typing import Iterator


# About the code, not the file (and a ResourceWarning fires at garbage collection, maybe while another
# file is being read): left out.
DEVELOPER_WARNINGS = (ResourceWarning, DeprecationWarning, PendingDeprecationWarning, FutureWarning)


class _Collector(logging.Handler):
    def __init__(self, seen: Counter) -> None:
        super().__init__(logging.WARNING)
        self.seen = seen

    def emit(self, record: logging.LogRecord) -> None:
        try:
            msg = record.getMessage()
        except Exception:  # noqa: BLE001 - a badly formatted library message is still a warning
            msg = str(record.msg)
        self.seen[(record.name.split(".")[0], msg.strip()[:500])] += 1


def _origin(filename: str) -> str:
    """The library a `warnings.warn` came from: its folder under site-packages, else the file's name."""
    path = Path(filename)
    parts = path.parts
    for marker in ("site-packages", "dist-packages"):
        if marker in parts and parts.index(marker) + 1 < len(parts):
            return parts[parts.index(marker) + 1].removesuffix(".py")
    return path.stem or "python"


@contextlib.contextmanager
def captured() -> Iterator[Counter]:
    """Collect (library, message) -> count of logging warnings and `warnings.warn` calls inside the block.

    Library loggers are routed to the collector only (not to stderr) while the block runs."""
    seen: Counter = Counter()
    handler = _Collector(seen)
    root = logging.getLogger()
    old_level = root.level
    root.addHandler(handler)
    if root.level > logging.WARNING or root.level == logging.NOTSET:
        root.setLevel(logging.WARNING)
    try:
        with warnings.catch_warnings(record=True) as caught:
            warnings.simplefilter("always")
            yield seen
        for w in caught:
            if issubclass(w.category, DEVELOPER_WARNINGS):
                continue
            seen[(_origin(w.filename), f"{w.category.__name__}: {w.message}".strip()[:500])] += 1
    finally:
        root.removeHandler(handler)
        root.setLevel(old_level)


def messages(seen: Counter) -> list[str]:
    """One line per distinct warning: "pdfminer: Data-loss while decompressing corrupted data (3 times)"."""
    return [f"{lib}: {msg}" + (f" ({n} times)" if n > 1 else "") for (lib, msg), n in seen.items()]
