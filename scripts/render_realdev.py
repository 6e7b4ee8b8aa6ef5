#!/usr/bin/env python3
"""Render the real development set (../shared/realdev/docs/*.txt) as DOCX and PDF, in two layouts.

The texts are published web pages converted to markdown-ish text: hard line wraps inside
sentences, bold as **...**, italic as *...*, layout tables as cells separated by lines holding
only "|" (a row is "|" cell "|" cell ... "|", so rows are separated by two "|" lines and an empty
cell is an empty gap), "-------" rules. This script lays each one out again the way an office
issues it (Nghị định 30/2020/NĐ-CP: A4, Times New Roman, 14 pt body) and writes, keeping the stem:

  tests/realdev/rendered/table/<stem>.docx|.pdf
      the header block as a borderless two-column table (issuing body lines, a short rule,
      "Số: ..." | Quốc hiệu, motto, a short rule, the italic place-date line), the type name
      and title centred and bold, the authority line ("CHỦ TỊCH ỦY BAN NHÂN DÂN TỈNH ...")
      where the text has one, justified body paragraphs, "|" tables as real Word tables
      (header row repeated, appendices with wide tables in a landscape section), the
      signature block as a borderless two-column table ("Nơi nhận:" | authority, signer);
  tests/realdev/rendered/flat/<stem>.docx|.pdf
      the same document with the header and signature blocks as plain paragraphs in the
      order a PDF's text layer interleaves two columns: each row "left<TAB>right" with a
      right tab stop ("ỦY BAN NHÂN DÂN<TAB>CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM",
      "Số: 2020/QĐ-UBND<TAB>Lào Cai, ngày 20 tháng 11 năm 2025").

News articles (no "|" header block) are a title and paragraphs in both layouts. Hard wraps are
re-flowed into paragraphs, "**"/"*" markers become bold/italic runs, the "# source:" line and the
"|" / "-------" layout lines are dropped; the words are kept exactly as published (the gold is on
the text). PDFs come from LibreOffice headless (scripts/build_corpus.py: to_pdf, one profile
directory per process). Run from the repository root:

    .venv/bin/python scripts/render_realdev.py            # all, 2 soffice processes
    .venv/bin/python scripts/render_realdev.py --only r03_tphcm-qd2833-tthc-diachat --dump

Needs python-docx and the `soffice` binary.
"""
from __future__ import annotations

import argparse
import datetime as dt
import os
import re
import shutil
import sys
import tempfile
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass, field
from pathlib import Path

import docx
from docx.enum.section import WD_SECTION
from docx.enum.table import WD_CELL_VERTICAL_ALIGNMENT, WD_TABLE_ALIGNMENT
from docx.enum.text import WD_ALIGN_PARAGRAPH, WD_BREAK, WD_TAB_ALIGNMENT
from docx.oxml import OxmlElement
from docx.shared import Cm

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(Path(__file__).resolve().parent))

import build_corpus as bc  # noqa: E402  (layout helpers and to_pdf)

DOCS = ROOT.parent / "shared" / "realdev" / "docs"
OUT = ROOT / "tests" / "realdev" / "rendered"
LAYOUTS = ("table", "flat")
BODY_PT = 14

# --------------------------------------------------------------------------
# inline markup
# --------------------------------------------------------------------------

MARK = re.compile(r"\*\*|__|\*")
STAR = "\ue000"  # a literal '*' (a bullet: '*** CÁCH THỨC THỰC HIỆN**' is '*' + a bold heading)
RULE_LINE = re.compile(r"^\s*(-{3,}|_{3,}|={3,})\s*$")
TERMINAL = re.compile(r"(\./\.|[.;:!?…])$")
# a line that starts a new paragraph after a finished one, or even after an unfinished one
ITEM = re.compile(
    r"^(Điều\s+\d+|Chương\s+[IVXLC\d]+|Mục\s+\d+\b|Phần\s+[IVXLC\d]+\b|[IVXLC]+\s*\.\s"
    r"|\d+(\.\d+)*\s*[.)]\s|[a-zđ]\s*\)\s|[-+•–]\s*\S|Căn cứ\b|Theo đề nghị\b|Nơi nhận\b"
    r"|\((Kèm|Ban hành kèm|Đính kèm)|Bước\s+\d+\s*:)"
)
HEADER_CELL = re.compile(r"^(stt|tt|số tt|các bước|thứ tự công việc)$")
AUTHORITY = re.compile(r"^(KT\.|TM\.|Q\.|TL\.|TUQ\.|CHỦ TỊCH|BỘ TRƯỞNG|GIÁM ĐỐC|THỦ TRƯỞNG|CHÁNH)")


