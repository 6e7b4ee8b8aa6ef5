"""Held-out accuracy: the pipeline on reports it was not developed on.

Each set tests/<set>/ holds hand-written reports in the seed text format (docs/*.txt), their
renderings as DOCX and PDF (rendered/, built by scripts/build_corpus.py), their gold
(gold/*.json, same format and rules as ../shared/gold) and floors per rendering (floors.json:
{"txt": {...}, "docx": {...}, "pdf": {...}}). What each set exercises is in its README.md.
The real development set (realdev: published documents, texts and gold in ../shared/realdev)
has its renderings in tests/realdev/rendered/{table,flat}/ (scripts/render_realdev.py) and
floors for txt, table-docx, table-pdf, flat-docx and flat-pdf in tests/realdev/floors.json.
Scored with ../shared/eval/score.py. Floors only go up: raise them when the pipeline improves,
never lower them to make a change pass. A metric that is worse on docx/pdf than on txt points to
a reader (or header layout) problem.
"""
from __future__ import annotations

import json
from pathlib import Path

import pytest

from extract.cli import main as cli_main
from tests.scoring import SCORER, heldout_inputs, heldout_set, load_scorer, metric, misses

SETS = ("unseen", "unseen2", "unseen3", "unseen4", "unseen5", "realdev", "realtest")

pytestmark = pytest.mark.skipif(not SCORER.exists(), reason="needs ../shared/eval/score.py")


def _floors(name: str) -> dict[str, dict[str, float]]:
    return json.loads((heldout_set(name).folder / "floors.json").read_text("utf-8"))


def _inputs(name: str, rendering: str) -> list[Path]:
    hs = heldout_set(name)
    return heldout_inputs(hs.folder, rendering, hs.docs)


@pytest.fixture(scope="module", params=[(s, r) for s in SETS for r in heldout_set(s).renderings],
                ids=lambda p: f"{p[0]}-{p[1]}")
def scored(request, tmp_path_factory):
    name, rendering = request.param
    files = _inputs(name, rendering)
    assert files, f"no {rendering} inputs in {name}"
    out = tmp_path_factory.mktemp(f"{name}_{rendering}")
    assert cli_main([*(str(p) for p in files), "-o", str(out), "-j", "0", "--quiet"]) == 0
    summary, per_doc = load_scorer().score(out, heldout_set(name).gold)
    return name, rendering, summary, per_doc


@pytest.mark.parametrize("name", SETS)
def test_every_rendering_covers_the_gold(name):
    hs = heldout_set(name)
    golds = sorted(p.stem for p in hs.gold.glob("*.json"))
    assert len(golds) >= 6
    for rendering in hs.renderings:
        assert sorted(p.stem for p in _inputs(name, rendering)) == golds, rendering


@pytest.mark.parametrize("name", SETS)
def test_every_rendering_has_floors(name):
    floors = _floors(name)
    for rendering in heldout_set(name).renderings:
        assert floors.get(rendering), f"{name}/floors.json has no floors for {rendering}"


def test_every_gold_document_has_output(scored):
    *_, summary, _ = scored
    assert not summary["gold_documents_without_output"]


def test_floors(scored):
    name, rendering, summary, per_doc = scored
    failures = []
    for key, floor in _floors(name).get(rendering, {}).items():
        got = metric(summary, key)
        if got is None or got < floor:
            failures.append(f"{name} {rendering} {key}: {got} < floor {floor}")
    if failures:
        pytest.fail("\n".join(failures) + "\n\n" + "\n".join(misses(per_doc)))
