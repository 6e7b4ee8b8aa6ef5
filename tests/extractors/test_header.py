"""Header extractor: one case list per rule family (own number, place/date, type/title, agency/province, period, signer)."""
from __future__ import annotations

import datetime as dt

import pytest

from extract import symbols
from extract.extractors import Context
from extract.extractors.header import extract, title_case_office, title_case_org
from tests.helpers import doc_from_text

D = dt.date

BODY = "Thực hiện Kế hoạch số 12/KH-UBND ngày 03/3/2023 của UBND tỉnh, Sở Tư pháp báo cáo như sau:\n\n1. Kết quả\n\nNội dung."
SIGN = "Nơi nhận:\n- Sở Nội vụ;\n- Lưu: VT.\n\nGIÁM ĐỐC\n\nNguyễn Văn An"


def header_of(text: str) -> dict:
    return extract(doc_from_text(text), Context())["documents"][0]


def make(*, number="Số: 12/BC-STP", place="Hà Nội, ngày 05 tháng 01 năm 2024", orgs=("UBND TỈNH HÀ NAM", "SỞ TƯ PHÁP"),
         type_line="BÁO CÁO", title="Kết quả công tác năm 2023", body=BODY, sign=SIGN) -> str:
    parts = [*orgs, number, "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM", "Độc lập - Tự do - Hạnh phúc", place, type_line, title,
             body, sign]
    return "\n\n".join(p for p in parts if p)


# --- own number: (Số line, doc_number, doc_seq, doc_type_code, issuer_code, doc_type) --------------------
OWN_NUMBER = [
    ("Số: 55 /TB-SKHCN", "55/TB-SKHCN", 55, "TB", "SKHCN", "Báo cáo"),
    ("Số:      /BC-SKHCCN", "/BC-SKHCCN", None, "BC", "SKHCCN", "Báo cáo"),
    ("Số: /SKHCN-VP", "/SKHCN-VP", None, None, "SKHCN-VP", "Báo cáo"),
    ("Số: 48/2021/QĐ-UBND", "48/2021/QĐ-UBND", 48, "QĐ", "UBND", "Báo cáo"),
    ("Số: 31-CT/TU", "31-CT/TU", 31, "CT", "TU", "Báo cáo"),
    ("Số: 04-NQ/TU", "04-NQ/TU", 4, "NQ", "TU", "Báo cáo"),
    ("Số: 15/TTr-SNV", "15/TTr-SNV", 15, "TTr", "SNV", "Báo cáo"),
    ("Số: 01a/KH-STP", "01a/KH-STP", 1, "KH", "STP", "Báo cáo"),  # a letter suffix on the number
    ("Số: 123b/BC-STP", "123b/BC-STP", 123, "BC", "STP", "Báo cáo"),
]


@pytest.mark.parametrize("line,number,seq,code,issuer,doc_type", OWN_NUMBER)
def test_own_number(line, number, seq, code, issuer, doc_type):
    row = header_of(make(number=line))
    assert (row["doc_number"], row["doc_seq"], row["doc_type_code"], row["issuer_code"]) == (number, seq, code, issuer)
    assert row["doc_type"] == doc_type  # the type line wins over the code


# --- type codes to type names (vocab.json), mixed case and Đ written as D -----------------------------------
TYPE_CODES = [("QĐ", "Quyết định"), ("QyĐ", "Quy định"), ("CTr", "Chương trình"), ("TTr", "Tờ trình"),
              ("QD", "Quyết định"), ("ND", "Nghị định"), ("HD", "Hướng dẫn"), ("HĐ", "Hợp đồng"), ("UBND", None)]


@pytest.mark.parametrize("code,name", TYPE_CODES)
def test_type_codes(code, name):
    assert symbols.type_name(code) == name


def test_doc_type_from_code_without_type_line():
    row = header_of(make(number="Số: 7/KH-STP", type_line=None, title=None))
    assert row["doc_type"] == "Kế hoạch"


def test_cong_van_with_vv_line():
    row = header_of(make(number="Số: 321/STP-VP", type_line=None, title="V/v triển khai thực hiện Nghị quyết 131/NQ-CP"))
    assert row["doc_type"] == "Công văn" and row["doc_type_code"] is None and row["issuer_code"] == "STP-VP"
    assert row["title"] == "triển khai thực hiện Nghị quyết 131/NQ-CP"


# --- place and date: (line, place, date, year, month) ----------------------------------------------------
PLACE_DATE = [
    ("Quảng Ngãi, ngày 15 tháng 6 năm 2023", "Quảng Ngãi", D(2023, 6, 15), 2023, 6),
    ("Nghệ An, ngày 05 tháng 01 năm 2023", "Nghệ An", D(2023, 1, 5), 2023, 1),
    ("Cao Bằng, ngày    tháng 3 năm 2023", "Cao Bằng", None, 2023, 3),
    ("Sóc Trăng, ngày ... tháng 12 năm 2021", "Sóc Trăng", None, 2021, 12),
    ("Bà Rịa - Vũng Tàu, ngày 26 tháng 4 năm 2023", "Bà Rịa - Vũng Tàu", D(2023, 4, 26), 2023, 4),
    ("Thành phố Hồ Chí Minh, ngày 2 tháng 11 năm 2022", "Thành phố Hồ Chí Minh", D(2022, 11, 2), 2022, 11),
    ("Buôn Ma Thuột, ngày 9 tháng 9 năm 2024", "Buôn Ma Thuột", D(2024, 9, 9), 2024, 9),
    ("Đà Nẵng, ngày 01/3/2022", "Đà Nẵng", D(2022, 3, 1), 2022, 3),
]


