"""Indicators: one row per numeric cell of the statistical tables (phụ lục thống kê).

For each data table of the document:

1. Give every column a ROLE from its header (`patterns/tables.yaml`,
   `tables.header.*`): item_no (STT), label, unit, value, note, ignore. A
   multi-row header ("Kết quả thống kê / Số lượng/Tỷ lệ / Sở KH&CN") is
   classified on its lowest part that a rule matches. Columns no rule knows
   are classified by their content (mostly numbers -> value).
2. Keep only value columns whose body cells are mostly numbers
   (`tables.cell.*`); a table without one is not statistical (plan tables,
   contact lists) and yields nothing.
3. Walk the body rows keeping a context stack of section rows (Roman parts,
   numbered group rows, label-only rows) for `section`, and emit one
   indicator per numeric value cell.
"""
from __future__ import annotations

import functools
import re
from dataclasses import asdict, dataclass

from ..model import Block, Document, Table
from ..normalize import SUPERSCRIPT_CHARS, squash_spaces, strip_markup
from ..numbers import parse_number
from ..rules import Rule, RuleSet, load_rules

ROLES = ("item_no", "label", "unit", "value", "note", "ignore")
ITEM_LEVEL = 2  # tables.item.arabic
BULLET_LEVEL = 9  # tables.item.bullet: "-"/"+" rows are items, not sections
MIN_NUMERIC_SHARE = 0.5
MAX_HEADER_ROWS = 4
PLAN_RULE = "tables.header.ignore_plan"  # a value column: at least this share of its non-empty body cells are numbers

_SUPERSCRIPTS = re.compile(f"[{SUPERSCRIPT_CHARS}]+")
_BULLET = re.compile(r"^\s*([-+*•–])\s+")
_NUM = re.compile(r"[+-]?(?:\d{1,3}(?:\.\d{3})+(?:,\d+)?|\d+(?:[.,]\d+)?)")


@dataclass
class Column:
    index: int
    header: str
    role: str | None  # one of ROLES, None when no header rule matched
    rule: str | None
    kind: str = "actual"


@dataclass
class CellValue:
    value: float
    rule: str


@dataclass
class Indicator:
    doc_id: str | None
    table_index: int
    row_index: int
    section: str | None
    item_no: str | None
    label: str | None
    column: str | None
    unit: str | None
    value_raw: str
    value: float
    note: str | None
    page: int | None
    char_start: int
    char_end: int
    quote: str
    rule: str
    kind: str
    confidence: str = "high"  # a numeric cell under a column header a rule knows


# --------------------------------------------------------------------- rules

def _rules() -> RuleSet:
    return load_rules("tables")


@functools.lru_cache(maxsize=None)
def _group(prefix: str) -> tuple[Rule, ...]:
    """The tables.yaml rules whose id starts with `prefix` (looked up once per prefix: the rules never change
    in a process, and cells ask per cell)."""
    return tuple(r for r in _rules() if r.id.startswith(prefix))


def _first(prefix: str, text: str) -> Rule | None:
    for r in _group(prefix):
        if r.search(text):
            return r
    return None


# --------------------------------------------------------------------- cells

def _cell_text(block: Block | None) -> str:
    return _clean_cell_text(block.text) if block is not None else ""


@functools.lru_cache(maxsize=8192)
def _clean_cell_text(text: str) -> str:
    """A cell's text without markup, spaces squashed (cached by the text: rows and header rows are read
    again and again while a table's columns are found)."""
    return squash_spaces(strip_markup(text))


def classify_cell(text: str) -> CellValue | None:
    """The number a value cell states, or None (empty, words, dates, phone numbers, symbols)."""
    t = _SUPERSCRIPTS.sub("", squash_spaces(strip_markup(text)))
    rule = _first("tables.cell.", t) if t else None
    if rule is None or rule.get("cell") != "number":
        return None
    m = _NUM.match(t.strip())
    value = parse_number(m.group(0)) if m else None
    if value is None:
        return None
    return CellValue(value=value, rule=rule.id)


def clean_label(text: str) -> tuple[str | None, str | None]:
    """(label, bullet): markup, footnote markers and a leading "- "/"+ " removed, spaces squashed."""
    t = squash_spaces(_SUPERSCRIPTS.sub("", strip_markup(text)))
    bullet = None
    m = _BULLET.match(t)
    if m:
        bullet, t = m.group(1), t[m.end():]
    t = t.strip()
    return (t or None), bullet


# ------------------------------------------------------------------- columns

def _at(row: list[Block], col: int) -> Block | None:
    """The cell of grid column `col` (a cell spanning columns sits at its first column)."""
    for i, b in enumerate(row):
        if (b.col if b.col is not None else i) == col:
            return b
    return None


def _ncols(table: Table) -> int:
    return max((max((b.col if b.col is not None else i) for i, b in enumerate(r)) + 1
                for r in table.rows if r), default=0)


