"""par: total with rank and rank change, components mapped to codes, component ranks, sub-criteria left out."""
from __future__ import annotations

import pytest

from extract.extractors import Context, par
from tests.helpers import doc_from_text

HEAD = "Số: 55/TB-SKHCN\n\nTHÔNG BÁO\n\nVề kết quả xếp hạng chỉ số CCHC năm 2022\n\n1. Về kết quả chỉ số CCHC năm 2022:\n\n"


def rows(body: str, head: str = HEAD):
    return {r["component"]: r for r in par.extract(doc_from_text(head + body), Context())["par_scores"]}


def test_total_rank_change():
    r = rows("Theo Quyết định công bố Chỉ số CCHC năm 2022, Sở xếp vị trí thứ 4 (87,303 điểm), tăng 06 bậc so với năm 2021.")
    t = r["total"]
    assert (t["score"], t["max_score"], t["rank"], t["rank_change"], t["eval_year"]) == (87.303, 100.0, 4, 6, 2022)


def test_rank_drop():
    r = rows("Chỉ số CCHC năm 2022 của Sở đạt 80,5 điểm, xếp thứ 20/21, giảm 31 bậc.")
    assert (r["total"]["score"], r["total"]["rank"], r["total"]["rank_of"], r["total"]["rank_change"]) == (80.5, 20, 21, -31)


@pytest.mark.parametrize("line,code,score,mx", [
    ("- i) Công tác chỉ đạo điều hành CCHC (11,911/13,5);", "chi_dao_dieu_hanh", 11.911, 13.5),
    ("- ii) Cải cách thể chế (4,5/6,5);", "the_che", 4.5, 6.5),
    ("- iii) Cải cách thủ tục hành chính (4,5/5);", "tthc", 4.5, 5.0),
    ("- iv) Cải cách tổ chức bộ máy hành chính nhà nước (5/6,5);", "to_chuc_bo_may", 5.0, 6.5),
    ("- v) Cải cách chế độ công vụ (8/8);", "cong_vu", 8.0, 8.0),
    ("- vi) Cải cách tài chính công (7/8,5);", "tai_chinh_cong", 7.0, 8.5),
    ("- vii) Xây dựng chính quyền điện tử, chính quyền số (6,47/10);", "chinh_quyen_so", 6.47, 10.0),
    ("- viii) Thực hiện cơ chế một cửa, một cửa liên thông (5,15/7);", "mot_cua", 5.15, 7.0),
    ("- ix) Điều tra xã hội học (34,772/35).", "dieu_tra_xhh", 34.772, 35.0),
])
def test_components(line, code, score, mx):
    r = rows(line)
    assert (r[code]["score"], r[code]["max_score"]) == (score, mx)
    assert "total" not in r


def test_component_rank_merges_into_one_row():
    r = rows("- vii) Xây dựng chính quyền điện tử, chính quyền số (6,47/10);\n\n"
             "- Xây dựng và phát triển chính quyền điện tử, chính quyền số: Đạt 6,47/10 điểm, xếp thứ 14/21 khối cơ quan cấp tỉnh.")
    c = r["chinh_quyen_so"]
    assert (c["score"], c["rank"], c["rank_of"]) == (6.47, 14, 21) and "total" not in r


@pytest.mark.parametrize("line", [
    "- Thực hiện mệnh lệnh hành chính cấp trên chỉ có 34/40 nhiệm vụ đúng hạn (1,7/2 điểm);",
    "- Công tác rà soát văn bản quy phạm pharm luật: Chưa có báo cáo năm 2022, không có phiếu rà soát (0/1 điểm);",
    "Chỉ số SIPAS năm 2022 của tỉnh xếp thứ 10/63.",
])
def test_not_components(line):
    assert rows(line) == {}


def test_no_par_context_no_rows():
    assert rows("Sở xếp thứ 4 trong phong trào thi đua (90 điểm).", head="Số: 1/BC-X\n\nBÁO CÁO\n\nThi đua\n\n") == {}


# ---- held-out fixes: other ways of stating the maximum, long labels, earlier-year totals, component rank changes, subject

