"""References extractor: citations found, their type/date/issuer, and what is not a citation."""
from __future__ import annotations

import datetime as dt

import pytest

from extract.extractors import Context
from extract.extractors.references import extract, find_citations
from extract.rules import load_rules
from tests.helpers import doc_from_text

D = dt.date


def refs(text: str, own: str | None = None) -> list[dict]:
    return extract(doc_from_text(text), Context(document={"doc_number": own}))["references"]


# (sentence, cited_number, cited_type, cited_date, cited_issuer)
POSITIVE = [
    ("Kế hoạch số 2170/KH-SKHCCN ngày 30/12/2022 của Giám đốc Sở Khoa học và Công nghệ.",
     "2170/KH-SKHCCN", "Kế hoạch", D(2022, 12, 30), "Giám đốc Sở Khoa học và Công nghệ"),
    ("Tiếp tục thực hiện Nghị định 130/2005/NĐ-CP của Chính phủ về chế độ tự chủ.",
     "130/2005/NĐ-CP", "Nghị định", None, "Chính phủ"),
    ("Công văn số 638/SKH&CN-VP ngày 02/7/2020.", "638/SKH&CN-VP", "Công văn", D(2020, 7, 2), None),
    ("Sở ban hành Kế hoạch số 32/ KH-SKHHCN ngày 09/6/2021 về việc chuyển đổi.", "32/KH-SKHHCN", "Kế hoạch", D(2021, 6, 9), None),
    ("Thực hiện Thông tư số 01/2021/TT-BKHHCN, ngày 01/3/2021 về việc hướng dẫn.", "01/2021/TT-BKHHCN", "Thông tư", D(2021, 3, 1), None),
    ("Căn cứ quyết định số 4288/QĐ-UBND ngày 29 tháng 12 năm 2022 của UBND tỉnh Nghệ An về ban hành Kế hoạch.",
     "4288/QĐ-UBND", "Quyết định", D(2022, 12, 29), "UBND tỉnh Nghệ An"),
    ("Chỉ thị số 31-CT/TU ngày 13/6/2014 của Ban Thường vụ Tỉnh ủy về chủ trương.", "31-CT/TU", "Chỉ thị", D(2014, 6, 13),
     "Ban Thường vụ Tỉnh ủy"),
    ("Nghị quyết số 04-NQ/TU ngày 18/10/2021 của Hội nghị Tỉnh ủy.", "04-NQ/TU", "Nghị quyết", D(2021, 10, 18), "Hội nghị Tỉnh ủy"),
    ("Thực hiện công văn số 3805/UBND-SNV ngày 03/4/2023 của UBND tỉnh về việc triển khai.", "3805/UBND-SNV", "Công văn",
     D(2023, 4, 3), "UBND tỉnh"),
    # no type word: from the code, else Công văn for a symbol without a type code
    ("theo 900/UBND-TTTC ngày 03/3/2022 của UBND tỉnh", "900/UBND-TTTC", "Công văn", D(2022, 3, 3), "UBND tỉnh"),
    ("(Quyết định số 259/QĐ-SKHCHN ngày 31/12/2022) đảm bảo", "259/QĐ-SKHCHN", "Quyết định", D(2022, 12, 31), None),
    ("kèm theo 15/2023/QĐ-UBND", "15/2023/QĐ-UBND", "Quyết định", None, None),
    ("Kết quả thực hiện Nghị quyết 131/NQ-CP của Chính phủ quý I", "131/NQ-CP", "Nghị quyết", None, "Chính phủ"),
    ("Ban hành Kế hoạch số 42/KH-SKHCN ngày 09 tháng 01 năm 2023 về Công tác tuyên truyền.", "42/KH-SKHCN", "Kế hoạch",
     D(2023, 1, 9), None),
    ("Chỉ thị số 26/CT-TTg của Thủ tướng Chính phủ", "26/CT-TTg", "Chỉ thị", None, "Thủ tướng Chính phủ"),
    ("Tờ trình số 15/TTr-SNV ngày 1/2/2023", "15/TTr-SNV", "Tờ trình", D(2023, 2, 1), None),
    # National Assembly laws and resolutions, Standing Committee ordinances: legislature number after QH
    ("Thực hiện Luật số 20/2023/QH15 ngày 22/6/2023 của Quốc hội", "20/2023/QH15", "Luật", D(2023, 6, 22), "Quốc hội"),
    ("Thực hiện Nghị quyết số 202/2025/QH15 ngày 12/6/2025 của Quốc hội về việc sắp xếp", "202/2025/QH15",
     "Nghị quyết", D(2025, 6, 12), "Quốc hội"),
    ("theo Pháp lệnh số 02/2022/UBTVQH15 ngày 01/7/2022", "02/2022/UBTVQH15", "Pháp lệnh", D(2022, 7, 1), None),
    ("Pháp lệnh số 34/2007/PL-UBTVQH11", "34/2007/PL-UBTVQH11", "Pháp lệnh", None, None),
    ("Nghị quyết số 1111/NQ-UBTVQH15 về", "1111/NQ-UBTVQH15", "Nghị quyết", None, None),
    # a law named between its type word and "số"
    ("rà soát theo Luật Ban hành văn bản quy phạm pháp luật số 80/2015/QH13 ngày 22/6/2015 và", "80/2015/QH13", "Luật",
     D(2015, 6, 22), None),
    # the date after a passive "được/do <body> thông qua/ban hành"
    ("Luật Giao dịch điện tử số 20/2023/QH15 được Quốc hội thông qua ngày 22/6/2023, có hiệu lực từ ngày 01/7/2024.",
     "20/2023/QH15", "Luật", D(2023, 6, 22), None),
    ("Kế hoạch số 12/KH-UBND do UBND tỉnh ban hành ngày 05/3/2024.", "12/KH-UBND", "Kế hoạch", D(2024, 3, 5), None),
    ("Kế hoạch số 12/KH-UBND được triển khai từ ngày 05/3/2024.", "12/KH-UBND", "Kế hoạch", None, None),
    # a QH symbol without a type word: Luật or Nghị quyết, the code does not say
    ("theo 63/2020/QH14 sửa đổi", "63/2020/QH14", None, None, None),
    # a slash typed for the hyphen between type and issuer code
    ("Quyết định số 236/QĐ/UBND ngày 22/02/2024 của UBND tỉnh ban hành", "236/QĐ/UBND", "Quyết định", D(2024, 2, 22),
     "UBND tỉnh"),
    # the date written between the type word and "số"
    ("Thực hiện ý kiến chỉ đạo của UBND tỉnh tại Công văn ngày 05 tháng 01 năm 2024 số 42/UBND-NC về", "42/UBND-NC",
     "Công văn", D(2024, 1, 5), None),
    ("tại Quyết định ngày 12/3/2024, số 88/QĐ-UBND", "88/QĐ-UBND", "Quyết định", D(2024, 3, 12), None),
    # a number with a letter suffix (a document inserted after another of the same number)
    ("quán triệt Nghị quyết số 30c/NQ-CP ngày 08/11/2011 của Chính phủ ban hành Chương trình", "30c/NQ-CP",
     "Nghị quyết", D(2011, 11, 8), "Chính phủ"),
    ("theo Kế hoạch số 01a/KH-UBND của UBND huyện", "01a/KH-UBND", "Kế hoạch", None, "UBND huyện"),
    ("Quyết định số 123b/QĐ-UBND ngày 5/3/2024", "123b/QĐ-UBND", "Quyết định", D(2024, 3, 5), None),
]


