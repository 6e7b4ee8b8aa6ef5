"""What stands around a figure: its context windows (the words before it and after its unit, cut at the
neighbouring figures and clause ends) and the qualifier rules that match there."""
from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Iterable

from ..normalize import fold_for_matching
from ..rules import Rule
from .spans import _SYMBOL_RX


# what ends the words that qualify a figure: punctuation, a coordination ("và", "hoặc") that is not inside one
# qualifier ("trước và đúng hạn", "đúng hạn và trước hạn"), a dash, a reason clause ("do không đủ điều kiện ...")
_RIGHT_STOP = re.compile(r"[,;:.()\n]|(?<!hạn)(?<!trước)(?<!đúng)\s(?:và|hoặc)\s|(?<=hạn)\s(?:và|hoặc)\s(?!(?:trước|đúng)\s)"
                         r"|(?:(?<=trước)|(?<=đúng))\s(?:và|hoặc)\s(?!(?:trước|đúng)\s)|\s-\s|\s(?:do|vì|bởi|nên)\s|$")
# a comma or "và" that does not end what a figure counts:
# "mức độ 3, 4" / "mức độ 3 và 4" (one list of service levels),
# "tiếp nhận hồ sơ, trả kết quả" / "tiếp nhận hồ sơ và trả kết quả" (one service, two steps)
STOP_EXEMPT = (
    (re.compile(r"mức\s+độ\s+0?[1-4]\s*$", re.I), re.compile(r"\s*(?:,|và|-|–|hoặc)\s*(?:mức\s+độ\s+)?0?[1-4](?!\d)", re.I)),
    (re.compile(r"tiếp\s+nhận(?:\s+hồ\s+sơ)?\s*$", re.I),
     re.compile(r"\s*(?:,|và)\s*(?:và\s+)?(?:trả\s+kết\s+quả|giải\s+quyết|xử\s+lý)", re.I)),
    # "1.598 TTHC được tích hợp, cung cấp trên Cổng Dịch vụ công quốc gia" (one act, two verbs)
    (re.compile(r"tích\s+hợp\s*$", re.I), re.compile(r"\s*,\s*(?:và\s+)?(?:cung\s+cấp|công\s+khai)\s+(?:lên|trên|tại)\s", re.I)),
)


def _right_stop(text: str, start: int, end: int) -> int:
    """Where the words that qualify a figure end: the first delimiter in [start, end) that is not exempt."""
    pos = start
    while True:
        m = _RIGHT_STOP.search(text, pos, max(pos, end))
        if m is None:
            return end
        if m.end() > m.start() and any(b.search(text[max(0, m.start() - 40):m.start()]) and a.match(text, m.start())
                                       for b, a in STOP_EXEMPT):
            pos = m.end()
            continue
        return m.start()
_LEFT_HARD = re.compile(r"[;]")
# a comma inside one qualifier does not cut the near words: "trước hạn, đúng hạn 45 hồ sơ"
_NEAR_JOINED = re.compile(r"(?:trước|đúng)\s+(?:thời\s+)?hạn\s*,\s*(?:đúng|trước)\s+(?:thời\s+)?hạn"
                          r"|tiếp\s+nhận\s*,\s*(?:giải\s+quyết|xử\s+lý|trả\s+kết\s+quả)", re.I)
_NEAR_CUT = re.compile(r"[,:(;]")


def blank_parens(text: str) -> str:
    """Replace closed "( ... )" groups with spaces (same length)."""
    prev = None
    while prev != text:
        prev = text
        text = re.sub(r"\([^()]*\)", lambda m: " " * len(m.group(0)), text)
    return text


@dataclass
class Window:
    left: str  # from the previous figure (or clause start) to the number
    near: str  # the part of `left` after its last , : ( ;
    right: str  # from the unit to the next delimiter or figure
    left_start: int
    right_start: int
    right_end: int


def make_window(text: str, num_start: int, unit_end: int, prev_end: int, next_start: int) -> Window:
    """Context windows of a figure in `text` (a sentence)."""
    ls = prev_end
    hard = [m.end() for m in _LEFT_HARD.finditer(text, ls, num_start)]
    if hard:
        ls = hard[-1]
    raw_left = text[ls:num_start]
    left = blank_parens(raw_left)
    joined = [j.span() for j in _NEAR_JOINED.finditer(left)]
    cuts = [m.end() for m in _NEAR_CUT.finditer(left) if not any(a <= m.start() < b for a, b in joined)]
    near = left[cuts[-1]:] if cuts else left
    if cuts and not near.strip() and left[cuts[-1] - 1] == ":":
        # "cấp tỉnh: 49 thủ tục", "Số hồ sơ giải quyết đúng hạn: 09": the label before the colon is the
        # figure's own words
        near = left[cuts[-2] if len(cuts) > 1 else 0:]
    paren = re.compile(r"\s*\([^()]*\)").match(text, unit_end)
    if paren and paren.end() <= next_start:  # "01/49 TTHC (cung cấp dịch vụ công mức độ 2)"
        re_ = paren.end()
    else:
        re_ = min(_right_stop(text, unit_end, next_start), next_start)
    return Window(left, near, text[unit_end:re_], ls, unit_end, re_)


# --------------------------------------------------------------------------- qualifiers


@dataclass(frozen=True)
class Hit:
    rule: Rule
    start: int
    end: int

    @property
    def tier(self) -> int:
        return int(self.rule.get("tier", 2))


def hits(rules: Iterable[Rule], text: str) -> list[Hit]:
    folded = fold_for_matching(text)
    out = []
    for r in rules:
        for m in r.regex.finditer(folded):
            if m.end() > m.start():
                out.append(Hit(r, m.start(), m.end()))
    return out


def best_left(hs: list[Hit]) -> Hit | None:
    """Exclusions first; then the most specific tier; then the hit nearest the number (rightmost end), longest."""
    if not hs:
        return None
    return min(hs, key=lambda h: (h.tier, -h.end, h.start))


def best_right(hs: list[Hit]) -> Hit | None:
    """In the words after the unit: exclusions, then tier, then the first (leftmost), longest."""
    if not hs:
        return None
    return min(hs, key=lambda h: (h.tier, h.start, -h.end))


def choose(rules: list[Rule], w: Window, use_right: bool = True) -> tuple[Hit | None, str]:
    """The qualifier that says what a figure counts: right words, then near left, then the whole left."""
    blockers = [h for h in hits(rules, w.right) + hits(rules, w.near) if h.tier == 0]
    if blockers:
        return blockers[0], "blocked"
    if use_right:
        # a rule marked `side: left` reads only the words before a figure ("trong đó cấp huyện 263 thủ tục")
        h = best_right(hits([r for r in rules if r.get("side") != "left"], w.right))
        if h is not None:
            return h, "right"
    h = best_left(hits(rules, w.near))
    if h is not None:
        return h, "near"
    h = best_left([x for x in hits(rules, w.left) if not in_citation(w.left, x.start)])
    return h, "left"


_CLAUSE_CUT = re.compile(r"[,;:]")


def in_citation(text: str, pos: int) -> bool:
    """Whether `pos` stands in a clause that cites a numbered document ("Thực hiện Quyết định số
    1185/QĐ-UBND ... công bố danh mục TTHC, ..."): words there describe that document, not a figure."""
    cuts = [m.end() for m in _CLAUSE_CUT.finditer(text, 0, pos)]
    clause = text[cuts[-1] if cuts else 0:pos]
    return bool(_SYMBOL_RX.search(clause))
