"""Shared helpers for the figure extractors (tthc, hoso, par, checks).

* sentences: underthesea `sent_tokenize` over a block, mapped back to block offsets;
* numbers: Vietnamese number spans ("87,303", "659.245", "09", "48/49", "54.9%"),
  dates, document symbols and years left out;
* windows: for a number, the words before it (`left`, `near`) and after its unit
  (`right`) that say what it counts, cut at the neighbouring figures;
* qualifier choice: rules of a family (patterns/<family>.yaml) with a `tier`
  (0 = exclusion, 1 = specific, 2 = generic);
* kind (actual | target), subject and period of a figure.

Nothing is loaded at import time.
"""
from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass, field
from typing import Any, Iterable, Iterator

from .model import Block, Document, Table
from .normalize import fold_for_matching
from .numbers import parse_number
from .rules import Rule, load_rules

# --------------------------------------------------------------------------- sentences


@dataclass(frozen=True)
class Sentence:
    block: Block
    start: int  # local offsets in block.text
    end: int

    @property
    def text(self) -> str:
        return self.block.text[self.start:self.end]


def _tokenize(text: str) -> list[str]:
    try:
        from underthesea import sent_tokenize  # imported lazily (slow import)

        return list(sent_tokenize(text))
    except Exception:  # noqa: BLE001 - fall back to a plain splitter
        return re.split(r"(?<=[.!?])\s+(?=[A-ZĐÀ-Ỹ\-+*•])", text)


_DOT_JOINED_END = re.compile(r"(?:quý|tháng|giai\s+đoạn)\s+(?:IV|III|II|I|\d{1,2})\.$", re.I)


def sentences(block: Block) -> list[Sentence]:
    """Sentences of a block, as offsets into `block.text` (underthesea, then re-anchored)."""
    text = block.text
    out: list[Sentence] = []
    pos = 0
    for piece in _tokenize(text):
        piece = piece.strip()
        if not piece:
            continue
        i = text.find(piece, pos)
        if i < 0:  # tokenizer changed the text: anchor on its first words
            head = piece[:20]
            i = text.find(head, pos)
            if i < 0:
                continue
            j = text.find(" ", i + len(piece) - 1)
            j = len(text) if j < 0 else j
        else:
            j = i + len(piece)
        out.append(Sentence(block, i, j))
        pos = j
    if not out and text.strip():
        out.append(Sentence(block, 0, len(text)))
    # a sentence that the tokenizer cut inside parentheses is joined back
    merged: list[Sentence] = []
    for s in out:
        if merged and (merged[-1].text.count("(") > merged[-1].text.count(")")
                       or (_DOT_JOINED_END.search(merged[-1].text) and s.start == merged[-1].end
                           and re.match(r"\d", s.text))):
            # cut inside parentheses, or at the dot of "Quý II.2024" / "quý 2.2024": one sentence
            merged[-1] = Sentence(block, merged[-1].start, s.end)
        else:
            merged.append(s)
    return merged


# --------------------------------------------------------------------------- numbers

