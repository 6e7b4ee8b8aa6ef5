"""Readers on documents typed in legacy Vietnamese fonts (TCVN3 ".VnTime", VNI "VNI-Times").

Fixtures: tests/fixtures/legacy_fonts/, made by scripts/make_legacy_fixtures.py from
src/excerpt.txt (a CCHC report in the seed format). DOCX runs name their font; the
LibreOffice PDFs carry the substitute's name (statistical fallback); the *_named.pdf
files name .VnTime/.VnTimeH/VNI-Times fonts, not embedded.
"""
from __future__ import annotations

import ctypes
import datetime as dt
import re
import shutil
from pathlib import Path

import pytest

from extract import open_document
from extract.cli import main as cli_main

ROOT = Path(__file__).resolve().parents[2]
FIXTURES = ROOT / "tests" / "fixtures" / "legacy_fonts"
SOURCE = (FIXTURES / "src" / "excerpt.txt").read_text(encoding="utf-8")
CITED = {"45/KH-UBND", "1025/SNV-CCHC", "1291/QĐ-UBND", "61/2018/NĐ-CP", "08/KH-UBND"}
TITLE = "Kết quả thực hiện công tác cải cách hành chính 6 tháng đầu năm 2021"


def _words(text: str) -> list[str]:
    return re.sub(r"[¹*]", "", text).split()


def _word_accuracy(text: str) -> float:
    """Share of the source's words (as a multiset) found in the text read."""
    want, got = _words(SOURCE), _words(text)
    pool: dict[str, int] = {}
    for w in got:
        pool[w] = pool.get(w, 0) + 1
    hits = 0
    for w in want:
        if pool.get(w):
            pool[w] -= 1
            hits += 1
    return hits / len(want)


@pytest.mark.parametrize("name, encoding, font", [("tcvn3.docx", "TCVN3", ".VnTime"), ("vni.docx", "VNI", "VNI-Times"),
                                                  ("tcvn3_named.pdf", "TCVN3", ".VnTime"),
                                                  ("vni_named.pdf", "VNI", "VNI-Times")])
def test_runs_in_a_legacy_font_are_decoded(name, encoding, font):
    doc = open_document(FIXTURES / name)
    assert any(s.startswith("legacy-") for s in doc.clean_steps)
    assert any(w.startswith(f"legacy font encoding decoded: {encoding}") and font in w for w in doc.warnings)
    text = " | ".join(re.sub(r"\s+", " ", b.text) for b in doc.blocks)
    for line in ("CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM", "Độc lập - Tự do - Hạnh phúc", "Số: 12/BC-UBND",
                 "Người đứng đầu các cơ quan", "Lê Văn Hường", "ỦY BAN NHÂN DÂN", "Ủy ban nhân dân huyện Hải Lăng"):
        assert line in text
    assert _word_accuracy(doc.text) >= (1.0 if name.endswith("docx") else 0.97)


def test_docx_fonts_come_from_runs_and_styles():
    import zipfile
    xml = zipfile.ZipFile(FIXTURES / "tcvn3.docx").read("word/document.xml").decode()
    styles = zipfile.ZipFile(FIXTURES / "tcvn3.docx").read("word/styles.xml").decode()
    assert 'w:hAnsi=".VnTimeH"' in xml and 'w:hAnsi=".VnTime"' in styles  # body runs inherit .VnTime


def test_unicode_run_in_a_legacy_document_is_kept(tmp_path):
    import docx
    from docx.oxml.ns import qn

    d = docx.Document()
    rf = d.styles["Normal"].element.get_or_add_rPr().get_or_add_rFonts()
    for attr in ("w:ascii", "w:hAnsi"):
        rf.set(qn(attr), ".VnTime")
    p = d.add_paragraph("Céng hßa x· héi chñ nghÜa ViÖt Nam ")
    run = p.add_run("Cộng hòa xã hội (Unicode)")
    run.font.name = "Times New Roman"
    d.add_paragraph("ng\u00adêi ®\u00adîc")
    path = tmp_path / "mixed.docx"
    d.save(path)
    doc = open_document(path)
    assert doc.text == "Cộng hòa xã hội chủ nghĩa Việt Nam Cộng hòa xã hội (Unicode)\nngười được"


@pytest.mark.parametrize("name, codec", [("tcvn3.pdf", "TCVN3"), ("vni.pdf", "VNI"), ("tcvn3.txt", "TCVN3")])
def test_text_without_font_names_is_detected(name, codec):
    doc = open_document(FIXTURES / name)
    assert any(w.startswith(f"legacy font encoding decoded: {codec}") and "without a font name" in w
               for w in doc.warnings)
    blocks = [re.sub(r"\s+", " ", b.text) for b in doc.blocks]
    assert TITLE in blocks and any(b.startswith("CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM") for b in blocks)
    # LibreOffice drops TCVN3's "ư" (byte 0xAD, a soft hyphen to it) from its PDF
    assert _word_accuracy(doc.text) >= (0.85 if name == "tcvn3.pdf" else 0.95)


