"""PDF reader specifics: pdfplumber only on pages with ruling lines; settings validated."""
from __future__ import annotations

from pathlib import Path

import pytest

from extract.readers import pdf as pdf_reader
from extract.settings import Settings

CORPUS = Path(__file__).resolve().parents[2] / "corpus"
pytestmark = pytest.mark.skipif(not list(CORPUS.glob("*.pdf")), reason="corpus/ not built")


def _count_table_calls(monkeypatch, path: Path, tables: bool = True) -> tuple[int, object]:
    calls = []
    real = pdf_reader._find_tables

    def spy(page, height):
        calls.append(page.page_number)
        return real(page, height)

    monkeypatch.setattr(pdf_reader, "_find_tables", spy)
    doc = pdf_reader.read_pdf(path, "t", path.name, settings=Settings(tables=tables))
    return len(calls), doc


def test_table_free_pdf_costs_no_table_time(monkeypatch):
    n, doc = _count_table_calls(monkeypatch, CORPUS / "001_dc7f9cbbad7d2ffc.pdf")
    assert n == 0 and doc.tables == []


def test_only_pages_with_tables_are_searched(monkeypatch):
    n, doc = _count_table_calls(monkeypatch, CORPUS / "002_f22bba41d68000d2.pdf")
    table_pages = {p for t in doc.tables for p in t.pages}
    assert 0 < n <= len(table_pages) + 1 < doc.page_count


def test_tables_off_means_no_tables(monkeypatch):
    n, doc = _count_table_calls(monkeypatch, CORPUS / "002_f22bba41d68000d2.pdf", tables=False)
    assert n == 0 and doc.tables == []


def test_page_numbers_are_not_text_blocks():
    doc = pdf_reader.read_pdf(CORPUS / "000_9e5233dfb45dc5a0.pdf", "t", "x")
    assert not any(b.text.strip().isdigit() for b in doc.blocks if b.location == "body")


@pytest.mark.parametrize("bad", [{"workers": -1}, {"timeout_s": 0}, {"memory_mb": 10}, {"max_pages": 0}])
def test_settings_are_validated(bad):
    with pytest.raises(ValueError):
        Settings(**bad)


def test_settings_resolve_rejects_unknown_keys():
    assert Settings.resolve({"workers": 1}).workers == 1
    with pytest.raises(ValueError, match="unknown setting"):
        Settings.resolve({"wrokers": 1})


DATA = Path(__file__).with_name("data")


def test_glyphs_beyond_the_bmp_are_whole_characters():
    """pdfium reports UTF-16 units; an emoji or math letter is one character, never a lone surrogate."""
    doc = pdf_reader.read_pdf(DATA / "non_bmp_glyphs.pdf", "t", "non_bmp_glyphs.pdf")
    doc.text.encode("utf-8")  # would raise on a lone surrogate
    assert "😀" in doc.text and "Tiếp nhận 120 hồ sơ" in doc.text


def test_word_gaps_from_glyph_advances_not_ink():
    """DejaVu Sans draws "1" with wide side bearings: the ink gap inside "111" looks like a space,
    the advance boxes touch. Numbers and symbols stay whole."""
    doc = pdf_reader.read_pdf(DATA / "dejavu_sans_numbers.pdf", "t", "dejavu_sans_numbers.pdf")
    assert "Số: 112/BC-SKHCN" in doc.text
    assert "ngày 11 tháng 11 năm 2021" in doc.text
    assert "tiếp nhận 1.119 hồ sơ" in doc.text


def test_font_size_scaled_by_the_text_matrix():
    """"1 Tf" with the size in the text matrix (cairo, many OCR tools): pdfium reports size 1;
    the size drawn comes from the glyph box, so words are not spaced out letter by letter."""
    doc = pdf_reader.read_pdf(DATA / "text_matrix_scaled_tf1.pdf", "t", "text_matrix_scaled_tf1.pdf")
    assert "Tiep nhan 120 ho so, da giai quyet 100 ho so dung han." in doc.text


def test_ruling_lines_come_from_pdfium_not_pdfminer(monkeypatch):
    """Tables are found on the edges of pdfium's path objects: pdfplumber never opens the bundled PDFs,
    and the cells are those pdfplumber finds on its own."""
    import pdfplumber

    path = CORPUS / "002_f22bba41d68000d2.pdf"
    with pdfplumber.open(path) as plumber:
        expected = {i + 1: [t.cells for t in p.find_tables(pdf_reader.pdf_tables.TABLE_SETTINGS)]
                    for i, p in enumerate(plumber.pages)}
    opened = []
    monkeypatch.setattr(pdfplumber, "open", lambda *a, **k: opened.append(a) or pytest.fail("pdfplumber opened"))
    found = {}
    real = pdf_reader._find_tables

    def spy(source, height):
        assert source.edges is not None
        found[source.page_number] = [t.cells for t in source.tables()]
        return real(source, height)

    monkeypatch.setattr(pdf_reader, "_find_tables", spy)
    doc = pdf_reader.read_pdf(path, "t", path.name)
    assert doc.tables and not opened
    for page, cells in found.items():
        assert len(cells) == len(expected[page])
        for mine, theirs in zip(cells, expected[page]):
            assert len(mine) == len(theirs)
            for a, b in zip(mine, theirs):
                assert all(abs(u - v) < 0.01 for u, v in zip(a, b))
    assert {p for p, c in expected.items() if c} <= set(found)


@pytest.mark.parametrize("name", ["002_f22bba41d68000d2.pdf", "003_2fbed6697f9b9048.pdf"])
def test_cells_from_intersections_are_pdfplumbers(name):
    """`pdf_tables.intersections_to_cells` gives pdfplumber's own cells, in its order, on every ruled page."""
    import pypdfium2 as pdfium
    from pdfplumber.table import TableSettings, edges_to_intersections, intersections_to_cells, merge_edges
    from pdfplumber.utils import filter_edges

    tables = pdf_reader.pdf_tables
    s = TableSettings.resolve(tables.TABLE_SETTINGS)
    pdf = pdfium.PdfDocument(str(CORPUS / name))
    checked = 0
    try:
        for i in range(len(pdf)):
            page = pdf[i]
            paths = tables.page_paths(page, page.get_height())
            if not paths.ruled or not paths.edges:
                continue
            merged = merge_edges(list(filter_edges(paths.edges, "v")) + list(filter_edges(paths.edges, "h")),
                                 s.snap_x_tolerance, s.snap_y_tolerance, s.join_x_tolerance, s.join_y_tolerance)
            points = edges_to_intersections(filter_edges(merged, min_length=s.edge_min_length),
                                            s.intersection_x_tolerance, s.intersection_y_tolerance)
            theirs = intersections_to_cells(points)
            assert tables.intersections_to_cells(points) == theirs
            checked += bool(theirs)
    finally:
        pdf.close()
    assert checked