_NUM = r"\d{1,3}(?:\.\d{3})+(?:,\d+)?|\d+(?:,\d+)?(?:\.\d{1,2}(?!\d))?"
NUMBER_RX = re.compile(
    rf"(?<![\w/.,:\-])(?<!\d\s(?=\d{{3}}(?!\d)))(?P<a>{_NUM})(?:\s*/\s*(?P<b>{_NUM}))?(?P<pct>\s*%)?(?![\w/]|[.,]\d|:\d)"
    # "1 250 hồ sơ": space-grouped thousands are ambiguous; neither part is read
    r"(?!\s\d{3}(?![\d.,]?\d))"
)
_DATE_RX = re.compile(r"\d{1,2}\s*[/.\-]\s*\d{1,2}\s*[/.\-]\s*(?:19|20)\d{2}|\d{1,2}/(?:19|20)\d{2}")
_SYMBOL_RX = re.compile(r"\d+[/\-][\w&Đđ\-/]*[A-ZĐ][\w&Đđ\-/]*")
_YEAR_BEFORE = re.compile(r"(?:năm|giai đoạn|đến|từ|–|-|thứ|khóa|lần|số|ngày|tháng|quý|khoản|điều|mục|điểm|nghị định|thông tư|chỉ thị)\s*$", re.I)
_LEVEL_LIST_BEFORE = re.compile(r"mức\s+độ\s+0?[1-4]\s*(?:,|và|-|–|hoặc)\s*(?:mức\s+độ\s+)?$", re.I)
_COUNT_UNIT_AFTER = re.compile(r"\s*(?:tthc|thủ\s+tục|hồ\s+sơ|dịch\s+vụ)", re.I)
_MONEY_AFTER = re.compile(r"\s*(?:triệu|tỷ|nghìn|ngàn|đồng|vnđ|vnd|usd|%)", re.I)


@dataclass(frozen=True)
class Number:
    start: int  # offsets in the text searched
    end: int
    raw: str
    value: float
    denominator: float | None
    percent: bool

    @property
    def is_int(self) -> bool:
        return self.value == int(self.value) and not self.percent

    @property
    def int_value(self) -> int:
        return int(self.value)


def numbers(text: str) -> list[Number]:
    """Number spans in `text`: counts, ratios ("48/49"), percentages, decimals.

    Leaves out dates (15/12/2022, 6/2023), document symbols (48/2021/QĐ-UBND),
    years after "năm", article/section numbers and superscript footnote marks.
    """
    blocked: list[tuple[int, int]] = [m.span() for m in _DATE_RX.finditer(text)]
    blocked += [m.span() for m in _SYMBOL_RX.finditer(text)]
    out: list[Number] = []
    for m in NUMBER_RX.finditer(text):
        s, e = m.span()
        if any(bs <= s < be or bs < e <= be for bs, be in blocked):
            continue
        a, b = m.group("a"), m.group("b")
        if b is None and re.fullmatch(r"(?:19|20)\d{2}", a) and _YEAR_BEFORE.search(text[max(0, s - 15):s]):
            continue
        if b is None and _YEAR_BEFORE.search(text[max(0, s - 12):s]) and re.search(r"(?:số|điều|khoản|(?<!danh\s)mục|thứ|lần|khóa)\s*$", text[max(0, s - 12):s], re.I):
            # "số 48", "thứ 4" are not counts (ranks are read by the PAR rules)
            continue
        if b is None and re.search(r"(?:mức(?:\s+độ)?|lần|khóa|thứ|hạng|bậc|iso|tcvn|nghị\s+quyết|quyết\s+định|điều|khoản)\s*$", text[max(0, s - 14):s], re.I):
            continue  # "mức độ 4", "lần 2", "ISO 9001": part of a name, not a count
        if b is None and _LEVEL_LIST_BEFORE.search(text[max(0, s - 30):s]) and re.fullmatch(r"0?[1-4]", a) \
                and not _COUNT_UNIT_AFTER.match(text, m.end()):
            continue  # the "4" of "mức độ 3, 4" / "mức độ 3 và 4": a service level, not a count
        va = parse_number(a)
        vb = parse_number(b) if b else None
        if va is None or (b and vb is None):
            continue
        end = m.end("pct") if m.group("pct") else (m.end("b") if b else m.end("a"))
        out.append(Number(s, end, text[s:end], va, vb, bool(m.group("pct"))))
    return out


def money_follows(text: str, end: int) -> bool:
    return bool(_MONEY_AFTER.match(text, end))


# --------------------------------------------------------------------------- windows

