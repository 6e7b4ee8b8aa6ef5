"""References: every citation of another numbered document (references table).

A citation is a document symbol (patterns/references.yaml `references.symbol`)
in any block: body paragraphs, headings, footnotes, table cells. Its type is
the word right before it ("Quyết định số"), else the type its code names
(vocab.json doc_types), else "Công văn" for a symbol without a type code;
its date is the one right after it; its issuer the body after "của". The
document's own number and blank self-references are not citations.
"""
from __future__ import annotations

import datetime as dt
import functools
import re
from dataclasses import dataclass
from typing import Any

from .. import symbols
from ..model import Document
from ..normalize import fold_for_matching, squash_spaces
from ..numbers import make_date
from ..rules import load_rules

LOOKBEHIND = 60  # characters before a symbol searched for its type word ("Công văn ngày 05 tháng 01 năm 2024 số")
LOOKBEHIND_NAMED = 120  # ... for a law's type word before its name ("Luật Ban hành văn bản ... số")
LOOKAHEAD = 160  # characters after it searched for date and issuer
_LOCATIONS = {"footnote": "footnote", "table": "table"}


@dataclass
class Citation:
    symbol: symbols.Symbol
    cited_type: str | None
    cited_date: dt.date | None
    cited_issuer: str | None
    start: int  # local span in the block: type word .. date
    end: int
    rule: str
    symbol_end: int = 0  # end of the symbol itself
    typed: bool = False  # a type word of its own stands before it ("Quyết định số ...")
    date_how: str | None = None  # after | same_day ("cùng ngày") | before ("Ngày ..., X ban hành ...") | shared | own_before ("Công văn ngày ... số ...")


def _canonical_type(word: str) -> str | None:
    w = fold_for_matching(squash_spaces(word)).casefold()
    if w == "văn bản":
        return None
    for v in list(symbols.doc_types().values()) + [symbols.CONG_VAN, "Luật", "Thông tri"]:
        if fold_for_matching(v).casefold() == w:
            return v
    return word[:1].upper() + word[1:].lower()


@functools.lru_cache(maxsize=4096)
def _key(number: str | None) -> str | None:
    """A number as compared (cleaned, casefolded); cached by the number: the document's own number is
    looked up for every block."""
    return symbols.clean_number(number).casefold() if number else None


def _date(m: re.Match) -> dt.date | None:
    g = m.groupdict()
    return make_date(g.get("y") or g.get("wy"), g.get("m") or g.get("wm"), g.get("d") or g.get("wd"))


def find_citations(text: str, own_number: str | None = None) -> list[Citation]:
    rules = load_rules("references")
    sym_rule = rules.by_id("references.symbol")
    type_rule = rules.by_id("references.type_before")
    named_rule = rules.by_id("references.type_before_named")
    issuer_rule = rules.by_id("references.issuer_after")
    own_rule = rules.by_id("references.own_label")
    dates_after = (rules.by_id("references.date_after"), rules.by_id("references.same_date_after"))
    folded = fold_for_matching(text)
    own_key = _key(own_number)
    out: list[Citation] = []
    for m in sym_rule.finditer(text, folded):
        sym = symbols.parse(text[m.start():m.end()])  # as printed (the match ran on the folded text)
        if sym is None or sym.seq is None:
            continue
        before = folded[max(0, m.start() - LOOKBEHIND):m.start()]
        tm = type_rule.regex.search(before)
        if not tm:  # "Luật Ban hành văn bản quy phạm pháp luật số 80/2015/QH13": the law's name between
            before = folded[max(0, m.start() - LOOKBEHIND_NAMED):m.start()]
            tm = named_rule.regex.search(before)
        if not tm and own_rule.regex.search(before):
            continue  # the header's "Số: ..." label
        if own_key and _key(sym.number) == own_key:
            continue
        start = m.start() - (len(before) - tm.start()) if tm else m.start()
        cited_type = _canonical_type(tm.group("type")) if tm else None
        cited_type = cited_type or sym.doc_type
        after = folded[m.end():m.end() + LOOKAHEAD]
        end = m.end()
        cited_date, how = None, None
        for rule, kind in zip(dates_after, ("after", "same_day")):
            dm = rule.regex.search(after)
            if dm and _date(dm):
                cited_date, how, end = _date(dm), kind, m.end() + dm.end()
                break
        if cited_date is None and tm and _date(tm):  # "Công văn ngày 05 tháng 01 năm 2024 số 42/UBND-NC"
            cited_date, how = _date(tm), "own_before"
        rest = folded[end:end + LOOKAHEAD]
        im = issuer_rule.regex.search(rest)
        issuer = squash_spaces(text[end + im.start("issuer"):end + im.end("issuer")]) if im else None
        out.append(Citation(sym, cited_type, cited_date, issuer or None, start, end,
                            "references.type_before" if tm else sym_rule.id, m.end(), bool(tm), how))
    _date_before(out, folded)
    _share_dates(out, folded)
    return out


