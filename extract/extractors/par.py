"""par_scores: PAR index (Chỉ số CCHC) results.

* the total: "xếp vị trí thứ 4 (87,303 điểm), tăng 06 bậc" -> total 87.303 / 100,
  rank 4, rank_change +6;
* components: a label that maps to a `par_components` code, followed closely by
  its score "(11,911/13,5)" / ": Đạt 6,47/10 điểm" / "đạt điểm tối đa 8/8"; a rank
  in the same clause ("xếp thứ 14/21") belongs to the component. One row per
  component: later mentions only fill what is missing.
* sub-criteria ("34/40 nhiệm vụ đúng hạn (1,7/2 điểm)") have no component label
  and are left out.
* other indices (SIPAS, PCI, PAPI, DTI ...): the stretch of a sentence that speaks of
  one is masked; the PAR clause of the same sentence is still read.
* a document about the PAR index (its title or the section heading says so) states
  results without naming the index again ("Sở ... đạt 84,76 điểm, đứng thứ 9/21"):
  there a score with its rank is a total.
* tables: bodies (rows) x components (columns), and the transposed form, components
  (rows) x "Điểm tối đa" / "Điểm đạt được" (columns) with a "Tổng cộng" row.

Rules: patterns/par.yaml.
"""
from __future__ import annotations

import functools
import re
from dataclasses import dataclass, field
from typing import Any

from .. import figures as F
from . import par_rankings
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
        if self.score is None and other.score is not None:
            # a rank stated apart from its score: the row now quotes the score
            self.label, self.evidence = other.label, other.evidence
        for f in ("score", "max_score", "rank", "rank_of", "rank_change", "eval_year"):
            if getattr(self, f) is None and getattr(other, f) is not None:
                setattr(self, f, getattr(other, f))

    def row(self, subject: str | None) -> dict:
        return {"subject": subject, "eval_year": self.eval_year, "component": self.component,
                "label": self.label, "score": self.score, "max_score": self.max_score,
                "rank": self.rank, "rank_of": self.rank_of, "rank_change": self.rank_change,
                **self.evidence}


def _dot_decimal(raw: str) -> float | None:
    """"87.303" read with the dot as decimal mark, when that gives a score out of 100; else None."""
    m = re.fullmatch(r"([1-9]\d)\.(\d{1,3})", raw.strip())
    return float(f"{m.group(1)}.{m.group(2)}") if m else None


@functools.lru_cache(maxsize=None)
def _by_role(role: str) -> tuple:
    """The rules of one role (looked up once: extractors call this per sentence)."""
    return tuple(r for r in load_rules("par") if r.get("role") == role)


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


def _lead_year(folded: str) -> int | None:
    """The year a sentence opens with ("Năm 2023, Chỉ số CCHC của tỉnh ... đạt ...")."""
    for r in _by_role("year_lead"):
        m = r.regex.search(folded)
        if m:
            return int(m.group("year"))
    return None


def _local_year(folded: str, pos: int) -> int | None:
    """A year stated in the clause right before `pos`: "(năm 2022 xếp thứ 22/63 với 86,12 điểm)"."""
    blank = F.blank_parens(folded[:pos])
    cut = max(blank.rfind(c) for c in "(,;:")
    y = re.search(r"năm\s+((?:19|20)\d{2})\s*$", folded[cut + 1:pos]) if cut >= 0 else None
    return int(y.group(1)) if y else None


def _subject_before(text: str, pos: int) -> str | None:
    """A body named alone right before a score, in its own clause ("; tỉnh Hà Giang đạt 83,12 điểm")."""
    blank = F.blank_parens(text[:pos])
    cut = max(blank.rfind(c) for c in ",;:(")
    clause = text[cut + 1:pos]
    for r in _by_role("subject_before"):
        m = r.regex.search(fold_for_matching(clause))
        if m:
            return clause[m.start("name"):m.end("name")].strip()
    return None


def _part(rules, text: str):
    """The first rule of `rules` that matches one of the " / "-joined parts of a header label."""
    for part in text.split(" / "):
        f = fold_for_matching(part)
        for r in rules:
            m = r.regex.search(f)
            if m:
                return r, m, part
    return None