def plain(s: str) -> str:
    """Text without markup, spaces collapsed."""
    return re.sub(r"\s+", " ", MARK.sub("", s)).strip().replace(STAR, "*")


def literal_stars(line: str) -> str:
    """'*** X**' (bold X after a literal asterisk) -> STAR inside the bold span."""
    if line.startswith("*** ") and line.rstrip().endswith("**") and line.count("*") == 5:
        return "**" + STAR + line[3:]
    return line


def open_spans(s: str) -> tuple[bool, bool]:
    """(bold open, italic open) at the end of marked-up text."""
    b = i = False
    for m in MARK.finditer(s):
        if m.group() == "*":
            i = not i
        else:
            b = not b
    return b, i


def runs(text: str) -> list[tuple[str, bool, bool]]:
    """Marked-up text -> (text, bold, italic) runs; spaces collapsed across run boundaries."""
    out: list[list] = []
    b = i = False
    pos = 0

    def put(t: str):
        t = re.sub(r"\s+", " ", t)
        if not t:
            return
        if out and out[-1][0].endswith(" ") and t.startswith(" "):
            t = t[1:]
        if not out and t.startswith(" "):
            t = t.lstrip()
        if not t:
            return
        if out and out[-1][1:] == [b, i]:
            out[-1][0] += t
        else:
            out.append([t, b, i])

    for m in MARK.finditer(text):
        put(text[pos:m.start()])
        if m.group() == "*":
            i = not i
        else:
            b = not b
        pos = m.end()
    put(text[pos:])
    if out:
        out[-1][0] = out[-1][0].rstrip()
    return [(t.replace(STAR, "*"), bb, ii) for t, bb, ii in out if t]


def whole_bold(text: str) -> bool:
    rs = [r for r in runs(text) if r[0].strip()]
    return bool(rs) and all(r[1] for r in rs) and not any(open_spans(text))


def whole_italic(text: str) -> bool:
    rs = [r for r in runs(text) if r[0].strip()]
    return bool(rs) and all(r[2] for r in rs) and not any(open_spans(text))


def is_caps(s: str) -> bool:
    letters = [c for c in plain(s) if c.isalpha()]
    return len(letters) >= 3 and sum(c.isupper() for c in letters) >= 0.9 * len(letters)


# --------------------------------------------------------------------------
# re-flowing hard-wrapped lines into paragraphs
# --------------------------------------------------------------------------

def joins(cur: str, line: str) -> str | None:
    """How `line` continues paragraph `cur`: ' ' or '' (a symbol cut after its hyphen,
    'TT-' / 'BKHCN'), or None when it starts a new paragraph."""
    p_end, n = plain(cur), plain(line)
    if not n:
        return " "  # a line of markers only: it closes a span
    if re.search(r"\w-$", cur.rstrip()) and not line.startswith((" ", "-")):
        return ""
    b_open, i_open = open_spans(cur)
    terminal = bool(TERMINAL.search(p_end))
    if (b_open or i_open) and len(cur) < 2000 and not (terminal and (line.startswith("*") or ITEM.match(n))):
        return " "  # a bold/italic span wrapped over lines (a stray marker does not glue paragraphs)
    if whole_bold(cur) and len(p_end) < 300:
        return None  # a heading line
    if whole_italic(cur) and p_end.endswith(")"):
        return None  # '(Kèm theo Quyết định số ...)'
    if ITEM.match(n):
        return None
    if terminal and p_end.endswith(";"):
        return None if line.startswith("*") else " "  # '...; Giám đốc Sở ...' goes on
    if terminal:
        return " " if n[0].islower() else None
    if is_caps(cur) and not is_caps(line) and line.lstrip().startswith("*"):
        return None  # an upper-case title line, then a marked-up paragraph
    return " "


