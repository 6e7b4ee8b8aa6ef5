"""Figures in statistical tables: (label, unit, value) rows, their periods and evidence."""
from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass
from typing import Any, Iterator

from ..model import Block, Document, Table
from .sentences import Sentence, sentences
from .timing import _INTRODUCES, PeriodTracker, document_period, document_year


@dataclass
class TableRow:
    table: Table
    row_index: int
    label: str
    label_cell: Block
    unit: str
    value_cell: Block
    value_text: str
    column: str | None


_LABEL_HEAD = re.compile(r"chỉ tiêu|nội dung|tên|tiêu chí|danh mục", re.I)
_UNIT_HEAD = re.compile(r"đơn vị tính|đvt", re.I)
_NUMERIC_CELL = re.compile(r"^\s*[\d.,]+\s*%?\s*$")


def _text_column(t: Table, heads: list[str]) -> int:
    """The label column of a table without a "Chỉ tiêu / Nội dung" header: the first column, STT
    aside, whose cells are mostly words ("Đơn vị", "Lĩnh vực", "Tháng" with "Tháng 7/2025")."""
    body = t.rows[t.header_rows:]
    for i, h in enumerate(heads):
        if re.fullmatch(r"\s*(?:s?tt|số\s+tt|số\s+thứ\s+tự)\s*", h, re.I):
            continue
        cells = [r[i].text.strip() for r in body if i < len(r) and r[i].text.strip()]
        if cells and sum(not _NUMERIC_CELL.match(c) for c in cells) * 2 >= len(cells):
            return i
    return 1 if len(heads) > 1 else 0


def table_rows(doc: Document) -> Iterator[TableRow]:
    """(label, unit, value) rows of statistical tables, read from the cells (one per numeric cell)."""
    from ..extractors.tables import is_listing

    for t in doc.tables:
        if t.layout or not t.rows or is_listing(t):
            continue
        heads = t.header_labels()
        ncol = len(heads)
        label_col = next((i for i, h in enumerate(heads) if _LABEL_HEAD.search(h.split(" / ")[-1]) or _LABEL_HEAD.search(h)), None)
        unit_col = next((i for i, h in enumerate(heads) if _UNIT_HEAD.search(h.split(" / ")[-1])), None)
        if label_col is None:
            label_col = _text_column(t, heads)
        value_cols = [i for i in range(ncol) if i not in (label_col, unit_col) and i > label_col
                      and not re.search(r"ghi chú|stt|^tt$", heads[i], re.I)]
        for ri, row in enumerate(t.rows[t.header_rows:], start=t.header_rows):
            if label_col >= len(row):
                continue
            label = row[label_col].text.strip()
            unit = row[unit_col].text.strip() if unit_col is not None and unit_col < len(row) else ""
            for ci in value_cols:
                if ci >= len(row):
                    continue
                v = row[ci].text.strip()
                if not v or not _NUMERIC_CELL.match(v):
                    continue
                col = heads[ci] if len(value_cols) > 1 else None
                yield TableRow(t, ri, label, row[label_col], unit, row[ci], v, col)


def table_period(tr: TableRow, periods: dict[int, tuple[dt.date | None, dt.date | None]],
                 default_year: int | None = None) -> tuple[dt.date | None, dt.date | None]:
    """A table row's period: a period in the table's caption, else the period in force where the
    table stands (`table_periods`)."""
    from ..periods import find_periods

    cap = tr.table.caption or ""
    ps = [p for p in find_periods(cap, default_year) if p.kind != "year" or "trong năm" in cap.casefold()]
    if ps:
        return ps[0].start, ps[0].end
    return periods.get(tr.table.index, (None, None))


def table_periods(doc: Document, ctx: Any) -> dict[int, tuple[dt.date | None, dt.date | None]]:
    """The period of each table: that of the sentence introducing it ("Từ ngày 15/9/2024 đến ngày
    14/10/2024, Sở tiếp nhận ... Kết quả cụ thể như sau:"), or of a title line with its own period
    phrase just above it; else the period in force in its section; else the document's.

    The answer is kept on the document (`doc.__dict__`, gone with it), keyed by the document's period and
    year (all the walk reads besides the document): tthc and hoso ask for it three times."""
    key = (document_period(doc, ctx), document_year(doc, ctx))
    cache = doc.__dict__.setdefault("_table_periods", {})
    if key not in cache:
        cache[key] = _track_table_periods(doc, PeriodTracker(*key))
    return dict(cache[key])


def _track_table_periods(doc: Document, tracker: PeriodTracker) -> dict[int, tuple[dt.date | None, dt.date | None]]:
    out: dict[int, tuple[dt.date | None, dt.date | None]] = {}
    last: tuple[str | None, Sentence, tuple, str] | None = None  # (section, sentence, period, source)
    for block in doc.blocks:
        if block.location == "table" and block.table is not None:
            if block.table in out:
                continue
            t = next((x for x in doc.tables if x.index == block.table), None)
            sec = t.section if t is not None else block.section
            period = tracker.current(sec)
            if last is not None and last[0] == sec and last[3] in ("sentence", "sentence-head", "section") \
                    and (_INTRODUCES.search(last[1].text) or last[3] != "section"):
                period = last[2]
            out[block.table] = period
            continue
        if block.location != "body" or block.kind not in ("paragraph", "heading"):
            continue
        tracker.enter_block(block)
        if block.kind == "heading":
            last = None
            continue
        for sent in sentences(block):
            ps, pe, src = tracker.sentence_period(sent)
            last = (block.section, sent, (ps, pe), src)
    return out


def cell_evidence(cell: Block) -> dict:
    return cell.evidence(0, len(cell.text))


def row_evidence(doc_text: str, tr: TableRow) -> dict:
    """Evidence for a table row: from its label cell to its value cell (the quote is that text)."""
    a, b = cell_evidence(tr.label_cell), cell_evidence(tr.value_cell)
    if a["char_start"] is not None and b["char_end"] is not None and a["char_start"] < b["char_end"]:
        return {"page": a["page"], "char_start": a["char_start"], "char_end": b["char_end"],
                "quote": doc_text[a["char_start"]:b["char_end"]], "section": tr.table.section}
    b["section"] = tr.table.section
    return b
