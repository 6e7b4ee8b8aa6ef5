"""`cells` rows: every table cell the reader found, with its offsets into the document text, so the
review page (and an analyst) can show a table as a table rather than one cell per line."""
from __future__ import annotations

from .model import Document


def cell_rows(doc: Document) -> list[dict]:
    out = []
    for t in doc.tables:
        for i, row in enumerate(t.rows):
            for c in row:
                if not c.segments:
                    continue
                out.append({"doc_id": doc.doc_id, "table_index": t.index, "row_index": i,
                            "col_index": c.col if c.col is not None else 0, "header": i < t.header_rows,
                            "layout": bool(t.layout), "page": c.page,
                            "char_start": c.segments[0][0], "char_end": c.segments[-1][1], "text": c.text})
    return out
