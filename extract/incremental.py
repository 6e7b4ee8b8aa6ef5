"""Incremental re-runs: reuse the rows of files that have not changed.

A file is unchanged when its content hash (doc_id) and path match a previous
`documents` row whose `pipeline_version` equals the current one. The version
hashes the package's code and the rules in patterns/, so a rule change
re-extracts everything. Reused rows are copied from the previous outputs into
the new ones (which are written to temporary files and swapped in at the end).
"""
from __future__ import annotations

import functools
import hashlib
from pathlib import Path

import pandas as pd

from .readers import doc_id_of
from .rules import PATTERNS_DIR

PACKAGE_DIR = Path(__file__).resolve().parent


@functools.lru_cache(maxsize=1)
def pipeline_version() -> str:
    h = hashlib.sha256()
    for root, pattern in ((PACKAGE_DIR, "**/*.py"), (PATTERNS_DIR, "*.yaml")):
        for p in sorted(root.glob(pattern)):
            h.update(p.relative_to(root).as_posix().encode())
            h.update(p.read_bytes())
    return h.hexdigest()[:12]


class Previous:
    """The rows of a previous run, by doc_id."""

    def __init__(self, out_dir: Path, tables: list[str]) -> None:
        self.tables: dict[str, pd.DataFrame] = {}
        docs_path = out_dir / "documents.parquet"
        self.reusable: dict[str, str] = {}  # doc_id -> source_path
        if not docs_path.exists():
            return
        docs = pd.read_parquet(docs_path)
        if "pipeline_version" not in docs.columns:
            return
        ok = docs[(docs["status"] == "ok") & (docs["pipeline_version"] == pipeline_version())]
        self.reusable = dict(zip(ok["doc_id"], ok["source_path"]))
        for t in tables:
            p = out_dir / f"{t}.parquet"
            if p.exists():
                self.tables[t] = pd.read_parquet(p)

    def split(self, files: list[tuple[Path, Path]], source_path_of) -> tuple[list, set[str]]:
        """(files to process, doc_ids to reuse)."""
        todo, reuse = [], set()
        for path, root in files:
            try:
                did = doc_id_of(path) if path.is_file() else None
            except OSError:
                did = None
            if did is not None and self.reusable.get(did) == source_path_of(path, root):
                reuse.add(did)
            else:
                todo.append((path, root))
        return todo, reuse

    def rows(self, table: str, doc_ids: set[str]) -> list[dict]:
        df = self.tables.get(table)
        if df is None or not doc_ids or "doc_id" not in df.columns:
            return []
        part = df[df["doc_id"].isin(doc_ids)]
        return [{k: (None if (not isinstance(v, (list, dict)) and pd.isna(v)) else v) for k, v in r.items()}
                for r in part.to_dict("records")]