@pytest.mark.parametrize("line,code,score,mx,label_start", [
    ("- Lĩnh vực Xây dựng và tổ chức thực hiện thể chế đạt 8,03 điểm (tối đa 10 điểm).", "the_che", 8.03, 10.0, "Lĩnh vực"),
    ("- Chỉ số thành phần Cải cách tài chính công đạt 7,26 điểm trên tổng số 9 điểm.", "tai_chinh_cong", 7.26, 9.0, "Chỉ số thành phần"),
    ("- Tiêu chí Cải cách chế độ công vụ: 9,87/12 điểm.", "cong_vu", 9.87, 12.0, "Tiêu chí"),
    ("- Tác động của cải cách hành chính đến người dân, tổ chức và phát triển kinh tế - xã hội của tỉnh đạt 28,57/31 điểm.",
     "tac_dong", 28.57, 31.0, "Tác động"),
])
def test_component_wordings(line, code, score, mx, label_start):
    r = rows(line)
    assert (r[code]["score"], r[code]["max_score"]) == (score, mx)
    assert r[code]["label"].startswith(label_start)


def test_earlier_year_total_in_brackets():
    out = par.extract(doc_from_text(HEAD + "Chỉ số cải cách hành chính (PAR INDEX) năm 2023 của tỉnh Long An đạt 85,67/100 điểm, "
                                    "xếp thứ 25/63 tỉnh, thành phố, giảm 3 bậc so với năm 2022 (năm 2022 xếp thứ 22/63 với 86,12 điểm)."),
                      Context())["par_scores"]
    got = sorted((r["eval_year"], r["score"], r["rank"], r["rank_of"], r["rank_change"], r["subject"])
                 for r in out if r["component"] == "total")
    assert got == [(2022, 86.12, 22, 63, None, "tỉnh Long An"), (2023, 85.67, 25, 63, -3, "tỉnh Long An")]


def test_component_rank_change_stays_with_component():
    body = ("Chỉ số CCHC năm 2023 của tỉnh Long An đạt 85,67/100 điểm, xếp thứ 25/63.\n\n"
            "- Chỉ số thành phần Công tác chỉ đạo, điều hành cải cách hành chính đạt 8,61/9 điểm, tăng 5 bậc.\n\n"
            "- Cải cách thể chế đạt 5/6 điểm, Cải cách chế độ công vụ đạt 9,87/12 điểm, tăng 11 bậc so với năm 2022.")
    r = rows(body)
    assert r["chi_dao_dieu_hanh"]["rank_change"] == 5
    assert r["the_che"]["rank_change"] is None and r["cong_vu"]["rank_change"] == 11
    assert r["total"]["rank_change"] is None


def test_total_rank_change_in_brackets_is_kept():
    r = rows("Chỉ số CCHC năm 2022 của Sở Tư pháp đạt 88,1 điểm, xếp thứ 4/21 (tăng 6 bậc so với năm 2021).")
    assert (r["total"]["score"], r["total"]["rank"], r["total"]["rank_change"], r["total"]["subject"]) == (88.1, 4, 6, "Sở Tư pháp")


# ---- held-out 2: score and rank told by different rules, words before "với", several bodies in one sentence, tables

def totals(body: str, head: str = HEAD):
    out = par.extract(doc_from_text(head + body), Context())["par_scores"]
    return sorted((r["subject"], r["eval_year"], r["score"], r["max_score"], r["rank"], r["rank_of"], r["rank_change"])
                  for r in out if r["component"] == "total")


