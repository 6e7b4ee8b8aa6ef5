"""Reader-independent layout assembly.

Readers emit a stream of `RawPara`, `RawTable` and `PageBreak` items in
reading order, with the text already written to a `TextBuilder`. `assemble`
turns that stream into the model's blocks and tables:

* table chunks that continue across a page (same header rows repeated, or
  same column count right after a page break) become one table; repeated
  header rows are dropped and a row that the page break split is joined;
* a body paragraph cut by a page break and/or the footnote area is joined
  with its continuation, so the sentence reads as one again;
* layout tables (borderless header and signature blocks) become paragraphs.
"""
from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import Callable, Iterable

from .model import Block, Table

Piece = tuple[int, int, "int | None"]  # doc start, doc end, page


@dataclass
class RawPara:
    pieces: list[Piece]
    styles: frozenset[str] = frozenset()
    kind: str = "paragraph"  # paragraph | footnote
    footnote_label: str | None = None
    column_x: float | None = None
    # geometry hints from a PDF (None when unknown): does the last line run to the
    # right margin (so the text may go on), is the first line indented (a new paragraph)?
    open_end: bool | None = None
    indented: bool | None = None


@dataclass
class RawCell:
    pieces: list[Piece]
    row: int
    col: int
    rowspan: int = 1
    colspan: int = 1


@dataclass
class RawTable:
    rows: list[list[RawCell]]
    header_rows: int | None = None  # known (DOCX tblHeader) or None: infer
    layout: bool = False
    pages: list[int | None] = field(default_factory=list)


@dataclass
class PageBreak:
    page: int | None = None


Item = RawPara | RawTable | PageBreak

_TERMINAL = re.compile(r"""[.;:!?…"”'’)\]/]\s*$|\.{3}\s*$""")
_LIST_START = re.compile(r"^\s*(?:[-+*•–]\s|[a-zđ]\)\s|[a-zđ]\.\s|\d+(?:\.\d+)*[.)]\s|[IVXL]+\.\s)", re.I)
_HEADING_LIKE = re.compile(r"^\s*(?:[IVXL]+|\d+(?:\.\d+)*|[a-zđ])[.)]\s+\S", re.I)


def layout_columns(text: str) -> list[str] | None:
    """A line of the header or signature block set in two columns with a tab ("ỦY BAN NHÂN DÂN<tab>CỘNG HÒA XÃ
    HỘI CHỦ NGHĨA VIỆT NAM", "- Lưu: VT.<tab>Ngô Hạnh Phúc"): its two parts, when one of them is such a line
    (patterns/header.yaml header.column_cue); else None (a tab inside running text is a space)."""
    if "\t" not in text or "\n" in text:
        return None
    parts = [p.strip() for p in re.split(r"\t+", text) if p.strip()]
    if len(parts) != 2 or max(len(p) for p in parts) > 120:
        return None
    from .normalize import fold_for_matching
    from .rules import load_rules

    cue = load_rules("header").by_id("header.column_cue")
    if any(cue.regex.search(fold_for_matching(p)) for p in parts):
        return parts
    return None


def _looks_heading(text: str, styles: frozenset[str]) -> bool:
    t = text.strip()
    if not t:
        return False
    if "bold" in styles and len(t) < 200:
        return True
    if _HEADING_LIKE.match(t) and len(t) < 160 and not _TERMINAL.search(t):
        return True
    letters = [c for c in t if c.isalpha()]
    return bool(letters) and len(t) < 160 and all(c.isupper() for c in letters)


def continues(prev_text: str, prev_styles: frozenset[str], next_text: str, next_styles: frozenset[str],
              *, known_break: bool = True) -> bool:
    """Is `next_text` the continuation of a paragraph that a break cut after `prev_text`?

    `known_break`: a page break or footnote area lies between them. Without
    one, only a continuation that starts in lower case (or a digit) joins.
    """
    p, n = prev_text.rstrip(), next_text.lstrip()
    if not p or not n:
        return False
    if _TERMINAL.search(p) or _looks_heading(p, prev_styles):
        return False
    if _LIST_START.match(n) or _looks_heading(n, next_styles):
        return False
    return known_break or n[0].islower() or n[0].isdigit()


