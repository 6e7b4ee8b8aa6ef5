"""Scoring with ../shared/eval/score.py, shared by the accuracy tests and scripts/heldout.py."""
from __future__ import annotations

import importlib.util
from pathlib import Path

from tests.helpers import SHARED

SCORER = SHARED / "eval" / "score.py"
TABLES = ("references", "tthc", "hoso", "par_scores", "indicators")


def load_scorer():
    """The scorer module (it is a script in ../shared, not a package)."""
    spec = importlib.util.spec_from_file_location("cchc_score", SCORER)
    mod = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(mod)
    return mod


def metric(summary: dict, key: str):
    """"hoso.f1" -> summary["hoso"]["f1"]; "macro_f1" -> summary["macro_f1"]."""
    table, _, stat = key.partition(".")
    v = summary[table]
    return v[stat] if stat else v


def heldout_inputs(folder: Path, rendering: str) -> list[Path]:
    """A held-out set's files in one rendering: docs/*.txt, or rendered/*.docx|pdf."""
    if rendering == "txt":
        return sorted((folder / "docs").glob("*.txt"))
    return sorted((folder / "rendered").glob(f"*.{rendering}"))


def misses(per_doc: list[dict], indent: str = "  ") -> list[str]:
    """Per document: its wrong fields and the missed / extra rows of each table."""
    out = []
    for d in per_doc:
        lines = [f"{indent}document {w}" for w in d["document_wrong"]]
        for n in TABLES:
            lines += [f"{indent}{n} missed {m}" for m in d[n]["missed"]]
            lines += [f"{indent}{n} extra {m}" for m in d[n]["extra"]]
        if lines:
            out.append(d["source"] + "\n" + "\n".join(lines))
    return out