@pytest.mark.parametrize("body,want", [
    # a citation in the gap between "Chỉ số CCHC" and "đạt"; the rank found by another rule joins the score
    ("Năm 2023, Chỉ số cải cách hành chính của tỉnh Thái Bình do Bộ Nội vụ công bố tại Quyết định số 261/QĐ-BNV "
     "ngày 12/4/2024 đạt 87,12/100 điểm, xếp thứ 18/63 tỉnh, thành phố trực thuộc Trung ương, tăng 07 bậc so với năm 2022.",
     [("tỉnh Thái Bình", 2023, 87.12, 100.0, 18, 63, 7)]),
    # words between the rank and "với"
    ("Chỉ số cải cách hành chính năm 2022 của Sở xếp thứ 9/21 sở, ban, ngành với 86,03 điểm, giảm 02 bậc so với năm 2021.",
     [(None, 2022, 86.03, 100.0, 9, 21, -2)]),
    # two bodies in one sentence: two rows, each with the body named before its score
    ("Kết quả Chỉ số cải cách hành chính năm 2024 (trước hợp nhất): tỉnh Tuyên Quang đạt 86,59 điểm, xếp thứ 25/63; "
     "tỉnh Hà Giang đạt 83,12 điểm, xếp thứ 49/63.",
     [("tỉnh Hà Giang", 2024, 83.12, 100.0, 49, 63, None), ("tỉnh Tuyên Quang", 2024, 86.59, 100.0, 25, 63, None)]),
    # a rank with no score is no row
    ("Chỉ số CCHC năm 2022 của Sở Tư pháp xếp thứ 4/21 (tăng 6 bậc so với năm 2021).", []),
    # a rank stated in another sentence fills the scored row
    ("Chỉ số CCHC năm 2022 của Sở Tư pháp đạt 88,1 điểm. Với kết quả này, Chỉ số CCHC năm 2022 của Sở Tư pháp xếp thứ 4/21.",
     [("Sở Tư pháp", 2022, 88.1, 100.0, 4, 21, None)]),
])
def test_total_statements(body, want):
    got = totals(body)
    assert [g[1:] for g in got] == [w[1:] for w in want]
    assert [g[0] for g in got if g[0] is not None and g[0] != "Sở"] == [w[0] for w in want if w[0] is not None]


ANNEX = ("PHỤ LỤC\n\nKẾT QUẢ CHỈ SỐ CẢI CÁCH HÀNH CHÍNH NĂM 2023 CỦA CÁC SỞ, BAN, NGÀNH\n\n"
         "TT\tCơ quan\tChỉ đạo, điều hành CCHC (8,5 điểm)\tCải cách TTHC (12 điểm)\tĐiều tra xã hội học (32 điểm)\tTổng điểm (100 điểm)\tXếp hạng\n"
         "1\tSở Nội vụ\t8,25\t11,40\t29,62\t92,45\t1\n"
         "2\tSở Xây dựng\t7,10\t9,24\t26,48\t81,06\t2\n")


def table_rows(body: str, head: str = HEAD):
    out = par.extract(doc_from_text(head + body), Context())["par_scores"]
    return sorted((r["subject"], r["component"], r["score"], r["max_score"], r["rank"], r["eval_year"], r["rule"], r["quote"])
                  for r in out)


def test_annex_table_of_components():
    got = table_rows(ANNEX, head="Số: 1/QĐ-UBND\n\nQUYẾT ĐỊNH\n\nCông bố Chỉ số CCHC\n\n")
    assert got == sorted([
        ("Sở Nội vụ", "chi_dao_dieu_hanh", 8.25, 8.5, None, 2023, "par.chi_dao_dieu_hanh", "8,25"),
        ("Sở Nội vụ", "tthc", 11.4, 12.0, None, 2023, "par.tthc", "11,40"),
        ("Sở Nội vụ", "dieu_tra_xhh", 29.62, 32.0, None, 2023, "par.dieu_tra_xhh", "29,62"),
        ("Sở Nội vụ", "total", 92.45, 100.0, 1, 2023, "par.table_total", "92,45"),
        ("Sở Xây dựng", "chi_dao_dieu_hanh", 7.1, 8.5, None, 2023, "par.chi_dao_dieu_hanh", "7,10"),
        ("Sở Xây dựng", "tthc", 9.24, 12.0, None, 2023, "par.tthc", "9,24"),
        ("Sở Xây dựng", "dieu_tra_xhh", 26.48, 32.0, None, 2023, "par.dieu_tra_xhh", "26,48"),
        ("Sở Xây dựng", "total", 81.06, 100.0, 2, 2023, "par.table_total", "81,06"),
    ])


