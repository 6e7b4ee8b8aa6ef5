"""A PDF page's glyphs from pdfium, read in bulk.

pdfium answers glyph by glyph (code, box, origin, advance box, font size, text
object), and each answer through ctypes costs about a microsecond: several of
them per glyph were most of the reader's time. The compiled helper
`extract/readers/_glyphs.c` (built by `pip install`, `make setup`) asks for all
of them in C, in one call per page, into numpy arrays. Where it could not be
built (no C compiler), `read_glyphs` asks through ctypes instead: the arrays are
the same, only slower.
"""
from __future__ import annotations

import ctypes
import functools
from dataclasses import dataclass

import numpy as np

_NAMES = ("FPDFText_GetUnicode", "FPDFText_IsGenerated", "FPDFText_GetCharBox", "FPDFText_GetCharOrigin",
          "FPDFText_GetLooseCharBox", "FPDFText_GetFontSize", "FPDFText_GetTextObject")


@dataclass
class Glyphs:
    """Per text-page char index: what pdfium knows of the glyph."""
    code: np.ndarray  # uint32, UTF-16 unit
    generated: np.ndarray  # int8: pdfium inserted it (1), not (0), error (-1)
    box: np.ndarray  # float64 (n, 4): left, right, bottom, top (ink)
    origin: np.ndarray  # float64 (n, 2): x, y of the baseline origin
    loose: np.ndarray  # float32 (n, 4): left, top, right, bottom (the advance, font ascent to descent)
    size: np.ndarray  # float64: font size
    obj: np.ndarray  # uint64: the text object's address (a key)

    def __len__(self) -> int:
        return len(self.code)


def _empty(n: int) -> Glyphs:
    return Glyphs(np.zeros(n, np.uint32), np.zeros(n, np.int8), np.zeros((n, 4), np.float64),
                  np.zeros((n, 2), np.float64), np.zeros((n, 4), np.float32), np.zeros(n, np.float64),
                  np.zeros(n, np.uint64))


@functools.lru_cache(maxsize=1)
def _helper():
    """(C function, pdfium function pointers) or None when the helper was not built."""
    try:
        from importlib.util import find_spec

        spec = find_spec("extract.readers._glyphs")
        if spec is None or not spec.origin:
            return None
        lib = ctypes.CDLL(spec.origin)
        fn = lib.read_glyphs
    except (OSError, AttributeError, ImportError):
        return None
    import pypdfium2.raw as raw

    fn.restype = ctypes.c_int
    fn.argtypes = [ctypes.c_void_p, ctypes.c_int, ctypes.c_void_p] + [ctypes.c_void_p] * 7
    pointers = (ctypes.c_void_p * len(_NAMES))(*(ctypes.cast(getattr(raw, n), ctypes.c_void_p).value for n in _NAMES))
    return fn, pointers


def compiled() -> bool:
    """Is the bulk reader (the C helper) in use?"""
    return _helper() is not None


def read_glyphs(textpage, bulk: bool = True) -> Glyphs:
    """All glyphs of a pypdfium2 `PdfTextPage`."""
    n = textpage.count_chars()
    g = _empty(max(n, 0))
    if n <= 0:
        return g
    helper = _helper() if bulk else None
    if helper is not None:
        fn, pointers = helper
        tp = ctypes.cast(textpage.raw, ctypes.c_void_p)
        fn(tp, n, pointers, *(a.ctypes.data for a in (g.code, g.generated, g.box, g.origin, g.loose, g.size, g.obj)))
        return g
    _read_with_ctypes(textpage, n, g)
    return g


def _read_with_ctypes(textpage, n: int, g: Glyphs) -> None:
    import pypdfium2.raw as raw

    tp = textpage.raw
    l, b, r, t = (ctypes.c_double() for _ in range(4))
    ox, oy = ctypes.c_double(), ctypes.c_double()
    loose = raw.FS_RECTF()
    for i in range(n):
        g.code[i] = raw.FPDFText_GetUnicode(tp, i)
        g.generated[i] = raw.FPDFText_IsGenerated(tp, i)
        if raw.FPDFText_GetCharBox(tp, i, l, r, b, t):
            g.box[i] = (l.value, r.value, b.value, t.value)
        if raw.FPDFText_GetCharOrigin(tp, i, ox, oy):
            g.origin[i] = (ox.value, oy.value)
        if raw.FPDFText_GetLooseCharBox(tp, i, loose):
            g.loose[i] = (loose.left, loose.top, loose.right, loose.bottom)
        g.size[i] = raw.FPDFText_GetFontSize(tp, i)
        obj = raw.FPDFText_GetTextObject(tp, i)
        g.obj[i] = ctypes.cast(obj, ctypes.c_void_p).value or 0