def reflow(lines: list[str]) -> list[str]:
    """Paragraphs (markup kept) from hard-wrapped lines; blank lines and rules end one."""
    paras: list[str] = []
    cur: str | None = None

    def close():
        nonlocal cur
        if cur is not None and plain(cur):
            paras.append(cur.strip())
        cur = None

    for raw in lines:
        line = raw.strip()
        if not line or RULE_LINE.match(line):
            close()
            continue
        if not plain(line) and not any(open_spans(line)) and not (cur and any(open_spans(cur))):
            close()  # '** **', '* *': an empty bold/italic line
            continue
        if cur is None:
            cur = line
            continue
        j = joins(cur, line)
        if j is None:
            close()
            cur = line
        else:
            cur = cur + j + line
    close()
    return paras


def cell_lines(lines: list[str], merge_plain: bool = False) -> list[str]:
    """Lines of a header or signature cell: a bold/italic span wrapped over lines is one
    line; with merge_plain, consecutive unmarked lines are one too ('UBND THÀNH PHỐ HÀ' / 'NỘI')."""
    out: list[str] = []
    glue = False
    for raw in lines:
        line = raw.strip()
        if not line or RULE_LINE.match(line):
            glue = False
            continue
        if out and (glue or (merge_plain and "*" not in line and "*" not in out[-1])):
            out[-1] = out[-1] + " " + line
        else:
            out.append(line)
        glue = any(open_spans(out[-1]))
    return [l for l in out if plain(l)]


# --------------------------------------------------------------------------
# the document model of a published text
# --------------------------------------------------------------------------

@dataclass
class Para:
    text: str  # with markup
    appendix: bool = False


@dataclass
class Grid:
    rows: list[list[list[str]]]  # rows of cells; a cell is its raw lines
    ncols: int


@dataclass
class Signature:
    left: list[str]  # paragraphs: 'Nơi nhận:' and the recipients (may be empty)
    right: list[str]  # authority lines, the signer's name last


@dataclass
class Header:
    left: list[tuple[str, bool]]  # issuing-body lines, bold or not
    motto: list[str]
    number: str
    place_date: str


@dataclass
class RealDoc:
    stem: str
    header: Header | None = None
    doc_type: str = ""
    title: str = ""
    authority: str = ""
    news_title: str = ""
    flow: list = field(default_factory=list)

    @property
    def year(self) -> int:
        m = re.search(r"năm\s+(\d{4})", self.header.place_date if self.header else "")
        return int(m.group(1)) if m else 2018


def gaps_of(lines: list[str]) -> list[list[str]]:
    """The text between "|" lines (a gap is a cell, a row separator, or body text)."""
    gaps: list[list[str]] = [[]]
    for line in lines:
        if line.strip() == "|":
            gaps.append([])
        else:
            gaps[-1].append(line)
    return gaps


def empty(gap: list[str]) -> bool:
    return not any(plain(l) for l in gap)


def header_start(gap: list[str]) -> bool:
    """The first cell of a table's header row ('STT', 'TT', 'Các bước', ...), in bold."""
    text = " ".join(l.strip() for l in gap if l.strip())
    return "**" in text and bool(HEADER_CELL.match(plain(text).casefold()))


