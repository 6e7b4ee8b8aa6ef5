"""What a run says while it works and when it ends (stderr).

* On a terminal: a progress bar (tqdm).
* Without one (a log file, CI, cron): a plain line every EVERY_FILES files (at least every 5 % of the
  run) or every EVERY_SECONDS seconds, whichever comes first, and one for the last file:
  `progress: 12/40 files (30%) in 5.1 s, ~12 s left; ok 10, partial 1, error 1`.
* At the end: the files that failed (status `error`) and those partly read (`partial`), each with
  its first reason, and the files the run skipped because of their type, counted by type.
"""
from __future__ import annotations

import os
import sys
import time
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path
from typing import Callable, Iterable, TextIO

EVERY_FILES = 50
EVERY_SECONDS = 10.0
LISTED = 20  # files listed per kind in the end summary; the rest are counted


@dataclass
class FileNote:
    path: str
    reason: str


@dataclass
class Progress:
    total: int
    stream: TextIO = field(default_factory=lambda: sys.stderr)
    quiet: bool = False
    every_files: int | None = None
    every_seconds: float = EVERY_SECONDS
    clock: Callable[[], float] = time.monotonic
    tty: bool | None = None

    def __post_init__(self) -> None:
        if self.tty is None:
            self.tty = bool(getattr(self.stream, "isatty", lambda: False)())
        if self.every_files is None:
            self.every_files = max(1, min(EVERY_FILES, self.total // 20 or 1))
        self.done = 0
        self.status: Counter = Counter()
        self.failed: list[FileNote] = []
        self.partial: list[FileNote] = []
        self.t0 = self.last_line = self.clock()
        self.last_count = 0
        self.bar = None
        if not self.quiet and self.tty and self.total:
            from tqdm import tqdm
            self.bar = tqdm(total=self.total, unit="file", file=self.stream)

    def file_done(self, result: dict[str, list[dict]]) -> None:
        """One file's rows arrived (the batch's on_result)."""
        errors = [e for e in result.get("errors") or [] if e.get("error_type") != "warning"]
        for d in result.get("documents") or []:
            self.done += 1
            st = d.get("status") or "error"
            self.status[st] += 1
            if st in ("error", "partial"):
                why = next((f"{e.get('error_type')}: {e.get('message')}" for e in errors), "see errors")
                (self.failed if st == "error" else self.partial).append(FileNote(str(d.get("source_path")), why))
        if self.quiet:
            return
        if self.bar is not None:
            self.bar.update(len(result.get("documents") or []) or 1)
            return
        now = self.clock()
        if (self.done - self.last_count >= self.every_files or now - self.last_line >= self.every_seconds
                or self.done >= self.total):
            self.last_line, self.last_count = now, self.done
            print(self.line(now), file=self.stream, flush=True)

    def line(self, now: float | None = None) -> str:
        took = (now if now is not None else self.clock()) - self.t0
        pct = 100 * self.done / self.total if self.total else 100
        left = ""
        if 0 < self.done < self.total:
            left = f", ~{took / self.done * (self.total - self.done):.0f} s left"
        counts = ", ".join(f"{k} {self.status.get(k, 0)}" for k in ("ok", "partial", "error"))
        return f"progress: {self.done}/{self.total} files ({pct:.0f}%) in {took:.1f} s{left}; {counts}"

    def close(self) -> None:
        if self.bar is not None:
            self.bar.close()
            self.bar = None


def skipped_files(inputs: Iterable[Path], supported: Iterable[str]) -> dict[str, list[str]]:
    """Files in the input folders that a run does not read, by type (".md", "(no extension)",
    "hidden or temporary"), walked like the batch walks (hidden folders skipped, each real folder once)."""
    supported = {s.lower() for s in supported}
    out: dict[str, list[str]] = {}
    for inp in inputs:
        inp = Path(inp)
        if not inp.is_dir():
            continue
        seen: set[tuple[int, int]] = set()
        for dirpath, dirnames, filenames in os.walk(inp, followlinks=True):
            try:
                st = os.stat(dirpath)
                key = (st.st_dev, st.st_ino)
            except OSError:
                key = None
            if key is not None and key in seen:
                dirnames[:] = []
                continue
            if key is not None:
                seen.add(key)
            dirnames[:] = sorted(d for d in dirnames if not d.startswith("."))
            for name in sorted(filenames):
                suffix = Path(name).suffix.lower()
                if name.startswith((".", "~$")):
                    kind = "hidden or temporary"
                elif suffix in supported:
                    continue
                else:
                    kind = suffix or "(no extension)"
                out.setdefault(kind, []).append(os.path.relpath(os.path.join(dirpath, name), inp))
    return out


def summary_lines(progress: Progress, skipped: dict[str, list[str]]) -> list[str]:
    """The end-of-run list of failed, partly read and skipped files."""
    lines: list[str] = []
    for title, notes in (("failed", progress.failed), ("partly read", progress.partial)):
        if notes:
            lines.append(f"{len(notes)} file(s) {title}:")
            lines += [f"  {n.path}: {n.reason[:160]}" for n in notes[:LISTED]]
            if len(notes) > LISTED:
                lines.append(f"  ... and {len(notes) - LISTED} more (see errors.parquet)")
    n_skipped = sum(map(len, skipped.values()))
    if n_skipped:
        by_type = ", ".join(f"{k} {len(v)}" for k, v in sorted(skipped.items(), key=lambda kv: (-len(kv[1]), kv[0])))
        lines.append(f"{n_skipped} file(s) skipped (type not read): {by_type}")
        names = [p for v in skipped.values() for p in v]
        lines += [f"  {p}" for p in names[:LISTED]]
        if len(names) > LISTED:
            lines.append(f"  ... and {len(names) - LISTED} more")
    return lines
