"""Prove a speed change changed no extraction result: snapshot the outputs, then compare row for row.

    python scripts/compare_outputs.py snapshot DIR [-j 2] [--sets corpus,unseen,...]
    python scripts/compare_outputs.py compare BEFORE_DIR AFTER_DIR

`snapshot` runs `python -m extract` on every gold and test set (one output folder per set
under DIR). `compare` reads every table of every set from both folders and compares them
row for row, in order, every column except the measured time (`documents.seconds`) and the code's hash
(`documents.pipeline_version`).
Exit 0 when every table is identical, 1 otherwise (the first differing rows are printed).
"""
from __future__ import annotations

import argparse
import math
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
SHARED = ROOT.parent / "shared"

# measured or derived from the code, not extracted: the time a file took, and the hash of the
# extract/*.py and patterns/*.yaml sources (any code change changes it)
VOLATILE = {"documents": {"seconds", "pipeline_version"}}


def sets() -> dict[str, list[Path]]:
    out: dict[str, list[Path]] = {"corpus": [ROOT / "corpus"]}
    for d in sorted(ROOT.glob("tests/unseen*")):
        out[d.name] = [p for p in (d / "docs", d / "rendered") if p.is_dir()]
    for d in sorted((ROOT / "tests/realdev/rendered").glob("*")):
        if d.is_dir():
            out[f"realdev-{d.name}"] = [d]
    if (SHARED / "realdev/docs").is_dir():  # the published texts the renderings were made from
        out["realdev-txt"] = [SHARED / "realdev/docs"]
    if (ROOT / "tests/realtest/docs").is_dir():
        out["realtest"] = [ROOT / "tests/realtest/docs"]
    if (SHARED / "corpus-bad").is_dir():
        out["corpus-bad"] = [SHARED / "corpus-bad"]
    if (SHARED / "realfiles/files").is_dir():  # scans, e-office PDFs with stamped numbers (OCR: slow)
        out["realfiles"] = [SHARED / "realfiles/files"]
    return out


def snapshot(dest: Path, workers: int, only: set[str] | None) -> int:
    rc = 0
    for name, inputs in sets().items():
        if only and name not in only:
            continue
        out = dest / name
        cmd = [sys.executable, "-m", "extract", *map(str, inputs), "-o", str(out), "-j", str(workers), "--quiet"]
        print(f"{name}: {' '.join(cmd[3:])}", flush=True)
        r = subprocess.run(cmd, cwd=ROOT)
        if r.returncode != 0:
            print(f"{name}: exit {r.returncode}", flush=True)
            rc = 1
    return rc


def _same(a, b) -> bool:
    if isinstance(a, float) and isinstance(b, float):
        return a == b or (math.isnan(a) and math.isnan(b))
    return a == b


def compare_table(a: Path, b: Path, show: int = 5) -> list[str]:
    import pyarrow.parquet as pq

    ta, tb = pq.read_table(a), pq.read_table(b)
    name = a.stem
    if ta.schema.names != tb.schema.names:
        return [f"{name}: columns differ: {ta.schema.names} vs {tb.schema.names}"]
    cols = [c for c in ta.schema.names if c not in VOLATILE.get(name, set())]
    ra, rb = ta.select(cols).to_pylist(), tb.select(cols).to_pylist()
    msgs = []
    if len(ra) != len(rb):
        msgs.append(f"{name}: {len(ra)} rows before, {len(rb)} after")
    for i, (x, y) in enumerate(zip(ra, rb)):
        diff = {k: (x[k], y[k]) for k in cols if not _same(x[k], y[k])}
        if diff:
            msgs.append(f"{name} row {i}: " + "; ".join(f"{k}: {v[0]!r} -> {v[1]!r}"[:300] for k, v in diff.items()))
            if len(msgs) >= show:
                break
    return msgs


def compare(before: Path, after: Path) -> int:
    bad = 0
    n_tables = n_rows = 0
    for set_dir in sorted(p for p in before.iterdir() if p.is_dir()):
        other = after / set_dir.name
        if not other.is_dir():
            print(f"{set_dir.name}: missing in {after}")
            bad += 1
            continue
        names = {p.name for p in set_dir.glob("*.parquet")} | {p.name for p in other.glob("*.parquet")}
        for tname in sorted(names):
            a, b = set_dir / tname, other / tname
            if not (a.exists() and b.exists()):
                print(f"{set_dir.name}/{tname}: only in {'before' if a.exists() else 'after'}")
                bad += 1
                continue
            msgs = compare_table(a, b)
            n_tables += 1
            import pyarrow.parquet as pq
            n_rows += pq.ParquetFile(a).metadata.num_rows
            for m in msgs:
                print(f"{set_dir.name}/{m}")
            bad += bool(msgs)
    print(f"{n_tables} tables, {n_rows} rows compared: {'identical' if not bad else f'{bad} differ'}")
    return 1 if bad else 0


def main(argv=None) -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    sub = ap.add_subparsers(dest="cmd", required=True)
    s = sub.add_parser("snapshot")
    s.add_argument("dest", type=Path)
    s.add_argument("-j", type=int, default=2)
    s.add_argument("--sets", default="", help="comma-separated set names (default: all)")
    c = sub.add_parser("compare")
    c.add_argument("before", type=Path)
    c.add_argument("after", type=Path)
    a = ap.parse_args(argv)
    if a.cmd == "snapshot":
        return snapshot(a.dest, a.j, set(filter(None, a.sets.split(","))) or None)
    return compare(a.before, a.after)


if __name__ == "__main__":
    sys.exit(main())