_RIGHT_STOP = re.compile(r"[,;:.()\n]|(?<!hạn)\s(?:và|hoặc)\s|(?<=hạn)\s(?:và|hoặc)\s(?!(?:trước|đúng)\s)|\s-\s|$")
# a comma or "và" that does not end what a figure counts:
# "mức độ 3, 4" / "mức độ 3 và 4" (one list of service levels),
# "tiếp nhận hồ sơ, trả kết quả" / "tiếp nhận hồ sơ và trả kết quả" (one service, two steps)
_STOP_EXEMPT = (
    (re.compile(r"mức\s+độ\s+0?[1-4]\s*$", re.I), re.compile(r"\s*(?:,|và|-|–|hoặc)\s*(?:mức\s+độ\s+)?0?[1-4](?!\d)", re.I)),
    (re.compile(r"tiếp\s+nhận(?:\s+hồ\s+sơ)?\s*$", re.I), re.compile(r"\s*(?:,|và)\s*(?:và\s+)?trả\s+kết\s+quả", re.I)),
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
                                       for b, a in _STOP_EXEMPT):
            pos = m.end()
            continue
        return m.start()
_LEFT_HARD = re.compile(r"[;]")
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
    cuts = [m.end() for m in _NEAR_CUT.finditer(left)]
    near = left[cuts[-1]:] if cuts else left
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


# --------------------------------------------------------------------------- kind (actual / target)


def is_plan(doc: Document, ctx: Any) -> bool:
    """A plan (Kế hoạch, Chương trình, Phương án): its figures are targets."""
    dt_ = (getattr(ctx, "document", {}) or {}).get("doc_type")
    if dt_:
        return str(dt_).casefold() in {"kế hoạch", "chương trình", "phương án", "đề án"}
    for b in doc.blocks[:10]:
        t = b.text.strip()
        if re.fullmatch(r"(?:KẾ HOẠCH|CHƯƠNG TRÌNH|PHƯƠNG ÁN|ĐỀ ÁN)", t):
            return True
        if re.fullmatch(r"(?:BÁO CÁO|THÔNG BÁO|TỜ TRÌNH|QUYẾT ĐỊNH)", t):
            return False
    return False


def target_cue(text: str, section: str | None) -> Rule | None:
    """The targets.yaml rule that marks a sentence (or its section) as a goal, if any."""
    rules = load_rules("targets")
    folded = fold_for_matching(text)
    for r in rules:
        if r.get("scope") == "section":
            if section and r.regex.search(fold_for_matching(section.split(" > ")[-1] if section else "")):
                return r
            if section and any(r.regex.search(fold_for_matching(p)) for p in section.split(" > ")):
                return r
        elif r.regex.search(folded):
            return r
    return None


_RESULTS_HEAD = re.compile(r"kết\s+quả(?!\s+(?:cần|phải|dự\s+kiến|mong\s+đợi|đầu\s+ra))|tình\s+hình\s+thực\s+hiện", re.I)
_GOALS_HEAD = re.compile(r"kết\s+quả\s+(?:cần|phải|dự\s+kiến|mong\s+đợi)|mục\s+tiêu|chỉ\s+tiêu|nhiệm\s+vụ|giải\s+pháp|"
                         r"nội\s+dung|tổ\s+chức\s+thực\s+hiện|mục\s+đích", re.I)


def kind_of(text: str, section: str | None, plan: bool) -> str:
    if plan:
        # a plan's "Kết quả năm 2024" / "Kết quả thực hiện ..." section holds actuals; everything else
        # ("Kết quả cần đạt", "Mục tiêu", "Nhiệm vụ") is a goal. The innermost heading decides.
        for part in reversed((section or "").split(" > ")):
            fp = fold_for_matching(part)
            if _GOALS_HEAD.search(fp) and not _RESULTS_HEAD.search(fp.split(" và ")[0]):
                return "target"
            if _RESULTS_HEAD.search(fp):
                return "target" if target_cue(text, None) else "actual"
        return "target"
    return "target" if target_cue(text, section) else "actual"


# --------------------------------------------------------------------------- subjects


