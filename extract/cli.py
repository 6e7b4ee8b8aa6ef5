"""Command line: `python -m extract corpus/ -o outputs/`."""
from __future__ import annotations

import argparse
import os
import signal
import sys
import tempfile
import time
from pathlib import Path

from .schemas import TABLES
from .settings import DEFAULT_MEMORY_MB, DEFAULT_TIMEOUT_S, DEFAULT_WORKERS, Settings


def write_reference_tables(out_dir: Path) -> None:
    """Lookup tables notebooks join on (provinces and their 2025 units)."""
    from .provinces import province_rows
    from .schemas import PROVINCES
    from .writers.parquet import write_table
    write_table(out_dir / "provinces.parquet", province_rows(), PROVINCES)


FILE_TYPES = {  # what the batch reads (extract/batch.py SUPPORTED), for --help
    ".pdf": "PDF (text layer; scanned pages by OCR when Tesseract is installed)",
    ".docx": "Word 2007+",
    ".doc": "Word 97 (converted by LibreOffice when installed)",
    ".txt": "text dumps (UTF-8/16/32, Windows-1258/1252)",
}
EXIT_FILES_FAILED = 3  # --fail-on-error and at least one file has status error


def _version() -> str:
    from importlib.metadata import PackageNotFoundError, version
    from .incremental import pipeline_version
    try:
        v = version("cchc-extract")
    except PackageNotFoundError:
        v = "unknown"
    return f"cchc-extract {v} (pipeline {pipeline_version()})"


class _VersionAction(argparse.Action):
    def __init__(self, option_strings, dest=argparse.SUPPRESS, default=argparse.SUPPRESS, help=None):
        super().__init__(option_strings, dest=dest, default=default, nargs=0, help=help)

    def __call__(self, parser, namespace, values, option_string=None):
        print(_version())
        parser.exit()


def _epilog() -> str:
    from .extractors import REGISTRY
    types = "\n".join(f"  {k:6} {v}" for k, v in FILE_TYPES.items())
    names = ", ".join(n for n, _ in REGISTRY)
    return (f"file types read (others are counted as skipped in the end summary):\n{types}\n\n"
            f"--only names (run order): {names}\n\n"
            f"exit status: 0 done; 1 outputs could not be written; 2 bad setting or input; "
            f"{EXIT_FILES_FAILED} a file failed and --fail-on-error was given; 130 Ctrl-C; 143 SIGTERM")