def parse_table(gaps: list[list[str]], j: int) -> tuple[Grid, int]:
    """A table whose first cell is gaps[j]; returns it and the index of the body gap after it.
    Row lengths vary (merged cells); the header row gives the column count."""
    last = len(gaps) - 1

    def run_from(p: int) -> list[int]:
        r = []
        while p < last and not empty(gaps[p]):
            r.append(p)
            p += 1
        return r

    first = run_from(j) if not empty(gaps[j]) else [j] + run_from(j + 1)
    n = len(first)
    rows = [first]
    p = j + n + 1
    end = last
    while p < last:
        # a full row (it may hold empty cells) followed by a row separator
        if p + n < last and empty(gaps[p + n]) and not any(header_start(gaps[q]) for q in range(p + 1, p + n)):
            rows.append(list(range(p, p + n)))
            p += n + 1
            continue
        if empty(gaps[p]):  # a row starting with an empty cell, shorter than the header
            k = next((k for k in range(n, 0, -1) if p + k < last and empty(gaps[p + k])), None)
            if k is None:
                rows.append(list(range(p, min(p + n, last))))
                end = min(p + n, last)
                break
            rows.append(list(range(p, p + k)))
            p += k + 1
            continue
        run = run_from(p)
        mark = next((m for m in range(1, len(run)) if header_start(gaps[run[m]])), None)
        if mark == 1:  # the last row ended in an empty cell, then body text, then a new table
            if len(rows[-1]) < n:
                rows[-1].append(p - 1)
            end = p
            break
        if mark is not None:  # the body text before the next table's header row
            rows.append(run[:mark - 1])
            end = run[mark - 1]
            break
        if p + len(run) >= last:  # the last row; the text after it is the document's last gap
            rows.append(run)
            end = last
            break
        if len(run) <= n:
            rows.append(run)
            p += len(run) + 1
            continue
        rows.append(run[:n])
        end = run[n]
        break
    grid_rows = [[gaps[q] for q in r] for r in rows]
    while grid_rows and all(empty(c) for c in grid_rows[-1]):
        grid_rows.pop()
    ncols = max(len(r) for r in grid_rows)
    return Grid(grid_rows, ncols), end


def is_signature(gaps: list[list[str]], j: int) -> bool:
    first = plain(" ".join(gaps[j]))
    if first.startswith("Nơi nhận"):
        return True
    if j + 1 < len(gaps) and empty(gaps[j]):
        nxt = cell_lines(gaps[j + 1])
        return bool(nxt) and bool(AUTHORITY.match(plain(nxt[0])))
    return False


def parse_header(gaps: list[list[str]]) -> tuple[Header, int]:
    s = next(k for k in range(min(10, len(gaps))) if plain(" ".join(gaps[k])).startswith("Số"))
    cells = [g for g in gaps[:s] if not empty(g)]
    if len(cells) != 2:
        raise ValueError(f"header: expected issuing body and motto cells before 'Số', got {len(cells)}")
    left = cell_lines(cells[0], merge_plain=True)
    bold = [whole_bold(l) for l in left]
    if not bold[-1]:
        bold = [True] * len(left)  # one body's name wrapped ('**ỦY BAN NHÂN DÂN**' / 'TỈNH X')
    motto = [plain(l) for l in cell_lines(cells[1])]
    number = plain(" ".join(gaps[s]))
    place_date = plain(" ".join(gaps[s + 1]))
    return Header([(plain(l), b) for l, b in zip(left, bold)], motto, number, place_date), s + 2


def parse_title(lines: list[str], doc: RealDoc) -> list[str]:
    """Type name, title and authority line at the start of the first body gap; returns the rest."""
    k = 0
    while k < len(lines) and not plain(lines[k]):
        k += 1
    doc.doc_type = plain(lines[k])
    k += 1
    title: list[str] = []
    while k < len(lines):
        line = lines[k].strip()
        stop = (line.startswith("*") or (not line and title)
                or re.match(r"^(Căn cứ|Thực hiện|Ngày \d)", plain(line)))
        if stop:
            break
        if line:
            title.append(plain(line))
        k += 1
    doc.title = " ".join(title)
    if k < len(lines) and lines[k].startswith("**"):
        auth = cell_lines(lines[k:])[0]
        doc.authority = plain(auth)
        used = 0
        acc = ""
        while plain(acc) != plain(auth) or any(open_spans(acc)):
            acc = (acc + " " + lines[k + used].strip()).strip()
            used += 1
        k += used
    return lines[k:]


