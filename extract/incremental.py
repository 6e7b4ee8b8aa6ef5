"""Incremental re-runs: reuse the rows of files that have not changed.

A file is unchanged when a previous `documents` row with status `ok` has the
same content hash (doc_id) *and* the same source_path, and the previous run
used the same extraction settings and pipeline version. The version hashes
the package's code and the rules in patterns/, so a rule change re-extracts
everything; the settings that change what is extracted (`--only`,
`--no-tables`, `--no-ocr`, page limit, whether OCR is installed) are kept in
the sidecar `_run.json` in the output folder, written together with the
tables. Reused rows are copied per source file from the previous outputs
into the new ones (which are written to temporary files and swapped in at
the end).
"""
from __future__ import annotations

import functools
import hashlib
import json
from pathlib import Path
from typing import Any

import pandas as pd

from .readers import doc_id_of
from .rules import PATTERNS_DIR

PACKAGE_DIR = Path(__file__).resolve().parent
RUN_FILE = "_run.json"


@functools.lru_cache(maxsize=1)
def pipeline_version() -> str:
    h = hashlib.sha256()
    for root, pattern in ((PACKAGE_DIR, "**/*.py"), (PATTERNS_DIR, "*.yaml")):
        for p in sorted(root.glob(pattern)):
            h.update(p.relative_to(root).as_posix().encode())
            h.update(p.read_bytes())
    return h.hexdigest()[:12]


def run_settings(settings: Any) -> dict[str, Any]:
    """The settings that change what is extracted from a file, plus the pipeline version."""
    from . import extractors
    from .readers import ocr
    only = getattr(settings, "only", None)
    use_ocr = bool(getattr(settings, "ocr", True))
    return {
        "pipeline_version": pipeline_version(),
        "extractors": extractors.names(list(only) if only is not None else None),
        "tables": bool(getattr(settings, "tables", True)),
        "ocr": use_ocr and ocr.available(),
        "max_pages": getattr(settings, "max_pages", None),
    }


def write_run_file(path: Path, run: dict[str, Any]) -> None:
    path.write_text(json.dumps(run, ensure_ascii=False, indent=1, sort_keys=True) + "\n", "utf-8")


def read_run_file(out_dir: Path) -> dict[str, Any] | None:
    try:
        return json.loads((Path(out_dir) / RUN_FILE).read_text("utf-8"))
    except (OSError, ValueError):
        return None


def _records(df: pd.DataFrame) -> list[dict]:
    return [{k: (None if (not isinstance(v, (list, dict)) and pd.isna(v)) else v) for k, v in r.items()}
            for r in df.to_dict("records")]


class Previous:
    """The rows of a previous run into the same folder, by (doc_id, source_path)."""

    def __init__(self, out_dir: Path, tables: list[str], run: dict[str, Any] | None = None) -> None:
        self.tables: dict[str, pd.DataFrame] = {}
        self.reusable: set[tuple[str, str]] = set()
        self.why_not: str | None = None  # why nothing can be reused, for the summary
        docs_path = Path(out_dir) / "documents.parquet"
        if not docs_path.exists():
            return
        if run is not None and read_run_file(out_dir) != run:
            self.why_not = "the previous run used other settings or another pipeline version"
            return
        docs = pd.read_parquet(docs_path)
        if "pipeline_version" not in docs.columns:
            return
        ok = docs[(docs["status"] == "ok") & (docs["pipeline_version"] == pipeline_version())
                  & docs["doc_id"].notna()]
        self.reusable = set(zip(ok["doc_id"], ok["source_path"]))
        for t in tables:
            p = Path(out_dir) / f"{t}.parquet"
            if p.exists():
                self.tables[t] = pd.read_parquet(p)

    def split(self, files: list[tuple[Path, Path]], source_path_of,
              ids: dict[Path, str | None] | None = None) -> tuple[list, set[tuple[str, str]]]:
        """(files to process, (doc_id, source_path) pairs to reuse); `ids`: doc_ids already computed."""
        todo, reuse = [], set()
        for path, root in files:
            if ids is not None and path in ids:
                did = ids[path]
            else:
                try:
                    did = doc_id_of(path) if path.is_file() else None
                except OSError:
                    did = None
            key = (did, source_path_of(path, root))
            if did is not None and key in self.reusable and key not in reuse:
                reuse.add(key)
            else:
                todo.append((path, root))
        return todo, reuse

    def rows(self, table: str, keys: set[tuple[str, str]]) -> list[dict]:
        """The previous rows of `table` that belong to the reused files (each file's rows once)."""
        df = self.tables.get(table)
        if df is None or not keys or "doc_id" not in df.columns:
            return []
        if "source_path" in df.columns:  # documents, errors: one file's rows by its path
            part = df[[(d, sp) in keys for d, sp in zip(df["doc_id"], df["source_path"])]]
            if table == "documents":
                part = part.drop_duplicates(subset=["doc_id", "source_path"])
        else:  # fact tables: by doc_id (one reused file per doc_id: identical files are processed once)
            part = df[df["doc_id"].isin({d for d, _ in keys})]
        return _records(part)
