"""Benchmark: speed and memory, as ratios measured side by side in one run (never a timed test).

    python scripts/bench.py --corpus corpus --bad ../shared/corpus-bad [--sizes 200,2000]
    make bench                       # BENCH_SIZES=200,2000 by default; BENCH_SIZES=200 for a quick run

Sections (all in one run, on this machine):

* bundled PDFs: the pypdfium2 floor (`get_text_range`), pdfplumber `extract_text` and this
  project (reader alone, and end to end: `process_file`) on the same files; pages/s and ratios.
* tables: the pages the table finder looked at against the pages that draw ruling lines
  (found independently with pdfplumber), and reading time with tables on against off on
  documents that draw none.
* OCR: pages of a bundled report rendered as a 200 dpi scan; Tesseract alone (page rendered
  at 300 dpi grayscale, one `tesseract` call, OMP_THREAD_LIMIT=1) against this project reading
  the scan, page by page, interleaved, best of 2 each; CPU time (the process and its children:
  both run one thread) is the measure, wall time is shown; characters right against the
  text-layer twin.
* archives of 200 and 2,000 generated distinct documents (text PDFs, DOCX, scans:
  `scripts/bench_archive.py`), each run through the command line with 2 workers: documents/s,
  pages/s, peak RSS of the parent and of the largest worker; the unchanged `--incremental`
  re-run and the re-run after 1% of the files changed, as shares of the first run; the
  floor, pdfplumber and this project on the same sample of the archive's text PDFs.
* corpus-bad: the isolated batch over malformed files (seconds, slowest file).

Single-process comparisons use CPU time (this process and its children): the machine is
shared, and CPU time is what one core gives each method; wall time is shown beside it. The
archive runs use wall time. Results: stdout and bench-results/bench.json.
"""
from __future__ import annotations

import argparse
import json
import os
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
CODE = Path(os.environ.get("BENCH_CODE", HERE.parent)).resolve()  # the project tree being measured
sys.path.insert(0, str(CODE))
sys.path.insert(1, str(HERE))

from bench_tools import Clock, TreePeaks, char_accuracy, squash  # noqa: E402

TARGETS = {
    "text_pdf_vs_pdfplumber_min": 5.0,  # end to end, x pdfplumber extract_text
    "floor_vs_text_pdf_max": 10.0,  # pypdfium2 floor / end to end
    "ocr_vs_tesseract_max": 1.25,
    "memory_growth_max": 1.2,  # peak RSS at the largest size / at the smallest
    "unchanged_rerun_share_max": 0.05,
    "rule_free_tables_on_vs_off_max": 1.10,
}


def log(msg: str) -> None:
    print(msg, file=sys.stderr, flush=True)


# --- text PDFs: floor, pdfplumber, ours ---------------------------------------------------

def _floor(pdfs: list[Path]) -> int:
    import pypdfium2 as pdfium

    n = 0
    for p in pdfs:
        pdf = pdfium.PdfDocument(str(p))
        for i in range(len(pdf)):
            page = pdf[i]
            tp = page.get_textpage()
            tp.get_text_range()
            tp.close()
            page.close()
            n += 1
        pdf.close()
    return n


def _plumber(pdfs: list[Path]) -> int:
    import pdfplumber

    n = 0
    for p in pdfs:
        with pdfplumber.open(str(p)) as pdf:
            for page in pdf.pages:
                page.extract_text()
                n += 1
    return n


def _ours_reader(pdfs: list[Path]) -> int:
    from extract.readers.pdf import read_pdf
    from extract.settings import Settings

    s = Settings()
    return sum(len(read_pdf(p, "bench", p.name, settings=s).pages) for p in pdfs)


