"""indicators: one row per numeric cell of the statistical tables (extract/extractors/tables.py)."""
from __future__ import annotations

import pytest

from extract.extractors import Context
from extract.extractors.tables import classify_cell, classify_header, clean_label, extract
from extract.normalize import fold_for_matching
from extract.rules import load_rules
from tests.helpers import doc_from_text

T = "\t"


def tsv(*rows: str) -> str:
    """Rows written with " | " between cells -> the seed format's tab-separated lines."""
    return "\n".join(r.replace(" | ", T).replace("| ", T).replace(" |", T) for r in rows)


def run(text: str) -> list[dict]:
    doc = doc_from_text(text)
    rows = extract(doc, Context())["indicators"]
    for r in rows:  # evidence always points into the document text
        assert doc.text[r["char_start"]:r["char_end"]] == r["quote"], r
    return rows


def pairs(rows: list[dict]) -> list[tuple]:
    return [(r["label"], r["column"], r["value"]) for r in rows]


HEADER_2 = ("STT | Chỉ tiêu thống kê | Kết quả thống kê | ",
            " |  | Đơn vị tính | Số lượng/tỷ lệ")
HEADER_3 = HEADER_2 + (" |  |  | Sở Khoa học và Công nghệ",)

SINGLE = "Phụ lục 1\n\n" + tsv(
    *HEADER_2,
    "1 | Số nhiệm vụ đề ra trong kế hoạch | Nhiệm vụ | 16",
    "2 | Tổng số văn bản đi | Văn bản | 2.265",
    " | - Tỷ lệ văn bản gửi dưới dạng điện tử | % | 97%",
    " | Điểm tự đánh giá | Điểm | 87,3",
    " | Số lượng ý kiến đã tiếp nhận | Ý kiến | ",
)

AGENCIES = "Phụ lục 2\n\n" + tsv(
    "STT | Tên đơn vị | Số hồ sơ tiếp nhận | Số hồ sơ đã giải quyết | Tỷ lệ đúng hạn (%)",
    "1 | Văn phòng Sở | 12 | 10 | 100",
    "2 | Chi cục Tiêu chuẩn Đo lường Chất lượng | 1.250 | 1.200 | 98,5",
    " | Tổng cộng | 1.262 | 1.210 | ",
)

CODED = tsv(
    *HEADER_3,
    "I | Công tác chỉ đạo điều hành CCHC |  | ",
    "1 | Kế hoạch rà soát TTHC | Có = 1 Không = 0 | Kế hoạch số 04/KH-SKHCN, ngày 22/01/2021",
    " | Hình thức khảo sát | Trực tuyến = 0 Phát phiếu = 1 Kết hợp = 2 | 1",
    " | Việc chấp hành kỷ luật, kỷ cương | Tốt = 1 Có vi phạm = 0 | 1",
    " | Sở ngành thực hiện đánh giá nội bộ | Có = 1 Không = 0 | 0",
)

SECTIONS = tsv(
    *HEADER_3,
    "I | Công tác chỉ đạo điều hành CCHC |  | ",
    "1 | Kế hoạch CCHC |  | Kế hoạch số 01/KH-SKHCN, ngày 07/01/2021",
    " | Số nhiệm vụ đề ra trong kế hoạch | Nhiệm vụ | 16",
    "5 | Khảo sát sự hài lòng của người dân, tổ chức |  | 0",
    " | Số lượng phiếu khảo sát | Số lượng | 55",
    "II | Cải cách thể chế |  | ",
    "1 | Số VBQPPL đã tham mưu ban hành | Văn bản | 2",
    " | Số VBQPPL ban hành đúng tiến độ | Văn bản | 2",
)