def _other_index_mask(folded: str, context, others) -> str:
    """`folded` with the stretches that speak of another index (SIPAS, PCI, PAPI, DTI ...) blanked (same length).

    A stretch runs from the start of the clause naming the other index (after the last "," or ";" outside
    brackets, or the end of a PAR-index mention, before it) to the next PAR-index mention or the end of the
    clause (";" or the sentence end): "Chỉ số CCHC ... đạt 88,64 điểm, xếp thứ 5/19; Chỉ số hài lòng ... (SIPAS)
    đạt 86,42%" keeps the first clause only."""
    mentions = sorted([(m.start(), m.end(), "other") for r in others for m in r.regex.finditer(folded)]
                      + [(m.start(), m.end(), "par") for r in context for m in r.regex.finditer(folded)])
    if not any(k == "other" for _, _, k in mentions):
        return folded
    blank = F.blank_parens(folded)
    opens = _by_role("clause_open")
    chars = list(folded)
    for s, e, k in mentions:
        if k != "other":
            continue
        par_before = [pe for ps, pe, pk in mentions if pk == "par" and pe <= s]
        cut = max([blank.rfind(c, 0, s) + 1 for c in ",;"] + par_before + [0])
        # a PAR-index mention ends the stretch where it opens a clause of its own ("..., Chỉ số CCHC ..."), not
        # inside the other index's clause ("... là chỉ số thành phần của Chỉ số CCHC")
        nxt = [ps for ps, _, pk in mentions if pk == "par" and ps >= e
               and any(r.regex.match(blank[max(blank.rfind(c, 0, ps) for c in ",;:") + 1:ps]) for r in opens)]
        semi = blank.find(";", e)
        end = min([len(folded)] + nxt + ([semi] if semi >= 0 else []))
        chars[cut:end] = " " * (end - cut)
    return "".join(chars)


def _par_context(text: str | None, context) -> bool:
    f = fold_for_matching(text or "")
    return bool(f) and any(r.regex.search(f) for r in context)


@dataclass
class ParColumn:
    col: int
    component: str  # a par_components code or "total"
    role: str  # score | rank
    rule: str
    label: str
    max_score: float | None = None


_NUM_CELL = re.compile(r"^\s*\d+(?:[.,]\d+)?\s*$")
_STT_HEAD = re.compile(r"^\s*(?:s?tt|số\s+tt)\s*$", re.I)


def _word_column(heads: list[str], body: list, skip: set[int]) -> int | None:
    """The label column: the first one (STT and `skip` aside) whose cells are words in most rows."""
    return next((i for i in range(len(heads)) if i not in skip and not _STT_HEAD.match(heads[i])
                 and sum(1 for r in body for c in r if c.col == i and c.text.strip()
                         and not _NUM_CELL.match(c.text)) > len(body) / 2), None)


def _table_columns(heads: list[str]) -> list[ParColumn]:
    comps, total, rank = _by_role("component"), _by_role("table_total"), _by_role("table_rank")
    maxr, hmax = _by_role("table_max"), _by_role("header_max")
    cols: list[ParColumn] = []
    for i, h in enumerate(heads):
        last = h.split(" / ")[-1]
        if _part(maxr, last):
            continue
        hit = _part(comps, h)
        code = str(hit[0].get("component")) if hit else None
        if hit is None:
            hit = _part(total, h)
            code = "total" if hit else None
        rk = _part(rank, last)
        if rk is not None:
            cols.append(ParColumn(i, code or "total", "rank", rk[0].id, h))
            continue
        if hit is None:
            continue
        mx = None
        for r in hmax:
            m = r.regex.search(fold_for_matching(h))
            if m:
                mx = parse_number(m.group("m"))
                break
        cols.append(ParColumn(i, code, "score", hit[0].id, h, mx))
    return cols


def _table_year(doc: Document, t, context, default: int | None) -> int | None:
    texts = [t.caption or "", t.section or ""]
    first = next((k for k, b in enumerate(doc.blocks) if b.location == "table" and b.table == t.index), None)
    if first is not None:
        texts += [b.text for b in doc.blocks[max(0, first - 3):first][::-1] if b.location == "body"]
    for x in texts:
        y = _eval_year(fold_for_matching(x), context) if x else None
        if y:
            return y
    return default