@pytest.mark.parametrize("line,place,date,year,month", PLACE_DATE)
def test_place_date(line, place, date, year, month):
    row = header_of(make(place=line))
    assert (row["issue_place"], row["issue_date"], row["issue_year"], row["issue_month"]) == (place, date, year, month)


def test_place_date_joined_with_motto_in_one_block():
    text = make(orgs=(), place="Độc lập - Tự do - Hạnh phúc Khánh Hoà, ngày 3 tháng 2 năm 2022")
    row = header_of(text)
    assert row["issue_place"] == "Khánh Hoà" and row["province"] == "Khánh Hòa"


# --- type line and title: (type line, title lines, doc_type, title) --------------------------------------
TYPE_TITLE = [
    ("KẾ HOẠCH", "Cải cách hành chính năm 2023", "Kế hoạch", "Cải cách hành chính năm 2023"),
    ("THÔNG BÁO", "Về kết quả xếp hạng chỉ số CCHC năm 2022, rút kinh nghiệm\n\nvà chỉ đạo nhiệm vụ năm 2023",
     "Thông báo", "Về kết quả xếp hạng chỉ số CCHC năm 2022, rút kinh nghiệm và chỉ đạo nhiệm vụ năm 2023"),
    ("TỜ TRÌNH", "Đề nghị ban hành Quy chế làm việc", "Tờ trình", "Đề nghị ban hành Quy chế làm việc"),
    ("BÁO CÁO\nTình hình thực hiện 9 tháng năm 2023", None, "Báo cáo", "Tình hình thực hiện 9 tháng năm 2023"),
]


@pytest.mark.parametrize("type_line,title,doc_type,want", TYPE_TITLE)
def test_type_and_title(type_line, title, doc_type, want):
    row = header_of(make(type_line=type_line, title=title))
    assert row["doc_type"] == doc_type and row["title"] == want


def test_motto_never_title_or_agency():
    row = header_of(make())
    assert "Độc lập" not in (row["title"] or "") and "CỘNG" not in (row["agency"] or "").upper()


