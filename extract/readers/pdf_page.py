"""A PDF page's glyphs as arrays, and its lines and runs made from them whole pages at a time.

`pdf._split_lines` and `pdf._split_runs` read a page glyph by glyph, one `Char` object each; most of the
reader's time went there. On a page of plain text (no legacy font, no character beyond the BMP, no
glyph without a position) `page_runs` gives the same runs from the glyph arrays with numpy:

* lines: glyphs sorted by baseline, runs of equal (baseline, size) placed on the line whose band holds
  them (small raised glyphs on the line nearest their middle), lines top to bottom, each left to right;
* spaces where the gap between two glyphs' advances (or ink) is a word gap, or where the PDF held one;
* runs cut at a column gap, between text objects apart, at a table cell's border.

Each run's geometry is computed for all runs at once (segment medians, minima, maxima) and its text from a
slice of the page's text units. A run that holds a small
raised digit (a footnote marker) is finished glyph by glyph (`Run.finish`), and so is any run decoded
later (`pdf._decode_legacy`): `Char`s are made for it on demand (`Run.source`). `tests/readers/
test_pdf_page.py` reads PDFs both ways and compares every run.
"""
from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from .pdf import COLUMN_GAP_EM, LOOSE_SPACE_EM, OBJECT_GAP_EM, Char, Run

_HYPHENS = np.array([2, 0x2D, 0xAD], dtype=np.uint32)  # pdfium's possible-hyphen mark, "-", soft hyphen


@dataclass
class PageGlyphs:
    """The page's kept glyphs (not white space), in pdfium's order, with their sizes repaired
    (`pdf._repaired_sizes`). Arrays are float64 unless noted; `lx0`/`lx1` NaN where the advance box is not
    usable. `x0`/`x1` are as pdfium drew them: a wide hyphen's advance box is applied by `chars()` and
    `page_runs`."""
    ch: list[str]
    code: np.ndarray  # uint32
    x0: np.ndarray
    y0: np.ndarray
    x1: np.ndarray
    y1: np.ndarray
    base: np.ndarray
    size: np.ndarray  # repaired
    size0: np.ndarray  # as pdfium reported it
    bold: np.ndarray  # bool
    space_before: np.ndarray  # bool
    obj: np.ndarray  # uint64
    codec: list[str | None]
    lleft: np.ndarray  # the advance box as pdfium gave it
    lright: np.ndarray
    lx0: np.ndarray
    lx1: np.ndarray
    gi0: int  # `Char.gi` of the first glyph (-1: boxes not kept)

    def __len__(self) -> int:
        return len(self.ch)

    def plain(self) -> bool:
        """No legacy font and every position known: `page_runs` covers the page."""
        return not any(self.codec) and not any(
            bool(np.isnan(a).any()) for a in (self.x0, self.x1, self.y0, self.y1, self.base, self.size))

    def wide_hyphens(self) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
        """(x0, x1, wide) of a plain page: a "hyphen" as wide as a letter takes its advance box
        (`pdf._hyphens_and_marks`, for glyphs of no VNI font)."""
        wide = np.isin(self.code, _HYPHENS) & (self.size0 > 0) & (self.lright - self.lleft >= 0.42 * self.size0)
        return np.where(wide, self.lleft, self.x0), np.where(wide, self.lright, self.x1), wide

    def chars(self) -> list[Char]:
        """One `Char` per glyph, before the hyphen and VNI repairs (`pdf._hyphens_and_marks`)."""
        gi0 = self.gi0
        gis = range(gi0, gi0 + len(self.ch)) if gi0 >= 0 else [-1] * len(self.ch)
        return [Char(ch, x0, y0, x1, y1, base, sz, b, False, sp, o, cd, False,
                     None if a != a else a, None if z != z else z, gi)
                for ch, x0, y0, x1, y1, base, sz, b, sp, o, cd, a, z, gi in
                zip(self.ch, self.x0.tolist(), self.y0.tolist(), self.x1.tolist(), self.y1.tolist(),
                    self.base.tolist(), self.size.tolist(), self.bold.tolist(), self.space_before.tolist(),
                    self.obj.tolist(), self.codec, self.lx0.tolist(), self.lx1.tolist(), gis)]


def _cell_ids(x0, x1, y0, y1, cells) -> tuple[np.ndarray, list]:
    """Per glyph: the id of the first table cell holding its centre (-1: none), ids equal for equal
    (table, row, col); and each id's key."""
    found = np.full(len(x0), -1, dtype=np.int64)
    if not cells or not len(x0):
        return found, []
    cx, cy = (x0 + x1) / 2, (y0 + y1) / 2
    keys: list = []
    key_id: dict = {}
    for (ti, ri, col, (cx0, cy0, cx1, cy1)) in cells:
        k = key_id.setdefault((ti, ri, col), len(key_id))
        if k == len(keys):
            keys.append((ti, ri, col))
        hit = (found < 0) & (cx0 <= cx) & (cx <= cx1) & (cy0 <= cy) & (cy <= cy1)
        found[hit] = k
    return found, keys


