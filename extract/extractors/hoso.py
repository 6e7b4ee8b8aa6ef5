"""hoso + hoso_summary: dossier (hồ sơ) figures.

One `hoso` row per stated figure (rules: patterns/hoso.yaml, shared machinery:
extract/figures.py):

* counted figures: "tiếp nhận 63 hồ sơ (trong đó, trực tuyến 52 hồ sơ ...)",
  "Số hồ sơ giải quyết đúng hạn: 09 hồ sơ", "07/09 hồ sơ tiếp nhận qua hình thức online";
* zeros stated by negation: "không có hồ sơ quá hạn" -> resolved_late 0;
* on-time rates: "(đạt 100%)" after an on-time count, "Tỷ lệ hồ sơ ... đúng hạn 100%";
* statistical table rows ("Số lượng hồ sơ TTHC do cơ quan, đơn vị tiếp nhận | 29").

`hoso_summary`: one row per (period, subject) of actual figures, with fields the
text does not state derived from those it does (listed in `derived_fields`).
"""
from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass
from typing import Any

from .. import figures as F
from ..model import Document
from ..normalize import fold_for_matching
from ..numbers import parse_number
from ..periods import find_periods
from ..rules import load_rules
from ..schemas import HOSO_FIELDS
from .hoso_guard import guard

ON_TIME_FIELDS = {"resolved_on_time", "resolved_on_time_or_early", "resolved_early"}
_NEG_STOP = re.compile(r"[;.:]|\s(?:nên|do|vì|để|mà)\s")
_NEG_SPLIT = re.compile(r"\s+(?:và|hoặc)\s+(?:các\s+)?(?:hồ\s+sơ\s+)?|,\s*(?:hồ\s+sơ\s+)?")
_RATE_AFTER_RUN = re.compile(r"^\s*(?:hồ\s+sơ)?\s*[(,]?\s*đạt\s+(?:tỷ\s+lệ\s+)?$", re.I)
_PCT_AFTER_COUNT = re.compile(r"^\s*(?:hồ\s+sơ)?\s*[(,:]?\s*(?:đạt|bằng|chiếm)?\s*(?:tỷ\s+lệ\s+)?$", re.I)


@dataclass
class HosoFact:
    field: str
    value: float
    period: tuple
    subject: str | None
    evidence: dict
    table: int | None = None  # the table a fact was read from (not an output column)
    cumulative: bool = False  # from a "Lũy kế từ đầu năm" column: runs from 1 January to the table's end

    def row(self) -> dict:
        return {"period_start": self.period[0], "period_end": self.period[1], "field": self.field,
                "value": float(self.value), "subject": self.subject, **self.evidence}


def _rules(role: str):
    return [r for r in load_rules("hoso") if r.get("role") == role]


def _from_text(doc: Document, ctx: Any) -> list[HosoFact]:
    facts: list[HosoFact] = []
    last_by_sentence: dict[tuple[int, int], tuple[F.Figure, str]] = {}
    group: list[tuple[F.Figure, str]] = []  # figures of the current sentence
    for fig in F.iter_figures(doc, ctx, "hoso"):
        if group and group[-1][0].sentence != fig.sentence:
            group = []
        if fig.field is None:
            continue
        field = fig.field
        if field in PENDING_AS and _under_pending(fig, group):
            field = PENDING_AS[field]  # "đang giải quyết 391 hồ sơ (..., quá hạn 06 hồ sơ)"
        group.append((fig, field))
        s, e = fig.span()
        ev = F.evidence(fig.block, s, e, fig.rule_id, fig.kind, fig.confidence)
        facts.append(HosoFact(field, fig.number.int_value, fig.period, fig.subject, ev))
        if field == "pending":
            # "đang giải quyết 84 hồ sơ, đều chưa đến hạn": the whole pending count is not yet due
            m = _ALL_PENDING.match(fig.sentence.text, fig.unit_end)
            if m:
                whole = "pending_overdue" if m.group("late") else "pending_not_due"
                facts.append(HosoFact(whole, fig.number.int_value, fig.period, fig.subject,
                                      F.evidence(fig.block, s, fig.unit_end + m.end() - m.start(), fig.rule_id, fig.kind,
                                                 fig.confidence)))
        last_by_sentence[(fig.block.id, fig.sentence.start, fig.number.end)] = (fig, field)
    facts += _rates(doc, ctx, last_by_sentence)
    facts += _negations(doc, ctx)
    return facts


