"""Published text: documents as legal portals and converters publish them as plain text.

Such a text keeps the printed line breaks inside sentences, marks bold and italic with
``**``/``*`` (also inside words: "CH****Ủ TỊCH"), and writes the cells of every HTML table
(the two-column header block, the signature block, appendix tables) as runs of lines
separated by lines holding only ``|``: ``| a | b |`` printed one item per line, so a row
boundary is two ``|`` lines in a row. Rules ("-------") are layout.

This module turns those lines into the reader stream of `extract.layout`: paragraphs re-flowed
from their wrapped lines, tables as tables, and the small two-column blocks (header, signature)
as layout tables whose lines stay separate paragraphs, as a Word or PDF reader gives them.
"""
from __future__ import annotations

import re
from dataclasses import dataclass, field

from ..layout import RawCell, RawPara, RawTable

_PIPE = re.compile(r"^\s*\|\s*$")
_RULE = re.compile(r"^\s*[-_=–—]{3,}\s*$")
_EMPTY_STYLED = re.compile(r"^\s*(?:\*+\s*)+$")
_SOURCE = re.compile(r"^#\s*source\s*:", re.I)
_TERMINAL = re.compile(r"""[.;:!?…]["”')\]]*$""")
_STRUCTURAL = re.compile(
    r"^(?:[-+•–]\s|\d+(?:\.\d+)*[.)]\s|[a-zđ]\)\s|[IVXL]+\.\s|(?:Điều|Chương|Mục|Phần)\s+[\dIVXL]+\b|"
    r"Căn\s+cứ\b|Theo\s+đề\s+nghị\b|Nơi\s+nhận\b|Kính\s+gửi\b|QUYẾT\s+ĐỊNH\s*:)")
_MARK_OPEN = re.compile(r"^\s*(\*\*|\*)(?=\S)")
_HEADING = re.compile(r"^(?:PHẦN|Phần|PHỤ\s+LỤC|Phụ\s+lục|CHƯƠNG|Chương|MỤC|DANH\s+MỤC|Điều\s+\d|Quy\s+trình\s+số)\b")
_MAX_LAYOUT_ROWS = 3  # the header and signature blocks are one to three rows of two cells


def looks_published(raw: str) -> bool:
    """Whether `raw` is published text (hard-wrapped lines, `|` cell lines) rather than the
    one-paragraph-per-block text format of the seeds."""
    lines = raw.split("\n")
    if sum(1 for ln in lines if _PIPE.match(ln)) >= 2:
        return True
    chunks = [c for c in re.split(r"\n\s*\n", raw) if c.strip()]
    wrapped = 0
    for c in chunks:
        ls = [ln for ln in c.split("\n") if ln.strip()]
        if len(ls) > 1 and not any("\t" in ln for ln in ls):
            wrapped += sum(1 for ln in ls[1:] if not re.match(r"\s*[-+•*]\s", ln))
    body = sum(1 for ln in lines if ln.strip())
    return body > 0 and wrapped > 0.3 * body


def _plain(line: str) -> str:
    """A line without emphasis markers."""
    return line.replace("*", "").strip()


def _fully_styled(text: str) -> str | None:
    """The marker ("**" or "*") a paragraph is wholly set in, if it is ("**QUYẾT ĐỊNH**")."""
    t = text.strip()
    for mk in ("**", "*"):
        if t.startswith(mk) and t.endswith(mk) and len(t) > 2 * len(mk):
            inner = t[len(mk):-len(mk)]
            if mk == "*" and (inner.startswith("*") or inner.endswith("*")):
                continue
            return mk
    return None


def _open_marker(text: str) -> bool:
    """Whether an emphasis opened in `text` is still open at its end ("**ỦY BAN NHÂN")."""
    return text.count("**") % 2 == 1 or (text.replace("**", "").count("*") % 2 == 1)


def _is_caps(text: str) -> bool | None:
    """Whether a line is in capitals; None for a line too short to tell ("VỀ")."""
    letters = [c for c in _plain(text) if c.isalpha()]
    if len(letters) < 4:
        return None
    return all(c.isupper() for c in letters)


