"""Vietnamese numbers, dates, periods and text normalisation."""
from __future__ import annotations

import datetime as dt

import pytest

from extract.normalize import clean_text, fold_for_matching, fold_tones, from_superscript, strip_markup
from extract.numbers import parse_int, parse_number, roman_to_int
from extract.periods import find_periods, parse_date


@pytest.mark.parametrize("raw,value", [
    ("87,303", 87.303), ("2.265", 2265), ("659.245", 659245), ("1.234,5", 1234.5), ("09", 9),
    ("54.9", 54.9), ("97%", 97), ("6,47", 6.47), ("0", 0), ("1.234.567", 1234567), ("0.5", 0.5),
    ("abc", None), ("", None), ("12/2021", None),
])
def test_parse_number(raw, value):
    assert parse_number(raw) == value


def test_parse_int_rejects_fractions():
    assert parse_int("06") == 6 and parse_int("87,303") is None


@pytest.mark.parametrize("old,new", [("hoà", "hòa"), ("thuỷ", "thủy"), ("Hoà Bình", "Hòa Bình"),
                                     ("khoẻ", "khỏe"), ("quý", "quý"), ("hoàn", "hoàn"), ("Thuỵ", "Thụy")])
def test_fold_tones(old, new):
    assert fold_tones(old) == new
    assert len(fold_for_matching(old)) == len(old)


def test_clean_text_repairs_eth_and_nfc():
    decomposed = "Quy\u0301t đi\u0323nh"  # combining acute / dot below
    assert clean_text("\u00d0ồng Nai") == "Đồng Nai"
    assert clean_text(decomposed) == "Quýt định"
    assert clean_text("a\u00a0b") == "a b"


@pytest.mark.parametrize("raw, clean", [
    ("BÁO CÁO\x00 Kết quả\x07 năm\x1b[31m 2023", "BÁO CÁO Kết quả năm[31m 2023"),
    ("a\r\nb\rc\vd", "a\nb\nc\nd"),  # line breaks stay line breaks
    ("ô\tô\fpage 2\n", "ô\tô\fpage 2\n"),  # tab (table cells) and form feed (page break) stay
])
def test_clean_text_drops_control_characters(raw, clean):
    assert clean_text(raw) == clean


def test_superscripts_and_markup():
    assert from_superscript("¹²") == "12"
    assert strip_markup("(<i>lũy</i>") == "(lũy"


@pytest.mark.parametrize("s,v", [("I", 1), ("IV", 4), ("VII", 7), ("XII", 12), ("A", None)])
def test_roman(s, v):
    assert roman_to_int(s) == v


@pytest.mark.parametrize("text,start,end", [
    ("Báo cáo 6 tháng đầu năm 2023", "2023-01-01", "2023-06-30"),
    ("nhiệm vụ 6 tháng cuối năm 2023", "2023-07-01", "2023-12-31"),
    ("kết quả quý I năm 2023", "2023-01-01", "2023-03-31"),
    ("Trong Quý III/2022", "2022-07-01", "2022-09-30"),
    ("Báo cáo 9 tháng năm 2023", "2023-01-01", "2023-09-30"),
    ("trong năm 2021", "2021-01-01", "2021-12-31"),
    ("báo cáo tháng 10/2023", "2023-10-01", "2023-10-31"),
    ("Từ ngày 15/12/2022 đến ngày 14/6/2023, Sở đã tiếp nhận", "2022-12-15", "2023-06-14"),
    ("(tính từ 01/01/2021 đến 01/11/2021)", "2021-01-01", "2021-11-01"),
    ("Từ 15/12/2022 - 14/3/2023, Sở ban hành", "2022-12-15", "2023-03-14"),
    ("Báo cáo quí I năm 2023", "2023-01-01", "2023-03-31"),
    ("Kế hoạch CCHC giai đoạn 2021 - 2025", "2021-01-01", "2025-12-31"),
    ("giai đoạn từ năm 2021 đến năm 2030", "2021-01-01", "2030-12-31"),
])
def test_find_periods(text, start, end):
    p = find_periods(text)[0]
    assert (p.start.isoformat(), p.end.isoformat()) == (start, end)


def test_year_taken_from_following_text_or_default():
    ps = find_periods("công tác CCHC 6 tháng đầu năm và nhiệm vụ 6 tháng cuối năm 2023")
    assert [(p.start.isoformat(), p.end.isoformat()) for p in ps] == [
        ("2023-01-01", "2023-06-30"), ("2023-07-01", "2023-12-31")]
    assert find_periods("quý II", default_year=2024)[0].start == dt.date(2024, 4, 1)


def test_reversed_year_range_is_not_a_period():
    assert find_periods("giai đoạn 2025 - 2021") == []


def test_dates_are_not_periods():
    assert find_periods("Quảng Ngãi, ngày 15 tháng 6 năm 2023") == []
    assert parse_date("ban hành ngày 29 tháng 12 năm 2022") == dt.date(2022, 12, 29)
    assert parse_date("ngày 22/9/2021 của UBND tỉnh") == dt.date(2021, 9, 22)
    assert parse_date("ngày 31/02/2021") is None
