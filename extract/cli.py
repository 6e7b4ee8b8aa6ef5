"""Command line: `python -m extract corpus/ -o outputs/`."""
from __future__ import annotations

import argparse
import sys
import time
from pathlib import Path

from .batch import discover, run_batch
from .schemas import TABLES
from .settings import DEFAULT_MEMORY_MB, DEFAULT_TIMEOUT_S, DEFAULT_WORKERS, Settings
from .writers.parquet import OutputSet, write_table


def write_reference_tables(out_dir: Path) -> None:
    """Lookup tables notebooks join on (provinces and their 2025 units)."""
    from .provinces import province_rows
    from .schemas import PROVINCES
    write_table(out_dir / "provinces.parquet", province_rows(), PROVINCES)


def build_parser() -> argparse.ArgumentParser:
    ap = argparse.ArgumentParser(prog="python -m extract",
                                 description="Extract CCHC report facts from PDF/DOCX files into Parquet tables.")
    ap.add_argument("inputs", nargs="+", type=Path, help="files or folders (walked recursively)")
    ap.add_argument("-o", "--outputs", type=Path, default=Path("outputs"), help="output folder (default: outputs)")
    ap.add_argument("-j", "--workers", type=int, default=DEFAULT_WORKERS,
                    help=f"worker processes (default {DEFAULT_WORKERS}; 0 = in-process, no isolation)")
    ap.add_argument("--timeout", type=float, default=DEFAULT_TIMEOUT_S, help="seconds allowed per file")
    ap.add_argument("--memory-mb", type=int, default=DEFAULT_MEMORY_MB, help="memory cap per worker (MB)")
    ap.add_argument("--no-tables", action="store_true", help="skip PDF table detection (faster)")
    ap.add_argument("--no-ocr", action="store_true", help="do not OCR scanned pages (Tesseract)")
    ap.add_argument("--only", type=lambda s: [x for x in s.split(",") if x], default=None,
                    help="run only these extractors (comma-separated names; default all)")
    ap.add_argument("--incremental", action="store_true",
                    help="reuse the previous outputs' rows for files whose content, path and pipeline are unchanged")
    ap.add_argument("--quiet", action="store_true", help="no progress bar or summary")
    return ap


def main(argv: list[str] | None = None) -> int:
    a = build_parser().parse_args(argv)
    settings = Settings(workers=a.workers, timeout_s=a.timeout, memory_mb=a.memory_mb or None, tables=not a.no_tables, ocr=not a.no_ocr,
                        only=tuple(a.only) if a.only is not None else None)
    files = list(discover(a.inputs))
    missing = [p for p in a.inputs if not p.exists()]
    if missing:
        print(f"error: no such file or folder: {', '.join(map(str, missing))}", file=sys.stderr)
        return 2
    t0 = time.perf_counter()
    reused: set[str] = set()
    previous = None
    if a.incremental:
        from .incremental import Previous
        from .pipeline import _source_path
        previous = Previous(a.outputs, list(TABLES))
        files, reused = previous.split(files, _source_path)
    out = OutputSet(a.outputs, TABLES)
    if previous is not None:
        for table in TABLES:
            out.write(table, previous.rows(table, reused))
    bar = None
    if not a.quiet and (sys.stderr.isatty() or len(files) > 50):
        from tqdm import tqdm
        bar = tqdm(total=len(files), unit="file", file=sys.stderr)

    def on_result(result: dict[str, list[dict]]) -> None:
        for table, rows in result.items():
            if table in out.sinks:
                out.write(table, rows)

    try:
        stats = run_batch(files, settings, on_result, on_progress=bar.update if bar else None)
    except BaseException:
        out.abort()
        raise
    finally:
        if bar:
            bar.close()
    out.close()
    write_reference_tables(a.outputs)
    if not a.quiet:
        counts = out.counts()
        took = time.perf_counter() - t0
        st = stats.status
        print(f"\n{len(files)} file(s) in {took:.1f} s: ok {st.get('ok', 0)}, partial {st.get('partial', 0)}, "
              f"error {st.get('error', 0)}" + (f"; {len(reused)} unchanged file(s) reused" if reused else ""),
              file=sys.stderr)
        print("rows: " + ", ".join(f"{k} {v}" for k, v in counts.items()), file=sys.stderr)
        print(f"outputs: {a.outputs}/", file=sys.stderr)
    return 0


if __name__ == "__main__":
    sys.exit(main())
