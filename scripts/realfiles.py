#!/usr/bin/env python3
"""Run the pipeline over the real published files (../shared/realfiles/files: scans, Word 97 .doc,
e-office PDFs, blank templates) and score the document header against header_gold.jsonl.

    .venv/bin/python scripts/realfiles.py                     # extract (-j 2, OCR on) and score
    .venv/bin/python scripts/realfiles.py --details           # and the wrong fields of every file
    .venv/bin/python scripts/realfiles.py -o /tmp/rf --reuse  # score an earlier run's outputs again

Values are compared as ../shared/eval/score.py compares document fields (NFC, "Ð" -> "Đ", spaces,
casefold; numbers without spaces; dates as ISO). Printed:
  * per-field accuracy over the files whose gold value is not null;
  * "number, type and date where the page prints them": doc_number, doc_type and issue_date over
    the files whose gold value is not null (and per text layer: yes / no / mixed / garbage);
  * false inventions: a value output where the gold is null (a blank template must get no number
    or date), per field, and for the blank templates alone.
`make realfiles` runs it.
"""
from __future__ import annotations

import argparse
import json
import sys
import tempfile
import time
from collections import defaultdict
from pathlib import Path

import pandas as pd

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from extract.cli import main as cli_main  # noqa: E402
from tests.helpers import SHARED  # noqa: E402
from tests.scoring import load_scorer  # noqa: E402

REALFILES = SHARED / "realfiles"
FIELDS = ("doc_number", "doc_type", "title", "issue_place", "issue_date", "issue_year", "issue_month",
          "agency", "province", "signer", "signer_title", "signing_authority")
PRINTED = ("doc_number", "doc_type", "issue_date")  # what the page prints: the first thing an archive needs


def load_gold(path: Path) -> dict[str, dict]:
    return {g["file"]: g for g in (json.loads(l) for l in path.read_text("utf-8").splitlines() if l.strip())}


def outputs_by_file(outputs: Path) -> tuple[dict[str, dict], dict[str, list[str]]]:
    """documents rows by file name, and the errors table's messages by file name."""
    docs = pd.read_parquet(outputs / "documents.parquet")
    rows = {Path(str(r["source_path"])).name: r.to_dict() for _, r in docs.iterrows()}
    errors: dict[str, list[str]] = defaultdict(list)
    err_path = outputs / "errors.parquet"
    if err_path.exists():
        err = pd.read_parquet(err_path)
        for _, r in err.iterrows():
            name = Path(str(r.get("source_path", ""))).name
            errors[name].append(f"{r.get('error_type', '')} {r.get('stage', '')}: {str(r.get('message', ''))[:120]}")
    return rows, errors


def compare(gold: dict[str, dict], rows: dict[str, dict]):
    """Per file: field -> (gold, got, equal) with the scorer's normalisation."""
    sc = load_scorer()
    result = {}
    for name, g in gold.items():
        row = rows.get(name)
        per = {}
        for f in FIELDS:
            want = sc.norm_scalar(g.get(f))
            got = None if row is None else sc.norm_scalar(row.get(f))
            if f == "doc_number":
                want, got = sc.norm_number(want), sc.norm_number(got)
            per[f] = (want, got, want == got)
        result[name] = per
    return result


