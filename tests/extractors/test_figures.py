"""figures: number formats, sentence offsets, windows, kind, subjects, periods."""
from __future__ import annotations

import datetime as dt

import pytest

from extract import figures as F
from tests.helpers import doc_from_text


@pytest.mark.parametrize("text,expected", [
    ("đạt 87,303 điểm", [(87.303, None, False)]),
    ("tiếp nhận 659.245 hồ sơ", [(659245, None, False)]),
    ("tỷ lệ 54.9% trong tin", [(54.9, None, True)]),
    ("tiếp nhận 09 hồ sơ", [(9, None, False)]),
    ("48/49 TTHC", [(48, 49, False)]),
    ("điểm 4,5/6,5", [(4.5, 6.5, False)]),
    ("đạt 100%", [(100, None, True)]),
    # not counts: dates, symbols, years, service levels, standards
    ("ngày 15/12/2022 đến 14/6/2023", []),
    ("Quyết định số 48/2021/QĐ-UBND", []),
    ("trong năm 2023", []),
    ("mức độ 4", []),
    ("TCVN ISO 9001:2015", []),
    ("trong quý III/2023", []),
])
def test_numbers(text, expected):
    got = [(n.value, n.denominator, n.percent) for n in F.numbers(text)]
    assert got == expected


def test_sentences_keep_offsets():
    doc = doc_from_text("Từ ngày 15/12/2022 đến ngày 14/6/2023, Sở đã tiếp nhận 63 hồ sơ (trong đó, trực tuyến 52 hồ sơ). Sở có 48/49 TTHC.")
    b = next(b for b in doc.blocks if "hồ sơ" in b.text)
    ss = F.sentences(b)
    assert [s.text for s in ss][-1] == "Sở có 48/49 TTHC."
    assert all(b.text[s.start:s.end] == s.text for s in ss)


def test_window_cuts_at_neighbours():
    text = "Sở tiếp nhận 63 hồ sơ (trong đó, trực tuyến 52 hồ sơ, kỳ trước chuyển qua 10 hồ sơ và trực tiếp 01 hồ sơ)"
    n = F.numbers(text)
    w = F.make_window(text, n[2].start, n[2].end + 6, n[1].end + 6, n[3].start)
    assert "kỳ trước chuyển qua" in w.near and "trực tiếp" not in w.right


@pytest.mark.parametrize("text,section,plan,kind", [
    ("Sở đã tiếp nhận 63 hồ sơ.", "II. Kết quả", False, "actual"),
    ("Phấn đấu 100% hồ sơ được giải quyết đúng hạn.", "II. Kết quả", False, "target"),
    ("Mức độ hài lòng đạt trên 95%.", None, False, "target"),
    ("Thực hiện tốt việc tiếp nhận hồ sơ.", "IV. PHƯƠNG HƯỚNG, NHIỆM VỤ TRỌNG TÂM", False, "target"),
    ("100% hồ sơ được trả trước hạn và đúng hạn.", "I. MỤC TIÊU", True, "target"),
])
def test_kind(text, section, plan, kind):
    assert F.kind_of(text, section, plan) == kind


@pytest.mark.parametrize("text,subject", [
    ("- Cấp xã: tiếp nhận 3.400 hồ sơ", "cấp xã"),
    ("Toàn tỉnh đã tiếp nhận 659.245 hồ sơ", "toàn tỉnh"),
    ("- Sở Tư pháp: tiếp nhận 1.200 hồ sơ", "Sở Tư pháp"),
    ("Sở đã tiếp nhận 63 hồ sơ", None),
    ("Đạt 6,47/10 điểm, xếp thứ 14/21 khối cơ quan cấp tỉnh", None),
])
def test_subjects(text, subject):
    assert F.subject_of(text, len(text), None) == subject


def test_document_period_fallback_from_title():
    doc = doc_from_text("Số: /BC-SKHCN\n\nBÁO CÁO\n\nCông tác cải cách hành chính 6 tháng đầu năm và nhiệm vụ 6 tháng cuối năm 2023\n\nNội dung.")
    assert F.document_period(doc, None) == (dt.date(2023, 1, 1), dt.date(2023, 6, 30))


def test_plan_detection():
    assert F.is_plan(doc_from_text("Số: /KH-X\n\nKẾ HOẠCH\n\nCải cách hành chính năm 2023"), None)
    assert not F.is_plan(doc_from_text("Số: /BC-X\n\nBÁO CÁO\n\nCải cách hành chính năm 2023"), None)
