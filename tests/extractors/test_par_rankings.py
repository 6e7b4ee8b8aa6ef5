"""Rankings of many bodies at once (news, notices): each body keeps its own score and rank."""
from __future__ import annotations

import pytest

from extract.extractors import par_rankings


def results(sentence: str) -> set[tuple]:
    return {(r.subject, r.score, r.rank, r.rank_change) for r in par_rankings.read_sentence(sentence)}


@pytest.mark.parametrize("sentence, expected", [
    ("Theo đó, trong nhóm các bộ ngành, ngân hàng Nhà nước đạt chỉ số cao nhất với 92,36% (thang điểm từ 0% đến 100%).",
     {("ngân hàng Nhà nước", 92.36, 1, None)}),
    ("Trong nhóm địa phương, Quảng Ninh vươn lên dẫn đầu bảng xếp hạng với kết quả 89,45 (thang điểm đánh giá là 100).",
     {("Quảng Ninh", 89.45, 1, None)}),
    ("Đứng sau Quảng Ninh là Hà Nội, Đồng Nai xếp thứ 3, Đà Nẵng xếp thứ 4 và Hải Phòng xếp thứ 5.",
     {("Đồng Nai", None, 3, None), ("Thành phố Đà Nẵng", None, 4, None), ("Thành phố Hải Phòng", None, 5, None)}),
    ("Xếp sau đó là Hải Phòng với 92,59, Đồng Nai 92,53.",
     {("Thành phố Hải Phòng", 92.59, None, None), ("Đồng Nai", 92.53, None, None)}),
    ("Bộ Tài chính, Ngân hàng nhà nước lần lượt xếp vị trí thứ 2 và 3.",
     {("Bộ Tài chính", None, 2, None), ("Ngân hàng nhà nước", None, 3, None)}),
    ("Hà Nội và TP HCM có sự thăng tiến khi được xếp hạng lần lượt thứ 3 (năm 2013 xếp thứ 5) và thứ 6 (tăng 3 bậc so với năm trước đó).",
     {("Thành phố Hà Nội", None, 3, None), ("Thành phố Hồ Chí Minh", None, 6, 3)}),
    ("Vị trí thứ 2 trong nhóm tỉnh, thành phố thuộc về thành phố Hải Phòng.", {("Thành phố Hải Phòng", None, 2, None)}),
    ("Tỉnh Bắc Giang dẫn đầu với 91,02 điểm, tăng 3 bậc.", {("Bắc Giang", 91.02, 1, 3)}),
    ("Tỉnh Kon Tum tụt 12 bậc, xếp thứ 50/63.", {("Kon Tum", None, 50, -12)}),
    ("Bộ Tư pháp đạt chỉ số cao nhất với giá trị 88,15.", {("Bộ Tư pháp", 88.15, 1, None)}),
])
def test_each_body_keeps_its_result(sentence, expected):
    assert results(sentence) == expected


@pytest.mark.parametrize("sentence", [
    "Tiếp đến lần lượt là các bộ: Thông tin và Truyền thông, Tài chính, Tư pháp, Công Thương, Ngoại giao.",
    "Có 14 bộ đạt kết quả cải cách hành chính hơn 80%; 4 bộ dưới 80%.",
    "Giá trị trung bình của các đơn vị là 87,07% (so với năm 2014 là 86,4%).",
    "Ban chỉ đạo đánh giá, PAR INDEX 2018 tăng 6% so với 2017.",
    "Đồng bằng sông Hồng đứng đầu các vùng kinh tế, sau đó là Đông Nam Bộ.",
    "Uỷ ban dân tộc và tỉnh Quảng Ngãi là hai đơn vị xếp cuối bảng chỉ số cải cách hành chính 2017.",
])
def test_orderings_and_aggregates_give_nothing(sentence):
    assert results(sentence) == set()
