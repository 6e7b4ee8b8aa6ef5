"""What a run reads: discovered files, each once, and identical files recorded once.

* A file reached twice (overlapping inputs such as `corpus corpus/x.docx`, or
  a symlink to a file already included) is processed once, under the first
  path found.
* Files with identical bytes (the same doc_id) under two paths: the first is
  processed; each later one gets a `documents` row with status `error` and no
  doc_id (so doc_id stays unique in `documents` and joins on it do not double)
  and an `errors` row `duplicate` naming the first file. Its facts are not
  repeated.
* A folder that could not be listed gets an `errors` row (stage `discover`).
"""
from __future__ import annotations

import os
import stat
from dataclasses import dataclass, field
from pathlib import Path
from typing import Iterable

from .batch import Skipped, discover
from .pipeline import _format_guess, error_row, source_path_of
from .readers import doc_id_of


@dataclass
class Inputs:
    files: list[tuple[Path, Path]] = field(default_factory=list)  # to process (or reuse)
    ids: dict[Path, str | None] = field(default_factory=dict)  # their doc_ids, when readable
    rows: dict[str, list[dict]] = field(default_factory=lambda: {"documents": [], "errors": []})
    duplicates: int = 0
    skipped_folders: int = 0


def content_id(path: Path) -> str | None:
    """doc_id of a non-empty regular file (never opens a FIFO or device), None when it cannot be read.

    Empty files are left out: they are not copies of each other, each is reported as empty.
    """
    try:
        st = os.stat(path)
        if not stat.S_ISREG(st.st_mode) or st.st_size == 0:
            return None
        return doc_id_of(path)
    except OSError:
        return None


def unique_paths(files: Iterable[tuple[Path, Path]]) -> list[tuple[Path, Path]]:
    seen: set[str] = set()
    out = []
    for path, root in files:
        key = os.path.realpath(path)
        if key not in seen:
            seen.add(key)
            out.append((path, root))
    return out


def plan_inputs(inputs: list[Path], pipeline_version: str | None = None) -> Inputs:
    skipped: list[Skipped] = []
    plan = Inputs()
    first: dict[str, str] = {}  # doc_id -> source_path of the first file with that content
    for path, root in unique_paths(discover(inputs, skipped=skipped)):
        did = content_id(path)
        if did is None or did not in first:
            plan.ids[path] = did
            if did is not None:
                first[did] = source_path_of(path, root)
            plan.files.append((path, root))
            continue
        rel, orig = source_path_of(path, root), first[did]
        plan.duplicates += 1
        plan.rows["documents"].append({"doc_id": None, "source_path": rel, "source_format": _format_guess(path),
                                       "status": "error", "pipeline_version": pipeline_version})
        plan.rows["errors"].append(error_row(
            rel, did, "discover", "duplicate",
            f"same content as {orig} (identical bytes, doc_id {did}); its rows are recorded once, under {orig}"))
    for s in skipped:
        rel = source_path_of(s.path, s.root) if s.path != s.root else str(s.root)
        plan.skipped_folders += 1
        plan.rows["errors"].append(error_row(rel.rstrip("/") + "/", None, "discover", "unreadable-folder", s.reason))
    return plan