SPLIT_ANNEX = ("PHỤ LỤC\n\nCHỈ SỐ CẢI CÁCH HÀNH CHÍNH NĂM 2023 CỦA CÁC CƠ QUAN, ĐƠN VỊ\n\n"
               "STT\tCơ quan, đơn vị\tĐiểm thẩm định (67 điểm)\tĐiểm điều tra XHH (33 điểm)\tTổng điểm (100 điểm)\tXếp hạng\tXếp loại\n"
               "I\tKHỐI SỞ, BAN, NGÀNH\t\t\t\t\t\n"
               "1\tSở Công Thương\t60,10\t27,40\t87,50\t1\tTốt\n\n"
               "STT\tCơ quan, đơn vị\tĐiểm thẩm định (67 điểm)\tĐiểm điều tra XHH (33 điểm)\tTổng điểm (100 điểm)\tXếp hạng\tXếp loại\n"
               "II\tKHỐI UBND CẤP HUYỆN\t\t\t\t\t\n"
               "1\tHuyện An Lão\t58,20\t26,05\t84,25\t1\tKhá\n")


def test_annex_split_in_two_parts_with_abbreviated_survey_column():
    # "Điều tra XHH" is the sociological survey; "Điểm thẩm định" is no component; Roman rows are section titles
    got = table_rows(SPLIT_ANNEX, head="Số: 9/QĐ-UBND\n\nQUYẾT ĐỊNH\n\nCông bố Chỉ số CCHC\n\n")
    assert [g[:6] for g in got] == sorted([
        ("Sở Công Thương", "dieu_tra_xhh", 27.4, 33.0, None, 2023),
        ("Sở Công Thương", "total", 87.5, 100.0, 1, 2023),
        ("Huyện An Lão", "dieu_tra_xhh", 26.05, 33.0, None, 2023),
        ("Huyện An Lão", "total", 84.25, 100.0, 1, 2023),
    ])


@pytest.mark.parametrize("table,want", [
    # a header without a maximum gives max None; a "Điểm tối đa" column is not a score
    ("Đơn vị\tCải cách thể chế\tĐiểm tối đa\tChỉ số CCHC\n"
     "UBND huyện A\t7,5\t9\t85,2\n",
     [("UBND huyện A", "the_che", 7.5, None, None), ("UBND huyện A", "total", 85.2, 100.0, None)]),
    # only a total column, named as the PAR index
    ("STT\tĐơn vị\tChỉ số CCHC năm 2023\tThứ hạng\n1\tSở Tư pháp\t90,1\t3\n",
     [("Sở Tư pháp", "total", 90.1, 100.0, 3)]),
    # a score above the column's maximum is not read
    ("Cơ quan\tCải cách TTHC (12 điểm)\nSở A\t14,5\n", []),
])
def test_table_columns(table, want):
    got = [g[:5] for g in table_rows("Kết quả Chỉ số CCHC năm 2023 như sau:\n\n" + table)]
    assert got == sorted(want)


@pytest.mark.parametrize("table", [
    # a statistical table of counts: no component and no PAR-index column
    "TT\tĐơn vị\tTổng số hồ sơ\tĐúng hạn\n1\tSở A\t120\t118\n",
    # "Tổng điểm" alone (an emulation table) is not the PAR index
    "TT\tĐơn vị\tTổng điểm\tXếp hạng\n1\tPhòng A\t95\t1\n",
])
def test_tables_that_are_not_par(table):
    assert table_rows(table, head="Số: 2/BC-X\n\nBÁO CÁO\n\nKết quả chỉ số CCHC năm 2023\n\nBảng thi đua:\n\n") == []


def test_plan_table_is_target():
    head = "Số: 3/KH-SNV\n\nKẾ HOẠCH\n\nNâng cao Chỉ số CCHC năm 2024\n\n"
    out = par.extract(doc_from_text(head + "Chỉ tiêu:\n\nCơ quan\tCải cách TTHC (12 điểm)\tChỉ số CCHC\nSở A\t11\t90\n"),
                      Context())["par_scores"]
    assert out and all(r["kind"] == "target" for r in out)