# --- agency and province: (header orgs, place, body, agency, province, province_2025) -----------------------
AGENCY = [
    (("UBND TỈNH QUẢNG NGÃI", "SỞ KHOA HỌC VÀ CÔNG NGHỆ"), "Quảng Ngãi, ngày 15 tháng 6 năm 2023", BODY,
     "Sở Khoa học và Công nghệ", "Quảng Ngãi", "Quảng Ngãi"),
    (("UBND TỈNH BÀ RỊA - VŨNG TÀU", "SỞ NỘI VỤ"), "Vũng Tàu, ngày 1 tháng 2 năm 2023", BODY,
     "Sở Nội vụ", "Bà Rịa - Vũng Tàu", "Thành phố Hồ Chí Minh"),
    (("ỦY BAN NHÂN DÂN TỈNH KON TUM", "SỞ LAO ĐỘNG - THƯƠNG BINH VÀ XÃ HỘI"), "Kon Tum, ngày 1 tháng 2 năm 2023", BODY,
     "Sở Lao động - Thương binh và Xã hội", "Kon Tum", "Quảng Ngãi"),
    # no header block (seed text): agency from the body, province from the place line (a city maps to its province)
    ((), "Biên Hòa, ngày 1 tháng 2 năm 2023", "Sở Khoa học và Công nghệ (KH&CN) báo cáo kết quả như sau:",
     "Sở Khoa học và Công nghệ", "Đồng Nai", "Đồng Nai"),
    ((), "Sóc Trăng, ngày   tháng 12 năm 2021", "Căn cứ Quyết định số 1/QĐ-UBND, Sở Khoa học và Công nghệ tỉnh Sóc Trăng báo cáo:",
     "Sở Khoa học và Công nghệ", "Sóc Trăng", "Thành phố Cần Thơ"),
    # a ministry or other central body, or a unit under one, has no province, even where it sits in Hà Nội
    (("BỘ THÔNG TIN VÀ TRUYỀN THÔNG",), "Hà Nội, ngày 18 tháng 12 năm 2023", BODY, "Bộ Thông tin và Truyền thông", None, None),
    (("VĂN PHÒNG CHÍNH PHỦ",), "Hà Nội, ngày 18 tháng 12 năm 2023", BODY, "Văn phòng Chính phủ", None, None),
    (("BỘ NỘI VỤ", "CỤC VĂN THƯ VÀ LƯU TRỮ NHÀ NƯỚC"), "Hà Nội, ngày 18 tháng 12 năm 2023", BODY,
     "Cục Văn thư và Lưu trữ nhà nước", None, None),
    # an issuer line wrapped in two (PDF blocks): the fragment completes the name
    (("BỘ THÔNG TIN VÀ TRUYỀN", "THÔNG"), "Hà Nội, ngày 18 tháng 12 năm 2023", BODY, "Bộ Thông tin và Truyền thông", None, None),
    (("UBND TỈNH QUẢNG NGÃI", "SỞ KHOA HỌC VÀ CÔNG", "NGHỆ"), "Quảng Ngãi, ngày 15 tháng 6 năm 2023", BODY,
     "Sở Khoa học và Công nghệ", "Quảng Ngãi", "Quảng Ngãi"),
    # a local branch of a central body names its province
    (("TỔNG CỤC THUẾ", "CỤC THUẾ TỈNH NGHỆ AN"), "Nghệ An, ngày 1 tháng 2 năm 2023", BODY, "Cục Thuế tỉnh Nghệ An",
     "Nghệ An", "Nghệ An"),
    # a branch of a vertical system is only named with its place; its head keeps the official spelling
    (("BẢO HIỂM XÃ HỘI VIỆT NAM", "BẢO HIỂM XÃ HỘI TỈNH THÁI NGUYÊN"), "Thái Nguyên, ngày 10 tháng 01 năm 2025", BODY,
     "Bảo hiểm xã hội tỉnh Thái Nguyên", "Thái Nguyên", "Thái Nguyên"),
    (("BỘ CÔNG AN", "CÔNG AN TỈNH LÀO CAI"), "Lào Cai, ngày 1 tháng 2 năm 2024", BODY, "Công an tỉnh Lào Cai",
     "Lào Cai", "Lào Cai"),
    (("KHO BẠC NHÀ NƯỚC", "KHO BẠC NHÀ NƯỚC TỈNH YÊN BÁI"), "Yên Bái, ngày 1 tháng 2 năm 2024", BODY,
     "Kho bạc Nhà nước tỉnh Yên Bái", "Yên Bái", "Lào Cai"),
    # a bare "VĂN PHÒNG" is the office of the committee over it, named by its level; a Sở keeps its plain name
    (("UBND TỈNH SƠN LA", "VĂN PHÒNG"), "Sơn La, ngày 22 tháng 01 năm 2024", BODY, "Văn phòng Ủy ban nhân dân tỉnh",
     "Sơn La", "Sơn La"),
    (("UBND TỈNH QUẢNG NINH", "SỞ XÂY DỰNG TỈNH QUẢNG NINH"), "Quảng Ninh, ngày 1 tháng 2 năm 2024", BODY,
     "Sở Xây dựng", "Quảng Ninh", "Quảng Ninh"),
    # a provincial body sitting in Hà Nội keeps its province
    (("UBND THÀNH PHỐ HÀ NỘI", "SỞ NỘI VỤ"), "Hà Nội, ngày 1 tháng 2 năm 2023", BODY, "Sở Nội vụ", "Thành phố Hà Nội",
     "Thành phố Hà Nội"),
]


@pytest.mark.parametrize("orgs,place,body,agency,province,p2025", AGENCY)
def test_agency_and_province(orgs, place, body, agency, province, p2025):
    row = header_of(make(orgs=orgs, place=place, body=body))
    assert (row["agency"], row["province"], row["province_2025"]) == (agency, province, p2025)


@pytest.mark.parametrize("orgs,agency", [
    (("UBND HUYỆN KRÔNG PẮC", "VĂN PHÒNG"), "Văn phòng Ủy ban nhân dân huyện"),
    (("HĐND VÀ UBND HUYỆN CƯ M'GAR", "VĂN PHÒNG"), "Văn phòng Hội đồng nhân dân và Ủy ban nhân dân huyện"),
    (("BỘ NỘI VỤ", "VĂN PHÒNG"), "Văn phòng"),  # no committee over it: nothing to complete it with
])
def test_bare_office_named_by_the_committee_over_it(orgs, agency):
    row = header_of(make(orgs=orgs, place="Krông Pắc, ngày 22 tháng 01 năm 2024"))
    assert row["agency"] == agency


def test_agency_from_issuer_code_when_nothing_else():
    row = header_of(make(orgs=(), number="Số: 9/BC-SKHCN", body="Kết quả như sau:"))
    assert row["agency"] == "Sở Khoa học và Công nghệ"


def test_header_lines_interleaved_like_pdf_columns():
    text = "\n\n".join(["UBND TỈNH CAO BẰNG CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT", "SỞ KHOA HỌC VÀ CÔNG", "NAM", "NGHỆ",
                        "Độc lập - Tự do - Hạnh phúc", "Số: /BC-SKHCN", "Cao Bằng, ngày tháng 3 năm 2023", "BÁO CÁO",
                        "Kết quả triển khai thực hiện Nghị quyết 131/NQ-CP của Chính phủ", "quý I năm 2023", BODY, SIGN])
    row = header_of(text)
    assert row["agency"] == "Sở Khoa học và Công nghệ" and row["province"] == "Cao Bằng"
    assert row["title"] == "Kết quả triển khai thực hiện Nghị quyết 131/NQ-CP của Chính phủ quý I năm 2023"
    assert (row["period_start"], row["period_end"]) == (D(2023, 1, 1), D(2023, 3, 31))


