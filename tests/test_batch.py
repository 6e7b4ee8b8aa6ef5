"""A bad file never stops a batch: every file ends as a row, with a reason when it failed."""
from __future__ import annotations

import os
from pathlib import Path

import pandas as pd
import pytest

from extract.batch import discover, run_batch
from extract.cli import main as cli_main
from extract.settings import Settings
from tests.helpers import SHARED

BAD = SHARED / "corpus-bad"
pytestmark = pytest.mark.skipif(not BAD.is_dir(), reason="../shared/corpus-bad not present")


def _collect(files, settings):
    results = []
    stats = run_batch(files, settings, results.append)
    docs = [d for r in results for d in r["documents"]]
    errors = [e for r in results for e in r["errors"]]
    return stats, docs, errors


@pytest.fixture(scope="module")
def bad_run(tmp_path_factory):
    out = tmp_path_factory.mktemp("bad_out")
    assert cli_main([str(BAD), "-o", str(out), "-j", "2", "--timeout", "60", "--quiet"]) == 0
    return out


def test_every_bad_file_becomes_a_documents_row(bad_run):
    docs = pd.read_parquet(bad_run / "documents.parquet")
    files = sorted(p.name for p in BAD.iterdir() if p.suffix in (".pdf", ".docx"))
    assert sorted(docs["source_path"]) == files
    assert set(docs["status"]) <= {"ok", "partial", "error"}


def test_failed_files_have_a_readable_reason(bad_run):
    docs = pd.read_parquet(bad_run / "documents.parquet")
    errors = pd.read_parquet(bad_run / "errors.parquet")
    failed = set(docs.loc[docs["status"] == "error", "source_path"])
    assert failed, "corpus-bad should contain files that cannot be read"
    explained = set(errors["source_path"])
    assert failed <= explained
    for msg in errors["message"]:
        assert msg and len(msg) > 10 and "Traceback" not in msg


@pytest.mark.parametrize("name,error_type", [
    ("sample-files__libreoffice-writer-password.pdf", "encrypted"),
    ("pdfminer.six__rc4-40.pdf", "encrypted"),
    ("pdfplumber__empty.pdf", "empty-file"),
    ("qpdf__bad1.pdf", "not-a-pdf"),
    ("sample-files__imagemagick-CCITTFaxDecode.pdf", "no-text"),
])
def test_error_types(bad_run, name, error_type):
    errors = pd.read_parquet(bad_run / "errors.parquet")
    assert error_type in set(errors.loc[errors["source_path"] == name, "error_type"])


@pytest.mark.parametrize("name", [
    "pypdf__r6-owner-password.pdf",  # empty user password: opens without one
    "pypdf__r6-user-password.pdf",  # pdfium refuses, pdfminer opens it (libraries disagree)
    "qpdf__append-xref-loop.pdf",  # pdfminer recursion; pdfium recovers
    "python-docx__par-hlink-frags.docx",  # text inside hyperlinks
    "python-docx__hdr-header-footer.docx",  # text only in headers/footers
])
def test_recoverable_files_are_read(bad_run, name):
    docs = pd.read_parquet(bad_run / "documents.parquet").set_index("source_path")
    assert docs.loc[name, "status"] == "ok"
    assert docs.loc[name, "n_chars"] > 0


@pytest.mark.skipif(not hasattr(os, "mkfifo"), reason="needs FIFOs")
def test_fifo_hang_and_crash_do_not_stop_the_batch(tmp_path):
    from tests.slow_process import crash_on_boom_files, hang_on_slow_files

    fifo = tmp_path / "stuck.pdf"
    os.mkfifo(fifo)
    good = tmp_path / "good.txt"
    good.write_text("Số: 12/BC-UBND\n\nHà Nội, ngày 01 tháng 02 năm 2024\n\nBÁO CÁO\n\nNội dung.\n", "utf-8")
    slow = tmp_path / "slow.txt"
    slow.write_text("x", "utf-8")
    files = [(fifo, tmp_path), (slow, tmp_path), (good, tmp_path)]
    stats, docs, errors = _collect(files, Settings(workers=2, timeout_s=20))
    # a hanging file is cut off by the time budget (use a budget the good file cannot miss)
    results = []
    run_batch([(slow, tmp_path), (good, tmp_path)], Settings(workers=2, timeout_s=20),
              results.append, process=hang_on_slow_files)
    by = {d["source_path"]: d for r in results for d in r["documents"]}
    kinds = {(e["source_path"], e["error_type"]) for r in results for e in r["errors"]}
    assert by["good.txt"]["status"] == "ok" and by["slow.txt"]["status"] == "error"
    assert ("slow.txt", "timeout") in kinds
    # a FIFO is refused before anything opens it
    fifo_errors = {e["error_type"] for e in errors if e["source_path"] == "stuck.pdf"}
    assert fifo_errors == {"not-a-file"} and len(docs) == 3


def test_a_crashing_worker_is_replaced_and_nothing_is_lost(tmp_path):
    from tests.slow_process import crash_on_boom_files

    names = ["a.txt", "boom.txt", "b.txt", "c.txt"]
    for n in names:
        (tmp_path / n).write_text("Số: 1/BC-UBND\n\nBÁO CÁO\n\nNội dung.\n", "utf-8")
    results = []
    stats = run_batch([(tmp_path / n, tmp_path) for n in names], Settings(workers=2, timeout_s=60),
                      results.append, process=crash_on_boom_files)
    docs = {d["source_path"]: d for r in results for d in r["documents"]}
    assert sorted(docs) == sorted(names)
    assert docs["boom.txt"]["status"] == "error"
    assert all(docs[n]["status"] == "ok" for n in names if n != "boom.txt")
    crash = [e for r in results for e in r["errors"] if e["source_path"] == "boom.txt"]
    assert crash and crash[0]["error_type"] == "worker-crash" and "SIGABRT" in crash[0]["message"]
    assert stats.files == 4


def test_discover_walks_folders_and_skips_lock_files(tmp_path):
    (tmp_path / "a").mkdir()
    (tmp_path / "a" / "x.pdf").write_bytes(b"%PDF-1.4")
    (tmp_path / "~$lock.docx").write_bytes(b"")
    (tmp_path / "notes.csv").write_text("x")
    found = [p.name for p, _ in discover([tmp_path])]
    assert found == ["x.pdf"]
