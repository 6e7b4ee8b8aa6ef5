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


# ---- service-level lists, right-window stops, citations, coordinated counts, periods (held-out fixes)

@pytest.mark.parametrize("text,expected", [
    ("135/142 TTHC mức độ 3, 4", [(135, 142, False)]),
    ("TTHC mức độ 3 và 4", []),
    ("mức độ 3,4", []),
    # a count after a level stays a count
    ("03 TTHC trực tuyến mức độ 03 và 29 TTHC mức độ 4", [(3, None, False), (29, None, False)]),
])
def test_numbers_level_lists(text, expected):
    assert [(n.value, n.denominator, n.percent) for n in F.numbers(text)] == expected


@pytest.mark.parametrize("text,unit,right", [
    ("135/142 TTHC được cung cấp dịch vụ công trực tuyến mức độ 3, 4, cụ thể: 118 TTHC", "135/142 TTHC",
     " được cung cấp dịch vụ công trực tuyến mức độ 3, 4"),
    ("142/142 TTHC được công bố tiếp nhận hồ sơ, trả kết quả qua dịch vụ bưu chính công ích; 96 TTHC", "142/142 TTHC",
     " được công bố tiếp nhận hồ sơ, trả kết quả qua dịch vụ bưu chính công ích"),
    ("127/127 TTHC thực hiện tiếp nhận hồ sơ và trả kết quả qua dịch vụ BCCI; thực hiện", "127/127 TTHC",
     " thực hiện tiếp nhận hồ sơ và trả kết quả qua dịch vụ BCCI"),
    # ordinary stops still cut
    ("tiếp nhận 100 hồ sơ, trả kết quả đúng hạn 90 hồ sơ", "100 hồ sơ", ""),
    ("63 hồ sơ trực tuyến và 10 hồ sơ trực tiếp", "63 hồ sơ", " trực tuyến"),
])
def test_right_window_exemptions(text, unit, right):
    i = text.index(unit)
    nums = F.numbers(text)
    k = next(j for j, n in enumerate(nums) if n.start == i)
    nxt = nums[k + 1].start if k + 1 < len(nums) else len(text)
    w = F.make_window(text, i, i + len(unit), 0, nxt)
    assert w.right == right


@pytest.mark.parametrize("text,pos_word,cited", [
    ("Thực hiện Quyết định số 1185/QĐ-UBND ngày 14/6/2024 công bố danh mục TTHC, UBND huyện niêm yết", "công bố", True),
    ("Chủ tịch UBND tỉnh ban hành 05 Quyết định công bố", "công bố", False),
    ("Theo Quyết định số 12/QĐ-UBND, Sở công bố", "công bố", False),
])
def test_in_citation(text, pos_word, cited):
    assert F.in_citation(text, text.index(pos_word)) is cited


def _figs(body: str, family: str):
    doc = doc_from_text("Số: 1/BC-X\n\nBÁO CÁO\n\nKết quả quý III năm 2024\n\n1. Kết quả\n\n" + body)
    return [(f.number.int_value, f.hit.rule.id if f.hit else None, f.subject) for f in F.iter_figures(doc, None, family)]


@pytest.mark.parametrize("body,family,expected", [
    ("Thực hiện Quyết định số 1185/QĐ-UBND ngày 14/6/2024 của Chủ tịch UBND tỉnh công bố danh mục thủ tục hành chính "
     "thuộc thẩm quyền giải quyết của UBND cấp huyện, cấp xã, UBND huyện đã niêm yết công khai 281 TTHC cấp huyện và "
     "119 TTHC cấp xã tại Bộ phận Một cửa.", "tthc",
     [(281, "tthc.total", "cấp huyện"), (119, "tthc.total", "cấp xã")]),
    ("UBND huyện tiếp nhận 100 hồ sơ cấp huyện và 200 hồ sơ cấp xã.", "hoso",
     [(100, "hoso.received", "cấp huyện"), (200, "hoso.received", "cấp xã")]),
    # a count with words of its own keeps them
    ("Sở giải quyết trước hạn 59 hồ sơ và đúng hạn 3 hồ sơ.", "hoso", [(59, "hoso.early", None), (3, "hoso.on_time", None)]),
])
def test_coordinated_counts_and_subject_after(body, family, expected):
    assert _figs(body, family) == expected


