#!/usr/bin/env python3
"""Build the bundled sample corpus: corpus/<stem>.docx and corpus/<stem>.pdf.

Each seed in ../shared/seeds/<stem>.txt is a text dump of a real CCHC report
(PDF/DOCX original). This script lays it out again the way such documents are
issued under Nghị định 30/2020/NĐ-CP and writes

  * <stem>.docx with python-docx: A4, Times New Roman 14pt, a borderless
    two-column header block (issuing body / national motto, number, place and
    date), type name and title, justified body, real Word footnotes, tables
    with repeating (and merged) header rows, a borderless signature block,
    appendices on new pages (landscape for wide tables), page numbers at the
    top;
  * <stem>.pdf by converting that DOCX with LibreOffice headless (one soffice
    process per file, each with its own profile directory).

Run from the repository root:

    .venv/bin/python scripts/build_corpus.py --seeds ../shared/seeds --out corpus

or `make corpus`. The output is committed, so `make extract` needs no
LibreOffice. The issuing-body lines of the header block are not in the seeds;
they come from corpus/src/headers.yaml (stem -> list of left-column lines; the
last is bold unless lines mark their bold part "**...**"). Texts that carry
their own header (issuing body, motto) before "Số: ..." have it replaced by
that layout; a công văn ("V/v ..." under the number, "Kính gửi: ..." instead
of a type name) is laid out as one. The held-out set is rendered with

    .venv/bin/python scripts/build_corpus.py --seeds tests/unseen/docs \
        --out tests/unseen/rendered --headers tests/unseen/src/headers.yaml
Needs python-docx, PyYAML and the `soffice` binary; nothing else.
"""
from __future__ import annotations

import argparse
import datetime as dt
import os
import re
import shutil
import subprocess
import sys
import tempfile
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass, field
from pathlib import Path
from xml.sax.saxutils import escape

import docx
import yaml
from docx.enum.section import WD_ORIENT, WD_SECTION
from docx.enum.style import WD_STYLE_TYPE
from docx.enum.table import WD_TABLE_ALIGNMENT, WD_CELL_VERTICAL_ALIGNMENT
from docx.enum.text import WD_ALIGN_PARAGRAPH
from docx.opc.constants import CONTENT_TYPE as CT, RELATIONSHIP_TYPE as RT
from docx.opc.packuri import PackURI
from docx.opc.part import Part
from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from docx.shared import Cm, Pt

FONT = "Times New Roman"
BODY_PT = 14
SUP_DIGITS = "⁰¹²³⁴⁵⁶⁷⁸⁹"
SUP_TO_INT = str.maketrans(SUP_DIGITS, "0123456789")
DOC_TYPES = ("BÁO CÁO", "THÔNG BÁO", "KẾ HOẠCH", "QUYẾT ĐỊNH", "TỜ TRÌNH", "CÔNG VĂN")
W_NS = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"

RE_FOOTNOTE = re.compile(rf"^([{SUP_DIGITS}]+)\s+(.*)$", re.S)
RE_ROMAN = re.compile(r"^[IVXL]+\.\s")
RE_NUMBERED = re.compile(r"^(\d+(\.\d+)*\.|[a-zđ][).])\s")
RE_ACRONYM = re.compile(r"^[A-ZĐ]{2,}(?=[\s,;.])")
RE_DATE_START = re.compile(r"^\d{1,2}/\d{1,2}/\d{4}\b")
RE_LIST = re.compile(r"^([-+*•]|- \+)\s")
RE_APPENDIX = re.compile(r"^(Phụ lục|PHỤ LỤC)\b")
RE_NUMBER_LINE = re.compile(r"^Số\s*:")
RE_MOTTO = re.compile(r"^(CỘNG HÒA|CỘNG HOÀ|(Độc|Ðộc) lập)\b")
RE_ADDRESSEE = re.compile(r"^Kính gửi\s*:?")
RE_INLINE = re.compile(
    r"\*\*(?=\S)(?P<b>.+?)(?<=\S)\*\*"
    r"|\*(?=[^\s*])(?P<i>[^*]+?)(?<=\S)\*"
    r"|<i>(?P<hi>.*?)</i>"
    r"|<(?P<url>https?://[^>\s]+)>"
    rf"|(?P<sup>[{SUP_DIGITS}]+)"
)
TERMINAL = (".", ";", ":", "!", "?", "…")


# --------------------------------------------------------------------------
# seed model
# --------------------------------------------------------------------------

@dataclass
class Para:
    text: str
    after_notes: bool = False  # footnote bodies (a page bottom) came right before it


@dataclass
class Table:
    chunks: list[list[list[str]]]
    rows: list[list[str]] = field(default_factory=list)
    header_rows: int = 1


@dataclass
class Seed:
    stem: str
    number: str
    place_date: str
    doc_type: str
    title: str
    body: list
    footnotes: dict[int, str]
    recipients: list[str]
    authority: list[str]
    signer: str
    appendix: list
    subject: str = ""  # công văn: the 'V/v ...' line printed under the number
    addressees: list[str] = field(default_factory=list)  # 'Kính gửi:' lines (công văn)
    issuer: list[str] = field(default_factory=list)  # issuing-body lines the text carries


def strip_tags(s: str) -> str:
    return re.sub(r"<[^>]+>", "", s).replace("**", "").strip()


def is_table_block(block: str) -> bool:
    return all("\t" in line for line in block.split("\n"))


