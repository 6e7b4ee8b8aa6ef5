"""Number spans in text: counts, ratios ("48/49"), percentages, decimals; dates, symbols, years and
article numbers left out."""
from __future__ import annotations

import functools
import re
from dataclasses import dataclass

from ..normalize import fold_for_matching
from ..numbers import parse_number


_NUM = r"\d{1,3}(?:\.\d{3})+(?:,\d+)?|\d+(?:,\d+)?(?:\.\d{1,2}(?!\d))?"
NUMBER_RX = re.compile(
    rf"(?<![\w/.,:\-])(?<!\d\s(?=\d{{3}}(?!\d)))(?P<a>{_NUM})(?:\s*/\s*(?P<b>{_NUM}))?(?P<pct>\s*%)?(?![\w/]|[.,]\d|:\d)"
    # "1 250 hồ sơ": space-grouped thousands are ambiguous; neither part is read
    r"(?!\s\d{3}(?![\d.,]?\d))"
)
_DATE_RX = re.compile(r"\d{1,2}\s*[/.\-]\s*\d{1,2}\s*[/.\-]\s*(?:19|20)\d{2}|\d{1,2}/(?:19|20)\d{2}")
_SYMBOL_RX = re.compile(r"\d+[/\-][\w&Đđ\-/]*[A-ZĐ][\w&Đđ\-/]*")
_YEAR_BEFORE = re.compile(r"(?:năm|giai đoạn|đến|từ|–|-|thứ|khóa|lần|số|ngày|tháng|quý|khoản|điều|mục|điểm|nghị định|thông tư|chỉ thị)\s*$", re.I)
_LEVEL_LIST_BEFORE = re.compile(r"mức\s+độ\s+0?[1-4]\s*(?:,|và|-|–|hoặc)\s*(?:mức\s+độ\s+)?$", re.I)
_COUNT_UNIT_AFTER = re.compile(r"\s*(?:tthc|thủ\s+tục|hồ\s+sơ|dịch\s+vụ)", re.I)
_MONEY_AFTER = re.compile(r"\s*(?:triệu|tỷ|nghìn|ngàn|đồng|vnđ|vnd|usd|%)", re.I)


@dataclass(frozen=True)
class Number:
    start: int  # offsets in the text searched
    end: int
    raw: str
    value: float
    denominator: float | None
    percent: bool

    @property
    def is_int(self) -> bool:
        return self.value == int(self.value) and not self.percent

    @property
    def int_value(self) -> int:
        return int(self.value)


def numbers(text: str) -> list[Number]:
    """Number spans in `text`: counts, ratios ("48/49"), percentages, decimals.

    Leaves out dates (15/12/2022, 6/2023), document symbols (48/2021/QĐ-UBND),
    years after "năm", article/section numbers and superscript footnote marks.
    """
    return list(_numbers(text))


@functools.lru_cache(maxsize=4096)
def _numbers(text: str) -> tuple[Number, ...]:
    """`numbers` of a text, cached by the text itself (tthc, hoso and hoso's rates read the same sentences;
    the answer depends on the text only, and a `Number` is frozen)."""
    blocked: list[tuple[int, int]] = [m.span() for m in _DATE_RX.finditer(text)]
    blocked += [m.span() for m in _SYMBOL_RX.finditer(text)]
    out: list[Number] = []
    for m in NUMBER_RX.finditer(text):
        s, e = m.span()
        if any(bs <= s < be or bs < e <= be for bs, be in blocked):
            continue
        a, b = m.group("a"), m.group("b")
        if b is None and re.fullmatch(r"(?:19|20)\d{2}", a) and _YEAR_BEFORE.search(text[max(0, s - 15):s]):
            continue
        if b is None and _YEAR_BEFORE.search(text[max(0, s - 12):s]) and re.search(r"(?:số|điều|khoản|(?<!danh\s)mục|thứ|lần|khóa)\s*$", text[max(0, s - 12):s], re.I) \
                and not (re.search(r"(?:trong|tổng)\s+số\s*$", text[max(0, s - 12):s], re.I) and _COUNT_UNIT_AFTER.match(text, m.end())):
            # "số 48", "thứ 4" are not counts (ranks are read by the PAR rules)
            continue
        if b is None and re.search(r"(?:mức(?:\s+độ)?|lần|khóa|thứ|hạng|bậc|iso|tcvn|nghị\s+quyết|quyết\s+định|điều|khoản)\s*$", text[max(0, s - 14):s], re.I):
            continue  # "mức độ 4", "lần 2", "ISO 9001": part of a name, not a count
        if b is None and _LEVEL_LIST_BEFORE.search(text[max(0, s - 30):s]) and re.fullmatch(r"0?[1-4]", a) \
                and not _COUNT_UNIT_AFTER.match(text, m.end()):
            continue  # the "4" of "mức độ 3, 4" / "mức độ 3 và 4": a service level, not a count
        va = parse_number(a)
        vb = parse_number(b) if b else None
        if va is None or (b and vb is None):
            continue
        end = m.end("pct") if m.group("pct") else (m.end("b") if b else m.end("a"))
        scale = _SCALE_AFTER.match(text, end) if b is None and not m.group("pct") else None
        if scale:  # "14 triệu hồ sơ", "1,2 nghìn hồ sơ": a count in millions or thousands
            va = round(va * _SCALES[fold_for_matching(scale.group(1)).lower()], 6)
            end = scale.end()
        out.append(Number(s, end, text[s:end], va, vb, bool(m.group("pct"))))
    return tuple(out)


# a scale word between a number and a counted noun ("14 triệu hồ sơ"); not before money ("14 triệu đồng")
_SCALE_AFTER = re.compile(r"\s+(triệu|nghìn|ngàn)(?=\s+(?!(?:đồng|đ|vnđ|vnd|usd|euro|lượt)\b)[^\W\d_])", re.I)
_SCALES = {"triệu": 1_000_000, "nghìn": 1_000, "ngàn": 1_000}
# words that make a figure approximate ("hơn 40.000 hồ sơ", "gần 11.000 hồ sơ"): part of the number, not of
# the words that say what it counts
APPROX_BEFORE = re.compile(r"(?:^|(?<=\s))(?:hơn|trên|gần|khoảng|xấp\s+xỉ|chừng|ước\s+tính|ước|tới|lên\s+tới|đến)\s+$", re.I)


def money_follows(text: str, end: int) -> bool:
    return bool(_MONEY_AFTER.match(text, end))