def clear_text_caches() -> int:
    """Empty every bounded cache of the project (those keyed by a text: folds, sentence spans, numbers,
    kinds, cells, syllables, ...), so a timed repeat sees the documents as new, as a worker sees the next
    file of an archive. Rule files and compiled patterns (unbounded or single-entry caches) stay loaded:
    a worker loads them once. Returns how many caches were emptied."""
    n = 0
    for name, mod in list(sys.modules.items()):
        if not (name == "extract" or name.startswith("extract.")):
            continue
        for obj in list(vars(mod).values()):
            info = getattr(obj, "cache_info", None)
            if callable(info) and getattr(obj, "__module__", None) == name:
                size = obj.cache_parameters().get("maxsize")
                if size is not None and size > 1:
                    obj.cache_clear()
                    n += 1
    return n


def _ours_end_to_end(pdfs: list[Path]) -> int:
    from extract.pipeline import process_file

    clear_text_caches()
    n = 0
    for p in pdfs:
        r = process_file(p, p.parent)
        n += len(r.get("pages", []))
    return n


def compare_text_pdfs(pdfs: list[Path], repeat: int, plumber_repeat: int | None = None) -> dict:
    """Pages/s of each method on the same files (best of `repeat`, interleaved)."""
    methods = {"pypdfium2_floor": _floor, "pdfplumber_extract_text": _plumber, "ours_reader": _ours_reader,
               "ours_end_to_end": _ours_end_to_end}
    _ours_end_to_end(pdfs[:1])  # imports, rules loaded: not part of the per-page cost
    best: dict[str, Clock] = {}
    pages: dict[str, int] = {}
    for r in range(repeat):
        for name, fn in methods.items():
            if name == "pdfplumber_extract_text" and r >= (plumber_repeat or repeat):
                continue
            with Clock() as c:
                pages[name] = fn(pdfs)
            if name not in best or c.cpu < best[name].cpu:
                best[name] = c
    n = pages["pypdfium2_floor"]
    out: dict = {"files": len(pdfs), "pages": n}
    for name, c in best.items():
        out[f"{name}_pages_per_s"] = round(n / max(c.cpu, 1e-9), 1)
        out[f"{name}_wall_pages_per_s"] = round(n / max(c.wall, 1e-9), 1)
    e2e, pl, fl = best["ours_end_to_end"].cpu, best["pdfplumber_extract_text"].cpu, best["pypdfium2_floor"].cpu
    out["end_to_end_vs_pdfplumber"] = round(pl / e2e, 2)
    out["floor_vs_end_to_end"] = round(e2e / fl, 1)
    out["reader_vs_pdfplumber"] = round(pl / best["ours_reader"].cpu, 2)
    out["floor_vs_reader"] = round(best["ours_reader"].cpu / fl, 1)
    return out


# --- tables ----------------------------------------------------------------------------------

def _ruled_pages(pdf: Path) -> list[bool]:
    """Per page: does it draw ruling lines (pdfplumber's own edges: 2+ horizontal and 2+ vertical)?"""
    import pdfplumber

    out = []
    with pdfplumber.open(str(pdf)) as doc:
        for page in doc.pages:
            edges = page.edges
            h = sum(1 for e in edges if e["orientation"] == "h" and e["x1"] - e["x0"] >= 10)
            v = sum(1 for e in edges if e["orientation"] == "v" and e["bottom"] - e["top"] >= 8)
            out.append(h >= 2 and v >= 2)
    return out


def bench_tables(pdfs: list[Path], repeat: int) -> dict:
    import extract.readers.pdf as pdf_reader
    from extract.readers.pdf import read_pdf
    from extract.settings import Settings

    calls = {"n": 0}
    original = pdf_reader._find_tables

    def spy(*args, **kw):
        calls["n"] += 1
        return original(*args, **kw)

    searched, ruled, total, rule_free = 0, 0, 0, []
    bad = []
    pdf_reader._find_tables = spy
    try:
        for p in pdfs:
            marks = _ruled_pages(p)
            calls["n"] = 0
            read_pdf(p, "bench", p.name, settings=Settings(tables=True))
            searched += calls["n"]
            ruled += sum(marks)
            total += len(marks)
            if calls["n"] > sum(marks):
                bad.append(p.name)
            if not any(marks):
                rule_free.append(p)
    finally:
        pdf_reader._find_tables = original
    on = off = float("inf")
    for _ in range(repeat):
        for tables in (True, False):
            with Clock() as c:
                for p in rule_free:
                    read_pdf(p, "bench", p.name, settings=Settings(tables=tables))
            if tables:
                on = min(on, c.cpu)
            else:
                off = min(off, c.cpu)
    return {"files": len(pdfs), "pages": total,
            "pages_with_ruling_lines": ruled, "pages_searched_for_tables": searched,
            "files_searched_beyond_their_ruled_pages": bad, "rule_free_files": len(rule_free),
            "rule_free_tables_on_vs_off": round(on / off, 3) if rule_free and off > 0 else None}


