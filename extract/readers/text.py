"""Reader for plain-text dumps of reports (the format of ../shared/seeds).

Paragraphs are separated by blank lines; "**bold**"/"*italic*" markdown;
footnote bodies are paragraphs that start with a superscript number; tables
are runs of tab-separated lines (a blank line between two runs may be a page
break). Page breaks are unknown, so any paragraph boundary may be one.
Bytes are decoded by `encoding.decode_text` (byte-order marks, UTF-8, else
Windows-1258/1252 when the text then reads as Vietnamese); text typed in a legacy
Vietnamese font (TCVN3, VNI) is detected and decoded (`extract.legacy_fonts`).
"""
from __future__ import annotations

import re
from pathlib import Path

from .. import legacy_fonts
from ..layout import PageBreak, RawCell, RawPara, RawTable, assemble
from ..model import Document, TextBuilder
from ..normalize import CLEAN_STEPS, SUPERSCRIPT_CHARS, clean_text, from_superscript, strip_markup
from . import webtext
from .encoding import decode_text

_FOOTNOTE = re.compile(rf"^([{SUPERSCRIPT_CHARS}]+)\s+")
_LI = re.compile(r"<li[^>]*>(.*?)</li>", re.S)


def _md(text: str) -> tuple[str, frozenset[str]]:
    styles = set()
    t = text.strip()
    if t.startswith("**") and t.rstrip().endswith("**"):
        styles.add("bold")
    elif t.startswith("*") and t.endswith("*") and not t.startswith("* "):
        styles.add("italic")
    t = re.sub(r"\*\*(.+?)\*\*", r"\1", t, flags=re.S)
    t = re.sub(r"(?<![\w*])\*(?!\s)(.+?)(?<!\s)\*(?![\w*])", r"\1", t, flags=re.S)
    t = t.replace("**", "")
    return t, frozenset(styles)


def _cell_text(raw: str) -> str:
    items = _LI.findall(raw)
    if items:
        raw = "\n".join(strip_markup(x).strip() for x in items)
    return re.sub(r"[ \t]+", " ", strip_markup(raw)).strip()


def read_text(path: Path, doc_id: str, source_path: str) -> Document:
    raw, _, warning = decode_text(path.read_bytes())
    decode_warnings = [warning] if warning else []
    raw = raw.replace("\r\n", "\n")
    raw, codec = legacy_fonts.detect_and_decode(raw)  # before cleaning, which drops U+00AD (TCVN3 "ư")
    log = legacy_fonts.DecodeLog()
    if codec:
        log.guess(codec, sum(1 for line in raw.split("\n") if line.strip()))
    raw = clean_text(raw)
    tb = TextBuilder()
    tb.new_page(None)
    items: list = []
    chunks = re.split(r"\n\s*\n", raw)
    first = True
    published = webtext.looks_published(raw)
    if published:
        chunks = []

    def put(s: str) -> tuple[int, int]:
        nonlocal first
        if not first:
            tb.newline()
        first = False
        return tb.add(s)

    for chunk in chunks:
        chunk = chunk.strip("\n")
        if not chunk.strip():
            continue
        lines = chunk.split("\n")
        if any("\t" in ln for ln in lines):
            rows = []
            for r, ln in enumerate(x for x in lines if x.strip()):
                cells = []
                for c, cell in enumerate(ln.split("\t")):
                    txt = _cell_text(cell)
                    pieces = []
                    if txt:
                        s, e = put(txt)
                        pieces = [(s, e, None)]
                    cells.append(RawCell(pieces=pieces, row=r, col=c))
                rows.append(cells)
            items.append(RawTable(rows=rows, pages=[None]))
            continue
        text, styles = _md(" ".join(x.strip() for x in lines) if not lines[0].startswith(("- ", "+ ")) or len(lines) == 1
                           else "\n".join(lines))
        if "\n" in text:  # a list written as lines: one paragraph per line
            for ln in text.split("\n"):
                t, st = _md(ln)
                if t.strip():
                    s, e = put(t.strip())
                    items.append(RawPara(pieces=[(s, e, None)], styles=st | styles))
            continue
        m = _FOOTNOTE.match(text)
        if m:
            s, e = put(text)
            items.append(RawPara(pieces=[(s, e, None)], kind="footnote",
                                 footnote_label=from_superscript(m.group(1)), styles=styles))
            continue
        s, e = put(strip_markup(text))
        items.append(RawPara(pieces=[(s, e, None)], styles=styles))
    if published:
        items = webtext.to_raw(webtext.items(raw), put)
    pages = tb.pages()
    full = "\n".join(p.text for p in pages)
    blocks, tables = assemble([i for i in items if not isinstance(i, PageBreak)],
                              lambda s, e: full[s:e], join_any_boundary=True)
    return Document(doc_id=doc_id, source_path=source_path, source_format="txt", text_source="text-layer",
                    pages=pages, blocks=blocks, tables=tables, clean_steps=log.steps() + list(CLEAN_STEPS),
                    page_count=None, warnings=decode_warnings + log.warnings("line"))