# two page chunks: the header rows repeat on the second page, and the last row of
# the first page was split ("(<i>lũy</i>" ... "<i>kế đến thời điểm báo cáo)</i>")
MULTIPAGE = tsv(
    *HEADER_3,
    "VI | Cải cách tài chính công |  | ",
    "1 | Số đơn vị SNCL thực hiện cơ chế tự chủ | Cơ quan, đơn vị | 2",
    " | Số đơn vị SNCL tự chủ 100% chi thường xuyên (<i>lũy</i> | Cơ quan, đơn vị | 0",
) + "\n\n" + tsv(
    *HEADER_3,
    " | <i>kế đến thời điểm báo cáo)</i> |  | ",
    " | Số đơn vị SNCL tự chủ một phần chi thường xuyên | Cơ quan, đơn vị | 1",
    "VII | Xây dựng Chính phủ điện tử |  | ",
    " | Tổng số văn bản đi | Văn bản | 2265",
)

CONTACTS = tsv(
    "STT | Nội dung | Họ tên | Chức vụ | Email/điện thoại",
    "1 | Lãnh đạo phụ trách CCHC | Nguyễn Văn A | Giám đốc Sở | 0918 555 104 a@soctrang.gov.vn",
    "2 | Công chức tham mưu CCHC | Trần Thị B | Chuyên viên | 0918074084",
)

PLAN = tsv(
    "TT | Mục tiêu | Nhiệm vụ | Kết quả/ Sản phẩm | Đơn vị chủ trì | Thời gian hoàn thành | Kinh phí thực hiện (nếu có)",
    "I | CẢI CÁCH THỂ CHẾ |  |  |  |  | ",
    "1 | Rà soát văn bản QPPL | Rà soát | Văn bản Báo cáo | Văn phòng Sở | Quý I | ",
    "2 | Hoàn thành 100% chế độ báo cáo | Báo cáo | Báo cáo | Văn phòng Sở | Trước ngày 30/11 | ",
)

TARGETS = tsv(
    "STT | Chỉ tiêu | Đơn vị tính | Kế hoạch năm 2023 | Thực hiện năm 2023",
    "1 | Tỷ lệ hồ sơ giải quyết đúng hạn | % | 100 | 98,5",
    "2 | Số TTHC cung cấp trực tuyến toàn trình | Thủ tục | 30 | 32",
)


@pytest.mark.parametrize("text,expected", [
    pytest.param(SINGLE, [
        ("Số nhiệm vụ đề ra trong kế hoạch", None, 16.0),
        ("Tổng số văn bản đi", None, 2265.0),
        ("Tỷ lệ văn bản gửi dưới dạng điện tử", None, 97.0),
        ("Điểm tự đánh giá", None, 87.3),
    ], id="single value column, thousands dot, percent, decimal comma, empty cell"),
    pytest.param(AGENCIES, [
        ("Văn phòng Sở", "Số hồ sơ tiếp nhận", 12.0),
        ("Văn phòng Sở", "Số hồ sơ đã giải quyết", 10.0),
        ("Văn phòng Sở", "Tỷ lệ đúng hạn (%)", 100.0),
        ("Chi cục Tiêu chuẩn Đo lường Chất lượng", "Số hồ sơ tiếp nhận", 1250.0),
        ("Chi cục Tiêu chuẩn Đo lường Chất lượng", "Số hồ sơ đã giải quyết", 1200.0),
        ("Chi cục Tiêu chuẩn Đo lường Chất lượng", "Tỷ lệ đúng hạn (%)", 98.5),
        ("Tổng cộng", "Số hồ sơ tiếp nhận", 1262.0),
        ("Tổng cộng", "Số hồ sơ đã giải quyết", 1210.0),
    ], id="agencies by counts: one row per (row, value column)"),
    pytest.param(CODED, [
        ("Hình thức khảo sát", None, 1.0),
        ("Việc chấp hành kỷ luật, kỷ cương", None, 1.0),
        ("Sở ngành thực hiện đánh giá nội bộ", None, 0.0),
    ], id="coded units; a plan reference in the value column is not a number"),
    pytest.param(MULTIPAGE, [
        ("Số đơn vị SNCL thực hiện cơ chế tự chủ", None, 2.0),
        ("Số đơn vị SNCL tự chủ 100% chi thường xuyên (lũy kế đến thời điểm báo cáo)", None, 0.0),
        ("Số đơn vị SNCL tự chủ một phần chi thường xuyên", None, 1.0),
        ("Tổng số văn bản đi", None, 2265.0),
    ], id="multi-page table: repeated header dropped, split row joined"),
    pytest.param(CONTACTS, [], id="contact table: phone numbers are not values"),
    pytest.param(PLAN, [], id="plan table with text cells only"),
])
def test_rows(text, expected):
    assert pairs(run(text)) == expected


