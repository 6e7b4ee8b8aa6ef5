"""tthc: metrics by service level, portal, BCCI, liên thông, totals; template lines are not totals."""
from __future__ import annotations

import pytest

from extract.extractors import Context, tthc
from tests.helpers import doc_from_text

HEAD = "Số: 12/BC-SKHCN\n\nBÁO CÁO\n\nKết quả thực hiện quý I năm 2023\n\n1. Kết quả\n\n"


def rows(body: str, head: str = HEAD):
    return tthc.extract(doc_from_text(head + body), Context())["tthc"]


def triples(body: str, head: str = HEAD):
    return {(r["metric"], r["value"], r["denominator"]) for r in rows(body, head) if r["kind"] == "actual"}


@pytest.mark.parametrize("body,expected", [
    ("- Đến nay, Bộ TTHC của Sở KH&CN gồm 49 thủ tục và đã được niêm yết công khai.", {("tthc_total", 49, None)}),
    ("Đưa toàn bộ nội dung lên Trang Thông tin điện tử của Sở gồm 49 TTHC.", {("tthc_total", 49, None)}),
    ("- 48/49 TTHC của Sở đã được cung cấp dịch vụ công trực tuyến mức độ 4, còn 01/49 TTHC (cung cấp dịch vụ công mức độ 2).",
     {("tthc_online_level4", 48, 49), ("tthc_online_level2", 1, 49)}),
    ("Hiện Sở có 03 TTHC trực tuyến mức độ 03 và 29 TTHC mức độ 4:",
     {("tthc_online_level3", 3, None), ("tthc_online_level4", 29, None)}),
    ("Sở cung cấp 12 dịch vụ công trực tuyến toàn trình và 20 dịch vụ công trực tuyến một phần.",
     {("tthc_online_full", 12, None), ("tthc_online_partial", 20, None)}),
    ("+ Số TTHC được thực hiện qua Công dịch vụ công tỉnh thuộc thẩm quyền giải quyết của đơn vị là: 49/49 TTHC (100%);",
     {("tthc_on_portal", 49, 49)}),
    ("* Số TTHC giải quyết theo cơ chế một cửa liên thông: 0 thủ tục.", {("tthc_interlinked", 0, None)}),
    ("- Tiếp nhận hồ sơ qua dịch vụ Bưu chính công ích (BCCI): 46 TTHC đã công bố triển khai dịch vụ BCCI.",
     {("tthc_postal", 46, None)}),
    ("- Tổng số TTHC/danh mục TTHC được công bố 0 TTHC; trong đó số TTHC được công khai 0 TTHC;",
     {("tthc_published", 0, None)}),
])
def test_text_metrics(body, expected):
    assert triples(body) == expected


@pytest.mark.parametrize("body", [
    "- Tổng số TTHC thuộc thẩm quyền quản lý, theo dõi của bộ, cơ quan ngang bộ tính đến thời điểm báo cáo: 0; trong đó số TTHC thuộc thẩm quyền giải quyết của bộ, cơ quan: 0.",
    "- Tổng số TTHC thuộc thẩm quyền giải quyết của địa phương: 0 TTHC; trong đó:",
    "+ Số TTHC do Trung ương quy định: 0 TTHC;",
    "- Tổng số Quyết định công bố TTHC đã được ban hành trong kỳ báo cáo: 0 Quyết định;",
    "Niêm yết công khai 100% số TTHC thuộc thẩm quyền giải quyết.",
    "Sở đã rà soát 10 TTHC thuộc thẩm quyền giải quyết của Sở.",
])
def test_not_a_metric(body):
    assert triples(body) == set()


def test_table_rows():
    body = ("STT\tChỉ tiêu thống kê\tĐơn vị tính\tSố lượng\n"
            "1\tSố TTHC được công bố mới\tThủ tục\t0\n"
            "2\tTổng số TTHC đang có hiệu lực:\tThủ tục\t46\n"
            "3\t- Số TTHC áp dụng tại cơ quan, đơn vị:\tThủ tục\t35\n"
            "4\tSố TTHC mức độ 3 và 4 đã tích hợp lên Trang Một cửa điện tử\tThủ tục\t32\n"
            "5\tSố TTHC cung cấp mức độ 3, 4 trên Cổng DVC\tThủ tục\t13\n"
            "6\tSố TTHC đã tích hợp dịch vụ thanh toán trực tuyến\tThủ tục\t0\n"
            "7\tSố lượng TTHC đã công bố triển khai dịch vụ (BCCI)\tThủ tục\t46\n"
            "8\tTổng số TTHC thực tế được tiếp nhận qua dịch vụ BCCI\tThủ tục\t0\n"
            "9\tSố TTHC liên thông cùng cấp\tThủ tục\t0\n"
            "10\tSố TTHC được tích hợp lên Cổng DVC\tThủ tục\t46\n")
    assert triples(body) == {("tthc_published", 0, None), ("tthc_total", 46, None), ("tthc_online_level34", 32, None),
                             ("tthc_online_level34", 13, None), ("tthc_online_payment", 0, None),
                             ("tthc_postal", 46, None), ("tthc_interlinked", 0, None), ("tthc_on_portal", 46, None)}


