"""Numbers and dates stamped onto an e-office PDF.

Documents signed in an e-office system keep the number and date blank in their text layer ("Số:
/QĐ-UBND", "Hà Nội, ngày tháng năm 2026"); the values are drawn at signing time by signature widgets
(form fields whose appearance only a renderer with forms shows) or stamped as images. When page 1's text layer
leaves the number or the day blank, the top of page 1 is rendered with its forms and read by Tesseract (Debian
package, Vietnamese model; `ocr.image_text`); the header extractor takes from that text only what agrees with the text layer
(the same symbol after the number, the same year). Nothing happens without Tesseract or with OCR turned off,
nor on a page that draws nothing beyond its text layer where a stamp could be (`may_be_stamped`): no form, no
widget or stamp annotation, no image over the header band. A report whose number is simply left blank costs no OCR.
"""
from __future__ import annotations

import re
from pathlib import Path

STAMP_DPI = 300
HEADER_BAND = 0.35  # the top share of page 1 that holds the number and the place-date line

BLANK_NUMBER = re.compile(r"(?:Số|SỐ)\s*:?[\s.…_]*/\s*[A-ZĐ]")
BLANK_DATE = re.compile(r"ngày[\s.…_]*tháng(?:[\s.…_]*|\s*\d{1,2}\s*)năm", re.I)


def has_blanks(first_page_text: str) -> bool:
    """Whether page 1 leaves the document's number or the day of its date blank."""
    head = first_page_text[:1500]
    return bool(BLANK_NUMBER.search(head) or BLANK_DATE.search(head))


# Annotation subtypes that draw nothing on the page: links and pop-up notes.
_SILENT_ANNOTS = {2, 16}  # FPDF_ANNOT_LINK, FPDF_ANNOT_POPUP


def may_be_stamped(pdf, page) -> bool:
    """Whether page 1 (`page` of the pypdfium2 document `pdf`) draws anything beyond its text layer where a
    stamped number or date could be: the document has an interactive form (signature widgets), the page has a
    drawing annotation (widget, stamp, free text, ...), or an image lies over its header band."""
    import pypdfium2.raw as raw

    if raw.FPDF_GetFormType(pdf) != raw.FORMTYPE_NONE:
        return True
    for i in range(raw.FPDFPage_GetAnnotCount(page)):
        annot = raw.FPDFPage_GetAnnot(page, i)
        try:
            if raw.FPDFAnnot_GetSubtype(annot) not in _SILENT_ANNOTS:
                return True
        finally:
            raw.FPDFPage_CloseAnnot(annot)
    height = page.get_height()
    for obj in page.get_objects(filter=(raw.FPDF_PAGEOBJ_IMAGE,), max_depth=3):
        _left, _bottom, _right, top = obj.get_bounds()
        if top > height * (1 - HEADER_BAND):
            return True
    return False


def header_text(path: Path) -> str | None:
    """The OCR'd text of the top of page 1, rendered with its form fields (the document is opened again: forms
    must be set up before a page is loaded); None when OCR is unavailable or reads nothing."""
    from . import ocr

    if not ocr.available():
        return None
    import pypdfium2 as pdfium

    pdf = pdfium.PdfDocument(str(path))
    try:
        try:
            pdf.init_forms()
        except Exception:  # noqa: BLE001 - a PDF without forms renders as it is
            pass
        image = pdf[0].render(scale=STAMP_DPI / 72, may_draw_forms=True).to_pil().convert("L")
        w, h = image.size
        text = ocr.image_text(image.crop((0, 0, w, int(h * HEADER_BAND))), psm=6)  # one block of text
        return text if text.strip() else None
    finally:
        pdf.close()