def test_single_table_fields():
    rows = run(SINGLE)
    first, pct = rows[0], rows[2]
    assert (first["item_no"], first["unit"], first["value_raw"], first["rule"], first["kind"]) == \
        ("1", "Nhiệm vụ", "16", "tables.header.value_result", "actual")
    assert (pct["item_no"], pct["unit"], pct["value_raw"]) == ("-", "%", "97%")
    assert first["quote"] == "16" and first["table_index"] == 0


def test_coded_unit_kept():
    rows = run(CODED)
    assert rows[0]["unit"] == "Trực tuyến = 0 Phát phiếu = 1 Kết hợp = 2"
    assert {r["rule"] for r in rows} == {"tables.unit.coded"}


def test_section_context():
    rows = {r["label"]: r for r in run(SECTIONS)}
    assert rows["Số nhiệm vụ đề ra trong kế hoạch"]["section"] == \
        "I. Công tác chỉ đạo điều hành CCHC > 1. Kế hoạch CCHC"
    # a numbered group row that has a value is an indicator itself, under its part
    grp = rows["Khảo sát sự hài lòng của người dân, tổ chức"]
    assert (grp["item_no"], grp["value"], grp["section"]) == ("5", 0.0, "I. Công tác chỉ đạo điều hành CCHC")
    assert rows["Số lượng phiếu khảo sát"]["section"] == \
        "I. Công tác chỉ đạo điều hành CCHC > 5. Khảo sát sự hài lòng của người dân, tổ chức"
    assert rows["Số VBQPPL ban hành đúng tiến độ"]["section"] == \
        "II. Cải cách thể chế > 1. Số VBQPPL đã tham mưu ban hành"
    assert "Công tác chỉ đạo điều hành CCHC" not in {r for r in rows}  # section rows are not data


def test_multipage_is_one_table_without_header_rows():
    doc = doc_from_text(MULTIPAGE)
    assert len(doc.tables) == 1
    rows = run(MULTIPAGE)
    assert {r["table_index"] for r in rows} == {0}
    assert not any("Kết quả" in (r["label"] or "") or "Số lượng" in (r["label"] or "") for r in rows)
    assert rows[-1]["section"] == "VII. Xây dựng Chính phủ điện tử"


def test_target_column_kind():
    rows = run(TARGETS)
    kinds = {(r["label"][:10], r["column"]): (r["kind"], r["value"]) for r in rows}
    assert kinds[("Tỷ lệ hồ s", "Kế hoạch năm 2023")] == ("target", 100.0)
    assert kinds[("Tỷ lệ hồ s", "Thực hiện năm 2023")] == ("actual", 98.5)
    assert len(rows) == 4


@pytest.mark.parametrize("raw,value", [
    ("16", 16.0), ("0", 0.0), ("2.265", 2265.0), ("2265", 2265.0), ("87,3", 87.3), ("97%", 97.0),
    ("100 %", 100.0), ("1.234,5", 1234.5), ("15 tin bài", 15.0), ("97%¹", 97.0),
    ("0918 555 104", None), ("0918555104", None), ("07/01/2021", None), ("04/KH-SKHCN", None),
    ("Kế hoạch số 04/KH-SKHCN, ngày 22/01/2021", None), ("a@b.gov.vn", None), ("48/49", None),
    ("Có", None), ("", None), ("-", None), ("15 ngày", None), ("Quý I", None),
    # phone numbers have their real shape; a plain number starting with 84 is a number
    ("+84 918 555 104", None), ("+84918555104", None), ("(+84) 255 3822 123", None),
    ("845", 845.0), ("8456", 8456.0), ("84", 84.0), ("84,5", 84.5), ("84.123", 84123.0),
])
def test_classify_cell(raw, value):
    cv = classify_cell(raw)
    assert (cv.value if cv else None) == value


