"""Run settings: a validated dataclass with named defaults (like pdfplumber's TableSettings)."""
from __future__ import annotations

import os
from dataclasses import dataclass, fields
from typing import Any, Mapping

DEFAULT_TIMEOUT_S = 300.0  # scanned pages take seconds each to OCR
DEFAULT_MEMORY_MB = 3072
MIN_MEMORY_MB = 512  # a worker takes ~300-450 MB of address space just to load its libraries
DEFAULT_WORKERS = max(1, min(4, os.cpu_count() or 1))


@dataclass(frozen=True)
class Settings:
    workers: int = DEFAULT_WORKERS  # 0 = in-process, no isolation (debugging, tests)
    timeout_s: float = DEFAULT_TIMEOUT_S  # per-file time budget (wall clock)
    cpu_timeout_s: float | None = None  # per-file CPU-time limit (None = the same as timeout_s)
    memory_mb: int | None = DEFAULT_MEMORY_MB  # per-worker address-space cap
    tables: bool = True  # look for tables in PDFs (pdfplumber, only on pages with ruling lines)
    ocr: bool = True  # OCR pages without a text layer (when Tesseract with Vietnamese is installed)
    max_pages: int | None = None  # read at most this many PDF pages
    only: tuple[str, ...] | None = None  # run only these extractors (None = all)

    def __post_init__(self) -> None:
        if self.workers < 0:
            raise ValueError(f"the number of workers (-j, workers) must be >= 0, got {self.workers}")
        if self.timeout_s <= 0:
            raise ValueError(f"the time budget per file (--timeout, timeout_s) must be > 0, got {self.timeout_s}")
        if self.cpu_timeout_s is not None and self.cpu_timeout_s <= 0:
            raise ValueError(f"the CPU-time limit per file (--cpu-timeout, cpu_timeout_s) must be > 0, "
                             f"got {self.cpu_timeout_s}")
        if self.memory_mb is not None and self.memory_mb < MIN_MEMORY_MB:
            raise ValueError(f"the memory cap per worker (--memory-mb, memory_mb) must be at least {MIN_MEMORY_MB} MB "
                             f"(a worker needs about that much just to load its libraries), or 0/None for no cap; "
                             f"got {self.memory_mb}")
        if self.max_pages is not None and self.max_pages < 1:
            raise ValueError(f"max_pages must be >= 1 or None, got {self.max_pages}")

    @classmethod
    def resolve(cls, value: "Settings | Mapping[str, Any] | None") -> "Settings":
        if value is None:
            return cls()
        if isinstance(value, cls):
            return value
        names = {f.name for f in fields(cls)}
        unknown = set(value) - names
        if unknown:
            raise ValueError(f"unknown setting(s): {sorted(unknown)}")
        return cls(**value)