def test_libreoffice_pdf_carries_the_substitute_font_name():
    """Why the LibreOffice PDFs need the statistical fallback: no legacy font name survives."""
    import pypdfium2 as pdfium
    import pypdfium2.raw as raw

    from extract.legacy_fonts import font_encoding

    names = set()
    pdf = pdfium.PdfDocument(str(FIXTURES / "tcvn3.pdf"))
    buf = (ctypes.c_ubyte * 128)()
    for page in pdf:
        for obj in page.get_objects(filter=[raw.FPDF_PAGEOBJ_TEXT]):
            font = raw.FPDFTextObj_GetFont(obj.raw)
            n = raw.FPDFFont_GetBaseFontName(font, ctypes.cast(buf, ctypes.POINTER(ctypes.c_char)), len(buf))
            names.add(bytes(buf[: n - 1]).decode("latin-1"))
    pdf.close()
    assert names and not any(font_encoding(n) for n in names)


def test_tcvn3_u_horn_read_as_hyphen_by_pdfium_is_recovered():
    text = open_document(FIXTURES / "tcvn3_named.pdf").text
    assert "người" in text and "được" in text and "Tư pháp - Hộ tịch" in text and "ng-" not in text


def test_unicode_corpus_is_not_decoded():
    for path in sorted((ROOT / "corpus").glob("*.docx"))[:2] + sorted((ROOT / "corpus").glob("*.pdf"))[:2]:
        doc = open_document(path)
        assert not any("legacy" in s for s in doc.clean_steps) and not any("legacy" in w for w in doc.warnings)


def test_cli_on_legacy_documents(tmp_path):
    names = ["tcvn3.docx", "vni.docx", "tcvn3.pdf", "vni.pdf", "tcvn3_named.pdf", "vni_named.pdf", "tcvn3.txt"]
    if shutil.which("soffice") or shutil.which("libreoffice"):
        names.append("tcvn3.doc")  # Word 97: converted by LibreOffice, which keeps "ư" as a soft hyphen
    out = tmp_path / "out"
    assert cli_main([*(str(FIXTURES / n) for n in names), "-o", str(out), "-j", "0", "--quiet"]) == 0
    import pandas as pd

    docs = pd.read_parquet(out / "documents.parquet").set_index("source_path")
    refs = pd.read_parquet(out / "references.parquet")
    errors = pd.read_parquet(out / "errors.parquet")
    for name in names:
        row = docs.loc[name]
        assert row["status"] == "ok", name
        assert row["doc_number"] == "12/BC-UBND", name
        assert row["title"] == TITLE, name
        assert row["issue_date"] == dt.date(2021, 6, 15), name
        assert row["doc_type"] == "Báo cáo", name
        cited = set(refs.loc[refs.doc_id == row["doc_id"], "cited_number"])
        assert cited == CITED, name
        warn = errors[(errors.doc_id == row["doc_id"]) & (errors.error_type == "warning")]
        assert warn.message.str.startswith("legacy font encoding decoded").any(), name
    assert set(docs.loc[[n for n in names if n != "tcvn3.pdf"], "signer"]) == {"Lê Văn Hường"}


def test_unicode_text_in_a_font_named_vntime_is_not_decoded(tmp_path):
    """Word 97 files converted long ago keep the .VnTime font name on Unicode text: decoding it by the name would
    corrupt it ("PHÒNG CHÁY" -> "PHỀNG CHẦY"); only text that reads better decoded is decoded."""
    import docx

    from extract.readers.docx import read_docx

    d = docx.Document()
    for line in ("LUẬT PHÒNG CHÁY VÀ CHỮA CHÁY", "Căn cứ Hiến pháp nước Cộng hòa xã hội chủ nghĩa Việt Nam;",
                 "Quốc hội ban hành Luật sửa đổi, bổ sung một số điều của Luật phòng cháy và chữa cháy."):
        run = d.add_paragraph().add_run(line)
        run.font.name = ".VnTime"
    path = tmp_path / "unicode_in_vntime.docx"
    d.save(path)
    doc = read_docx(path, "x", path.name)
    assert "LUẬT PHÒNG CHÁY VÀ CHỮA CHÁY" in doc.text
    assert "Cộng hòa xã hội chủ nghĩa" in doc.text
    assert not any("legacy font" in w for w in doc.warnings)


def test_legacy_bytes_in_a_font_named_vntime_are_still_decoded(tmp_path):
    import docx

    from extract.legacy_fonts import encode_tcvn3
    from extract.readers.docx import read_docx

    d = docx.Document()
    for line in ("Cộng hòa xã hội chủ nghĩa Việt Nam", "Báo cáo công tác cải cách hành chính quý I năm 2024"):
        run = d.add_paragraph().add_run(encode_tcvn3(line))
        run.font.name = ".VnTime"
    path = tmp_path / "tcvn3_in_vntime.docx"
    d.save(path)
    doc = read_docx(path, "x", path.name)
    assert "Cộng hòa xã hội chủ nghĩa Việt Nam" in doc.text
