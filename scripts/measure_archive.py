"""Measure archive runs on N generated files: work kept after kill -9, peak memory, engine throughput.

    python scripts/measure_archive.py --files 2000 --work /tmp/measure [--steps kill,clean,dask]

Steps (each runs the CLI in a subprocess, -j 2, default settings) over the archive `make bench` measures
(`scripts/bench_archive.py`: distinct documents varied from the bundled reports, text PDFs, DOCX and scans;
the unchanged `--incremental` re-run is measured there):

* `kill`: a run is killed with SIGKILL (its whole process group) once ~30% of the files are
  journalled; the share of files kept is read from the journal; then the same command is run
  again: how many files it processed, its time and its parent's peak memory;
* `clean`: a clean local run (files/s, the parent's peak memory);
* `dask`: the same files with `--engine dask` (a LocalCluster of 2 worker processes): files/s.

The parent's peak memory is its own VmHWM (workers are separate processes). Results are printed
and written to WORK/results-N.json. Not a test: the numbers depend on the machine and its load.
"""
from __future__ import annotations

import argparse
import json
import os
import re
import signal
import sqlite3
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from scripts import bench_archive  # noqa: E402

WRAPPER = ("import atexit, re, sys, time\n"
           "t0 = time.time()\n"
           "def report():\n"
           "    hwm = int(re.search(r'VmHWM:\\s+(\\d+)', open('/proc/self/status').read()).group(1)) / 1024\n"
           "    print(f'PEAK_PARENT_MB {hwm:.1f} WALL_S {time.time() - t0:.1f}', file=sys.stderr)\n"
           "atexit.register(report)\n"
           "from extract.cli import main\n"
           "sys.exit(main(sys.argv[1:]))\n")


def start(args: list, log: Path) -> subprocess.Popen:
    return subprocess.Popen([sys.executable, "-c", WRAPPER] + [str(a) for a in args], cwd=ROOT,
                            stdout=subprocess.DEVNULL, stderr=open(log, "w"), start_new_session=True)


def finish(proc: subprocess.Popen, log: Path) -> dict:
    proc.wait()
    text = log.read_text(errors="replace")
    m = re.search(r"PEAK_PARENT_MB ([\d.]+) WALL_S ([\d.]+)", text)
    files = re.search(r"\n(\d+) file\(s\) in ([\d.]+) s", text)
    return {"exit": proc.returncode, "parent_peak_mb": float(m.group(1)) if m else None,
            "wall_s": float(m.group(2)) if m else None,
            "files_processed": int(files.group(1)) if files else None,
            "summary": [ln for ln in text.splitlines() if "file(s) in" in ln or ln.startswith("error")][-1:]}


def journalled(out: Path) -> int:
    db = out / ".cchc" / "journal.sqlite"
    if not db.exists():
        return 0
    try:
        con = sqlite3.connect(db, timeout=60)
        try:
            return con.execute("SELECT count(*) FROM entries").fetchone()[0]
        finally:
            con.close()
    except sqlite3.Error:
        return 0


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--files", type=int, default=2000)
    ap.add_argument("--work", type=Path, default=Path("/tmp/cchc-measure"))
    ap.add_argument("--steps", default="kill,clean,dask")
    ap.add_argument("-j", "--workers", type=int, default=2)
    a = ap.parse_args(argv)
    n, work = a.files, a.work
    steps = a.steps.split(",")
    archive = work / f"archive{n}"
    bench_archive.build(archive, n)
    res: dict = {"files": n, "workers": a.workers}
    common = ["-j", a.workers]

    if "kill" in steps:
        out = work / f"out{n}"
        t0 = time.time()
        proc = start([archive, "-o", out] + common, work / "kill.log")
        while journalled(out) < 0.3 * n and proc.poll() is None:
            time.sleep(0.5)
        os.killpg(proc.pid, signal.SIGKILL)
        proc.wait()
        killed_after = time.time() - t0
        time.sleep(2)
        kept = journalled(out)
        rerun = finish(start([archive, "-o", out] + common, work / "resume.log"), work / "resume.log")
        res["kill"] = {"killed_after_s": round(killed_after, 1), "journalled_at_kill": kept,
                       "share_kept": round(kept / n, 3), "rerun": rerun,
                       "rerun_redid": rerun["files_processed"]}
        print(json.dumps(res["kill"]), flush=True)
    if "clean" in steps:
        out = work / f"clean{n}"
        r = finish(start([archive, "-o", out] + common, work / "clean.log"), work / "clean.log")
        r["files_per_s"] = round(n / r["wall_s"], 3) if r["wall_s"] else None
        res["clean"] = r
        print(json.dumps(r), flush=True)
    if "dask" in steps:
        out = work / f"dask{n}"
        r = finish(start([archive, "-o", out, "--engine", "dask"] + common, work / "dask.log"), work / "dask.log")
        r["files_per_s"] = round(n / r["wall_s"], 3) if r["wall_s"] else None
        res["dask"] = r
        print(json.dumps(r), flush=True)
    (work / f"results-{n}.json").write_text(json.dumps(res, indent=1))
    print(json.dumps(res, indent=1))
    return 0


if __name__ == "__main__":
    sys.exit(main())