def parse(path: Path) -> RealDoc:
    lines = path.read_text(encoding="utf-8").split("\n")
    if lines and lines[0].startswith("# source:"):
        lines = lines[1:]
    lines = [literal_stars(l) for l in lines]
    doc = RealDoc(path.stem)
    gaps = gaps_of(lines)
    if len(gaps) < 4:  # a news article: title line, then paragraphs
        first = next(k for k, l in enumerate(lines) if l.strip())
        doc.news_title = lines[first].strip()
        doc.flow = [Para(p) for p in reflow(lines[first + 1:])]
        return doc
    doc.header, i = parse_header(gaps)
    body = parse_title(gaps[i], doc)
    appendix = False
    while True:
        doc.flow += [Para(p, appendix) for p in reflow(body)]
        j = i + 1
        if j >= len(gaps):
            break
        if is_signature(gaps, j):
            left = reflow(gaps[j])
            right = [plain(l) for l in cell_lines(gaps[j + 1])]
            doc.flow.append(Signature(left, right))
            appendix = True
            i = j + 2
        else:
            grid, i = parse_table(gaps, j)
            doc.flow.append(grid)
        body = gaps[i] if i < len(gaps) else []
    return doc


# --------------------------------------------------------------------------
# DOCX
# --------------------------------------------------------------------------

def add_runs(p, text: str, size: float, bold=False, italic=False) -> None:
    for t, b, i in runs(text):
        bc.set_run_font(p.add_run(t), size, (bold or b) or None, (italic or i) or None)


def para(container, align=WD_ALIGN_PARAGRAPH.JUSTIFY, **kw):
    return bc.fmt(container.add_paragraph(), align, **kw)


def right_tab(p, width_cm: float, align=WD_TAB_ALIGNMENT.RIGHT) -> None:
    p.paragraph_format.tab_stops.add_tab_stop(Cm(width_cm), align)


def header_table(d, h: Header, width: float) -> None:
    widths = [6.8, width + 1.0 - 6.8]
    t = d.add_table(rows=1, cols=2)
    bc.no_borders(t, indent_cm=-0.75)
    bc.fixed_layout(t, widths)
    left, right = t.rows[0].cells
    for k, (line, bold) in enumerate(h.left):
        p = bc.fmt(bc.cell_par(left, k == 0), WD_ALIGN_PARAGRAPH.CENTER)
        add_runs(p, line, 13, bold=bold)
    bc.short_rule(left, 2.3)
    add_runs(bc.fmt(left.add_paragraph(), WD_ALIGN_PARAGRAPH.CENTER, before=6), h.number, 13)
    for k, line in enumerate(h.motto):
        p = bc.fmt(bc.cell_par(right, k == 0), WD_ALIGN_PARAGRAPH.CENTER)
        add_runs(p, line, 12.5 if k == 0 else 13.5, bold=True)
    bc.short_rule(right, 1.7)
    add_runs(bc.fmt(right.add_paragraph(), WD_ALIGN_PARAGRAPH.CENTER, before=6), h.place_date, 14, italic=True)


def two_column_lines(d, left: list[tuple[str, float, bool, bool]], right: list[tuple[str, float, bool, bool]],
                     width: float, before: float = 0) -> None:
    """Two columns as the PDF text order gives them: row k = left line k, TAB, right line k."""
    for k in range(max(len(left), len(right))):
        p = para(d, WD_ALIGN_PARAGRAPH.LEFT, before=before if k == 0 else 0, keep=True)
        right_tab(p, width)
        if k < len(left):
            text, size, bold, italic = left[k]
            add_runs(p, text, size, bold, italic)
        p.add_run().add_tab()
        if k < len(right):
            text, size, bold, italic = right[k]
            add_runs(p, text, size, bold, italic)


