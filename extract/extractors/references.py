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
import re
from dataclasses import dataclass
from typing import Any

from .. import symbols
from ..model import Block, Document
from ..normalize import fold_for_matching, squash_spaces
from ..numbers import make_date
from ..rules import load_rules

LOOKBEHIND = 40  # characters before a symbol searched for its type word
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


def _canonical_type(word: str) -> str | None:
    w = fold_for_matching(squash_spaces(word)).casefold()
    if w == "văn bản":
        return None
    for v in list(symbols.doc_types().values()) + [symbols.CONG_VAN, "Luật", "Thông tri"]:
        if fold_for_matching(v).casefold() == w:
            return v
    return word[:1].upper() + word[1:].lower()


def _key(number: str | None) -> str | None:
    return symbols.clean_number(number).casefold() if number else None


def find_citations(text: str, own_number: str | None = None) -> list[Citation]:
    rules = load_rules("references")
    sym_rule = rules.by_id("references.symbol")
    type_rule = rules.by_id("references.type_before")
    date_rule = rules.by_id("references.date_after")
    issuer_rule = rules.by_id("references.issuer_after")
    own_rule = rules.by_id("references.own_label")
    folded = fold_for_matching(text)
    own_key = _key(own_number)
    out: list[Citation] = []
    for m in sym_rule.finditer(text, folded):
        sym = symbols.parse(m.group(0))
        if sym is None or sym.seq is None:
            continue
        before = folded[max(0, m.start() - LOOKBEHIND):m.start()]
        tm = type_rule.regex.search(before)
        if not tm and own_rule.regex.search(before):
            continue  # the header's "Số: ..." label
        if own_key and _key(sym.number) == own_key:
            continue
        start = m.start() - (len(before) - tm.start()) if tm else m.start()
        cited_type = _canonical_type(tm.group("type")) if tm else None
        cited_type = cited_type or sym.doc_type
        after = folded[m.end():m.end() + LOOKAHEAD]
        end = m.end()
        cited_date = None
        dm = date_rule.regex.search(after)
        if dm:
            g = dm.groupdict()
            cited_date = make_date(g.get("y") or g.get("wy"), g.get("m") or g.get("wm"), g.get("d") or g.get("wd"))
            if cited_date:
                end = m.end() + dm.end()
        rest = folded[end:end + LOOKAHEAD]
        im = issuer_rule.regex.search(rest)
        issuer = squash_spaces(text[end + im.start("issuer"):end + im.end("issuer")]) if im else None
        out.append(Citation(sym, cited_type, cited_date, issuer or None, start, end,
                            "references.type_before" if tm else sym_rule.id))
    return out


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
            }
            row.update(b.evidence(c.start, c.end))
            rows.append(row)
    return {"references": rows}