# --- OCR -------------------------------------------------------------------------------------

def _scan_pages(src: Path, pages: list[int], tmp: Path, dpi: int = 200) -> list[tuple[Path, str]]:
    """One image-only PDF per page of `src` (as a scanner makes it), with the page's text-layer twin."""
    import pypdfium2 as pdfium

    pdf = pdfium.PdfDocument(str(src))
    out = []
    for i in pages:
        page = pdf[i]
        twin = page.get_textpage().get_text_range()
        img = page.render(scale=dpi / 72, grayscale=True).to_pil().convert("L")
        path = tmp / f"scan_{src.stem}_{i + 1}.pdf"
        img.save(path, "PDF", resolution=dpi)
        out.append((path, twin))
    pdf.close()
    return out


def _tesseract_alone(scan: Path, tmp: Path) -> str:
    """What a user would run: the page rendered at 300 dpi in grayscale, one tesseract call."""
    import pypdfium2 as pdfium

    pdf = pdfium.PdfDocument(str(scan))
    png = tmp / "alone.png"
    pdf[0].render(scale=300 / 72, grayscale=True).to_pil().convert("L").save(png)
    pdf.close()
    env = {**os.environ, "OMP_THREAD_LIMIT": "1"}
    proc = subprocess.run(["tesseract", str(png), "stdout", "-l", "vie"], capture_output=True, env=env, timeout=300)
    return proc.stdout.decode("utf-8", "replace")


def _ours_ocr(scan: Path) -> str:
    from extract.readers.pdf import read_pdf

    doc = read_pdf(scan, "bench", scan.name)
    assert doc.text_source == "ocr", doc.text_source
    return doc.text


def bench_ocr(src: Path, pages: list[int], repeat: int) -> dict | None:
    from extract.readers import ocr

    if not ocr.available():
        return None
    with tempfile.TemporaryDirectory(prefix="cchc_bench_ocr_") as t:
        tmp = Path(t)
        scans = _scan_pages(src, pages, tmp)
        _ours_ocr(scans[0][0])  # the model is loaded once per worker: not part of a page's cost
        alone_t, ours_t = Clock(), Clock()
        acc_alone, acc_ours = [], []
        for scan, twin in scans:
            best_a = best_o = None
            for _ in range(repeat):
                with Clock() as ca:
                    text_a = _tesseract_alone(scan, tmp)
                with Clock() as co:
                    text_o = _ours_ocr(scan)
                best_a = ca if best_a is None or ca.cpu < best_a.cpu else best_a
                best_o = co if best_o is None or co.cpu < best_o.cpu else best_o
            alone_t.wall += best_a.wall
            alone_t.cpu += best_a.cpu
            ours_t.wall += best_o.wall
            ours_t.cpu += best_o.cpu
            acc_alone.append((char_accuracy(text_a, twin), len(squash(twin))))
            acc_ours.append((char_accuracy(text_o, twin), len(squash(twin))))

    def weighted(xs):
        return round(sum(a * n for a, n in xs) / max(1, sum(n for _, n in xs)), 4)

    n = len(pages)
    return {"source": src.name, "pages": n,
            "tesseract_alone_s_per_page": round(alone_t.wall / n, 2),
            "ours_s_per_page": round(ours_t.wall / n, 2),
            "ours_vs_tesseract": round(ours_t.wall / alone_t.wall, 3),
            "tesseract_alone_cpu_s_per_page": round(alone_t.cpu / n, 2),
            "ours_cpu_s_per_page": round(ours_t.cpu / n, 2),
            "ours_vs_tesseract_cpu": round(ours_t.cpu / alone_t.cpu, 3),
            "chars_right_tesseract_alone": weighted(acc_alone),
            "chars_right_ours": weighted(acc_ours)}