def header_flat(d, h: Header, width: float) -> None:
    left = [(line, 13, bold, False) for line, bold in h.left]
    right = [(line, 12.5, True, False) for line in h.motto]
    rows = max(len(left), len(right))
    left += [("", 13, False, False)] * (rows - len(left))
    right += [("", 13, False, False)] * (rows - len(right))
    left.append((h.number, 13, False, False))
    right.append((h.place_date, 14, False, True))
    two_column_lines(d, left, right, width)


def title_block(d, doc: RealDoc) -> None:
    add_runs(para(d, WD_ALIGN_PARAGRAPH.CENTER, before=18, keep=True), doc.doc_type, BODY_PT, bold=True)
    if doc.title:
        p = para(d, WD_ALIGN_PARAGRAPH.CENTER, keep=True)
        p.paragraph_format.left_indent = p.paragraph_format.right_indent = Cm(0.5)
        add_runs(p, doc.title, BODY_PT, bold=True)
    bc.short_rule(d, 6.0, space_before=2)
    if doc.authority:
        add_runs(para(d, WD_ALIGN_PARAGRAPH.CENTER, before=12, after=6, keep=True), doc.authority, BODY_PT, bold=True)
    else:
        para(d)


def body_para(d, item: Para) -> None:
    text, flat = item.text, plain(item.text)
    heading = whole_bold(text) and len(flat) < 250
    if flat.rstrip(":").strip() in ("QUYẾT ĐỊNH", "QUYẾT ĐỊNH ") and heading:
        add_runs(para(d, WD_ALIGN_PARAGRAPH.CENTER, before=6, after=6, keep=True), text, BODY_PT)
        return
    centred = item.appendix and (
        re.match(r"^(PHỤ LỤC|DANH MỤC|Phụ lục)\b", flat)
        or (is_caps(text) and not re.match(r"^([IVXLC]+|[A-ZĐ]|\d+)\s*[.)]", flat) and len(flat) < 400)
        or (flat.startswith("(") and flat.endswith(")")))
    if centred:
        add_runs(para(d, WD_ALIGN_PARAGRAPH.CENTER, keep=True), text, BODY_PT)
        return
    p = para(d, indent=1.0, before=6, keep=heading)
    add_runs(p, text, BODY_PT)


def signature_table(d, sig: Signature, width: float) -> None:
    para(d)
    widths = [width * 0.48, width * 0.52]
    t = d.add_table(rows=1, cols=2)
    bc.no_borders(t)
    bc.fixed_layout(t, widths)
    t.rows[0]._tr.get_or_add_trPr().append(OxmlElement("w:cantSplit"))
    left, right = t.rows[0].cells
    for k, line in enumerate(sig.left):
        p = bc.fmt(bc.cell_par(left, k == 0), WD_ALIGN_PARAGRAPH.LEFT)
        if k == 0 and plain(line).startswith("Nơi nhận"):
            add_runs(p, line, 12, bold=True, italic=True)
        else:
            add_runs(p, line, 11)
    names = sig.right
    for k, line in enumerate(names[:-1] if len(names) > 1 else names):
        add_runs(bc.fmt(bc.cell_par(right, k == 0), WD_ALIGN_PARAGRAPH.CENTER), line, BODY_PT, bold=True)
    if len(names) > 1:
        for _ in range(4):
            bc.fmt(right.add_paragraph(), WD_ALIGN_PARAGRAPH.CENTER)
        add_runs(bc.fmt(right.add_paragraph(), WD_ALIGN_PARAGRAPH.CENTER), names[-1], BODY_PT, bold=True)


def signature_flat(d, sig: Signature, width: float) -> None:
    left = []
    for k, line in enumerate(sig.left):
        nn = k == 0 and plain(line).startswith("Nơi nhận")
        left.append((line, 12 if nn else 11, nn, nn))
    names = sig.right
    right = [(l, BODY_PT, True, False) for l in names[:-1]] if len(names) > 1 else []
    if len(names) > 1:
        right += [("", BODY_PT, False, False)] * 3
    right += [(names[-1], BODY_PT, True, False)] if names else []
    two_column_lines(d, left, right, width, before=12)