def _table_par_rows(doc: Document, plan: bool, year_doc: int | None) -> list[tuple[ParRow, str | None]]:
    """Annex tables of bodies (rows) x component scores (columns, "Cải cách TTHC (12 điểm)") + total/rank."""
    context = _by_role("context")
    out: list[tuple[ParRow, str | None]] = []
    for t in doc.tables:
        if t.layout or not t.rows or t.header_rows < 1:
            continue
        heads = t.header_labels()
        cols = _table_columns(heads)
        scores = [c for c in cols if c.role == "score"]
        if not scores:
            continue
        # a table of PAR scores: a component column, or an overall column said to be the PAR index
        around = " ".join([t.caption or "", t.section or ""] + [c.label for c in scores])
        if not any(c.component != "total" for c in scores) and \
                not any(r.regex.search(fold_for_matching(around)) for r in context):
            continue
        used = {c.col for c in cols}
        body = t.rows[t.header_rows:]
        label_col = _word_column(heads, body, used)
        year = _table_year(doc, t, context, year_doc)
        kind = F.kind_of(t.caption or "", t.section, plan)
        for row in body:
            cells = {c.col: c for c in row}
            subject = cells[label_col].text.strip() if label_col in cells else None
            ranks = {c.component: parse_int(cells[c.col].text.strip()) for c in cols
                     if c.role == "rank" and c.col in cells and re.fullmatch(r"\s*\d{1,3}\s*", cells[c.col].text)}
            for c in scores:
                cell = cells.get(c.col)
                if cell is None or not _NUM_CELL.match(cell.text):
                    continue
                score = parse_number(cell.text.strip())
                mx = c.max_score if c.max_score is not None else (100.0 if c.component == "total" else None)
                if score is None or (mx is not None and score > mx) or (mx is None and score > 100):
                    continue
                pr = ParRow(c.component, c.label, score, mx, rank=ranks.get(c.component), eval_year=year)
                pr.evidence = cell.evidence(0, len(cell.text))
                pr.evidence.update(rule=c.rule, kind=kind)
                out.append((pr, subject))
    return out


_NUMBERING = re.compile(r"^[\s\-–+*•.]*(?:(?:[IVXL]+|\d+|[a-zđ])\s*[.)/:]\s*)?", re.I)


def _label_prefix(prefix: str, leads) -> bool:
    """What stands before a component's name in a row label is only numbering or a lead word ("Lĩnh vực")."""
    rest = prefix[_NUMBERING.match(prefix).end():]
    return not rest.strip() or any(lr.regex.match(rest) for lr in leads)  # lead rules end at "$"


_ROMAN_CELL = re.compile(r"^\s*[IVXL]+\s*\.?\s*$")


def _component_table_rows(doc: Document, plan: bool, year_doc: int | None) -> list[tuple[ParRow, str | None]]:
    """Tables of components as rows: "STT | Lĩnh vực | Điểm tối đa | Điểm đạt được | Tỷ lệ (%)".

    A row whose label is a component (patterns/par.yaml role component) gives that component's score (the
    achieved-score column, role table_score) out of its maximum (role table_max); a "Tổng cộng" row (role
    table_total_row) the total. A table of maxima only (criteria with "Điểm tối đa", no achieved score) gives
    nothing; nor does a table with fewer than two component rows. Where the STT column numbers the components
    with Roman numerals (I, II ...), rows numbered otherwise are criteria under a component and are left out."""
    context = _by_role("context")
    comps, maxr, scorer = _by_role("component"), _by_role("table_max"), _by_role("table_score")
    total_rows, leads = _by_role("table_total_row"), _by_role("label_lead")
    out: list[tuple[ParRow, str | None]] = []
    for t in doc.tables:
        if t.layout or not t.rows or t.header_rows < 1:
            continue
        heads = t.header_labels()
        lasts = [h.split(" / ")[-1] for h in heads]
        max_cols = [i for i, h in enumerate(lasts) if any(r.regex.search(fold_for_matching(h)) for r in maxr)]
        score_cols = [i for i, h in enumerate(lasts) if any(r.regex.search(fold_for_matching(h)) for r in scorer)]
        if len(max_cols) != 1 or len(score_cols) != 1:
            continue
        mcol, scol = max_cols[0], score_cols[0]
        body = t.rows[t.header_rows:]
        stt_col = next((i for i, h in enumerate(heads) if _STT_HEAD.match(h)), None)
        label_col = _word_column(heads, body, {mcol, scol})
        if label_col is None:
            continue
        roman = stt_col is not None and any(_ROMAN_CELL.match(c.text) for r in body for c in r if c.col == stt_col)
        year = _table_year(doc, t, context, year_doc)
        kind = F.kind_of(t.caption or "", t.section, plan)
        rows: list[ParRow] = []
        seen: set[str] = set()
        for row in body:
            cells = {c.col: c for c in row}
            lab, sc, mx = cells.get(label_col), cells.get(scol), cells.get(mcol)
            if lab is None or sc is None or mx is None or not _NUM_CELL.match(sc.text) or not _NUM_CELL.match(mx.text):
                continue
            score, maxv = parse_number(sc.text.strip()), parse_number(mx.text.strip())
            if score is None or maxv is None or score > maxv:
                continue
            label = lab.text.strip()
            fl = fold_for_matching(label)
            if any(r.regex.match(fl) for r in total_rows):
                code, rule_id = "total", next(r.id for r in total_rows if r.regex.match(fl))
                if maxv != 100:
                    continue
            else:
                stt = cells.get(stt_col).text if stt_col is not None and stt_col in cells else ""
                if roman and stt.strip() and not _ROMAN_CELL.match(stt):
                    continue
                # the label is the component's name, maybe after numbering or a lead word ("Lĩnh vực ...")
                hit = next(((r, m) for r in comps for m in [r.regex.search(fl)] if m
                            and _label_prefix(fl[:m.start()], leads)), None)
                if hit is None or maxv <= _MIN_COMPONENT_MAX:
                    continue
                code, rule_id = str(hit[0].get("component")), hit[0].id
            if code in seen:
                continue
            seen.add(code)
            pr = ParRow(code, label, score, maxv, eval_year=year)
            pr.evidence = sc.evidence(0, len(sc.text))
            pr.evidence.update(rule=rule_id, kind=kind)
            rows.append(pr)
        if sum(1 for r in rows if r.component != "total") >= 2:
            out.extend((r, None) for r in rows)
    return out