PENDING_FIELDS = {"pending", "pending_not_due", "pending_overdue"}
# a timeliness figure in the group that details a pending count: on time -> not yet due, late -> overdue
PENDING_AS = {"resolved_on_time": "pending_not_due", "resolved_late": "pending_overdue"}
_GROUP_OPEN = re.compile(r"trong\s+đó|bao\s+gồm|gồm", re.I)


_ALL_PENDING = re.compile(r"\s*(?:đang\s+(?:giải\s+quyết|xử\s+lý))?\s*,?\s*(?:đều|tất\s+cả(?:\s+đều)?|toàn\s+bộ)\s+(?:(?P<due>chưa\s+(?:đến|tới)\s+hạn|(?:còn\s+)?trong\s+hạn)|(?P<late>(?:đã\s+)?(?:quá|trễ)\s+hạn))", re.I)
_CLAUSE_END = re.compile(r";|\.(?!\d)|(?<!\d)\.")  # a thousands dot ("1.149") does not end a clause


def _clause_start(text: str, pos: int) -> int:
    """Where the clause holding `pos` starts: after the last ";" or sentence dot before it."""
    return max((m.end() for m in _CLAUSE_END.finditer(text, 0, pos)), default=0)


def _under_pending(fig: F.Figure, before: list[tuple[F.Figure, str]]) -> bool:
    """Whether a figure counts dossiers still being processed: its own words say so ("đang giải
    quyết 32 hồ sơ trong hạn"), or it stands in the group that details a pending figure
    ("đang giải quyết 391 hồ sơ (chưa đến hạn 385 hồ sơ, quá hạn 06 hồ sơ)", "..., trong đó ...")."""
    if fig.where == "right":
        h = F.best_left([x for x in F.hits(_rules("qualifier"), fig.window.near) if x.tier > 0])
        if h is not None and h.rule.get("field") in PENDING_FIELDS:
            return True
    text = fig.sentence.text
    pos = fig.number.start
    opener = None
    depth = 0
    for i in range(pos - 1, -1, -1):  # the innermost open "(" before the figure
        c = text[i]
        if c == ")":
            depth += 1
        elif c == "(":
            if depth == 0:
                opener = i
                break
            depth -= 1
        elif depth == 0 and _CLAUSE_END.match(text, i):
            break  # the clause ends
    if opener is None:
        clause_start = _clause_start(text, pos)
        ms = list(_GROUP_OPEN.finditer(text, clause_start, pos))
        opener = ms[-1].start() if ms else None
    if opener is None:
        return False
    parent = next(((f, fld) for f, fld in reversed(before) if f.number.end <= opener), None)
    if parent is None or ";" in text[parent[0].number.end:opener]:
        return False
    return parent[1] in PENDING_FIELDS