def is_numbered(text: str) -> bool:
    return bool(RE_ROMAN.match(text) or RE_NUMBERED.match(text))


def is_heading(text: str) -> bool:
    """A heading line: 'I. ...', '1. ...', '2.1. ...', 'a) ...', 'a. ...', '*** X**'."""
    t = text.strip()
    if t.startswith("***") and t.endswith("**"):
        return True
    if RE_ROMAN.match(t):
        return not t.endswith((".", ";")) or len(t) < 120
    if RE_NUMBERED.match(t):
        if t.endswith((".", ";", ",", "./")):
            return False
        return len(t) < (120 if t.endswith(":") else 160)
    return False


def continues(prev: str, nxt: str, after_notes: bool) -> bool:
    """Is body paragraph `nxt` the rest of `prev`, cut by a page break or footnotes?"""
    p, n = prev.rstrip(), nxt.lstrip()
    if not p or not n or is_heading(p) or is_numbered(n) or RE_LIST.match(n):
        return False
    if p.endswith(TERMINAL) or p.endswith("./."):
        return False
    if n[0].islower() or RE_DATE_START.match(n):
        return True
    if p.endswith(","):
        return False  # "... năm 2023," then "Sở Khoa học ..." is a real new paragraph
    # an unfinished sentence cut before a capitalised word: right after the
    # footnotes of a page ("... Sở" / "Khoa học ...") or before an acronym
    # ("... thực hiện nhiệm vụ" / "CCHC đến từng ...", "... đối với" / "CB, CC, ...")
    return after_notes or bool(RE_ACRONYM.match(n))


def read_blocks(text: str) -> list[str]:
    return [b.strip("\n") for b in re.split(r"\n[ \t]*\n", text) if b.strip()]


def table_rows(block: str) -> list[list[str]]:
    return [line.split("\t") for line in block.split("\n")]


def collect_flow(blocks: list[str], footnotes: dict[int, str]) -> list:
    """Paragraphs and tables in order; footnote bodies go to `footnotes`, split
    paragraphs are rejoined, multi-page tables keep their chunks together."""
    flow: list = []
    after_notes = False
    for b in blocks:
        m = RE_FOOTNOTE.match(b)
        if m:
            footnotes[int(m.group(1).translate(SUP_TO_INT))] = m.group(2).strip()
            after_notes = True
            continue
        if is_table_block(b):
            rows = table_rows(b)
            last = flow[-1] if flow else None
            if isinstance(last, Table) and [c.strip() for c in last.chunks[0][0]] == [c.strip() for c in rows[0]]:
                last.chunks.append(rows)
            else:
                flow.append(Table(chunks=[rows]))
            after_notes = False
            continue
        last = flow[-1] if flow else None
        if isinstance(last, Para) and continues(last.text, b, after_notes):
            last.text = last.text.rstrip() + " " + b.lstrip()
        else:
            flow.append(Para(b, after_notes))
        after_notes = False
    for item in flow:
        if isinstance(item, Table):
            finish_table(item)
    return flow


def header_row_count(table: Table) -> int:
    """Rows repeated at the start of every chunk; for a one-chunk table, the
    first row plus sub-header rows under a horizontally merged group cell."""
    if len(table.chunks) > 1:
        n = 0
        first = table.chunks[0]
        while all(len(ch) > n and [c.strip() for c in ch[n]] == [c.strip() for c in first[n]]
                  for ch in table.chunks):
            n += 1
        return max(n, 1)
    rows, n = table.chunks[0], 1
    while n < len(rows):
        prev, row = rows[n - 1], rows[n]
        gaps = [c for c in range(1, len(prev)) if not prev[c].strip() and prev[c - 1].strip()]
        if gaps and not row[0].strip() and any(c < len(row) and row[c].strip() for c in gaps):
            n += 1
        else:
            break
    return n


def is_continuation_row(row: list[str]) -> bool:
    """A data row holding only the rest of the previous row's label (page break)."""
    filled = [c for c, v in enumerate(row) if v.strip()]
    if len(filled) != 1 or filled[0] == 0:
        return False
    text = strip_tags(row[filled[0]])
    return bool(text) and text[0].islower()


def finish_table(table: Table) -> None:
    """Header rows once, then the data rows of every chunk; rows split by a
    page break are joined back into one row."""
    table.header_rows = h = header_row_count(table)
    ncols = max(len(r) for ch in table.chunks for r in ch)
    pad = lambda r: [c.strip() for c in r] + [""] * (ncols - len(r))
    rows = [pad(r) for r in table.chunks[0][:h]]
    for k, chunk in enumerate(table.chunks):
        for i, r in enumerate(chunk[h:]):
            r = pad(r)
            if k > 0 and i == 0 and len(rows) > h and is_continuation_row(r):
                c = next(c for c, v in enumerate(r) if v)
                rows[-1][c] = (rows[-1][c] + " " + r[c]).strip()
                continue
            rows.append(r)
    table.rows = rows


