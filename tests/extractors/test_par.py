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
