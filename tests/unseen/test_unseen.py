"""Held-out accuracy: the pipeline on reports it was not developed on (tests/unseen/docs).

Eight hand-written reports in the seed text format, from other issuers (UBND huyện/tỉnh,
Sở Tư pháp, Sở Nội vụ, Sở Y tế, Sở NN&PTNT, Sở TN&MT), provinces, document types and
periods, with their gold extraction in tests/unseen/gold (same format and rules as
../shared/gold). Scored with ../shared/eval/score.py; floors in tests/unseen/floors.json
only go up: raise them when the pipeline improves, never lower them to make a change pass.
"""
from __future__ import annotations

import importlib.util
import json
from pathlib import Path

import pytest

from extract.cli import main as cli_main

HERE = Path(__file__).resolve().parent
ROOT = HERE.parents[1]
DOCS = HERE / "docs"
GOLD = HERE / "gold"
SCORER = ROOT.parent / "shared" / "eval" / "score.py"
FLOORS = json.loads((HERE / "floors.json").read_text("utf-8"))

pytestmark = pytest.mark.skipif(not SCORER.exists(), reason="needs ../shared/eval/score.py")


def _scorer():
    spec = importlib.util.spec_from_file_location("cchc_score_unseen", SCORER)
    mod = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(mod)
    return mod


@pytest.fixture(scope="module")
def scored(tmp_path_factory):
    out = tmp_path_factory.mktemp("unseen")
    assert cli_main([str(DOCS), "-o", str(out), "-j", "0", "--quiet"]) == 0
    summary, per_doc = _scorer().score(out, GOLD)
    return summary, per_doc


def _metric(summary: dict, key: str):
    table, _, stat = key.partition(".")
    v = summary[table]
    return v[stat] if stat else v


def test_every_gold_document_has_output(scored):
    summary, _ = scored
    golds = sorted(p.stem for p in GOLD.glob("*.json"))
    docs = sorted(p.stem for p in DOCS.glob("*.txt"))
    assert golds == docs and len(docs) == 8
    assert not summary["gold_documents_without_output"]


def test_floors(scored):
    summary, per_doc = scored
    failures = []
    for key, floor in FLOORS.items():
        got = _metric(summary, key)
        if got is None or got < floor:
            failures.append(f"{key}: {got} < floor {floor}")
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
