"""Review pages: every fact shown (overlaps too), tables as tables, an index, names unique by path,
PDF page images with boxes."""
from __future__ import annotations

import re
import shutil
from pathlib import Path

import pandas as pd
import pytest

from extract.cli import main as cli_main
from extract.review import page_name, write_reviews
from extract.review.data import FACT_TABLES

CORPUS = Path(__file__).resolve().parents[1] / "corpus"


@pytest.fixture(scope="module")
def reviewed(corpus_outputs, tmp_path_factory):
    out = tmp_path_factory.mktemp("review")
    pages = write_reviews(corpus_outputs, out, roots=[CORPUS])
    return out, {p.name: p.read_text("utf-8") for p in pages}


def _marked_ids(page: str) -> set[str]:
    text = page.split('<section id="text">', 1)[1].split("</section>", 1)[0]
    return {i for ids in re.findall(r'class="m [^"]*" data-f="([^"]+)"', text) for i in ids.split()}


def test_every_fact_is_marked_overlaps_included(reviewed, corpus_outputs):
    _, pages = reviewed
    docs = pd.read_parquet(corpus_outputs / "documents.parquet").set_index("source_path")
    for name in ("002_f22bba41d68000d2.pdf.html", "002_f22bba41d68000d2.docx.html", "004_1e1e34f3142d21c9.pdf.html"):
        did = docs.loc[name.removesuffix(".html"), "doc_id"]
        n = sum(int((pd.read_parquet(corpus_outputs / f"{t}.parquet", columns=["doc_id"])["doc_id"] == did).sum())
                for t in FACT_TABLES)
        page = pages[name]
        assert len(re.findall(r'<li class="t-', page)) == n
        assert len(_marked_ids(page)) == n, f"{name}: {n} facts, {len(_marked_ids(page))} marked"
        assert f"{n}</span> of {n} facts shown ({n} marked in the text)" in page


def test_overlapping_facts_share_a_stretch(reviewed):
    _, pages = reviewed
    page = pages["002_f22bba41d68000d2.pdf.html"]
    assert re.search(r'class="m [^"]*n2[^"]*" data-f="\d+ \d+', page), "no stretch carries two facts"


def test_tables_are_tables(reviewed):
    _, pages = reviewed
    page = pages["002_f22bba41d68000d2.docx.html"]
    tables = re.findall(r'<table class="cells"[^>]*>(.*?)</table>', page, re.S)
    assert tables, "no data table drawn"
    biggest = max(tables, key=len)
    assert biggest.count("<tr>") >= 5 and "<th>" in biggest and biggest.count("<td>") >= 10


def test_index_lists_every_document(reviewed, corpus_outputs):
    out, _ = reviewed
    index = (out / "index.html").read_text("utf-8")
    docs = pd.read_parquet(corpus_outputs / "documents.parquet")
    for sp in docs["source_path"]:
        assert f'href="{sp}.html"' in index
    assert 'id="q"' in index and "one per report" in index


def test_pdf_pages_are_images(reviewed):
    out, pages = reviewed
    page = pages["001_dc7f9cbbad7d2ffc.pdf.html"]
    srcs = re.findall(r'<img src="([^"]+)"', page)
    assert len(srcs) == 4 and all((out / s).exists() for s in srcs)
    assert "<img" not in pages["001_dc7f9cbbad7d2ffc.docx.html"]


def test_pdf_facts_have_boxes(reviewed, corpus_outputs):
    boxes = pd.read_parquet(corpus_outputs / "fact_boxes.parquet")
    docs = pd.read_parquet(corpus_outputs / "documents.parquet")
    pdf_ids = set(docs.loc[docs["source_format"] == "pdf", "doc_id"])
    assert set(boxes["doc_id"]) == pdf_ids
    assert ((boxes["x1"] > boxes["x0"]) & (boxes["bottom"] > boxes["top"])).all()
    assert (boxes["x1"] <= boxes["page_width"] + 1).all() and (boxes["bottom"] <= boxes["page_height"] + 1).all()
    page = reviewed[1]["001_dc7f9cbbad7d2ffc.pdf.html"]
    assert len(re.findall(r'<div class="box t-', page)) >= 10


def test_names_are_unique_by_path(tmp_path):
    inp = tmp_path / "in"
    for sub, src in (("a", "000_9e5233dfb45dc5a0.docx"), ("b", "004_1e1e34f3142d21c9.docx")):
        (inp / sub).mkdir(parents=True)
        shutil.copy(CORPUS / src, inp / sub / "report.docx")
    out = tmp_path / "out"
    assert cli_main([str(inp), "-o", str(out), "-j", "0", "--quiet", "--only", "header,references"]) == 0
    pages = write_reviews(out, tmp_path / "review")
    assert sorted(p.name for p in pages) == ["a__report.docx.html", "b__report.docx.html"]
    assert "Quảng Ngãi" in pages[0].read_text("utf-8") and "Cao Bằng" in pages[1].read_text("utf-8")


def test_page_name_clashes():
    taken: set[str] = set()
    assert page_name("x/y.pdf", "abcdef1234", taken) == "x__y.pdf.html"
    assert page_name("x__y.pdf", "0123456789", taken) == "x__y.pdf.01234567.html"
    assert page_name("../../etc/index", "0", taken) == "etc__index.html"
    assert page_name("index", "9876543210", taken) == "index.98765432.html"