@pytest.mark.parametrize("parts,role", [
    (["STT"], "item_no"), (["TT"], "item_no"),
    (["Chỉ tiêu thống kê"], "label"), (["Nội dung"], "label"), (["Tên chỉ tiêu"], "label"),
    (["Tên đơn vị"], "label"),
    (["Kết quả thống kê", "Đơn vị tính"], "unit"), (["ĐVT"], "unit"),
    (["Số lượng/Tỷ lệ"], "value"), (["Kết quả thống kê", "Số lượng/Tỷ lệ", "Sở Khoa học và Công nghệ"], "value"),
    (["Năm 2023"], "value"), (["2022"], "value"), (["Tỷ lệ (%)"], "value"),
    (["Ghi chú"], "note"),
    (["Kết quả/ Sản phẩm"], "ignore"), (["Đơn vị chủ trì"], "ignore"), (["Email/điện thoại"], "ignore"),
    (["Cột lạ"], None),
])
def test_classify_header(parts, role):
    assert classify_header(parts)[0] == role


@pytest.mark.parametrize("raw,label,bullet", [
    ("- Cơ quan cấp tỉnh", "Cơ quan cấp tỉnh", "-"),
    ("+ Đơn vị cấp xã", "Đơn vị cấp xã", "+"),
    ("Tỷ lệ (<i>Sử dụng chữ ký số</i>).", "Tỷ lệ (Sử dụng chữ ký số).", None),
    ("Số TTHC  đang\n có hiệu lực²:", "Số TTHC đang có hiệu lực:", None),
    ("", None, None),
])
def test_clean_label(raw, label, bullet):
    assert clean_label(raw) == (label, bullet)


def test_every_tables_rule_has_examples():
    for rule in load_rules("tables"):
        assert rule.match and rule.no_match, rule.id
        for ex in rule.match:
            assert rule.regex.search(fold_for_matching(ex)), (rule.id, ex)
        for ex in rule.no_match:
            assert not rule.regex.search(fold_for_matching(ex)), (rule.id, ex)


# A DOCX-style table: a header cell spanning columns is ONE cell at its first column
# (the covered grid positions have no cell); a label spanning STT + label likewise.
SPANNED = tsv(
    "STT | Đơn vị | Số hồ sơ tiếp nhận |  | Số hồ sơ đã giải quyết | ",
    " |  | Tổng số | Trực tuyến | Đúng hạn | Quá hạn",
    "1 | Văn phòng Sở | 20 | 15 | 19 | 1",
    "Tổng cộng |  | 20 | 15 | 19 | 1",
)


def _drop_cells(doc, cells):
    """Remove the cells at (row, col) from the first table, as a reader does for spanned positions."""
    t = doc.tables[0]
    for r, c in cells:
        t.rows[r] = [b for b in t.rows[r] if b.col != c]
    return doc


def test_spanned_header_cells_name_the_columns_they_cover():
    doc = _drop_cells(doc_from_text(SPANNED), [(0, 3), (0, 5), (1, 0), (1, 1), (3, 1)])
    assert doc.tables[0].header_rows == 2
    rows = extract(doc, Context())["indicators"]
    got = [(r["label"], r["column"], r["value"], r["item_no"]) for r in rows]
    assert got[:4] == [
        ("Văn phòng Sở", "Số hồ sơ tiếp nhận / Tổng số", 20.0, "1"),
        ("Văn phòng Sở", "Số hồ sơ tiếp nhận / Trực tuyến", 15.0, "1"),
        ("Văn phòng Sở", "Số hồ sơ đã giải quyết / Đúng hạn", 19.0, "1"),
        ("Văn phòng Sở", "Số hồ sơ đã giải quyết / Quá hạn", 1.0, "1"),
    ]
    # the total row's label sits in the STT column; it is not a child of item 1
    assert got[4][:3] == ("Tổng cộng", "Số hồ sơ tiếp nhận / Tổng số", 20.0) and got[4][3] is None
    assert rows[4]["section"] == doc.tables[0].section
    assert len(rows) == 8