def _header_parts(table: Table, col: int, header_rows: int) -> list[str]:
    """Header texts of a column, top-down, without repeats.

    A header cell spanning columns is one cell at its first column; the columns it
    covers have NO cell in that row (an empty cell is not a span). A missing cell
    with nothing above it in its column takes the text of the cell to its left.
    """
    parts: list[str] = []
    for row in table.rows[:header_rows]:
        b = _at(row, col)
        t = _cell_text(b)
        if b is None and not parts:
            left = [x for x in row if x.col is not None and x.col < col]
            t = _cell_text(max(left, key=lambda x: x.col)) if left else ""
        if t and t not in parts:
            parts.append(t)
    return parts


def classify_header(parts: list[str]) -> tuple[str | None, str | None, str]:
    """(role, rule id, kind) of a column from its header parts (most specific = lowest part first)."""
    role, rule_id, kind = None, None, "actual"
    for part in reversed(parts):
        r = _first("tables.header.", part)
        if r is None:
            continue
        if role is None:
            role, rule_id = r.get("role"), r.id
        if r.get("kind") == "target":
            kind = "target"
    return role, rule_id, kind


def _numeric_share(table: Table, col: int, header_rows: int) -> tuple[int, int]:
    """(numeric cells, non-empty cells) of a column's body."""
    num = filled = 0
    for row in table.rows[header_rows:]:
        t = _cell_text(_at(row, col))
        if t:
            filled += 1
            if classify_cell(t) is not None:
                num += 1
    return num, filled


def _looks_like_item_column(table: Table, col: int, header_rows: int) -> bool:
    items = [t for t in (_cell_text(_at(r, col)) for r in table.rows[header_rows:]) if t]
    return bool(items) and all(_first("tables.item.", t) for t in items)


def _columns(table: Table, header_rows: int) -> list[Column]:
    cols: list[Column] = []
    for c in range(_ncols(table)):
        parts = _header_parts(table, c, header_rows)
        role, rule_id, kind = classify_header(parts)
        cols.append(Column(index=c, header=" / ".join(parts), role=role, rule=rule_id, kind=kind))
    # columns no header rule knows: STT-like first column, numeric columns, a text label column
    for col in cols:
        if col.role is not None:
            continue
        if col.index == 0 and _looks_like_item_column(table, col.index, header_rows):
            col.role = "item_no"
        else:
            num, filled = _numeric_share(table, col.index, header_rows)
            if num and num >= MIN_NUMERIC_SHARE * filled and not (col.index == 0 and num == filled):
                col.role = "value"
    # a value column must hold numbers
    for col in cols:
        if col.role == "value":
            num, filled = _numeric_share(table, col.index, header_rows)
            if not num or num < MIN_NUMERIC_SHARE * filled:
                col.role = "ignore"
    # a plan table (Kết quả/Sản phẩm, Đơn vị chủ trì, Thời gian hoàn thành...): its figures are targets
    if sum(1 for c in cols if c.rule == PLAN_RULE) >= 2:
        for col in cols:
            if col.role == "value":
                col.kind = "target"
    if not any(c.role == "label" for c in cols):  # the leftmost unknown (else ignored) text column
        for wanted in (None, "ignore"):
            col = next((c for c in cols if c.role == wanted), None)
            if col is not None:
                col.role = "label"
                break
    return cols


def _is_header_continuation(row: list[Block], cols: list[Column]) -> bool:
    """A first body row that is really one more header row: only header words, under value columns.

    ("Đơn vị tính | Số lượng/Tỷ lệ" below "Kết quả thống kê" when the reader counted one header row.)
    """
    filled = [b for b in row if _cell_text(b)]
    if not filled:
        return False
    for b in filled:
        c = b.col if b.col is not None else row.index(b)
        role = cols[c].role if c < len(cols) else None
        if role in ("item_no", "label") or c == 0:
            return False
        t = _cell_text(b)
        if classify_cell(t) is not None or _first("tables.header.", t) is None:
            return False
    return True


def columns_of(table: Table) -> tuple[list[Column], int]:
    """The columns of a table and its number of header rows (the reader's, plus missed ones)."""
    header_rows = table.header_rows
    cols = _columns(table, header_rows)
    while header_rows < min(len(table.rows) - 1, MAX_HEADER_ROWS) and \
            _is_header_continuation(table.rows[header_rows], cols):
        header_rows += 1
        cols = _columns(table, header_rows)
    return cols, header_rows


# ---------------------------------------------------------------------- rows

@dataclass
class _Context:
    level: float
    text: str
    group: bool = False  # an unnumbered label-only row


def _item_level(item: str) -> tuple[float | None, Rule | None]:
    r = _first("tables.item.", item)
    if r is None:
        return None, None
    return float(r.get("level")), r


