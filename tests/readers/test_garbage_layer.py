"""A PDF page whose text layer is a bad OCR layer ("CQNG HOA XA HQI ...") is read from its image."""
from __future__ import annotations

import ctypes
from pathlib import Path

import pytest

from extract.legacy_fonts import is_garbage_layer

ROOT = Path(__file__).resolve().parents[2]
GARBAGE = ("CQNG HOA XA HQI CHU NGHIA VIPT NAM Doc lap - Tu do - Hanh phuc BAO CAO Cong tac cai cach hanh chinh "
           "6 thang dau nam va nhiem vu 6 thang cuoi nam 2023 cua So Khoa hqc va Cong nghe Thyc hien Cong van so "
           "900/UBND-TTTC ngay 03/3/2022 cua UBND tinh ve viec trien khai thyc hien Ke hoach cai cach hanh chinh")


@pytest.mark.parametrize("text, garbage", [
    (GARBAGE, True),
    ("Cộng hòa xã hội chủ nghĩa Việt Nam. Độc lập - Tự do - Hạnh phúc. Báo cáo công tác cải cách hành chính "
     "6 tháng đầu năm và nhiệm vụ 6 tháng cuối năm 2023 của Sở Khoa học và Công nghệ, thực hiện Công văn số "
     "900/UBND-TTTC ngày 03/3/2022 của UBND tỉnh về việc triển khai thực hiện Kế hoạch cải cách hành chính", False),
    ("The report states the results of the quarter and the tasks for the next one, as the plan of the "
     "department requires for each of the units that are in charge of the work in the province", False),
    ("CQNG HOA XA HQI", False),  # too little to judge
])
def test_garbage_layer_detection(text, garbage):
    assert is_garbage_layer(text) is garbage


def _pdf_with_garbage_layer(out: Path) -> None:
    """Page 1 of a bundled PDF as an image, under an invisible text layer of garbage."""
    import pypdfium2 as pdfium
    import pypdfium2.raw as raw

    src = pdfium.PdfDocument(str(sorted((ROOT / "corpus").glob("*.pdf"))[0]))
    w, h = src[0].get_size()
    bitmap = src[0].render(scale=200 / 72)
    doc = pdfium.PdfDocument.new()
    page = doc.new_page(w, h)
    img = pdfium.PdfImage.new(doc)
    img.set_bitmap(bitmap)
    img.set_matrix(pdfium.PdfMatrix().scale(w, h))
    page.insert_obj(img)
    font = raw.FPDFText_LoadStandardFont(doc, b"Helvetica")
    y = h - 60
    for k in range(0, len(GARBAGE), 70):
        obj = raw.FPDFPageObj_CreateTextObj(doc, font, ctypes.c_float(10))
        line = GARBAGE[k:k + 70] + "\x00"
        buf = ctypes.create_unicode_buffer(line)
        raw.FPDFText_SetText(obj, ctypes.cast(ctypes.create_string_buffer(line.encode("utf-16-le")),
                                              ctypes.POINTER(raw.FPDF_WCHAR)))
        del buf
        raw.FPDFTextObj_SetTextRenderMode(obj, raw.FPDF_TEXTRENDERMODE_INVISIBLE)
        raw.FPDFPageObj_Transform(obj, 1, 0, 0, 1, 40, y)
        raw.FPDFPage_InsertObject(page, obj)
        y -= 14
    page.gen_content()
    doc.save(str(out))


def test_a_bad_ocr_layer_is_read_by_ocr(tmp_path):
    from extract.readers import ocr
    from extract.readers.pdf import read_pdf

    if not ocr.available():
        pytest.skip("needs Tesseract with its Vietnamese model (CI installs them)")
    path = tmp_path / "garbage_layer.pdf"
    _pdf_with_garbage_layer(path)
    doc = read_pdf(path, "x", path.name)
    assert doc.text_source == "ocr"
    assert "CQNG" not in doc.text and "HQI" not in doc.text
    assert "CỘNG HÒA" in doc.text.upper() or "CỘNG HOÀ" in doc.text.upper()
    assert any("bad OCR layer" in w for w in doc.warnings)