def _rates(doc: Document, ctx: Any, counted: dict) -> list[HosoFact]:
    """Percentages that are on-time rates."""
    rate_rules = _rules("rate")
    quals = _rules("qualifier")
    out: list[HosoFact] = []
    for sc in F.iter_sentences(doc, ctx):
        text = sc.sentence.text
        nums = F.numbers(text)
        prev_end = 0
        for k, n in enumerate(nums):
            if not n.percent:
                prev_end = n.end
                continue
            left = text[prev_end:n.start]
            fl = fold_for_matching(left)
            rule = None
            # (đạt 100%) right after an on-time count
            prev = next(((f, fld) for (bid, ss, ne), (f, fld) in counted.items()
                         if bid == sc.block.id and ss == sc.sentence.start and ne == prev_end), None)
            if prev and prev[1] in ON_TIME_FIELDS and _PCT_AFTER_COUNT.match(left):
                rule = prev[0].hit.rule if prev[0].hit is not None else next(r for r in rate_rules)
            # "trước hạn 5.917 hồ sơ, đúng hạn 680 hồ sơ, quá hạn 06 hồ sơ, đạt tỷ lệ 99,91%": the rate
            # closing a run of timeliness figures is the on-time rate (not the late share)
            if rule is None and prev and prev[1] == "resolved_late" and _RATE_AFTER_RUN.match(left) \
                    and any(fld in ON_TIME_FIELDS for (bid, ss, _), (_f, fld) in counted.items()
                            if bid == sc.block.id and ss == sc.sentence.start and _f.number.end < prev[0].number.start):
                rule = next(r for r in rate_rules)
            # "Tỷ lệ hồ sơ ... đúng hạn (đạt) 98,5%"
            if rule is None and re.search(r"tỷ\s+lệ", fl, re.I) and re.search(r"hồ\s+sơ", fl, re.I):
                # the rate's own clause starts at its last "tỷ lệ" ("..., không có hồ sơ trễ hạn; tỷ lệ
                # giải quyết đúng hạn, trước hạn đạt 100%": the late count before it is another figure)
                # (the nearest "tỷ lệ" that names the rate: "đúng hạn và trước hạn đạt tỷ lệ 99,87%")
                h, clause = None, left
                for pos in reversed([m.start() for m in re.finditer(r"t[ỷỉ]\s+lệ", left, re.I)]):
                    fc = fold_for_matching(left[pos:])
                    h = next((r for r in rate_rules if r.regex.search(fc)), None)
                    if h is not None:
                        clause = left[pos:]
                        break
                chan = [x for x in F.hits(quals, clause) if x.tier == 1 and x.rule.get("field") not in ON_TIME_FIELDS]
                if h is not None and not chan:
                    rule = h
            # "100% (số lượng) hồ sơ được giải quyết đúng hạn"
            if rule is None:
                nxt = nums[k + 1].start if k + 1 < len(nums) else len(text)
                right = text[n.end:nxt]
                m = re.match(r"\s*(?:số\s+)?(?:lượng\s+)?hồ\s+sơ[^,;.]{0,80}", right, re.I)
                if m is None and re.search(r"hồ\s+sơ", text[:n.start], re.I):
                    # "giải quyết xong 1.790 hồ sơ, 100% giải quyết trước và đúng hạn"
                    m = re.match(r"\s*(?:được\s+)?(?:(?:giải\s+quyết|trả\s+kết\s+quả)[^,;.]{0,60}|"
                                 r"(?:đúng|trước)\s+(?:và\s+(?:đúng|trước)\s+)?hạn)", right, re.I)
                if m:
                    fr = fold_for_matching(m.group(0))
                    h = next((r for r in rate_rules if r.regex.search(fr)), None)
                    if h is not None and not re.search(r"trực\s+tuyến|số\s+hóa", fr, re.I):
                        rule = h
            prev_end = n.end
            if rule is None or n.value > 100:
                continue
            s0 = sc.sentence.start
            ev = F.evidence(sc.block, s0 + max(0, n.start - 60), s0 + n.end, rule.id, sc.kind)
            out.append(HosoFact("on_time_rate_pct", n.value, sc.period,
                                F.subject_of(text, n.start, sc.default_subject), ev))
    return out


def _pending_clause(before: str, quals) -> bool:
    """Does the clause just before a negation count pending dossiers ("còn tồn 934 hồ sơ, ...")?"""
    clause = before[_clause_start(before, len(before)):]
    h = F.best_right([x for x in F.hits(quals, clause) if x.tier > 0 and x.rule.get("field")])
    return h is not None and h.rule.get("field") in PENDING_FIELDS


