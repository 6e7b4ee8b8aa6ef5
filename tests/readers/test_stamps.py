"""e-office PDFs: the header band is OCR'd only where a stamp can be (forms, drawing annotations, images)."""
from __future__ import annotations

from pathlib import Path

import pytest

from extract.readers import stamps

ROOT = Path(__file__).resolve().parents[2]


@pytest.mark.parametrize("text, blank", [
    ("ỦY BAN NHÂN DÂN\nSố: /BC-UBND\nHà Nội, ngày 05 tháng 3 năm 2024", True),
    ("SỞ NỘI VỤ\nSố: 12/BC-SNV\nHà Nội, ngày      tháng 3 năm 2024", True),
    ("SỞ NỘI VỤ\nSố: 12/BC-SNV\nHà Nội, ngày 05 tháng 3 năm 2024", False),
])
def test_blank_number_or_day(text, blank):
    assert stamps.has_blanks(text) is blank


def _pdf_with_image(out: Path, *, top: bool) -> None:
    import pypdfium2 as pdfium

    doc = pdfium.PdfDocument.new()
    page = doc.new_page(595, 842)
    img = pdfium.PdfImage.new(doc)
    img.set_bitmap(pdfium.PdfBitmap.new_native(40, 20, pdfium.raw.FPDFBitmap_BGR))
    y = 760 if top else 60
    img.set_matrix(pdfium.PdfMatrix().scale(120, 40).translate(400, y))
    page.insert_obj(img)
    page.gen_content()
    doc.save(str(out))


def _stampable(path: Path) -> bool:
    import pypdfium2 as pdfium

    pdf = pdfium.PdfDocument(str(path))
    try:
        return stamps.may_be_stamped(pdf, pdf[0])
    finally:
        pdf.close()


def test_an_image_over_the_header_band_may_hold_a_stamp(tmp_path):
    top, bottom = tmp_path / "top.pdf", tmp_path / "bottom.pdf"
    _pdf_with_image(top, top=True)
    _pdf_with_image(bottom, top=False)
    assert _stampable(top)
    assert not _stampable(bottom)


def test_a_blank_number_on_a_plain_text_layer_costs_no_ocr(monkeypatch):
    """A report that leaves its number blank, with nothing drawn over its header: no OCR is attempted."""
    from extract.readers import open_document

    pdf = ROOT / "corpus" / "002_f22bba41d68000d2.pdf"
    assert not _stampable(pdf)

    def boom(path):
        raise AssertionError("the header band was OCR'd")

    monkeypatch.setattr(stamps, "header_text", boom)
    doc = open_document(pdf, ROOT / "corpus")
    assert stamps.has_blanks(doc.pages[0].text)
    assert doc.header_ocr is None
