"""par_scores: PAR index (Chỉ số CCHC) results.

* the total: "xếp vị trí thứ 4 (87,303 điểm), tăng 06 bậc" -> total 87.303 / 100,
  rank 4, rank_change +6;
* components: a label that maps to a `par_components` code, followed closely by
  its score "(11,911/13,5)" / ": Đạt 6,47/10 điểm" / "đạt điểm tối đa 8/8"; a rank
  in the same clause ("xếp thứ 14/21") belongs to the component. One row per
  component: later mentions only fill what is missing.
* sub-criteria ("34/40 nhiệm vụ đúng hạn (1,7/2 điểm)") have no component label
  and are left out.

Rules: patterns/par.yaml.
"""
from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import Any

from .. import figures as F
from ..model import Document
from ..normalize import fold_for_matching
from ..numbers import parse_int, parse_number
from ..rules import load_rules

_YEAR_AFTER = re.compile(r"^[^.;]{0,40}?năm\s+((?:19|20)\d{2})", re.I)
_MIN_COMPONENT_MAX = 2.0  # a component is worth more than a sub-criterion's 1-2 points


@dataclass
class ParRow:
    component: str
    label: str
    score: float | None = None
    max_score: float | None = None
    rank: int | None = None
    rank_of: int | None = None
    rank_change: int | None = None
    eval_year: int | None = None
    evidence: dict = field(default_factory=dict)

    def merge(self, other: "ParRow") -> None:
        if self.score is not None and other.score is not None and abs(self.score - other.score) > 1e-9:
            return  # a different figure for the same component: keep the first
        for f in ("score", "max_score", "rank", "rank_of", "rank_change", "eval_year"):
            if getattr(self, f) is None and getattr(other, f) is not None:
                setattr(self, f, getattr(other, f))

    def row(self, subject: str | None) -> dict:
        return {"subject": subject, "eval_year": self.eval_year, "component": self.component,
                "label": self.label, "score": self.score, "max_score": self.max_score,
                "rank": self.rank, "rank_of": self.rank_of, "rank_change": self.rank_change,
                **self.evidence}


def _by_role(role: str):
    return [r for r in load_rules("par") if r.get("role") == role]


def _eval_year(folded: str, context_rules) -> int | None:
    for r in context_rules:
        for m in r.regex.finditer(folded):
            y = _YEAR_AFTER.match(folded[m.end():])
            if y:
                return int(y.group(1))
    return None


def _rank_change(folded: str, start: int, end: int) -> int | None:
    for r in _by_role("rank_change"):
        m = r.regex.search(folded, start, end)
        if m:
            if m.group("same"):
                return 0
            n = int(m.group("n"))
            return -n if m.group("dir") in ("giảm", "tụt") else n
    return None


def _subject(text: str) -> str | None:
    """The body evaluated, as printed: "Chỉ số CCHC năm 2023 của tỉnh Long An" -> "tỉnh Long An"."""
    folded = fold_for_matching(text)
    for r in _by_role("subject"):
        m = r.regex.search(folded)
        if m:
            return text[m.start("name"):m.end("name")].strip()
    return None


def _local_year(folded: str, pos: int) -> int | None:
    """A year stated in the clause right before `pos`: "(năm 2022 xếp thứ 22/63 với 86,12 điểm)"."""
    blank = F.blank_parens(folded[:pos])
    cut = max(blank.rfind(c) for c in "(,;:")
    y = re.search(r"năm\s+((?:19|20)\d{2})\s*$", folded[cut + 1:pos]) if cut >= 0 else None
    return int(y.group(1)) if y else None


def _score(folded: str, start: int):
    """The score and maximum right after a component label (first `score` rule that matches)."""
    for r in _by_role("score"):
        sm = r.regex.match(folded[start:])
        if sm:
            return sm
    return None


