"""Glyphs read in bulk (the C helper) are the glyphs pdfium gives one call at a time (ctypes)."""
from __future__ import annotations

from pathlib import Path

import numpy as np
import pytest

from extract.readers import pdf_glyphs

ROOT = Path(__file__).resolve().parents[2]
PDFS = [ROOT / "corpus" / "000_9e5233dfb45dc5a0.pdf", ROOT / "tests" / "readers" / "data" / "non_bmp_glyphs.pdf",
        ROOT / "tests" / "fixtures" / "legacy_fonts" / "vni_named.pdf"]


@pytest.mark.skipif(not pdf_glyphs.compiled(), reason="the C helper was not built (no C compiler)")
@pytest.mark.parametrize("path", [p for p in PDFS if p.exists()], ids=lambda p: p.name)
def test_bulk_glyphs_equal_glyph_by_glyph(path):
    import pypdfium2 as pdfium

    pdf = pdfium.PdfDocument(str(path))
    for i in range(min(len(pdf), 3)):
        tp = pdf[i].get_textpage()
        bulk, one_by_one = pdf_glyphs.read_glyphs(tp), pdf_glyphs.read_glyphs(tp, bulk=False)
        assert len(bulk) == tp.count_chars() > 0
        for name in ("code", "generated", "box", "origin", "loose", "size", "obj"):
            assert np.array_equal(getattr(bulk, name), getattr(one_by_one, name)), name


def test_the_helper_is_built_where_a_compiler_is():
    """`make setup` builds it on the project's machines (gcc is there); a missing build would only be slow."""
    import shutil

    if shutil.which("cc") or shutil.which("gcc"):
        assert pdf_glyphs.compiled()