def _section_text(item: str | None, label: str | None) -> str:
    if item and label:
        return f"{item.rstrip('.)')}. {label}"
    return label or item or ""


def _is_header_repeat(row: list[Block], header_rows: list[list[Block]]) -> bool:
    texts = [_cell_text(c) for c in row]
    return any(texts == [_cell_text(c) for c in h] for h in header_rows) and any(texts)


def is_listing(table: Table) -> bool:
    """A list of procedures or process steps (danh mục TTHC, quy trình nội bộ), not statistics: a header
    names the procedure, its code, its steps, deadlines, fees or legal basis (tables.listing.*)."""
    heads = [h for h in table.header_labels() for h in h.split(" / ")] if table.header_rows else \
        [c.text for c in (table.rows[0] if table.rows else [])]
    return any(_first("tables.listing.", squash_spaces(h)) for h in heads if h.strip())


def extract_table(table: Table, doc_id: str | None = None) -> list[Indicator]:
    if table.layout or not table.rows or is_listing(table):
        return []
    cols, n_header = columns_of(table)
    values = [c for c in cols if c.role == "value"]
    if not values:
        return []
    by_role = {role: next((c for c in cols if c.role == role), None) for role in ROLES}
    label_col, item_col = by_role["label"], by_role["item_no"]
    unit_col, note_col = by_role["unit"], by_role["note"]
    single = len(values) == 1
    coded = _rules().by_id("tables.unit.coded")
    total = _rules().by_id("tables.row.total")
    header_rows = table.rows[:n_header]

    def cell(row: list[Block], col: Column | None) -> Block | None:
        return _at(row, col.index) if col is not None else None

    out: list[Indicator] = []
    stack: list[_Context] = []
    for r_i, row in enumerate(table.rows):
        if r_i < n_header or _is_header_repeat(row, header_rows):
            continue
        item = _cell_text(cell(row, item_col)) or None
        label_text = _cell_text(cell(row, label_col))
        if item and item == label_text:  # one cell spanning the STT and label columns
            item = None
        label, bullet = clean_label(label_text)
        unit = _cell_text(cell(row, unit_col)) or None
        note = _cell_text(cell(row, note_col)) or None
        found: list[tuple[Column, Block, CellValue]] = []
        for col in values:
            b = cell(row, col)
            if b is not None and b.text.strip():
                cv = classify_cell(b.text)
                if cv is not None:
                    found.append((col, b, cv))
        others = [_cell_text(c) for c in row if _cell_text(c) and c is not cell(row, item_col)]

        # a banner row: one text in the STT column, nothing else ("SỞ KHOA HỌC VÀ CÔNG NGHỆ")
        level, _ = _item_level(item) if item else (None, None)
        if item and level is None and not others and not found:
            stack = [_Context(-1.0, item)]
            continue
        if not item and not label and not found:
            continue
        if item and level is None and not label:  # a label written across the STT column ("Tổng cộng")
            (label, bullet), item = clean_label(item), None

        numbered = level is not None and level < BULLET_LEVEL
        if numbered:  # a numbered row closes its previous siblings (and their children)
            stack = [c for c in stack if c.level < level]
        elif label and total.search(label):  # "Tổng cộng" closes the numbered items above it
            stack = [c for c in stack if c.level < ITEM_LEVEL and not c.group]
        section = " > ".join(c.text for c in stack) or table.section
        for col, b, cv in found:
            ev = b.evidence(0, len(b.text))
            unit_out = unit
            if unit_out is None and (b.text.strip().endswith("%") or "(%)" in col.header):
                unit_out = "%"
            rule_id = col.rule or cv.rule  # the header rule, or the cell rule for a column read by content
            if unit and coded.search(unit):
                rule_id = coded.id
            out.append(Indicator(
                doc_id=doc_id, table_index=table.index, row_index=r_i, section=section,
                item_no=item or bullet, label=label,
                column=None if single else (col.header or None), unit=unit_out,
                value_raw=b.text.strip(), value=cv.value, note=note,
                page=ev["page"], char_start=ev["char_start"], char_end=ev["char_end"], quote=ev["quote"],
                rule=rule_id, kind=col.kind,
            ))

        # context for the rows below: numbered rows and label-only group rows
        if numbered and label:
            stack.append(_Context(level, _section_text(item, label)))
        elif not item and not bullet and label and label[0].isupper() and not found and not unit \
                and len(others) == 1:  # a label-only title row; "(https://...)", "kế đến ...)" are fragments
            level = max([c.level for c in stack if not c.group] + [0.0]) + 0.5
            stack = [c for c in stack if c.level < level] + [_Context(level, label, group=True)]
    return out


def extract(doc: Document, ctx) -> dict[str, list[dict]]:
    rows: list[dict] = []
    for table in doc.tables:
        rows.extend(asdict(ind) for ind in extract_table(table, doc.doc_id))
    return {"indicators": rows}