TITLE_CASE = [("PHÓ GIÁM ĐỐC", "Phó Giám đốc"), ("GIÁM ĐỐC", "Giám đốc"), ("PHÓ CHỦ TỊCH", "Phó Chủ tịch")]


@pytest.mark.parametrize("upper,want", TITLE_CASE)
def test_title_case_office(upper, want):
    assert title_case_office(upper) == want


@pytest.mark.parametrize("printed,name", [
    ("SỞ KHOA HỌC VÀ CÔNG NGHỆ", "Sở Khoa học và Công nghệ"),
    ("BỘ THÔNG TIN VÀ TRUYỀN THÔNG", "Bộ Thông tin và Truyền thông"),
    ("VĂN PHÒNG CHÍNH PHỦ", "Văn phòng Chính phủ"),
    ("TỔNG CỤC THUẾ", "Tổng cục Thuế"),
    ("TRUNG TÂM PHỤC VỤ HÀNH CHÍNH CÔNG", "Trung tâm Phục vụ hành chính công"),
])
def test_title_case_org(printed, name):
    assert title_case_org(printed) == name


# --- reporting period: (title, start, end, label) ------------------------------------------------------------
PERIOD = [
    ("Công tác CCHC 6 tháng đầu năm và nhiệm vụ 6 tháng cuối năm 2023", D(2023, 1, 1), D(2023, 6, 30), "6 tháng đầu năm"),
    ("Kết quả thực hiện quý I năm 2023", D(2023, 1, 1), D(2023, 3, 31), "quý I năm 2023"),
    ("Kết quả xếp hạng chỉ số CCHC năm 2022 và nhiệm vụ trong năm 2023", D(2022, 1, 1), D(2022, 12, 31), "năm 2022"),
    ("Tình hình thực hiện 9 tháng năm 2023", D(2023, 1, 1), D(2023, 9, 30), "9 tháng năm 2023"),
    ("Công tác cải cách hành chính tháng 10/2023", D(2023, 10, 1), D(2023, 10, 31), "tháng 10/2023"),
    ("Công tác cải cách hành chính", None, None, None),  # no period stated: the issue year is no reporting period
]


@pytest.mark.parametrize("title,start,end,label", PERIOD)
def test_period(title, start, end, label):
    row = header_of(make(title=title, body="Nội dung báo cáo như sau:"))
    assert (row["period_start"], row["period_end"], row["period_label"]) == (start, end, label)


def test_period_from_opening_when_title_has_none():
    row = header_of(make(title="Công tác cải cách hành chính", body="Sở Tư pháp báo cáo kết quả quý II năm 2023 như sau:"))
    assert (row["period_start"], row["period_end"]) == (D(2023, 4, 1), D(2023, 6, 30))


# --- signer: (signature text, signer, signer_title, signing_authority) ---------------------------------------
SIGNER = [
    ("Nơi nhận:\n- UBND tỉnh;\n- Lưu: VT.\n\n**KT. GIÁM ĐỐC\nPHÓ GIÁM ĐỐC**\n\nTrần Công Hòa", "Trần Công Hòa", "Phó Giám đốc", "KT. Giám đốc"),
    ("Nơi nhận:\n- Lưu: VT.\n\nGIÁM ĐỐC\n\nPhạm Quang Nhật", "Phạm Quang Nhật", "Giám đốc", None),
    ("TL. GIÁM ĐỐC\n\nCHÁNH VĂN PHÒNG\n\n(Đã ký)\n\nLê Thị Bình", "Lê Thị Bình", "Chánh Văn phòng", "TL. Giám đốc"),
    ("TM. ỦY BAN NHÂN DÂN\n\nKT. CHỦ TỊCH\n\nPHÓ CHỦ TỊCH\n\nHồ Văn Mười", "Hồ Văn Mười", "Phó Chủ tịch",
     "KT. Chủ tịch"),
    # PDF column order: the recipients list interleaved with the signature lines
    ("Nơi nhận:\n\nKT. GIÁM ĐỐC\n\n- UBND tỉnh (báo cáo);\n\nPHÓ GIÁM ĐỐC\n\n- Lưu: VT.\n\nNông Thành Thân",
     "Nông Thành Thân", "Phó Giám đốc", "KT. Giám đốc"),
    # multi-word offices: the authority line and the title line split on line structure
    ("KT. BỘ TRƯỞNG\n\nTHỨ TRƯỞNG\n\nNguyễn Huy Dũng", "Nguyễn Huy Dũng", "Thứ trưởng", "KT. Bộ trưởng"),
    ("KT. BỘ TRƯỞNG THỨ TRƯỞNG\n\nNguyễn Huy Dũng", "Nguyễn Huy Dũng", "Thứ trưởng", "KT. Bộ trưởng"),
    ("KT. TỔNG CỤC TRƯỞNG\n\nPHÓ TỔNG CỤC TRƯỞNG\n\nLê Văn Hải", "Lê Văn Hải", "Phó Tổng cục trưởng", "KT. Tổng cục trưởng"),
    ("TM. BAN THƯỜNG VỤ\n\nPHÓ BÍ THƯ\n\nĐỗ Thị Hoa", "Đỗ Thị Hoa", "Phó Bí thư", "TM. Ban Thường vụ"),
    ("TL. CHỦ TỊCH\n\nKT. CHÁNH VĂN PHÒNG\n\nPHÓ CHÁNH VĂN PHÒNG\n\nNgô Văn Tư", "Ngô Văn Tư", "Phó Chánh Văn phòng",
     "KT. Chánh Văn phòng"),
    ("TM. ỦY BAN NHÂN DÂN KT. CHỦ TỊCH\n\nPHÓ CHỦ TỊCH\n\nHồ Văn Mười", "Hồ Văn Mười", "Phó Chủ tịch",
     "KT. Chủ tịch"),
    ("**TM. ỦY BAN NHÂN DÂN\nCHỦ TỊCH**\n\nNguyễn Khắc Thận", "Nguyễn Khắc Thận", "Chủ tịch", "TM. Ủy ban nhân dân"),
    ("TM. ỦY BAN NHÂN DÂN CHỦ TỊCH\n\nNguyễn Khắc Thận", "Nguyễn Khắc Thận", "Chủ tịch", "TM. Ủy ban nhân dân"),
    ("KT. GIÁM ĐỐC PHÓ GIÁM ĐỐC\n\nTrần Công Hòa", "Trần Công Hòa", "Phó Giám đốc", "KT. Giám đốc"),
    # the signature block before the appendix, not one inside it
    ("GIÁM ĐỐC\n\nVũ Thị Hiếu Đông\n\nPhụ lục 1\n\nDANH SÁCH\n\nTRƯỞNG PHÒNG\n\nNguyễn Văn Bình", "Vũ Thị Hiếu Đông", "Giám đốc", None),
]