def _periods(body: str):
    doc = doc_from_text("Số: 1/BC-X\n\nBÁO CÁO\n\nKết quả 9 tháng đầu năm 2024\n\n1. Kết quả\n\n" + body)
    return [(sc.sentence.text[:12], sc.period) for sc in F.iter_sentences(doc, None) if sc.block.section and sc.block.kind == "paragraph"]


D = dt.date


@pytest.mark.parametrize("body,expected", [
    # a bracketed data range beats the named period, and holds for what follows
    ("Trong 9 tháng đầu năm 2024 (số liệu từ ngày 15/12/2023 đến ngày 14/9/2024), Sở tiếp nhận 12 hồ sơ. Đã giải quyết 10 hồ sơ.",
     [(D(2023, 12, 15), D(2024, 9, 14)), (D(2023, 12, 15), D(2024, 9, 14))]),
    # an explicit range in the head right after the named period
    ("Trong 9 tháng đầu năm 2024, từ ngày 15/12/2023 đến ngày 14/9/2024, Sở tiếp nhận 12 hồ sơ.",
     [(D(2023, 12, 15), D(2024, 9, 14))]),
    # a data range later in the sentence still governs it
    ("Sở tiếp nhận 12 hồ sơ (số liệu tính từ ngày 15/12/2023 đến ngày 14/9/2024).", [(D(2023, 12, 15), D(2024, 9, 14))]),
    # a named period alone
    ("Trong 9 tháng đầu năm 2024, Sở tiếp nhận 12 hồ sơ.", [(D(2024, 1, 1), D(2024, 9, 30))]),
    # a list label before the range; the range holds for the paragraph and the next list item
    ("- Cấp huyện: Từ ngày 15/6/2024 đến ngày 14/9/2024, tiếp nhận 2.347 hồ sơ. Đã giải quyết 2.298 hồ sơ.\n\n"
     "- Cấp xã: tiếp nhận 6.812 hồ sơ.",
     [(D(2024, 6, 15), D(2024, 9, 14))] * 3),
    # a new head phrase replaces it
    ("Từ ngày 15/6/2024 đến ngày 14/9/2024, Sở tiếp nhận 20 hồ sơ.\n\nTrong quý II/2024, Sở tiếp nhận 10 hồ sơ.",
     [(D(2024, 6, 15), D(2024, 9, 14)), (D(2024, 4, 1), D(2024, 6, 30))]),
])
def test_period_precedence_and_carry(body, expected):
    assert [p for _, p in _periods(body)] == expected


def test_period_stops_at_heading():
    got = _periods("Từ ngày 15/6/2024 đến ngày 14/9/2024, Sở tiếp nhận 20 hồ sơ.\n\n2. Khác\n\nSở tiếp nhận 5 hồ sơ.")
    assert [p for _, p in got][-1] == (D(2024, 1, 1), D(2024, 9, 30))


@pytest.mark.parametrize("intro,expected", [
    ("Từ ngày 15/9/2024 đến ngày 14/10/2024, Sở tiếp nhận 1.304 hồ sơ. Kết quả cụ thể như sau:", (D(2024, 9, 15), D(2024, 10, 14))),
    ("Kết quả giải quyết hồ sơ (số liệu từ ngày 15/9/2024 đến ngày 14/10/2024) như sau:", (D(2024, 9, 15), D(2024, 10, 14))),
    ("Kết quả giải quyết hồ sơ như sau:", (D(2024, 1, 1), D(2024, 9, 30))),
])
def test_table_takes_the_period_of_its_introduction(intro, expected):
    doc = doc_from_text("Số: 1/BC-X\n\nBÁO CÁO\n\nKết quả 9 tháng đầu năm 2024\n\n1. Kết quả\n\n" + intro + "\n\n"
                        "STT\tNội dung\tĐơn vị tính\tSố lượng\n1\tTổng số hồ sơ tiếp nhận\tHồ sơ\t1.304\n")
    assert F.table_periods(doc, None) == {doc.tables[0].index: expected}


# ---- second held-out set: period paragraphs, paragraph carry, sub-periods