def subject_of(text: str, pos: int, default: str | None) -> str | None:
    """Who a figure is about: the last subject cue (toàn tỉnh, cấp huyện, a named agency) before `pos`."""
    best: tuple[int, str] | None = None
    folded = fold_for_matching(text[:pos])
    for r in load_rules("subjects"):
        for m in r.regex.finditer(folded):
            if r.get("subject"):
                label = str(r.get("subject"))
            elif "name" in r.regex.groupindex and m.group("name"):
                label = text[m.start("name"):m.end("name")].strip()
            else:
                label = None
            if label and (best is None or m.start() >= best[0]):
                best = (m.start(), str(label))
    return best[1] if best else default


_LIST_LABEL = re.compile(r"^[\s\-+*•–]*(?:[a-zđ]\)\s*)?[^\W\d_][^:;.,()\d]{0,40}:")


def label_subject(text: str) -> str | None:
    """The subject a list item is about, from its label ("- Cấp huyện: ..."): it holds for the whole item."""
    m = _LIST_LABEL.match(text)
    return subject_of(text, m.end(), None) if m else None


def subject_after(right: str) -> str | None:
    """A subject cue right after a figure's unit ("281 TTHC cấp huyện và 119 TTHC cấp xã")."""
    folded = fold_for_matching(right)
    lead = len(folded) - len(folded.lstrip())
    for r in load_rules("subjects"):
        if not r.get("subject"):
            continue
        m = r.regex.match(folded, lead)
        if m and m.end() > m.start():
            return str(r.get("subject"))
    return None


# --------------------------------------------------------------------------- periods

_STICKY_HEAD = re.compile(
    r"^[\s\-+*•–]*(?:[a-zđ]\)\s*)?"
    r"(?:[^\W\d_][^:;.,()\d]{0,40}:\s*)?"  # a list label: "- Cấp huyện: Từ ngày ..."
    r"(?:tính\s+|trong\s+|lũy kế\s+)?", re.I)
_DESTINATION = re.compile(r"(?:chuyển|chuyển\s+tiếp)\s+(?:sang|qua)\s+(?:kỳ\s+sau\s+)?(?:của\s+)?$", re.I)
_YEAR_OK = re.compile(r"(?:trong|cả|tính đến hết|lũy kế)\s+$", re.I)
_DATA_CUE = re.compile(r"số\s+liệu\s*(?:được\s+)?(?:tính|thống\s+kê|lấy|cập\s+nhật)?\s*$", re.I)
_HEAD_END = re.compile(r"[,;:]")
_RANGE_GAP = re.compile(r"^[\s,(–\-]*(?:(?:số\s+liệu|tức\s+là|cụ\s+thể)\s*)?$", re.I)
_INTRODUCES = re.compile(r"(?::|như\s+sau\s*:?|sau\s+đây\s*:?)\s*$", re.I)
# what may stand around a period phrase in a paragraph that only states the period:
# "(Số liệu từ ngày 15/12/2022 đến ngày 14/12/2023)", "Kỳ báo cáo: từ ngày ... đến ngày ..."
_PERIOD_ONLY_REST = re.compile(
    r"^[\s()\[\].,:;*\-–]*(?:(?:số\s+liệu|thời\s+gian|kỳ\s+báo\s+cáo|thời\s+điểm)\s*(?:được\s+)?"
    r"(?:tính|thống\s+kê|lấy|tổng\s+hợp|báo\s+cáo)?\s*(?:từ)?)?[\s()\[\].,:;*\-–]*$", re.I)
# a sub-period that holds for its own sentence only: "Riêng Quý II.2024, Sở tiếp nhận ..."
_ONLY_HEAD = re.compile(r"^[\s\-+*•–]*(?:riêng|trong\s+đó|chỉ\s+tính)\s+(?:(?:trong|tính)\s+)?", re.I)