@pytest.mark.parametrize("sign,signer,title,authority", SIGNER)
def test_signer(sign, signer, title, authority):
    row = header_of(make(sign=sign))
    assert (row["signer"], row["signer_title"], row["signing_authority"]) == (signer, title, authority)


# --- the issuer code of the own number is no issuing body; People's Committees keep their place ---------------
# (header lines, Số line, place line, body, agency, province)
PEOPLES_BODY = [
    (("ỦY BAN NHÂN DÂN\nHUYỆN KRÔNG PẮC",), "Số: 215/BC-UBND", "Krông Pắc, ngày 23 tháng 9 năm 2024",
     "Thực hiện Kế hoạch số 28/KH-UBND ngày 05/02/2024 của UBND tỉnh Đắk Lắk, Ủy ban nhân dân huyện Krông Pắc báo cáo:",
     "Ủy ban nhân dân huyện Krông Pắc", "Đắk Lắk"),
    (("ỦY BAN NHÂN DÂN\nTỈNH LONG AN",), "Số: 96/TB-UBND", "Long An, ngày 14 tháng 5 năm 2024", "Kết quả như sau:",
     "Ủy ban nhân dân tỉnh Long An", "Long An"),
    (("UBND TỈNH LONG AN",), "Số: 96/TB-UBND", "Long An, ngày 14 tháng 5 năm 2024", "Kết quả như sau:",
     "Ủy ban nhân dân tỉnh Long An", "Long An"),
    (("UBND XÃ EA KLY",), "Số: 7/BC-UBND", "Ea Kly, ngày 1 tháng 2 năm 2024", "Kết quả như sau:",
     "Ủy ban nhân dân xã Ea Kly", None),
    (("UBND HUYỆN CƯ M'GAR",), "Số: 7/BC-UBND", "Cư M'gar, ngày 1 tháng 2 năm 2024", "Kết quả như sau:",
     "Ủy ban nhân dân huyện Cư M'gar", None),
    # a People's Committee over a department: the department issues
    (("ỦY BAN NHÂN DÂN", "THÀNH PHỐ HỒ CHÍ MINH", "SỞ Y TẾ"), "Số: 4127/BC-SYT", "TP. Hồ Chí Minh, ngày 05 tháng 7 năm 2024",
     "Kết quả như sau:", "Sở Y tế", "Thành phố Hồ Chí Minh"),
    (("UBND HUYỆN KRÔNG PẮC", "PHÒNG NỘI VỤ"), "Số: 12/BC-PNV", "Krông Pắc, ngày 1 tháng 2 năm 2024", "Kết quả như sau:",
     "Phòng Nội vụ", None),
    # printed with old-style tones: kept as printed
    (("UỶ BAN NHÂN DÂN TỈNH KHÁNH HOÀ",), "Số: 5/BC-UBND", "Khánh Hoà, ngày 1 tháng 2 năm 2024", "Kết quả như sau:",
     "Uỷ ban nhân dân tỉnh Khánh Hoà", "Khánh Hòa"),
    # no header block: the code UBND names the province's committee when the place line is the province itself
    ((), "Số: 96/TB-UBND", "Long An, ngày 14 tháng 5 năm 2024", "Kết quả như sau:", "Ủy ban nhân dân tỉnh Long An", "Long An"),
    ((), "Số: 96/TB-UBND", "Hà Nội, ngày 14 tháng 5 năm 2024", "Kết quả như sau:", "Ủy ban nhân dân thành phố Hà Nội",
     "Thành phố Hà Nội"),
    ((), "Số: 215/BC-UBND", "Krông Pắc, ngày 23 tháng 9 năm 2024", "Kết quả như sau:", "Ủy ban nhân dân", None),
    ((), "Số: 5/BC-UBND", "Buôn Ma Thuột, ngày 2 tháng 3 năm 2024", "Kết quả như sau:", "Ủy ban nhân dân", "Đắk Lắk"),
    ((), "Số: 96/TB-UBND", "Long An, ngày 14 tháng 5 năm 2024", "Ủy ban nhân dân tỉnh thông báo kết quả như sau:",
     "Ủy ban nhân dân tỉnh Long An", "Long An"),
]


