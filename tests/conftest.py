"""Shared fixtures: the bundled corpus extracted once per test session (analyst layer, review, notebooks)."""
from __future__ import annotations

from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
CORPUS = ROOT / "corpus"


@pytest.fixture(scope="session")
def corpus_outputs(tmp_path_factory) -> Path:
    """outputs/ of `python -m extract corpus` (all ten renderings: five reports as PDF and DOCX)."""
    from extract.cli import main as cli_main
    out = tmp_path_factory.mktemp("corpus_outputs")
    assert cli_main([str(CORPUS), "-o", str(out), "-j", "2", "--quiet"]) == 0
    return out