@dataclass
class PeriodTracker:
    """Assigns a period to each figure.

    * a period phrase at the head of a sentence ("Từ ngày 15/12/2022 đến ngày
      14/6/2023, Sở đã ...", "Trong năm 2021, ...", "- Cấp huyện: Từ ngày ...")
      holds for that sentence and the rest of its section (the paragraph, the
      list items and the tables that follow), until another head phrase or a heading;
    * an explicit date range in that head ("Trong 9 tháng đầu năm 2024 (số liệu
      từ ngày 15/12/2023 đến ngày 14/9/2024), ...") is more precise than the
      named period and wins; so does a range the text calls "số liệu từ ... đến ...";
    * a phrase inside a sentence ("... (tính từ 01/01/2021 đến 01/11/2021) là
      02 hồ sơ") holds for that sentence only;
    * otherwise the document's period.
    """

    doc_period: tuple[dt.date | None, dt.date | None]
    default_year: int | None = None
    _sticky: dict[str, tuple[dt.date, dt.date]] = field(default_factory=dict)
    _para: tuple[int, tuple[dt.date, dt.date]] | None = None  # (block id, range) carried in a paragraph

    def _phrases(self, text: str):
        from .periods import find_periods

        out = []
        for p in find_periods(text, self.default_year):
            if p.kind == "year" and not _YEAR_OK.search(text[max(0, p.span[0] - 15):p.span[0]]) \
                    and p.span[0] > 3:
                continue
            if _DESTINATION.search(text[max(0, p.span[0] - 25):p.span[0]]):
                continue  # "còn tồn 74 hồ sơ chuyển sang quý III": where figures go, not when they are
            out.append(p)
        return out

    def enter_block(self, block: Block) -> None:
        sec = block.section or ""
        for k in list(self._sticky):
            if not (sec == k or sec.startswith(k + " > ")):
                del self._sticky[k]

    def current(self, section: str | None) -> tuple[dt.date | None, dt.date | None]:
        """The period in force in `section` (a head phrase before it, else the document's)."""
        sec = section or ""
        if sec in self._sticky:
            return self._sticky[sec]
        for k, v in self._sticky.items():
            if sec.startswith(k + " > "):
                return v
        return self.doc_period

    def _period_only(self, text: str, ps) -> bool:
        """Whether `text` states nothing but period phrases ("(Số liệu từ ngày ... đến ngày ...)")."""
        rest = text
        for p in sorted(ps, key=lambda p: -p.span[0]):
            rest = rest[:p.span[0]] + " " + rest[p.span[1]:]
        return bool(_PERIOD_ONLY_REST.match(rest))

    def sentence_period(self, sent: Sentence) -> tuple[dt.date | None, dt.date | None, str]:
        ps_, pe_, src = self._sentence_period(sent)
        bid = id(sent.block)
        if self._para is not None and self._para[0] != bid:
            self._para = None
        if src == "sentence-range":  # a range stated inside a sentence holds for the rest of its paragraph
            self._para = (bid, (ps_, pe_))
            src = "sentence"
        elif src in ("section", "document") and self._para is not None:
            ps_, pe_ = self._para[1]
            src = "sentence"
        return ps_, pe_, src

    def _sentence_period(self, sent: Sentence) -> tuple[dt.date | None, dt.date | None, str]:
        text = sent.text
        ps = self._phrases(text)
        sec = sent.block.section or ""
        if ps and self._period_only(text, ps):
            # a paragraph that only states the period governs its section until the next period or heading
            p = next((q for q in ps if q.kind == "range"), ps[0])
            self._sticky[sec] = (p.start, p.end)
            return p.start, p.end, "sentence-head"
        only = _ONLY_HEAD.match(text)
        if only and ps and ps[0].span[0] <= only.end() + 1:
            p = ps[0]  # "Riêng Quý II.2024, ...": this sentence only
            return p.start, p.end, "sentence"
        data = next((p for p in ps if p.kind == "range"
                     and _DATA_CUE.search(text[max(0, p.span[0] - 30):p.span[0]])), None)
        head = _STICKY_HEAD.match(text)
        hend = head.end() if head else 0
        for p in ps:
            if p.span[0] <= hend + 1:
                if p.kind != "range":
                    # an explicit range in the same head (bracketed or after it) is more precise
                    cut = _HEAD_END.search(blank_parens(text), p.span[1])
                    region_end = cut.start() if cut else len(text)
                    p = next((q for q in ps if q.kind == "range" and p.span[1] <= q.span[0]
                              and (q.span[0] < region_end or _RANGE_GAP.match(text[p.span[1]:q.span[0]]))), p)
                if data is not None:
                    p = data
                self._sticky[sec] = (p.start, p.end)
                return p.start, p.end, "sentence-head"
        lead = next((p for p in ps if p.kind == "range"), None)
        if lead is not None and not re.search(r"\d", text[:lead.span[0]]) \
                and blank_parens(text)[lead.span[0]:lead.span[1]] == text[lead.span[0]:lead.span[1]]:
            # "Kết quả giải quyết hồ sơ từ ngày 01/7/2025 đến ngày 20/9/2025: Sở tiếp nhận ...", "Theo số
            # liệu trên Hệ thống ..., từ ngày ... đến ngày ..., toàn huyện tiếp nhận ...": a date range
            # before the first figure, outside brackets, introduces the data, as a head phrase does
            self._sticky[sec] = (lead.start, lead.end)
            return lead.start, lead.end, "sentence-head"
        if data is not None:
            return data.start, data.end, "sentence-range"
        if ps:
            p = ps[0]
            return p.start, p.end, ("sentence-range" if p.kind == "range" else "sentence")
        s, e = self.current(sec)
        return s, e, ("section" if (s, e) != self.doc_period or sec in self._sticky else "document")


