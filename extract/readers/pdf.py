"""PDF reader: pypdfium2 for text, geometry and ruling lines; pdfplumber's table algorithms for cells.

Per page: pdfium's characters (with box, baseline origin, font size and
weight) are cut into *runs*: a line, split where a wide horizontal gap
separates columns (the two-column header block) and where a table cell
boundary falls. Small raised digits become superscript markers ("2023¹").
Runs are then classed as page furniture (a lone page number), footnote area
(small type at the page bottom starting with a marker), table cells (inside
a ruled table: `pdf_tables` hands the edges of pdfium's path objects to
pdfplumber's table functions, only on pages that draw ruling lines, so pdfminer
never parses the page) or body text, which is grouped into
paragraphs by line spacing, indentation and list markers. The layout
assembler then joins paragraphs cut by page breaks/footnotes and tables that
run over several pages.

Text objects in a legacy Vietnamese font (TCVN3 ".VnTime", VNI "VNI-Times",
by the font's name) are decoded to Unicode as runs are finished; on a page
whose other text is detected to be legacy-encoded anyway (a PDF whose font
names were replaced, e.g. by LibreOffice's substitutes), those runs are
decoded too (`extract.legacy_fonts`).
"""
from __future__ import annotations

import ctypes
import itertools
import operator
import re
import unicodedata
from dataclasses import dataclass, field
from pathlib import Path

from .. import legacy_fonts
from ..layout import PageBreak, RawCell, RawPara, RawTable, assemble
from ..model import Document, TextBuilder
from ..normalize import CLEAN_STEPS, SUPERSCRIPT_CHARS, clean_text, from_superscript, to_superscript
from . import ReadError, pdf_glyphs, pdf_tables, stamps
from .pdf_tables import PageTables as _PageTables

MIN_CHARS_FOR_TEXT_LAYER = 5  # fewer letters/digits than this on a page: treat it as a scan
OBJECT_GAP_EM = 1.0  # ...or this many, between glyphs of two different text objects
LOOSE_SPACE_EM = 0.12  # a gap between glyph advances wider than this many font sizes is a space
COLUMN_GAP_EM = 2.2  # a horizontal gap wider than this many font sizes splits a line (columns)
LIST_START = ("- ", "+ ", "* ", "• ", "– ")


@dataclass(slots=True)
class Char:
    ch: str
    x0: float
    y0: float  # bottom (pdf coordinates, origin bottom-left)
    x1: float
    y1: float
    base: float  # baseline y
    size: float
    bold: bool
    generated: bool
    space_before: bool = False  # the PDF itself put a space before this glyph
    obj: int = 0  # the text object the glyph belongs to (a layout cell writes its own)
    codec: str | None = None  # legacy font encoding of the glyph's font (tcvn3, tcvn3-caps, vni)
    wide: bool = False  # a "hyphen" as wide as a letter: in a TCVN3 font, "ư" (byte 0xAD)
    lx0: float | None = None  # the loose box (the glyph's advance): where the pen was, not the ink
    lx1: float | None = None
    gi: int = -1  # row of the glyph's box in the page's box array (-1: no glyph, an inserted space)


