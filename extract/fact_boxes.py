"""`fact_boxes` rows: where each fact of a PDF is printed, one box per line of its span.

The boxes come from the glyph coordinates the PDF reader keeps (`Document.boxes_for`), in PDF points
with a top-left origin, so the review page can draw them on the rendered page image and an auditor
checks the figure where it is printed. Rows are keyed by (doc_id, table, char_start, char_end), the
same columns every fact row has.
"""
from __future__ import annotations

from .model import Document

FACT_TABLES = ("hoso", "tthc", "par_scores", "references", "indicators")


def box_rows(doc: Document, rows: dict[str, list[dict]]) -> list[dict]:
    boxes_for = getattr(doc, "boxes_for", None)
    if doc.source_format != "pdf" or boxes_for is None or getattr(doc, "char_boxes", None) is None:
        return []
    sizes = getattr(doc, "page_sizes", None) or []
    out: list[dict] = []
    seen: set[tuple] = set()
    for table in FACT_TABLES:
        for r in rows.get(table, []):
            start, end = r.get("char_start"), r.get("char_end")
            if start is None or end is None or end <= start or (table, start, end) in seen:
                continue
            seen.add((table, start, end))
            for page, x0, top, x1, bottom in boxes_for(start, end):
                size = sizes[page - 1] if 0 < page <= len(sizes) else None
                out.append({"doc_id": doc.doc_id, "table": table, "char_start": start, "char_end": end,
                            "page": page, "x0": float(x0), "top": float(top), "x1": float(x1),
                            "bottom": float(bottom), "page_width": float(size[0]) if size else None,
                            "page_height": float(size[1]) if size else None})
    return out