def report(gold: dict[str, dict], rows: dict[str, dict], errors: dict[str, list[str]], details: bool) -> dict:
    cmp = compare(gold, rows)
    lines = [f"realfiles: {len(gold)} files, {sum(n in rows for n in gold)} with a documents row"]
    lines.append(f"{'field':<18} {'accuracy':>8} {'right':>6} {'of':>4} {'invented':>9} {'of null':>8}")
    summary = {"fields": {}}
    for f in FIELDS:
        known = [c[f] for c in cmp.values() if c[f][0] is not None]
        null = [c[f] for c in cmp.values() if c[f][0] is None]
        right = sum(eq for _, _, eq in known)
        invented = sum(got is not None for _, got, _ in null)
        acc = right / len(known) if known else None
        summary["fields"][f] = {"accuracy": acc, "right": right, "of": len(known), "invented": invented,
                                "null": len(null)}
        lines.append(f"{f:<18} {acc if acc is None else f'{acc:.3f}':>8} {right:>6} {len(known):>4}"
                     f" {invented:>9} {len(null):>8}")
    hits = total = 0
    by_layer: dict[str, list[int]] = defaultdict(lambda: [0, 0])
    for name, c in cmp.items():
        for f in PRINTED:
            want, _, eq = c[f]
            if want is None:
                continue
            total += 1
            hits += eq
            layer = by_layer[str(gold[name].get("text_layer"))]
            layer[0] += eq
            layer[1] += 1
    ntd = hits / total if total else None
    summary["printed"] = ntd
    per_field = ", ".join(f"{f} {summary['fields'][f]['accuracy']:.3f}" for f in PRINTED)
    lines.append(f"number, type and date where the page prints them: {ntd:.3f} ({hits}/{total}; {per_field})")
    lines.append("  by text layer: " + ", ".join(f"{k} {a}/{b}" for k, (a, b) in sorted(by_layer.items())))
    blanks = [n for n, g in gold.items() if g.get("is_blank_template")]
    blank_inv = defaultdict(int)
    for n in blanks:
        for f in FIELDS:
            want, got, _ = cmp[n][f]
            if want is None and got is not None:
                blank_inv[f] += 1
    summary["invented_total"] = sum(v["invented"] for v in summary["fields"].values())
    lines.append(f"false inventions (a value where the gold is null): {summary['invented_total']}; "
                 f"on the {len(blanks)} blank templates: "
                 + (", ".join(f"{f} {k}" for f, k in blank_inv.items()) or "none"))
    if details:
        for name in sorted(gold):
            c = cmp[name]
            wrong = [f"{f}: got {got!r} want {want!r}" for f, (want, got, eq) in c.items()
                     if not eq and not (want is None and got is None)]
            row = rows.get(name)
            status = "no documents row" if row is None else f"status {row.get('status')}, text {row.get('text_source')}"
            layer = gold[name].get("text_layer")
            blank = " blank-template" if gold[name].get("is_blank_template") else ""
            lines.append(f"== {name} ({status}, text layer {layer}{blank})")
            lines += [f"   {w}" for w in wrong]
            if details and (row is None or row.get("status") != "ok"):
                lines += [f"   error {e}" for e in errors.get(name, [])[:5]]
    print("\n".join(lines), flush=True)
    return summary


def main(argv=None) -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--files", type=Path, default=REALFILES / "files")
    ap.add_argument("--gold", type=Path, default=REALFILES / "header_gold.jsonl")
    ap.add_argument("-o", "--outputs", type=Path, help="keep the outputs here (default: a temporary folder)")
    ap.add_argument("--reuse", action="store_true", help="score the outputs already in --outputs, do not extract")
    ap.add_argument("-j", "--workers", type=int, default=2)
    ap.add_argument("--timeout", type=float, default=1800, help="seconds per file (OCR of a 20-page scan is slow)")
    ap.add_argument("--details", action="store_true", help="the wrong fields of every file")
    ap.add_argument("--json", type=Path, help="write the summary as JSON here")
    a = ap.parse_args(argv)
    gold = load_gold(a.gold)
    with tempfile.TemporaryDirectory() as tmp:
        out = a.outputs or Path(tmp)
        if not a.reuse:
            t0 = time.monotonic()
            rc = cli_main([str(a.files), "-o", str(out), "-j", str(a.workers), "--timeout", str(a.timeout), "--quiet"])
            print(f"extracted {len(gold)} files in {time.monotonic() - t0:.0f} s (exit {rc})", flush=True)
        rows, errors = outputs_by_file(out)
        summary = report(gold, rows, errors, a.details)
    if a.json:
        a.json.write_text(json.dumps(summary, indent=1, ensure_ascii=False) + "\n", "utf-8")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
