"""PDF pages as PNG images (pdfium renders them), for the review page's boxes."""
from __future__ import annotations

from pathlib import Path

SCALE = 1.25  # 90 dpi: readable, a few hundred KB a page
MAX_PAGES = 200


def render_pages(pdf_path: Path, out_dir: Path, prefix: str, scale: float = SCALE) -> dict[int, tuple[str, float, float]]:
    """Write `out_dir/<prefix>p<N>.png` for each page; returns page -> (file name, width pt, height pt)."""
    import pypdfium2 as pdfium
    out_dir.mkdir(parents=True, exist_ok=True)
    pdf = pdfium.PdfDocument(str(pdf_path))
    try:
        out = {}
        for i in range(min(len(pdf), MAX_PAGES)):
            page = pdf[i]
            try:
                w, h = page.get_size()
                name = f"{prefix}p{i + 1}.png"
                bitmap = page.render(scale=scale)
                bitmap.to_pil().save(out_dir / name)
                out[i + 1] = (name, float(w), float(h))
            finally:
                page.close()
        return out
    finally:
        pdf.close()
