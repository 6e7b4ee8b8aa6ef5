"""The review page highlights every fact at its offsets."""
from __future__ import annotations

import re
from pathlib import Path

from extract.cli import main as cli_main
from extract.review import write_reviews

CORPUS = Path(__file__).resolve().parents[1] / "corpus"


def test_review_pages_mark_facts(tmp_path):
    src = CORPUS / "001_dc7f9cbbad7d2ffc.pdf"
    out = tmp_path / "out"
    assert cli_main([str(src), "-o", str(out), "-j", "0", "--quiet"]) == 0
    pages = write_reviews(out, tmp_path / "review")
    assert len(pages) == 1
    page = pages[0].read_text("utf-8")
    marks = re.findall(r'<mark id="f\d+" class="([^"]+)" title="([^"]+)">(.*?)</mark>', page, re.S)
    assert marks, "no highlighted facts"
    tips = " ".join(t for _, t, _ in marks)
    assert "par_scores: total = 87.303" in tips
    assert any("3895/QĐ-UBND" in text for _, _, text in marks)
    assert "— trang 2 —" in page