@pytest.mark.parametrize("text,number,ctype,date,issuer", POSITIVE)
def test_reference_found(text, number, ctype, date, issuer):
    rows = refs(text)
    assert [r["cited_number"] for r in rows] == [number]
    r = rows[0]
    assert (r["cited_type"], r["cited_date"], r["cited_issuer"]) == (ctype, date, issuer)
    assert r["quote"] in text and r["rule"].startswith("references.")


# --- one date for several numbers, only where the text says so -----------------------------------------------
# (sentence, {cited_number: cited_date})
SHARED_DATES = [
    # a date between type word and "số" is that number's own, not the next one's
    ("tại Công văn ngày 05/01/2024 số 42/UBND-NC và Quyết định số 12/QĐ-UBND của UBND tỉnh.",
     {"42/UBND-NC": D(2024, 1, 5), "12/QĐ-UBND": None}),
    # each number has its own type word and a plain date follows the last: the date is the last one's
    ("Thực hiện Nghị định số 107/2020/NĐ-CP và Nghị định số 108/2020/NĐ-CP, ngày 14/9/2020 của Chính phủ.",
     {"107/2020/NĐ-CP": None, "108/2020/NĐ-CP": D(2020, 9, 14)}),
    # "cùng ngày": the date of all listed
    ("Căn cứ Quyết định số 1527/QĐ-UBND và Quyết định số 1528/QĐ-UBND cùng ngày 15/7/2024 của UBND tỉnh;",
     {"1527/QĐ-UBND": D(2024, 7, 15), "1528/QĐ-UBND": D(2024, 7, 15)}),
    ("Quyết định số 1/QĐ-UBND, Quyết định số 2/QĐ-UBND và Quyết định số 3/QĐ-UBND cùng ngày 15 tháng 7 năm 2024",
     {"1/QĐ-UBND": D(2024, 7, 15), "2/QĐ-UBND": D(2024, 7, 15), "3/QĐ-UBND": D(2024, 7, 15)}),
    ("Quyết định số 1/QĐ-UBND ngày 1/2/2023 và Quyết định số 2/QĐ-UBND cùng ngày 5/2/2023",  # its own date wins
     {"1/QĐ-UBND": D(2023, 2, 1), "2/QĐ-UBND": D(2023, 2, 5)}),
    ("Quyết định số 1/QĐ-UBND của UBND tỉnh và Quyết định số 2/QĐ-UBND cùng ngày 5/2/2023",  # not one list
     {"1/QĐ-UBND": None, "2/QĐ-UBND": D(2023, 2, 5)}),
    # numbers enumerated under one type word
    ("Công văn số 3021/UBND-NC, số 3022/UBND-NC ngày 02/8/2024 của UBND tỉnh về việc chấn chỉnh",
     {"3021/UBND-NC": D(2024, 8, 2), "3022/UBND-NC": D(2024, 8, 2)}),
    ("Công văn số 3021/UBND-NC và số 3022/UBND-NC ngày 02/8/2024", {"3021/UBND-NC": D(2024, 8, 2), "3022/UBND-NC": D(2024, 8, 2)}),
    ("Công văn số 1/UBND-NC, số 2/UBND-NC, số 3/UBND-NC ngày 02/8/2024",
     {"1/UBND-NC": D(2024, 8, 2), "2/UBND-NC": D(2024, 8, 2), "3/UBND-NC": D(2024, 8, 2)}),
    ("Công văn số 1/UBND-NC; số 2/UBND-NC ngày 02/8/2024", {"1/UBND-NC": None, "2/UBND-NC": D(2024, 8, 2)}),
    # the date before the citation, in the same clause, before the verb that issues it
    ("Ngày 12/4/2024, Bộ Nội vụ ban hành Quyết định số 261/QĐ-BNV phê duyệt và công bố Chỉ số CCHC năm 2023.",
     {"261/QĐ-BNV": D(2024, 4, 12)}),
    ("Kết quả như sau. Ngày 29 tháng 12 năm 2022, UBND tỉnh đã ban hành Kế hoạch số 4288/KH-UBND về CCHC.",
     {"4288/KH-UBND": D(2022, 12, 29)}),
    ("Ngày 12/4/2024, Bộ Nội vụ ban hành Quyết định số 261/QĐ-BNV và Quyết định số 262/QĐ-BNV.",
     {"261/QĐ-BNV": D(2024, 4, 12), "262/QĐ-BNV": D(2024, 4, 12)}),
    ("Ngày 15/3/2024, UBND tỉnh ban hành Kế hoạch số 50/KH-UBND ngày 14/3/2024.", {"50/KH-UBND": D(2024, 3, 14)}),
    ("Ngày 12/4/2024, Bộ Nội vụ tổ chức hội nghị triển khai Quyết định số 261/QĐ-BNV.", {"261/QĐ-BNV": None}),
    ("Từ ngày 15/12/2023 đến ngày 14/6/2024, Sở ban hành Kế hoạch số 5/KH-SNV.", {"5/KH-SNV": None}),
]