def test_dot_typed_as_decimal_mark_in_a_total():
    """"87.303 điểm" would read 87303 (dot groups thousands); a score out of 100 means 87.303."""
    t = rows("Chỉ số CCHC năm 2022 của Sở đạt 87.303 điểm, xếp vị trí thứ 4.")["total"]
    assert (t["score"], t["max_score"], t["rank"]) == (87.303, 100.0, 4)


def test_total_over_100_without_a_maximum_is_dropped():
    r = rows("Chỉ số CCHC năm 2022 của Sở đạt 1.250 điểm.")
    assert "total" not in r


# ---- held-out 3: other indices in the same sentence, results in a document about the PAR index, component rows

def doc_rows(body: str, head: str = HEAD, title: str | None = None):
    out = par.extract(doc_from_text(head + body), Context(document={"title": title, "agency": "Ban Quản lý"}))
    return sorted((r["component"], r["score"], r["max_score"], r["rank"], r["rank_of"], r["rank_change"], r["eval_year"])
                  for r in out["par_scores"])


@pytest.mark.parametrize("body,want", [
    # the PAR clause is read, the SIPAS / PCI clause of the same sentence is not
    ("Chỉ số CCHC năm 2023 của Sở Y tế đạt 88,64 điểm, xếp thứ 5/19 sở, ban, ngành thành phố, tăng 3 bậc so với năm "
     "2022; Chỉ số hài lòng của người dân, tổ chức đối với sự phục vụ của Sở (SIPAS) đạt 86,42%.",
     [("total", 88.64, 100.0, 5, 19, 3, 2023)]),
    ("Chỉ số CCHC năm 2023 của tỉnh Quảng Ninh đạt 91,26 điểm, xếp thứ 2/63 tỉnh, thành phố; Chỉ số năng lực cạnh "
     "tranh cấp tỉnh (PCI) năm 2023 của tỉnh đạt 70,22 điểm, xếp thứ 3/63.", [("total", 91.26, 100.0, 2, 63, None, 2023)]),
    # the other index first, then the PAR index
    ("Chỉ số SIPAS của Sở đạt 85,1 điểm, Chỉ số CCHC năm 2023 của Sở đạt 90,2 điểm, xếp thứ 3/21.",
     [("total", 90.2, 100.0, 3, 21, None, 2023)]),
    # the rank of another index after the PAR result, in its own clause
    ("Chỉ số CCHC năm 2023 của Sở đạt 90,2 điểm, xếp thứ 3/21, xếp thứ 1 về chỉ số ICT.",
     [("total", 90.2, 100.0, 3, 21, None, 2023)]),
    # clauses about other indices alone still give nothing
    ("Chỉ số hiệu quả quản trị và hành chính công cấp tỉnh (PAPI) đạt 43,12 điểm; Chỉ số chuyển đổi số cấp tỉnh (DTI) "
     "năm 2023 đạt 0,5621, xếp thứ 14/63.", []),
])
def test_other_index_clauses_do_not_hide_the_par_clause(body, want):
    assert doc_rows(body) == want


TB_HEAD = "Số: 56/TB-SLĐTBXH\n\nTHÔNG BÁO\n\nKết quả Chỉ số cải cách hành chính năm 2023 của Sở Lao động - Thương binh " \
          "và Xã hội\n\n1. Kết quả chung\n\n"
TB_TITLE = "Kết quả Chỉ số cải cách hành chính năm 2023 của Sở Lao động - Thương binh và Xã hội"