def column_widths(rows: list[list[str]], ncols: int, total: float, size: float) -> list[float]:
    """Room for each column's longest word, the rest shared by how much text a column holds."""
    char_cm = 0.027 * size  # a bold capital is wider than the average letter
    full = [r for r in rows if len(r) > 1]
    mins, weights = [], []
    for c in range(ncols):
        texts = [r[c] for r in full if c < len(r)] or [""]
        longest_word = max([len(w) for t in texts for w in t.split()] + [2])
        mins.append(min(longest_word * char_cm + 0.4, 0.22 * total))  # a URL may wrap
        lengths = [len(t) for t in texts[1:]] or [len(texts[0])]
        mean, longest = sum(lengths) / len(lengths), max(lengths)
        weights.append(0.0 if longest <= 4 else (0.85 * mean + 0.15 * min(longest, 80)) ** 0.8)
    extra = max(0.0, total - sum(mins))
    wsum = sum(weights) or 1.0
    return [m + extra * w / wsum for m, w in zip(mins, weights)]


def data_table(d, grid: Grid, width: float) -> None:
    n = grid.ncols
    size = 11 if n >= 7 else 12
    cells_text = [[" ".join(plain(p) for p in reflow(c)) for c in row] for row in grid.rows]
    widths = column_widths(cells_text, n, width, size)
    t = d.add_table(rows=len(grid.rows), cols=n)
    t.style = d.styles["Table Grid"]
    t.alignment = WD_TABLE_ALIGNMENT.CENTER
    bc.fixed_layout(t, widths)
    bc.mark_header_row(t.rows[0])
    short_col = [all(len(r[c]) <= 14 for r in cells_text[1:] if len(r) == n and c < len(r)) for c in range(n)]
    for r, row in enumerate(grid.rows):
        if len(row) == 1 and n > 1:
            t.cell(r, 0).merge(t.cell(r, n - 1))
        for c, cell_raw in enumerate(row):
            cell = t.cell(r, c)
            cell.vertical_alignment = WD_CELL_VERTICAL_ALIGNMENT.CENTER
            paras = reflow(cell_raw) or [""]
            for k, text in enumerate(paras):
                if r == 0:
                    align = WD_ALIGN_PARAGRAPH.CENTER
                elif short_col[c] and len(row) == n:
                    align = WD_ALIGN_PARAGRAPH.CENTER
                else:
                    align = WD_ALIGN_PARAGRAPH.LEFT
                p = bc.fmt(bc.cell_par(cell, k == 0), align, before=2, after=2)
                add_runs(p, text, size, bold=r == 0)
    para(d, line=1.0)


def build_docx(doc: RealDoc, layout: str, out: Path) -> None:
    d = docx.Document()
    bc.drop_thumbnail(d)
    bc.setup_styles(d)
    bc.page_setup(d.sections[0])
    width = bc.usable_width(d.sections[0])
    if doc.header:
        (header_table if layout == "table" else header_flat)(d, doc.header, width)
        title_block(d, doc)
    elif doc.news_title:
        add_runs(para(d, WD_ALIGN_PARAGRAPH.CENTER, before=0, after=12, keep=True), doc.news_title, 16, bold=True)
    wide_appendix = False
    for k, item in enumerate(doc.flow):
        if isinstance(item, Signature):
            (signature_table if layout == "table" else signature_flat)(d, item, width)
            rest = doc.flow[k + 1:]
            if any(isinstance(x, (Para, Grid)) for x in rest):
                wide_appendix = any(isinstance(x, Grid) and x.ncols >= 7 for x in rest)
                if wide_appendix:
                    bc.page_setup(d.add_section(WD_SECTION.NEW_PAGE), landscape=True)
                    width = bc.usable_width(d.sections[-1])
                else:
                    d.add_paragraph().add_run().add_break(WD_BREAK.PAGE)
        elif isinstance(item, Grid):
            data_table(d, item, width)
        else:
            body_para(d, item)
    bc.page_numbers(d)
    props = d.core_properties
    title = f"{doc.doc_type.capitalize()} {doc.title}".strip() if doc.header else doc.news_title
    props.title = title if len(title) <= 255 else title[:255].rsplit(" ", 1)[0]  # the property's limit
    props.author = props.last_modified_by = ""
    props.comments = props.keywords = props.subject = ""
    props.created = props.modified = dt.datetime(doc.year, 1, 1, 8, 0, 0)
    props.revision = 1
    d.save(str(out))


