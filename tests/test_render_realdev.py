"""scripts/render_realdev.py: how the published texts are parsed before they are laid out again.

The renderings in tests/realdev/rendered/ are committed; these tests pin the parsing rules they
were built with (hard wraps re-flowed, markers turned into runs, "|" cells into header, signature
and table rows) so that a re-rendering does not silently change the inputs of the realdev floors.
"""
from __future__ import annotations

import importlib
import sys
from pathlib import Path

import pytest

from tests.helpers import SHARED

SCRIPT = Path(__file__).resolve().parents[1] / "scripts" / "render_realdev.py"


@pytest.fixture(scope="module")
def rr():
    if str(SCRIPT.parent) not in sys.path:
        sys.path.insert(0, str(SCRIPT.parent))  # it imports build_corpus beside it
    return importlib.import_module("render_realdev")


def parse_text(rr, text: str, tmp_path: Path):
    p = tmp_path / "x.txt"
    p.write_text("# source: test\n" + text, encoding="utf-8")
    return rr.parse(p)


@pytest.mark.parametrize("lines, paras", [
    # a wrapped sentence is one paragraph; a new 'Căn cứ' after ';' starts one
    (["*Căn cứ Luật Tổ chức chính", "quyền địa phương;*", "*Căn cứ Nghị định số", "63/2010/NĐ-CP;*"],
     ["Căn cứ Luật Tổ chức chính quyền địa phương;", "Căn cứ Nghị định số 63/2010/NĐ-CP;"]),
    # a symbol cut after its hyphen is joined without a space
    (["- Thông tư số 10/2025/TT-", "BKHCN ngày 27/6/2025."], ["- Thông tư số 10/2025/TT-BKHCN ngày 27/6/2025."]),
    # a bold heading wrapped inside its span, then the items under it
    (["**Điều 3.", "Trách nhiệm thực hiện**", "1. Sở Nông nghiệp", "và Môi trường"],
     ["Điều 3. Trách nhiệm thực hiện", "1. Sở Nông nghiệp và Môi trường"]),
    # a stray opening marker does not glue the next paragraph on
    (["*Theo đề nghị của", "**Giám đốc Sở tại Tờ trình số 955/TTr-SNNMT.*", "**QUYẾT ĐỊNH:**"],
     ["Theo đề nghị của Giám đốc Sở tại Tờ trình số 955/TTr-SNNMT.", "QUYẾT ĐỊNH:"]),
    # ';' then an upper-case word goes on (a list of addressees), a sentence end does not
    (["Chánh Văn phòng;", "Giám đốc Sở Tư pháp chịu trách nhiệm.", "Bãi bỏ Quyết định số 1/QĐ-UBND."],
     ["Chánh Văn phòng; Giám đốc Sở Tư pháp chịu trách nhiệm.", "Bãi bỏ Quyết định số 1/QĐ-UBND."]),
    # empty bold lines and rules are dropped; '*** X**' is a literal asterisk and a bold heading
    (["** **", "-------", "*** CÁCH THỨC THỰC HIỆN**"], ["* CÁCH THỨC THỰC HIỆN"]),
])
def test_reflow(rr, lines, paras):
    lines = [rr.literal_stars(l) for l in lines]
    assert [rr.plain(p) for p in rr.reflow(lines)] == paras


def test_runs_turn_markers_inside_words_into_formatting(rr):
    assert rr.runs("**KT. CH****Ủ TỊCH **") == [("KT. CHỦ TỊCH", True, False)]
    assert rr.runs("Danh mục *(cấp tỉnh) *được") == [("Danh mục ", False, False), ("(cấp tỉnh) ", False, True),
                                                      ("được", False, False)]


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
Số:
2020/QĐ-UBND
|
*Lào Cai, ngày
20 tháng 11 năm 2025*
|
** **
**QUYẾT ĐỊNH**
VỀ VIỆC CÔNG BỐ DANH MỤC THỦ TỤC HÀNH CHÍNH
TỈNH LÀO CAI
**CHỦ TỊCH UỶ BAN NHÂN DÂN
TỈNH LÀO CAI**
*Căn cứ Luật Tổ chức chính quyền địa phương;*
**Điều 1. **Công bố 03 thủ tục./.
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
**Tên**
|
**Ghi chú**
|
|
1
|
Thủ tục A
|
|
|
**B. Cấp xã**
|
|
2
|
Thủ tục B
|
Không
|
Ghi chú cuối
"""


def test_header_title_signature_and_table(rr, tmp_path):
    doc = parse_text(rr, HEADER, tmp_path)
    assert doc.header.left == [("ỦY BAN NHÂN DÂN", True), ("TỈNH LÀO CAI", True)]
    assert doc.header.motto == ["CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM", "Độc lập - Tự do - Hạnh phúc"]
    assert (doc.header.number, doc.header.place_date) == ("Số: 2020/QĐ-UBND", "Lào Cai, ngày 20 tháng 11 năm 2025")
    assert (doc.doc_type, doc.title) == ("QUYẾT ĐỊNH", "VỀ VIỆC CÔNG BỐ DANH MỤC THỦ TỤC HÀNH CHÍNH TỈNH LÀO CAI")
    assert doc.authority == "CHỦ TỊCH UỶ BAN NHÂN DÂN TỈNH LÀO CAI"
    kinds = [type(x).__name__ for x in doc.flow]
    assert kinds == ["Para", "Para", "Signature", "Para", "Grid", "Para"]
    sig = doc.flow[2]
    assert [rr.plain(x) for x in sig.left] == ["Nơi nhận:", "- Như Điều 3;", "- Lưu: VT."]
    assert sig.right == ["KT. CHỦ TỊCH", "PHÓ CHỦ TỊCH", "Ngô Hạnh Phúc"]
    grid = doc.flow[4]
    rows = [[rr.plain(" ".join(c)) for c in r] for r in grid.rows]
    # a row ending in an empty cell, a merged row, and the text after the table is body text again
    assert rows == [["STT", "Tên", "Ghi chú"], ["1", "Thủ tục A", ""], ["B. Cấp xã"], ["2", "Thủ tục B", "Không"]]
    assert rr.plain(doc.flow[5].text) == "Ghi chú cuối"


def test_a_news_article_is_a_title_and_paragraphs(rr, tmp_path):
    doc = parse_text(rr, "Tiêu đề bài báo\n\nCâu thứ nhất.\nCâu thứ hai.\n", tmp_path)
    assert doc.header is None and doc.news_title == "Tiêu đề bài báo"
    assert [rr.plain(p.text) for p in doc.flow] == ["Câu thứ nhất.", "Câu thứ hai."]


@pytest.mark.skipif(not (SHARED / "realdev" / "docs").is_dir(), reason="needs ../shared/realdev")
def test_every_published_text_parses(rr):
    for path in sorted((SHARED / "realdev" / "docs").glob("*.txt")):
        doc = rr.parse(path)
        text = path.read_text(encoding="utf-8")
        if doc.header:
            assert doc.header.number.startswith("Số:") and "năm 20" in doc.header.place_date, path.name
            assert doc.doc_type and doc.title, path.name
            assert sum(type(x).__name__ == "Signature" for x in doc.flow) == 1, path.name
        else:
            assert "\n|\n" not in text and doc.news_title, path.name
