"""Reporting periods and dates: phrases -> (start, end) dates.

Rules in patterns/periods.yaml; this module interprets their `period` kind.

    >>> [ (p.start.isoformat(), p.end.isoformat()) for p in find_periods("quý I năm 2023") ]
    [('2023-01-01', '2023-03-31')]
"""
from __future__ import annotations

import datetime as dt
import functools
import re
from dataclasses import dataclass

from .normalize import fold_for_matching
from .numbers import make_date, month_end, roman_to_int
from .rules import load_rules

_DATE_NUM = re.compile(r"(?<![\d/])(\d{1,2})\s*[/.\-]\s*(\d{1,2})\s*[/.\-]\s*((?:19|20)\d{2})(?![\d/])")
_DATE_WORDS = re.compile(r"ngày\s+(\d{1,2})\s+tháng\s+(\d{1,2})\s+năm\s+((?:19|20)\d{2})", re.I)
_YEAR_AFTER = re.compile(r"năm\s+((?:19|20)\d{2})", re.I)


@dataclass(frozen=True)
class Period:
    start: dt.date
    end: dt.date
    label: str  # the phrase as printed
    rule: str
    span: tuple[int, int]  # offsets in the text searched
    kind: str  # range | half_first | ... (the rule's `period`)


def parse_date(text: str) -> dt.date | None:
    """First full date in `text`: "22/9/2021", "ngày 29 tháng 12 năm 2022"."""
    best = None
    for rx in (_DATE_NUM, _DATE_WORDS):
        m = rx.search(text)
        if m and (best is None or m.start() < best[0]):
            d = make_date(m.group(3), m.group(2), m.group(1))
            if d:
                best = (m.start(), d)
    return best[1] if best else None


def _year(m: re.Match, text: str, default_year: int | None) -> int | None:
    y = m.groupdict().get("y")
    if y:
        return int(y)
    after = _YEAR_AFTER.search(text, m.end(), min(len(text), m.end() + 120))
    if after:
        return int(after.group(1))
    return default_year


def _interpret(kind: str, m: re.Match, text: str, default_year: int | None) -> tuple[dt.date, dt.date] | None:
    g = m.groupdict()
    if kind == "range":
        d1 = make_date(g.get("y1") or g.get("wy1"), g.get("m1") or g.get("wm1"), g.get("d1") or g.get("wd1"))
        d2 = make_date(g.get("y2") or g.get("wy2"), g.get("m2") or g.get("wm2"), g.get("d2") or g.get("wd2"))
        return (d1, d2) if d1 and d2 and d1 <= d2 else None
    if kind == "years":
        y1, y2 = int(g["y1"]), int(g["y2"])
        return (dt.date(y1, 1, 1), dt.date(y2, 12, 31)) if y1 < y2 <= y1 + 20 else None
    y = _year(m, text, default_year)
    if y is None:
        return None
    if kind == "half_first":
        return dt.date(y, 1, 1), dt.date(y, 6, 30)
    if kind == "half_last":
        return dt.date(y, 7, 1), dt.date(y, 12, 31)
    if kind == "nine_months":
        return dt.date(y, 1, 1), dt.date(y, 9, 30)
    if kind == "quarter":
        q = g.get("q") or ""
        n = int(q) if q.isdigit() else roman_to_int(q)
        if not n or not 1 <= n <= 4:
            return None
        return dt.date(y, 3 * n - 2, 1), month_end(y, 3 * n)
    if kind == "month":
        mo = int(g["m"])
        return dt.date(y, mo, 1), month_end(y, mo)
    if kind == "year":
        return dt.date(y, 1, 1), dt.date(y, 12, 31)
    raise ValueError(f"unknown period kind {kind!r}")


def find_periods(text: str, default_year: int | None = None) -> list[Period]:
    """All period phrases in `text`, earliest first; a longer phrase hides those inside it.

    The extractors ask again for the same sentence (each family walks the document's sentences,
    and a sentence is looked at for its own period and its paragraph's): the answer for a text is
    kept (the last few thousand texts of this process), so each is searched once."""
    return list(_find_periods(text, default_year))


@functools.lru_cache(maxsize=4096)
def _find_periods(text: str, default_year: int | None) -> tuple[Period, ...]:
    folded = fold_for_matching(text)
    found: list[Period] = []
    taken: list[tuple[int, int]] = []
    for rule in load_rules("periods"):  # file order = priority
        for m in rule.regex.finditer(folded):
            s, e = m.span()
            if any(s < te and ts < e for ts, te in taken):
                continue
            dates = _interpret(str(rule.get("period")), m, folded, default_year)
            if dates is None:
                continue
            taken.append((s, e))
            found.append(Period(dates[0], dates[1], text[s:e], rule.id, (s, e), str(rule.get("period"))))
    # full dates ("ngày 15 tháng 6 năm 2023") are not periods, but they hide "năm 2023" inside them
    return tuple(sorted((p for p in found if not _inside_date(text, p.span)), key=lambda p: p.span))


def _inside_date(text: str, span: tuple[int, int]) -> bool:
    for rx in (_DATE_WORDS, _DATE_NUM):
        for m in rx.finditer(text, max(0, span[0] - 40), min(len(text), span[1] + 5)):
            if m.start() <= span[0] and span[1] <= m.end():
                return True
    return False