def _date_before(cits: list[Citation], folded: str) -> None:
    """"Ngày 12/4/2024, Bộ Nội vụ ban hành Quyết định số 261/QĐ-BNV": the issue date stated before the
    citation, in the same clause (references.date_before), for a citation with no date after it."""
    rule = load_rules("references").by_id("references.date_before")
    for c in cits:
        if c.cited_date is not None:
            continue
        dm = rule.regex.search(folded, 0, c.start)
        if dm and _date(dm):
            c.cited_date, c.date_how, c.start = _date(dm), "before", dm.start("date")


def _share_dates(cits: list[Citation], folded: str) -> None:
    """One date for several numbers, when the text says so (references.list_joiner between them):
    - numbers enumerated under one type word: "Công văn số 3021/UBND-NC, số 3022/UBND-NC ngày 02/8/2024";
    - "cùng ngày": "Quyết định số 1527/QĐ-UBND và Quyết định số 1528/QĐ-UBND cùng ngày 15/7/2024";
    - a date before the verb covers all it governs: "Ngày ..., X ban hành Quyết định số A và Quyết định số B".
    Not when each number has its own type word and a plain date follows the last ("Nghị định số 107/2020/NĐ-CP
    và Nghị định số 108/2020/NĐ-CP, ngày 14/9/2020": the date is 108's)."""
    joiner = load_rules("references").by_id("references.list_joiner")
    pairs = list(zip(cits, cits[1:]))
    links: list[str | None] = []  # per pair: None (not one list) | "enumerated" (no type word of its own) | "listed"
    for a, b in pairs:
        jm = joiner.regex.match(folded[a.symbol_end:b.start]) if a.symbol_end <= b.start else None
        links.append(None if not jm else "listed" if b.typed else "enumerated")
    for (a, b), link in zip(pairs, links):  # "Quyết định số A, số B": B is a Quyết định too, unless its code says
        if link == "enumerated" and a.typed and b.symbol.type_code is None:
            b.cited_type = a.cited_type
    for (a, b), link in reversed(list(zip(pairs, links))):  # a date after the last number of a list
        if a.cited_date is None and b.cited_date is not None and b.date_how in ("after", "same_day", "shared") \
                and (link == "enumerated" or (link == "listed" and b.date_how == "same_day")):
            a.cited_date, a.end = b.cited_date, b.end
            a.cited_issuer = a.cited_issuer or b.cited_issuer  # "... cùng ngày 15/7/2024 của UBND tỉnh": all of them
            a.date_how = "same_day" if b.date_how == "same_day" else "shared"
    for (a, b), link in zip(pairs, links):  # a date before the verb
        if link and b.cited_date is None and a.date_how == "before":
            b.cited_date, b.date_how = a.cited_date, "before"


def extract(doc: Document, ctx: Any) -> dict[str, list[dict]]:
    own = (ctx.document.get("doc_number") if ctx is not None else None)
    rows: list[dict] = []
    for b in doc.blocks:
        if not b.text:
            continue
        for c in find_citations(b.text, own):
            s = c.symbol
            row = {
                "cited_number": s.number,
                "cited_type": c.cited_type,
                "cited_type_code": s.type_code,
                "cited_seq": s.seq,
                "cited_year": s.year or (c.cited_date.year if c.cited_date else None),
                "cited_issuer_code": s.issuer_code,
                "cited_date": c.cited_date,
                "cited_issuer": c.cited_issuer,
                "location": _LOCATIONS.get(b.location, "body"),
                "rule": c.rule,
                "kind": "actual",
                "confidence": "high",
            }
            row.update(b.evidence(c.start, c.end))
            rows.append(row)
    return {"references": rows}