@pytest.mark.parametrize("text,dates", SHARED_DATES)
def test_dates_shared_only_where_the_text_says_so(text, dates):
    rows = refs(text)
    assert {r["cited_number"]: r["cited_date"] for r in rows} == dates
    assert all(r["quote"] in text for r in rows)


# (sentence, {cited_number: (cited_type, cited_issuer)})
LIST_TYPES_ISSUERS = [
    # numbers enumerated under one type word share it (unless their own code names a type)
    ("Hướng dẫn số 02/HD-SNV, số 03/SNV-CCHC ngày 1/3/2024", {"02/HD-SNV": ("Hướng dẫn", None), "03/SNV-CCHC": ("Hướng dẫn", None)}),
    # "của ..." after a list sharing one date is the issuer of all
    ("Quyết định số 1527/QĐ-UBND và Quyết định số 1528/QĐ-UBND cùng ngày 15/7/2024 của UBND tỉnh;",
     {"1527/QĐ-UBND": ("Quyết định", "UBND tỉnh"), "1528/QĐ-UBND": ("Quyết định", "UBND tỉnh")}),
    # an issuer ends where the next citation starts
    ("Kế hoạch số 1250-KH/TU ngày 20/01/2022 của Ban Thường vụ Tỉnh ủy và Hướng dẫn số 02-HD/BTCTW ngày 11/3/2022 của "
     "Ban Tổ chức Trung ương;", {"1250-KH/TU": ("Kế hoạch", "Ban Thường vụ Tỉnh ủy"),
                                  "02-HD/BTCTW": ("Hướng dẫn", "Ban Tổ chức Trung ương")}),
    ("Thông tư liên tịch số 11/2015/TTLT-BNV-BTC ngày 30/10/2015 của Bộ Nội vụ và Bộ Tài chính và Nghị quyết số "
     "16/2021/NQ-HĐND ngày 12/11/2021 của HĐND tỉnh.", {"11/2015/TTLT-BNV-BTC": ("Thông tư liên tịch", "Bộ Nội vụ và Bộ Tài chính"),
                                                        "16/2021/NQ-HĐND": ("Nghị quyết", "HĐND tỉnh")}),
]