def parse_seed(path: Path) -> Seed:
    """A text dump: [issuing body] [national motto] 'Số: ...' ['V/v ...'], the
    place-date line, then the type name and title, or (a công văn) 'Kính gửi:'
    and its addressees; body; 'Nơi nhận', authority, signer; appendices."""
    blocks = read_blocks(path.read_text(encoding="utf-8"))
    start = next((k for k, b in enumerate(blocks) if RE_NUMBER_LINE.match(b.strip())), None)
    if start is None:
        raise ValueError(f"{path.name}: no 'Số: ...' line")
    issuer = [l.strip() for b in blocks[:start] for l in b.split("\n")
              if l.strip() and not RE_MOTTO.match(l.strip())]
    blocks = blocks[start:]
    number_lines = [l.strip() for l in blocks[0].split("\n") if l.strip()]
    number, subject = number_lines[0], " ".join(number_lines[1:])
    place_date = blocks[1].strip()
    addressees: list[str] = []
    first = blocks[2].split("\n")
    if RE_ADDRESSEE.match(first[0].strip()):
        # a công văn: no type name; its subject ('V/v ...') is the title
        addressees = [l.strip() for l in first if l.strip()]
        doc_type, title, i = "", re.sub(r"^V/v\s*", "", subject), 3
    elif len(first) > 1:
        doc_type, title, i = first[0].strip(), " ".join(x.strip() for x in first[1:]), 3
    else:
        doc_type, title, i = first[0].strip(), blocks[3].strip().replace("\n", " "), 4
    if doc_type not in DOC_TYPES and not addressees:
        raise ValueError(f"{path.name}: unexpected document type line {doc_type!r}")
    end = next(k for k in range(i, len(blocks)) if blocks[k].strip().startswith("Nơi nhận"))
    footnotes: dict[int, str] = {}
    body = collect_flow(blocks[i:end], footnotes)
    recipients = [l.strip() for l in blocks[end + 1].split("\n") if l.strip()]
    authority = [l.strip() for l in blocks[end + 2].replace("**", "").split("\n") if l.strip()]
    signer = blocks[end + 3].replace("**", "").strip()
    appendix = collect_flow(blocks[end + 4:], footnotes)
    return Seed(path.stem, number, place_date, doc_type, title, body, footnotes,
                recipients, authority, signer, appendix, subject, addressees, issuer)


# --------------------------------------------------------------------------
# DOCX helpers
# --------------------------------------------------------------------------

def set_run_font(run, size=None, bold=None, italic=None) -> None:
    run.font.name = FONT
    rpr = run._r.get_or_add_rPr()
    rpr.get_or_add_rFonts().set(qn("w:eastAsia"), FONT)
    rpr.get_or_add_rFonts().set(qn("w:cs"), FONT)
    if size:
        run.font.size = Pt(size)
    if bold is not None:
        run.bold = bold
    if italic is not None:
        run.italic = italic


def fmt(p, align=WD_ALIGN_PARAGRAPH.JUSTIFY, indent=None, before=0, after=0, line=1.0, keep=False):
    pf = p.paragraph_format
    pf.alignment = align
    pf.first_line_indent = Cm(indent) if indent else None
    pf.space_before, pf.space_after = Pt(before), Pt(after)
    pf.line_spacing = line
    if keep:
        pf.keep_with_next = True
    return p


def segments(text: str):
    """Split seed markup into (kind, text, bold, italic): kind is 'text', 'url' or 'sup'."""
    pos = 0
    for m in RE_INLINE.finditer(text):
        if m.start() > pos:
            yield "text", text[pos:m.start()], False, False
        if m.group("b") is not None:
            for kind, t, b, i in segments(m.group("b")):
                yield kind, t, True, i
        elif m.group("i") is not None:
            yield "text", m.group("i"), False, True
        elif m.group("hi") is not None:
            yield "text", m.group("hi"), False, True
        elif m.group("url") is not None:
            yield "url", m.group("url"), False, False
        else:
            yield "sup", m.group("sup"), False, False
        pos = m.end()
    if pos < len(text):
        yield "text", text[pos:], False, False


def add_footnote_ref(p, note_id: int) -> None:
    r = p.add_run()
    rpr = r._r.get_or_add_rPr()
    style = OxmlElement("w:rStyle")
    style.set(qn("w:val"), "FootnoteReference")
    rpr.insert(0, style)
    va = OxmlElement("w:vertAlign")
    va.set(qn("w:val"), "superscript")
    rpr.append(va)
    ref = OxmlElement("w:footnoteReference")
    ref.set(qn("w:id"), str(note_id))
    r._r.append(ref)


def add_text(p, text: str, size=None, bold=False, italic=False, notes: dict | None = None, used: set | None = None):
    """Append seed text with inline markup; superscript markers of known notes
    become Word footnote references."""
    lines = text.split("\n")
    for k, line in enumerate(lines):
        if k:
            p.add_run().add_break()
        for kind, t, b, i in segments(line):
            if kind == "sup" and notes is not None:
                n = int(t.translate(SUP_TO_INT))
                if n in notes and n not in used:
                    used.add(n)
                    add_footnote_ref(p, n)
                    continue
            run = p.add_run(t)
            set_run_font(run, size, bold or b or None, italic or i or None)


def short_rule(container, indent_cm: float, space_before=0) -> None:
    """A short horizontal line under a heading: an empty paragraph with a bottom border."""
    p = container.add_paragraph()
    fmt(p, WD_ALIGN_PARAGRAPH.CENTER, before=space_before)
    p.paragraph_format.left_indent = Cm(indent_cm)
    p.paragraph_format.right_indent = Cm(indent_cm)
    p.paragraph_format.line_spacing = Pt(3)
    ppr = p._p.get_or_add_pPr()
    bdr = OxmlElement("w:pBdr")
    bottom = OxmlElement("w:bottom")
    for k, v in (("val", "single"), ("sz", "6"), ("space", "1"), ("color", "auto")):
        bottom.set(qn(f"w:{k}"), v)
    bdr.append(bottom)
    ppr.insert_element_before(bdr, "w:shd", "w:tabs", "w:spacing", "w:ind", "w:jc", "w:rPr")
    set_run_font(p.add_run(), 2)


