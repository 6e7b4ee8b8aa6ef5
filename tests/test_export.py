"""CSV and Excel copies of the outputs."""
from __future__ import annotations

import pandas as pd
import pyarrow as pa
import pyarrow.parquet as pq
from openpyxl import load_workbook

from extract.export import EXCEL_MAX_CHARS, main as export_main, write_xlsx


def test_csv_and_excel(corpus_outputs, tmp_path):
    assert export_main([str(corpus_outputs), "--csv", str(tmp_path / "csv"), "--xlsx", str(tmp_path / "x.xlsx")]) == 0
    docs = pd.read_csv(tmp_path / "csv" / "documents.csv", encoding="utf-8-sig")
    assert len(docs) == 10 and "Quảng Ngãi" in set(docs["province"])
    summary = pd.read_csv(tmp_path / "csv" / "summary.csv", encoding="utf-8-sig")
    assert "resolved_on_time_or_early" in summary.columns
    wb = load_workbook(tmp_path / "x.xlsx", read_only=True)
    assert wb.sheetnames[:3] == ["columns", "summary", "documents"]
    assert {"references", "hoso", "pages", "provinces"} <= set(wb.sheetnames)
    meanings = {(r[0], r[1]): r[2] for r in wb["columns"].iter_rows(min_row=2, values_only=True)}
    assert "restate" in meanings[("hoso", "restates")]
    rows = list(wb["summary"].iter_rows(values_only=True))
    assert rows[0][0] == "province" and len(rows) == len(summary) + 1


def test_excel_cuts_long_cells_and_strips_control_characters(tmp_path):
    out = tmp_path / "o"
    out.mkdir()
    pq.write_table(pa.table({"doc_id": ["a"], "page": [1], "text": ["x\x01" + "y" * (EXCEL_MAX_CHARS + 10)]}),
                   out / "pages.parquet")
    pq.write_table(pa.table({"doc_id": ["a"]}), out / "documents.parquet")
    wb = load_workbook(write_xlsx(out, tmp_path / "p.xlsx"), read_only=True)
    text = list(wb["pages"].iter_rows(min_row=2, values_only=True))[0][2]
    assert len(text) == EXCEL_MAX_CHARS and text.endswith("…") and text.startswith("x\ufffd")
