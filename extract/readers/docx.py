"""DOCX reader: python-docx for the package, a small XML walk for the text.

Body paragraphs and tables in document order (text inside hyperlinks, smart
tags, content controls and text boxes included; deleted revisions and field
codes excluded), Word footnotes from `word/footnotes.xml` as footnote blocks
(the reference in the text becomes a superscript number "¹"), page headers
and footers last. A DOCX has no pages: the whole text is one page (number
None). Borderless tables (the header block, the signature block) are layout,
not data. Runs in a legacy Vietnamese font (TCVN3 ".VnTime", VNI "VNI-Times",
from the run, its character style, the paragraph style or the defaults) are
decoded to Unicode (`docx_fonts`); runs in other fonts are decoded only when
the document's text as a whole is detected to be in a legacy encoding.
"""
from __future__ import annotations

import re

from pathlib import Path

from ..layout import RawCell, RawPara, RawTable, assemble, layout_columns
from ..model import Document, TextBuilder
from ..normalize import CLEAN_STEPS, clean_text, to_superscript
from .docx_fonts import KEEP, W, RunFonts

RT_FOOTNOTES = "http://schemas.openxmlformats.org/officeDocument/2006/relationships/footnotes"
_SKIP = {W + "delText", W + "instrText", W + "delInstrText"}
MC = "{http://schemas.openxmlformats.org/markup-compatibility/2006}"
_PRUNE = {MC + "Fallback", W + "del", W + "moveFrom"}  # a text box's pre-2010 copy; deleted text


def _iter_text(el):
    """The paragraph's elements in document order, leaving out subtrees that repeat or delete text."""
    yield el
    for child in el:
        if child.tag not in _PRUNE:
            yield from _iter_text(child)


def _cell_paragraphs(tc):
    """A cell's paragraphs, nested tables' included, but not those inside another paragraph (a
    text box's, which that paragraph reads) nor a text box's pre-2010 copy."""
    for el in _iter_text(tc):
        if el.tag != W + "p":
            continue
        a = el.getparent()
        while a is not tc and a.tag != W + "p":  # the nearest paragraph or the cell, walking up once
            a = a.getparent()
        if a is tc:
            yield el


def _run_props(r) -> tuple[bool, bool, bool]:
    rpr = r.find(W + "rPr")
    if rpr is None:
        return False, False, False
    def on(tag: str) -> bool:
        el = rpr.find(W + tag)
        return el is not None and el.get(W + "val", "true") not in ("0", "false", "none")
    va = rpr.find(W + "vertAlign")
    sup = va is not None and va.get(W + "val") == "superscript"
    return on("b"), on("i"), sup


class _FootnoteNumbers:
    """Word numbers footnotes in order of reference; map w:id -> display number."""

    def __init__(self) -> None:
        self.by_id: dict[str, str] = {}

    def label(self, wid: str) -> str:
        if wid not in self.by_id:
            self.by_id[wid] = str(len(self.by_id) + 1)
        return self.by_id[wid]


def _para_text(p, notes: _FootnoteNumbers | None, fonts: RunFonts, keep_tabs: bool = False) -> tuple[str, set[str]]:
    """A paragraph's text and styles; tabs become spaces unless `keep_tabs` (two-column header lines)."""
    pstyle = fonts.para_style(p)
    parts: list[tuple[str, str | None]] = []  # (text, legacy codec | None | KEEP)
    bold_chars = italic_chars = total = 0
    for el in _iter_text(p):
        tag = el.tag
        if tag in _SKIP:
            continue
        if tag == W + "t":
            t = el.text or ""
            r = el.getparent()
            is_run = r is not None and r.tag == W + "r"
            b, i, sup = _run_props(r) if is_run else (False, False, False)
            if sup and t.strip().isdigit():
                parts.append((to_superscript(t.strip()), KEEP))
            else:
                parts.append((t, fonts.codec(r, pstyle) if is_run else None))
            n = len(t.strip())
            total += n
            bold_chars += n if b else 0
            italic_chars += n if i else 0
        elif tag == W + "softHyphen":  # LibreOffice writes TCVN3's "ư" (byte 0xAD) as a soft hyphen
            r = el.getparent()
            codec = fonts.codec(r, pstyle) if r is not None and r.tag == W + "r" else None
            if codec and codec.startswith("tcvn3"):
                parts.append(("\u00ad", codec))
        elif tag == W + "tab":
            parts.append(("\t", KEEP))
        elif tag == W + "noBreakHyphen":  # "48/2021/QĐ-UBND" typed with a non-breaking hyphen
            parts.append(("-", KEEP))
        elif tag in (W + "br", W + "cr"):
            if el.get(W + "type") != "page":
                parts.append(("\n", KEEP))
        elif tag == W + "footnoteReference" and notes is not None:
            parts.append((to_superscript(notes.label(el.get(W + "id", ""))), KEEP))
        elif tag == W + "footnoteRef" and notes is None:
            pass  # the number at the start of a footnote body; the caller adds it
        elif tag == W + "sym":
            parts.append((chr(int(el.get(W + "char", "20"), 16)) if el.get(W + "char") else "", KEEP))
    styles: set[str] = set()
    if total and bold_chars >= 0.8 * total:
        styles.add("bold")
    if total and italic_chars >= 0.8 * total:
        styles.add("italic")
    ppr = p.find(W + "pPr")
    if ppr is not None:
        jc = ppr.find(W + "jc")
        if jc is not None and jc.get(W + "val") == "center":
            styles.add("center")
    text = clean_text(fonts.decode_parts(parts))
    if not keep_tabs:
        text = text.replace("\t", " ")
    return "\n".join(line.strip() for line in text.split("\n")).strip(" \n"), styles


