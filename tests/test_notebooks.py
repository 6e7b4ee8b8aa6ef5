"""Notebooks run top to bottom on a real extraction (like medspaCy's test_notebooks)."""
from __future__ import annotations

import importlib.util
from pathlib import Path

import pytest

from extract.cli import main as cli_main

ROOT = Path(__file__).resolve().parents[1]
NOTEBOOKS = sorted((ROOT / "notebooks").glob("*.ipynb"))


def _runner():
    spec = importlib.util.spec_from_file_location("run_notebooks", ROOT / "scripts" / "run_notebooks.py")
    mod = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(mod)
    return mod


@pytest.fixture(scope="module")
def outputs(tmp_path_factory):
    out = tmp_path_factory.mktemp("nb_out")
    files = sorted((ROOT / "corpus").glob("*.docx"))[:3] or sorted((ROOT / "corpus").glob("*"))[:3]
    assert cli_main([*map(str, files), "-o", str(out), "-j", "0", "--quiet"]) == 0
    return out


@pytest.mark.parametrize("nb", NOTEBOOKS, ids=[p.name for p in NOTEBOOKS])
def test_notebook_runs(nb, outputs):
    _runner().run_notebook(nb, outputs)
