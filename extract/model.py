"""The document model: the only thing extractors see.

A reader (PDF, DOCX, seed text) turns a file into a `Document`:

* `pages`: the normalised text of each page (DOCX: one page). `Document.text`
  is the pages joined with "\\n"; every offset in the project points into it
  (this is the text stored in `pages.parquet`).
* `blocks`: logical units in reading order: paragraphs, headings, footnote
  bodies, table cells. A block is a list of *segments* (doc offsets); a
  paragraph that a page break or a footnote area cut in two is ONE block with
  two segments, so its `text` reads as one sentence again.
* `tables`: grids of cell blocks, one per logical table even when the table
  runs over several pages.

Extractors produce `Fact`-like rows that carry evidence (page, offsets,
quote, section, rule, kind), built with `Block.evidence`.
"""
from __future__ import annotations

import bisect
import re
from dataclasses import dataclass, field
from typing import Any, Iterator

BLOCK_KINDS = ("paragraph", "heading", "footnote", "cell")
LOCATIONS = ("header", "body", "footnote", "table", "signature")


@dataclass
class Page:
    number: int | None  # 1-based for PDF, None for DOCX
    text: str
    start: int  # offset of this page's text in Document.text


@dataclass
class Block:
    id: int
    kind: str  # one of BLOCK_KINDS
    segments: list[tuple[int, int]]  # [start, end) offsets into Document.text
    text: str  # segments' texts joined by JOINER
    pages: list[int | None]  # page of each segment
    location: str = "body"  # one of LOCATIONS
    section: str | None = None
    level: int | None = None  # heading level, set by the sectionizer
    styles: frozenset[str] = frozenset()  # bold, italic, center, small
    footnote_label: str | None = None  # "1" for a footnote body
    table: int | None = None  # table index, for cells
    row: int | None = None
    col: int | None = None
    column_x: float | None = None  # PDF: left x of the text column (layout)

    JOINER = " "

    @staticmethod
    def joiner(before: str, after: str) -> str:
        """What joins two segments: nothing after a hyphen or slash that ends a word
        ("48/2021/QĐ-" + "UBND"), else one space."""
        if re.search(r"[\w)][-/]$", before) and after[:1].isalnum():
            return ""
        return Block.JOINER

    @classmethod
    def join(cls, texts: list[str]) -> str:
        out = texts[0] if texts else ""
        for t in texts[1:]:
            out += cls.joiner(out, t) + t
        return out

    @property
    def page(self) -> int | None:
        return self.pages[0] if self.pages else None

    def _local_starts(self) -> list[int]:
        starts, pos = [], 0
        for s, e in self.segments:
            if starts and self.text[pos:pos + len(self.JOINER)] == self.JOINER:
                pos += len(self.JOINER)  # segments are stripped, so a space here is the joiner
            starts.append(pos)
            pos += e - s
        return starts

    def to_doc(self, i: int, *, end: bool = False) -> tuple[int, int | None]:
        """Map a local offset in `text` to (doc offset, page)."""
        if not self.segments:
            return 0, None
        starts = self._local_starts()
        k = bisect.bisect_right(starts, i) - 1
        k = max(0, min(k, len(self.segments) - 1))
        s, e = self.segments[k]
        off = s + (i - starts[k])
        if off > e:  # inside the joiner: snap to a segment edge
            if end:
                off = e
            elif k + 1 < len(self.segments):
                k += 1
                off = self.segments[k][0]
            else:
                off = e
        return off, self.pages[k] if k < len(self.pages) else None

    def evidence(self, i: int, j: int) -> dict:
        """Evidence columns for the local span [i, j) of this block."""
        start, page = self.to_doc(i)
        end, _ = self.to_doc(j, end=True)
        return {
            "page": page,
            "char_start": start,
            "char_end": max(end, start),
            "quote": self.text[i:j],
            "section": self.section,
        }


@dataclass
class Table:
    index: int
    rows: list[list[Block]]  # logical rows (split rows joined, repeated headers dropped)
    header_rows: int  # how many of `rows` are header rows
    pages: list[int | None]
    section: str | None = None
    caption: str | None = None  # the paragraph(s) just above the table
    layout: bool = False  # a borderless layout table (header block, signature)

    def header_labels(self) -> list[str]:
        """One label per grid column, header rows joined top-down ("Kết quả thống kê / Đơn vị tính")."""
        if not self.rows:
            return []
        ncol = max((c.col or 0) + 1 for r in self.rows for c in r) if any(self.rows) else 0
        labels = []
        for col in range(ncol):
            parts: list[str] = []
            for r in self.rows[: self.header_rows]:
                cell = next((c for c in r if c.col == col), None)
                text = cell.text.strip() if cell is not None else ""
                if text and (not parts or parts[-1] != text):
                    parts.append(text)
            labels.append(" / ".join(parts))
        return labels