def starts_paragraph(para: str, line: str) -> bool:
    """Whether `line` starts a new paragraph after the paragraph text `para` (its lines so far)."""
    p, n = _plain(para), _plain(line)
    if not p:
        return False
    if not n:
        return True
    if _open_marker(para):
        return False  # "**ỦY BAN NHÂN" + "DÂN**": the emphasis runs on
    lower_next = n[0].islower()
    caps_run = bool(_is_caps(para)) and bool(_is_caps(line))
    if _TERMINAL.search(p) and not lower_next and not (caps_run and p.endswith((";", ","))):
        return True  # (a subject line in capitals goes on after ";": "... THỦY VĂN; LĨNH VỰC PHÍ, LỆ PHÍ ...")
    if _STRUCTURAL.match(n):
        return True
    mk_p = _fully_styled(para)
    mk_n = _MARK_OPEN.match(line)
    if mk_p and not lower_next:
        # a line wholly in bold/italic ends there, unless the next goes on in the same emphasis
        return not (mk_n and mk_n.group(1) == mk_p and not _TERMINAL.search(p))
    if mk_n and _fully_styled(line) and not lower_next:
        return True  # "**CHỦ TỊCH ỦY BAN NHÂN DÂN TỈNH ...**" under the subject lines: its own line
    cp, cn = _is_caps(para), _is_caps(line)
    if cp is not None and cn is not None and cp != cn and not lower_next:
        return True  # capitals (header, title) and running text are different paragraphs
    return False


def _line_by_line(para: str, line: str) -> bool:
    """In a header or signature cell every printed line is its own (\"KT. CHỦ TỊCH\" / \"PHÓ CHỦ TỊCH\" / the
    name), unless an emphasis runs on over the break or the next line goes on in lower case."""
    n = _plain(line)
    return bool(_plain(para)) and not _open_marker(para) and not (n[:1].islower())


def reflow(lines: list[str], *, layout: bool = False) -> list[str]:
    """Paragraphs (as printed, markers kept) from wrapped lines; `layout`: lines of a header or signature cell."""
    out: list[str] = []
    cur: list[str] = []
    for ln in lines:
        if not ln.strip() or _RULE.match(ln) or _EMPTY_STYLED.match(ln):
            if cur:
                out.append(" ".join(cur))
                cur = []
            continue
        s = ln.strip()
        if cur and (_line_by_line(" ".join(cur), s) if layout else starts_paragraph(" ".join(cur), s)):
            out.append(" ".join(cur))
            cur = []
        cur.append(s)
    if cur:
        out.append(" ".join(cur))
    return out


# --------------------------------------------------------------------------- tokens and tables


@dataclass
class _Content:
    lines: list[str]


@dataclass
class _Grid:
    rows: list[list[list[str]]] = field(default_factory=list)  # rows of cells of lines


def _tokens(lines: list[str]) -> list[object]:
    """Runs of content lines and the `|` lines between them ("P")."""
    out: list[object] = []
    for ln in lines:
        if _PIPE.match(ln):
            out.append("P")
        elif out and isinstance(out[-1], _Content):
            out[-1].lines.append(ln)
        else:
            out.append(_Content([ln]))
    return out


def _blank_only(c: _Content) -> bool:
    return all(not ln.strip() or _RULE.match(ln) or _EMPTY_STYLED.match(ln) for ln in c.lines)


def structure(lines: list[str]) -> list[object]:
    """Flow content and grids, in order.

    A grid starts at a `|` line (or, at the very top, with the first content when a `|` follows
    it: the converter drops the first leading bar). Inside it one `|` separates cells and two
    separate rows. It ends after a row as wide as the widest row so far when content follows
    the closing bar, or at a blank line after a bar."""
    toks = _tokens(lines)
    out: list[object] = []
    i = 0
    first_content = next((k for k, t in enumerate(toks) if isinstance(t, _Content) and not _blank_only(t)), None)
    while i < len(toks):
        t = toks[i]
        at_top = i == first_content and i + 1 < len(toks) and toks[i + 1] == "P"
        if t != "P" and not at_top:
            out.append(t)
            i += 1
            continue
        grid = _Grid()
        row: list[list[str]] = []
        width = 0
        if at_top:
            row.append(t.lines)
            i += 1
        # i at a "P"
        while i < len(toks):
            if toks[i] != "P":
                break
            # count bars
            j = i
            while j < len(toks) and toks[j] == "P":
                j += 1
            bars = j - i
            if bars >= 2:  # row boundary; extra bars are empty cells, first those that complete the row
                empty = bars - 2
                while row and empty and width and len(row) < width:
                    row.append([""])
                    empty -= 1
                if row:
                    grid.rows.append(row)
                    width = max(width, len(row))
                row = [[""] for _ in range(empty)]
            nxt = toks[j] if j < len(toks) else None
            if nxt is None:
                i = j
                break
            # content after the bar(s): the next cell, or flow after the grid
            text_lines = nxt.lines
            ends_blank = text_lines and not text_lines[0].strip()
            if bars == 1 and row and ((width and len(row) >= width) or (not width and len(row) >= 2 and _layout_row(row))):
                i = j
                break  # the row is complete: what follows is flow
            if bars == 1 and ends_blank and row:
                i = j
                break
            if bars == 1 and len(row) >= 2 and _HEADING.match(strip_emphasis(" ".join(text_lines[:2]))):
                i = j
                break  # "**PHẦN II. THỦ TỤC HÀNH CHÍNH BỊ BÃI BỎ**" after a short last row: a heading between tables
            if (row or grid.rows) and _opens_table(toks, j + 1):
                if row:
                    grid.rows.append(row)
                    row = []
                i = j
                break  # "B. DANH MỤC ... (02 TTHC)" then "| TT | Mã TTHC |": a heading, then the next table
            row.append([ln for ln in text_lines])
            i = j + 1
        if row:
            grid.rows.append(row)
        if grid.rows:
            out.append(grid)
    return out