def test_plan_is_target():
    head = "Số: /KH-SKHCN\n\nKẾ HOẠCH\n\nCải cách hành chính năm 2023\n\nI. MỤC TIÊU\n\n"
    rs = rows("Cung cấp 40 TTHC trực tuyến mức độ 4.", head)
    assert rs and all(r["kind"] == "target" for r in rs)


# ---- held-out fixes: level lists, postal wording over "công bố", totals, citations, coordinated counts

@pytest.mark.parametrize("body,expected", [
    ("Trong đó 135/142 TTHC được cung cấp dịch vụ công trực tuyến mức độ 3, 4, cụ thể: 118 TTHC cung cấp dịch vụ công "
     "trực tuyến toàn trình và 17 TTHC cung cấp dịch vụ công trực tuyến một phần.",
     {("tthc_online_level34", 135, 142), ("tthc_online_full", 118, None), ("tthc_online_partial", 17, None)}),
    ("Sở có 40 TTHC mức độ 3 và 4.", {("tthc_online_level34", 40, None)}),
    ("Sở có 40 TTHC mức độ 3,4.", {("tthc_online_level34", 40, None)}),
    ("Sở có 40 TTHC mức độ 3 và mức độ 4.", {("tthc_online_level34", 40, None)}),
    # postal wording overrides "công bố"
    ("142/142 TTHC được công bố tiếp nhận hồ sơ, trả kết quả qua dịch vụ bưu chính công ích; 96 TTHC đã tích hợp "
     "thanh toán trực tuyến trên Cổng Dịch vụ công quốc gia.",
     {("tthc_postal", 142, 142), ("tthc_online_payment", 96, None)}),
    ("127/127 TTHC thực hiện tiếp nhận hồ sơ và trả kết quả qua dịch vụ bưu chính công ích; thực hiện liên thông 08 TTHC.",
     {("tthc_postal", 127, 127), ("tthc_interlinked", 8, None)}),
    # totals
    ("Sở đang thực hiện 127 TTHC thuộc thẩm quyền giải quyết, trong đó có 56 TTHC cung cấp dịch vụ công trực tuyến toàn trình.",
     {("tthc_total", 127, None), ("tthc_online_full", 56, None)}),
    # the "công bố" of a cited decision does not make the count "published"; the count after "và" is read
    ("Thực hiện Quyết định số 1185/QĐ-UBND ngày 14/6/2024 của Chủ tịch UBND tỉnh công bố danh mục thủ tục hành chính "
     "thuộc thẩm quyền giải quyết của UBND cấp huyện, cấp xã, UBND huyện đã niêm yết công khai 281 TTHC cấp huyện và "
     "119 TTHC cấp xã tại Bộ phận Một cửa các cấp.",
     {("tthc_total", 281, None), ("tthc_total", 119, None)}),
    # decisions counted in the sentence still publish
    ("Chủ tịch UBND tỉnh ban hành 05 Quyết định công bố 37 TTHC lĩnh vực tư pháp.", {("tthc_published", 37, None)}),
])
def test_held_out_wording(body, expected):
    assert triples(body) == expected


def test_levels_subjects_after_the_unit():
    rs = rows("UBND huyện đã niêm yết công khai 281 TTHC cấp huyện và 119 TTHC cấp xã.")
    assert {(r["value"], r["subject"]) for r in rs} == {(281, "cấp huyện"), (119, "cấp xã")}


def test_appendix_row_restating_the_text_is_one_fact():
    body = ("Sở đang thực hiện 186 thủ tục hành chính thuộc thẩm quyền giải quyết.\n\n"
            "STT\tChỉ tiêu\tĐơn vị tính\tSố lượng\n1\tTổng số TTHC thuộc thẩm quyền giải quyết của Sở\tThủ tục\t186\n")
    assert [(r["metric"], r["value"]) for r in rows(body)] == [("tthc_total", 186)]


# ---- second held-out set: remit totals, level splits, portal integration