def _median(values: list[float]) -> float:
    """`statistics.median`, the same value, without its per-call overhead (called per run)."""
    data = sorted(values)
    n = len(data)
    if n % 2:
        return data[n // 2]
    return (data[n // 2 - 1] + data[n // 2]) / 2


class _SizeTally:
    """The font sizes of the body text read so far, one per char, as counts per size: their median
    (`_median` of the list, the same value) without keeping or sorting a list that grows page by page."""

    def __init__(self) -> None:
        self.counts: dict[float, int] = {}
        self.n = 0

    def add(self, size: float, times: int) -> None:
        if times > 0:
            self.counts[size] = self.counts.get(size, 0) + times
            self.n += times

    def _at(self, k: int, sizes: list[float]) -> float:
        seen = 0
        for size in sizes:
            seen += self.counts[size]
            if seen > k:
                return size
        raise IndexError(k)

    def median(self, default: float) -> float:
        if not self.n:
            return default
        sizes = sorted(self.counts)
        if self.n % 2:
            return self._at(self.n // 2, sizes)
        return (self._at(self.n // 2 - 1, sizes) + self._at(self.n // 2, sizes)) / 2


@dataclass(slots=True)
class Run:
    chars: list[Char]
    cell: tuple[int, int, int] | None = None  # (table, row, col) on this page
    text: str = ""
    x0: float = 0.0
    x1: float = 0.0
    top: float = 0.0  # max y
    base: float = 0.0
    size: float = 0.0
    bold: bool = False
    piece: tuple[int, int, int | None] | None = None
    order: int = 0
    line: int = 0  # index of the visual line on the page
    kind: str = "body"  # body | footnote | furniture | table
    codecs: frozenset[str] = frozenset()  # legacy encodings decoded in this run
    # per char of `text`: the glyph it was read from (a `Char.gi`), -1 for none, or a tuple of
    # several glyphs (a letter and the accent drawn apart, a legacy font's two-byte letter)
    glyphs: list = field(default_factory=list)
    glyphs_simple: bool = True  # `glyphs` holds no tuple
    source: object = None  # makes `chars` on demand, for a run made from a page's arrays (`pdf_page`)
    drawn: str | None = None  # the text of its glyphs as drawn, before cleaning (set by `pdf_page`)

    def finish(self, fallback: str | None = None) -> "Run":
        """Geometry, then the text: superscript markers, legacy fonts decoded (glyphs of no
        legacy font by `fallback`, when given), cleaned."""
        if self.chars is None:
            self.chars = self.source()
        chars = self.chars
        real = [c for c in chars if not c.generated and c.ch.strip()]
        if real:
            self.x0 = min([c.x0 for c in real])
            self.x1 = max([c.x1 for c in real])
            self.top = max([c.y1 for c in real])
            self.size = _median([c.size for c in real])
            normal = [c for c in real if c.size >= 0.8 * self.size] or real
            self.base = _median([c.base for c in normal])
            self.bold = sum([c.bold for c in real]) >= 0.8 * len(real)
        if fallback is None and not any([c.codec for c in chars]) \
                and (not self.size or all([c.size >= 0.8 * self.size for c in real])):
            # the usual run: no legacy font, no small raised digit; its text is its glyphs'
            units = [c.ch for c in chars]
            return self._set_text(units, [None] * len(units), [(None, units)])
        pieces: list[tuple[str | None, list[str]]] = []  # (codec, chars)
        units: list[str] = []  # the text of each char before decoding and cleaning, and its codec
        unit_codecs: list[str | None] = []
        for k, c in enumerate(chars):
            ch, codec = c.ch, c.codec or fallback
            if ch.isdigit() and not c.generated and self.size and c.size < 0.8 * self.size \
                    and c.base > self.base + 0.2 * self.size:
                ch, codec = to_superscript(ch), None
            elif c.wide and codec in ("tcvn3", "tcvn3-caps") and k and legacy_fonts.tcvn3_letter(chars[k - 1].ch):
                ch = "\u00ad"  # WinAnsi names byte 0xAD "hyphen", so pdfium reads TCVN3's "ư" as "-"
            units.append(ch)
            unit_codecs.append(codec)
            if pieces and pieces[-1][0] == codec:
                pieces[-1][1].append(ch)
            else:
                pieces.append((codec, [ch]))
        return self._set_text(units, unit_codecs, pieces)

    def _set_text(self, units: list[str], unit_codecs: list[str | None],
                  pieces: list[tuple[str | None, list[str]]], gis: list[int] | None = None) -> "Run":
        """The run's text from its chars' text (`units`), decoded piece by piece, cleaned; and the glyph of
        each char of it (`gis`: each char's `Char.gi`, when the run's chars are not made)."""
        if gis is None:
            gis = [c.gi for c in self.chars]
        self.codecs = frozenset(codec for codec, _ in pieces if codec)
        joined = "".join(units)
        cleaned = clean_text("".join(legacy_fonts.decode("".join(cs), codec) if codec else "".join(cs)
                                     for codec, cs in pieces))
        self.text = cleaned.strip()
        if not self.codecs and cleaned == joined:  # the usual case: one text char per glyph
            lead = len(joined) - len(joined.lstrip())
            self.glyphs = gis[lead:lead + len(self.text)]
            self.glyphs_simple = True
        else:
            self.glyphs = glyph_map(gis, units, unit_codecs, self.text)
            self.glyphs_simple = not any(isinstance(g, tuple) for g in self.glyphs)
        return self


def glyph_map(gis: list[int], units: list[str], codecs: list[str | None], text: str) -> list:
    """Which glyph(s) each char of `text` (the run's decoded, cleaned, stripped text) came from.

    Chars are grouped into clusters whose text is transformed on its own: a char and the
    combining marks after it (NFC), a VNI base letter and its mark byte. The clusters'
    outputs, joined, must give `text` again (up to case: TCVN3 capitals are repaired per
    word); each output char then points at its cluster's glyphs. When they do not (no
    such case is known), the two texts are aligned and unmatched chars get no glyph.
    """
    vni = legacy_fonts.vni_table() if "vni" in codecs else {}
    clusters: list[list[int]] = []  # indices into units
    for k, (u, codec) in enumerate(zip(units, codecs)):
        if clusters and codecs[clusters[-1][-1]] == codec:
            prev = clusters[-1]
            if unicodedata.combining(u[:1] or " ") or (
                    codec in ("tcvn3", "tcvn3-caps") and unicodedata.combining(legacy_fonts.decode(u, codec)[:1] or " ")
            ) or (codec == "vni" and len(prev) == 1 and units[prev[0]] + u in vni):
                prev.append(k)
                continue
        clusters.append([k])
    out_chars: list[str] = []
    owners: list = []
    for cl in clusters:
        raw = "".join(units[k] for k in cl)
        codec = codecs[cl[0]]
        piece = clean_text(legacy_fonts.decode(raw, codec) if codec else raw)
        real = tuple(gis[k] for k in cl if gis[k] >= 0)
        owner = real[0] if len(real) == 1 else (real if real else -1)
        out_chars.append(piece)
        owners.extend([owner] * len(piece))
    full = "".join(out_chars)
    lead = len(full) - len(full.lstrip())
    cand = full.strip()
    if cand == text or (len(cand) == len(text) and cand.upper() == text.upper()):
        return owners[lead:lead + len(text)]
    import difflib

    mapped = [-1] * len(text)
    for a, b, size in difflib.SequenceMatcher(None, cand, text, autojunk=False).get_matching_blocks():
        for i in range(size):
            mapped[b + i] = owners[lead + a + i]
    return mapped


class _CharBoxes:
    """Collects, page by page, the glyph box of each char of the document text (`Document.char_boxes`):
    (x0, top, x1, bottom) in PDF points from the top-left corner of the page's crop box (pdfplumber's
    convention); NaN for chars no glyph drew (inserted spaces, line and page breaks, OCR text)."""

    def __init__(self) -> None:
        self.parts: list[tuple[int, int, object]] = []  # (doc start, doc end, rows)

    def add_page(self, runs: list[Run], glyph_boxes: list, crop: tuple[float, float]) -> None:
        import numpy as np

        if not glyph_boxes or not runs:
            return
        left, top = crop
        b = np.asarray(glyph_boxes, dtype=np.float64).reshape(-1, 4)
        page = np.empty((len(b) + 1, 4), dtype=np.float32)  # the last row: no glyph (index -1)
        page[:-1, 0] = b[:, 0] - left
        page[:-1, 1] = top - b[:, 3]
        page[:-1, 2] = b[:, 2] - left
        page[:-1, 3] = top - b[:, 1]
        page[-1] = np.nan
        index: list[int] = []
        extra: list[tuple[int, tuple[int, ...]]] = []  # (position in index, several glyphs)
        for r in runs:
            if r.piece is None:
                continue
            if r.glyphs_simple:
                index += r.glyphs
                continue
            for g in r.glyphs:
                if isinstance(g, tuple):
                    extra.append((len(index), g))
                    g = -1
                index.append(g)
        rows = page[np.asarray(index, dtype=np.int64)]
        for pos, gs in extra:  # a letter drawn from several glyphs: their union
            sub = page[list(gs)]
            rows[pos] = (sub[:, 0].min(), sub[:, 1].min(), sub[:, 2].max(), sub[:, 3].max())
        pos = 0
        for r in runs:
            if r.piece is None:
                continue
            s, e, _ = r.piece
            self.parts.append((s, e, rows[pos:pos + (e - s)]))
            pos += e - s

    def array(self, n: int):
        import numpy as np

        out = np.full((n, 4), np.nan, dtype=np.float32)
        for s, e, rows in self.parts:
            out[s:e] = rows
        return out


def _crop_origin(page, height: float) -> tuple[float, float]:
    """(left, top) of the page's crop box in pdfium's page coordinates."""
    try:
        left, _, _, top = page.get_cropbox()
        return float(left), float(top)
    except Exception:  # noqa: BLE001
        return 0.0, float(height)


def _pdfium_error(e: Exception) -> ReadError:
    msg = str(e)
    if "password" in msg.lower():
        return ReadError("encrypted", "the PDF is encrypted and needs a password to open")
    if "Data format error" in msg or "Success" in msg or "File not in PDF format" in msg:
        return ReadError("corrupt-pdf", "the PDF is damaged: its structure cannot be parsed")
    return ReadError("corrupt-pdf", f"the PDF cannot be opened ({msg})")


_BOLD_NAMES = ("bold", "black", "heavy", "semibold", "demi")
FORCE_BOLD = 1 << 18


class _Fonts:
    """Is the glyph's font bold, and is it a legacy Vietnamese font? Bold from the weight, else
    the name or flags (LibreOffice writes no weight for bold fonts); the legacy encoding from the
    name. Looked up once per text object / font, not per glyph."""

    def __init__(self, raw, tp) -> None:
        self.raw, self.tp = raw, tp
        self.by_obj: dict[int, tuple[bool, str | None]] = {}
        self.by_font: dict[int, tuple[bool, str | None]] = {}
        self.buf = (ctypes.c_ubyte * 128)()
        self.legacy_names: set[str] = set()

    def _name(self, font) -> str:
        n = self.raw.FPDFFont_GetBaseFontName(font, ctypes.cast(self.buf, ctypes.POINTER(ctypes.c_char)),
                                              len(self.buf))
        return bytes(self.buf[: max(0, min(n, len(self.buf)) - 1)]).decode("latin-1", "replace")

    def __call__(self, i: int, okey: int) -> tuple[bool, str | None]:
        """(bold, legacy codec) of glyph `i`, drawn by the text object at address `okey` (0: none)."""
        if okey in self.by_obj:
            return self.by_obj[okey]
        raw = self.raw
        obj = ctypes.cast(okey, raw.FPDF_PAGEOBJECT) if okey else None
        font = raw.FPDFTextObj_GetFont(obj) if obj else None
        fkey = ctypes.c_void_p.from_buffer(font).value if font else None
        if fkey is not None and fkey in self.by_font:
            info = self.by_font[fkey]
        else:
            name = self._name(font) if font else ""
            codec = legacy_fonts.font_codec(name)
            if codec:
                self.legacy_names.add(name)
            bold = raw.FPDFText_GetFontWeight(self.tp.raw, i) >= 600
            if not bold and font:
                bold = any(k in name.lower().split("+")[-1] for k in _BOLD_NAMES) or bool(
                    raw.FPDFFont_GetFlags(font) & FORCE_BOLD)
            info = (bold, codec)
            if fkey is not None:
                self.by_font[fkey] = info
        self.by_obj[okey] = info
        return info


_VNI_MARKS = frozenset("ùøûõïâáàåãäêéèúüë" + "ùøûõïâáàåãäêéèúüë".upper())


def _read_page(page, legacy_names: set[str] | None = None, boxes: list | None = None):
    """The page's glyphs (read in bulk: `pdf_glyphs`): a `pdf_page.PageGlyphs` of arrays; for a page with
    characters beyond the BMP (pdfium's UTF-16 surrogate pairs), `Char`s read glyph by glyph
    (`_page_chars_one_by_one`). `boxes` (when given) gets each glyph's ink box in pdfium's page coordinates
    (left, bottom, right, top, flat), in `Char.gi` order, before any layout repair."""
    import numpy as np
    import pypdfium2.raw as raw

    tp = page.get_textpage()
    g = pdf_glyphs.read_glyphs(tp)
    font_of = _Fonts(raw, tp)
    try:
        if len(g) and bool(((g.code >= 0xD800) & (g.code < 0xE000)).any()):
            chars, heights = _page_chars_one_by_one(g, font_of, boxes)
            _repair_sizes(chars, heights)
            return chars
        return _page_glyphs(g, font_of, boxes, np)
    finally:
        tp.close()
        if legacy_names is not None:
            legacy_names |= font_of.legacy_names


def _chars_of(pg) -> list[Char]:
    chars = pg.chars()
    _hyphens_and_marks(chars, pg.size0.tolist(), pg.lleft.tolist(), pg.lright.tolist())
    return chars


def _glyph_chars(codes: list[int]) -> tuple[dict[int, str], set[int]]:
    """Each distinct code's text (pdfium's possible-hyphen mark read as "-"), and the codes that are no glyph
    (none, or white space: spaces are rebuilt from geometry)."""
    text = {c: ("-" if c == 2 else chr(c)) for c in set(codes)}
    blank = {c for c, ch in text.items() if not c or ch.isspace()}
    return text, blank


def _page_glyphs(g, font_of: _Fonts, boxes: list | None, np):
    """The kept glyphs (not white space) as arrays: space hints, fonts, sizes repaired, usable advances."""
    from .pdf_page import PageGlyphs

    text_of, blank = _glyph_chars(g.code.tolist()) if len(g) else ({}, set())
    keep = ~np.isin(g.code, np.fromiter(blank, dtype=np.uint32, count=len(blank))) if blank \
        else np.ones(len(g), dtype=bool)
    idx = np.flatnonzero(keep)
    # a space the PDF itself holds (not one pdfium generated) before a kept glyph is a hint
    spaces = np.cumsum((g.code == 32) & (g.generated == 0))
    at = spaces[idx]
    space_before = at - np.concatenate(([0], at[:-1])) > 0
    # a font is looked up once per text object, at the object's first glyph, objects in the order met
    objs_k = g.obj[idx]
    uniq, first, inverse = np.unique(objs_k, return_index=True, return_inverse=True)
    infos: list[tuple[bool, str | None]] = [None] * len(uniq)  # type: ignore[list-item]
    for u in np.argsort(first, kind="stable").tolist():
        infos[u] = font_of(int(idx[first[u]]), int(uniq[u]))
    bold_of = np.array([b for b, _ in infos], dtype=bool)
    codec_of = [c for _, c in infos]
    inv = inverse.ravel()
    box = g.box[idx]
    loose = g.loose[idx].astype(np.float64)
    lleft, lright = loose[:, 0], loose[:, 2]
    heights = loose[:, 1] - loose[:, 3]
    size0 = g.size[idx]
    size = _repaired_sizes(size0, heights, np)
    # no usable advance box: gaps are measured on the ink
    usable = (lright - lleft > 0) & (lright - lleft < 2 * np.maximum(size, 1.0))
    gi0 = (len(boxes) >> 2) if boxes is not None else -1
    if boxes is not None:
        boxes += box[:, (0, 2, 1, 3)].ravel().tolist()
    codes = g.code[idx]
    return PageGlyphs(
        ch=[text_of[c] for c in codes.tolist()], code=codes, x0=box[:, 0], y0=box[:, 2], x1=box[:, 1], y1=box[:, 3],
        base=g.origin[idx, 1], size=size, size0=size0, bold=bold_of[inv],
        space_before=space_before, obj=objs_k, codec=[codec_of[u] for u in inv.tolist()] if any(codec_of)
        else [None] * len(idx), lleft=lleft, lright=lright,
        lx0=np.where(usable, lleft, np.nan), lx1=np.where(usable, lright, np.nan), gi0=gi0)


def _repaired_sizes(size, heights, np):
    """The sizes drawn, where pdfium reports a Tf operand far from them (see `_repair_sizes`), for a page's
    arrays of reported sizes and loose box heights."""
    usual = np.sort(heights[heights > 0])
    if len(usual) == 0:
        return size.copy()
    median = usual[len(usual) // 2]
    fix = (heights > 0) & ((size < 0.33 * heights) | ((size > 3 * heights) & (heights >= 0.5 * median)))
    return np.where(fix, heights, size)


def _hyphens_and_marks(chars: list[Char], sizes: list[float], lleft: list[float], lright: list[float]) -> None:
    """A "hyphen" as wide as a letter (TCVN3's "ư" read through WinAnsi) takes its advance box; a VNI
    diacritic drawn over its letter is kept right after it. `sizes`: the sizes pdfium reported."""
    for k, c in enumerate(chars):
        if c.codec == "vni":
            if c.ch in _VNI_MARKS and k and chars[k - 1].obj == c.obj and c.x0 < (chars[k - 1].x0 + chars[k - 1].x1) / 2:
                c.x0 = c.x1 = chars[k - 1].x1
        elif c.ch in ("-", "\u00ad") and sizes[k] > 0:
            c.wide = (lright[k] - lleft[k]) >= 0.42 * sizes[k]  # a hyphen is ~1/3 em, "ư" ~1/2
            if c.wide:  # a substituted font draws a narrow hyphen in the letter's advance
                c.x0, c.x1 = lleft[k], lright[k]


def _page_chars_one_by_one(g, font_of: _Fonts, boxes: list | None) -> tuple[list[Char], list[float]]:
    """The page's chars glyph by glyph (UTF-16 surrogate pairs joined), and each one's loose box height."""
    codes, gens, objs = g.code.tolist(), g.generated.tolist(), g.obj.tolist()
    bl, br, bb, bt = (g.box[:, k].tolist() for k in range(4))
    ll, lt, lr, lb = (g.loose[:, k].tolist() for k in range(4))
    org, sz = g.origin[:, 1].tolist(), g.size.tolist()
    chars: list[Char] = []
    space = False
    high = 0
    heights: list[float] = []  # loose box height of each char
    for i, code in enumerate(codes):
        if 0xD800 <= code < 0xDC00:  # pdfium reports UTF-16 units: a glyph beyond the BMP is two of them
            high = code
            continue
        if 0xDC00 <= code < 0xE000:
            code, high = (0x10000 + ((high - 0xD800) << 10) + (code - 0xDC00) if high else 0xFFFD), 0
        ch = chr(code) if code else ""
        if ch == "\x02":  # pdfium's mark for a hyphen it thinks may be a line-end break
            ch = "-"
        if not ch or ch.isspace():
            space = space or (ch == " " and not gens[i])
            continue
        left, right, bottom, top = bl[i], br[i], bb[i], bt[i]
        lleft, ltop, lright, lbottom = ll[i], lt[i], lr[i], lb[i]
        size = sz[i]
        okey = objs[i]
        bold, codec = font_of(i, okey)
        c = Char(ch, left, bottom, right, top, org[i], size, bold, False, space, okey, codec)
        if boxes is not None:
            c.gi = len(boxes) >> 2
            boxes += (left, bottom, right, top)
        heights.append(ltop - lbottom)
        c.lx0, c.lx1 = lleft, lright  # checked in _repair_sizes
        chars.append(c)
        space = False
    _hyphens_and_marks(chars, [c.size for c in chars], [c.lx0 for c in chars], [c.lx1 for c in chars])
    return chars, heights


def _repair_sizes(chars: list[Char], heights: list[float]) -> None:
    """"1 Tf" with the size in the text matrix (cairo, many OCR tools), or "200 Tf" scaled down:
    pdfium reports the Tf operand, not the size drawn. Where the reported size is far from the
    line height of the glyph's box, take that height; glyphs with a small box of their own (a
    comma, a dot) are measured against the page's usual box, not theirs."""
    import numpy as np

    if not chars:
        return
    sizes = _repaired_sizes(np.array([c.size for c in chars], dtype=np.float64),
                            np.array(heights, dtype=np.float64), np)
    for c, size in zip(chars, sizes.tolist()):
        c.size = size
        if c.lx0 is None or not 0 < c.lx1 - c.lx0 < 2 * max(size, 1.0):
            c.lx0 = c.lx1 = None  # no usable advance box: gaps are measured on the ink


_BASE_SIZE = operator.attrgetter("base", "size")
_X0_X1 = operator.attrgetter("x0", "x1")


def _NEG_BASE(c: Char) -> float:
    return -c.base


def _split_lines(chars: list[Char]) -> list[list[Char]]:
    """Group characters into visual lines, top to bottom, each sorted left to right.

    The content-stream order is not the reading order: LibreOffice, for one,
    writes glyphs taken from a fallback font (many precomposed Vietnamese
    letters) as separate text objects after the rest of the line. So lines
    are rebuilt from geometry: full-size characters cluster by baseline;
    small ones (superscript markers) join the line whose band holds them.
    Spaces are re-inserted from the gaps between glyphs.
    """
    real = [c for c in chars if not c.generated and c.ch not in ("\r", "\n", "\x02", "") and c.x1 > c.x0 - 0.01]
    if not real:
        return []
    sizes = sorted(c.size for c in real if c.ch.strip())
    median = sizes[len(sizes) // 2] if sizes else 10.0
    normal = [c for c in real if c.size >= 0.7 * median or not c.ch.strip()]
    small = [c for c in real if c.size < 0.7 * median and c.ch.strip()]
    lines: list[dict] = []
    # a char goes where the one before it went when both have the same baseline and size and no line
    # was started in between: the lines it is compared with are then the same. So chars are placed a
    # run of equal (baseline, size) at a time.
    for (base, size), same in itertools.groupby(sorted(normal, key=_NEG_BASE), key=_BASE_SIZE):
        group = list(same)
        if not group[0].ch.strip() and size <= 0:  # only glyphs of no size are left out: none has a line
            group = [c for c in group if c.ch.strip() or c.size > 0]
            if not group:
                continue
        for ln in lines[-3:]:
            if abs(ln["base"] - base) <= 0.3 * max(ln["size"], size, 1.0):
                ln["chars"].extend(group)
                break
        else:
            lines.append({"base": base, "size": max(size, 1.0), "chars": group})
    for c in small:
        cy = (c.y0 + c.y1) / 2
        best = None
        for ln in lines:
            lo, hi = ln["base"] - 0.35 * ln["size"], ln["base"] + 1.05 * ln["size"]
            if lo <= cy <= hi:
                d = abs(cy - (ln["base"] + 0.35 * ln["size"]))
                if best is None or d < best[0]:
                    best = (d, ln)
        if best is not None:
            best[1]["chars"].append(c)
        else:
            lines.append({"base": c.base, "size": max(c.size, 1.0), "chars": [c]})
    lines.sort(key=lambda ln: -ln["base"])
    out = []
    for ln in lines:
        row = sorted([c for c in ln["chars"] if c.ch.strip()], key=_X0_X1)
        if not row:
            continue
        spaced: list[Char] = [row[0]]
        for prev, c in zip(row, row[1:]):
            gap = c.x0 - prev.x1
            lo, hi = (prev.size, c.size) if prev.size <= c.size else (c.size, prev.size)
            lo1 = lo if lo >= 1.0 else 1.0
            if lo < 0.8 * hi:
                wide_gap = gap > 0.5 * hi  # superscripts hug their word
            elif prev.lx1 is not None and c.lx0 is not None:
                # between advances, not ink: a "1" with wide side bearings is not a word gap
                wide_gap = c.lx0 - prev.lx1 > LOOSE_SPACE_EM * lo1 and gap > 0.05 * lo
            else:
                wide_gap = gap > 0.18 * lo1
            if wide_gap or (c.space_before and gap > -0.1 * lo):
                spaced.append(Char(" ", prev.x1, prev.y0, c.x0, prev.y1, prev.base, prev.size, False, True))
            spaced.append(c)
        out.append(spaced)
    return out


def _cell_finder(chars: list[Char], tables: _PageTables):
    """`cell_of(char)`: the (table, row, col) of the first table cell holding the char's centre, or None;
    found for all the page's chars at once. None when the page has no table cells."""
    if not tables.cells or not chars:
        return None
    import numpy as np

    xy = np.array([(c.x0, c.x1, c.y0, c.y1) for c in chars], dtype=np.float64)
    cx, cy = (xy[:, 0] + xy[:, 1]) / 2, (xy[:, 2] + xy[:, 3]) / 2
    found = np.full(len(chars), -1, dtype=np.int64)
    for k, (_, _, _, (x0, y0, x1, y1)) in enumerate(tables.cells):
        hit = (found < 0) & (x0 <= cx) & (cx <= x1) & (y0 <= cy) & (cy <= y1)
        found[hit] = k
    keys = [(ti, ri, col) for ti, ri, col, _ in tables.cells]
    by_id = {id(c): (keys[k] if k >= 0 else None) for c, k in zip(chars, found.tolist())}
    return lambda c: by_id[id(c)]


def _split_runs(line: list[Char], cell_of) -> list[Run]:
    """The line cut into runs: at a wide gap (columns), between text objects apart, at table cell borders
    (`cell_of`: see `_cell_finder`)."""
    runs: list[Run] = []
    cur: list[Char] = []
    cur_cell = None
    last: Char | None = None
    for c in line:
        glyph = not c.generated and c.ch.strip()
        cell = (cell_of(c) if cell_of is not None else None) if glyph else cur_cell
        gap_split = False
        if last is not None and glyph:
            size = c.size if c.size >= last.size else last.size
            if size < 1.0:
                size = 1.0
            gap = c.x0 - last.x1
            # a wide gap, or a clear one between two text objects (each layout cell writes its own)
            gap_split = gap > COLUMN_GAP_EM * size or (gap > OBJECT_GAP_EM * size and c.obj != last.obj
                                                       and not c.space_before)
        if cur and (cell != cur_cell or gap_split):
            runs.append(Run(cur, cur_cell))
            cur = []
        cur.append(c)
        cur_cell = cell
        if glyph:
            last = c
    if cur:
        runs.append(Run(cur, cur_cell))
    return [r.finish() for r in runs]


class _TableSource:
    """Where a page's ruled tables come from: the edges of pdfium's path objects (`pdf_tables`), or,
    for a page those do not cover, pdfplumber (which parses the page again with pdfminer)."""

    def __init__(self, page_number: int, edges: list[dict] | None, plumber_page) -> None:
        self.page_number = page_number
        self.edges = edges
        self.plumber_page = plumber_page  # a callable returning the pdfplumber page

    def tables(self) -> list:
        if self.edges is not None:
            return pdf_tables.plumber_tables(self.edges)
        return self.plumber_page().find_tables(pdf_tables.TABLE_SETTINGS)


def _find_tables(source: _TableSource, page_height: float) -> _PageTables:
    """Cell rectangles (pdfium coordinates) of the ruled tables on the page."""
    return pdf_tables.page_tables(source.tables(), page_height)


def _is_furniture(run: Run, height: float) -> bool:
    t = run.text.strip()
    near_edge = run.top > height * 0.92 or run.top < height * 0.08
    return near_edge and (t.isdigit() or t.lower().startswith("trang ")) and len(t) <= 12


def _mark_footnotes(runs: list[Run], body_size: float) -> None:
    """Small type at the bottom of the page, starting with a superscript marker, is the footnote area."""
    flow = [r for r in runs if r.kind == "body" and r.text]
    if not flow:
        return
    lowest_first = sorted(flow, key=lambda r: r.base)
    area: list[Run] = []
    for r in lowest_first:
        if r.size <= 0.9 * body_size:
            area.append(r)
        else:
            break
    # the area must start (top-most line) with a marker
    area.sort(key=lambda r: -r.base)
    while area and not (area[0].text[:1] in SUPERSCRIPT_CHARS or area[0].text[:1].isdigit()):
        area.pop(0)
    if area and area[0].text[:1] in SUPERSCRIPT_CHARS:
        for r in area:
            r.kind = "footnote"


_ENUMERATOR = re.compile(r"^(?:[IVXLC]+|\d+(?:\.\d+)*|[a-zđ])[.)]\s")


def _body_paragraphs(runs: list[Run], body_size: float, left: float, right: float | None = None
                     ) -> list[list[Run]]:
    paras: list[list[Run]] = []
    prev: Run | None = None
    right = right if right is not None else max((r.x1 for r in runs), default=left)
    center = (left + right) / 2

    def centered(r: Run, pitch: float) -> bool:
        return abs((r.x0 + r.x1) / 2 - center) < pitch and r.x0 - left > 0.5 * pitch

    def wraps_into(prev: Run, r: Run) -> bool:  # a wrapped line is no wider than the line it continues
        return (prev.x1 - prev.x0) >= 0.9 * (r.x1 - r.x0)

    for r in runs:
        new = prev is None
        if prev is not None:
            pitch = max(prev.size, r.size, 1.0)
            gap = prev.base - r.base
            indent = r.x0 - left
            if gap > 1.6 * pitch or gap < -0.5 * pitch:  # blank space, or back up (new column/cell)
                new = True
            elif abs(r.x0 - prev.x0) > 2 * pitch and abs(gap) < 0.3 * pitch:  # another column, same line
                new = True
            elif r.text.startswith(LIST_START):
                new = True
            elif centered(r, pitch) and centered(prev, pitch) and wraps_into(prev, r):
                new = False  # a wrapped centered title
            elif indent > 1.2 * pitch and prev.x0 - left < 1.2 * pitch:
                new = True  # first-line indent after a full line
            elif indent > 0.8 * pitch and abs(r.x0 - prev.x0) < 0.3 * pitch and _ENUMERATOR.match(r.text):
                new = True  # "1. ..." under "I. ...": justified text never wraps back to the indent
            elif r.bold != prev.bold or abs(r.size - prev.size) > 1.0:
                new = True
            elif prev.x1 < r.x1 - 6 * pitch and not prev.text.endswith((",", "-")):
                new = True  # previous line ended short: end of its paragraph
        if new:
            paras.append([r])
        else:
            paras[-1].append(r)
        prev = r
    return paras


def _footnote_paragraphs(runs: list[Run]) -> list[list[Run]]:
    paras: list[list[Run]] = []
    for r in sorted(runs, key=lambda r: (-r.base, r.x0)):
        if not paras or r.text[:1] in SUPERSCRIPT_CHARS:
            paras.append([r])
        else:
            paras[-1].append(r)
    return paras


def read_pdf(path: Path, doc_id: str, source_path: str, settings=None) -> Document:
    import pypdfium2 as pdfium

    want_tables = getattr(settings, "tables", True)
    from . import ocr
    want_ocr = getattr(settings, "ocr", True) and ocr.available()
    ocr_pages = 0
    max_pages = getattr(settings, "max_pages", None)
    try:
        pdf = pdfium.PdfDocument(str(path))
    except pdfium.PdfiumError as e:
        err = _pdfium_error(e)
        if err.error_type == "encrypted":
            return _read_with_pdfplumber(path, doc_id, source_path, err)
        return _read_with_pdfplumber(path, doc_id, source_path, err)
    n_pages = len(pdf)
    if n_pages == 0:
        raise ReadError("no-pages", "the PDF has no pages (its page tree is missing or damaged)")
    tb = TextBuilder()
    items: list = []
    warnings: list[str] = []
    plumber = None
    body_sizes = _SizeTally()
    pages_read = 0
    legacy = legacy_fonts.DecodeLog()
    boxes = _CharBoxes()
    page_sizes: list[tuple[float, float]] = []
    stampable = False  # page 1 may hold a number or date stamped at signing (`stamps`)
    try:
        for pi in range(min(n_pages, max_pages or n_pages)):
            number = pi + 1
            tb.new_page(number)
            page_sizes.append((float("nan"), float("nan")))
            try:
                page = pdf[pi]
            except pdfium.PdfiumError as e:
                warnings.append(f"page {number} could not be loaded ({e}); skipped")
                continue
            pages_read += 1
            width, height = page.get_size()
            page_sizes[pi] = (float(width), float(height))
            if pi == 0 and want_ocr:
                stampable = stamps.may_be_stamped(pdf, page)
            glyph_boxes: list = []
            glyphs = _read_page(page, legacy.fonts, glyph_boxes)
            fast = not isinstance(glyphs, list) and glyphs.plain()  # lines and runs from arrays: `pdf_page`
            chars = None if fast else glyphs if isinstance(glyphs, list) else _chars_of(glyphs)
            texts = glyphs.ch if fast else [c.ch for c in chars]
            crop = _crop_origin(page, height)
            garbage = want_ocr and len(texts) >= 150 and _unmarked("".join(texts)) \
                and legacy_fonts.is_garbage_layer(_layer_text(page))
            if garbage:
                warnings.append(f"page {number}: its text layer is not Vietnamese text (a bad OCR layer); "
                                "the page was read by OCR")
            if want_ocr and (garbage or not _has_text(texts)):
                if _ocr_page_items(page, number, tb, items, warnings):
                    ocr_pages += 1
                    page.close()
                    items.append(PageBreak(number))
                    continue
            tables = _PageTables()
            paths = pdf_tables.page_paths(page, height) if want_tables and texts else None
            if paths is not None and paths.ruled:
                def plumber_page(pi=pi):
                    nonlocal plumber
                    if plumber is None:
                        import pdfplumber
                        plumber = pdfplumber.open(str(path))
                    return plumber.pages[pi]

                try:
                    tables = _find_tables(_TableSource(number, paths.edges, plumber_page), height)
                except Exception as e:  # noqa: BLE001 - tables are optional, text is not
                    warnings.append(f"page {number}: table detection failed ({type(e).__name__}); text kept")
            page.close()

            runs: list[Run] = []
            if fast:
                from .pdf_page import page_runs

                for run in page_runs(glyphs, tables.cells):
                    if run.text:
                        run.order = len(runs)
                        runs.append(run)
            else:
                cell_of = _cell_finder(chars, tables)
                for li, line in enumerate(_split_lines(chars)):
                    for run in _split_runs(line, cell_of):
                        if run.text:
                            run.order, run.line = len(runs), li
                            runs.append(run)
            _decode_legacy(runs, legacy)
            for r in runs:
                if _is_furniture(r, height):
                    r.kind = "furniture"
                elif r.cell is not None:
                    r.kind = "table"
            for r in runs:
                if r.kind == "body":
                    body_sizes.add(r.size, len(r.text))
            body_size = body_sizes.median(12.0)
            _mark_footnotes(runs, body_size)
            # write the page text: one run per line, in reading order
            for r in runs:
                if not tb.at_line_start:
                    tb.newline()
                s, e = tb.add(r.text)
                r.piece = (s, e, number)
            boxes.add_page(runs, glyph_boxes, crop)
            _page_items(runs, tables, body_size, items)
            items.append(PageBreak(number))
    finally:
        if plumber is not None:
            _close_quietly(plumber)
        pdf.close()
    pages = tb.pages()
    full = "\n".join(p.text for p in pages)
    if pages_read == 0:
        raise ReadError("corrupt-pdf", f"none of the {n_pages} page(s) could be loaded")
    blocks, tables_out = assemble(items, lambda s, e: full[s:e], join_any_boundary=True)
    # an e-office PDF: the number and date its text layer leaves blank may be stamped on page 1
    header_ocr = stamps.header_text(path) if stampable and not ocr_pages and stamps.has_blanks(pages[0].text) \
        else None
    return Document(doc_id=doc_id, source_path=source_path, source_format="pdf", header_ocr=header_ocr,
                    text_source="ocr" if ocr_pages else "text-layer",
                    pages=pages, blocks=blocks, tables=tables_out, clean_steps=legacy.steps() + list(CLEAN_STEPS) + (
                        ["ocr"] if ocr_pages else []), page_count=n_pages, warnings=warnings + legacy.warnings("line"),
                    page_sizes=page_sizes, char_boxes=boxes.array(len(full)))


def _has_text(texts: list[str]) -> bool:
    """At least MIN_CHARS_FOR_TEXT_LAYER letters or digits among the glyphs' texts: the page has a text
    layer (else: a scan)."""
    return len(list(itertools.islice(filter(str.isalnum, texts), MIN_CHARS_FOR_TEXT_LAYER))) \
        >= MIN_CHARS_FOR_TEXT_LAYER


def _unmarked(text: str) -> bool:
    """A quick look before the full test: almost none of the page's letters carry Vietnamese marks."""
    letters = sum(map(str.isalpha, text))
    marked = letters - sum(map(str.isalpha, text.encode("ascii", "ignore").decode("ascii")))  # non-ASCII letters
    return letters > 0 and marked <= legacy_fonts.GARBAGE_MAX_MARKED * letters


def _layer_text(page) -> str:
    """The page's text layer as pdfium reads it (words spaced), for judging whether it is text at all."""
    tp = page.get_textpage()
    try:
        return tp.get_text_range()
    finally:
        tp.close()


def _decode_legacy(runs: list[Run], log: legacy_fonts.DecodeLog) -> None:
    """Keep the page's runs decoded by font name only when, together, they read more Vietnamese decoded than
    as drawn (a font named .VnTime may draw Unicode text: decoding it would corrupt it); count them; decode the
    page's other runs when their text is detected to be in a legacy encoding (runs already holding Vietnamese
    Unicode letters excepted)."""
    by_name = [r for r in runs if r.codecs]
    if by_name:
        drawn = "\n".join("".join(c.ch for c in r.chars) for r in by_name)
        decoded = "\n".join(r.text for r in by_name)
        if legacy_fonts.vietnamese_score(decoded) <= legacy_fonts.vietnamese_score(drawn):
            for r in by_name:
                for c in r.chars:
                    c.codec = None
                r.finish()
    plain = []
    for r in runs:
        for codec in r.codecs:
            log.font(codec)
        if not r.codecs:
            plain.append(r)
    raws = [r.drawn if r.drawn is not None else "".join(c.ch for c in r.chars) for r in plain]
    codec = legacy_fonts.detect_encoding("\n".join(raws)) if plain else None
    if codec is None:
        return
    for r, raw in zip(plain, raws):
        if not legacy_fonts.VI_LETTERS.search(raw):
            before = r.text
            if r.finish(codec).text != before:
                log.guess(codec)


def _columnar_runs(body: list[Run]) -> set[int]:
    """Orders of runs in multi-column regions (header block, signature block).

    A line split into several runs by wide gaps is columnar; narrow lines
    right below it that sit under one of its columns belong to the region.
    Each such run is a paragraph of its own (one line of a layout cell).
    """
    if not body:
        return set()
    left, right = min(r.x0 for r in body), max(r.x1 for r in body)
    width = max(right - left, 1.0)
    lines: dict[int, list[Run]] = {}
    for r in body:
        lines.setdefault(r.line, []).append(r)
    out: set[int] = set()
    centers: list[float] = []
    last_base: float | None = None
    for li in sorted(lines):
        rs = lines[li]
        if len(rs) >= 2:
            centers = [(r.x0 + r.x1) / 2 for r in rs]
            last_base = min(r.base for r in rs)
            out.update(r.order for r in rs)
            continue
        r = rs[0]
        cx = (r.x0 + r.x1) / 2
        if centers and last_base is not None and (last_base - r.base) < 2.2 * max(r.size, 1.0) \
                and (r.x1 - r.x0) < 0.55 * width and min(abs(cx - c) for c in centers) < 0.2 * width:
            out.add(r.order)
            last_base = r.base
        else:
            centers, last_base = [], None
    return out


def _continues_cell_line(prev: Run, r: Run) -> bool:
    """In a layout column, is `r` the wrapped continuation of the line `prev`?"""
    size = max(prev.size, r.size, 1.0)
    same_column = r.x0 < prev.x1 and prev.x0 < r.x1
    first = r.text.lstrip()[:1]
    both_caps = _all_caps(prev.text) and _all_caps(r.text)  # a wrapped body name: "SỞ ... VÀ PHÁT" / "TRIỂN ..."
    return (same_column and 0 < prev.base - r.base <= 1.5 * size and prev.bold == r.bold
            and abs(prev.size - r.size) < 0.5 and (first.islower() or first.isdigit() or both_caps)
            and not prev.text.rstrip().endswith((":", ";", ".")))


def _all_caps(text: str) -> bool:
    letters = [c for c in text if c.isalpha()]
    return len(letters) >= 3 and all(c.isupper() for c in letters)


def _page_items(runs: list[Run], tables: _PageTables, body_size: float, items: list) -> None:
    body = [r for r in runs if r.kind == "body"]
    columnar = _columnar_runs(body)
    flowing = [r for r in body if r.order not in columnar] or body
    left = min((r.x0 for r in flowing), default=0.0)  # the header table may stick out into the margin
    # body paragraphs and tables, ordered by where they start in the reading order
    placed: list[tuple[tuple[int, int, int], object]] = []
    flow: list[Run] = []

    right = max((r.x1 for r in flowing), default=0.0)

    def flush() -> None:
        for para in _body_paragraphs(flow, body_size, left, right):
            styles = {"bold"} if all(r.bold for r in para) else set()
            size = max(para[-1].size, 1.0)
            placed.append(((para[0].order, 0, 0), RawPara(
                pieces=[r.piece for r in para], styles=frozenset(styles), column_x=para[0].x0,
                open_end=para[-1].x1 >= right - 2.5 * size, indented=para[0].x0 - left > 0.8 * size)))
        flow.clear()

    # a multi-column region reads column by column (left cell, then right cell)
    region_start: int | None = None
    col_paras: dict[int, tuple[RawPara, Run]] = {}
    centers: list[float] = []
    for r in body:
        if r.order not in columnar:
            region_start, col_paras, centers = None, {}, []
            flow.append(r)
            continue
        flush()
        if region_start is None:
            region_start = r.order
            centers = sorted((x.x0 + x.x1) / 2 for x in body if x.line == r.line)
        cx = (r.x0 + r.x1) / 2
        col = min(range(len(centers)), key=lambda i: abs(centers[i] - cx)) if centers else 0
        prev = col_paras.get(col)
        if prev is not None and _continues_cell_line(prev[1], r):
            prev[0].pieces.append(r.piece)
            col_paras[col] = (prev[0], r)
        else:
            para = RawPara(pieces=[r.piece], styles=frozenset({"bold"} if r.bold else ()), column_x=r.x0,
                           open_end=False)
            col_paras[col] = (para, r)
            placed.append(((region_start, col, r.order), para))
    flush()
    for ti, shape in enumerate(tables.shapes):
        cell_runs: dict[tuple[int, int], list[Run]] = {}
        first = None
        for r in runs:
            if r.kind == "table" and r.cell and r.cell[0] == ti:
                cell_runs.setdefault((r.cell[1], r.cell[2]), []).append(r)
                first = r.order if first is None else min(first, r.order)
        rows = []
        for ri, srow in enumerate(shape):
            cells = []
            for entry in srow:
                if entry is None:
                    continue
                col, span = entry
                rs = sorted(cell_runs.get((ri, col), []), key=lambda r: (-r.base, r.x0))
                cells.append(RawCell(pieces=[r.piece for r in rs], row=ri, col=col, colspan=span))
            rows.append(cells)
        if first is None:
            first = max((o[0] for o, _ in placed), default=0)
        placed.append(((first, 0, 0), RawTable(rows=rows, pages=[runs[0].piece[2] if runs else None])))
    placed.sort(key=lambda x: x[0])
    items.extend(it for _, it in placed)
    for para in _footnote_paragraphs([r for r in runs if r.kind == "footnote"]):
        label = ""
        for ch in para[0].text:
            if ch in SUPERSCRIPT_CHARS:
                label += ch
            else:
                break
        items.append(RawPara(pieces=[r.piece for r in para], kind="footnote",
                             footnote_label=from_superscript(label) or None, styles=frozenset({"small"})))


def _ocr_page_items(page, number: int, tb: TextBuilder, items: list, warnings: list[str]) -> bool:
    """OCR a page without a text layer; Tesseract's paragraphs become paragraphs. True if text came out.

    A line that a wide gap splits (columns of the header block) gives one
    paragraph per piece, as layout regions do on the text-layer path.
    """
    from . import ocr

    try:
        words = ocr.ocr_page(page)
    except Exception as e:  # noqa: BLE001 - OCR is best effort; the page just stays empty
        warnings.append(f"page {number}: OCR failed ({type(e).__name__})")
        return False
    segments = ocr.line_segments(words)
    split_lines = {(key, i) for key, _, i in segments if i > 0}
    current, para = None, None
    for key, seg_words, i in segments:
        text = clean_text(" ".join(seg_words)).strip()
        if not text:
            continue
        if not tb.at_line_start:
            tb.newline()
        s, e = tb.add(text)
        columnar = i > 0 or (key, 1) in split_lines
        if para is None or columnar or key != current:
            para = RawPara(pieces=[], open_end=False if columnar else None)
            items.append(para)
        current = None if columnar else key
        para.pieces.append((s, e, number))
    return para is not None


def _close_quietly(obj) -> None:
    """pdfplumber's close() walks the pages and re-raises pdfminer errors; closing must not fail."""
    try:
        obj.close()
    except Exception:  # noqa: BLE001
        pass


def _read_with_pdfplumber(path: Path, doc_id: str, source_path: str, cause: ReadError) -> Document:
    """Fallback when pdfium refuses a file pdfminer can open (the libraries disagree on some files)."""
    import pdfplumber

    try:
        pdf = pdfplumber.open(str(path))
    except Exception as e:  # noqa: BLE001
        inner = e.args[0] if getattr(e, "args", None) else e
        if "Password" in type(inner).__name__ or "password" in str(inner).lower():
            raise ReadError("encrypted", "the PDF is encrypted and needs a password to open") from e
        raise cause from e
    try:
        n = len(pdf.pages)
        if n == 0:
            raise cause
        tb = TextBuilder()
        items: list = []
        legacy = legacy_fonts.DecodeLog()
        page_sizes: list[tuple[float, float]] = []
        for i, page in enumerate(pdf.pages):
            tb.new_page(i + 1)
            page_sizes.append((float(page.width), float(page.height)))
            text, codec = legacy_fonts.detect_and_decode(page.extract_text() or "")
            if codec:
                legacy.guess(codec)
            text = clean_text(text)
            for para in [p for p in text.split("\n") if p.strip()]:
                if not tb.at_line_start:
                    tb.newline()
                s, e = tb.add(para.strip())
                items.append(RawPara(pieces=[(s, e, i + 1)]))
            items.append(PageBreak(i + 1))
    except ReadError:
        raise
    except Exception as e:  # noqa: BLE001
        raise cause from e
    finally:
        _close_quietly(pdf)
    pages = tb.pages()
    full = "\n".join(p.text for p in pages)
    blocks, tables = assemble(items, lambda s, e: full[s:e])
    import numpy as np

    return Document(doc_id=doc_id, source_path=source_path, source_format="pdf", text_source="text-layer",
                    pages=pages, blocks=blocks, tables=tables, clean_steps=legacy.steps() + list(CLEAN_STEPS),
                    page_count=n, page_sizes=page_sizes,  # pdfminer's text: no glyph boxes
                    char_boxes=np.full((len(full), 4), np.nan, dtype=np.float32),
                    warnings=[f"pdfium could not open the file ({cause.message}); text read with "
                              "pdfminer"] + legacy.warnings("page"))