# --------------------------------------------------------------------------
# command line
# --------------------------------------------------------------------------

def dump(doc: RealDoc) -> str:
    """The parsed model as text, to check a file's parse by eye."""
    out = []
    if doc.header:
        h = doc.header
        out += [f"HEADER left={h.left}", f"       motto={h.motto}", f"       {h.number!r} | {h.place_date!r}",
                f"TYPE {doc.doc_type!r}", f"TITLE {doc.title!r}", f"AUTHORITY {doc.authority!r}"]
    if doc.news_title:
        out.append(f"NEWS TITLE {doc.news_title!r}")
    for item in doc.flow:
        if isinstance(item, Para):
            out.append(("A " if item.appendix else "P ") + plain(item.text)[:150])
        elif isinstance(item, Signature):
            out.append(f"SIGNATURE left={[plain(x)[:40] for x in item.left]}")
            out.append(f"          right={item.right}")
        else:
            out.append(f"TABLE {len(item.rows)}x{item.ncols}")
            for row in item.rows:
                out.append("  | " + " | ".join(plain(" ".join(c))[:30] for c in row))
    return "\n".join(out)


def render_one(src: Path, out: Path, layouts: tuple[str, ...]) -> str:
    doc = parse(src)
    for layout in layouts:
        folder = out / layout
        with tempfile.TemporaryDirectory(prefix=f".build-{src.stem}-", dir=folder) as tmp:
            tmp = Path(tmp)
            docx_path = tmp / f"{src.stem}.docx"
            build_docx(doc, layout, docx_path)
            pdf_path = bc.to_pdf(docx_path, tmp)
            os.replace(docx_path, folder / docx_path.name)
            os.replace(pdf_path, folder / pdf_path.name)
    tables = sum(isinstance(x, Grid) for x in doc.flow)
    return f"{src.stem}: {len(doc.flow)} items, {tables} tables"


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--docs", type=Path, default=DOCS, help="folder of <stem>.txt (default ../shared/realdev/docs)")
    ap.add_argument("--out", type=Path, default=OUT, help="output folder (default tests/realdev/rendered)")
    ap.add_argument("--layouts", nargs="*", default=list(LAYOUTS), choices=LAYOUTS)
    ap.add_argument("--only", nargs="*", help="these stems only")
    ap.add_argument("--dump", action="store_true", help="print the parsed model, write nothing")
    ap.add_argument("-j", "--jobs", type=int, default=2, help="parallel soffice conversions")
    a = ap.parse_args(argv)
    srcs = sorted(p for p in a.docs.glob("*.txt") if not a.only or p.stem in a.only)
    if not srcs:
        print(f"no texts in {a.docs}", file=sys.stderr)
        return 2
    if a.dump:
        for p in srcs:
            print(f"===== {p.stem}\n{dump(parse(p))}")
        return 0
    if shutil.which("soffice") is None:
        print("soffice not found: install libreoffice-writer-nogui", file=sys.stderr)
        return 2
    bc.check_fonts()
    for layout in a.layouts:
        (a.out / layout).mkdir(parents=True, exist_ok=True)
    # one task per stem: its layouts one after the other (to_pdf's profile directory is per stem)
    with ThreadPoolExecutor(max_workers=max(1, a.jobs)) as pool:
        for line in pool.map(lambda p: render_one(p, a.out, tuple(a.layouts)), srcs):
            print(line, flush=True)
    return 0


if __name__ == "__main__":
    sys.exit(main())
