"""Scanned pages: OCR with Tesseract's Vietnamese model (Debian: tesseract-ocr, tesseract-ocr-vie)."""
from __future__ import annotations

from pathlib import Path

import pytest

from extract.pipeline import process_file
from extract.readers import ocr

CORPUS = Path(__file__).resolve().parents[2] / "corpus"
pytestmark = pytest.mark.skipif(not ocr.available(), reason="Tesseract with Vietnamese data not installed")


@pytest.fixture(scope="module")
def scanned_pdf(tmp_path_factory):
    """Page 1 of a bundled report as an image-only PDF (what a scanner produces)."""
    import pypdfium2 as pdfium

    pdf = pdfium.PdfDocument(str(CORPUS / "001_dc7f9cbbad7d2ffc.pdf"))
    image = pdf[0].render(scale=200 / 72).to_pil().convert("L")
    out = tmp_path_factory.mktemp("scan") / "scanned.pdf"
    image.save(out, resolution=200)
    return out


def test_scanned_page_is_read_with_ocr(scanned_pdf):
    r = process_file(scanned_pdf)
    doc = r["documents"][0]
    assert doc["status"] == "ok" and doc["text_source"] == "ocr"
    assert doc["doc_number"] == "55/TB-SKHCN"
    assert doc["issue_date"].isoformat() == "2023-04-26"
    cited = {x["cited_number"] for x in r["references"]}
    assert {"3895/QĐ-UBND", "3805/UBND-SNV"} <= cited
    totals = [p for p in r["par_scores"] if p["component"] == "total"]
    assert totals and totals[0]["score"] == 87.303


def test_ocr_can_be_turned_off(scanned_pdf):
    from extract.settings import Settings

    r = process_file(scanned_pdf, settings=Settings(ocr=False))
    assert r["documents"][0]["status"] == "error"
    assert r["errors"][0]["error_type"] == "no-text"
