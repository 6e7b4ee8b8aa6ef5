"""Lines and runs made from a page's glyph arrays (`pdf_page`) are those made glyph by glyph (`Char`s
through `pdf._split_lines` / `pdf._split_runs`): the same text, blocks, tables, boxes and warnings."""
from __future__ import annotations

from pathlib import Path

import numpy as np
import pytest

from extract.readers import pdf_page
from extract.readers.pdf import read_pdf
from extract.settings import Settings

ROOT = Path(__file__).resolve().parents[2]
PDFS = sorted((ROOT / "corpus").glob("*.pdf")) + sorted((ROOT / "tests" / "realdev" / "rendered" / "table").glob("*.pdf"))[:6] \
    + sorted((ROOT / "tests" / "fonts").rglob("*.pdf"))[:4] + sorted((ROOT / "tests" / "fixtures").rglob("*.pdf")) \
    + sorted((ROOT / "tests" / "readers" / "data").glob("*.pdf"))


def _read(path: Path):
    return read_pdf(path, "x", path.name, settings=Settings(ocr=False))


@pytest.mark.parametrize("path", PDFS, ids=lambda p: f"{p.parent.name}/{p.name}")
def test_runs_from_arrays_equal_runs_glyph_by_glyph(path, monkeypatch):
    fast = _read(path)
    monkeypatch.setattr(pdf_page.PageGlyphs, "plain", lambda self: False)  # every page glyph by glyph
    slow = _read(path)
    assert fast.text == slow.text
    assert repr(fast.blocks) == repr(slow.blocks)
    assert repr(fast.tables) == repr(slow.tables)
    assert fast.warnings == slow.warnings
    assert np.array_equal(fast.char_boxes, slow.char_boxes, equal_nan=True)


def test_the_arrays_cover_plain_pages():
    """The bundled reports are plain text: every page is read from its arrays, and a raised footnote
    marker's run is finished glyph by glyph from `Char`s made on demand."""
    import pypdfium2 as pdfium

    from extract.readers.pdf import _read_page

    path = ROOT / "corpus" / "000_9e5233dfb45dc5a0.pdf"
    pdf = pdfium.PdfDocument(str(path))
    try:
        pages = [_read_page(pdf[i]) for i in range(len(pdf))]
    finally:
        pdf.close()
    assert all(isinstance(p, pdf_page.PageGlyphs) and p.plain() for p in pages)
    runs = [r for p in pages for r in pdf_page.page_runs(p, [])]
    made = [r for r in runs if r.chars is not None]  # finished glyph by glyph
    assert runs and all(r.source is not None for r in runs)
    assert made and all(any(ch in r.text for ch in "¹²³⁴⁵⁶⁷⁸⁹⁰") for r in made)