def _negations(doc: Document, ctx: Any) -> list[HosoFact]:
    """Zeros stated by negation: "không có hồ sơ quá hạn" -> resolved_late 0."""
    neg = _rules("negation")
    quals = _rules("qualifier")
    out: list[HosoFact] = []
    for sc in F.iter_sentences(doc, ctx):
        text = sc.sentence.text
        folded = fold_for_matching(text)
        for r in neg:
            for m in r.regex.finditer(folded):
                stop = _NEG_STOP.search(text, m.end())
                end = stop.start() if stop else len(text)
                tail = text[m.end():end]
                pos = m.end()
                seen: set[str] = set()
                for part in _NEG_SPLIT.split(tail):
                    i = text.find(part, pos) if part else pos
                    pos = i + len(part) if i >= 0 else pos
                    if not part.strip() or re.search(r"\d", part):
                        continue
                    h = F.best_right(F.hits(quals, part))
                    if h is None or h.tier == 0 or not h.rule.get("field"):
                        continue
                    field = str(h.rule.get("field"))
                    if h.rule.get("pending_as") and _pending_clause(text[:m.start()], quals):
                        field = str(h.rule.get("pending_as"))  # "Còn tồn 934 hồ sơ, không có hồ sơ quá hạn"
                    if field in seen:
                        continue
                    seen.add(field)
                    s0 = sc.sentence.start
                    ev = F.evidence(sc.block, s0 + m.start(), s0 + (i + h.end if i >= 0 else end), r.id, sc.kind)
                    out.append(HosoFact(field, 0, sc.period, F.subject_of(text, m.start(), sc.default_subject), ev))
    return out


def _from_tables(doc: Document, ctx: Any) -> list[HosoFact]:
    quals = _rules("qualifier")
    labels = _rules("label")
    rate_rules = _rules("rate")
    plan = F.is_plan(doc, ctx)
    periods = F.table_periods(doc, ctx)
    year = F.document_year(doc, ctx)
    out: list[HosoFact] = []
    doc_text = doc.text
    about_hoso = _hoso_tables(doc)
    parent: dict[int, str] = {}  # table index -> label of the last main (non "- "/"+ ") row
    for tr in F.table_rows(doc):
        fl = fold_for_matching(tr.label)
        is_sub = bool(_SUB_ROW.match(tr.label))
        if not is_sub:
            parent[tr.table.index] = tr.label
        unit = tr.unit.casefold()
        is_pct = tr.value_text.strip().endswith("%") or unit.strip() == "%"
        value = parse_number(tr.value_text)
        if value is None:
            continue
        kind = F.kind_of(tr.label, tr.table.section, plan)
        period = F.table_period(tr, periods, year)
        subject = tr.column
        cumulative = False
        if tr.column is not None:
            cp = _column_period(tr.column, _year_of(period, year), period)
            if cp is not None:  # "Tháng 10/2024 | Lũy kế từ đầu năm": the column is a period, not a subject
                period, subject, cumulative = cp[0], None, cp[1]
        ev = F.row_evidence(doc_text, tr)
        if is_pct:
            # "Tỷ lệ hồ sơ ... đúng hạn | 98,5%"; in a table of hồ sơ figures "Tỷ lệ giải quyết đúng hạn | % | 97,24"
            about = re.search(r"hồ\s+sơ", fl, re.I) or (tr.table.index in about_hoso and not _OTHER_OBJECT.search(fl))
            if re.search(r"tỷ\s+lệ", fl, re.I) and about and value <= 100:
                h = next((r for r in rate_rules if r.regex.search(fl)), None)
                if h is not None and not re.search(r"trực\s+tuyến|số\s+hóa|mức\s+độ", fl, re.I):
                    out.append(HosoFact("on_time_rate_pct", value, period, subject, {**ev, "rule": h.rule.id if hasattr(h, "rule") else h.id, "kind": kind},
                                        table=tr.table.index, cumulative=cumulative))
            continue
        if value != int(value):
            continue
        if not (any(lb.regex.search(fl) for lb in labels) or re.fullmatch(r"\s*hồ\s*sơ\s*", unit)):
            continue
        if unit.strip() and not re.fullmatch(r"\s*hồ\s*sơ\s*", unit):
            continue
        h = F.best_left(F.hits(quals, tr.label))
        if h is None or h.tier == 0 or not h.rule.get("field"):
            continue
        field_ = str(h.rule.get("field"))
        if is_sub and h.rule.get("pending_as"):
            # "- Quá hạn" under "Số hồ sơ đang giải quyết" counts pending dossiers, not resolved ones
            ph = F.best_left(F.hits(quals, parent.get(tr.table.index, "")))
            if ph is not None and ph.rule.get("field") == "pending":
                field_ = str(h.rule.get("pending_as"))
        out.append(HosoFact(field_, int(value), period, subject, {**ev, "rule": h.rule.id if hasattr(h, "rule") else h.id, "kind": kind},
                            table=tr.table.index, cumulative=cumulative))
    return out


