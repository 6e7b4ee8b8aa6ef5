"""Held-out accuracy: the pipeline on reports it was not developed on.

Each set tests/<set>/ holds hand-written reports in the seed text format (docs/*.txt), their
renderings as DOCX and PDF (rendered/, built by scripts/build_corpus.py), their gold
(gold/*.json, same format and rules as ../shared/gold) and floors per rendering (floors.json:
{"txt": {...}, "docx": {...}, "pdf": {...}}). What each set exercises is in its README.md.
Scored with ../shared/eval/score.py. Floors only go up: raise them when the pipeline improves,
never lower them to make a change pass. A metric that is worse on docx/pdf than on txt points to
a reader (or header layout) problem.
"""
from __future__ import annotations

import importlib.util
import json
from pathlib import Path

import pytest

from extract.cli import main as cli_main

TESTS = Path(__file__).resolve().parent
SCORER = TESTS.parents[0].parent / "shared" / "eval" / "score.py"
SETS = ("unseen", "unseen2", "unseen3", "unseen4", "unseen5")
RENDERINGS = ("txt", "docx", "pdf")

pytestmark = pytest.mark.skipif(not SCORER.exists(), reason="needs ../shared/eval/score.py")


def _floors(name: str) -> dict[str, dict[str, float]]:
    return json.loads((TESTS / name / "floors.json").read_text("utf-8"))


def _inputs(name: str, rendering: str) -> list[Path]:
    if rendering == "txt":
        return sorted((TESTS / name / "docs").glob("*.txt"))
    return sorted((TESTS / name / "rendered").glob(f"*.{rendering}"))


def _scorer():
    spec = importlib.util.spec_from_file_location("cchc_score_heldout", SCORER)
    mod = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(mod)
    return mod


@pytest.fixture(scope="module", params=[(s, r) for s in SETS for r in RENDERINGS], ids=lambda p: f"{p[0]}-{p[1]}")
def scored(request, tmp_path_factory):
    name, rendering = request.param
    files = _inputs(name, rendering)
    assert files, f"no {rendering} inputs in {name}"
    out = tmp_path_factory.mktemp(f"{name}_{rendering}")
    assert cli_main([*(str(p) for p in files), "-o", str(out), "-j", "0", "--quiet"]) == 0
    summary, per_doc = _scorer().score(out, TESTS / name / "gold")
    return name, rendering, summary, per_doc


def _metric(summary: dict, key: str):
    table, _, stat = key.partition(".")
    v = summary[table]
    return v[stat] if stat else v


@pytest.mark.parametrize("name", SETS)
def test_every_rendering_covers_the_gold(name):
    golds = sorted(p.stem for p in (TESTS / name / "gold").glob("*.json"))
    assert len(golds) >= 8
    for rendering in RENDERINGS:
        assert sorted(p.stem for p in _inputs(name, rendering)) == golds, rendering


@pytest.mark.parametrize("name", SETS)
def test_every_rendering_has_floors(name):
    floors = _floors(name)
    for rendering in RENDERINGS:
        assert floors.get(rendering), f"{name}/floors.json has no floors for {rendering}"


def test_every_gold_document_has_output(scored):
    *_, summary, _ = scored
    assert not summary["gold_documents_without_output"]


def test_floors(scored):
    name, rendering, summary, per_doc = scored
    failures = []
    for key, floor in _floors(name).get(rendering, {}).items():
        got = _metric(summary, key)
        if got is None or got < floor:
            failures.append(f"{name} {rendering} {key}: {got} < floor {floor}")
    if failures:
        detail = []
        for d in per_doc:
            lines = [f"  document {w}" for w in d["document_wrong"]]
            for n in ("references", "tthc", "hoso", "par_scores", "indicators"):
                lines += [f"  {n} missed {m}" for m in d[n]["missed"]]
                lines += [f"  {n} extra {m}" for m in d[n]["extra"]]
            if lines:
                detail.append(d["source"] + "\n" + "\n".join(lines))
        pytest.fail("\n".join(failures) + "\n\n" + "\n".join(detail))