@pytest.mark.parametrize("orgs,number,place,body,agency,province", PEOPLES_BODY)
def test_peoples_committee_agency(orgs, number, place, body, agency, province):
    row = header_of(make(orgs=orgs, number=number, place=place, body=body))
    assert row["agency"] == agency
    if province:
        assert row["province"] == province


# issuer codes -> bodies when nothing else names the issuing body (patterns/header.yaml header.agency_code_*)
ISSUER_CODES = [("SNV-CCHC", "Sở Nội vụ"), ("STP", "Sở Tư pháp"), ("SYT", "Sở Y tế"), ("STC", "Sở Tài chính"),
                ("SKHĐT", "Sở Kế hoạch và Đầu tư"), ("SGDĐT", "Sở Giáo dục và Đào tạo"),
                ("STNMT", "Sở Tài nguyên và Môi trường"), ("SNN", "Sở Nông nghiệp và Phát triển nông thôn"),
                ("SNN&PTNT", "Sở Nông nghiệp và Phát triển nông thôn"), ("SXD", "Sở Xây dựng"),
                ("SGTVT", "Sở Giao thông vận tải"), ("STTTT", "Sở Thông tin và Truyền thông"),
                ("SVHTTDL", "Sở Văn hóa, Thể thao và Du lịch"), ("SLĐTBXH", "Sở Lao động - Thương binh và Xã hội"),
                ("SCT", "Sở Công Thương"), ("SKHCN", "Sở Khoa học và Công nghệ"), ("XYZ", None)]


@pytest.mark.parametrize("code,agency", ISSUER_CODES)
def test_agency_from_issuer_code(code, agency):
    row = header_of(make(orgs=(), number=f"Số: 9/{code}", type_line=None, title="V/v triển khai nhiệm vụ",
                         body="Kính gửi: Các sở, ban, ngành\n\nHĐND tỉnh và UBND tỉnh đã chỉ đạo như sau:"))
    assert row["agency"] == agency


# --- a công văn: no type line; the header ends at "V/v" / "Kính gửi:", the subject is split out of the number's line
CONG_VAN = "Kính gửi:\n- Các sở, ban, ngành thuộc UBND tỉnh;\n- UBND các huyện.\n\n" \
           "Thực hiện Nghị quyết số 16/2021/NQ-HĐND ngày 12/11/2021 của HĐND tỉnh, Sở Nội vụ đề nghị như sau:"
# (Số line, subject lines, place line, title, issue_place)
CONG_VAN_TITLE = [
    ("Số: 1234/SNV-CCHC\nV/v triển khai nhiệm vụ cải cách hành chính trọng tâm quý IV năm 2024", None,
     "Yên Bái, ngày 07 tháng 10 năm 2024", "triển khai nhiệm vụ cải cách hành chính trọng tâm quý IV năm 2024", "Yên Bái"),
    ("Số: 1234/SNV-CCHC V/v triển khai nhiệm vụ CCHC", None, "Yên Bái, ngày 07 tháng 10 năm 2024",
     "triển khai nhiệm vụ CCHC", "Yên Bái"),
    ("Số: 1234/SNV-CCHC", "V/v triển khai nhiệm vụ cải cách hành chính\n\ntrọng tâm quý IV năm 2024",
     "Yên Bái, ngày 07 tháng 10 năm 2024", "triển khai nhiệm vụ cải cách hành chính trọng tâm quý IV năm 2024", "Yên Bái"),
    ("Số: 1234/SNV-CCHC V/v triển khai nhiệm vụ CCHC Yên Bái, ngày 07 tháng 10 năm 2024", None, None,
     "triển khai nhiệm vụ CCHC", "Yên Bái"),
]


@pytest.mark.parametrize("number,subject,place,title,issue_place", CONG_VAN_TITLE)
def test_cong_van_subject_and_agency(number, subject, place, title, issue_place):
    row = header_of(make(orgs=("UBND TỈNH YÊN BÁI", "SỞ NỘI VỤ"), number=number, place=place, type_line=None,
                         title=subject, body=CONG_VAN))
    assert (row["doc_number"], row["doc_type"], row["doc_type_code"]) == ("1234/SNV-CCHC", "Công văn", None)
    assert (row["title"], row["issue_place"]) == (title, issue_place)
    assert (row["agency"], row["province"]) == ("Sở Nội vụ", "Yên Bái")


