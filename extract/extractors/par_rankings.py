"""PAR results of many bodies at once: the rankings that news items and notices report.

"Ngân hàng Nhà nước đạt chỉ số cao nhất với 92,36%", "Quảng Ninh vươn lên dẫn đầu bảng xếp hạng với kết quả
89,45", "Đồng Nai xếp thứ 3, Đà Nẵng xếp thứ 4", "Bộ Tài chính, Ngân hàng nhà nước lần lượt xếp vị trí thứ 2 và
3", "Vị trí thứ 2 ... thuộc về thành phố Hải Phòng", "tỉnh Y dẫn đầu với 91,02 điểm, tăng 3 bậc".

In a sentence that speaks of the PAR index (or in a document about it), the ranked bodies are provinces
(patterns/provinces.yaml) and central bodies (`ranking_body`). Each result cue (`ranking_first`: rank 1,
`ranking_nth`, `ranking_list`, `ranking_score`, `rank_change`, `ranking_of`) belongs to the body named nearest
before it, or, when none stands before it in its clause, to the first named after it ("dẫn đầu ... là Quảng
Ninh"). A rank-1 cue after bodies joined by "," or "và" belongs to each of them ("Bộ Giao thông và thành phố Đà
Nẵng vẫn đứng đầu"); a `ranking_list` gives its ranks to the bodies before it in order. Orderings without a rank
("tiếp đến lần lượt là", "đứng sau ... là", "cuối bảng") give none. What `ranking_mask` covers (the scale,
averages, an earlier year's rank in brackets, a percentage change) and other indices (SIPAS ...) are read as
nothing. Every body keeps its own result; a cue with no body in reach is no result.
"""
from __future__ import annotations

import functools
import re
from dataclasses import dataclass, field

from .. import provinces
from ..normalize import fold_for_matching
from ..numbers import parse_int, parse_number
from ..rules import load_rules

MAX_REACH = 140  # characters between a body and its result, at most
_CLAUSE_END = re.compile(r";|\.(?!\d)")


@functools.lru_cache(maxsize=None)
def _role(role: str) -> tuple:
    return tuple(r for r in load_rules("par") if r.get("role") == role)


@dataclass
class Body:
    start: int
    end: int
    name: str


@dataclass
class Cue:
    start: int
    end: int
    rank: int | None = None
    rank_of: int | None = None
    score: float | None = None
    rank_change: int | None = None
    rule: str = ""
    group: bool = False  # a rank-1 cue: shared by bodies joined before it
    listed: list[int] = field(default_factory=list)  # ranks of a "lần lượt" list


@dataclass
class Result:
    subject: str
    start: int
    end: int
    score: float | None = None
    rank: int | None = None
    rank_of: int | None = None
    rank_change: int | None = None
    rules: list[str] = field(default_factory=list)


def mask(folded: str) -> str:
    """`folded` with what states no ranked body's result blanked (same length)."""
    chars = list(folded)
    for r in _role("ranking_mask"):
        for m in r.regex.finditer(folded):
            chars[m.start():m.end()] = " " * (m.end() - m.start())
    return "".join(chars)


def bodies(text: str, masked: str) -> list[Body]:
    """Provinces and central bodies named in the sentence, not inside masked stretches."""
    out: list[Body] = []
    for p in provinces.provinces():
        for m in p.rule.regex.finditer(masked):
            out.append(Body(m.start(), m.end(), p.province))
    folded = fold_for_matching(text)
    for r in _role("ranking_body"):
        for m in r.regex.finditer(folded):
            if masked[m.start():m.end()].strip():
                out.append(Body(m.start(), m.end(), text[m.start():m.end()].strip()))
    out.sort(key=lambda b: (b.start, -(b.end - b.start)))
    keep: list[Body] = []
    for b in out:  # a name inside a longer one ("Hà Nội" in "Ngân hàng Nhà nước"? no; "Bộ ... " nested) once
        if keep and b.start < keep[-1].end:
            continue
        keep.append(b)
    return keep


