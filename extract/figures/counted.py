"""Counted figures: a number tied to the noun it counts, with the words that say what it counts."""
from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass
from typing import Any, Iterator

from ..model import Block, Document
from ..normalize import fold_for_matching
from ..rules import load_rules
from .compose import Decision, attrs_of, compose
from .context import Hit, Window, best_left, choose, hits, make_window
from .kinds import is_plan, kind_of
from .sentences import Sentence, sentences
from .spans import APPROX_BEFORE, Number, money_follows, numbers
from .subjects import label_subject, subject_after, subject_of
from .timing import PeriodTracker, document_period, document_year


def evidence(block: Block, i: int, j: int, rule: str, kind: str, confidence: str = "high") -> dict:
    ev = block.evidence(max(0, i), min(len(block.text), j))
    ev["rule"] = rule
    ev["kind"] = kind
    ev["confidence"] = confidence
    return ev



@dataclass
class Figure:
    """A number tied to the noun it counts, with what says what it counts."""

    block: Block
    sentence: Sentence
    number: Number  # offsets local to the sentence text
    unit_end: int  # sentence-local end of the unit noun (== number.end when implicit)
    window: Window
    hit: Hit | None
    where: str  # right | near | left | none | blocked | coordinated
    period: tuple[dt.date | None, dt.date | None]
    kind: str
    subject: str | None
    decision: Decision | None = None  # families with a `fields:` table: the composed field

    @property
    def field(self) -> str | None:
        """The composed field (families with a `fields:` table), else the chosen qualifier's `field`/`metric`."""
        if self.decision is not None:
            return self.decision.field.field if self.decision.field is not None else None
        if self.hit is None or self.hit.tier == 0:
            return None
        return self.hit.rule.get("field") or self.hit.rule.get("metric")

    @property
    def confidence(self) -> str:
        """"high" when the figure's field came from its own words (right after its unit, right before it),
        "medium" from the wider clause or from the figure it is coordinated with."""
        return "high" if self.where in ("right", "near") else "medium"

    @property
    def rule_id(self) -> str | None:
        """The id of the rule the figure's field comes from."""
        if self.decision is not None and self.decision.field is not None:
            return self.decision.field.id
        return self.hit.rule.id if self.hit is not None else None

    def span(self) -> tuple[int, int]:
        """Block-local span of the figure and the words that qualify it."""
        base = self.sentence.start
        s, e = self.number.start, self.unit_end
        if self.where == "coordinated":
            return base + s, base + e
        if self.decision is not None and self.decision.hits:
            w = self.window
            for where, h in self.decision.hits:
                if where == "right":
                    e = max(e, w.right_start + h.end)
                else:
                    off = w.left_start + (len(w.left) - len(w.near) if where == "near" else 0)
                    s = min(s, off + h.start)
            return base + s, base + e
        if self.hit is not None:
            if self.where == "right":
                e = max(e, self.window.right_start + self.hit.end)
            elif self.where in ("near", "left"):
                off = self.window.left_start + (len(self.window.left) - len(self.window.near) if self.where == "near" else 0)
                s = min(s, off + self.hit.start)
        return base + s, base + e


_COORDINATED = re.compile(r"^\s*,?\s*(?:và|cùng)\s*$")
_NO_UNIT = re.compile(r"^\s*(?:[,;.)(:]|$|và\s|hoặc\s|-\s|trong\s+đó)")
_ANY_WORD = re.compile(r"^\s*[^\W\d_]")


_NUMBER_WORD = (r"(?:không|một|mốt|hai|ba|bốn|tư|năm|lăm|sáu|bảy|tám|chín|mười|mươi|trăm|nghìn|ngàn|linh|lẻ)")
_WORDS_IN_PARENS = re.compile(rf"\s*\(\s*{_NUMBER_WORD}(?:\s+{_NUMBER_WORD}){{0,5}}\s*\)", re.I)
_WORDS_BEFORE_PAREN = re.compile(rf"{_NUMBER_WORD}\s*\($", re.I)