@pytest.mark.parametrize("text,want", LIST_TYPES_ISSUERS)
def test_list_types_and_issuers(text, want):
    rows = refs(text)
    assert {r["cited_number"]: (r["cited_type"], r["cited_issuer"]) for r in rows} == want


def test_symbol_parts():
    r = refs("Quyết định số 48/2021/QĐ-UBND ngày 22/9/2021 của UBND tỉnh")[0]
    assert (r["cited_seq"], r["cited_year"], r["cited_type_code"], r["cited_issuer_code"]) == (48, 2021, "QĐ", "UBND")
    r = refs("Quyết định số 236/QĐ/UBND ngày 22/02/2024")[0]
    assert (r["cited_seq"], r["cited_type_code"], r["cited_issuer_code"]) == (236, "QĐ", "UBND")
    r = refs("Luật số 20/2023/QH15")[0]
    assert (r["cited_seq"], r["cited_year"], r["cited_type_code"], r["cited_issuer_code"]) == (20, 2023, None, "QH15")
    r = refs("Pháp lệnh số 34/2007/PL-UBTVQH11")[0]
    assert (r["cited_type_code"], r["cited_issuer_code"]) == ("PL", "UBTVQH11")
    r = refs("Công văn số 6615/UBND-KTTH ngày 29/12/2022")[0]
    assert (r["cited_seq"], r["cited_year"], r["cited_type_code"], r["cited_issuer_code"]) == (6615, 2022, None, "UBND-KTTH")


