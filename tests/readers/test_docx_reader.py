"""DOCX reader specifics: content controls, custom XML, text boxes, non-breaking hyphens."""
from __future__ import annotations

import re
import zipfile
from pathlib import Path

import docx
import pytest

from extract.readers import open_document

MARK = "MARKER-PARAGRAPH"


def P(text: str) -> str:
    return f'<w:p><w:r><w:t xml:space="preserve">{text}</w:t></w:r></w:p>'


def make_docx(tmp_path: Path, name: str, body_xml: str) -> Path:
    """A DOCX whose marker paragraph is replaced by `body_xml` (raw WordprocessingML)."""
    base = tmp_path / "base.docx"
    d = docx.Document()
    d.add_paragraph("BÁO CÁO")
    d.add_paragraph(MARK)
    d.add_paragraph("Tiếp nhận 1.234 hồ sơ.")
    d.save(base)
    out = tmp_path / name
    ns = ('xmlns:mc="http://schemas.openxmlformats.org/markup-compatibility/2006" '
          'xmlns:v="urn:schemas-microsoft-com:vml"')
    with zipfile.ZipFile(base) as zi, zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as zo:
        for item in zi.infolist():
            data = zi.read(item.filename)
            if item.filename == "word/document.xml":
                s = data.decode("utf-8")
                s, n = re.subn(r"<w:p>(?:(?!</w:p>).)*" + MARK + r".*?</w:p>", lambda _m: body_xml, s, count=1, flags=re.S)
                assert n == 1
                if "xmlns:mc=" not in s:
                    s = s.replace("<w:document ", "<w:document " + ns + " ", 1)
                elif "xmlns:v=" not in s:
                    s = s.replace("<w:document ", '<w:document xmlns:v="urn:schemas-microsoft-com:vml" ', 1)
                data = s.encode("utf-8")
            zo.writestr(item, data)
    return out


def read(path: Path):
    return open_document(path)


TABLE = ('<w:tbl><w:tblPr><w:tblStyle w:val="TableGrid"/></w:tblPr>'
         f"<w:tr><w:tc>{P('Chỉ tiêu')}</w:tc><w:tc>{P('Số lượng')}</w:tc></w:tr>"
         f"<w:tr><w:tc>{P('Hồ sơ tiếp nhận')}</w:tc><w:tc>{P('4.321')}</w:tc></w:tr></w:tbl>")


def test_table_inside_a_content_control_is_read(tmp_path):
    doc = read(make_docx(tmp_path, "sdt.docx", f"<w:sdt><w:sdtPr/><w:sdtContent>{P('Bảng tổng hợp')}{TABLE}</w:sdtContent></w:sdt>"))
    assert len(doc.tables) == 1
    assert "Bảng tổng hợp" in doc.text and "4.321" in doc.text


def test_custom_xml_paragraph_is_read(tmp_path):
    doc = read(make_docx(tmp_path, "cx.docx", f'<w:customXml w:element="x">{P("Tiếp nhận 4.444 hồ sơ")}</w:customXml>'))
    assert "Tiếp nhận 4.444 hồ sơ" in doc.text


def test_text_box_read_once_not_with_its_fallback_copy(tmp_path):
    box = P("Đã giải quyết 777 hồ sơ")
    xml = ("<w:p><w:r><mc:AlternateContent><mc:Choice Requires=\"wps\"><w:txbxContent>" + box +
           "</w:txbxContent></mc:Choice><mc:Fallback><w:pict><v:textbox><w:txbxContent>" + box +
           "</w:txbxContent></v:textbox></w:pict></mc:Fallback></mc:AlternateContent></w:r></w:p>")
    doc = read(make_docx(tmp_path, "tb.docx", xml))
    assert doc.text.count("Đã giải quyết 777 hồ sơ") == 1


@pytest.mark.parametrize("hyphen", ["<w:noBreakHyphen/>", "\u2011", "\u2010"])
def test_non_breaking_hyphen_in_a_symbol(tmp_path, hyphen):
    head = '<w:p><w:r><w:t xml:space="preserve">Quyết định số 48/2021/QĐ</w:t></w:r>'
    if hyphen.startswith("<"):
        xml = head + f'<w:r>{hyphen}<w:t xml:space="preserve">UBND ngày 22/9/2021</w:t></w:r></w:p>'
    else:
        xml = head + f'<w:r><w:t xml:space="preserve">{hyphen}UBND ngày 22/9/2021</w:t></w:r></w:p>'
    doc = read(make_docx(tmp_path, "nb.docx", xml))
    assert "Quyết định số 48/2021/QĐ-UBND ngày 22/9/2021" in doc.text
