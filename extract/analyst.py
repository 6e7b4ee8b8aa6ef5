"""After the batch: the tables that need every file at once.

    python -m extract.analyst outputs        # rebuild them for an existing outputs folder

1. `documents.report_id` / `report_primary`: renderings and copies of one report linked
   (extract/reports.py);
2. `summary.parquet`: one figure per report by province, agency and period (extract/summary.py);
3. `cchc.duckdb`: DuckDB views over every table (extract/sql.py).

The extraction (`python -m extract`) runs this at its end. The new documents and summary files are
written aside and moved into place together, after the batch's own tables are in place.
"""
from __future__ import annotations

import sys
from pathlib import Path

import pandas as pd
import pyarrow as pa
import pyarrow.parquet as pq

from . import reports, summary
from .incremental import conform
from .outputs_cli import no_run_in, outputs_parser
from .schemas import DOCUMENTS, SUMMARY
from .writers.parquet import OutputSet

FACT_TABLES = ("hoso", "tthc", "par_scores", "references", "indicators")


def _read(out_dir: Path, name: str, columns: list[str] | None = None) -> pd.DataFrame:
    p = out_dir / f"{name}.parquet"
    if not p.exists():
        return pd.DataFrame()
    have = set(pq.read_schema(p).names)
    return pd.read_parquet(p, columns=[c for c in columns if c in have] if columns else None)


def fact_counts(out_dir: Path) -> dict[str, int]:
    counts: dict[str, int] = {}
    for t in FACT_TABLES:
        df = _read(out_dir, t, ["doc_id"])
        if not df.empty:
            for k, v in df["doc_id"].value_counts().items():
                counts[k] = counts.get(k, 0) + int(v)
    return counts


def build(out_dir: Path | str, database: bool = True) -> dict[str, int]:
    """Fill report links, write summary.parquet and cchc.duckdb. Returns counts for the run summary."""
    out_dir = Path(out_dir)
    docs_path = out_dir / "documents.parquet"
    table = pq.read_table(docs_path)
    docs = table.to_pandas()
    linked = reports.link(docs, fact_counts(out_dir))
    for col, typ in (("report_id", pa.string()), ("report_primary", pa.bool_())):
        arr = pa.array(linked[col].tolist(), type=typ)
        if col in table.column_names:
            table = table.set_column(table.column_names.index(col), col, arr)
        else:
            table = table.append_column(col, arr)
    table = conform(table, DOCUMENTS)  # outputs of an older version: columns it did not have are null
    rows = summary.build(linked, _read(out_dir, "hoso"), _read(out_dir, "tthc"), _read(out_dir, "par_scores"))
    out = OutputSet(out_dir, {"documents": DOCUMENTS, "summary": SUMMARY})  # both replaced together, or neither
    out.write("documents", table)
    out.write("summary", rows)
    out.close()
    if database:
        from .sql import write_database
        write_database(out_dir)
    usable = linked[linked["report_id"].notna()]
    return {"reports": int(usable["report_id"].nunique()), "renderings": int(len(usable)),
            "summary_rows": len(rows)}


def main(argv: list[str] | None = None) -> int:
    ap = outputs_parser("python -m extract.analyst", __doc__)
    ap.add_argument("--no-database", action="store_true", help="do not write cchc.duckdb")
    a = ap.parse_args(argv)
    if no_run_in(a.outputs):
        return 2
    n = build(a.outputs, database=not a.no_database)
    print(f"{n['renderings']} document(s) in {n['reports']} report(s); summary: {n['summary_rows']} row(s)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