@pytest.mark.parametrize("body,title,want", [
    # the title says the document is about the PAR index: a score with its rank is a total, with its bracketed year
    ("Trong khối sở, ban, ngành tỉnh, Sở Lao động - Thương binh và Xã hội đạt 84,76 điểm, đứng thứ 9/21 cơ quan, tăng 3 "
     "bậc so với năm 2022 (năm 2022 đạt 81,93 điểm, xếp thứ 12/21).", TB_TITLE,
     [("total", 81.93, 100.0, 12, 21, None, 2022), ("total", 84.76, 100.0, 9, 21, 3, 2023)]),
    ("Sở đạt 84,76 điểm, đứng ở vị trí thứ 9/21.", TB_TITLE, [("total", 84.76, 100.0, 9, 21, None, 2023)]),
    ("Sở đạt 84,76 điểm, xếp hạng thứ 9/21.", TB_TITLE, [("total", 84.76, 100.0, 9, 21, None, 2023)]),
    # ... but not a sub-criterion's points, a score without a rank, another index
    ("Tiêu chí \"Thực hiện nhiệm vụ UBND tỉnh giao\" chỉ đạt 0,5/1 điểm do còn 03/28 nhiệm vụ hoàn thành trễ hạn.",
     TB_TITLE, []),
    ("Sở đạt 84,76 điểm.", TB_TITLE, []),
    ("Chỉ số hài lòng (SIPAS) năm 2023 của Sở đạt 84,12 điểm, xếp thứ 5/21.", TB_TITLE, []),
    # a document about something else: a score with a rank is not a PAR total
    ("Sở đạt 84,76 điểm, đứng thứ 9/21 cơ quan.", "Kết quả thi đua năm 2023", []),
])
def test_document_about_the_par_index(body, title, want):
    head = TB_HEAD if title == TB_TITLE else "Số: 5/TB-SX\n\nTHÔNG BÁO\n\n" + title + "\n\nCăn cứ Chỉ số CCHC.\n\n"
    assert doc_rows(body, head, title) == want


def test_section_heading_about_the_par_index():
    head = "Số: 9/BC-SX\n\nBÁO CÁO\n\nKết quả công tác năm 2023\n\nII. KẾT QUẢ CHỈ SỐ CẢI CÁCH HÀNH CHÍNH NĂM 2022\n\n"
    assert doc_rows("Sở đạt 88,2 điểm, xếp thứ 4/21 cơ quan.", head, "Kết quả công tác năm 2023") == \
        [("total", 88.2, 100.0, 4, 21, None, 2022)]


COMPONENT_ROWS = ("STT\tLĩnh vực đánh giá\tĐiểm tối đa\tĐiểm đạt được\tTỷ lệ đạt (%)\n"
                  "1\tCông tác chỉ đạo, điều hành CCHC\t9\t8,25\t91,67\n"
                  "2\tXây dựng và tổ chức thực hiện văn bản QPPL\t6\t4,75\t79,17\n"
                  "3\tCải cách thủ tục hành chính\t13\t11,25\t86,54\n"
                  "4\tĐiều tra xã hội học\t38\t32,25\t84,87\n"
                  "\tTổng cộng\t100\t84,76\t84,76\n")


def test_component_rows_table():
    got = doc_rows("Kết quả cụ thể theo từng lĩnh vực như sau:\n\n" + COMPONENT_ROWS, TB_HEAD, TB_TITLE)
    assert got == sorted([("chi_dao_dieu_hanh", 8.25, 9.0, None, None, None, 2023), ("the_che", 4.75, 6.0, None, None, None, 2023),
                          ("tthc", 11.25, 13.0, None, None, None, 2023), ("dieu_tra_xhh", 32.25, 38.0, None, None, None, 2023),
                          ("total", 84.76, 100.0, None, None, None, 2023)])
    rs = par.extract(doc_from_text(TB_HEAD + "Kết quả:\n\n" + COMPONENT_ROWS), Context(document={"title": TB_TITLE}))
    r = next(x for x in rs["par_scores"] if x["component"] == "tthc")
    assert (r["rule"], r["quote"], r["label"]) == ("par.tthc", "11,25", "Cải cách thủ tục hành chính")


def test_component_rows_table_restating_the_text_is_one_total():
    body = "Sở đạt 84,76 điểm, đứng thứ 9/21 cơ quan.\n\n" + COMPONENT_ROWS
    got = [g for g in doc_rows(body, TB_HEAD, TB_TITLE) if g[0] == "total"]
    assert got == [("total", 84.76, 100.0, 9, 21, None, 2023)]


