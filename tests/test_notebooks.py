"""Notebooks run top to bottom in a real Jupyter kernel (nbclient) on the bundled corpus, draw their
plots, and leave an executed HTML copy (a build artifact)."""
from __future__ import annotations

import importlib.util
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
NOTEBOOKS = sorted((ROOT / "notebooks").glob("*.ipynb"))


def _runner():
    spec = importlib.util.spec_from_file_location("run_notebooks", ROOT / "scripts" / "run_notebooks.py")
    mod = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(mod)
    return mod


def test_there_are_notebooks():
    assert NOTEBOOKS


@pytest.mark.parametrize("nb", NOTEBOOKS, ids=[p.name for p in NOTEBOOKS])
def test_notebook_runs_and_plots(nb, corpus_outputs, tmp_path):
    r = _runner().run_notebook(nb, corpus_outputs, tmp_path)
    outputs = [o for c in r["nb"].cells if c.cell_type == "code" for o in c.get("outputs", [])]
    assert not [o for o in outputs if o.get("output_type") == "error"]
    assert len(r["plots"]) >= 6, "a plot per comparison"
    assert all(p.stat().st_size > 5000 for p in r["plots"])
    html = r["html"].read_text("utf-8")
    assert "data:image/png;base64" in html and "Comparing provinces" in html
    text = " ".join(str(o.get("data", {}).get("text/plain", "")) + str(o.get("text", "")) for o in outputs)
    assert "resolved_on_time_or_early" in text and "evidence spans checked" in text


def test_saved_notebooks_carry_no_outputs():
    import nbformat
    for nb in NOTEBOOKS:
        cells = nbformat.read(nb, as_version=4).cells
        assert not any(c.get("outputs") for c in cells if c.cell_type == "code"), f"clear the outputs of {nb.name}"