def test_total_row_closes_items_above():
    rows = run(AGENCIES)
    assert rows[-1]["label"] == "Tổng cộng" and rows[-1]["section"] == "Phụ lục 2"


def test_column_without_known_header_is_read_by_content():
    text = tsv(
        "STT | Chỉ tiêu | Cột A | Cột B",
        "1 | Số hồ sơ tiếp nhận | 29 | Đạt",
        "2 | Số hồ sơ trả kết quả | 28 | Đạt",
    )
    rows = run(text)
    assert pairs(rows) == [("Số hồ sơ tiếp nhận", None, 29.0), ("Số hồ sơ trả kết quả", None, 28.0)]
    assert rows[0]["rule"] == "tables.cell.number"


def test_document_list_table_yields_nothing():
    text = tsv(
        "STT | Số, ký hiệu văn bản | Ngày ban hành | Năm ban hành | Trích yếu",
        "1 | 38/KH-UBND | 10/3/2021 | 2021 | Kế hoạch CCHC năm 2021",
        "2 | 1120/QĐ-UBND | 12/5/2021 | 2021 | Quyết định công bố TTHC",
    )
    assert run(text) == []


def test_header_row_the_reader_missed():
    # a PDF reader may count one header row; "Đơn vị tính | Số lượng/Tỷ lệ" is the second
    doc = doc_from_text(SINGLE)
    t = doc.tables[0]
    t.header_rows = 1
    t.rows[1] = [b for b in t.rows[1] if b.col >= 2]  # the merged STT/label cells leave no cell
    rows = extract(doc, Context())["indicators"]
    assert pairs(rows)[:2] == [("Số nhiệm vụ đề ra trong kế hoạch", None, 16.0), ("Tổng số văn bản đi", None, 2265.0)]
    assert rows[0]["unit"] == "Nhiệm vụ" and len(rows) == 4


def test_fragment_rows_are_not_sections():
    text = tsv(
        *HEADER_3,
        "3 | Tuyên truyền CCHC |  | ",
        " | Số tin, bài gửi đăng tại Chuyên trang CCHC tỉnh | Tin, bài | ",
        " | (https://cchc.soctrang.gov.vn/) |  | ",
        " | Số tin, bài đã đăng | Tin, bài | 15",
    )
    rows = run(text)
    assert pairs(rows) == [("Số tin, bài đã đăng", None, 15.0)]
    assert rows[0]["section"] == "3. Tuyên truyền CCHC"


def test_figures_of_a_plan_table_are_targets():
    text = tsv(
        "TT | Nhiệm vụ | Kết quả/ Sản phẩm | Đơn vị chủ trì | Thời gian hoàn thành | Kinh phí thực hiện (triệu đồng)",
        "1 | Tuyên truyền CCHC | Tin, bài | Văn phòng Sở | Quý I | 50",
        "2 | Khảo sát sự hài lòng | Báo cáo | Văn phòng Sở | Quý III | 1.200",
    )
    rows = run(text)
    assert [(r["label"], r["value"], r["kind"]) for r in rows] == [
        ("Tuyên truyền CCHC", 50.0, "target"), ("Khảo sát sự hài lòng", 1200.0, "target")]


YEARS = tsv(
    "STT | Chỉ tiêu | ĐVT | Năm 2022 | Năm 2023 | So sánh (%)",
    "1 | Số hồ sơ tiếp nhận | Hồ sơ | 1.020 | 1.150 | 112,7",
    "2 | Số hồ sơ giải quyết đúng hạn | Hồ sơ | 1.018 | 1.150 | 113",
)


def test_year_columns():
    rows = run(YEARS)
    assert [(r["column"], r["value"], r["unit"]) for r in rows[:3]] == [
        ("Năm 2022", 1020.0, "Hồ sơ"), ("Năm 2023", 1150.0, "Hồ sơ"), ("So sánh (%)", 112.7, "Hồ sơ")]
    assert len(rows) == 6 and {r["kind"] for r in rows} == {"actual"}