def _table_is_layout(tbl) -> bool:
    tblpr = tbl.find(W + "tblPr")
    if tblpr is None:
        return True
    style = tblpr.find(W + "tblStyle")
    if style is not None and "grid" in (style.get(W + "val") or "").lower():
        return False
    borders = tblpr.find(W + "tblBorders")
    if borders is not None:
        for side in borders:
            if side.get(W + "val") not in (None, "nil", "none"):
                return False
    for tcb in tbl.iter(W + "tcBorders"):
        for side in tcb:
            if side.get(W + "val") not in (None, "nil", "none"):
                return False
    return True


def read_docx(path: Path, doc_id: str, source_path: str) -> Document:
    import docx  # python-docx
    from docx.opc.exceptions import PackageNotFoundError

    try:
        d = docx.Document(str(path))
    except PackageNotFoundError as e:
        from . import ReadError
        raise ReadError("corrupt-docx", f"not a readable Word package: {e}") from e
    except KeyError as e:
        from . import ReadError
        raise ReadError("corrupt-docx", f"the Word package is missing a required part ({e})") from e

    tb = TextBuilder()
    tb.new_page(None)
    items: list = []
    notes = _FootnoteNumbers()
    fonts = RunFonts(d)
    fonts.detect_fallback(d.element.body)

    def put(text: str) -> tuple[int, int, None]:
        if not tb.at_line_start:
            tb.newline()
        s, e = tb.add(text)
        return (s, e, None)

    def add_para(p) -> None:
        text, styles = _para_text(p, notes, fonts, keep_tabs=True)
        cols = layout_columns(text)
        if cols:  # "ỦY BAN NHÂN DÂN<tab>CỘNG HÒA XÃ HỘI ...": a header or signature line set in two columns
            cells = [RawCell(pieces=[put(c)], row=0, col=k) for k, c in enumerate(cols)]
            items.append(RawTable(rows=[cells], layout=True, pages=[None]))
            return
        text = re.sub(r"[ \t]*\t[ \t]*", " ", text).strip()
        if text:
            items.append(RawPara(pieces=[put(text)], styles=frozenset(styles)))

    def add_table(tbl) -> None:
        layout = _table_is_layout(tbl)
        rows: list[list[RawCell]] = []
        header_rows = 0
        counting_header = True
        for r, tr in enumerate(tbl.findall(W + "tr")):
            trpr = tr.find(W + "trPr")
            is_header = trpr is not None and trpr.find(W + "tblHeader") is not None
            if counting_header and is_header:
                header_rows += 1
            else:
                counting_header = False
            cells, col = [], 0
            for tc in tr.findall(W + "tc"):
                tcpr = tc.find(W + "tcPr")
                span = 1
                vcont = False
                if tcpr is not None:
                    gs = tcpr.find(W + "gridSpan")
                    if gs is not None:
                        span = int(gs.get(W + "val", "1"))
                    vm = tcpr.find(W + "vMerge")
                    vcont = vm is not None and vm.get(W + "val", "continue") == "continue"
                pieces = []
                if not vcont:
                    for p in _cell_paragraphs(tc):
                        text, _ = _para_text(p, notes, fonts)
                        if text:
                            pieces.append(put(text))
                cells.append(RawCell(pieces=pieces, row=r, col=col, colspan=span))
                col += span
            rows.append(cells)
        items.append(RawTable(rows=rows, header_rows=header_rows if header_rows else None,
                              layout=layout, pages=[None]))

    def walk(container) -> None:
        """Paragraphs and tables in document order, also inside content controls (w:sdt),
        custom XML and tracked insertions / moves at block level."""
        for child in container.iterchildren():
            if child.tag == W + "p":
                add_para(child)
            elif child.tag == W + "tbl":
                add_table(child)
            elif child.tag == W + "sdt":
                content = child.find(W + "sdtContent")
                if content is not None:
                    walk(content)
            elif child.tag in (W + "customXml", W + "ins", W + "moveTo", W + "smartTag"):
                walk(child)

    walk(d.element.body)

    # footnotes, in the order they are referenced
    fn_part = None
    for rel in d.part.rels.values():
        if rel.reltype == RT_FOOTNOTES:
            fn_part = rel.target_part
    if fn_part is not None and notes.by_id:
        from lxml import etree
        root = etree.fromstring(fn_part.blob)
        bodies = {fn.get(W + "id"): fn for fn in root.findall(W + "footnote")}
        for wid, label in notes.by_id.items():
            fn = bodies.get(wid)
            if fn is None:
                continue
            text = " ".join(t for t, _ in (_para_text(p, None, fonts) for p in fn.iter(W + "p")) if t).strip()
            if text:
                items.append(RawPara(pieces=[put(f"{to_superscript(label)} {text}")], kind="footnote",
                                     footnote_label=label, styles=frozenset({"small"})))

    # page headers/footers (some documents keep text only there)
    seen: set[str] = set()
    for section in d.sections:
        for hf in (section.header, section.footer):
            try:
                if hf.is_linked_to_previous and seen:
                    continue
                for p in hf._element.iter(W + "p"):
                    text, _ = _para_text(p, None, fonts)
                    if text and text not in seen and not text.isdigit():
                        seen.add(text)
                        items.append(RawPara(pieces=[put(text)], styles=frozenset({"furniture"})))
            except (KeyError, ValueError):
                continue

    pages = tb.pages()
    full = pages[0].text if pages else ""
    blocks, tables = assemble(items, lambda s, e: full[s:e], join_any_boundary=True)
    return Document(doc_id=doc_id, source_path=source_path, source_format="docx", text_source="docx",
                    pages=pages, blocks=blocks, tables=tables, clean_steps=fonts.log.steps() + list(CLEAN_STEPS),
                    page_count=None, warnings=fonts.log.warnings("run"))