def number_echo(text: str, n: Number) -> int:
    """How many characters after a number repeat it in words or close its bracket: "02 (hai) thủ tục" -> 5,
    "ba (03) thủ tục" -> 1 (the number stands in brackets after its words)."""
    if _WORDS_BEFORE_PAREN.search(text[max(0, n.start - 12):n.start]) and text[n.end:n.end + 1] == ")":
        return 1
    m = _WORDS_IN_PARENS.match(text, n.end)
    return m.end() - n.end if m else 0


def _table_leads(doc: Document) -> dict[int, str]:
    """The body paragraph just above each table (its heading: "B. DANH MỤC THỦ TỤC HÀNH CHÍNH BỊ BÃI BỎ")."""
    out: dict[int, str] = {}
    last = ""
    for b in doc.blocks:
        if b.kind == "cell":
            if b.table is not None and b.table not in out:
                out[b.table] = last
            continue
        if b.location == "body" and b.text.strip():
            last = b.text
    return out


def doc_context(rules, ctx: Any) -> frozenset[str]:
    """Attributes the whole document gives its figures: `role: doc_context` rules matched against
    "<doc type> | <title>" of the documents row found so far."""
    d = getattr(ctx, "document", {}) or {}
    line = f"{d.get('doc_type') or ''} | {d.get('title') or ''}"
    folded = fold_for_matching(line)
    out: set[str] = set()
    for r in rules:
        if r.get("role") == "doc_context" and r.regex.search(folded):
            a = r.get("attr")
            out.update(a.split() if isinstance(a, str) else a)
    return frozenset(out)


def _has_rule(rules, role):
    return [r for r in rules if r.get("role") == role]


def iter_figures(doc: Document, ctx: Any, family: str, *, listing_cells: bool = False) -> Iterator[Figure]:
    """Counted figures of a family (hoso | tthc) in the body text, with their qualifier.

    A number counts the family's noun when the unit follows it ("63 hồ sơ",
    "48/49 TTHC"), or when no noun follows and a label precedes it ("Số hồ sơ
    giải quyết đúng hạn: 09"), or, inside a sentence that already counted the
    noun, when a specific qualifier stands right before it ("trong đó: trực tuyến 52, ...").
    Percentages, decimals and money are never counts.
    """
    rules = load_rules(family)
    units = _has_rule(rules, "unit")
    labels = _has_rule(rules, "label")
    quals = _has_rule(rules, "qualifier")
    pseudo = _has_rule(rules, "pseudo")
    table = rules.fields
    context = doc_context(rules, ctx)
    leads = _table_leads(doc) if listing_cells else {}
    lead_acts: dict[int, frozenset[str]] = {}
    for sc in iter_sentences(doc, ctx, listing_cells=listing_cells):
        sent = sc.sentence
        text = sent.text
        nums = numbers(text)
        seen_unit = False
        prev_end = 0
        prev_fig: Figure | None = None
        for k, n in enumerate(nums):
            next_start = nums[k + 1].start if k + 1 < len(nums) else len(text)
            echo = number_echo(text, n)  # "ba (03) thủ tục", "02 (hai) thủ tục": the number said twice
            after = text[n.end + echo:next_start]
            unit_end = None
            fa = fold_for_matching(after)
            for u in units:
                m = u.regex.search(fa)
                if m:
                    unit_end = n.end + echo + m.end()
                    break
            if n.percent or money_follows(text, n.end) or not n.is_int:
                prev_end = n.end
                continue
            implicit = False
            if unit_end is None:
                if not _NO_UNIT.match(after):
                    prev_end = n.end
                    continue
                implicit = True
                unit_end = n.end
            approx = APPROX_BEFORE.search(text, prev_end, n.start)
            w = make_window(text, approx.start() if approx else n.start, unit_end, prev_end, next_start)
            prev_end = w.right_end
            if implicit:
                labelled = any(lb.regex.search(fold_for_matching(w.left)) for lb in labels)
                h0 = best_left(hits(quals, w.near))
                if not labelled and not (seen_unit and h0 is not None and h0.tier == 1):
                    continue
            else:
                seen_unit = True
            decision = None
            if table:
                here = context
                if sc.block.kind == "cell" and sc.block.table is not None:
                    # a section row of a list ("LĨNH VỰC: CHỨNG THỰC (01 TTHC)") counts what the heading above
                    # the table says of its procedures ("B. DANH MỤC THỦ TỤC HÀNH CHÍNH BỊ BÃI BỎ")
                    t = sc.block.table
                    if t not in lead_acts:
                        lead_acts[t] = frozenset(a for h in hits(quals, leads.get(t, "")) for a in attrs_of(h)
                                                 if a.startswith("act="))
                    here = context | lead_acts[t]
                decision = compose(quals, table, w, use_right=not implicit, pseudo=pseudo, context=here)
                hit, where = decision.primary, decision.where
                if decision.field is None and where in ("near", "left", "none") and prev_fig is not None \
                        and _COORDINATED.match(w.left) and prev_fig.decision is not None \
                        and prev_fig.decision.field is not None and prev_fig.where in ("near", "left", "coordinated"):
                    decision, hit, where = prev_fig.decision, prev_fig.hit, "coordinated"
            else:
                hit, where = choose(quals, w, use_right=not implicit)
                if (where != "right" or hit is None) and prev_fig is not None and _COORDINATED.match(w.left) \
                        and prev_fig.where in ("near", "left", "coordinated") and prev_fig.hit is not None \
                        and (hit is None or hit.tier > prev_fig.hit.tier):
                    # "niêm yết 281 TTHC cấp huyện và 119 TTHC cấp xã": the second count shares the first one's words
                    hit, where = prev_fig.hit, "coordinated"
            fig = Figure(sc.block, sent, n, unit_end, w, hit, where, sc.period, sc.kind,
                         subject_after(w.right) or subject_of(text, n.start, sc.default_subject), decision)
            prev_fig = fig
            yield fig