@pytest.mark.parametrize("body,expected", [
    ("Tổng số thủ tục hành chính thuộc phạm vi chức năng quản lý của Bộ là 118 thủ tục.", {("tthc_total", 118, None)}),
    ("Bộ thủ tục hành chính áp dụng tại thành phố gồm 369 thủ tục, trong đó cấp huyện 263 thủ tục, cấp xã 106 thủ tục.",
     {("tthc_total", 369, None), ("tthc_total", 263, None), ("tthc_total", 106, None)}),
    ("Bộ TTHC của tỉnh gồm 1.947 thủ tục, trong đó cấp tỉnh 1.462, cấp huyện 278, cấp xã 207.",
     {("tthc_total", 1947, None), ("tthc_total", 1462, None), ("tthc_total", 278, None), ("tthc_total", 207, None)}),
    ("1.598 TTHC được tích hợp, cung cấp trên Cổng Dịch vụ công quốc gia.", {("tthc_on_portal", 1598, None)}),
    # still not totals: another body's remit, a list of TTHC applied at units, a split with nothing before it
    ("Tổng số TTHC thuộc thẩm quyền quản lý, theo dõi của bộ, cơ quan ngang bộ là 1.200 thủ tục.", set()),
    ("Số TTHC áp dụng tại cơ quan, đơn vị: 12 thủ tục.", set()),
    ("Trong đó cấp huyện 263 thủ tục.", set()),
    # a split after a semicolon does not inherit
    ("Bộ TTHC của tỉnh gồm 1.947 thủ tục; cấp huyện 278 thủ tục.", {("tthc_total", 1947, None)}),
    ("1.598 TTHC được tích hợp, sửa đổi quy trình nội bộ.", set()),
])
def test_second_held_out_wording(body, expected):
    assert triples(body) == expected


def test_level_split_takes_the_level_as_subject():
    rs = rows("Bộ thủ tục hành chính của tỉnh gồm 1.947 thủ tục, trong đó cấp tỉnh 1.462 thủ tục, cấp huyện 278 thủ tục.")
    assert {(r["value"], r["subject"]) for r in rs} == {(1947, None), (1462, "cấp tỉnh"), (278, "cấp huyện")}


# ---- third held-out set: the remit total of any issuing body, not only "của Sở"

@pytest.mark.parametrize("body,expected", [
    ("Tổng số TTHC thuộc thẩm quyền giải quyết của Ban là 86 TTHC, trong đó 61 TTHC cung cấp dịch vụ công trực tuyến "
     "toàn trình.", {("tthc_total", 86, None), ("tthc_online_full", 61, None)}),
    ("Tổng số TTHC thuộc thẩm quyền giải quyết của Sở là 112 thủ tục.", {("tthc_total", 112, None)}),
    ("Tổng số TTHC thuộc thẩm quyền giải quyết của UBND huyện là 281 TTHC.", {("tthc_total", 281, None)}),
    ("Tổng số TTHC của Ban Quản lý Khu kinh tế là 86 TTHC.", {("tthc_total", 86, None)}),
    ("Tổng số thủ tục hành chính của Chi cục: 24 thủ tục.", {("tthc_total", 24, None)}),
    ("Thủ tục hành chính thuộc phạm vi quản lý của Trung tâm có 35 thủ tục.", {("tthc_total", 35, None)}),
    # not the remit: what the body's TTHC are counted for, a review, another body's remit
    ("Tổng số TTHC của Ban được cung cấp trực tuyến là 61 TTHC.", set()),
    ("Ban đã rà soát 10 TTHC thuộc thẩm quyền giải quyết của Ban.", set()),
    ("Tổng số TTHC thuộc thẩm quyền quản lý, theo dõi của bộ, cơ quan ngang bộ là 1.200 thủ tục.", set()),
])
def test_remit_total_of_any_issuer(body, expected):
    assert triples(body) == expected


# ---- fourth held-out set: remit totals said with "thực hiện" / "Bộ TTHC ... áp dụng tại", footnote marks after the
# noun, parts in brackets that add up to the count, count columns of an annex by lĩnh vực