def cell_par(cell, first: bool):
    return cell.paragraphs[0] if first else cell.add_paragraph()


def set_cell_width(cell, cm: float) -> None:
    cell.width = Cm(cm)


TBLPR_AFTER_BORDERS = ("w:shd", "w:tblLayout", "w:tblCellMar", "w:tblLook", "w:tblCaption", "w:tblDescription")


def no_borders(table, indent_cm: float = 0.0) -> None:
    """A layout table: every border 'nil' (optionally shifted left into the margin)."""
    tblpr = table._tbl.tblPr
    if indent_cm:
        ind = OxmlElement("w:tblInd")
        ind.set(qn("w:w"), str(int(indent_cm * 567)))
        ind.set(qn("w:type"), "dxa")
        tblpr.insert_element_before(ind, "w:tblBorders", *TBLPR_AFTER_BORDERS)
    borders = OxmlElement("w:tblBorders")
    for side in ("top", "left", "bottom", "right", "insideH", "insideV"):
        el = OxmlElement(f"w:{side}")
        el.set(qn("w:val"), "nil")
        borders.append(el)
    tblpr.insert_element_before(borders, *TBLPR_AFTER_BORDERS)


def fixed_layout(table, widths: list[float]) -> None:
    table.autofit = False  # <w:tblLayout w:type="fixed"/>
    tblw = table._tbl.tblPr.find(qn("w:tblW"))
    if tblw is not None:
        tblw.set(qn("w:type"), "dxa")
        tblw.set(qn("w:w"), str(int(sum(widths) * 567)))
    for col, w in zip(table._tbl.tblGrid.gridCol_lst, widths):
        col.w = Cm(w)
    for row in table.rows:
        for cell, w in zip(row.cells, widths):
            set_cell_width(cell, w)


def add_page_field(p, size) -> None:
    for kind, val in (("begin", None), ("instr", " PAGE "), ("separate", None), ("text", "1"), ("end", None)):
        r = p.add_run()
        set_run_font(r, size)
        if kind == "instr":
            el = OxmlElement("w:instrText")
            el.set(qn("xml:space"), "preserve")
            el.text = val
        elif kind == "text":
            r.text = val
            continue
        else:
            el = OxmlElement("w:fldChar")
            el.set(qn("w:fldCharType"), kind)
        r._r.append(el)


# --------------------------------------------------------------------------
# document set-up
# --------------------------------------------------------------------------

def page_setup(section, landscape=False) -> None:
    short, long_ = Cm(21.0), Cm(29.7)
    section.orientation = WD_ORIENT.LANDSCAPE if landscape else WD_ORIENT.PORTRAIT
    section.page_width, section.page_height = (long_, short) if landscape else (short, long_)
    section.top_margin = Cm(2.0)
    section.bottom_margin = Cm(2.0)
    section.left_margin = Cm(2.0 if landscape else 3.0)
    section.right_margin = Cm(1.5 if landscape else 2.0)
    section.header_distance = Cm(1.0)
    section.footer_distance = Cm(1.0)


def usable_width(section) -> float:
    return (section.page_width - section.left_margin - section.right_margin) / 360000


def setup_styles(d) -> None:
    normal = d.styles["Normal"]
    normal.font.name = FONT
    normal.font.size = Pt(BODY_PT)
    rfonts = normal.element.get_or_add_rPr().get_or_add_rFonts()
    for attr in ("w:ascii", "w:hAnsi", "w:eastAsia", "w:cs"):
        rfonts.set(qn(attr), FONT)
    lang = OxmlElement("w:lang")
    lang.set(qn("w:val"), "vi-VN")
    normal.element.get_or_add_rPr().append(lang)
    normal.paragraph_format.space_after = Pt(0)
    normal.paragraph_format.line_spacing = 1.0

    ft = d.styles.add_style("Footnote Text", WD_STYLE_TYPE.PARAGRAPH)
    ft.base_style = normal
    ft.font.size = Pt(10)
    ft.paragraph_format.alignment = WD_ALIGN_PARAGRAPH.JUSTIFY
    ft.paragraph_format.space_before = Pt(0)
    ft.paragraph_format.space_after = Pt(0)
    fr = d.styles.add_style("Footnote Reference", WD_STYLE_TYPE.CHARACTER)
    fr.font.superscript = True
    for s in (ft, fr):
        s.element.set(qn("w:styleId"), s.name.replace(" ", ""))


def drop_thumbnail(d) -> None:
    pkg = d.part.package
    for rid, rel in list(pkg.rels.items()):
        if rel.reltype == RT.THUMBNAIL:
            pkg.rels.pop(rid)


# --------------------------------------------------------------------------
# the parts of a report
# --------------------------------------------------------------------------

def draft_blanks(number: str, place_date: str) -> tuple[str, str]:
    """A draft leaves the number and the day blank; print the blank as spaces."""
    number = re.sub(r"^Số:\s*/", "Số:      /", number)
    place_date = re.sub(r"ngày\s+tháng", "ngày    tháng", place_date)
    return number, place_date