# --- archives --------------------------------------------------------------------------------

_WRAPPER = """
import json, resource, sys
from extract.cli import main
rc = main(sys.argv[2:])
with open(sys.argv[1], "w") as f:
    json.dump({"rc": rc, "maxrss_kb": resource.getrusage(resource.RUSAGE_SELF).ru_maxrss}, f)
sys.exit(rc)
"""


def run_cli(archive: Path, out: Path, workers: int, incremental: bool) -> dict:
    """One command-line run over the archive: wall time, peak RSS of the parent and its workers."""
    info = out.with_suffix(".run.json")
    cmd = [sys.executable, "-c", _WRAPPER, str(info), str(archive), "-o", str(out), "-j", str(workers), "--quiet"]
    if incremental:
        cmd.append("--incremental")
    env = {**os.environ, "PYTHONPATH": str(CODE)}
    t = time.perf_counter()
    proc = subprocess.Popen(cmd, cwd=str(CODE), env=env, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    peaks = TreePeaks(proc.pid).start()
    _, err = proc.communicate()
    wall = time.perf_counter() - t
    peaks.stop()
    if proc.returncode != 0:
        raise RuntimeError(f"extract failed ({proc.returncode}): {err.decode()[-2000:]}")
    parent = json.loads(info.read_text())["maxrss_kb"] / 1024
    import pyarrow.parquet as pq

    docs = pq.read_table(out / "documents.parquet", columns=["status"]).column("status").to_pylist()
    status: dict[str, int] = {}
    for s in docs:
        status[s] = status.get(s, 0) + 1
    return {"seconds": round(wall, 2), "parent_peak_rss_mb": round(parent, 1),
            "largest_worker_peak_rss_mb": peaks.largest_worker_mb(), "workers_seen": len(peaks.workers),
            "helpers_peak_rss_mb": peaks.largest_helper(), "status": status}


def bench_archive(size: int, work: Path, workers: int, sample: int) -> dict:
    import bench_archive as gen

    log(f"archive {size}: generating")
    archive = work / f"archive-{size}"
    entries = gen.build(archive, size)
    kinds: dict[str, int] = {}
    for e in entries:
        kinds[e.kind] = kinds.get(e.kind, 0) + 1
    pdf_pages = sum(e.pages for e in entries)
    out = work / f"out-{size}"
    shutil.rmtree(out, ignore_errors=True)
    log(f"archive {size}: first run")
    first = run_cli(archive, out, workers, incremental=True)
    log(f"archive {size}: unchanged re-run")
    again = run_cli(archive, out, workers, incremental=True)
    changed = gen.change(archive, entries, 0.01)
    log(f"archive {size}: re-run after {len(changed)} files changed")
    after_change = run_cli(archive, out, workers, incremental=True)
    srcs = gen.sources()
    for e in changed:  # back to the original versions, so the next bench starts from the same archive
        entries[e.index] = gen.make_document(archive, e.index, srcs, version=0)
    gen.write_manifest(archive, size, entries)
    text_pdfs = [archive / e.path for e in entries if e.kind == "pdf"]
    step = max(1, len(text_pdfs) // sample)
    picked = text_pdfs[::step][:sample]
    log(f"archive {size}: floor, pdfplumber and ours on {len(picked)} of its text PDFs")
    same_files = compare_text_pdfs(picked, repeat=1)
    return {
        "documents": size, "kinds": kinds, "pdf_pages": pdf_pages, "workers": workers,
        "first_run": {**first, "documents_per_s": round(size / first["seconds"], 2),
                      "pdf_pages_per_s": round(pdf_pages / first["seconds"], 1)},
        "unchanged_rerun": {**again, "share_of_first": round(again["seconds"] / first["seconds"], 3)},
        "rerun_after_1pct_changed": {**after_change, "changed_files": len(changed),
                                     "share_of_first": round(after_change["seconds"] / first["seconds"], 3)},
        "same_text_pdfs": same_files,
    }


# --- corpus-bad ------------------------------------------------------------------------------

def bench_bad(bad: Path, workers: int) -> dict:
    from extract.batch import discover, run_batch
    from extract.settings import Settings

    files = list(discover([bad]))
    times: dict[str, float] = {}
    t = time.perf_counter()
    stats = run_batch(files, Settings(workers=workers, timeout_s=60),
                      lambda r: times.update({d["source_path"]: d.get("seconds") or 0.0 for d in r["documents"]}))
    dt = time.perf_counter() - t
    worst = max(times.items(), key=lambda kv: kv[1]) if times else ("", 0)
    return {"files": len(files), "workers": workers, "seconds": round(dt, 2), "status": stats.status,
            "slowest_file": worst[0], "slowest_seconds": round(worst[1], 2)}


# --- report ----------------------------------------------------------------------------------

def verdicts(report: dict) -> list[tuple[str, str, bool | None]]:
    out: list[tuple[str, str, bool | None]] = []

    def check(name: str, shown: str, ok: bool | None) -> None:
        out.append((name, shown, ok))

    t = TARGETS
    for key, label in [("bundled_pdfs", "bundled PDFs")] + [
            (k, f"archive {k.split('_')[1]} sample") for k in report if k.startswith("archive_")]:
        sec = report.get(key)
        sec = sec.get("same_text_pdfs") if sec and key.startswith("archive_") else sec
        if not sec:
            continue
        check(f"{label}: end to end vs pdfplumber extract_text", f"{sec['end_to_end_vs_pdfplumber']}x "
              f"(>= {t['text_pdf_vs_pdfplumber_min']}x)", sec["end_to_end_vs_pdfplumber"] >= t["text_pdf_vs_pdfplumber_min"])
        check(f"{label}: end to end within N x of the pypdfium2 floor", f"{sec['floor_vs_end_to_end']}x "
              f"(<= {t['floor_vs_text_pdf_max']}x)", sec["floor_vs_end_to_end"] <= t["floor_vs_text_pdf_max"])
    tb = report.get("tables")
    if tb:
        check("tables: pages searched only where ruling lines are drawn",
              f"{tb['pages_searched_for_tables']} searched / {tb['pages_with_ruling_lines']} ruled, "
              f"beyond: {tb['files_searched_beyond_their_ruled_pages'] or 'none'}",
              not tb["files_searched_beyond_their_ruled_pages"])
        if tb["rule_free_tables_on_vs_off"] is not None:
            check("tables: time on/off on rule-free documents", f"{tb['rule_free_tables_on_vs_off']} "
                  f"(<= {t['rule_free_tables_on_vs_off_max']})",
                  tb["rule_free_tables_on_vs_off"] <= t["rule_free_tables_on_vs_off_max"])
    oc = report.get("ocr")
    if oc:
        check("OCR: time vs Tesseract alone (CPU, same pages)", f"{oc['ours_vs_tesseract_cpu']}x "
              f"(<= {t['ocr_vs_tesseract_max']}x; wall {oc['ours_vs_tesseract']}x)",
              oc["ours_vs_tesseract_cpu"] <= t["ocr_vs_tesseract_max"])
        check("OCR: characters right vs Tesseract alone", f"{oc['chars_right_ours']} vs "
              f"{oc['chars_right_tesseract_alone']}", oc["chars_right_ours"] >= oc["chars_right_tesseract_alone"])
    sizes = sorted(int(k.split("_")[1]) for k in report if k.startswith("archive_"))
    for size in sizes:
        a = report[f"archive_{size}"]
        share = a["unchanged_rerun"]["share_of_first"]
        check(f"archive {size}: unchanged --incremental re-run share", f"{share:.1%} "
              f"(<= {t['unchanged_rerun_share_max']:.0%})", share <= t["unchanged_rerun_share_max"])
    if len(sizes) >= 2:
        lo, hi = report[f"archive_{sizes[0]}"]["first_run"], report[f"archive_{sizes[-1]}"]["first_run"]
        for key, label in (("parent_peak_rss_mb", "parent"), ("largest_worker_peak_rss_mb", "largest worker")):
            ratio = round(hi[key] / max(lo[key], 1e-9), 2)
            check(f"memory: {label} peak RSS at {sizes[-1]} vs {sizes[0]}", f"{hi[key]} / {lo[key]} MB = {ratio}x "
                  f"(<= {t['memory_growth_max']}x)", ratio <= t["memory_growth_max"])
    return out


def print_report(report: dict) -> None:
    def p(s=""):
        print(s, flush=True)

    b = report.get("bundled_pdfs")
    if b:
        p(f"== bundled PDFs: {b['files']} files, {b['pages']} pages (pages/s of CPU time; wall in brackets)")
        for name in ("pypdfium2_floor", "pdfplumber_extract_text", "ours_reader", "ours_end_to_end"):
            p(f"   {name:<26} {b[name + '_pages_per_s']:>8} pages/s  [{b[name + '_wall_pages_per_s']}]")
        p(f"   end to end = {b['end_to_end_vs_pdfplumber']}x pdfplumber, {b['floor_vs_end_to_end']}x slower than "
          f"the floor (reader alone: {b['reader_vs_pdfplumber']}x, {b['floor_vs_reader']}x)")
    tb = report.get("tables")
    if tb:
        p(f"== tables: {tb['files']} PDFs; pages with ruling lines {tb['pages_with_ruling_lines']}, searched "
          f"{tb['pages_searched_for_tables']}; rule-free files {tb['rule_free_files']}: tables on/off time "
          f"{tb['rule_free_tables_on_vs_off']}")
    oc = report.get("ocr")
    if oc:
        p(f"== OCR: {oc['pages']} scanned pages of {oc['source']} (200 dpi scans)")
        p(f"   Tesseract alone {oc['tesseract_alone_cpu_s_per_page']} CPU s/page (wall {oc['tesseract_alone_s_per_page']}), "
          f"ours {oc['ours_cpu_s_per_page']} CPU s/page (wall {oc['ours_s_per_page']}): {oc['ours_vs_tesseract_cpu']}x "
          f"(wall {oc['ours_vs_tesseract']}x)")
        p(f"   characters right vs the text-layer twin: Tesseract alone {oc['chars_right_tesseract_alone']}, "
          f"ours {oc['chars_right_ours']}")
    for key in sorted((k for k in report if k.startswith("archive_")), key=lambda k: int(k.split("_")[1])):
        a = report[key]
        f, u, c, s = a["first_run"], a["unchanged_rerun"], a["rerun_after_1pct_changed"], a["same_text_pdfs"]
        p(f"== archive of {a['documents']} documents {a['kinds']}, {a['pdf_pages']} PDF pages, "
          f"{a['workers']} workers")
        p(f"   first run {f['seconds']} s: {f['documents_per_s']} documents/s, {f['pdf_pages_per_s']} PDF pages/s; "
          f"status {f['status']}")
        p(f"   peak RSS: parent {f['parent_peak_rss_mb']} MB, largest worker {f['largest_worker_peak_rss_mb']} MB "
          f"({f['workers_seen']} workers), helpers {f['helpers_peak_rss_mb']}")
        p(f"   unchanged --incremental re-run {u['seconds']} s = {u['share_of_first']:.1%} of the first; "
          f"after {c['changed_files']} files (1%) changed {c['seconds']} s = {c['share_of_first']:.1%}")
        p(f"   same {s['files']} text PDFs ({s['pages']} pages), pages/s of CPU: floor {s['pypdfium2_floor_pages_per_s']}, "
          f"pdfplumber {s['pdfplumber_extract_text_pages_per_s']}, ours end to end {s['ours_end_to_end_pages_per_s']} "
          f"= {s['end_to_end_vs_pdfplumber']}x pdfplumber, {s['floor_vs_end_to_end']}x from the floor")
    bad = report.get("corpus_bad_batch")
    if bad:
        p(f"== corpus-bad: {bad['files']} files in {bad['seconds']} s, status {bad['status']}, slowest "
          f"{bad['slowest_file']} {bad['slowest_seconds']} s")
    p("== targets")
    for name, shown, ok in report["targets"]:
        p(f"   [{'PASS' if ok else 'FAIL'}] {name}: {shown}")


def main(argv=None) -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--corpus", type=Path, default=CODE / "corpus")
    ap.add_argument("--bad", type=Path, default=None)
    ap.add_argument("--sizes", default=os.environ.get("BENCH_SIZES", "200,2000"),
                    help="archive sizes, comma-separated (env BENCH_SIZES); empty for none")
    ap.add_argument("--repeat", type=int, default=3)
    ap.add_argument("--workers", type=int, default=2)
    ap.add_argument("--sample", type=int, default=40, help="text PDFs of each archive compared with the floor "
                                                           "and pdfplumber")
    ap.add_argument("--work", type=Path, default=Path("bench-results"), help="archives and outputs go here")
    ap.add_argument("--out", type=Path, default=None, help="JSON report (default WORK/bench.json)")
    ap.add_argument("--skip", default="", help="sections to skip: bundled,tables,ocr,archives,bad")
    a = ap.parse_args(argv)
    skip = set(filter(None, a.skip.split(",")))
    a.work.mkdir(parents=True, exist_ok=True)
    pdfs = sorted(a.corpus.glob("*.pdf"))
    report: dict = {"code": str(CODE)}
    t0 = time.perf_counter()
    if pdfs and "bundled" not in skip:
        log("bundled PDFs: floor, pdfplumber, ours")
        report["bundled_pdfs"] = compare_text_pdfs(pdfs, a.repeat)
    if "tables" not in skip:
        log("tables")
        table_pdfs = pdfs + sorted(CODE.glob("tests/unseen*/rendered/*.pdf"))
        report["tables"] = bench_tables(table_pdfs, a.repeat)
    if "ocr" not in skip:
        src = next((p for p in pdfs if p.name.startswith("001_")), pdfs[0] if pdfs else None)
        if src is not None:
            log("OCR")
            report["ocr"] = bench_ocr(src, [0, 1, 2, 3], repeat=2)
    out = a.out or a.work / "bench.json"
    out.parent.mkdir(parents=True, exist_ok=True)

    def save_partial() -> None:  # a long run that is stopped still leaves what it measured
        out.with_suffix(".partial.json").write_text(json.dumps(report, indent=2, ensure_ascii=False), "utf-8")

    save_partial()
    if "archives" not in skip:
        for size in [int(s) for s in a.sizes.split(",") if s.strip()]:
            report[f"archive_{size}"] = bench_archive(size, a.work.resolve(), a.workers, a.sample)
            save_partial()
    if a.bad and a.bad.is_dir() and "bad" not in skip:
        log("corpus-bad")
        report["corpus_bad_batch"] = bench_bad(a.bad, a.workers)
    report["bench_seconds"] = round(time.perf_counter() - t0, 1)
    report["targets"] = verdicts(report)
    out.write_text(json.dumps(report, indent=2, ensure_ascii=False), "utf-8")
    print_report(report)
    print(f"(bench took {report['bench_seconds']} s; JSON: {out})")
    return 0


if __name__ == "__main__":
    sys.exit(main())
