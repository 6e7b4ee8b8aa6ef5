"""Province table: 63 provinces before 2025 -> 34 units (Nghị quyết 202/2025/QH15), spellings, lookups."""
from __future__ import annotations

import pytest

from extract.provinces import find_province, lookup, province_rows, to_2025

TO_2025 = [
    ("Bà Rịa - Vũng Tàu", "Thành phố Hồ Chí Minh"), ("Bà Rịa-Vũng Tàu", "Thành phố Hồ Chí Minh"),
    ("Bình Dương", "Thành phố Hồ Chí Minh"), ("TP. Hồ Chí Minh", "Thành phố Hồ Chí Minh"),
    ("Sóc Trăng", "Thành phố Cần Thơ"), ("Hậu Giang", "Thành phố Cần Thơ"), ("Cần Thơ", "Thành phố Cần Thơ"),
    ("Quảng Ngãi", "Quảng Ngãi"), ("Kon Tum", "Quảng Ngãi"), ("Nghệ An", "Nghệ An"), ("Cao Bằng", "Cao Bằng"),
    ("Hòa Bình", "Phú Thọ"), ("Hoà Bình", "Phú Thọ"), ("Vĩnh Phúc", "Phú Thọ"), ("tỉnh Hà Giang", "Tuyên Quang"),
    ("Yên Bái", "Lào Cai"), ("Bắc Kạn", "Thái Nguyên"), ("Bắc Giang", "Bắc Ninh"), ("Thái Bình", "Hưng Yên"),
    ("Hải Dương", "Thành phố Hải Phòng"), ("Hà Nam", "Ninh Bình"), ("Nam Định", "Ninh Bình"), ("Quảng Bình", "Quảng Trị"),
    ("Quảng Nam", "Thành phố Đà Nẵng"), ("Bình Định", "Gia Lai"), ("Ninh Thuận", "Khánh Hòa"), ("Khánh Hoà", "Khánh Hòa"),
    ("Đắk Nông", "Lâm Đồng"), ("Bình Thuận", "Lâm Đồng"), ("Phú Yên", "Đắk Lắk"), ("Bình Phước", "Đồng Nai"),
    ("Long An", "Tây Ninh"), ("Tiền Giang", "Đồng Tháp"), ("Bến Tre", "Vĩnh Long"), ("Trà Vinh", "Vĩnh Long"),
    ("Bạc Liêu", "Cà Mau"), ("Kiên Giang", "An Giang"), ("Thừa Thiên Huế", "Thành phố Huế"), ("Hà Nội", "Thành phố Hà Nội"),
    ("Thanh Hoá", "Thanh Hóa"), ("Lạng Sơn", "Lạng Sơn"), ("Buôn Ma Thuột", "Đắk Lắk"), ("Atlantis", None),
]


@pytest.mark.parametrize("name,unit", TO_2025)
def test_to_2025(name, unit):
    assert to_2025(name) == unit


FIND = [
    ("UBND TỈNH QUẢNG NGÃI", "Quảng Ngãi"), ("ỦY BAN NHÂN DÂN TỈNH BÀ RỊA - VŨNG TÀU", "Bà Rịa - Vũng Tàu"),
    ("trên địa bàn tỉnh Sóc Trăng năm 2021", "Sóc Trăng"), ("UBND TP.HCM", "Thành phố Hồ Chí Minh"),
    ("học tập và làm theo tư tưởng, đạo đức, phong cách Hồ Chí Minh", None), ("tỉnh Khánh Hoà", "Khánh Hòa"),
    ("Sở Tài nguyên và Môi trường", None),
]


@pytest.mark.parametrize("text,province", FIND)
def test_find_province(text, province):
    assert find_province(text) == province


def test_table_has_63_provinces_in_34_units():
    rows = province_rows()
    assert len(rows) == 63 and len({r["province"] for r in rows}) == 63
    units = {r["province_2025"] for r in rows}
    assert len(units) == 34
    assert sum(1 for u in units if u.startswith("Thành phố")) == 6
    assert set(rows[0]) == {"province", "province_2025", "region", "kind", "kind_2025", "aliases"}
    unchanged = {"Thành phố Hà Nội", "Lai Châu", "Điện Biên", "Sơn La", "Lạng Sơn", "Quảng Ninh", "Thanh Hóa", "Nghệ An",
                 "Hà Tĩnh", "Cao Bằng"}
    for r in rows:
        if r["province"] in unchanged:
            assert r["province_2025"] == r["province"]


def test_city_lookup_only_whole_names():
    assert lookup("Vinh").province == "Nghệ An"
    assert find_province("Vinh danh") is None


# header lines of People's Committees: the province they name, if any (a district names none)
PEOPLES_HEADERS = [("ỦY BAN NHÂN DÂN TỈNH LONG AN", "Long An"), ("UBND TỈNH YÊN BÁI", "Yên Bái"),
                   ("UỶ BAN NHÂN DÂN TỈNH KHÁNH HOÀ", "Khánh Hòa"), ("ỦY BAN NHÂN DÂN THÀNH PHỐ HỒ CHÍ MINH", "Thành phố Hồ Chí Minh"),
                   ("ỦY BAN NHÂN DÂN HUYỆN KRÔNG PẮC", None), ("UBND HUYỆN CƯ M'GAR", None)]


@pytest.mark.parametrize("text,province", PEOPLES_HEADERS)
def test_find_province_in_peoples_committee_header(text, province):
    assert find_province(text) == province


# a place line names the province itself (a provincial body) or a place inside it (a district body): whole names only
PLACE_LINES = [("Long An", "Long An"), ("Hà Nội", "Thành phố Hà Nội"), ("TP. Hồ Chí Minh", "Thành phố Hồ Chí Minh"),
               ("Krông Pắc", None), ("Buôn Ma Thuột", None)]


@pytest.mark.parametrize("place,province", PLACE_LINES)
def test_place_line_names_the_province_itself(place, province):
    p = lookup(place, cities=False)
    assert (p.province if p else None) == province


# the province at a date: before 1/7/2025 itself; after, the unit it was merged into (when that unit bears one of the
# 63 names); (province, date, province at that date)
AS_OF = [
    ("Kiên Giang", "2025-10-03", "An Giang"), ("Kiên Giang", "2025-06-30", "Kiên Giang"),
    ("Kiên Giang", "2025-07-01", "An Giang"), ("Hà Giang", "2025-09-26", "Tuyên Quang"),
    ("Bình Dương", "2025-08-01", "Thành phố Hồ Chí Minh"), ("Đồng Nai", "2025-08-18", "Đồng Nai"),
    ("Thừa Thiên Huế", "2025-08-01", "Thừa Thiên Huế"),  # "Thành phố Huế" is not one of the 63 names
    ("Kiên Giang", None, "Kiên Giang"),
]


@pytest.mark.parametrize("name,when,want", AS_OF)
def test_as_of(name, when, want):
    import datetime as dt

    from extract.provinces import as_of
    p = as_of(lookup(name), dt.date.fromisoformat(when) if when else None)
    assert p.province == want
    assert as_of(None, dt.date(2025, 8, 1)) is None