def header_block(d, seed: Seed, issuer: list[str], width: float) -> None:
    """Issuing body | national motto, with the number and place-date lines under
    them: a borderless two-column table, a little wider than the text block as
    in real documents."""
    number, place_date = draft_blanks(seed.number, seed.place_date)
    widths = [7.2, width + 1.0 - 7.2]
    t = d.add_table(rows=1, cols=2)
    no_borders(t, indent_cm=-0.75)
    fixed_layout(t, widths)
    left, right = t.rows[0].cells
    # the issuing body's name is bold: the last line, unless the lines mark
    # their bold part themselves ('**ỦY BAN NHÂN DÂN**', '**HUYỆN KRÔNG PẮC**')
    marked = any("**" in line for line in issuer)
    for k, line in enumerate(issuer):
        p = fmt(cell_par(left, k == 0), WD_ALIGN_PARAGRAPH.CENTER)
        add_text(p, line, 12.5, bold=not marked and k == len(issuer) - 1)
    short_rule(left, 2.2)
    p = fmt(left.add_paragraph(), WD_ALIGN_PARAGRAPH.CENTER, before=6)
    add_text(p, number, 13)
    if seed.subject:
        # công văn: the subject ('V/v ...') under the number, 12pt
        p = fmt(left.add_paragraph(), WD_ALIGN_PARAGRAPH.CENTER, before=2)
        add_text(p, seed.subject, 12)

    p = fmt(right.paragraphs[0], WD_ALIGN_PARAGRAPH.CENTER)
    add_text(p, "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM", 12.5, bold=True)
    p = fmt(right.add_paragraph(), WD_ALIGN_PARAGRAPH.CENTER)
    add_text(p, "Độc lập - Tự do - Hạnh phúc", 13.5, bold=True)
    short_rule(right, 1.6)
    p = fmt(right.add_paragraph(), WD_ALIGN_PARAGRAPH.CENTER, before=6)
    add_text(p, place_date, 13.5, italic=True)


def addressee_block(d, seed: Seed) -> None:
    """'Kính gửi:' and the addressees of a công văn, centered on the page:
    the first addressee on the 'Kính gửi:' line, the others aligned under it."""
    fmt(d.add_paragraph(), line=1.0)
    head = RE_ADDRESSEE.match(seed.addressees[0]).group(0)
    names = [seed.addressees[0][len(head):].strip()] + seed.addressees[1:]
    names = [n for n in names if n]
    for k, name in enumerate(names or [""]):
        p = fmt(d.add_paragraph(), WD_ALIGN_PARAGRAPH.LEFT, before=0, keep=True)
        p.paragraph_format.left_indent = Cm(5.0)
        if k == 0:
            p.paragraph_format.first_line_indent = Cm(-2.6)
            p.paragraph_format.tab_stops.add_tab_stop(Cm(5.0))
            add_text(p, head.rstrip(":") + ":", BODY_PT)
            p.add_run().add_tab()
        add_text(p, name, BODY_PT)
    fmt(d.add_paragraph(), line=1.0)


def title_block(d, seed: Seed) -> None:
    if not seed.doc_type:
        addressee_block(d, seed)
        return
    p = fmt(d.add_paragraph(), WD_ALIGN_PARAGRAPH.CENTER, before=18, keep=True)
    add_text(p, seed.doc_type, BODY_PT, bold=True)
    p = fmt(d.add_paragraph(), WD_ALIGN_PARAGRAPH.CENTER, keep=True)
    p.paragraph_format.left_indent = Cm(0.5)
    p.paragraph_format.right_indent = Cm(0.5)
    add_text(p, seed.title, BODY_PT, bold=True)
    short_rule(d, 6.0, space_before=2)
    fmt(d.add_paragraph(), line=1.0)


def body_paragraph(d, text: str, seed: Seed, used: set) -> None:
    t = text.strip()
    bold = is_heading(t)
    if t.startswith("***") and t.endswith("**"):
        t = "*" + t[3:-2]  # '*** Nguyên nhân**': a literal '*' marker, bold heading
        bold = True
    lines = t.split("\n")
    groups = [[l] for l in lines] if all(RE_LIST.match(l) for l in lines) else [lines]
    for g in groups:
        p = fmt(d.add_paragraph(), indent=1.0, before=6, line=1.0, keep=bold)
        add_text(p, "\n".join(g), BODY_PT, bold=bold, notes=seed.footnotes, used=used)


def signature_block(d, seed: Seed, width: float) -> None:
    fmt(d.add_paragraph(), before=0)
    widths = [width * 0.48, width * 0.52]
    t = d.add_table(rows=1, cols=2)
    no_borders(t)
    fixed_layout(t, widths)
    tr_pr = t.rows[0]._tr.get_or_add_trPr()
    tr_pr.append(OxmlElement("w:cantSplit"))
    left, right = t.rows[0].cells
    p = fmt(left.paragraphs[0], WD_ALIGN_PARAGRAPH.LEFT)
    add_text(p, "Nơi nhận:", 12, bold=True, italic=True)
    for line in seed.recipients:
        add_text(fmt(left.add_paragraph(), WD_ALIGN_PARAGRAPH.LEFT), line, 11)
    for k, line in enumerate(seed.authority):
        p = fmt(cell_par(right, k == 0), WD_ALIGN_PARAGRAPH.CENTER)
        add_text(p, line, BODY_PT, bold=True)
    for _ in range(4):
        fmt(right.add_paragraph(), WD_ALIGN_PARAGRAPH.CENTER)
    add_text(fmt(right.add_paragraph(), WD_ALIGN_PARAGRAPH.CENTER), seed.signer, BODY_PT, bold=True)


