#!/usr/bin/env python3
"""Score the held-out sets (tests/unseen*/) in each rendering, and optionally raise their floors.

    .venv/bin/python scripts/heldout.py                   # every set, every rendering
    .venv/bin/python scripts/heldout.py unseen3 --details # one set, with misses per document
    .venv/bin/python scripts/heldout.py --raise-floors    # floors.json := max(floor, measured, rounded down)

Floors only go up; tests/test_heldout.py checks them.
"""
from __future__ import annotations

import argparse
import json
import math
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from extract.cli import main as cli_main  # noqa: E402
from tests.scoring import TABLES, heldout_inputs, load_scorer, metric, misses  # noqa: E402

RENDERINGS = ("txt", "docx", "pdf")
METRICS = [f"{t}.{s}" for t in TABLES for s in ("f1", "precision")]
METRICS += ["document_accuracy", "reference_dates_accuracy", "hoso_periods_accuracy", "macro_f1"]


def main(argv=None) -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("sets", nargs="*", help="set names under tests/ (default: every tests/unseen*)")
    ap.add_argument("--details", action="store_true", help="print misses and extras per document")
    ap.add_argument("--raise-floors", action="store_true", help="raise floors.json to the measured values")
    a = ap.parse_args(argv)
    names = a.sets or sorted(p.name for p in (ROOT / "tests").glob("unseen*") if (p / "gold").is_dir())
    score = load_scorer().score
    for name in names:
        folder = ROOT / "tests" / name
        floors_path = folder / "floors.json"
        floors = json.loads(floors_path.read_text("utf-8")) if floors_path.exists() else {}
        for r in RENDERINGS:
            with tempfile.TemporaryDirectory() as out:
                cli_main([*(str(p) for p in heldout_inputs(folder, r)), "-o", out, "-j", "0", "--quiet"])
                summary, per_doc = score(Path(out), folder / "gold")
            got = {k: metric(summary, k) for k in METRICS}
            print(f"{name:8} {r:4} " + "  ".join(f"{k.replace('.precision', '.P').replace('.f1', '')}={v:.3f}"
                                                 for k, v in got.items() if v is not None))
            if a.details:
                for block in misses(per_doc, "    "):
                    print("  " + block)
            if a.raise_floors:
                fl = floors.setdefault(r, {})
                for k, v in got.items():
                    if v is not None:
                        fl[k] = max(fl.get(k, 0.0), math.floor(v * 100 + 1e-9) / 100)
        if a.raise_floors:
            floors_path.write_text(json.dumps(floors, indent=1) + "\n", "utf-8")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
