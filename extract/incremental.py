"""Incremental re-runs: reuse the rows of files that have not changed.

A file is unchanged when a previous `documents` row with status `ok` has the
same content hash (doc_id) *and* the same source_path, and the previous run
used the same extraction settings and pipeline version. The version hashes
the package's code and the rules in patterns/, so a rule change re-extracts
everything; the settings that change what is extracted (`--only`,
`--no-tables`, `--no-ocr`, page limit, whether OCR is installed) are kept in
the sidecar `_run.json` in the output folder, written together with the
tables. Reused rows are streamed a row group at a time from the previous
outputs into the new ones (which are written to temporary files and swapped
in at the end), so a 20,000-file archive does not have to fit in memory.
"""
from __future__ import annotations

import functools
import hashlib
import json
from pathlib import Path
from typing import Any, Iterable

import pyarrow as pa
import pyarrow.compute as pc
import pyarrow.parquet as pq

from .readers import doc_id_of
from .rules import PATTERNS_DIR

PACKAGE_DIR = Path(__file__).resolve().parent
RUN_FILE = "_run.json"
BATCH_ROWS = 8192  # rows of a previous table read at a time by --incremental (at most)
BATCH_BYTES = 8 << 20  # ... and about this many bytes


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


def conform(table: pa.Table, schema: pa.Schema) -> pa.Table:
    """`table` with exactly the columns of `schema` (missing ones null, extra ones dropped, types cast)."""
    cols = []
    for f in schema:
        if f.name in table.column_names:
            col = table[f.name]
            cols.append(col if col.type == f.type else col.cast(f.type))
        else:
            cols.append(pa.nulls(table.num_rows, f.type))
    return pa.Table.from_arrays(cols, schema=schema)


def _batch_rows(pf: pq.ParquetFile) -> int:
    """Rows to read at a time: BATCH_ROWS, fewer when rows are large (pages of long documents)."""
    md = pf.metadata
    if md.num_rows == 0 or md.num_row_groups == 0:
        return BATCH_ROWS
    row_bytes = max(1, sum(md.row_group(i).total_byte_size for i in range(md.num_row_groups)) // md.num_rows)
    return max(64, min(BATCH_ROWS, BATCH_BYTES // row_bytes))


def _pair_keys(table: pa.Table) -> pa.ChunkedArray:
    return pc.binary_join_element_wise(table["doc_id"], table["source_path"], "\x00")


# what a run writes after the batch's tables: provinces.parquet (cli.write_reference_tables), summary.parquet
# and cchc.duckdb (extract/analyst.py)
ANALYST_FILES = ("provinces.parquet", "summary.parquet", "cchc.duckdb")


class Previous:
    """The rows of a previous run into the same folder, by (doc_id, source_path), read a row group at a time.

    Only the `documents` keys are held in memory (to decide what can be reused); the rows of the
    reused files are streamed from the old tables into the new ones (`copy_into`), so memory does
    not grow with the size of the archive.
    """

    def __init__(self, out_dir: Path, tables: list[str], run: dict[str, Any] | None = None) -> None:
        self.out_dir = Path(out_dir)
        self.tables = list(tables)
        self.reusable: set[tuple[str, str]] = set()
        self.why_not: str | None = None  # why nothing can be reused, for the summary
        self.rows = 0  # documents rows read (all reusable ones are distinct keys when rows == len(reusable))
        docs_path = self.out_dir / "documents.parquet"
        if not docs_path.exists():
            return
        if run is not None and read_run_file(out_dir) != run:
            self.why_not = "the previous run used other settings or another pipeline version"
            return
        try:
            pf = pq.ParquetFile(docs_path)
        except (OSError, pa.ArrowException):
            self.why_not = "the previous documents table cannot be read"
            return
        cols = ["doc_id", "source_path", "status", "pipeline_version"]
        if not set(cols) <= set(pf.schema_arrow.names):
            return
        version = pipeline_version()
        for batch in pf.iter_batches(columns=cols, batch_size=65_536, use_threads=False):
            d = batch.to_pydict()
            self.rows += len(d["doc_id"])
            for did, sp, st, pv in zip(d["doc_id"], d["source_path"], d["status"], d["pipeline_version"]):
                if st == "ok" and pv == version and did is not None and sp is not None:
                    self.reusable.add((did, sp))

    def unchanged(self, reused: set[tuple[str, str]], extra: Iterable[str] = ()) -> bool:
        """Whether the previous outputs are exactly what this run would write: made with the same settings,
        every documents row an ok file of this pipeline version that is reused (no file added, changed,
        failed or gone), and every table, plus `extra` files (the analyst layer), in place."""
        if self.why_not is not None or not reused or not (self.rows == len(self.reusable) == len(reused)):
            return False
        names = [f"{t}.parquet" for t in self.tables] + list(extra)
        return all((self.out_dir / n).is_file() for n in names)

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

    def copy_into(self, out, keys: set[tuple[str, str]]) -> None:
        """Copy the previous rows of the reused files into `out` (an OutputSet), one row group at a time.

        documents and errors rows are taken by (doc_id, source_path), fact tables by doc_id (one
        reused file per doc_id: identical files are processed once); each file's documents row once.
        """
        if not keys:
            return
        doc_ids = pa.array(sorted({d for d, _ in keys}), pa.string())
        pairs = pa.array(sorted(f"{d}\x00{sp}" for d, sp in keys), pa.string())
        for name in self.tables:
            path = self.out_dir / f"{name}.parquet"
            if name not in out.sinks or not path.exists():
                continue
            pf = pq.ParquetFile(path)
            have = set(pf.schema_arrow.names)
            if "doc_id" not in have:
                continue
            seen: set[str] = set()
            for batch in pf.iter_batches(batch_size=_batch_rows(pf), use_threads=False):  # a slice of a row group
                group = pa.Table.from_batches([batch])
                if "source_path" in have:
                    keys_col = _pair_keys(group)
                    part = group.filter(pc.is_in(keys_col, value_set=pairs))
                    if name == "documents" and part.num_rows:  # each reused file's row once
                        ks = _pair_keys(part).to_pylist()
                        keep = [k not in seen and not seen.add(k) for k in ks]
                        part = part.filter(pa.array(keep))
                else:
                    part = group.filter(pc.is_in(group["doc_id"], value_set=doc_ids))
                if part.num_rows:
                    out.write(name, conform(part, out.sinks[name].schema))
                del batch, group, part