def test_body_never_lends_the_header_a_body():
    # no type line, no subject line: running text ends the header block (its "UBND tỉnh" is no issuing body)
    row = header_of(make(orgs=("UBND TỈNH HÀ NAM", "SỞ TƯ PHÁP"), number="Số: 7/KH-STP", type_line=None, title=None))
    assert row["agency"] == "Sở Tư pháp"


# --- signer names: ethnic-minority names (one-letter syllables, apostrophes), hyphens, 2-6 syllables; as printed
SIGNER_NAMES = [
    ("Y Biêr Niê", "Y Biêr Niê"), ("H'Hen Niê", "H'Hen Niê"), ("Ksor Y Phước", "Ksor Y Phước"),
    ("Rơ Châm Y-Sang", "Rơ Châm Y-Sang"), ("Nguyễn Văn A", "Nguyễn Văn A"), ("Lê Bình", "Lê Bình"),
    ("Công Tôn Nữ Thị Ngọc Bích", "Công Tôn Nữ Thị Ngọc Bích"),
    ("Đặng Văn Hoà", "Đặng Văn Hoà"), ("Lê Thị Thuỷ", "Lê Thị Thuỷ"),  # old-style tones kept as printed
]


@pytest.mark.parametrize("printed,signer", SIGNER_NAMES)
def test_signer_names(printed, signer):
    row = header_of(make(sign=f"Nơi nhận:\n- Lưu: VT.\n\nKT. CHỦ TỊCH\nPHÓ CHỦ TỊCH\n\n{printed}"))
    assert (row["signer"], row["signer_title"], row["signing_authority"]) == (signer, "Phó Chủ tịch", "KT. Chủ tịch")


OFFICES = [("CHÁNH VĂN PHÒNG", "Chánh Văn phòng"), ("CHÁNH THANH TRA", "Chánh Thanh tra"),
           ("Q. GIÁM ĐỐC", "Q. Giám đốc"), ("TRƯỞNG PHÒNG", "Trưởng phòng")]


@pytest.mark.parametrize("upper,want", OFFICES)
def test_title_case_office_names_the_body_in_capitals(upper, want):
    assert title_case_office(upper) == want


ORG_NAMES = [("ỦY BAN NHÂN DÂN HUYỆN KRÔNG PẮC", "Ủy ban nhân dân huyện Krông Pắc"),
             ("UBND XÃ EA KLY", "UBND xã Ea Kly"),
             ("SỞ LAO ĐỘNG - THƯƠNG BINH VÀ XÃ HỘI", "Sở Lao động - Thương binh và Xã hội"),
             ("ỦY BAN NHÂN DÂN THỊ XÃ BUÔN HỒ", "Ủy ban nhân dân thị xã Buôn Hồ")]


@pytest.mark.parametrize("upper,want", ORG_NAMES)
def test_title_case_org_places(upper, want):
    assert title_case_org(upper) == want


# a head word that ends a compound ("MÔI TRƯỜNG", "QUỐC PHÒNG") starts no new body; header lines in one block or several
ORG_COMPOUNDS = [
    (("UBND TỈNH BÌNH ĐỊNH", "SỞ TÀI NGUYÊN VÀ MÔI TRƯỜNG"), "Sở Tài nguyên và Môi trường"),
    (("UBND TỈNH BÌNH ĐỊNH\nSỞ TÀI NGUYÊN VÀ MÔI TRƯỜNG",), "Sở Tài nguyên và Môi trường"),
    (("UBND TỈNH BÌNH ĐỊNH", "SỞ TÀI NGUYÊN VÀ MÔI", "TRƯỜNG"), "Sở Tài nguyên và Môi trường"),
]


@pytest.mark.parametrize("orgs,agency", ORG_COMPOUNDS)
def test_org_names_with_compounds(orgs, agency):
    row = header_of(make(orgs=orgs, number="Số: 412/BC-STNMT", place="Bình Định, ngày 28 tháng 10 năm 2024"))
    assert (row["agency"], row["province"]) == (agency, "Bình Định")



def test_no_period_for_a_decision_issuing_criteria():
    row = header_of(make(number="Số: 27/2025/QĐ-UBND", place="Đồng Nai, ngày 18 tháng 8 năm 2025", type_line="QUYẾT ĐỊNH",
                         title="Về việc ban hành Bộ tiêu chí đánh giá, xếp hạng kết quả cải cách hành chính",
                         body="Căn cứ Luật Tổ chức chính quyền địa phương số 72/2025/QH15 ngày 16 tháng 6 năm 2025;"))
    assert (row["period_start"], row["period_end"], row["period_label"]) == (None, None, None)