def cues(masked: str) -> list[Cue]:
    out: list[Cue] = []
    for r in _role("ranking_first"):
        for m in r.regex.finditer(masked):
            out.append(Cue(m.start(), m.end(), rank=1, rule=r.id, group=True))
    for r in _role("ranking_list"):
        for m in r.regex.finditer(masked):
            first = m.group("a") or m.group("a2")
            rest = m.group("rest") or m.group("rest2") or ""
            ranks = [int(first)] + [int(x) for x in re.findall(r"(?:,|và)\s*(?:thứ\s+)?(\d{1,3})", re.sub(r"\([^()]*\)", "", rest))]
            out.append(Cue(m.start(), m.end(), rule=r.id, listed=ranks))
    listed_spans = [(c.start, c.end) for c in out if c.listed]
    for r in _role("ranking_nth"):
        for m in r.regex.finditer(masked):
            if any(s <= m.start() < e for s, e in listed_spans):
                continue
            out.append(Cue(m.start(), m.end(), rank=int(m.group("rank")),
                           rank_of=parse_int(m.group("of")) if m.group("of") else None, rule=r.id))
    for r in _role("ranking_score"):
        for m in r.regex.finditer(masked):
            raw = m.group("score")
            if not m.group("unit") and "," not in raw:
                continue  # a bare whole number ("với 14") is no score
            v = parse_number(raw)
            if v is None or v > 100 or v <= 0:
                continue
            out.append(Cue(m.start("score"), m.end(), score=v, rule=r.id))
    for r in _role("rank_change"):
        for m in r.regex.finditer(masked):
            if m.group("same"):
                ch = 0
            else:
                ch = int(m.group("n")) * (-1 if m.group("dir") in ("giảm", "tụt") else 1)
            out.append(Cue(m.start(), m.end(), rank_change=ch, rule=r.id))
    for r in _role("ranking_of"):
        for m in r.regex.finditer(masked):
            out.append(Cue(m.start(), m.end(), rank_of=int(m.group("of")), rule=r.id))
    return sorted(out, key=lambda c: c.start)


def _clause_of(masked: str, pos: int) -> tuple[int, int]:
    s = max((m.end() for m in _CLAUSE_END.finditer(masked, 0, pos)), default=0)
    e = next((m.start() for m in _CLAUSE_END.finditer(masked, pos)), len(masked))
    return s, e


def _joined_before(bs: list[Body], k: int, masked: str) -> list[Body]:
    """Body k and the bodies joined to it before ("A, B và C")."""
    group = [bs[k]]
    j = k
    while j > 0 and re.fullmatch(r"\s*(?:,|và|,\s*và)\s*(?:tỉnh|thành\s+phố|tp\.?)?\s*", masked[bs[j - 1].end:bs[j].start], re.I):
        group.insert(0, bs[j - 1])
        j -= 1
    return group


def read_sentence(text: str) -> list[Result]:
    """The ranked bodies' results stated in one sentence (offsets into `text`)."""
    folded = fold_for_matching(text)
    masked = mask(folded)
    bs = bodies(text, masked)
    if not bs:
        return []
    results: dict[str, Result] = {}
    last: Result | None = None

    def result(b: Body, c: Cue) -> Result:
        r = results.get(b.name)
        if r is None:
            r = results[b.name] = Result(b.name, min(b.start, c.start), max(b.end, c.end))
        r.start, r.end = min(r.start, b.start, c.start), max(r.end, b.end, c.end)
        return r

    for c in cues(masked):
        cs, ce = _clause_of(masked, c.start)
        before = [k for k, b in enumerate(bs) if b.end <= c.start and b.start >= cs and c.start - b.end <= MAX_REACH]
        if c.rank_change is not None or (c.rank_of is not None and c.rank is None):
            # a change or a field size says more about the result just before it ("thứ 6 (tăng 3 bậc)"), else
            # about the body it follows ("Kon Tum tụt 12 bậc, xếp thứ 50/63")
            target = last if last is not None and c.start - last.end <= 60 \
                and not _CLAUSE_END.search(masked, last.end, c.start) else None
            if target is None and before:
                target = result(bs[before[-1]], c)
            if target is not None:
                if c.rank_change is not None and target.rank_change is None:
                    target.rank_change = c.rank_change
                if c.rank_of is not None and target.rank_of is None:
                    target.rank_of = c.rank_of
                target.end = max(target.end, c.end)
                target.rules.append(c.rule)
                last = target
            continue
        after = [k for k, b in enumerate(bs) if b.start >= c.end and b.end <= ce and b.start - c.end <= MAX_REACH]
        if c.listed:
            if not before:
                continue
            group = _joined_before(bs, before[-1], masked)
            if len(group) != len(c.listed):
                continue
            for b, rank in zip(group, c.listed):
                r = result(b, c)
                if r.rank is None:
                    r.rank = rank
                    r.rules.append(c.rule)
                last = r
            # a change in brackets after a listed rank: "thứ 6 (tăng 3 bậc ...)" belongs to the last body
            continue
        if before:
            targets = _joined_before(bs, before[-1], masked) if c.group else [bs[before[-1]]]
        elif after:
            targets = [bs[after[0]]]
        else:
            continue
        for b in targets:
            r = result(b, c)
            if c.rank is not None and r.rank is None:
                r.rank = c.rank
                r.rank_of = r.rank_of or c.rank_of
            if c.score is not None and r.score is None:
                r.score = c.score
            r.rules.append(c.rule)
            last = r
    return [r for r in results.values() if r.score is not None or r.rank is not None]
