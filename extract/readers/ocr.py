"""OCR for scanned pages: Tesseract's own API (tesserocr) with the Vietnamese model from Debian.

A PDF page without a text layer is rendered with pypdfium2 at the resolution
Tesseract wants for body text (300 dpi), in grayscale, and read in one call to
a Tesseract engine that stays loaded in the process (one per worker: the model
is loaded once, not once per page). `OMP_THREAD_LIMIT=1`: one page per worker
core, the batch runs the workers side by side. The words come back with their
boxes, grouped by Tesseract into blocks, paragraphs and lines, which become the
same paragraphs the text-layer path produces.

The engine is the `tesserocr` wheel (pinned in pyproject.toml); the model is the
Debian package tesseract-ocr-vie (`make system-deps`), found in the usual tessdata
folders or `TESSDATA_PREFIX`. Without tesserocr the `tesseract` program is run
once per page instead. Without the Vietnamese model a scanned page stays empty
and the file is reported as having no text layer. Nothing is downloaded.
"""
from __future__ import annotations

import csv
import functools
import glob
import io
import os
import shutil
import subprocess
import tempfile
from dataclasses import dataclass
from pathlib import Path

os.environ.setdefault("OMP_THREAD_LIMIT", "1")  # read by Tesseract's OpenMP runtime when it loads

OCR_DPI = 300
OCR_TIMEOUT_S = 120
LANG = "vie"
TESSDATA_DIRS = ("/usr/share/tesseract-ocr/*/tessdata", "/usr/share/tessdata", "/usr/local/share/tessdata")


@functools.lru_cache(maxsize=1)
def tessdata_dir() -> str | None:
    """The folder holding vie.traineddata: TESSDATA_PREFIX, else Debian's and the usual places."""
    candidates = [os.environ["TESSDATA_PREFIX"]] if os.environ.get("TESSDATA_PREFIX") else []
    for pattern in TESSDATA_DIRS:
        candidates += sorted(glob.glob(pattern), reverse=True)  # the newest Tesseract version first
    for d in candidates:
        if (Path(d) / f"{LANG}.traineddata").is_file():
            return str(d).rstrip("/") + "/"
    return None


@functools.lru_cache(maxsize=1)
def _tesserocr():
    try:
        import tesserocr
    except ImportError:
        return None
    return tesserocr


@functools.lru_cache(maxsize=1)
def _cli_available() -> bool:
    exe = shutil.which("tesseract")
    if not exe:
        return False
    try:
        out = subprocess.run([exe, "--list-langs"], capture_output=True, text=True, timeout=20)
    except (OSError, subprocess.TimeoutExpired):
        return False
    return LANG in out.stdout.split()


def available() -> bool:
    """Can scanned pages be read (Tesseract and its Vietnamese model are here)?"""
    if _tesserocr() is not None and tessdata_dir() is not None:
        return True
    return _cli_available()


@functools.lru_cache(maxsize=1)
def _engine():
    """The process's Tesseract engine, loaded on the first scanned page and kept."""
    t = _tesserocr()
    return t.PyTessBaseAPI(path=tessdata_dir(), lang=LANG, psm=t.PSM.AUTO)


@dataclass
class OcrWord:
    text: str
    x0: float  # PDF points, origin top-left (as rendered)
    top: float
    x1: float
    bottom: float
    conf: float
    line: tuple[int, int, int]  # Tesseract's (block, paragraph, line)


def render(page, dpi: int = OCR_DPI):
    """The page as a grayscale image at `dpi`."""
    return page.render(scale=dpi / 72, grayscale=True).to_pil().convert("L")


def ocr_page(page, dpi: int = OCR_DPI) -> list[OcrWord]:
    """OCR one pypdfium2 page: its words with their boxes, in PDF points."""
    image = render(page, dpi)
    if _tesserocr() is not None and tessdata_dir() is not None:
        engine = _engine()
        engine.SetImage(image)
        engine.SetSourceResolution(dpi)
        tsv = engine.GetTSVText(0)
        engine.Clear()
        return _words(tsv, dpi, header=False)
    with tempfile.TemporaryDirectory(prefix="cchc_ocr_") as tmp:
        png = Path(tmp) / "page.png"
        image.save(png)
        proc = subprocess.run(["tesseract", str(png), "stdout", "-l", LANG, "--psm", "3", "--dpi", str(dpi), "tsv"],
                              capture_output=True, timeout=OCR_TIMEOUT_S, env={**os.environ, "OMP_THREAD_LIMIT": "1"})
    return _words(proc.stdout.decode("utf-8", "replace"), dpi, header=True)


def image_text(image, psm: int) -> str:
    """The plain text Tesseract reads in an image (a band of a page, not a whole page), with page
    segmentation mode `psm` (6: one uniform block of text); the process's engine, or the program."""
    t = _tesserocr()
    if t is not None and tessdata_dir() is not None:
        engine = _engine()
        engine.SetPageSegMode(psm)
        try:
            engine.SetImage(image)
            return engine.GetUTF8Text()
        finally:
            engine.Clear()
            engine.SetPageSegMode(t.PSM.AUTO)
    with tempfile.TemporaryDirectory(prefix="cchc_ocr_") as tmp:
        png = Path(tmp) / "image.png"
        image.save(png)
        proc = subprocess.run(["tesseract", str(png), "stdout", "-l", LANG, "--psm", str(psm)],
                              capture_output=True, timeout=OCR_TIMEOUT_S, env={**os.environ, "OMP_THREAD_LIMIT": "1"})
    return proc.stdout.decode("utf-8", "replace")


_TSV_COLUMNS = ["level", "page_num", "block_num", "par_num", "line_num", "word_num", "left", "top", "width",
                "height", "conf", "text"]


def _words(tsv: str, dpi: int, header: bool) -> list[OcrWord]:
    """Tesseract's TSV (the API's has no header row) -> words in PDF points."""
    rows = csv.DictReader(io.StringIO(tsv), delimiter="\t", quoting=csv.QUOTE_NONE,
                          fieldnames=None if header else _TSV_COLUMNS)
    k = 72 / dpi
    words = []
    for r in rows:
        text = (r.get("text") or "").strip()
        if r.get("level") != "5" or not text:
            continue
        left, top, w, h = (int(r[c]) for c in ("left", "top", "width", "height"))
        words.append(OcrWord(text, left * k, top * k, (left + w) * k, (top + h) * k, float(r["conf"]),
                             (int(r["block_num"]), int(r["par_num"]), int(r["line_num"]))))
    return words


def line_segments(words: list[OcrWord], gap_factor: float = 2.0) -> list[tuple[tuple[int, int], list[str], int]]:
    """Tesseract lines cut where a wide gap separates columns (the two-column header block).

    Returns (paragraph key, words, segment index within the line) in reading order.
    """
    lines: dict[tuple[int, int, int], list[OcrWord]] = {}
    for w in words:
        lines.setdefault(w.line, []).append(w)
    out = []
    for key, ws in sorted(lines.items()):
        ws.sort(key=lambda w: w.x0)
        height = max(1.0, sorted(w.bottom - w.top for w in ws)[len(ws) // 2])
        seg: list[str] = [ws[0].text]
        n = 0
        for prev, w in zip(ws, ws[1:]):
            if w.x0 - prev.x1 > gap_factor * height:
                out.append(((key[0], key[1]), seg, n))
                seg, n = [], n + 1
            seg.append(w.text)
        out.append(((key[0], key[1]), seg, n))
    return out