_SUB_ROW = re.compile(r"\s*[-+–•*]\s")


_NOT_HOSO_HEAD = re.compile(r"thủ\s+tục|tthc|dịch\s+vụ\s+công|văn\s+bản|đơn\s+thư|phản\s+ánh|nhiệm\s+vụ", re.I)
RECEIPT_CHANNELS = {"received_online", "received_direct", "received_postal"}


def _intro(doc: Document, table_index: int, n: int = 3) -> str:
    """The table's caption, else the body paragraphs just above it (up to `n`: an appendix title
    "KẾT QUẢ GIẢI QUYẾT HỒ SƠ ..." is often followed by a "(Số liệu tính từ ...)" line)."""
    t = next((x for x in doc.tables if x.index == table_index), None)
    if t is not None and t.caption:
        return t.caption
    prev: list[str] = []
    for b in doc.blocks:
        if b.location == "table" and b.table == table_index:
            break
        if b.location == "table":
            prev = []  # another table in between: its text is not this one's introduction
        elif b.location == "body" and b.kind in ("paragraph", "heading"):
            prev = (prev + [b.text])[-n:]
    return " ".join(prev)


def _subject_by_column_tables(doc: Document, ctx: Any) -> list[HosoFact]:
    """Tables of subjects (rows: levels of government, agencies, communes, lĩnh vực, months, with a
    Tổng cộng row) by hồ sơ figures (columns named by what they count: Tiếp nhận | Trực tuyến |
    Đã giải quyết | Trễ hạn | Đang giải quyết; Tổng số beside receipt channels): one fact per cell,
    field from the column header, subject = the row label; a row that names a period ("Tháng 7/2025")
    is that period."""
    quals = _rules("qualifier")
    labels = _rules("label")
    plan = F.is_plan(doc, ctx)
    periods = F.table_periods(doc, ctx)
    year = F.document_year(doc, ctx)
    doc_text = doc.text
    by_table: dict[int, list[F.TableRow]] = {}
    for tr in F.table_rows(doc):
        if tr.column is not None:
            by_table.setdefault(tr.table.index, []).append(tr)
    out: list[HosoFact] = []
    for ti, trs in by_table.items():
        heads = sorted({tr.column for tr in trs})
        if any(_NOT_HOSO_HEAD.search(h) for h in heads):
            continue
        fields: dict[str, str | None] = {}
        rule_of: dict[str, str] = {}
        for h in heads:
            hs = F.hits(quals, h)
            best = F.best_left([x for x in hs if x.tier > 0 and x.rule.get("field")])
            share = _SHARE_HEAD.search(h)  # "Tỷ lệ trễ hạn (%)" is a share, not a count
            blocked = any(x.tier == 0 for x in hs)
            fields[h] = None if blocked or share or best is None else str(best.rule.get("field"))
            if fields[h] is not None:
                rule_of[h] = best.rule.id
        if len({f for f in fields.values() if f}) < 2:
            continue  # one figure column is a list, not a table of hồ sơ results
        context = " ".join(heads) + " " + (trs[0].table.caption or "") + " " + _intro(doc, ti)
        if not re.search(r"hồ\s+sơ", context, re.I):
            continue
        specific = {f for f in fields.values() if f and f not in ("received", "resolved", "pending")}
        total_rules = _rules("total_column")
        for h in heads:
            tot = next((r for r in total_rules if r.search(h.split(" / ")[-1])), None)
            if fields[h] is None and tot is not None and specific and specific <= RECEIPT_CHANNELS | {"carried_over", "received_new"}:
                fields[h] = str(tot.get("field"))  # "Tổng số" beside receipt channels is the number received
                rule_of[h] = tot.id
        for tr in trs:
            field_ = fields.get(tr.column)
            fl = fold_for_matching(tr.label)
            if field_ is None or not re.search(r"[^\W\d_]", tr.label):
                continue
            if any(lb.regex.search(fl) for lb in labels) or F.hits(quals, tr.label):
                continue  # a row that names a figure: read by `_from_tables`
            if tr.unit.strip() and not re.fullmatch(r"\s*hồ\s*sơ\s*", tr.unit.casefold()):
                continue
            if tr.value_text.strip().endswith("%"):
                continue
            value = parse_number(tr.value_text)
            if value is None or value != int(value):
                continue
            ev = F.row_evidence(doc_text, tr)
            rule = rule_of[tr.column]
            base = F.table_period(tr, periods, year)
            # "Quý I" without a year is a quarter of the year the table reports on, not the issue year
            own = _row_period(tr.label, _year_of(base, year))
            subject = None if _TOTAL_ROW.match(tr.label) else tr.label.strip()  # a total row is the whole
            out.append(HosoFact(field_, int(value), own or base, subject,
                                {**ev, "rule": rule, "kind": F.kind_of(tr.label, tr.table.section, plan)},
                                table=tr.table.index))
    return out