def document_period(doc: Document, ctx: Any) -> tuple[dt.date | None, dt.date | None]:
    """The header's period, else the first period phrase of the opening blocks."""
    d = getattr(ctx, "document", {}) or {}
    if d.get("period_start") and d.get("period_end"):
        return d["period_start"], d["period_end"]
    from .periods import find_periods

    year = d.get("issue_year")
    for b in doc.blocks[:12]:
        if b.location != "body" or re.match(r"^\s*Số\s*:", b.text) or re.search(r",\s*ngày\s", b.text[:60]):
            continue
        ps = find_periods(b.text, year)
        if ps:
            return ps[0].start, ps[0].end
    return None, None


def document_year(doc: Document, ctx: Any) -> int | None:
    d = getattr(ctx, "document", {}) or {}
    if d.get("issue_year"):
        return int(d["issue_year"])
    for b in doc.blocks[:6]:
        m = re.search(r"năm\s+((?:19|20)\d{2})", b.text)
        if m:
            return int(m.group(1))
    return None


# --------------------------------------------------------------------------- tables


@dataclass
class TableRow:
    table: Table
    row_index: int
    label: str
    label_cell: Block
    unit: str
    value_cell: Block
    value_text: str
    column: str | None


_LABEL_HEAD = re.compile(r"chỉ tiêu|nội dung|tên|tiêu chí|danh mục", re.I)
_UNIT_HEAD = re.compile(r"đơn vị tính|đvt", re.I)
_NUMERIC_CELL = re.compile(r"^\s*[\d.,]+\s*%?\s*$")


def _text_column(t: Table, heads: list[str]) -> int:
    """The label column of a table without a "Chỉ tiêu / Nội dung" header: the first column, STT
    aside, whose cells are mostly words ("Đơn vị", "Lĩnh vực", "Tháng" with "Tháng 7/2025")."""
    body = t.rows[t.header_rows:]
    for i, h in enumerate(heads):
        if re.fullmatch(r"\s*(?:s?tt|số\s+tt|số\s+thứ\s+tự)\s*", h, re.I):
            continue
        cells = [r[i].text.strip() for r in body if i < len(r) and r[i].text.strip()]
        if cells and sum(not _NUMERIC_CELL.match(c) for c in cells) * 2 >= len(cells):
            return i
    return 1 if len(heads) > 1 else 0


