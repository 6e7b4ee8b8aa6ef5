"""tthc: counts of administrative procedures (thủ tục hành chính).

"Bộ TTHC ... gồm 49 thủ tục" -> tthc_total 49; "48/49 TTHC ... mức độ 4" ->
tthc_online_level4 48 of 49; appendix rows "Số TTHC được công bố mới | Thủ tục | 0".
Rules: patterns/tthc.yaml; machinery: extract/figures.py.
"""
from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Any

from .. import figures as F
from ..model import Document
from ..normalize import fold_for_matching
from ..numbers import parse_number
from ..rules import load_rules


@dataclass
class TthcFact:
    metric: str
    value: int
    denominator: int | None
    period: tuple
    subject: str | None
    evidence: dict

    def row(self) -> dict:
        return {"metric": self.metric, "value": self.value, "denominator": self.denominator,
                "period_start": self.period[0], "period_end": self.period[1],
                "subject": self.subject, **self.evidence}


def _plausible(metric: str, value: int, denominator: int | None) -> bool:
    if metric == "tthc_total" and value == 0:
        return False  # a zero total is a template line, not an agency's remit
    if denominator is not None and (denominator == 0 or value > denominator):
        return False
    return True


def _from_text(doc: Document, ctx: Any) -> list[TthcFact]:
    out = []
    last: tuple[object, str, int] | None = None  # (sentence, metric, number end) of the last count read
    for fig in F.iter_figures(doc, ctx, "tthc"):
        if fig.hit is None or fig.hit.tier == 0:
            continue
        if fig.hit.rule.get("split"):
            # "gồm 369 thủ tục, trong đó cấp huyện 263 thủ tục, cấp xã 106 thủ tục": the level's share
            # of the figure before it, same metric; its subject is the level
            if last is None or last[0] != fig.sentence or not fig.subject \
                    or ";" in fig.sentence.text[last[2]:fig.number.start]:
                continue
            metric = last[1]
        elif fig.hit.rule.get("metric"):
            metric = str(fig.hit.rule.get("metric"))
        else:
            continue
        last = (fig.sentence, metric, fig.number.end)
        n = fig.number
        den = int(n.denominator) if n.denominator is not None and n.denominator == int(n.denominator) else None
        if not _plausible(metric, n.int_value, den):
            continue
        s, e = fig.span()
        out.append(TthcFact(metric, n.int_value, den, fig.period, fig.subject,
                            F.evidence(fig.block, s, e, fig.hit.rule.id, fig.kind)))
    return out


def _from_tables(doc: Document, ctx: Any) -> list[TthcFact]:
    rules = load_rules("tthc")
    quals = [r for r in rules if r.get("role") == "qualifier"]
    labels = [r for r in rules if r.get("role") == "label"]
    plan = F.is_plan(doc, ctx)
    periods = F.table_periods(doc, ctx)
    year = F.document_year(doc, ctx)
    out = []
    doc_text = doc.text
    for tr in F.table_rows(doc):
        unit = tr.unit.strip().casefold()
        if tr.value_text.strip().endswith("%") or unit == "%":
            continue
        fl = fold_for_matching(tr.label)
        unit_ok = re.fullmatch(r"(?:thủ\s*tục|tthc)", unit) is not None
        if unit and not unit_ok:
            continue
        if not unit_ok and not any(lb.regex.search(fl) for lb in labels):
            continue
        value = parse_number(tr.value_text)
        if value is None or value != int(value):
            continue
        h = F.best_left(F.hits(quals, tr.label))
        if h is None or h.tier == 0 or not h.rule.get("metric"):
            continue
        metric = str(h.rule.get("metric"))
        if not _plausible(metric, int(value), None):
            continue
        ev = F.row_evidence(doc_text, tr)
        ev.update(rule=h.rule.id, kind=F.kind_of(tr.label, tr.table.section, plan))
        out.append(TthcFact(metric, int(value), None, F.table_period(tr, periods, year), tr.column, ev))
    return out


def _dedupe(facts: list[TthcFact]) -> list[TthcFact]:
    """One row per stated figure: an appendix row restating a count of the text (same metric,
    value, denominator, period, subject and kind) is the same fact."""
    seen: set[tuple] = set()
    out = []
    for f in facts:
        key = (f.metric, f.value, f.denominator, f.period, f.subject, f.evidence.get("kind"))
        if key not in seen:
            seen.add(key)
            out.append(f)
    return out


def extract(doc: Document, ctx: Any) -> dict[str, list[dict]]:
    facts = _dedupe(_from_text(doc, ctx) + _from_tables(doc, ctx))
    return {"tthc": [f.row() for f in facts]}