_TOTAL_ROW = re.compile(r"\s*(?:tổng\s+cộng|tổng\s+số|tổng|cộng|toàn\s+(?:tỉnh|thành\s+phố|huyện|thị\s+xã|quận|sở|ngành))\s*(?:\(|:|$)", re.I)
_SHARE_HEAD = re.compile(r"t[ỷỉ]\s+lệ|%|bình\s+quân", re.I)


def _row_period(label: str, year: int | None):
    """The period a row label names by itself ("Tháng 7/2025", "Quý III/2025"), else None."""
    found = find_periods(label, default_year=year)
    if len(found) == 1 and found[0].kind != "range" and len(found[0].label) >= 0.6 * len(label.strip()):
        return found[0].start, found[0].end
    return None


_OTHER_OBJECT = re.compile(r"đơn\s+thư|phản\s+ánh|kiến\s+nghị|khiếu\s+nại|nhiệm\s+vụ|văn\s+bản|phiếu|hài\s+lòng", re.I)


def _hoso_tables(doc: Document) -> set[int]:
    """Tables whose rows count hồ sơ (a row labelled "Số hồ sơ ..." or with the unit "Hồ sơ")."""
    labels = _rules("label")
    out = set()
    for tr in F.table_rows(doc):
        if re.fullmatch(r"\s*hồ\s*sơ\s*", tr.unit.casefold()) or any(lb.regex.search(fold_for_matching(tr.label)) for lb in labels):
            out.add(tr.table.index)
    return out


def _dedupe(facts: list[HosoFact]) -> list[HosoFact]:
    """One row per stated figure: a table row that restates a figure of the text (same field,
    value, period, subject and kind) is the same fact."""
    seen: set[tuple] = set()
    out = []
    for f in facts:
        key = (f.field, float(f.value), f.period, f.subject, f.evidence.get("kind"))
        if key in seen:
            continue
        seen.add(key)
        out.append(f)
    return out


# --------------------------------------------------------------------------- summary

def _derive(vals: dict[str, float]) -> tuple[dict[str, float], list[str]]:
    """Fields the text does not state, computed from those it does."""
    v = dict(vals)
    derived: list[str] = []

    def put(f: str, x: float | None) -> None:
        if x is not None and f not in v:
            v[f] = x
            derived.append(f)

    chans = [v.get(f) for f in ("received_online", "received_direct", "received_postal")]
    if chans[0] is not None and chans[1] is not None:
        put("received", sum(x or 0 for x in chans) + (v.get("carried_over") or 0))
    if "received_new" in v and "carried_over" in v:
        put("received", v["received_new"] + v["carried_over"])
    if "resolved_early" in v and "resolved_on_time" in v:
        put("resolved_on_time_or_early", v["resolved_early"] + v["resolved_on_time"])
    if "resolved_on_time_or_early" in v and "resolved_late" in v:
        put("resolved", v["resolved_on_time_or_early"] + v["resolved_late"])
    if "pending_not_due" in v and "pending_overdue" in v:
        put("pending", v["pending_not_due"] + v["pending_overdue"])
    if v.get("resolved") and "resolved_on_time_or_early" in v and v["resolved"] > 0:
        put("on_time_rate_pct", round(100.0 * v["resolved_on_time_or_early"] / v["resolved"], 2))
    return v, derived


