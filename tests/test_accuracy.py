"""Accuracy floors on the bundled corpus, per rendering, measured with ../shared/eval/score.py.

Renderings: corpus/*.pdf and corpus/*.docx, and the same reports set in other font families
(tests/fonts/<Family>/*.pdf, built by scripts/refont_corpus.py): a PDF reader that rebuilds words
and lines from glyph geometry must not depend on Times New Roman's metrics.

The floors live in tests/accuracy_floors.json and only go up: raise them when
the pipeline improves, never lower them to make a change pass.
"""
from __future__ import annotations

import json
from pathlib import Path

import pytest

from extract.cli import main as cli_main
from tests.helpers import SHARED
from tests.scoring import SCORER, load_scorer, metric

ROOT = Path(__file__).resolve().parents[1]
CORPUS = ROOT / "corpus"
FLOORS = json.loads((Path(__file__).with_name("accuracy_floors.json")).read_text("utf-8"))

pytestmark = pytest.mark.skipif(not SCORER.exists() or not CORPUS.is_dir(), reason="needs ../shared and corpus/")


FONTS = ROOT / "tests" / "fonts"
RENDERINGS = {"pdf": sorted(CORPUS.glob("*.pdf")), "docx": sorted(CORPUS.glob("*.docx")),
              **{f"pdf-{d.name}": sorted(d.glob("*.pdf")) for d in sorted(FONTS.iterdir()) if d.is_dir()}}


@pytest.fixture(scope="module", params=sorted(RENDERINGS))
def scored(request, tmp_path_factory):
    fmt = request.param
    files = sorted(RENDERINGS[fmt])
    assert files, f"no files for {fmt}"
    out = tmp_path_factory.mktemp(f"acc_{fmt}")
    assert cli_main([*map(str, files), "-o", str(out), "-j", "2", "--quiet"]) == 0
    summary, _ = load_scorer().score(out, SHARED / "gold")
    return fmt, summary


def test_floors(scored):
    fmt, summary = scored
    assert not summary["gold_documents_without_output"]
    failures = []
    for key, floor in FLOORS[fmt if fmt in FLOORS else "pdf"].items():
        got = metric(summary, key)
        if got is None or got < floor:
            failures.append(f"{fmt} {key}: {got} < floor {floor}")
    assert not failures, "\n".join(failures)
