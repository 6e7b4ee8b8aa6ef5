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
    r = rows("Chỉ số CCHC năm 2022 của Sở Tư pháp xếp thứ 4/21 (tăng 6 bậc so với năm 2021).")
    assert (r["total"]["rank"], r["total"]["rank_change"], r["total"]["subject"]) == (4, 6, "Sở Tư pháp")
