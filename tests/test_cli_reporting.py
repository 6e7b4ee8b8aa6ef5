"""The command line reports as it goes: progress lines without a terminal, failed and skipped files
at the end, library warnings tied to their file, --fail-on-error, --version, --help."""
from __future__ import annotations

import io
import logging
import shutil
import warnings
from pathlib import Path

import pandas as pd
import pytest

from extract import library_warnings
from extract.cli import EXIT_FILES_FAILED, build_parser, main as cli_main
from extract.pipeline import process_file
from extract.progress import Progress, skipped_files, summary_lines
from tests.helpers import SHARED

CORPUS = Path(__file__).resolve().parents[1] / "corpus"


class Clock:
    def __init__(self) -> None:
        self.t = 0.0

    def __call__(self) -> float:
        return self.t


def _result(path, status="ok", error=None):
    errors = [{"error_type": error[0], "message": error[1]}] if error else []
    return {"documents": [{"source_path": path, "status": status}], "errors": errors}


def test_progress_lines_without_a_terminal():
    out, clock = io.StringIO(), Clock()
    p = Progress(40, stream=out, tty=False, clock=clock, every_seconds=10)
    assert p.every_files == 2
    for i in range(5):
        clock.t += 1
        p.file_done(_result(f"f{i}.pdf"))
    lines = out.getvalue().splitlines()
    assert lines == ["progress: 2/40 files (5%) in 2.0 s, ~38 s left; ok 2, partial 0, error 0",
                     "progress: 4/40 files (10%) in 4.0 s, ~36 s left; ok 4, partial 0, error 0"]
    clock.t += 30  # a slow file: a line after 10 s even between counts
    p.file_done(_result("slow.pdf", "error", ("timeout", "gave up after 300 s")))
    assert out.getvalue().splitlines()[-1].startswith("progress: 6/40 files (15%) in 35.0 s")


def test_small_runs_print_progress_and_the_last_file():
    out = io.StringIO()
    p = Progress(3, stream=out, tty=False, clock=Clock())
    for i in range(3):
        p.file_done(_result(f"{i}.docx"))
    assert out.getvalue().splitlines()[-1].startswith("progress: 3/3 files (100%)")
    quiet = io.StringIO()
    q = Progress(3, stream=quiet, tty=False, quiet=True)
    q.file_done(_result("x.pdf"))
    assert quiet.getvalue() == ""


def test_end_summary_lists_failed_partial_and_skipped(tmp_path):
    p = Progress(3, stream=io.StringIO(), tty=False)
    p.file_done(_result("a.pdf", "error", ("encrypted", "the PDF is encrypted")))
    p.file_done(_result("b.docx", "partial", ("ValueError", "bad cell")))
    p.file_done(_result("c.docx"))
    for name in ("a.pdf", "notes.md", "data.tsv", "more.md", "Makefile", "~$lock.docx", ".hidden/x.md"):
        (tmp_path / name).parent.mkdir(parents=True, exist_ok=True)
        (tmp_path / name).write_text("x")
    skipped = skipped_files([tmp_path], (".pdf", ".docx"))
    assert {k: len(v) for k, v in skipped.items()} == {".md": 2, ".tsv": 1, "(no extension)": 1,
                                                       "hidden or temporary": 1}
    text = "\n".join(summary_lines(p, skipped))
    assert "1 file(s) failed:\n  a.pdf: encrypted: the PDF is encrypted" in text
    assert "1 file(s) partly read:\n  b.docx: ValueError: bad cell" in text
    assert "5 file(s) skipped (type not read): .md 2, (no extension) 1, .tsv 1, hidden or temporary 1" in text


def test_library_warnings_are_captured():
    with library_warnings.captured() as seen:
        logging.getLogger("pdfminer.pdftypes").warning("Data-loss while decompressing corrupted data")
        logging.getLogger("pdfminer.pdftypes").warning("Data-loss while decompressing corrupted data")
        logging.getLogger("quietlib").info("not a warning")
        warnings.warn("odd table", UserWarning)
        warnings.warn("old API", DeprecationWarning)
    msgs = library_warnings.messages(seen)
    assert "pdfminer: Data-loss while decompressing corrupted data (2 times)" in msgs
    assert any(m.endswith("UserWarning: odd table") for m in msgs) and len(msgs) == 2


@pytest.mark.skipif(not (SHARED / "corpus-bad").is_dir(), reason="needs ../shared/corpus-bad")
def test_pdfminer_warning_becomes_an_errors_row_of_its_file(capfd):
    bad = SHARED / "corpus-bad" / "pdfminer.six__zen_of_python_corrupted.pdf"
    rows = process_file(bad, bad.parent)
    warn = [e for e in rows["errors"] if e["error_type"] == "warning" and "Data-loss" in e["message"]]
    assert warn and warn[0]["source_path"] == bad.name and warn[0]["message"].startswith("pdfminer: ")
    assert "Data-loss" not in capfd.readouterr().err


def test_run_reports_failures_and_skips_and_fail_on_error(tmp_path, capsys):
    inp = tmp_path / "in"
    inp.mkdir()
    shutil.copy(CORPUS / "004_1e1e34f3142d21c9.docx", inp / "good.docx")
    (inp / "broken.pdf").write_bytes(b"this is not a PDF")
    (inp / "notes.md").write_text("# notes")
    args = [str(inp), "-o", str(tmp_path / "out"), "-j", "0"]
    assert cli_main(args) == 0
    err = capsys.readouterr().err
    assert "progress: 2/2 files (100%)" in err
    assert "1 file(s) failed:\n  broken.pdf: not-a-pdf" in err
    assert "1 file(s) skipped (type not read): .md 1\n  notes.md" in err
    assert cli_main(args + ["--fail-on-error"]) == EXIT_FILES_FAILED
    assert "error: 1 file(s) failed (--fail-on-error)" in capsys.readouterr().err
    (inp / "broken.pdf").unlink()
    assert cli_main(args + ["--fail-on-error"]) == 0
    docs = pd.read_parquet(tmp_path / "out" / "documents.parquet")
    assert docs["report_id"].notna().all()


def test_version_and_help(capsys):
    with pytest.raises(SystemExit) as e:
        cli_main(["--version"])
    assert e.value.code == 0 and capsys.readouterr().out.startswith("cchc-extract ")
    text = build_parser().format_help()
    for word in ("header", "references", "tables", "tthc", "hoso", "par", "checks", ".pdf", ".docx", ".doc", ".txt",
                 "--fail-on-error", "--version"):
        assert word in text