def extract(doc: Document, ctx: Any) -> dict[str, list[dict]]:
    context = _by_role("context")
    folded_doc = fold_for_matching(doc.text)
    if not any(r.regex.search(folded_doc) for r in context):
        return {"par_scores": []}
    comps = _by_role("component")
    totals, others = _by_role("total"), _by_role("other_index")
    leads = _by_role("label_lead")
    year_doc = _eval_year(folded_doc, context)
    plan = F.is_plan(doc, ctx)
    doc_subject = next((x for x in (_subject(b.text) for b in doc.blocks[:12] + doc.body_blocks()) if x), None) \
        or (getattr(ctx, "document", {}) or {}).get("agency")
    found: dict[tuple, ParRow] = {}
    subjects: dict[tuple, str | None] = {}

    def add(row: ParRow, subject: str | None) -> None:
        key = (row.component, row.eval_year if row.component == "total" else None)
        if key in found:
            found[key].merge(row)
        else:
            found[key] = row
            subjects[key] = subject

    for block in doc.blocks:
        if block.location != "body" or block.kind not in ("paragraph", "heading"):
            continue
        for sent in F.sentences(block):
            text, folded = sent.text, fold_for_matching(sent.text)
            kind = F.kind_of(text, block.section, plan)
            year = _eval_year(folded, context) or year_doc
            subject = _subject(text) or doc_subject
            taken: list[tuple[int, int]] = []
            # components
            labels = sorted(((m, r) for r in comps for m in r.regex.finditer(folded)), key=lambda x: x[0].start())
            for k, (m, r) in enumerate(labels):
                sm = _score(folded, m.end())
                if not sm:
                    continue
                score, mx = parse_number(sm.group("s")), parse_number(sm.group("m"))
                if score is None or mx is None or score > mx or mx <= _MIN_COMPONENT_MAX or mx > 100:
                    continue
                end = m.end() + sm.end()
                # what follows in the clause belongs to this component, up to the next component label
                nxt = next((m2.start() for m2, _ in labels[k + 1:] if m2.start() >= end), len(folded))
                clause_end = min(re.search(r"[;.]|$", folded[end:]).start() + end, nxt)
                start = m.start()
                for lr in leads:
                    lm = lr.regex.search(folded[max(0, start - 30):start])
                    if lm:
                        start = max(0, start - 30) + lm.start()
                        break
                label = re.sub(r"[\s:(\-]*(?:đạt(?:\s+điểm\s+tối\s+đa)?)?[\s:(]*$", "",
                               text[start:m.end() + sm.start("s")], flags=re.I).strip()
                row = ParRow(str(r.get("component")), label, score, mx, eval_year=year)
                for t in totals:
                    tm = t.regex.search(folded, end, clause_end)
                    if tm and tm.groupdict().get("rank") and t.id == "par.rank":
                        row.rank = parse_int(tm.group("rank"))
                        row.rank_of = parse_int(tm.group("of")) if tm.group("of") else None
                        end = max(end, tm.end())
                        break
                row.rank_change = _rank_change(folded, end, clause_end)
                if row.rank_change is not None:
                    rc = next(rr.regex.search(folded, end, clause_end) for rr in _by_role("rank_change")
                              if rr.regex.search(folded, end, clause_end))
                    end = max(end, rc.end())
                row.evidence = F.evidence(block, sent.start + start, sent.start + end, r.id, kind)
                taken.append((m.start(), end))
                add(row, subject)
            # the total
            if not any(r.regex.search(folded) for r in context) or any(o.regex.search(folded) for o in others):
                continue
            for t in totals:
                for tm in t.regex.finditer(folded):
                    if any(s <= tm.start() < e or s < tm.end() <= e for s, e in taken):
                        continue
                    g = tm.groupdict()
                    score = parse_number(g["score"]) if g.get("score") else None
                    mx = parse_number(g["max"]) if g.get("max") else None
                    if score is None and not g.get("rank"):
                        continue
                    if score is not None and mx is None and score <= 100:
                        mx = 100.0  # the PAR index is out of 100
                    if score is not None and mx is not None and score > mx:
                        continue
                    row = ParRow("total", text[tm.start():tm.end()], score, mx,
                                 parse_int(g["rank"]) if g.get("rank") else None,
                                 parse_int(g["of"]) if g.get("of") else None,
                                 eval_year=_local_year(folded, tm.start()) or year)
                    clause_end = re.search(r"[;.]|$", folded[tm.end():]).start() + tm.end()
                    # a bracket opened inside the clause ("(năm 2022 xếp thứ ...)") is another result
                    paren = folded.find("(", tm.end(), clause_end)
                    if paren >= 0 and not any(t2.regex.search(folded, paren, clause_end) for t2 in totals):
                        paren = -1  # "(tăng 6 bậc so với năm 2021)" still speaks of this result
                    if tm.start() > 0 and F.blank_parens(folded[:tm.start()]).rfind("(") > F.blank_parens(folded[:tm.start()]).rfind(")"):
                        close = folded.find(")", tm.end(), clause_end)
                        clause_end = close if close >= 0 else clause_end
                    row.rank_change = _rank_change(folded, tm.end(), paren if paren >= 0 else clause_end)
                    ev_end = paren if paren >= 0 else clause_end
                    row.evidence = F.evidence(block, sent.start + tm.start(), sent.start + ev_end, t.id, kind)
                    taken.append((tm.start(), tm.end()))
                    add(row, subject)
    return {"par_scores": [r.row(subjects[k]) for k, r in found.items()]}
