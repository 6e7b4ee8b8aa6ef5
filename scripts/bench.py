"""Benchmark: speed and memory, reported as ratios measured in one run.

    python scripts/bench.py --corpus corpus --bad ../shared/corpus-bad

* PDF text: our reader (pypdfium2, tables off / on) against pdfplumber's
  `extract_text()` on the same files, in pages per second, and the ratio;
* end to end: `process_file` over the corpus (files/s, pages/s);
* batch: the isolated runner over corpus-bad (seconds, worst file);
* peak memory (max RSS of this process and of children).

Results go to stdout and to bench-results/bench.json. Never a timed test:
numbers vary with the machine; ratios measured side by side do not much.
"""
from __future__ import annotations

import argparse
import json
import resource
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from extract.batch import discover, run_batch  # noqa: E402
from extract.pipeline import process_file  # noqa: E402
from extract.readers.pdf import read_pdf  # noqa: E402
from extract.settings import Settings  # noqa: E402


def _time(fn, repeat: int = 3) -> float:
    best = float("inf")
    for _ in range(repeat):
        t = time.perf_counter()
        fn()
        best = min(best, time.perf_counter() - t)
    return best


def bench_pdf_text(pdfs: list[Path], repeat: int) -> dict:
    import pdfplumber

    pages = 0
    for p in pdfs:
        with pdfplumber.open(p) as pdf:
            pages += len(pdf.pages)

    def ours(tables: bool):
        s = Settings(tables=tables)
        for p in pdfs:
            read_pdf(p, "bench", p.name, settings=s)

    def plumber():
        for p in pdfs:
            with pdfplumber.open(p) as pdf:
                for page in pdf.pages:
                    page.extract_text()

    t_off = _time(lambda: ours(False), repeat)
    t_on = _time(lambda: ours(True), repeat)
    t_pl = _time(plumber, repeat)
    return {
        "files": len(pdfs), "pages": pages,
        "ours_tables_off_pages_per_s": round(pages / t_off, 1),
        "ours_tables_on_pages_per_s": round(pages / t_on, 1),
        "pdfplumber_extract_text_pages_per_s": round(pages / t_pl, 1),
        "speedup_vs_pdfplumber_tables_off": round(t_pl / t_off, 2),
        "speedup_vs_pdfplumber_tables_on": round(t_pl / t_on, 2),
        "seconds": {"ours_off": round(t_off, 3), "ours_on": round(t_on, 3), "pdfplumber": round(t_pl, 3)},
    }


def bench_end_to_end(files: list[Path], root: Path) -> dict:
    t = time.perf_counter()
    pages = 0
    for f in files:
        r = process_file(f, root)
        pages += sum(1 for _ in r.get("pages", []))
    dt = time.perf_counter() - t
    return {"files": len(files), "seconds": round(dt, 3), "files_per_s": round(len(files) / dt, 2),
            "pages_per_s": round(pages / dt, 1)}


def bench_bad(bad: Path, workers: int) -> dict:
    files = list(discover([bad]))
    times: dict[str, float] = {}
    t = time.perf_counter()
    stats = run_batch(files, Settings(workers=workers, timeout_s=60),
                      lambda r: times.update({d["source_path"]: d.get("seconds") or 0.0 for d in r["documents"]}))
    dt = time.perf_counter() - t
    worst = max(times.items(), key=lambda kv: kv[1]) if times else ("", 0)
    return {"files": len(files), "workers": workers, "seconds": round(dt, 2), "status": stats.status,
            "slowest_file": worst[0], "slowest_seconds": round(worst[1], 2)}


def main(argv=None) -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--corpus", type=Path, default=Path("corpus"))
    ap.add_argument("--bad", type=Path, default=None)
    ap.add_argument("--repeat", type=int, default=3)
    ap.add_argument("--workers", type=int, default=2)
    ap.add_argument("--out", type=Path, default=Path("bench-results/bench.json"))
    a = ap.parse_args(argv)
    pdfs = sorted(a.corpus.glob("*.pdf"))
    files = [p for p, _ in discover([a.corpus])]
    report = {"pdf_text": bench_pdf_text(pdfs, a.repeat) if pdfs else None,
              "end_to_end": bench_end_to_end(files, a.corpus)}
    if a.bad and a.bad.is_dir():
        report["corpus_bad_batch"] = bench_bad(a.bad, a.workers)
    # the in-process runs above (reader and end to end) bound one worker's memory
    report["peak_rss_mb_in_process"] = round(resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024, 1)
    a.out.parent.mkdir(parents=True, exist_ok=True)
    a.out.write_text(json.dumps(report, indent=2, ensure_ascii=False), "utf-8")
    print(json.dumps(report, indent=2, ensure_ascii=False))
    return 0


if __name__ == "__main__":
    sys.exit(main())