@pytest.mark.parametrize("body,expected", [
    ("Hiện nay, Sở đang thực hiện 64 TTHC, trong đó 41 TTHC cung cấp dịch vụ công trực tuyến toàn trình.",
     {("tthc_total", 64, None), ("tthc_online_full", 41, None)}),
    ("Tổng số TTHC thuộc thẩm quyền giải quyết của UBND quận là 287 thủ tục; cấp phường thực hiện 112 thủ tục.",
     {("tthc_total", 287, None), ("tthc_total", 112, None)}),
    ("Bộ TTHC của ngành BHXH áp dụng tại tỉnh gồm 26 TTHC theo Quyết định số 3222/QĐ-BHXH ngày 22/11/2023.",
     {("tthc_total", 26, None)}),
    ("Trong quý, Chủ tịch UBND tỉnh công bố mới 04 TTHC² và bãi bỏ 02 TTHC lĩnh vực đường bộ.",
     {("tthc_published", 4, None), ("tthc_abolished", 2, None)}),
    ("Tổng số TTHC thuộc thẩm quyền giải quyết của Sở là 128 thủ tục (lĩnh vực đường bộ 97 thủ tục, đường thuỷ nội địa "
     "14 thủ tục, đăng kiểm 9 thủ tục, các lĩnh vực khác 8 thủ tục); trong đó 76 TTHC cung cấp trực tuyến toàn trình.",
     {("tthc_total", 128, None), ("tthc_total", 97, None), ("tthc_total", 14, None), ("tthc_total", 9, None),
      ("tthc_total", 8, None), ("tthc_online_full", 76, None)}),
    # still not counts: a verb that is not the remit, a subset applied at units, parts that do not add up,
    # a bracket that qualifies the count
    ("Sở đã thực hiện rà soát 10 TTHC.", set()),
    ("Số TTHC áp dụng tại cơ quan, đơn vị: 12 thủ tục.", set()),
    ("Tổng số TTHC thuộc thẩm quyền giải quyết của Sở là 128 thủ tục (lĩnh vực đường bộ 97 thủ tục, đăng kiểm 9 thủ tục).",
     {("tthc_total", 128, None)}),
    ("Tổng số TTHC của Sở là 128 thủ tục (tăng 4 thủ tục so với năm 2023).", {("tthc_total", 128, None)}),
])
def test_fourth_held_out_wording(body, expected):
    assert triples(body) == expected


def test_parts_in_brackets_name_their_field():
    rs = rows("Tổng số TTHC của Sở là 20 thủ tục (lĩnh vực đường bộ 12 thủ tục, đăng kiểm 8 thủ tục).")
    assert {(r["value"], r["subject"], r["rule"]) for r in rs} == {
        (20, None, "tthc.field.total"), (12, "lĩnh vực đường bộ", "tthc.breakdown"), (8, "đăng kiểm", "tthc.breakdown")}


def test_count_columns_of_an_annex_by_field():
    body = ("STT\tLĩnh vực\tSố TTHC tiếp nhận, trả kết quả qua BCCI\tTrong đó: số TTHC trực tuyến toàn trình\n"
            "1\tĐường bộ\t96\t71\n"
            "2\tĐăng kiểm\t6\t3\n"
            "\tTổng cộng\t102\t74\n")
    assert triples(body) == {("tthc_postal", 96, None), ("tthc_online_full", 71, None), ("tthc_postal", 6, None),
                             ("tthc_online_full", 3, None), ("tthc_postal", 102, None), ("tthc_online_full", 74, None)}
    assert {r["subject"] for r in rows(body)} == {"Đường bộ", "Đăng kiểm", "Tổng cộng"}


def test_columns_that_count_no_tthc_are_not_read():
    body = ("STT\tLĩnh vực\tSố hồ sơ tiếp nhận\tSố hồ sơ giải quyết\n"
            "1\tĐường bộ\t96\t71\n")
    assert triples(body) == set()


# ---- fifth held-out set: levels 3 and 4 counted apart in one clause, the total of TTHC handled "tại" a body

@pytest.mark.parametrize("body,expected", [
    ("Ban đang thực hiện 04 TTHC; trong đó 02 TTHC cung cấp dịch vụ công trực tuyến mức độ 3, 02 TTHC mức độ 4.",
     {("tthc_total", 4, None), ("tthc_online_level3", 2, None), ("tthc_online_level4", 2, None)}),
    ("Sở có 05 TTHC mức độ 3, 04 TTHC mức độ 4.", {("tthc_online_level3", 5, None), ("tthc_online_level4", 4, None)}),
    # the paired level is still one count
    ("Sở có 09 TTHC mức độ 3, 4.", {("tthc_online_level34", 9, None)}),
    ("Tổng số TTHC thực hiện tại Trung tâm là 1.614 TTHC của 19 sở, ngành; trong đó 1.187 TTHC được cung cấp DVC "
     "trực tuyến toàn trình.", {("tthc_total", 1614, None), ("tthc_online_full", 1187, None)}),
    # a subset handled at the body is no total
    ("Tổng số TTHC thực hiện tại Trung tâm theo cơ chế một cửa liên thông là 64 TTHC.", {("tthc_interlinked", 64, None)}),
])
def test_fifth_held_out_wording(body, expected):
    assert triples(body) == expected