_LAYOUT_CUE = re.compile(r"^\W*(?:CỘNG\s+HÒA|CỘNG\s+HOÀ|Độc\s+lập|Số\s*:|Nơi\s+nhận|(?:KT|TM|TL|TUQ)\s*\.)", re.I)


def _layout_row(row: list[list[str]]) -> bool:
    """A row of the header or signature block: two cells, one of them with the national name, the number,
    the recipients or a signing authority ("KT. CHỦ TỊCH")."""
    return len(row) == 2 and any(_LAYOUT_CUE.match(strip_emphasis(" ".join(c[:2]))) for c in row)


_NUMBER_HEAD = re.compile(r"^(?:S\.?\s*)?T\.?\s*T\.?$|^Số\s+(?:TT|thứ\s+tự)$", re.I)


def _opens_table(toks: list, k: int) -> bool:
    """Whether the tokens from k on open a new table: one bar, then a numbering header cell ("STT", "TT")."""
    return (k + 1 < len(toks) and toks[k] == "P" and isinstance(toks[k + 1], _Content)
            and bool(_NUMBER_HEAD.match(strip_emphasis(" ".join(toks[k + 1].lines)))))


def _is_layout(grid: _Grid) -> bool:
    """A header or signature block: at most a few rows of at most two cells, one naming the national name, the
    number, the recipients or a signing authority."""
    return len(grid.rows) <= _MAX_LAYOUT_ROWS and max(len(r) for r in grid.rows) <= 2 \
        and any(_LAYOUT_CUE.match(strip_emphasis(" ".join(c[:2]))) for r in grid.rows for c in r)


@dataclass
class WebItem:
    """A paragraph (text, styles) or a table (rows of cell paragraph lists; layout flag)."""

    kind: str  # "para" | "table"
    text: str = ""
    styles: frozenset[str] = frozenset()
    rows: list[list[list[str]]] = field(default_factory=list)
    layout: bool = False


def _styles(printed: str) -> frozenset[str]:
    mk = _fully_styled(printed)
    return frozenset({"bold"} if mk == "**" else {"italic"} if mk == "*" else set())


def strip_emphasis(text: str) -> str:
    """Text without emphasis markers ("CH****Ủ TỊCH" -> "CHỦ TỊCH", "**Điều 1. **Công" -> "Điều 1. Công")."""
    t = re.sub(r"\*+", "", text)
    return re.sub(r"[ \t]+", " ", t).strip()


def items(raw: str) -> list[WebItem]:
    """The paragraphs and tables of a published text, in order."""
    lines = [ln for ln in raw.split("\n") if not _SOURCE.match(ln)]
    out: list[WebItem] = []
    for part in structure(lines):
        if isinstance(part, _Content):
            for p in reflow(part.lines):
                t = strip_emphasis(p)
                if t:
                    out.append(WebItem("para", t, _styles(p)))
            continue
        rows = []
        layout = _is_layout(part)
        for r in part.rows:
            cells = []
            for cell_lines in r:
                paras = [strip_emphasis(p) for p in reflow(cell_lines, layout=layout)]
                cells.append([p for p in paras if p])
            rows.append(cells)
        if not any(c for r in rows for c in r):
            continue
        out.append(WebItem("table", rows=rows, layout=layout))
    return out


def to_raw(its: list[WebItem], put) -> list:
    """Reader stream items (`RawPara`, `RawTable`) for `its`; `put(text)` writes text and returns offsets."""
    stream: list = []
    for it in its:
        if it.kind == "para":
            s, e = put(it.text)
            stream.append(RawPara(pieces=[(s, e, None)], styles=it.styles))
            continue
        rows = []
        for r, cells in enumerate(it.rows):
            row = []
            for c, paras in enumerate(cells):
                pieces = []
                if it.layout:
                    for p in paras:
                        s, e = put(p)
                        pieces.append((s, e, None))
                elif paras:
                    s, e = put(" ".join(paras))
                    pieces.append((s, e, None))
                row.append(RawCell(pieces=pieces, row=r, col=c))
            rows.append(row)
        stream.append(RawTable(rows=rows, layout=it.layout, pages=[None]))
    return stream