def _cell_text(cell: RawCell, text_of: Callable[[int, int], str]) -> str:
    return " ".join(text_of(s, e) for s, e, _ in cell.pieces).strip()


def _row_texts(row: list[RawCell], text_of) -> list[str]:
    """Texts by grid column (a merged cell leaves the columns it covers empty)."""
    out = [""] * max((c.col + c.colspan for c in row), default=0)
    for c in row:
        out[c.col] = _cell_text(c, text_of)
    return out


def _norm_row(texts: list[str]) -> tuple[str, ...]:
    return tuple(re.sub(r"\s+", " ", t).casefold() for t in texts)


def _repeated_header(prev: RawTable, nxt: RawTable, text_of) -> int:
    """How many leading rows of `nxt` repeat the leading rows of `prev`."""
    k = 0
    while k < min(len(prev.rows), len(nxt.rows)) and k < 6:
        if _norm_row(_row_texts(prev.rows[k], text_of)) != _norm_row(_row_texts(nxt.rows[k], text_of)):
            break
        k += 1
    return k


def _ncols(t: RawTable) -> int:
    return max((sum(c.colspan for c in r) for r in t.rows), default=0)


def _is_split_row_tail(row: list[RawCell], text_of, prev_row: list[RawCell] | None = None) -> bool:
    """The tail of a row a page break split: the index column is empty (the row above has one)
    and the text goes on in lower case (or only the label cell is filled)."""
    texts = _row_texts(row, text_of)
    filled = [i for i, t in enumerate(texts) if t]
    if not filled or 0 in filled or len(texts) < 3:
        return False

    def continues(t: str) -> bool:
        return t[0].islower() or t[0] in "(<" or not re.match(r"^[A-ZĐÀ-Ỹ-]", t)

    if len(filled) == 1:
        return continues(texts[filled[0]])
    prev = _row_texts(prev_row, text_of) if prev_row else []
    if not prev or not any(texts[i][0].islower() for i in filled):
        return False
    if prev[0]:
        return True
    # the row above has no index either (a sub-row): the tail must leave the value column it filled empty
    return bool(prev[-1]) and not texts[-1]


def _merge_tables(a: RawTable, b: RawTable, text_of) -> RawTable:
    rep = _repeated_header(a, b, text_of)
    if a.header_rows is None and rep:
        a.header_rows = rep
    body = b.rows[rep:]
    if body and a.rows and len(a.rows) > (a.header_rows or 0) and _is_split_row_tail(body[0], text_of, a.rows[-1]):
        last = a.rows[-1]
        by_col = {c.col: c for c in last}
        for cell in body[0]:
            if cell.pieces and cell.col in by_col:
                by_col[cell.col].pieces.extend(cell.pieces)
        body = body[1:]
    base = len(a.rows)
    for i, row in enumerate(body):
        for cell in row:
            cell.row = base + i
    a.rows.extend(body)
    a.pages.extend(p for p in b.pages if p not in a.pages)
    return a


def _should_merge(a: RawTable, b: RawTable, crossed_page: bool, text_of) -> bool:
    if a.layout or b.layout:
        return False
    if _repeated_header(a, b, text_of) and (a.header_rows is None or _repeated_header(a, b, text_of) >= a.header_rows):
        return True
    return crossed_page and _ncols(a) == _ncols(b) and _ncols(a) >= 2


def _infer_header_rows(t: RawTable, text_of) -> int:
    if len(t.rows) < 2:
        return 0
    first = _row_texts(t.rows[0], text_of)
    if sum(1 for x in first if re.fullmatch(r"[\d.,%\s]+", x or "x")) > 0:
        return 0
    n = 1
    while n < min(len(t.rows), 4):
        texts = _row_texts(t.rows[n], text_of)
        above = _row_texts(t.rows[n - 1], text_of)
        if texts and texts[0]:
            break
        if any(re.fullmatch(r"[\d.,%\s]+", x) for x in texts if x):
            break
        fills_gap = any(x and (i >= len(above) or not above[i] or i > 0) for i, x in enumerate(texts))
        if not fills_gap or not any(texts):
            break
        # a header continuation row names sub-columns under a spanning cell
        if not any(i < len(above) and not above[i] for i, x in enumerate(texts) if x) and \
                not any(c.colspan > 1 for c in t.rows[n - 1]):
            break
        n += 1
    return n