@dataclass
class SentenceContext:
    block: Block
    sentence: Sentence
    period: tuple[dt.date | None, dt.date | None]
    period_source: str
    kind: str
    default_subject: str | None


def iter_sentences(doc: Document, ctx: Any, *, listing_cells: bool = False) -> Iterator[SentenceContext]:
    """Body sentences in reading order, each with its period, kind and default subject; with `listing_cells`,
    also the text cells of tables that list procedures (a section row "LĨNH VỰC PHÍ, LỆ PHÍ (02 TTHC)")."""
    yield from _sentence_contexts(doc, ctx, listing_cells)


def _sentence_contexts(doc: Document, ctx: Any, listing_cells: bool) -> tuple[SentenceContext, ...]:
    """The sentences `iter_sentences` yields, kept on the document (`doc.__dict__`, gone with it): tthc and
    hoso's three passes walk the same sentences, so each document's periods are tracked once. The key is
    everything the walk reads besides the document: the plan flag, the document's period and year."""
    plan = is_plan(doc, ctx)
    period, year = document_period(doc, ctx), document_year(doc, ctx)
    cache = doc.__dict__.setdefault("_sentence_contexts", {})
    key = (listing_cells, plan, period, year)
    if key not in cache:
        with_cells = cache.get((True, plan, period, year))
        if not listing_cells and with_cells is not None:
            # listing cells only add their own sentences (they never move the period tracker)
            cache[key] = tuple(sc for sc in with_cells if sc.block.kind != "cell")
        else:
            cache[key] = tuple(_walk_sentences(doc, plan, period, year, listing_cells))
    return cache[key]


def _walk_sentences(doc: Document, plan: bool, period: tuple[dt.date | None, dt.date | None], year: int | None,
                    listing_cells: bool) -> Iterator[SentenceContext]:
    from ..extractors.tables import is_listing

    tracker = PeriodTracker(period, year)
    listings = {t.index for t in doc.tables if not t.layout and is_listing(t)} if listing_cells else set()
    for block in doc.blocks:
        if block.kind == "cell" and block.table in listings and re.search(r"[^\W\d_]{2}", block.text):
            ps, pe = tracker.current(block.section)
            for sent in sentences(block):
                yield SentenceContext(block, sent, (ps, pe), "section", kind_of(sent.text, block.section, plan), None)
            continue
        if block.location != "body" or block.kind not in ("paragraph", "heading"):
            continue
        tracker.enter_block(block)
        default_subject = label_subject(block.text)
        for sent in sentences(block):
            ps, pe, src = tracker.sentence_period(sent)
            yield SentenceContext(block, sent, (ps, pe), src, kind_of(sent.text, block.section, plan),
                                  default_subject)