@pytest.mark.parametrize("body,expected", [
    # a paragraph that only states the period governs the paragraphs below it in its section
    ("(Số liệu từ ngày 15/12/2022 đến ngày 14/12/2023)\n\n- Toàn tỉnh tiếp nhận 412 hồ sơ.\n\n"
     "- Cấp tỉnh: các sở, ban, ngành tiếp nhận 98 hồ sơ.",
     [(D(2022, 12, 15), D(2023, 12, 14))] * 3),
    ("Kỳ báo cáo: từ ngày 15/12/2023 đến ngày 14/9/2024.\n\nSở tiếp nhận 12 hồ sơ.",
     [(D(2023, 12, 15), D(2024, 9, 14))] * 2),
    # a bracketed range inside a sentence carries to the next sentences of its paragraph, not further
    ("Sở tiếp nhận 6.842 hồ sơ (từ ngày 15/12/2023 đến ngày 14/6/2024). Đã giải quyết 6.603 hồ sơ; đang giải quyết 239 hồ sơ.\n\n"
     "Sở tiếp nhận 5 hồ sơ.",
     [(D(2023, 12, 15), D(2024, 6, 14))] * 2 + [(D(2024, 1, 1), D(2024, 9, 30))]),
    # "Riêng Quý II.2024": its sentence only (and not cut at the dot of "II.2024")
    ("Từ ngày 15/12/2023 đến ngày 14/9/2024, Sở tiếp nhận 20 hồ sơ.\n\nRiêng Quý II.2024, Sở tiếp nhận 3.417 hồ sơ. "
     "Đã giải quyết 18 hồ sơ.",
     [(D(2023, 12, 15), D(2024, 9, 14)), (D(2024, 4, 1), D(2024, 6, 30)), (D(2023, 12, 15), D(2024, 9, 14))]),
])
def test_period_paragraphs_and_sub_periods(body, expected):
    assert [p for _, p in _periods(body)] == expected


@pytest.mark.parametrize("text,n", [
    ("Riêng Quý II.2024, Sở tiếp nhận 3.417 hồ sơ. Đã giải quyết 18 hồ sơ.", 2),
    ("Trong quý 2.2024 Sở tiếp nhận 5 hồ sơ.", 1),
    ("Sở tiếp nhận 5 hồ sơ. Cấp huyện tiếp nhận 3 hồ sơ.", 2),
])
def test_sentences_not_cut_inside_a_period(text, n):
    b = next(b for b in doc_from_text(text).blocks if "hồ sơ" in b.text)
    assert len(F.sentences(b)) == n


def test_standalone_period_stops_at_heading():
    got = _periods("(Số liệu từ ngày 15/12/2022 đến ngày 14/12/2023)\n\nSở tiếp nhận 4 hồ sơ.\n\n2. Khác\n\nSở tiếp nhận 5 hồ sơ.")
    assert [p for _, p in got] == [(D(2022, 12, 15), D(2023, 12, 14))] * 2 + [(D(2024, 1, 1), D(2024, 9, 30))]


@pytest.mark.parametrize("text,expected", [
    ("Báo cáo kết quả công tác cải cách hành chính 6 tháng năm 2024", (D(2024, 1, 1), D(2024, 6, 30))),
    ("Báo cáo 06 tháng năm 2023", (D(2023, 1, 1), D(2023, 6, 30))),
    ("6 tháng đầu năm 2024", (D(2024, 1, 1), D(2024, 6, 30))),
    ("6 tháng cuối năm 2024", (D(2024, 7, 1), D(2024, 12, 31))),
    ("9 tháng năm 2024", (D(2024, 1, 1), D(2024, 9, 30))),
    ("16 tháng năm 2024", (D(2024, 1, 1), D(2024, 12, 31))),  # not a half: only "năm 2024" is read
])
def test_six_months_without_dau_is_the_first_half(text, expected):
    from extract.periods import find_periods
    p = find_periods(text)[0]
    assert (p.start, p.end) == expected


@pytest.mark.parametrize("text", ["tiếp nhận 1 250 hồ sơ", "Quý I tiếp nhận 12 345 hồ sơ"])
def test_space_grouped_thousands_are_not_read(text):
    """'1 250' is 1250 or two numbers; reading either part would be a wrong figure."""
    assert [m.group(0) for m in F.NUMBER_RX.finditer(text)] == []