# --- a công văn laid out in two columns: the subject, national name, place/date and addressees come in any order
# before the body; the province is read from the body's first sentences
CV_BODY = ("Thực hiện Công văn số 1125/UBND-NC ngày 14/5/2024 của UBND tỉnh Đồng Tháp về việc chấn chỉnh tình trạng hồ "
           "sơ trễ hạn; Ủy ban nhân dân huyện đề nghị như sau:")


@pytest.mark.parametrize("blocks", [
    # DOCX order: left column (body, number, subject) then right column (national name, motto, place/date)
    ["ỦY BAN NHÂN DÂN", "HUYỆN THÁP MƯỜI", "Số: 2187/UBND-VP", "V/v chấn chỉnh việc giải quyết hồ sơ trễ hạn",
     "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM", "Độc lập - Tự do - Hạnh phúc", "Tháp Mười, ngày 05 tháng 7 năm 2024",
     "Kính gửi: - Thủ trưởng các cơ quan chuyên môn thuộc UBND huyện;", "- Chủ tịch UBND các xã, thị trấn.", CV_BODY],
    # PDF order: the addressee list cut and interleaved with the right column
    ["ỦY BAN NHÂN DÂN HUYỆN THÁP MƯỜI", "Số: 2187/UBND-VP", "V/v chấn chỉnh việc giải quyết hồ sơ trễ hạn", "Kính gửi:",
     "huyện;", "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM", "Độc lập - Tự do - Hạnh phúc", "Tháp Mười, ngày 05 tháng 7 năm 2024",
     "- Thủ trưởng các cơ quan chuyên môn thuộc UBND", "- Chủ tịch UBND các xã, thị trấn.", CV_BODY],
    # text order
    ["ỦY BAN NHÂN DÂN\nHUYỆN THÁP MƯỜI", "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM\nĐộc lập - Tự do - Hạnh phúc",
     "Số: 2187/UBND-VP\nV/v chấn chỉnh việc giải quyết hồ sơ trễ hạn", "Tháp Mười, ngày 05 tháng 7 năm 2024",
     "Kính gửi:\n- Thủ trưởng các cơ quan chuyên môn thuộc UBND huyện;\n- Chủ tịch UBND các xã, thị trấn.", CV_BODY],
])
def test_cong_van_province_from_the_body_whatever_the_layout(blocks):
    row = header_of("\n\n".join(blocks))
    assert (row["agency"], row["province"], row["province_2025"]) == \
        ("Ủy ban nhân dân huyện Tháp Mười", "Đồng Tháp", "Đồng Tháp")
    assert row["title"] == "chấn chỉnh việc giải quyết hồ sơ trễ hạn"


# --- the province at the time of the document: after 1/7/2025 a place belongs to its merged unit
# (header lines, place line, body, province, province_2025)
MERGED = [
    (("ỦY BAN NHÂN DÂN\nPHƯỜNG RẠCH GIÁ",), "Rạch Giá, ngày 03 tháng 10 năm 2025",
     "Thực hiện Công văn số 215/SNV-CCHC ngày 22/9/2025 của Sở Nội vụ tỉnh An Giang, Ủy ban nhân dân phường Rạch Giá "
     "báo cáo như sau:", "An Giang", "An Giang"),
    (("ỦY BAN NHÂN DÂN\nPHƯỜNG RẠCH GIÁ",), "Rạch Giá, ngày tháng 9 năm 2025", "Kết quả như sau:", "An Giang", "An Giang"),
    # before the merger the same place is in Kiên Giang
    (("ỦY BAN NHÂN DÂN\nTHÀNH PHỐ RẠCH GIÁ",), "Rạch Giá, ngày 03 tháng 6 năm 2025", "Kết quả như sau:",
     "Kiên Giang", "An Giang"),
    # a unit that keeps its name stays itself
    (("UBND TỈNH TUYÊN QUANG", "SỞ NỘI VỤ"), "Tuyên Quang, ngày 26 tháng 9 năm 2025", "Kết quả như sau:",
     "Tuyên Quang", "Tuyên Quang"),
    # a province merged into another, in a header dated after the merger
    (("UBND TỈNH HÀ GIANG", "SỞ NỘI VỤ"), "Hà Giang, ngày 26 tháng 9 năm 2025", "Kết quả như sau:",
     "Tuyên Quang", "Tuyên Quang"),
]


@pytest.mark.parametrize("orgs,place,body,province,p2025", MERGED)
def test_province_after_the_2025_merger(orgs, place, body, province, p2025):
    row = header_of(make(orgs=orgs, number="Số: 87/BC-UBND", place=place, body=body))
    assert (row["province"], row["province_2025"]) == (province, p2025)


@pytest.mark.parametrize("word, acronym", [("PCCC", True), ("CNCH", True), ("BCĐ", True), ("HĐND", True),
                                           ("ĐKKD", True), ("SỞ", False), ("TỈNH", False), ("ỦY", False)])
def test_an_abbreviation_keeps_its_capitals_with_d_stroke(word, acronym):
    """"Đ" is no vowel: "BCĐ" (Ban Chỉ đạo) is an abbreviation, as "PCCC" is."""
    from extract.extractors.header import _is_acronym

    assert _is_acronym(word) is acronym