def appendix_heading(d, text: str, first: bool) -> None:
    """'Phụ lục 1' / title lines / '(Đính kèm ...)': centered; the caption
    bold, the attachment note italic, original line breaks kept."""
    lines = text.split("\n")
    title: list[str] = []

    def flush():
        if title:
            p = fmt(d.add_paragraph(), WD_ALIGN_PARAGRAPH.CENTER, keep=True)
            add_text(p, "\n".join(title), BODY_PT, bold=True)
            title.clear()

    for k, line in enumerate(lines):
        if k == 0 and RE_APPENDIX.match(line):
            p = fmt(d.add_paragraph(), WD_ALIGN_PARAGRAPH.CENTER, keep=True)
            p.paragraph_format.page_break_before = first
            add_text(p, line, BODY_PT, bold=True)
        elif line.startswith("("):
            flush()
            p = fmt(d.add_paragraph(), WD_ALIGN_PARAGRAPH.CENTER, keep=True)
            add_text(p, "\n".join(lines[k:]), 13, italic=True)
            break
        else:
            title.append(line)
    flush()


def cell_lines(text: str) -> list[str]:
    """Cell text as printed lines: '<ul>' lists and '- a; - b' become one line per item."""
    t = re.sub(r"</?ul[^>]*>|</li>", "", text)
    t = re.sub(r"<li>", "\n- ", t).strip()
    if t.startswith("- "):
        items = re.split(r"(?<=[;.])\s+-\s+(?=\S)", t[2:].strip())
        return ["- " + it.strip() for it in items]
    return [l.strip() for l in t.split("\n") if l.strip()] or [""]


def header_merges(hdr: list[list[str]]) -> list[tuple[int, int, int, int]]:
    """Rectangles (r0, c0, r1, c1) to merge in the header rows: an empty cell
    joins its left neighbour when something below it names a sub-column
    ('Kết quả thống kê' over 'Đơn vị tính' + 'Số lượng'), else the cell above."""
    nr, nc = len(hdr), len(hdr[0])
    owner = [[(r, c) for c in range(nc)] for r in range(nr)]
    for r in range(nr):
        for c in range(nc):
            if hdr[r][c]:
                continue
            below = any(hdr[rr][c] for rr in range(r + 1, nr))
            if c > 0 and below and owner[r][c - 1][0] == r:
                owner[r][c] = owner[r][c - 1]
            elif r > 0:
                owner[r][c] = owner[r - 1][c]
            elif c > 0:
                owner[r][c] = owner[r][c - 1]
    boxes: dict[tuple[int, int], list[int]] = {}
    for r in range(nr):
        for c in range(nc):
            o = owner[r][c]
            b = boxes.setdefault(o, [r, c, r, c])
            b[2], b[3] = max(b[2], r), max(b[3], c)
    return [tuple(b) for b in boxes.values() if (b[0], b[1]) != (b[2], b[3])]


def is_caption_row(row: list[str]) -> bool:
    """A data row with text only in the first cell, and not a number."""
    return len(row[0]) > 4 and not any(row[1:])


def column_widths(rows: list[list[str]], h: int, total: float, size: float) -> list[float]:
    """Each column gets room for its longest word (no word broken), the rest
    of the width goes by how much text the column holds."""
    nc = len(rows[0])
    rows = [r for r in rows if not is_caption_row(r)]
    data = rows[h:] or rows
    char_cm = 0.024 * size
    mins, weights = [], []
    for c in range(nc):
        words = [w for r in rows for line in cell_lines(strip_tags(r[c])) for w in line.split()]
        mins.append(min(max([len(w) for w in words] + [2]) * char_cm + 0.45, 0.4 * total))
        lengths = [len(strip_tags(r[c])) for r in data]
        mean, longest = sum(lengths) / len(lengths), max(lengths)
        index_col = c == 0 and longest <= 4
        weights.append(0.0 if index_col else (0.85 * mean + 0.15 * min(longest, 60)) ** 0.8)
    extra = max(0.0, total - sum(mins))
    return [m + extra * w / sum(weights) for m, w in zip(mins, weights)]


def mark_header_row(row) -> None:
    tr_pr = row._tr.get_or_add_trPr()
    tr_pr.append(OxmlElement("w:tblHeader"))
    tr_pr.append(OxmlElement("w:cantSplit"))


def fill_cell(cell, text: str, size: float, bold=False, align=WD_ALIGN_PARAGRAPH.LEFT) -> None:
    for k, line in enumerate(cell_lines(text)):
        p = fmt(cell_par(cell, k == 0), align, before=2, after=2)
        add_text(p, line, size, bold=bold)