@pytest.mark.parametrize("table", [
    # criteria with their maxima only: no achieved score
    "STT\tLĩnh vực/Tiêu chí/Tiêu chí thành phần\tĐiểm tối đa\tPhương pháp đánh giá\n"
    "I\tCÔNG TÁC CHỈ ĐẠO, ĐIỀU HÀNH CẢI CÁCH HÀNH CHÍNH\t12\t\n1\tKế hoạch cải cách hành chính năm\t3\t\n"
    "III\tCẢI CÁCH THỦ TỤC HÀNH CHÍNH\t16\t\n\tTỔNG ĐIỂM\t100\t\n",
    # one component row is no component table
    "STT\tNội dung\tĐiểm tối đa\tĐiểm đạt được\n1\tCải cách tài chính công\t7\t6\n2\tTổ chức hội nghị\t3\t3\n",
    # achieved above the maximum is not read
    "STT\tLĩnh vực\tĐiểm tối đa\tĐiểm đạt được\n1\tCải cách tài chính công\t7\t8\n2\tCải cách chế độ công vụ\t8\t9\n",
])
def test_tables_with_components_as_rows_that_give_nothing(table):
    assert doc_rows("Bảng:\n\n" + table, TB_HEAD, TB_TITLE) == []


def test_component_rows_numbered_in_roman_leave_criteria_out():
    table = ("STT\tLĩnh vực/Tiêu chí\tĐiểm tối đa\tĐiểm đạt được\n"
             "I\tCải cách thủ tục hành chính\t16\t14\n"
             "4\tThực hiện cơ chế một cửa, một cửa liên thông\t5\t4,5\n"
             "II\tCải cách tài chính công\t6\t5\n")
    assert [g[:3] for g in doc_rows("Bảng:\n\n" + table, TB_HEAD, TB_TITLE)] == \
        [("tai_chinh_cong", 5.0, 6.0), ("tthc", 14.0, 16.0)]


@pytest.mark.parametrize("text,subject", [
    ("Chỉ số CCHC năm 2022 của Sở Khoa học và Công nghệ xếp thứ 4", "Sở Khoa học và Công nghệ"),
    ("Kết quả Chỉ số cải cách hành chính năm 2023 của Sở Lao động - Thương binh và Xã hội và nhiệm vụ khắc phục",
     "Sở Lao động - Thương binh và Xã hội"),
    ("Kết quả Chỉ số cải cách hành chính năm 2023 của tỉnh Long An và nhiệm vụ", "tỉnh Long An"),
])
def test_subject_names_go_on_after_va(text, subject):
    assert par._subject(text) == subject


def test_issuer_speaking_of_itself_is_the_agency():
    out = par.extract(doc_from_text(HEAD + "Chỉ số CCHC năm 2023 của Ban đạt 89,02 điểm, xếp thứ 4/21. Chỉ số CCHC năm "
                                           "2023 của tỉnh Quảng Ninh đạt 91,26 điểm, xếp thứ 2/63."),
                      Context(document={"agency": "Ban Quản lý Khu kinh tế"}))["par_scores"]
    assert sorted((r["subject"], r["score"]) for r in out) == [("Ban Quản lý Khu kinh tế", 89.02), ("tỉnh Quảng Ninh", 91.26)]


def test_par_index_named_inside_the_other_index_clause_does_not_end_it():
    assert doc_rows("Chỉ số SIPAS là chỉ số thành phần của Chỉ số CCHC, đạt 80,5 điểm, xếp thứ 3/21.") == []
    assert doc_rows("Chỉ số SIPAS đạt 85,1%, và Chỉ số CCHC năm 2023 của Sở đạt 90,2 điểm, xếp thứ 3/21.") == \
        [("total", 90.2, 100.0, 3, 21, None, 2023)]
    assert doc_rows("Chỉ số SIPAS đạt 85,1% và Chỉ số CCHC năm 2023 của Sở đạt 90,2 điểm, xếp thứ 3/21.") == \
        [("total", 90.2, 100.0, 3, 21, None, 2023)]