def build_parser() -> argparse.ArgumentParser:
    ap = argparse.ArgumentParser(prog="python -m extract",
                                 description="Extract CCHC report facts from PDF/DOCX files into Parquet tables.",
                                 epilog=_epilog(), formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("inputs", nargs="+", type=Path, help="files or folders (walked recursively)")
    ap.add_argument("-o", "--outputs", type=Path, default=Path("outputs"), help="output folder (default: outputs)")
    ap.add_argument("-j", "--workers", type=int, default=DEFAULT_WORKERS,
                    help=f"worker processes (default {DEFAULT_WORKERS}; 0 = in-process, no isolation)")
    ap.add_argument("--timeout", type=float, default=DEFAULT_TIMEOUT_S, help="seconds allowed per file")
    ap.add_argument("--memory-mb", type=int, default=DEFAULT_MEMORY_MB,
                    help=f"memory cap per worker (MB; default {DEFAULT_MEMORY_MB}, 0 = no cap)")
    ap.add_argument("--no-tables", action="store_true", help="skip PDF table detection (faster)")
    ap.add_argument("--no-ocr", action="store_true", help="do not OCR scanned pages (Tesseract)")
    from .extractors import REGISTRY
    ap.add_argument("--only", type=lambda s: [x for x in s.split(",") if x], default=None,
                    help="run only these extractors (comma-separated; default all): "
                         + ", ".join(n for n, _ in REGISTRY))
    ap.add_argument("--incremental", action="store_true",
                    help="reuse the previous outputs' rows for files whose content, path, settings and pipeline "
                         "are unchanged")
    ap.add_argument("--quiet", action="store_true", help="no progress bar or summary")
    ap.add_argument("--fail-on-error", action="store_true",
                    help=f"exit with status {EXIT_FILES_FAILED} when any file failed (status error; outputs are "
                         "still written)")
    ap.add_argument("--version", action=_VersionAction, help="print the version and pipeline version, then exit")
    ap.add_argument("--cpu-timeout", type=float, default=None,
                    help="CPU seconds allowed per file (default: the same as --timeout); unlike --timeout, "
                         "a loaded machine does not count against a file")
    ap.add_argument("--engine", choices=("local", "dask"), default="local",
                    help="local worker processes (default), or a Dask cluster (see --scheduler)")
    ap.add_argument("--scheduler", default=None,
                    help="with --engine dask: the scheduler's address (tcp://host:8786); default: a local "
                         "cluster of -j worker processes")
    return ap


class Terminated(BaseException):
    """SIGTERM: stop like Ctrl-C (previous outputs kept, temporary files removed)."""


def _raise_terminated(signum, frame) -> None:
    raise Terminated()


def check_output_dir(out_dir: Path) -> str | None:
    """Why `out_dir` cannot take the outputs (checked before any work), or None."""
    try:
        out_dir.mkdir(parents=True, exist_ok=True)
    except FileExistsError:
        return f"the output path {out_dir} exists and is not a folder"
    except OSError as e:
        return f"cannot create the output folder {out_dir}: {e.strerror or e}"
    if not out_dir.is_dir():
        return f"the output path {out_dir} is not a folder"
    try:
        fd, name = tempfile.mkstemp(dir=out_dir, prefix=".cchc_write_test_")
        os.close(fd)
        os.unlink(name)
    except OSError as e:
        return f"cannot write to the output folder {out_dir}: {e.strerror or e}"
    return None


def _engine(a: argparse.Namespace):
    """The function that processes the files: the local worker pool, or a Dask cluster (`--engine dask`)."""
    if getattr(a, "engine", "local") == "dask":
        from .engine_dask import run_dask
        return lambda files, settings, on_result, on_progress=None: run_dask(
            files, settings, on_result, on_progress=on_progress, scheduler=a.scheduler)
    from . import batch
    return batch.run_batch  # looked up at call time (tests replace it)


def _lock_output_dir(out_dir: Path):
    """(lock, None) once this run is the folder's only writer (dead runs' temp files removed), or (None, why not)."""
    from .folder_lock import FolderBusy, FolderLock, sweep_stale
    from .writers.parquet import recover_commits
    lock = FolderLock(out_dir)
    try:
        lock.acquire()
        recover_commits(out_dir)  # a run killed while renaming its tables into place: finish it
        sweep_stale(out_dir)
    except FolderBusy as e:
        return None, str(e)
    except OSError as e:
        lock.release()
        return None, f"cannot write to the output folder {out_dir}: {e.strerror or e}"
    return lock, None


def _settings(a: argparse.Namespace) -> Settings:
    from . import extractors
    if a.only is not None:
        extractors.names(a.only)  # unknown names fail here, not in every worker
    return Settings(workers=a.workers, timeout_s=a.timeout, memory_mb=a.memory_mb or None, tables=not a.no_tables,
                    ocr=not a.no_ocr, only=tuple(a.only) if a.only is not None else None,
                    cpu_timeout_s=a.cpu_timeout)


def main(argv: list[str] | None = None) -> int:
    a = build_parser().parse_args(argv)
    try:
        settings = _settings(a)
    except ValueError as e:
        print(f"error: {e}", file=sys.stderr)
        return 2
    missing = [p for p in a.inputs if not p.exists()]
    if missing:
        print(f"error: no such file or folder: {', '.join(map(str, missing))}", file=sys.stderr)
        return 2
    problem = check_output_dir(a.outputs)
    if problem:
        print(f"error: {problem}", file=sys.stderr)
        return 2
    lock, problem = _lock_output_dir(a.outputs)
    if problem:
        print(f"error: {problem}", file=sys.stderr)
        return 2
    try:
        previous_handler = signal.signal(signal.SIGTERM, _raise_terminated)
    except ValueError:  # not the main thread
        previous_handler = None
    resume = "; finished files are kept: the same command resumes the run"
    try:
        return _run(a, settings)
    except KeyboardInterrupt:
        print(f"\ninterrupted: nothing written; the outputs in {a.outputs}/ are as they were{resume}", file=sys.stderr)
        return 130
    except Terminated:
        print(f"terminated: nothing written; the outputs in {a.outputs}/ are as they were{resume}", file=sys.stderr)
        return 128 + signal.SIGTERM
    finally:
        if previous_handler is not None:
            signal.signal(signal.SIGTERM, previous_handler)
        lock.release()


def _run(a: argparse.Namespace, settings: Settings) -> int:
    from .incremental import ANALYST_FILES, RUN_FILE, Previous, pipeline_version, run_settings, write_run_file
    from .inputs import plan_inputs
    from .journal import Journal, journal_exists
    from .pipeline import source_path_of
    from .worker import WorkerStartError
    from .writers.parquet import OutputSet
    from .writers.results import write_result

    t0 = time.perf_counter()
    plan = plan_inputs(a.inputs, pipeline_version())
    files = plan.files
    run = run_settings(settings)
    reused: set = set()
    previous = None
    if a.incremental:
        previous = Previous(a.outputs, list(TABLES), run)
        files, reused = previous.split(files, source_path_of, plan.ids)
        if not files and not any(plan.rows.values()) and not journal_exists(a.outputs) \
                and previous.unchanged(reused, extra=ANALYST_FILES):
            if not a.quiet:  # the outputs are what a rewrite would give: they stay as they are
                print(f"nothing changed since the last run ({len(reused)} file(s)): outputs kept in "
                      f"{a.outputs}/", file=sys.stderr)
            return 0
    out = OutputSet(a.outputs, TABLES)
    run_tmp = out.tmp_path(RUN_FILE)
    journal = None
    from .progress import Progress
    progress = Progress(0, quiet=True)
    try:
        journal = Journal(a.outputs, run, {"timeout_s": settings.timeout_s, "cpu_timeout_s": settings.cpu_timeout_s,
                                           "memory_mb": settings.memory_mb}, TABLES)
        planned, files = files, journal.split(files, source_path_of, plan.ids)  # finished files are not redone
        progress = Progress(len(files), quiet=a.quiet)

        def on_result(result: dict) -> None:
            journal.add(result)
            progress.file_done(result)

        stats = _engine(a)(files, settings, on_result)
        if previous is not None:
            previous.copy_into(out, reused)
        journal.copy_into(out, planned, source_path_of, plan.ids)  # in the order of the files
        write_result(out, plan.rows)  # duplicates and unreadable folders (not journalled), last
        write_run_file(run_tmp, run)
        out.close(extra=[(run_tmp, a.outputs / RUN_FILE)])
        journal.clear()
    except WorkerStartError as e:
        out.abort([(run_tmp, None)])
        print(f"error: {e}", file=sys.stderr)
        return 2
    except OSError as e:
        out.abort([(run_tmp, None)])
        kept = journal.kept_note() if journal is not None else ""
        print(f"error: could not write the outputs to {a.outputs}/ ({e.strerror or e}); "
              f"the previous outputs were kept{kept}", file=sys.stderr)
        return 1
    except BaseException:
        out.abort([(run_tmp, None)])
        raise
    finally:
        progress.close()
        if journal is not None:
            journal.close()
    try:
        write_reference_tables(a.outputs)
    except OSError as e:
        print(f"error: could not write {a.outputs}/provinces.parquet ({e.strerror or e})", file=sys.stderr)
        return 1
    analyst = _analyst_layer(a.outputs)
    if analyst is None:
        return 1
    if not a.quiet:
        counts = out.counts()
        took = time.perf_counter() - t0
        st = stats.status
        notes = [f"{len(reused)} unchanged file(s) reused" if reused else "",
                 f"{journal.resumed} file(s) finished by an interrupted run kept" if journal.resumed else "",
                 f"{plan.duplicates} duplicate file(s) recorded once" if plan.duplicates else "",
                 f"{plan.skipped_folders} folder(s) could not be read (see errors)" if plan.skipped_folders else "",
                 f"nothing reused: {previous.why_not}" if previous is not None and previous.why_not else ""]
        print(f"\n{len(files)} file(s) in {took:.1f} s: ok {st.get('ok', 0)}, partial {st.get('partial', 0)}, "
              f"error {st.get('error', 0)}" + "".join(f"; {n}" for n in notes if n), file=sys.stderr)
        print("rows: " + ", ".join(f"{k} {v}" for k, v in counts.items()), file=sys.stderr)
        from .batch import SUPPORTED
        from .progress import skipped_files, summary_lines
        print(f"reports: {analyst['renderings']} document(s) in {analyst['reports']} report(s); "
              f"summary {analyst['summary_rows']} row(s); SQL: {a.outputs}/cchc.duckdb", file=sys.stderr)
        for line in summary_lines(progress, skipped_files(a.inputs, SUPPORTED)):
            print(line, file=sys.stderr)
        print(f"outputs: {a.outputs}/", file=sys.stderr)
    if a.fail_on_error and progress.failed:
        print(f"error: {len(progress.failed)} file(s) failed (--fail-on-error)", file=sys.stderr)
        return EXIT_FILES_FAILED
    return 0


def _analyst_layer(out_dir: Path) -> dict | None:
    """Report links, the summary table and the DuckDB views (extract/analyst.py), after the batch."""
    from .analyst import build
    try:
        return build(out_dir)
    except Exception as e:  # noqa: BLE001 - the batch's tables are in place; say what is missing
        print(f"error: the batch's tables are written, but report links, summary.parquet and cchc.duckdb "
              f"could not be built ({type(e).__name__}: {e}); retry with `python -m extract.analyst {out_dir}`",
              file=sys.stderr)
        return None


if __name__ == "__main__":
    sys.exit(main())