def data_table(d, table: Table, width: float) -> None:
    rows, h = table.rows, table.header_rows
    nc = len(rows[0])
    size = 11 if nc >= 7 else 12
    widths = column_widths(rows, h, width, size)
    t = d.add_table(rows=len(rows), cols=nc)
    t.style = d.styles["Table Grid"]
    t.alignment = WD_TABLE_ALIGNMENT.CENTER
    fixed_layout(t, widths)
    centered = [c == 0 or (len(rows) > h and
                           sum(len(strip_tags(r[c])) for r in rows[h:]) / max(1, len(rows) - h) < 14)
                for c in range(nc)]
    hdr = rows[:h]
    merged_away = set()
    for r0, c0, r1, c1 in header_merges(hdr):
        t.cell(r0, c0).merge(t.cell(r1, c1))
        merged_away |= {(r, c) for r in range(r0, r1 + 1) for c in range(c0, c1 + 1)} - {(r0, c0)}
    for r, row in enumerate(rows):
        if r < h:
            mark_header_row(t.rows[r])
        section_row = r >= h and (RE_ROMAN.match(row[0] + ". ") or (row[0] and not any(row[1:])))
        if r >= h and is_caption_row(row):
            # a caption row ('SỞ KHOA HỌC VÀ CÔNG NGHỆ') spans the whole table
            t.cell(r, 0).merge(t.cell(r, nc - 1))
            merged_away |= {(r, c) for c in range(1, nc)}
        elif r >= h and nc > 2 and RE_ROMAN.match(row[0] + ". ") and row[1] and not any(row[2:]):
            # a section row ('II | CẢI CÁCH THỦ TỤC HÀNH CHÍNH'): the title spans the rest
            t.cell(r, 1).merge(t.cell(r, nc - 1))
            merged_away |= {(r, c) for c in range(2, nc)}
        for c, text in enumerate(row):
            if (r, c) in merged_away:
                continue
            cell = t.cell(r, c)
            cell.vertical_alignment = WD_CELL_VERTICAL_ALIGNMENT.CENTER
            if r < h:
                fill_cell(cell, text, size, bold=True, align=WD_ALIGN_PARAGRAPH.CENTER)
            else:
                align = WD_ALIGN_PARAGRAPH.CENTER if centered[c] else WD_ALIGN_PARAGRAPH.LEFT
                fill_cell(cell, text, size, bold=bool(section_row), align=align)


def table_in_body(d, table: Table, width: float) -> None:
    data_table(d, table, width)
    fmt(d.add_paragraph(), line=1.0)


# --------------------------------------------------------------------------
# footnotes part
# --------------------------------------------------------------------------

def footnote_xml(note_id: int, text: str) -> str:
    runs = []
    for kind, t, b, i in segments(text):
        props = f'<w:rFonts w:ascii="{FONT}" w:hAnsi="{FONT}" w:cs="{FONT}"/>'
        props += ("<w:b/>" if b else "") + ("<w:i/>" if i else "")
        runs.append(f'<w:r><w:rPr>{props}</w:rPr><w:t xml:space="preserve">{escape(t)}</w:t></w:r>')
    return (
        f'<w:footnote w:id="{note_id}"><w:p><w:pPr><w:pStyle w:val="FootnoteText"/></w:pPr>'
        '<w:r><w:rPr><w:rStyle w:val="FootnoteReference"/><w:vertAlign w:val="superscript"/></w:rPr>'
        '<w:footnoteRef/></w:r><w:r><w:t xml:space="preserve"> </w:t></w:r>'
        + "".join(runs) + "</w:p></w:footnote>"
    )


def add_footnotes_part(d, notes: dict[int, str]) -> None:
    sep = ('<w:footnote w:type="{t}" w:id="{i}"><w:p><w:pPr><w:spacing w:after="0" w:line="240" '
           'w:lineRule="auto"/></w:pPr><w:r><w:{t}/></w:r></w:p></w:footnote>')
    xml = (
        f'<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<w:footnotes xmlns:w="{W_NS}" '
        'xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships">'
        + sep.format(t="separator", i=-1) + sep.format(t="continuationSeparator", i=0)
        + "".join(footnote_xml(n, notes[n]) for n in sorted(notes))
        + "</w:footnotes>"
    )
    part = Part(PackURI("/word/footnotes.xml"), CT.WML_FOOTNOTES, xml.encode("utf-8"), d.part.package)
    d.part.relate_to(part, RT.FOOTNOTES)
    settings = d.settings.element
    pr = OxmlElement("w:footnotePr")
    for i in (-1, 0):
        fn = OxmlElement("w:footnote")
        fn.set(qn("w:id"), str(i))
        pr.append(fn)
    compat = settings.find(qn("w:compat"))
    if compat is not None:
        compat.addprevious(pr)
    else:
        settings.append(pr)


# --------------------------------------------------------------------------
# assembling one document
# --------------------------------------------------------------------------

def page_numbers(d) -> None:
    """Centered PAGE field at the top, 13pt, not on the first page (ND30)."""
    first = d.sections[0]
    first.different_first_page_header_footer = True
    p = first.header.paragraphs[0]
    fmt(p, WD_ALIGN_PARAGRAPH.CENTER)
    add_page_field(p, 13)
    fmt(first.first_page_header.paragraphs[0], WD_ALIGN_PARAGRAPH.CENTER)


def render_appendix(d, items: list, seed: Seed, used: set) -> None:
    for k, item in enumerate(items):
        if isinstance(item, Table):
            table_in_body(d, item, usable_width(d.sections[-1]))
            continue
        text = item.text.strip()
        if RE_APPENDIX.match(text):
            nxt = next((x for x in items[k + 1:] if isinstance(x, Table)), None)
            if nxt is not None and len(nxt.rows[0]) >= 7:
                page_setup(d.add_section(WD_SECTION.NEW_PAGE), landscape=True)
                appendix_heading(d, text, first=False)
            else:
                appendix_heading(d, text, first=True)
        elif (k and isinstance(items[k - 1], Para) and RE_APPENDIX.match(items[k - 1].text.strip())
              and "\n(" in text and not is_numbered(text)):
            # the appendix title and '(Kèm theo ...)' in a block of their own
            appendix_heading(d, text, first=False)
        elif text.startswith("("):
            p = fmt(d.add_paragraph(), WD_ALIGN_PARAGRAPH.CENTER, keep=True)
            add_text(p, text, 13, italic=True)
            short_rule(d, 6.0)
        else:
            body_paragraph(d, text, seed, used)


