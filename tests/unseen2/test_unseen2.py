"""Second held-out accuracy set: reports the pipeline was not developed on (tests/unseen2/docs).

Eight hand-written reports in the seed text format, deliberately unlike ../shared/seeds and
tests/unseen: a ministry report (Bộ TT&TT, ministry PAR INDEX with its own component wording and
maxima, SIPAS/DTI/PAPI distractors); a Quyết định publishing the departments' PAR INDEX with an annex
table of agencies x component scores; a thành phố thuộc tỉnh quarterly report with dossiers by level
x channel (Tổng số / Trực tuyến / Trực tiếp / Bưu chính) in a split table; a post-merger 2025 report
(Tuyên Quang); a draft with real-world symbol typos ("QĐ/UBND", "QĐ - UBND", "SKH&ĐT"), blank number
and day, "6 tháng năm 2024", "Quý II.2024"; a province report with toàn tỉnh / cấp tỉnh / cấp huyện /
cấp xã paragraphs; a Kế hoạch reporting last year's actuals before its targets (with a target
column in its annex); a Thông báo citing Party documents, a Thông tư liên tịch, Luật số .../QH13
and a "Công văn ngày 05 tháng 01 năm 2024 số ..." citation. Gold in tests/unseen2/gold (same
format and rules as ../shared/gold). Scored with ../shared/eval/score.py; floors in
tests/unseen2/floors.json only go up: raise them when the pipeline improves, never lower them to
make a change pass.

Each report is scored in three renderings, each against the same gold:
  * txt  - tests/unseen2/docs/<stem>.txt (the text reader);
  * docx - tests/unseen2/rendered/<stem>.docx, laid out by scripts/build_corpus.py;
  * pdf  - tests/unseen2/rendered/<stem>.pdf, that DOCX converted by LibreOffice.
floors.json holds one set of floors per rendering: {"txt": {...}, "docx": {...}, "pdf": {...}}.
Rebuild the renderings after editing a .txt:

    .venv/bin/python scripts/build_corpus.py --seeds tests/unseen2/docs \\
        --out tests/unseen2/rendered --headers tests/unseen2/src/headers.yaml
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
RENDERED = HERE / "rendered"
GOLD = HERE / "gold"
SCORER = ROOT.parent / "shared" / "eval" / "score.py"
RENDERINGS = ("txt", "docx", "pdf")

pytestmark = pytest.mark.skipif(not SCORER.exists(), reason="needs ../shared/eval/score.py")


def _floors() -> dict[str, dict[str, float]]:
    raw = json.loads((HERE / "floors.json").read_text("utf-8"))
    if not any(k in raw for k in RENDERINGS):  # the older flat file: txt floors only
        raw = {"txt": raw}
    return raw


FLOORS = _floors()


def _inputs(rendering: str) -> list[Path]:
    if rendering == "txt":
        return sorted(DOCS.glob("*.txt"))
    return sorted(RENDERED.glob(f"*.{rendering}"))


def _scorer():
    spec = importlib.util.spec_from_file_location("cchc_score_unseen2", SCORER)
    mod = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(mod)
    return mod


@pytest.fixture(scope="module", params=RENDERINGS)
def scored(request, tmp_path_factory):
    rendering = request.param
    files = _inputs(rendering)
    assert files, f"no {rendering} inputs"
    out = tmp_path_factory.mktemp(f"unseen2_{rendering}")
    assert cli_main([*(str(p) for p in files), "-o", str(out), "-j", "0", "--quiet"]) == 0
    summary, per_doc = _scorer().score(out, GOLD)
    return rendering, summary, per_doc


def _metric(summary: dict, key: str):
    table, _, stat = key.partition(".")
    v = summary[table]
    return v[stat] if stat else v


def test_every_rendering_covers_the_gold():
    golds = sorted(p.stem for p in GOLD.glob("*.json"))
    assert len(golds) == 8
    for rendering in RENDERINGS:
        assert sorted(p.stem for p in _inputs(rendering)) == golds, rendering


def test_every_rendering_has_floors():
    for rendering in RENDERINGS:
        assert FLOORS.get(rendering), f"floors.json has no floors for {rendering}"


def test_every_gold_document_has_output(scored):
    _, summary, _ = scored
    assert not summary["gold_documents_without_output"]


def test_floors(scored):
    rendering, summary, per_doc = scored
    failures = []
    for key, floor in FLOORS.get(rendering, {}).items():
        got = _metric(summary, key)
        if got is None or got < floor:
            failures.append(f"{rendering} {key}: {got} < floor {floor}")
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
