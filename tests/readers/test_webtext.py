"""Published text (hard-wrapped lines, `|` cell lines, ** emphasis): re-flow and tables."""
from __future__ import annotations

import pytest

from extract.readers import webtext
from tests.helpers import doc_from_text

HEADER = """**ỦY BAN NHÂN
DÂN**
TỈNH LÀO CAI
--------
|
**CỘNG HÒA XÃ
HỘI CHỦ NGHĨA VIỆT NAM**
Độc lập - Tự do - Hạnh phúc
---------------
|
|
Số: 2020/QĐ-UBND
|
*Lào Cai, ngày
20 tháng 11 năm 2025*
|
**QUYẾT ĐỊNH**
VỀ VIỆC CÔNG BỐ DANH MỤC THỦ TỤC HÀNH CHÍNH TRONG
LĨNH VỰC HOẠT ĐỘNG KHOA HỌC VÀ CÔNG NGHỆ
**CHỦ TỊCH UỶ BAN NHÂN DÂN TỈNH LÀO CAI**
*Căn cứ Luật Tổ chức chính
quyền địa phương ngày 16 tháng 6 năm 2025;*
**Điều 1. **Công
bố kèm theo Quyết định này 03 thủ tục hành chính.
|
*Nơi nhận:*
- Như Điều 3;
- Lưu: VT.
|
**KT. CHỦ TỊCH**
**PHÓ CHỦ TỊCH**
**Ngô Hạnh Phúc**
|
**DANH MỤC**
|
**STT**
|
**Tên thủ tục**
|
|
1
|
Cấp giấy
chứng nhận
|
"""


def _paras(doc):
    return [b.text for b in doc.blocks if b.kind != "cell"]


def test_header_block_lines_stay_apart():
    doc = doc_from_text(HEADER)
    paras = _paras(doc)
    assert paras[:8] == [
        "ỦY BAN NHÂN DÂN", "TỈNH LÀO CAI", "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM", "Độc lập - Tự do - Hạnh phúc",
        "Số: 2020/QĐ-UBND", "Lào Cai, ngày 20 tháng 11 năm 2025", "QUYẾT ĐỊNH",
        "VỀ VIỆC CÔNG BỐ DANH MỤC THỦ TỤC HÀNH CHÍNH TRONG LĨNH VỰC HOẠT ĐỘNG KHOA HỌC VÀ CÔNG NGHỆ",
    ]


def test_authority_line_wrapped_sentences_and_signature():
    paras = _paras(doc_from_text(HEADER))
    assert "CHỦ TỊCH UỶ BAN NHÂN DÂN TỈNH LÀO CAI" in paras
    assert "Căn cứ Luật Tổ chức chính quyền địa phương ngày 16 tháng 6 năm 2025;" in paras
    assert "Điều 1. Công bố kèm theo Quyết định này 03 thủ tục hành chính." in paras
    i = paras.index("KT. CHỦ TỊCH")
    assert paras[i:i + 3] == ["KT. CHỦ TỊCH", "PHÓ CHỦ TỊCH", "Ngô Hạnh Phúc"]
    assert "DANH MỤC" in paras


def test_data_table_is_a_table():
    doc = doc_from_text(HEADER)
    data = [t for t in doc.tables if not t.layout]
    assert len(data) == 1
    assert [[c.text for c in r] for r in data[0].rows] == [["STT", "Tên thủ tục"], ["1", "Cấp giấy chứng nhận"]]


@pytest.mark.parametrize("para, line, new", [
    ("Căn cứ Nghị định số", "63/2010/NĐ-CP ngày 08 tháng 6 năm 2010;", False),
    ("ngày 16 tháng 6 năm 2025;", "Căn cứ Thông tư số 02/2017/TT-VPCP", True),
    ("**QUYẾT ĐỊNH**", "VỀ VIỆC CÔNG BỐ DANH MỤC", True),
    ("VỀ", "VIỆC CÔNG BỐ DANH MỤC THỦ TỤC", False),
    ("**ỦY BAN NHÂN", "DÂN**", False),
    ("CỦA SỞ KHOA HỌC VÀ CÔNG NGHỆ", "**CHỦ TỊCH UỶ BAN NHÂN DÂN TỈNH LÀO CAI**", True),
    ("**Điều 1. **Công", "bố sửa đổi, bổ sung 02 (hai) thủ tục", False),
    ("hành chính trong lĩnh vực", "- Trực tiếp;", True),
])
def test_starts_paragraph(para, line, new):
    assert webtext.starts_paragraph(para, line) is new


def test_seed_format_is_not_published():
    assert not webtext.looks_published("Số: 12/BC-UBND\n\nBÁO CÁO\n\nCông tác cải cách hành chính\n\n- Một;\n- Hai.")
    assert webtext.looks_published(HEADER)


def test_emphasis_inside_words():
    assert webtext.strip_emphasis("CH****Ủ TỊCH") == "CHỦ TỊCH"
    assert webtext.strip_emphasis("**I.**** DANH MỤC (12 TTHC)**") == "I. DANH MỤC (12 TTHC)"