def assemble(items: Iterable[Item], text_of: Callable[[int, int], str], *,
             join_any_boundary: bool = False) -> tuple[list[Block], list[Table]]:
    """`join_any_boundary`: page breaks are unknown (plain text), so any paragraph boundary may be one."""
    # 1. merge table chunks that continue over page breaks
    merged: list[Item] = []
    for it in items:
        if isinstance(it, RawTable):
            j = len(merged) - 1
            crossed = False
            while j >= 0 and (isinstance(merged[j], PageBreak) or
                              (isinstance(merged[j], RawPara) and merged[j].kind == "footnote")):
                crossed = crossed or isinstance(merged[j], PageBreak)
                j -= 1
            if j >= 0 and isinstance(merged[j], RawTable) and _should_merge(merged[j], it, crossed, text_of):
                _merge_tables(merged[j], it, text_of)
                continue
        merged.append(it)

    # 2. join body paragraphs cut by a page break / footnote area
    out: list[Item] = []
    last_body: int | None = None  # index in out of the last body paragraph
    for it in merged:
        if isinstance(it, PageBreak) or (isinstance(it, RawPara) and it.kind == "footnote"):
            out.append(it)
            continue
        if isinstance(it, RawPara) and last_body is not None and (join_any_boundary or last_body != len(out) - 1):
            prev = out[last_body]
            assert isinstance(prev, RawPara)
            if prev.open_end is False or it.indented is True:
                out.append(it)
                last_body = len(out) - 1
                continue
            ptxt = " ".join(text_of(s, e) for s, e, _ in prev.pieces)
            ntxt = " ".join(text_of(s, e) for s, e, _ in it.pieces)
            if continues(ptxt, prev.styles, ntxt, it.styles, known_break=last_body != len(out) - 1):
                prev.pieces.extend(it.pieces)
                continue
        out.append(it)
        last_body = len(out) - 1 if isinstance(it, RawPara) else None

    # 3. blocks and tables
    blocks: list[Block] = []
    tables: list[Table] = []

    def add_block(pieces: list[Piece], **kw) -> Block:
        segs = [(s, e) for s, e, _ in pieces]
        b = Block(id=len(blocks), segments=segs, pages=[p for _, _, p in pieces],
                  text=Block.join([text_of(s, e) for s, e in segs]), **kw)
        blocks.append(b)
        return b

    for it in out:
        if isinstance(it, PageBreak):
            continue
        if isinstance(it, RawPara):
            if not any(e > s for s, e, _ in it.pieces):
                continue
            add_block(it.pieces, kind="footnote" if it.kind == "footnote" else "paragraph",
                      location="footnote" if it.kind == "footnote" else "body",
                      styles=it.styles, footnote_label=it.footnote_label, column_x=it.column_x)
            continue
        # tables
        if it.layout:
            for row in it.rows:
                for cell in row:
                    for s, e, p in cell.pieces:
                        if text_of(s, e).strip():
                            add_block([(s, e, p)], kind="paragraph", location="body",
                                      column_x=float(cell.col))
            continue
        header_rows = it.header_rows if it.header_rows is not None else _infer_header_rows(it, text_of)
        tindex = len(tables)
        grid: list[list[Block]] = []
        for r, row in enumerate(it.rows):
            brow = []
            for cell in row:
                brow.append(add_block(cell.pieces, kind="cell", location="table", table=tindex,
                                      row=r, col=cell.col))
            grid.append(brow)
        tables.append(Table(index=tindex, rows=grid, header_rows=header_rows,
                            pages=it.pages or sorted({p for row in grid for b in row for p in b.pages if p},
                                                     key=lambda x: x or 0)))
    return blocks, tables