def table_rows(doc: Document) -> Iterator[TableRow]:
    """(label, unit, value) rows of statistical tables, read from the cells (one per numeric cell)."""
    from .extractors.tables import is_listing

    for t in doc.tables:
        if t.layout or not t.rows or is_listing(t):
            continue
        heads = t.header_labels()
        ncol = len(heads)
        label_col = next((i for i, h in enumerate(heads) if _LABEL_HEAD.search(h.split(" / ")[-1]) or _LABEL_HEAD.search(h)), None)
        unit_col = next((i for i, h in enumerate(heads) if _UNIT_HEAD.search(h.split(" / ")[-1])), None)
        if label_col is None:
            label_col = _text_column(t, heads)
        value_cols = [i for i in range(ncol) if i not in (label_col, unit_col) and i > label_col
                      and not re.search(r"ghi chú|stt|^tt$", heads[i], re.I)]
        for ri, row in enumerate(t.rows[t.header_rows:], start=t.header_rows):
            if label_col >= len(row):
                continue
            label = row[label_col].text.strip()
            unit = row[unit_col].text.strip() if unit_col is not None and unit_col < len(row) else ""
            for ci in value_cols:
                if ci >= len(row):
                    continue
                v = row[ci].text.strip()
                if not v or not _NUMERIC_CELL.match(v):
                    continue
                col = heads[ci] if len(value_cols) > 1 else None
                yield TableRow(t, ri, label, row[label_col], unit, row[ci], v, col)


def table_period(tr: TableRow, periods: dict[int, tuple[dt.date | None, dt.date | None]],
                 default_year: int | None = None) -> tuple[dt.date | None, dt.date | None]:
    """A table row's period: a period in the table's caption, else the period in force where the
    table stands (`table_periods`)."""
    from .periods import find_periods

    cap = tr.table.caption or ""
    ps = [p for p in find_periods(cap, default_year) if p.kind != "year" or "trong năm" in cap.casefold()]
    if ps:
        return ps[0].start, ps[0].end
    return periods.get(tr.table.index, (None, None))


def table_periods(doc: Document, ctx: Any) -> dict[int, tuple[dt.date | None, dt.date | None]]:
    """The period of each table: that of the sentence introducing it ("Từ ngày 15/9/2024 đến ngày
    14/10/2024, Sở tiếp nhận ... Kết quả cụ thể như sau:"), or of a title line with its own period
    phrase just above it; else the period in force in its section; else the document's."""
    tracker = period_tracker(doc, ctx)
    out: dict[int, tuple[dt.date | None, dt.date | None]] = {}
    last: tuple[str | None, Sentence, tuple, str] | None = None  # (section, sentence, period, source)
    for block in doc.blocks:
        if block.location == "table" and block.table is not None:
            if block.table in out:
                continue
            t = next((x for x in doc.tables if x.index == block.table), None)
            sec = t.section if t is not None else block.section
            period = tracker.current(sec)
            if last is not None and last[0] == sec and last[3] in ("sentence", "sentence-head", "section") \
                    and (_INTRODUCES.search(last[1].text) or last[3] != "section"):
                period = last[2]
            out[block.table] = period
            continue
        if block.location != "body" or block.kind not in ("paragraph", "heading"):
            continue
        tracker.enter_block(block)
        if block.kind == "heading":
            last = None
            continue
        for sent in sentences(block):
            ps, pe, src = tracker.sentence_period(sent)
            last = (block.section, sent, (ps, pe), src)
    return out


def cell_evidence(cell: Block) -> dict:
    return cell.evidence(0, len(cell.text))


