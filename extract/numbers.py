"""Vietnamese number and date reading.

"87,303" is 87.303 (decimal comma); "2.265" is 2265 (dot groups thousands);
"1.234,5" is 1234.5; "54.9" (one or two digits after a single dot) is 54.9;
"09" is 9.
"""
from __future__ import annotations

import datetime as dt
import re

NUMBER_RE = r"\d{1,3}(?:\.\d{3})+(?:,\d+)?|\d+(?:[.,]\d+)?"


def parse_number(raw: str) -> float | None:
    s = raw.strip().replace(" ", "").rstrip("%")
    if not s:
        return None
    if not re.fullmatch(r"[+-]?[\d.,]+", s):
        return None
    sign = -1.0 if s.startswith("-") else 1.0
    s = s.lstrip("+-")
    if "," in s and "." in s:
        if s.rfind(",") > s.rfind("."):  # 1.234,5
            s = s.replace(".", "").replace(",", ".")
        else:  # 1,234.5 (English style, rare)
            s = s.replace(",", "")
    elif "," in s:
        parts = s.split(",")
        if len(parts) > 2:  # 1,234,567 -> thousands
            s = "".join(parts)
        else:
            s = s.replace(",", ".")
    elif "." in s:
        parts = s.split(".")
        if len(parts) > 2 or (len(parts) == 2 and len(parts[1]) == 3 and parts[0] != "0"):
            s = "".join(parts)  # thousands grouping
    try:
        return sign * float(s)
    except ValueError:
        return None


def parse_int(raw: str) -> int | None:
    v = parse_number(raw)
    if v is None or v != int(v):
        return None
    return int(v)


def make_date(year: int | str | None, month: int | str | None, day: int | str | None) -> dt.date | None:
    try:
        y, m, d = int(year), int(month), int(day)  # type: ignore[arg-type]
        if y < 100:
            y += 2000
        return dt.date(y, m, d)
    except (TypeError, ValueError):
        return None


def month_end(year: int, month: int) -> dt.date:
    if month == 12:
        return dt.date(year, 12, 31)
    return dt.date(year, month + 1, 1) - dt.timedelta(days=1)


ROMAN = {"I": 1, "V": 5, "X": 10, "L": 50}


def roman_to_int(s: str) -> int | None:
    s = s.upper()
    if not s or any(c not in ROMAN for c in s):
        return None
    total, prev = 0, 0
    for c in reversed(s):
        v = ROMAN[c]
        total = total - v if v < prev else total + v
        prev = max(prev, v)
    return total
