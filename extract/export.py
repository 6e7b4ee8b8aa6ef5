"""Spreadsheet copies of the outputs, for people who live in spreadsheets.

    python -m extract.export outputs                 # outputs/csv/*.csv and outputs/cchc.xlsx
    python -m extract.export outputs --csv DIR --xlsx FILE --tables summary,documents

CSV: one file per table, UTF-8 with a byte-order mark (Excel then reads Vietnamese correctly),
dates as YYYY-MM-DD, missing values empty. Excel: one sheet per table, a first sheet `columns` with
every column's meaning (docs/TABLES.md), header row frozen. A cell longer than Excel's 32,767
characters (a page of text) is cut and marked with "…"; a table longer than Excel's 1,048,575 rows
is cut and the `columns` sheet says so.
"""
from __future__ import annotations

import functools
import os
import sys
from pathlib import Path

import pandas as pd
import pyarrow.parquet as pq

from .column_docs import KEY, table_doc
from .outputs_cli import no_run_in, outputs_parser

EXCEL_MAX_CHARS = 32_767
EXCEL_MAX_ROWS = 1_048_575
FIRST = ["summary", "documents", "hoso", "tthc", "par_scores", "references", "indicators", "hoso_summary",
         "checks", "errors", "provinces", "cells", "fact_boxes", "pages"]


def _tables(out_dir: Path, only: list[str] | None) -> list[str]:
    have = {p.stem for p in out_dir.glob("*.parquet")}
    names = [n for n in FIRST if n in have] + sorted(have - set(FIRST))
    return [n for n in names if only is None or n in only]


def write_csv(out_dir: Path, csv_dir: Path, only: list[str] | None = None) -> list[Path]:
    csv_dir.mkdir(parents=True, exist_ok=True)
    written = []
    for name in _tables(out_dir, only):
        df = pd.read_parquet(out_dir / f"{name}.parquet")
        path = csv_dir / f"{name}.csv"
        tmp = path.with_name(path.name + ".tmp")
        df.to_csv(tmp, index=False, encoding="utf-8-sig")
        os.replace(tmp, path)
        written.append(path)
    return written


@functools.lru_cache(maxsize=1)
def _illegal_characters():
    """openpyxl's pattern of the characters a worksheet cannot hold (imported once, not per cell)."""
    from openpyxl.cell.cell import ILLEGAL_CHARACTERS_RE
    return ILLEGAL_CHARACTERS_RE


def _cell(v):
    """A value as a worksheet cell holds it (values come from `to_pylist`: plain Python objects)."""
    if v is None:
        return None
    if isinstance(v, float) and v != v:
        return None
    if isinstance(v, str):
        v = _illegal_characters().sub("\ufffd", v)
        return v if len(v) <= EXCEL_MAX_CHARS else v[: EXCEL_MAX_CHARS - 1] + "…"
    return v


def write_xlsx(out_dir: Path, path: Path, only: list[str] | None = None) -> Path:
    from openpyxl import Workbook
    from openpyxl.styles import Font
    wb = Workbook(write_only=True)
    names = _tables(out_dir, only)
    notes: list[list] = []
    sheets = []
    for name in names:
        table = pq.read_table(out_dir / f"{name}.parquet")
        cut = table.num_rows > EXCEL_MAX_ROWS
        sheets.append((name, table.slice(0, EXCEL_MAX_ROWS), cut))
        doc = table_doc(name)
        notes.append([name, None, (doc["description"] or "") + (f" [cut to {EXCEL_MAX_ROWS} of "
                                                                  f"{table.num_rows} rows]" if cut else "")])
        for f in table.schema:
            text = (f.metadata or {}).get(KEY, b"").decode() or doc["columns"].get(f.name)
            notes.append([name, f.name, text])
    from openpyxl.cell import WriteOnlyCell
    bold = Font(bold=True)

    def header(ws, names):
        cells = []
        for n in names:
            c = WriteOnlyCell(ws, value=n)
            c.font = bold
            cells.append(c)
        ws.append(cells)

    ws = wb.create_sheet("columns")
    ws.freeze_panes = "A2"
    header(ws, ("table", "column", "meaning"))
    for r in notes:
        ws.append([_cell(v) for v in r])
    for name, table, _ in sheets:
        ws = wb.create_sheet(name[:31])
        ws.freeze_panes = "A2"
        header(ws, table.column_names)
        for batch in table.to_batches(10_000):
            cols = [col.to_pylist() for col in batch.columns]
            for row in zip(*cols):
                ws.append([_cell(v) for v in row])
    path.parent.mkdir(parents=True, exist_ok=True)
    tmp = path.with_name(path.name + ".tmp")
    wb.save(tmp)
    os.replace(tmp, path)
    return path


def main(argv: list[str] | None = None) -> int:
    ap = outputs_parser("python -m extract.export", __doc__)
    ap.add_argument("--csv", type=Path, help="CSV folder (default OUTPUTS/csv)")
    ap.add_argument("--xlsx", type=Path, help="Excel workbook (default OUTPUTS/cchc.xlsx)")
    ap.add_argument("--tables", type=lambda s: [x for x in s.split(",") if x], default=None,
                    help="only these tables (comma-separated)")
    a = ap.parse_args(argv)
    if no_run_in(a.outputs):
        return 2
    for p in write_csv(a.outputs, a.csv or a.outputs / "csv", a.tables):
        print(p)
    print(write_xlsx(a.outputs, a.xlsx or a.outputs / "cchc.xlsx", a.tables))
    return 0


if __name__ == "__main__":
    sys.exit(main())