def row_evidence(doc_text: str, tr: TableRow) -> dict:
    """Evidence for a table row: from its label cell to its value cell (the quote is that text)."""
    a, b = cell_evidence(tr.label_cell), cell_evidence(tr.value_cell)
    if a["char_start"] is not None and b["char_end"] is not None and a["char_start"] < b["char_end"]:
        return {"page": a["page"], "char_start": a["char_start"], "char_end": b["char_end"],
                "quote": doc_text[a["char_start"]:b["char_end"]], "section": tr.table.section}
    b["section"] = tr.table.section
    return b


def evidence(block: Block, i: int, j: int, rule: str, kind: str) -> dict:
    ev = block.evidence(max(0, i), min(len(block.text), j))
    ev["rule"] = rule
    ev["kind"] = kind
    return ev


# --------------------------------------------------------------------------- counted figures


@dataclass
class Figure:
    """A number tied to the noun it counts, with what says what it counts."""

    block: Block
    sentence: Sentence
    number: Number  # offsets local to the sentence text
    unit_end: int  # sentence-local end of the unit noun (== number.end when implicit)
    window: Window
    hit: Hit | None
    where: str  # right | near | left | table
    period: tuple[dt.date | None, dt.date | None]
    kind: str
    subject: str | None

    def span(self) -> tuple[int, int]:
        """Block-local span of the figure and the words that qualify it."""
        base = self.sentence.start
        s, e = self.number.start, self.unit_end
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


def _has_rule(rules, role):
    return [r for r in rules if r.get("role") == role]


def iter_figures(doc: Document, ctx: Any, family: str) -> Iterator[Figure]:
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
    for sc in iter_sentences(doc, ctx):
        sent = sc.sentence
        text = sent.text
        nums = numbers(text)
        seen_unit = False
        prev_end = 0
        prev_fig: Figure | None = None
        for k, n in enumerate(nums):
            next_start = nums[k + 1].start if k + 1 < len(nums) else len(text)
            after = text[n.end:next_start]
            unit_end = None
            fa = fold_for_matching(after)
            for u in units:
                m = u.regex.search(fa)
                if m:
                    unit_end = n.end + m.end()
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
            w = make_window(text, n.start, unit_end, prev_end, next_start)
            prev_end = w.right_end
            if implicit:
                labelled = any(lb.regex.search(fold_for_matching(w.left)) for lb in labels)
                h0 = best_left(hits(quals, w.near))
                if not labelled and not (seen_unit and h0 is not None and h0.tier == 1):
                    continue
            else:
                seen_unit = True
            hit, where = choose(quals, w, use_right=not implicit)
            if (where != "right" or hit is None) and prev_fig is not None and _COORDINATED.match(w.left) \
                    and prev_fig.where in ("near", "left", "coordinated") and prev_fig.hit is not None \
                    and (hit is None or hit.tier > prev_fig.hit.tier):
                # "niêm yết 281 TTHC cấp huyện và 119 TTHC cấp xã": the second count shares the first one's words
                hit, where = prev_fig.hit, "coordinated"
            fig = Figure(sc.block, sent, n, unit_end, w, hit, where, sc.period, sc.kind,
                         subject_after(w.right) or subject_of(text, n.start, sc.default_subject))
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


def iter_sentences(doc: Document, ctx: Any) -> Iterator[SentenceContext]:
    """Body sentences in reading order, each with its period, kind and default subject."""
    plan = is_plan(doc, ctx)
    tracker = PeriodTracker(document_period(doc, ctx), document_year(doc, ctx))
    for block in doc.blocks:
        if block.location != "body" or block.kind not in ("paragraph", "heading"):
            continue
        tracker.enter_block(block)
        default_subject = label_subject(block.text)
        for sent in sentences(block):
            ps, pe, src = tracker.sentence_period(sent)
            yield SentenceContext(block, sent, (ps, pe), src, kind_of(sent.text, block.section, plan),
                                  default_subject)


def period_tracker(doc: Document, ctx: Any) -> PeriodTracker:
    return PeriodTracker(document_period(doc, ctx), document_year(doc, ctx))