def summarize(rows: list[dict]) -> list[dict]:
    groups: dict[tuple, list[dict]] = {}
    for r in rows:
        if r.get("kind") != "actual":
            continue
        groups.setdefault((r["period_start"], r["period_end"], r.get("subject")), []).append(r)
    out = []
    for (ps, pe, subj), rs in groups.items():
        stated: dict[str, float] = {}
        for r in rs:
            stated.setdefault(r["field"], r["value"])  # first statement wins
        vals, derived = _derive(stated)
        row = {"period_start": ps, "period_end": pe, "subject": subj,
               "derived_fields": ",".join(derived) or None, "n_facts": len(rs)}
        for f in HOSO_FIELDS:
            row[f] = vals.get(f)
        out.append(row)
    return out


_CUMULATIVE_HEAD = re.compile(r"lũy\s+kế|luỹ\s+kế|cộng\s+dồn|từ\s+đầu\s+năm", re.I)


def _year_of(period: tuple, default: int | None) -> int | None:
    """The year a table period is in ("Quý I" in a table about 2023 is 2023's), else `default`."""
    return period[0].year if period and period[0] else default


def _column_period(head: str, year: int | None, base: tuple) -> tuple[tuple, bool] | None:
    """The period a value column names ("Tháng 10/2024", "Quý III", "6 tháng"), or a cumulative
    column ("Lũy kế từ đầu năm": 1 January to the end of the table's period); else None."""
    h = head.split(" / ")[-1]
    if _CUMULATIVE_HEAD.search(fold_for_matching(h)):
        end = base[1] if base and base[1] else None
        y = end.year if end else year
        return ((dt.date(y, 1, 1), end), True) if y and end else None
    found = find_periods(h, default_year=year)
    if len(found) == 1 and len(found[0].label) >= 0.6 * len(h.strip()):
        return (found[0].start, found[0].end), False
    return None


def _align_table_periods(text: list[HosoFact], tables: list[HosoFact]) -> list[HosoFact]:
    """A table without its own period whose total restates figures of the text (same field and
    value, whole subject) covers the text's period: "tiếp nhận 18.932 hồ sơ" from 15/12/2023 to
    14/6/2024, and a breakdown table by agency whose Tổng cộng row is 18.932."""
    stated = {(f.field, float(f.value)): f.period for f in text if f.subject is None and f.period[0]}
    out = list(tables)
    for ti in {f.table for f in tables if f.table is not None}:
        mine = [f for f in tables if f.table == ti and not f.cumulative]
        hits = {stated[(f.field, float(f.value))] for f in mine if f.subject is None and (f.field, float(f.value)) in stated}
        if len(hits) != 1:
            continue
        target = hits.pop()
        base = {f.period for f in mine if f.subject is None}
        if len(base) != 1 or target in base:
            continue
        old = base.pop()
        out = [HosoFact(f.field, f.value, target, f.subject, f.evidence, f.table)
               if f.table == ti and f.period == old and not f.cumulative else
               # the cumulative column ends where the aligned period ends ("Lũy kế" to 25/10)
               HosoFact(f.field, f.value, (f.period[0], target[1]), f.subject, f.evidence, f.table, True)
               if f.table == ti and f.cumulative and f.period[1] == old[1] else f for f in out]
    return out


def extract(doc: Document, ctx: Any) -> dict[str, list[dict]]:
    text = _from_text(doc, ctx)
    facts = _dedupe(text + _align_table_periods(text, _from_tables(doc, ctx) + _subject_by_column_tables(doc, ctx)))
    rows = [f.row() for f in facts]
    for r in rows:  # table cells, negations and rates read their own words; text figures say how they were read
        r.setdefault("confidence", "high")
    rows, checks = guard(rows)
    return {"hoso": rows, "hoso_summary": summarize(rows), "checks": checks}
