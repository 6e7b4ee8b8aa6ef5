"""The review page in a real browser (headless Chromium, Debian's chromium + chromium-driver, via
Selenium): clicking a fact marks its quote in the text (and its box on a PDF page)."""
from __future__ import annotations

import os
import re
from pathlib import Path

import pytest

from extract.review import write_reviews
from extract.review.browser import executables

CORPUS = Path(__file__).resolve().parents[1] / "corpus"

if executables() is None:
    if os.environ.get("CI"):
        pytest.fail("CI installs chromium and chromium-driver (.ci/run); they are missing", pytrace=False)
    pytest.skip("chromium and chromium-driver are not installed (apt-get install chromium chromium-driver)",
                allow_module_level=True)


@pytest.fixture(scope="module")
def browser():
    from extract.review.browser import Browser
    with Browser() as b:
        yield b


@pytest.fixture(scope="module")
def review_dir(corpus_outputs, tmp_path_factory):
    out = tmp_path_factory.mktemp("review_browser")
    write_reviews(corpus_outputs, out, roots=[CORPUS])
    return out


def _squash(s: str) -> str:
    return re.sub(r"\s+", "", s)


def _overlapping_fact(driver) -> str:
    """A fact whose stretch of text is shared with another fact (these were dropped before)."""
    return driver.execute_script("""
        const el = [...document.querySelectorAll('#text .m.n2')].find(e => e.dataset.f.split(' ').length > 1);
        return el.dataset.f.split(' ')[1];""")


@pytest.mark.parametrize("page", ["002_f22bba41d68000d2.pdf.html", "002_f22bba41d68000d2.docx.html"])
def test_click_marks_the_quote(browser, review_dir, page):
    browser.open(review_dir / page)
    d = browser.driver
    fid = _overlapping_fact(d)
    browser.click_fact(fid)
    quote = d.execute_script(f"return document.querySelector('#list li[data-f=\"{fid}\"]').dataset.quote")
    assert _squash(browser.marked_text()) == _squash(quote)
    colour = d.execute_script("return getComputedStyle(document.querySelector('#text .m.sel')).backgroundColor")
    assert colour == "rgb(255, 90, 54)"
    assert d.execute_script("return document.body.dataset.selected") == fid
    assert _squash(d.find_element("css selector", "#selected blockquote").text) == _squash(quote)


def test_click_marks_the_box_on_the_page(browser, review_dir):
    browser.open(review_dir / "001_dc7f9cbbad7d2ffc.pdf.html")
    d = browser.driver
    fid = d.execute_script("return document.querySelector('.box').dataset.f.split(' ')[0]")
    browser.click_fact(fid)
    assert d.execute_script("return document.querySelectorAll('.box.sel').length") >= 1
    assert d.execute_script("const r = document.querySelector('.box.sel').getBoundingClientRect();"
                            "return r.width > 2 && r.height > 2")


def test_filter_and_search(browser, review_dir):
    browser.open(review_dir / "002_f22bba41d68000d2.pdf.html")
    d = browser.driver
    total = int(d.find_element("id", "shown").text)
    d.find_element("css selector", 'input[name=table][value="references"]').click()
    without_refs = int(d.find_element("id", "shown").text)
    assert 0 < without_refs < total
    assert d.execute_script("return [...document.querySelectorAll('#text .m.t-references')].length") == 0
    d.find_element("id", "q").send_keys("received")
    shown = int(d.find_element("id", "shown").text)
    assert 0 < shown < without_refs


def test_index_search(browser, review_dir):
    browser.open(review_dir / "index.html")
    d = browser.driver
    d.find_element("id", "q").send_keys("sóc trăng")
    assert d.find_element("id", "shown").text == "2"
    d.find_element("id", "primary").click()
    assert d.find_element("id", "shown").text == "1"