def build_docx(seed: Seed, issuer: list[str], out: Path) -> None:
    d = docx.Document()
    drop_thumbnail(d)
    setup_styles(d)
    page_setup(d.sections[0])
    width = usable_width(d.sections[0])
    used: set[int] = set()

    header_block(d, seed, issuer, width)
    title_block(d, seed)
    for item in seed.body:
        if isinstance(item, Table):
            table_in_body(d, item, width)
        else:
            body_paragraph(d, item.text, seed, used)
    signature_block(d, seed, width)
    render_appendix(d, seed.appendix, seed, used)

    missing = set(seed.footnotes) - used
    if missing:
        raise ValueError(f"{seed.stem}: footnotes without a marker in the text: {sorted(missing)}")
    if seed.footnotes:
        add_footnotes_part(d, seed.footnotes)
    page_numbers(d)
    props = d.core_properties
    props.title = f"{seed.doc_type.capitalize()} {seed.title}" if seed.doc_type else seed.subject
    props.author = props.last_modified_by = ""
    props.comments = props.keywords = props.subject = ""
    year = re.search(r"năm (\d{4})", seed.place_date)
    stamp = dt.datetime(int(year.group(1)) if year else 2023, 1, 1, 8, 0, 0)
    props.created = props.modified = stamp
    props.revision = 1
    d.save(str(out))


# --------------------------------------------------------------------------
# PDF conversion and the command line
# --------------------------------------------------------------------------

def to_pdf(docx_path: Path, outdir: Path, timeout: int = 300) -> Path:
    """One soffice process for one file, with its own profile directory."""
    profile = Path(tempfile.gettempdir()) / f"lo_profile_{os.getpid()}_{docx_path.stem}"
    cmd = ["soffice", f"-env:UserInstallation=file://{profile}", "--headless", "--norestore",
           "--convert-to", "pdf", "--outdir", str(outdir), str(docx_path)]
    try:
        res = subprocess.run(cmd, capture_output=True, text=True, timeout=timeout)
    finally:
        shutil.rmtree(profile, ignore_errors=True)
    pdf = outdir / (docx_path.stem + ".pdf")
    if res.returncode != 0 or not pdf.exists():
        raise RuntimeError(f"soffice failed for {docx_path.name}: {res.stdout}{res.stderr}")
    return pdf


def check_fonts() -> None:
    """Warn when no Times New Roman substitute has Vietnamese glyphs: Debian's
    fonts-liberation 1.07 lacks 'ệ', 'ụ', ... and LibreOffice then mixes in
    DejaVu Serif; fonts-liberation2 (2.x) has them."""
    if shutil.which("fc-list") is None:
        return
    families = subprocess.run(["fc-list", ":charset=1ec7", "family"], capture_output=True, text=True).stdout
    if "Liberation Serif" not in families and "Times New Roman" not in families:
        print("warning: no Times New Roman / Liberation Serif with Vietnamese glyphs; "
              "install fonts-liberation2", file=sys.stderr)


def issuer_lines(headers: dict, seed: Seed) -> list[str]:
    if seed.stem in headers:
        return list(headers[seed.stem])
    if seed.issuer:
        return list(seed.issuer)
    province = seed.place_date.split(",")[0].strip().upper()
    return [f"UBND TỈNH {province}", "SỞ KHOA HỌC VÀ CÔNG NGHỆ"]


def build_one(seed_path: Path, out: Path, headers: dict) -> str:
    seed = parse_seed(seed_path)
    with tempfile.TemporaryDirectory(prefix=f".build-{seed.stem}-", dir=out) as tmp:
        tmp = Path(tmp)
        docx_path = tmp / f"{seed.stem}.docx"
        build_docx(seed, issuer_lines(headers, seed), docx_path)
        pdf_path = to_pdf(docx_path, tmp)
        os.replace(docx_path, out / docx_path.name)
        os.replace(pdf_path, out / pdf_path.name)
    return f"{seed.stem}: {len(seed.footnotes)} footnotes"


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--seeds", type=Path, required=True, help="directory of <stem>.txt seed dumps")
    ap.add_argument("--out", type=Path, required=True, help="output directory (corpus/)")
    ap.add_argument("--headers", type=Path, help="issuing-body lines (default: OUT/src/headers.yaml)")
    ap.add_argument("-j", "--jobs", type=int, default=2, help="parallel soffice conversions")
    ap.add_argument("--only", nargs="*", help="build only these stems")
    args = ap.parse_args(argv)

    if shutil.which("soffice") is None:
        print("soffice not found: install libreoffice-writer-nogui", file=sys.stderr)
        return 2
    check_fonts()
    args.out.mkdir(parents=True, exist_ok=True)
    headers_path = args.headers or args.out / "src" / "headers.yaml"
    headers = yaml.safe_load(headers_path.read_text(encoding="utf-8")) if headers_path.exists() else {}
    seeds = sorted(p for p in args.seeds.glob("*.txt") if not args.only or p.stem in args.only)
    if not seeds:
        print(f"no seeds in {args.seeds}", file=sys.stderr)
        return 2
    with ThreadPoolExecutor(max_workers=max(1, args.jobs)) as pool:
        for line in pool.map(lambda p: build_one(p, args.out, headers), seeds):
            print(line)
    return 0


if __name__ == "__main__":
    sys.exit(main())
