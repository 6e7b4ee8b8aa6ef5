"""Test helpers: build Documents from text in the seed format."""
from __future__ import annotations

import tempfile
from pathlib import Path

from extract.model import Document
from extract.readers.text import read_text
from extract.sections import sectionize

SHARED = Path(__file__).resolve().parents[1].parent / "shared"


def doc_from_text(text: str, doc_id: str = "test") -> Document:
    """A Document from text in the seed format (blank-line paragraphs, TSV tables, ¹ footnotes)."""
    with tempfile.NamedTemporaryFile("w", suffix=".txt", encoding="utf-8", delete=False) as f:
        f.write(text)
        p = Path(f.name)
    try:
        doc = read_text(p, doc_id, "test.txt")
    finally:
        p.unlink()
    sectionize(doc)
    return doc
