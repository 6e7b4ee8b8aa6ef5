"""Per-character glyph boxes (`Document.char_boxes`, `Document.boxes_for`): a fact's evidence
offsets can be drawn on the page image.

The check reads the page back with pypdfium2 on its own: the glyphs whose centres fall
inside the boxes `boxes_for` returns for a fact must spell the fact's quote.
"""
from __future__ import annotations

import re
from pathlib import Path

import numpy as np
import pytest

from extract import legacy_fonts
from extract.normalize import clean_text, from_superscript
from extract.pipeline import process_file, read_document

ROOT = Path(__file__).resolve().parents[2]
CORPUS_PDFS = sorted((ROOT / "corpus").glob("*.pdf"))
LEGACY = ROOT / "tests" / "fixtures" / "legacy_fonts"


class _PageGlyphs:
    """The glyphs pdfium reads on each page: (centre x, centre y from the top, text)."""

    def __init__(self, path: Path) -> None:
        import pypdfium2 as pdfium

        self.pdf = pdfium.PdfDocument(str(path))
        self.pages: dict[int, list[tuple[float, float, str]]] = {}

    def under(self, page: int, x0: float, top: float, x1: float, bottom: float) -> str:
        if page not in self.pages:
            p = self.pdf[page - 1]
            tp, (left, _, _, ctop) = p.get_textpage(), p.get_cropbox()
            glyphs = []
            for i in range(tp.count_chars()):
                ch = tp.get_text_range(i, 1)
                if ch.strip():
                    l, b, r, t = tp.get_charbox(i)
                    glyphs.append(((l + r) / 2 - left, ctop - (b + t) / 2, ch))
            self.pages[page] = glyphs
        inside = sorted((x, ch) for x, y, ch in self.pages[page] if x0 <= x <= x1 and top <= y <= bottom)
        # pdfium marks a hyphen it takes for a line-end break with \x02 (\ufffe in get_text_range)
        return "".join(ch for _, ch in inside).replace("\x02", "-").replace("\ufffe", "-")


def _facts(rows: dict) -> list[dict]:
    return [r for table, rs in rows.items() if table not in ("documents", "pages", "errors")
            for r in rs if r.get("char_start") is not None and r.get("quote")]


def _squash(s: str) -> str:
    return re.sub(r"\s", "", from_superscript(clean_text(s)))


@pytest.mark.skipif(not CORPUS_PDFS, reason="corpus/ not built")
@pytest.mark.parametrize("path", CORPUS_PDFS, ids=lambda p: p.name)
def test_glyphs_under_a_facts_boxes_spell_its_quote(path):
    doc = read_document(path, path.parent)
    facts = _facts(process_file(path, path.parent))
    assert len(facts) >= 10
    glyphs = _PageGlyphs(path)
    for f in facts:
        boxes = doc.boxes_for(f["char_start"], f["char_end"])
        assert boxes and {b[0] for b in boxes} >= {f["page"]}
        read = "".join(glyphs.under(*b) for b in boxes)
        assert _squash(read) == _squash(f["quote"]), (f["quote"], read)


@pytest.mark.skipif(not CORPUS_PDFS, reason="corpus/ not built")
def test_every_printed_char_has_a_box_and_inserted_ones_have_none():
    doc = read_document(CORPUS_PDFS[0], CORPUS_PDFS[0].parent)
    text, boxes = doc.text, doc.char_boxes
    assert boxes.dtype == np.float32 and boxes.shape == (len(text), 4)
    has = ~np.isnan(boxes[:, 0])
    printed = np.array([not c.isspace() for c in text])
    assert (has == printed).all()
    ok = boxes[has]
    assert (ok[:, 0] <= ok[:, 2]).all() and (ok[:, 1] <= ok[:, 3]).all()
    width, height = doc.page_sizes[0]
    assert len(doc.page_sizes) == len(doc.pages) and 590 < width < 600 and 835 < height < 845
    assert (ok[:, 2] <= width + 1).all() and (ok[:, 3] <= height + 1).all()


@pytest.mark.skipif(not CORPUS_PDFS, reason="corpus/ not built")
def test_a_cell_spread_over_the_text_gets_only_its_own_lines():
    """A table cell's lines lie apart in the text (the other cells of the row come between);
    the boxes of a span inside the cell are the cell's lines only, one box per line."""
    path = next(p for p in CORPUS_PDFS if p.name.startswith("003_"))
    doc = read_document(path, path.parent)
    cell = next(b for b in doc.blocks if b.kind == "cell" and len(b.segments) >= 2
                and b.segments[1][0] - b.segments[0][1] > 20)
    start, end = cell.segments[0][0], cell.segments[-1][1]
    boxes = doc.boxes_for(start, end)
    assert len(boxes) == len(cell.segments)
    assert len(doc.boxes_for(start, end)) < len(doc._line_boxes(start, end))


@pytest.mark.parametrize("name,codec", [("tcvn3.pdf", "tcvn3"), ("tcvn3_named.pdf", "tcvn3"),
                                        ("vni.pdf", "vni"), ("vni_named.pdf", "vni")])
def test_legacy_font_text_keeps_its_boxes(name, codec):
    """Decoding changes the text's length (VNI writes a letter and its mark as two glyphs);
    the boxes still follow the decoded text."""
    path = LEGACY / name
    doc = read_document(path, path.parent)
    printed = np.array([not c.isspace() for c in doc.text])
    assert (~np.isnan(doc.char_boxes[:, 0]) == printed).all()
    glyphs = _PageGlyphs(path)
    facts = _facts(process_file(path, path.parent))
    assert facts
    for f in facts:
        read = "".join(glyphs.under(*b) for b in doc.boxes_for(f["char_start"], f["char_end"]))
        decoded = clean_text(legacy_fonts.decode(read, codec))
        assert re.sub(r"\D", "", decoded) == re.sub(r"\D", "", from_superscript(f["quote"])), (f["quote"], read)


def test_documents_without_glyphs_have_no_boxes():
    docx = next((ROOT / "corpus").glob("*.docx"), None)
    if docx is None:
        pytest.skip("corpus/ not built")
    doc = read_document(docx, docx.parent)
    assert doc.char_boxes is None and doc.page_sizes is None
    assert doc.boxes_for(0, 50) == []