def _complements(a: ParRow, b: ParRow) -> bool:
    """One row has the score, the other the rank, of the same result."""
    if a.eval_year != b.eval_year:
        return False
    return (a.score is None) != (b.score is None) and (a.rank is None) != (b.rank is None)


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
    self_refs = _by_role("subject_self")
    meta = getattr(ctx, "document", {}) or {}
    about_par = _par_context(meta.get("title"), context)
    doc_subject = next((x for x in (_subject(b.text) for b in doc.blocks[:12] + doc.body_blocks()) if x), None) \
        or meta.get("agency")
    agency = meta.get("agency") or doc_subject  # "của Ban", "của Sở": the issuer itself
    found: dict[tuple, ParRow] = {}
    subjects: dict[tuple, str | None] = {}

    def add(row: ParRow, subject: str | None) -> None:
        key = (subject, row.component, row.eval_year if row.component == "total" else None)
        if key in found:
            found[key].merge(row)
        else:
            found[key] = row
            subjects[key] = subject

    for block in doc.blocks:
        if block.location != "body" or block.kind not in ("paragraph", "heading"):
            continue
        section_par = about_par or _par_context(block.section, context)
        for sent in F.sentences(block):
            text, folded = sent.text, fold_for_matching(sent.text)
            kind = F.kind_of(text, block.section, plan)
            year = _eval_year(folded, context) or _lead_year(folded) or year_doc
            subject = _subject(text) or (agency if any(r.regex.search(folded) for r in self_refs) else None) \
                or doc_subject
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
            # the total: read where the sentence, its section or the document speaks of the PAR index, in the
            # clauses that speak of no other index
            folded = _other_index_mask(folded, context, others)
            own_context = any(r.regex.search(folded) for r in context)
            if not own_context and not section_par:
                continue
            cands = sorted(((tm, t) for t in totals for tm in t.regex.finditer(folded)),
                           key=lambda x: (x[0].start(), -x[0].end()))
            pending: list[tuple[ParRow, str | None, int, int]] = []  # this sentence's totals: row, subject, start, end
            for tm, t in cands:
                if any(s <= tm.start() < e or s < tm.end() <= e or tm.start() <= s < tm.end() for s, e in taken):
                    continue
                g = tm.groupdict()
                score = parse_number(g["score"]) if g.get("score") else None
                mx = parse_number(g["max"]) if g.get("max") else None
                if score is None and not g.get("rank"):
                    continue
                if score is not None and mx is None and score > 100:
                    # "87.303 điểm": a dot typed as the decimal mark (the index is out of 100)
                    score = _dot_decimal(g["score"])
                    if score is None and not g.get("rank"):
                        continue
                if score is not None and mx is None:
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
                own = _subject_before(text, tm.start("score") if g.get("score") else tm.start())
                row_subject = own or subject
                prev = pending[-1] if pending else None
                if prev is not None and _complements(prev[0], row) and own in (None, prev[1]) \
                        and not re.search(r"[;.(]", folded[prev[3]:tm.start()]) and tm.start() - prev[3] <= 80:
                    # "đạt 87,12/100 điểm, xếp thứ 18/63": one result told by two rules
                    a = prev[0]
                    rule_id = (a if a.score is not None else row).evidence.get("rule")
                    a.merge(row)
                    a.evidence = F.evidence(block, sent.start + prev[2], sent.start + ev_end, rule_id, kind)
                    a.label = text[prev[2]:tm.end()]
                    pending[-1] = (a, prev[1], prev[2], tm.end())
                    continue
                pending.append((row, row_subject, tm.start(), tm.end()))
            for row, subj, _, _ in pending:
                # without the index named in the sentence, only a score with its rank is told as a result
                if own_context or (row.score is not None and row.rank is not None):
                    add(row, subj)
    for row, subj in _table_par_rows(doc, plan, year_doc):
        add(row, subj)
    for row, subj in _component_table_rows(doc, plan, year_doc):
        same = next((k for k, r in found.items() if r.component == row.component and r.eval_year == row.eval_year
                     and r.score is not None and row.score is not None and abs(r.score - row.score) < 1e-9), None)
        if same is not None:  # the table restates a result of the text
            found[same].merge(row)
        else:
            add(row, subj or doc_subject)
    # a rank with no score is not a result row (its score may have come from another sentence)
    rows = [r.row(subjects[k]) for k, r in found.items() if r.score is not None]
    for r in rows:  # a component or total read with its own label and score
        r.setdefault("confidence", "high")
    return {"par_scores": rows + _ranking_rows(doc, ctx, rows, about_par, year_doc, plan)}