@dataclass
class Document:
    doc_id: str
    source_path: str
    source_format: str
    text_source: str
    pages: list[Page]
    blocks: list[Block] = field(default_factory=list)
    tables: list[Table] = field(default_factory=list)
    clean_steps: list[str] = field(default_factory=list)
    page_count: int | None = None
    warnings: list[str] = field(default_factory=list)
    # OCR'd text of the top of page 1 when the text layer leaves the number or date blank (readers/stamps.py)
    header_ocr: str | None = None
    # PDF geometry (None for other formats): (width, height) of each page in points, and per char
    # of `text` the box of the glyph it was read from: a float32 array (len(text), 4) of
    # (x0, top, x1, bottom) in points from the page's top-left corner (pdfplumber's convention),
    # NaN rows for chars no glyph drew (inserted spaces, line and page breaks, OCR text).
    page_sizes: list[tuple[float, float]] | None = None
    char_boxes: Any = None

    @property
    def text(self) -> str:
        return "\n".join(p.text for p in self.pages)

    def boxes_for(self, char_start: int, char_end: int) -> list[tuple[int, float, float, float, float]]:
        """Where the text [char_start, char_end) is printed: (page 1-based, x0, top, x1, bottom), one
        box per printed line segment it covers (a line of the text is one such segment); [] when the
        document has no glyph boxes (DOCX, text dumps, OCR pages).

        A span that starts and ends in one block keeps to that block's segments: a table cell
        whose lines lie apart in the text (other cells' lines between them) gets only its own."""
        if self.char_boxes is None or not self.pages:
            return []
        spans = [(char_start, char_end)]
        block = self._block_at(char_start)
        if block is not None and len(block.segments) > 1 and self._block_at(char_end - 1) is block:
            spans = [(max(s, char_start), min(e, char_end)) for s, e in block.segments
                     if s < char_end and e > char_start]
        out: list[tuple[int, float, float, float, float]] = []
        for s, e in spans:
            out.extend(self._line_boxes(s, e))
        return out

    def _block_at(self, offset: int) -> Block | None:
        """The block with a segment holding `offset` (an index built on first use)."""
        index = self.__dict__.get("_segment_index")
        if index is None:
            index = sorted((s, e, i) for i, b in enumerate(self.blocks) for s, e in b.segments if e > s)
            self.__dict__["_segment_index"] = index
        k = bisect.bisect_right(index, (offset, float("inf"), 0)) - 1
        if k >= 0 and index[k][0] <= offset < index[k][1]:
            return self.blocks[index[k][2]]
        return None

    def _line_boxes(self, char_start: int, char_end: int) -> list[tuple[int, float, float, float, float]]:
        import numpy as np

        boxes = self.char_boxes
        char_start, char_end = max(0, char_start), min(char_end, len(boxes))
        out: list[tuple[int, float, float, float, float]] = []
        k = max(0, bisect.bisect_right([p.start for p in self.pages], char_start) - 1)
        pos = char_start
        while pos < char_end and k < len(self.pages):
            page = self.pages[k]
            end = min(char_end, page.start + len(page.text))
            line_start = pos
            while line_start < end:
                nl = page.text.find("\n", line_start - page.start, end - page.start)
                line_end = end if nl < 0 else page.start + nl
                rows = boxes[line_start:line_end]
                rows = rows[~np.isnan(rows[:, 0])]
                if len(rows) and page.number is not None:
                    out.append((page.number, float(rows[:, 0].min()), float(rows[:, 1].min()),
                                float(rows[:, 2].max()), float(rows[:, 3].max())))
                line_start = line_end + 1
            k += 1
            pos = self.pages[k].start if k < len(self.pages) else char_end
        return out

    def iter_blocks(self, *locations: str, kinds: tuple[str, ...] | None = None) -> Iterator[Block]:
        for b in self.blocks:
            if locations and b.location not in locations:
                continue
            if kinds and b.kind not in kinds:
                continue
            yield b

    def body_blocks(self) -> list[Block]:
        return [b for b in self.blocks if b.location == "body" and b.kind in ("paragraph", "heading")]

    def block(self, block_id: int) -> Block:
        return self.blocks[block_id]


class TextBuilder:
    """Accumulates the pages of a document and hands out segments.

    Readers append text piece by piece; each piece gets its doc offsets, so
    blocks can be made from the pieces afterwards.
    """

    def __init__(self) -> None:
        self._pages: list[tuple[int | None, list[str]]] = []
        self._offset = 0
        self._page_len = 0

    def new_page(self, number: int | None) -> None:
        if self._pages:
            self._offset += 1  # the "\n" joining pages
        self._pages.append((number, []))
        self._page_len = 0

    def add(self, piece: str) -> tuple[int, int]:
        """Append `piece` to the current page; returns its doc offsets."""
        if not self._pages:
            self.new_page(None)
        parts = self._pages[-1][1]
        start = self._offset
        parts.append(piece)
        self._offset += len(piece)
        self._page_len += len(piece)
        return start, self._offset

    def newline(self) -> None:
        self.add("\n")

    @property
    def at_line_start(self) -> bool:
        parts = self._pages[-1][1] if self._pages else []
        return not parts or parts[-1].endswith("\n")

    def pages(self) -> list[Page]:
        out, pos = [], 0
        for number, parts in self._pages:
            text = "".join(parts)
            out.append(Page(number=number, text=text, start=pos))
            pos += len(text) + 1
        return out


def make_block(doc_text_pieces: list[tuple[int, int, int | None]], text_of, **kw) -> Block:
    """Build a block from (start, end, page) pieces; `text_of(start, end)` reads the doc text."""
    segs = [(s, e) for s, e, _ in doc_text_pieces]
    pages = [p for _, _, p in doc_text_pieces]
    text = Block.join([text_of(s, e) for s, e in segs])
    return Block(id=-1, segments=segs, pages=pages, text=text, **kw)