# not references
NEGATIVE = [
    "Báo cáo số /BC-SKHCVN, ngày /12/2021 của Sở Khoa học và Công nghệ",  # blank self-reference
    "(Ban hành theo Kế hoạch số: /SKHCN-VP ngày tháng 01 năm 2023)",
    "48/49 TTHC của Sở đã được cung cấp dịch vụ công trực tuyến; 09/09 hồ sơ",  # ratios
    "Từ ngày 15/12/2022 đến ngày 14/6/2023",  # dates
    "giải ngân 159,136/200 triệu đồng",  # money
    "theo Tiêu chuẩn quốc gia TCVN ISO 9001:2015 và ISO/IEC 17025:2017",
    "tại địa chỉ https://dichvucong.caobang.gov.vn/ và Trang/Cổng thông tin",
    "Việc chấp hành Chỉ thị 10 của Chủ tịch UBND tỉnh, Chỉ thị 26 của Thủ tướng",  # bare mentions
    "đạt 6,47/10 điểm, xếp thứ 14/21",
    "theo Mẫu số 01/TK2 kèm theo",  # digits after a code other than QH
]


@pytest.mark.parametrize("text", NEGATIVE)
def test_not_a_reference(text):
    assert refs(text) == []


def test_own_number_is_not_a_reference():
    text = "Số: 55 /TB-SKHCN\n\nBà Rịa - Vũng Tàu, ngày 26 tháng 4 năm 2023\n\nTrên đây là Thông báo số 55/TB-SKHCN của Sở."
    assert refs(text, own="55/TB-SKHCN") == []
    # even before the header extractor ran, the header "Số:" label is not a citation
    assert refs("Số: 12/KH-SNV") == []


LOCATIONS = [
    ("Thực hiện Kế hoạch số 14/KH-UBND ngày 31/01/2023.", "body"),
    ("Chỉ đạo ban hành Kế hoạch năm 2023¹.\n\n¹ Kế hoạch số 2170/KH-SKHCCN ngày 30/12/2022.", "footnote"),
    ("STT\tNội dung\tGhi chú\n1\tKế hoạch CCHC\tKế hoạch số 01/KH-SKHCN, ngày 07/01/2021", "table"),
]


@pytest.mark.parametrize("text,location", LOCATIONS)
def test_location(text, location):
    rows = refs(text)
    assert len(rows) == 1 and rows[0]["location"] == location


def test_one_row_per_mention():
    text = "Quyết định số 48/2021/QĐ-UBND ngày 22/9/2021; lại Quyết định số 48/2021/QĐ-UBND ngày 22/9/2021."
    assert len(refs(text)) == 2


def test_footnote_marker_after_symbol():
    assert [c.symbol.number for c in find_citations("theo Kế hoạch số 12/KH-UBND¹ của tỉnh")] == ["12/KH-UBND"]


def test_symbol_grammar_shared_with_doc_number():
    assert load_rules("references").vars["SYMBOL"] == load_rules("doc_number").vars["SYMBOL"]


@pytest.mark.parametrize("text,seq", [("Nghị quyết số 30c/NQ-CP", 30), ("Kế hoạch số 01a/KH-UBND", 1)])
def test_letter_suffix_keeps_the_number_as_seq(text, seq):
    assert [r["cited_seq"] for r in refs(text)] == [seq]


@pytest.mark.parametrize("text", ["phòng 12ab/KH-UBND", "Mẫu số 01a/TK2", "căn hộ 3c/5"])
def test_letter_suffix_is_one_letter(text):
    assert refs(text) == []
