"""OCR for scanned pages: Tesseract (Debian packages tesseract-ocr, tesseract-ocr-vie).

A PDF page without a text layer is rendered with pypdfium2 and read by
`tesseract ... -l vie tsv`; its words come back with their boxes, grouped by
Tesseract into blocks, paragraphs and lines, which become the same runs and
paragraphs the text-layer path produces. Nothing is downloaded: the
Vietnamese model comes with the Debian package. Without Tesseract (or its
Vietnamese data) a scanned page stays empty and the file is reported as
having no text layer.
"""
from __future__ import annotations

import csv
import functools
import io
import shutil
import subprocess
import tempfile
from dataclasses import dataclass
from pathlib import Path

OCR_DPI = 200
OCR_TIMEOUT_S = 120
LANG = "vie"


@functools.lru_cache(maxsize=1)
def available() -> bool:
    exe = shutil.which("tesseract")
    if not exe:
        return False
    try:
        out = subprocess.run([exe, "--list-langs"], capture_output=True, text=True, timeout=20)
    except (OSError, subprocess.TimeoutExpired):
        return False
    return LANG in out.stdout.split()


@dataclass
class OcrWord:
    text: str
    x0: float  # PDF points, origin top-left (as rendered)
    top: float
    x1: float
    bottom: float
    conf: float
    line: tuple[int, int, int]  # Tesseract's (block, paragraph, line)


def ocr_page(page, dpi: int = OCR_DPI) -> list[OcrWord]:
    """OCR one pypdfium2 page: its words with their boxes, in PDF points."""
    image = page.render(scale=dpi / 72).to_pil().convert("L")
    with tempfile.TemporaryDirectory(prefix="cchc_ocr_") as tmp:
        png = Path(tmp) / "page.png"
        image.save(png)
        proc = subprocess.run(["tesseract", str(png), "stdout", "-l", LANG, "--psm", "3", "tsv"],
                              capture_output=True, timeout=OCR_TIMEOUT_S)
    rows = csv.DictReader(io.StringIO(proc.stdout.decode("utf-8", "replace")), delimiter="\t",
                          quoting=csv.QUOTE_NONE)
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
