"""Readers on the bundled corpus: footnotes, page-break joins, multi-page tables, offsets.

The bundled PDF/DOCX files are renderings of ../shared/seeds; a paragraph the
PDF cut across a page (or across the footnote area) must read exactly as the
seed's sentence again.
"""
from __future__ import annotations

import re
from pathlib import Path

import pytest

from extract import open_document
from extract.model import Block
from extract.normalize import SUPERSCRIPT_CHARS, clean_text

CORPUS = Path(__file__).resolve().parents[2] / "corpus"
FILES = sorted(CORPUS.glob("*.pdf")) + sorted(CORPUS.glob("*.docx"))
pytestmark = pytest.mark.skipif(not FILES, reason="corpus/ not built")


def _squash(s: str) -> str:
    s = re.sub(rf"[{SUPERSCRIPT_CHARS}*]", "", clean_text(s))
    s = re.sub(r"<[^>]+>", "", s)
    return re.sub(r"\s+", "", s)  # the renderer may re-wrap lines; compare without whitespace


@pytest.fixture(scope="module")
def docs():
    return {p.name: open_document(p) for p in FILES}


@pytest.mark.parametrize("ext", ["pdf", "docx"])
def test_sentence_cut_by_footnotes_reads_as_one(docs, ext):
    d = docs[f"000_9e5233dfb45dc5a0.{ext}"]
    hits = [b for b in d.body_blocks() if "03 phòng chuyên môn, nghiệp vụ thuộc Sở, gồm" in re.sub(r"\s+", " ", b.text)]
    assert len(hits) == 1


@pytest.mark.parametrize("ext", ["pdf", "docx"])
def test_footnotes_are_separate_blocks_with_labels(docs, ext):
    d = docs[f"000_9e5233dfb45dc5a0.{ext}"]
    notes = [b for b in d.blocks if b.kind == "footnote"]
    labels = [b.footnote_label for b in notes]
    assert labels == [str(i) for i in range(1, 13)]
    first = notes[0]
    assert "2170/KH-SKHCCN" in first.text
    assert not any("2170/KH-SKHCCN" in b.text for b in d.body_blocks())
    # the marker stays attached to its word as a superscript, never merged into the number
    body = " ".join(b.text for b in d.body_blocks())
    assert "năm 2023¹." in body and "20231." not in body


def test_pdf_paragraphs_cut_by_page_breaks_read_like_the_docx(docs):
    """Each PDF paragraph that spans pages equals a whole paragraph of the DOCX it was rendered from."""
    joined = 0
    for name, d in docs.items():
        if not name.endswith(".pdf"):
            continue
        source = {_squash(b.text) for b in docs[name[:-4] + ".docx"].body_blocks()}
        for b in d.body_blocks():
            if len({p for p in b.pages}) > 1:
                joined += 1
                assert _squash(b.text) in source, f"{name}: badly joined block: {b.text[:120]!r}"
    assert joined >= 3, "the bundled PDFs should contain paragraphs that a page break cut"


@pytest.mark.parametrize("ext", ["pdf", "docx"])
def test_appendix_table_is_one_table_without_repeated_headers(docs, ext):
    d = docs[f"002_f22bba41d68000d2.{ext}"]
    big = max(d.tables, key=lambda t: len(t.rows))
    labels = [r[1].text if len(r) > 1 else "" for r in big.rows[big.header_rows:]]
    assert "Chỉ tiêu thống kê" not in labels
    assert any(lbl.startswith("Tổng số văn bản đi") for lbl in labels)
    assert any("lũy" in lbl and "kể đến thời điểm báo cáo)" in lbl and "chi đầu tư" in lbl for lbl in labels)
    if ext == "pdf":
        assert len(set(big.pages)) > 1


@pytest.mark.parametrize("name", [p.name for p in FILES])
def test_block_offsets_point_into_page_text(docs, name):
    d = docs[name]
    text = d.text
    for b in d.blocks:
        for (s, e) in b.segments:
            assert 0 <= s <= e <= len(text)
        pieces = [text[s:e] for s, e in b.segments]
        assert b.text == Block.join(pieces)
    if d.source_format == "pdf":
        assert [p.number for p in d.pages] == list(range(1, d.page_count + 1))
