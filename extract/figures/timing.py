"""When a figure holds: the period tracker (head phrases, sticky sections, ranges), the document's period and year."""
from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass, field
from typing import Any

from ..model import Block, Document
from .context import blank_parens
from .sentences import Sentence


# a connective that may open a sentence before its period phrase ("Cụ thể, năm 2017, TP tiếp nhận ...")
_CONNECTIVE = r"(?:(?:cụ\s+thể|theo\s+đó|như\s+vậy|bên\s+cạnh\s+đó|ngoài\s+ra)\s*,\s*)?"
_STICKY_HEAD = re.compile(
    r"^[\s\-+*•–]*(?:[a-zđ]\)\s*)?" + _CONNECTIVE +
    r"(?:[^\W\d_][^:;.,()\d]{0,40}:\s*)?"  # a list label: "- Cấp huyện: Từ ngày ..."
    r"(?:tính\s+|trong\s+|lũy kế\s+)?", re.I)
_LEAD = re.compile(r"[\s\-+*•–]*" + _CONNECTIVE + r"\s*", re.I)
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
        from ..periods import find_periods

        out = []
        for p in find_periods(text, self.default_year):
            if p.kind == "year" and not _YEAR_OK.search(text[max(0, p.span[0] - 15):p.span[0]]) \
                    and p.span[0] > 3 and not _LEAD.fullmatch(text[:p.span[0]]):
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
    from ..periods import find_periods

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


def period_tracker(doc: Document, ctx: Any) -> PeriodTracker:
    return PeriodTracker(document_period(doc, ctx), document_year(doc, ctx))

