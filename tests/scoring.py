"""Scoring with ../shared/eval/score.py, shared by the accuracy tests and scripts/heldout.py."""
from __future__ import annotations

import importlib.util
from dataclasses import dataclass
from pathlib import Path

from tests.helpers import SHARED

SCORER = SHARED / "eval" / "score.py"
TABLES = ("references", "tthc", "hoso", "par_scores", "indicators")
TESTS = Path(__file__).resolve().parent
RENDERINGS = ("txt", "docx", "pdf")
# the real development set: texts and gold in ../shared/realdev, renderings (scripts/render_realdev.py)
# and floors in tests/realdev
REALDEV_RENDERINGS = ("txt", "table-docx", "table-pdf", "flat-docx", "flat-pdf")


@dataclass(frozen=True)
class HeldoutSet:
    """A scored set: its folder under tests/ (floors.json, rendered/), its texts and gold, its renderings."""
    name: str
    folder: Path
    docs: Path
    gold: Path
    renderings: tuple[str, ...]


def heldout_set(name: str) -> HeldoutSet:
    """tests/<name> (docs/, gold/, rendered/*.docx|pdf), or 'realdev' (texts and gold in ../shared)."""
    if name == "realdev":
        real = SHARED / "realdev"
        return HeldoutSet(name, TESTS / name, real / "docs", real / "gold", REALDEV_RENDERINGS)
    if name == "realtest":  # the blind set of published texts (tests/realtest/README.md): text only
        folder = TESTS / name
        return HeldoutSet(name, folder, folder / "docs", folder / "gold", ("txt",))
    folder = TESTS / name
    return HeldoutSet(name, folder, folder / "docs", folder / "gold", RENDERINGS)


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


def heldout_inputs(folder: Path, rendering: str, docs: Path | None = None) -> list[Path]:
    """A held-out set's files in one rendering: docs/*.txt (or `docs`), rendered/*.docx|pdf, or
    rendered/<layout>/*.<ext> for a rendering named '<layout>-<ext>' ('table-pdf')."""
    if rendering == "txt":
        return sorted((docs or folder / "docs").glob("*.txt"))
    layout, _, ext = rendering.rpartition("-")
    return sorted((folder / "rendered" / layout).glob(f"*.{ext}"))


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
