#!/usr/bin/env python3
"""Score the held-out sets (tests/unseen*/) and the real development set in each rendering, and
optionally raise their floors.

    .venv/bin/python scripts/heldout.py                   # every invented set, every rendering
    .venv/bin/python scripts/heldout.py unseen3 --details # one set, with misses per document
    .venv/bin/python scripts/heldout.py realdev --full    # the real set (make realdev): txt, table-docx,
                                                          # table-pdf, flat-docx, flat-pdf; P/R/F1 per table
    .venv/bin/python scripts/heldout.py --raise-floors    # floors.json := max(floor, measured, rounded down)

realdev reads ../shared/realdev/docs/*.txt and gold, and the renderings in tests/realdev/rendered/
(scripts/render_realdev.py). Floors only go up; tests/test_heldout.py checks them.
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
from tests.scoring import TABLES, heldout_inputs, heldout_set, load_scorer, metric, misses  # noqa: E402

METRICS = [f"{t}.{s}" for t in TABLES for s in ("f1", "precision")]
METRICS += ["document_accuracy", "reference_dates_accuracy", "hoso_periods_accuracy", "macro_f1"]


def full_report(summary: dict, indent: str = "    ") -> list[str]:
    """P/R/F1 and counts per table, document field accuracy and the fields below 1, macro F1."""
    out = [f"{indent}{'table':<12} {'P':>6} {'R':>6} {'F1':>6} {'tp':>5} {'fp':>5} {'fn':>5}"]
    for n in TABLES:
        s = summary[n]
        out.append(f"{indent}{n:<12} {s['precision']:>6.3f} {s['recall']:>6.3f} {s['f1']:>6.3f}"
                   f" {s['tp']:>5} {s['fp']:>5} {s['fn']:>5}")
    low = [f"{f} {v:.3f}" for f, v in summary["document_fields"].items() if v is not None and v < 1]
    out.append(f"{indent}document field accuracy {summary['document_accuracy']}"
               + (f"; below 1: {', '.join(low)}" if low else ""))
    out.append(f"{indent}reference dates {summary['reference_dates_accuracy']}  hoso periods "
               f"{summary['hoso_periods_accuracy']}  par ranks {summary['par_ranks_accuracy']}  "
               f"macro F1 {summary['macro_f1']}")
    return out


def main(argv=None) -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("sets", nargs="*", help="set names under tests/, or realdev (default: every tests/unseen*)")
    ap.add_argument("--details", action="store_true", help="print misses and extras per document")
    ap.add_argument("--full", action="store_true", help="print P/R/F1 per table and the document fields below 1")
    ap.add_argument("--raise-floors", action="store_true", help="raise floors.json to the measured values")
    a = ap.parse_args(argv)
    names = a.sets or sorted(p.name for p in (ROOT / "tests").glob("unseen*") if (p / "gold").is_dir())
    score = load_scorer().score
    for name in names:
        hs = heldout_set(name)
        floors_path = hs.folder / "floors.json"
        floors = json.loads(floors_path.read_text("utf-8")) if floors_path.exists() else {}
        width = max(len(r) for r in hs.renderings)
        for r in hs.renderings:
            inputs = heldout_inputs(hs.folder, r, hs.docs)
            if not inputs:
                print(f"{name:8} {r:{width}} no inputs (render them first)")
                continue
            with tempfile.TemporaryDirectory() as out:
                cli_main([*(str(p) for p in inputs), "-o", out, "-j", "0", "--quiet"])
                summary, per_doc = score(Path(out), hs.gold)
            got = {k: metric(summary, k) for k in METRICS}
            print(f"{name:8} {r:{width}} " + "  ".join(f"{k.replace('.precision', '.P').replace('.f1', '')}={v:.3f}"
                                                       for k, v in got.items() if v is not None), flush=True)
            if a.full:
                print("\n".join(full_report(summary)), flush=True)
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
