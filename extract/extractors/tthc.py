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


SHARE = "share_of_previous"  # tthc.field.level_share: a level's share of the count before it


def _plausible(metric: str, value: int, denominator: int | None) -> bool:
    if metric == "tthc_total" and value == 0:
        return False  # a zero total is a template line, not an agency's remit
    if denominator is not None and (denominator == 0 or value > denominator):
        return False
    return True


def _close_paren(text: str, open_at: int) -> int | None:
    """Where the bracket opened at `open_at` closes (nested brackets skipped), or None."""
    depth = 0
    for i in range(open_at, len(text)):
        if text[i] == "(":
            depth += 1
        elif text[i] == ")":
            depth -= 1
            if depth == 0:
                return i
    return None


def _breakdowns(figs: list[F.Figure]) -> dict[int, tuple[F.Figure, Any]]:
    """Counts in brackets right after a count that are its parts: "128 thủ tục (lĩnh vực đường bộ 97 thủ tục,
    đường thủy nội địa 14 thủ tục, đăng kiểm 9 thủ tục, các lĩnh vực khác 8 thủ tục)". Each part is a bare count
    of the same noun (no words of its own say what it counts) and the parts add up to the count; index of a
    part -> (the count it belongs to, the rule)."""
    rules = [r for r in load_rules("tthc") if r.get("role") == "breakdown"]
    out: dict[int, tuple[F.Figure, Any]] = {}
    for i, whole in enumerate(figs):
        if whole.field is None or whole.field == SHARE:
            continue
        text = whole.sentence.text
        tail = fold_for_matching(text[whole.unit_end:])
        rule = next((r for r in rules if r.regex.match(tail)), None)
        if rule is None:
            continue
        open_at = text.index("(", whole.unit_end)
        close_at = _close_paren(text, open_at)
        if close_at is None:
            continue
        parts = [j for j in range(i + 1, len(figs)) if figs[j].sentence == whole.sentence
                 and open_at < figs[j].number.start < close_at]
        if len(parts) < 2 or any(figs[j].decision is None or figs[j].decision.hits or figs[j].unit_end == figs[j].number.end
                                 or figs[j].number.denominator is not None for j in parts):
            continue
        if sum(figs[j].number.int_value for j in parts) != whole.number.int_value:
            continue
        for j in parts:
            out[j] = (whole, rule)
    return out


def _part_label(fig: F.Figure) -> str | None:
    """The words naming a part ("lĩnh vực đường bộ"), from the bracket or the comma before it."""
    label = fig.window.near.strip(" ,;:(-–").strip()
    return label[:80] or None


def _from_text(doc: Document, ctx: Any) -> list[TthcFact]:
    out = []
    last: tuple[object, str, int] | None = None  # (sentence, metric, number end) of the last count read
    figs = list(F.iter_figures(doc, ctx, "tthc", listing_cells=True))
    parts = _breakdowns(figs)
    for k, fig in enumerate(figs):
        if k in parts:
            whole, rule = parts[k]
            n = fig.number
            s, e = fig.number.start, fig.unit_end
            base = fig.sentence.start
            near = fig.window.near
            lead = len(near) - len(near.lstrip(" ,;:(-–"))
            s = min(s, fig.window.left_start + len(fig.window.left) - len(near) + lead)
            out.append(TthcFact(str(whole.field), n.int_value, None, fig.period,
                                _part_label(fig) or fig.subject,
                                F.evidence(fig.block, base + s, base + e, rule.id, fig.kind)))
            continue
        if fig.field is None:
            continue
        if fig.field == SHARE:
            # "gồm 369 thủ tục, trong đó cấp huyện 263 thủ tục, cấp xã 106 thủ tục": the level's share
            # of the figure before it, same metric; its subject is the level
            if last is None or last[0] != fig.sentence or not fig.subject \
                    or ";" in fig.sentence.text[last[2]:fig.number.start]:
                continue
            metric = last[1]
        else:
            metric = fig.field
        last = (fig.sentence, metric, fig.number.end)
        n = fig.number
        den = int(n.denominator) if n.denominator is not None and n.denominator == int(n.denominator) else None
        if not _plausible(metric, n.int_value, den):
            continue
        s, e = fig.span()
        out.append(TthcFact(metric, n.int_value, den, fig.period, fig.subject,
                            F.evidence(fig.block, s, e, fig.rule_id, fig.kind, fig.confidence)))
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
        # a count column: its header says what it counts ("Số TTHC tiếp nhận, trả kết quả qua BCCI") and the
        # rows name the parts (lĩnh vực, agencies, "Tổng cộng")
        col = tr.column or ""
        col_counts = bool(col) and any(lb.regex.search(fold_for_matching(col)) for lb in labels)
        if not unit_ok and not col_counts and not any(lb.regex.search(fl) for lb in labels):
            continue
        value = parse_number(tr.value_text)
        if value is None or value != int(value):
            continue
        h = F.best_left(F.hits(quals, tr.label))
        subject = tr.column
        if h is None and col_counts:
            h = F.best_left(F.hits(quals, col))
            subject = tr.label or None
        if h is None or h.tier == 0 or not h.rule.get("metric"):
            continue
        metric = str(h.rule.get("metric"))
        if not _plausible(metric, int(value), None):
            continue
        ev = F.row_evidence(doc_text, tr)
        ev.update(rule=h.rule.id, kind=F.kind_of(tr.label, tr.table.section, plan))
        out.append(TthcFact(metric, int(value), None, F.table_period(tr, periods, year), subject, ev))
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
    rows = [f.row() for f in facts]
    for r in rows:  # bracketed parts and table cells read their own words
        r.setdefault("confidence", "high")
    return {"tthc": rows}