def _ranking_rows(doc: Document, ctx: Any, have: list[dict], about_par: bool, year_doc: int | None,
                  plan: bool) -> list[dict]:
    """Results of ranked bodies (extract/extractors/par_rankings.py) in sentences about the PAR index, where the
    rules above read nothing: each body its own row, rank-only results included."""
    context, others = _by_role("context"), _by_role("other_index")
    meta = getattr(ctx, "document", {}) or {}
    if not about_par and not meta.get("doc_type"):  # a text without a header: its headline says what it is about
        about_par = any(_par_context(b.text, context) for b in doc.body_blocks()[:3])
    spans = [(r["char_start"], r["char_end"]) for r in have if r.get("char_start") is not None]
    scores = {round(r["score"], 6) for r in have if r.get("score") is not None}
    out: list[dict] = []
    seen: set[tuple] = set()
    for block in doc.blocks:
        if block.location != "body" or block.kind not in ("paragraph", "heading"):
            continue
        in_par = about_par or _par_context(block.section, context)
        for sent in F.sentences(block):
            text = sent.text
            folded = fold_for_matching(text)
            if not in_par and not any(r.regex.search(folded) for r in context):
                continue
            om = _other_index_mask(folded, context, others)
            # the sentence with the other indexes' stretches blanked (most sentences name none: kept whole)
            visible = text if om == folded else "".join(ch if om[i] == folded[i] else " " for i, ch in enumerate(text))
            year = _eval_year(folded, context) or _lead_year(folded) or year_doc
            kind = F.kind_of(text, block.section, plan)
            for res in par_rankings.read_sentence(visible):
                ev = F.evidence(block, sent.start + res.start, sent.start + res.end,
                                res.rules[0] if res.rules else "par.ranking", kind, "medium")
                if any(a < ev["char_end"] and ev["char_start"] < b for a, b in spans):
                    continue  # the rules above read this stretch
                if res.score is not None and round(res.score, 6) in scores:
                    continue
                key = (res.subject, res.score, res.rank, year)
                if key in seen:
                    continue
                seen.add(key)
                out.append({"subject": res.subject, "eval_year": year, "component": "total",
                            "label": text[res.start:res.end], "score": res.score,
                            "max_score": 100.0, "rank": res.rank, "rank_of": res.rank_of,
                            "rank_change": res.rank_change, **ev})
    # a rank told again without its score (a headline, a summary) is the result already read
    scored = {(_body_key(r["subject"]), r["rank"], r["eval_year"]) for r in out if r["score"] is not None}
    return [r for r in out if r["score"] is not None or (_body_key(r["subject"]), r["rank"], r["eval_year"]) not in scored]


def _body_key(name: str | None) -> str:
    return re.sub(r"\s+việt\s+nam$", "", fold_for_matching(name or "").casefold().strip())