def _lines(pg: PageGlyphs, x0: np.ndarray, x1: np.ndarray) -> tuple[np.ndarray, np.ndarray] | None:
    """The page's glyphs in reading order (indices) and the line of each (0, 1, ... top to bottom);
    None when no glyph has a width."""
    real = np.flatnonzero(x1 > x0 - 0.01)
    if not len(real):
        return None
    size, base = pg.size, pg.base
    median = np.sort(size[real])[len(real) // 2]
    normal = real[size[real] >= 0.7 * median]
    small = real[size[real] < 0.7 * median]
    order = normal[np.argsort(-base[normal], kind="stable")]
    # runs of equal (baseline, size), in that order, go to a line together
    b, s = base[order], size[order]
    starts = np.flatnonzero(np.concatenate(([True], (b[1:] != b[:-1]) | (s[1:] != s[:-1])))) if len(order) \
        else np.zeros(0, dtype=np.int64)
    line_base: list[float] = []
    line_size: list[float] = []
    group_line: list[int] = []
    for gb, gs in zip(b[starts].tolist(), s[starts].tolist()):
        n = len(line_base)
        for li in range(max(0, n - 3), n):
            if abs(line_base[li] - gb) <= 0.3 * max(line_size[li], gs, 1.0):
                group_line.append(li)
                break
        else:
            line_base.append(gb)
            line_size.append(max(gs, 1.0))
            group_line.append(n)
    counts = np.diff(np.concatenate((starts, [len(order)])))
    line_of = np.repeat(np.asarray(group_line, dtype=np.int64), counts)
    small_line: list[int] = []
    for cy, sb, ss in zip(((pg.y0[small] + pg.y1[small]) / 2).tolist(), base[small].tolist(), size[small].tolist()):
        best = None
        for li, (lb, ls) in enumerate(zip(line_base, line_size)):
            if lb - 0.35 * ls <= cy <= lb + 1.05 * ls:
                d = abs(cy - (lb + 0.35 * ls))
                if best is None or d < best[0]:
                    best = (d, li)
        if best is not None:
            small_line.append(best[1])
        else:
            small_line.append(len(line_base))
            line_base.append(sb)
            line_size.append(max(ss, 1.0))
    rank = np.empty(len(line_base), dtype=np.int64)
    rank[sorted(range(len(line_base)), key=lambda li: -line_base[li])] = np.arange(len(line_base))
    members = np.concatenate((order, small))
    lines = rank[np.concatenate((line_of, np.asarray(small_line, dtype=np.int64)))]
    perm = np.lexsort((np.arange(len(members)), x1[members], x0[members], lines))
    return members[perm], lines[perm]


def page_runs(pg: PageGlyphs, cells) -> list[Run]:
    """The runs of a plain page (`PageGlyphs.plain`), each with its `line`, in reading order; the same runs
    `pdf._split_lines` and `pdf._split_runs` give from its `Char`s. `cells`: `PageTables.cells`."""
    x0, x1, wide = pg.wide_hyphens()
    found = _lines(pg, x0, x1)
    if found is None:
        return []
    row, line = found
    size, obj, sp = pg.size[row], pg.obj[row], pg.space_before[row]
    rx0, rx1 = x0[row], x1[row]
    same = line[1:] == line[:-1]
    gap = rx0[1:] - rx1[:-1]
    ps, cs = size[:-1], size[1:]
    lo, hi = np.where(ps <= cs, ps, cs), np.where(ps <= cs, cs, ps)
    lo1 = np.where(lo >= 1.0, lo, 1.0)
    lx0, lx1 = pg.lx0[row], pg.lx1[row]
    raised = lo < 0.8 * hi
    advances = ~raised & ~np.isnan(lx1[:-1]) & ~np.isnan(lx0[1:])
    with np.errstate(invalid="ignore"):
        word_gap = np.where(raised, gap > 0.5 * hi,  # superscripts hug their word
                            np.where(advances, (lx0[1:] - lx1[:-1] > LOOSE_SPACE_EM * lo1) & (gap > 0.05 * lo),
                                     gap > 0.18 * lo1))
    space = np.concatenate(([False], same & (word_gap | (sp[1:] & (gap > -0.1 * lo)))))
    # runs: a new one at each line, at a column gap, between text objects apart, at a cell border
    big = np.where(cs >= ps, cs, ps)
    big = np.where(big < 1.0, 1.0, big)
    apart = (gap > COLUMN_GAP_EM * big) | ((gap > OBJECT_GAP_EM * big) & (obj[1:] != obj[:-1]) & ~sp[1:])
    cell_id, cell_keys = _cell_ids(x0, x1, pg.y0, pg.y1, cells)
    rcell = cell_id[row]
    start = np.concatenate(([True], ~same | (rcell[1:] != rcell[:-1]) | apart))
    # the text in slots: each glyph, and before it the space it follows (which ends the run before)
    slot = np.arange(len(row)) + np.cumsum(space)
    seq = np.full(len(row) + int(space.sum()), -1, dtype=np.int64)
    seq[slot] = row
    units_all = np.array(pg.ch + [" "], dtype=object)[seq].tolist()
    gis_all = (np.where(seq >= 0, seq + pg.gi0, -1) if pg.gi0 >= 0 else np.full(len(seq), -1)).tolist()
    firsts = np.flatnonzero(start)
    lasts = np.concatenate((firsts[1:], [len(row)]))
    slot_first = slot[firsts].tolist()
    slot_last = slot_first[1:] + [len(seq)]
    geometry = _run_geometry(firsts, lasts, rx0, rx1, pg.y1[row], size, pg.base[row], pg.bold[row])
    wide_row = wide[row]
    runs: list[Run] = []
    for g0, g1, s0, s1, (rx0_, rx1_, top, rsize, base, bold, raised_digit) in zip(
            firsts.tolist(), lasts.tolist(), slot_first, slot_last, geometry):
        cid = int(rcell[g0])
        run = Run(None, cell_keys[cid] if cid >= 0 else None, line=int(line[g0]),
                  source=_Source(pg, row, space, x0, x1, wide_row, g0, g1))
        if raised_digit:  # a small raised glyph: finished glyph by glyph
            runs.append(run.finish())
            continue
        run.x0, run.x1, run.top, run.size, run.base, run.bold = rx0_, rx1_, top, rsize, base, bold
        units = units_all[s0:s1]
        run.drawn = "".join(units)
        run._set_text(units, [None] * len(units), [(None, units)], gis_all[s0:s1])
        runs.append(run)
    return runs


def _segment_medians(values: np.ndarray, seg: np.ndarray, firsts: np.ndarray, counts: np.ndarray) -> np.ndarray:
    """The median of `values` in each segment (`seg`: each value's segment, segments contiguous from
    `firsts`, of `counts` values; no segment empty), as `pdf._median` gives it."""
    ordered = values[np.lexsort((values, seg))]
    mid = firsts + counts // 2
    low = ordered[np.maximum(mid - 1, firsts)]
    return np.where(counts % 2 == 1, ordered[mid], (low + ordered[mid]) / 2)


def _run_geometry(firsts, lasts, x0, x1, y1, size, base, bold) -> list[tuple]:
    """Per run (glyphs firsts[k]..lasts[k] of the row arrays): (x0, x1, top, size, base, bold, raised) as
    `Run.finish` sets them, `raised` when it holds a glyph smaller than 0.8 of its size (then left to it)."""
    counts = lasts - firsts
    seg = np.repeat(np.arange(len(firsts)), counts)
    rsize = _segment_medians(size, seg, firsts, counts)
    raised = (rsize != 0) & (np.minimum.reduceat(size, firsts) < 0.8 * rsize)
    normal = size >= 0.8 * rsize[seg]
    n_normal = np.add.reduceat(normal.astype(np.int64), firsts)
    # the base line: the median over the run's full-size glyphs (all of them when none is)
    use = normal | (n_normal == 0)[seg]
    n_use = np.where(n_normal > 0, n_normal, counts)
    kept_firsts = np.concatenate(([0], np.cumsum(n_use)[:-1]))
    rbase = _segment_medians(base[use], seg[use], kept_firsts, n_use)
    rbold = np.add.reduceat(bold.astype(np.int64), firsts) >= 0.8 * counts
    return list(zip(np.minimum.reduceat(x0, firsts).tolist(), np.maximum.reduceat(x1, firsts).tolist(),
                    np.maximum.reduceat(y1, firsts).tolist(), rsize.tolist(), rbase.tolist(), rbold.tolist(),
                    raised.tolist()))


class _Source:
    """Makes a run's `Char`s on demand, the glyphs and the spaces between them, as `pdf._split_lines`
    makes them."""

    def __init__(self, pg, row, space, x0, x1, wide, g0, g1) -> None:
        self.args = (pg, row, space, x0, x1, wide, g0, g1)

    def __call__(self) -> list[Char]:
        pg, row, space, x0, x1, wide, g0, g1 = self.args
        out: list[Char] = []
        gi0 = pg.gi0
        for k in range(g0, g1 + 1 if g1 < len(row) and space[g1] else g1):
            if k > g0 and space[k]:
                p, c = int(row[k - 1]), int(row[k])
                out.append(Char(" ", float(x1[p]), float(pg.y0[p]), float(x0[c]), float(pg.y1[p]),
                                float(pg.base[p]), float(pg.size[p]), False, True))
            if k == g1:
                break
            i = int(row[k])
            a, z = float(pg.lx0[i]), float(pg.lx1[i])
            out.append(Char(pg.ch[i], float(x0[i]), float(pg.y0[i]), float(x1[i]), float(pg.y1[i]),
                            float(pg.base[i]), float(pg.size[i]), bool(pg.bold[i]), False,
                            bool(pg.space_before[i]), int(pg.obj[i]), pg.codec[i], bool(wide[k]),
                            None if a != a else a, None if z != z else z, gi0 + i if gi0 >= 0 else -1))
        return out
