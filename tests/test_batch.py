"""A bad file never stops a batch: every file ends as a row, with a reason when it failed."""
from __future__ import annotations

import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import pandas as pd
import pytest

from extract.batch import discover, run_batch
from extract.cli import main as cli_main
from extract.settings import Settings
from tests.helpers import SHARED

BAD = SHARED / "corpus-bad"
needs_bad = pytest.mark.skipif(not BAD.is_dir(), reason="../shared/corpus-bad not present")


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


@needs_bad
def test_every_bad_file_becomes_a_documents_row(bad_run):
    docs = pd.read_parquet(bad_run / "documents.parquet")
    files = sorted(p.name for p in BAD.iterdir() if p.suffix in (".pdf", ".docx"))
    assert sorted(docs["source_path"]) == files
    assert set(docs["status"]) <= {"ok", "partial", "error"}


@needs_bad
def test_failed_files_have_a_readable_reason(bad_run):
    docs = pd.read_parquet(bad_run / "documents.parquet")
    errors = pd.read_parquet(bad_run / "errors.parquet")
    failed = set(docs.loc[docs["status"] == "error", "source_path"])
    assert failed, "corpus-bad should contain files that cannot be read"
    explained = set(errors["source_path"])
    assert failed <= explained
    for msg in errors["message"]:
        assert msg and len(msg) > 10 and "Traceback" not in msg


@needs_bad
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


@needs_bad
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


# --- robustness: strings, rows, duplicates, folders, workers, signals --------------------------------

REPORT = "Số: 12/BC-UBND\n\nHà Nội, ngày 01 tháng 02 năm 2024\n\nBÁO CÁO\n\nNội dung.\n"


def _run_cli(args) -> int:
    return cli_main([str(a) for a in args] + ["--quiet"])


@pytest.mark.skipif(os.name != "posix", reason="needs byte file names")
def test_a_file_name_that_is_not_utf8_does_not_stop_the_run(tmp_path):
    src, out = tmp_path / "in", tmp_path / "out"
    src.mkdir()
    (src / os.fsdecode(b"B\xe1o c\xe1o.txt")).write_text(REPORT, "utf-8")
    (src / "good.txt").write_text(REPORT.replace("12/", "13/"), "utf-8")
    assert _run_cli([src, "-o", out, "-j", "0"]) == 0
    docs = pd.read_parquet(out / "documents.parquet").set_index("source_path")
    assert set(docs.index) == {"B\\xe1o c\\xe1o.txt", "good.txt"}
    assert set(docs["status"]) == {"ok"}
    errors = pd.read_parquet(out / "errors.parquet")
    assert "not valid UTF-8" in errors.loc[errors["source_path"] == "B\\xe1o c\\xe1o.txt", "message"].iloc[0]
    assert not list(out.glob("*.tmp"))


def test_a_row_that_does_not_fit_the_schema_costs_that_table_not_the_run(tmp_path, monkeypatch):
    from extract import extractors

    real_get = extractors.get

    def get(name):
        if name != "tthc":
            return real_get(name)
        return lambda doc, ctx: {"tthc": [{"metric": "tthc_total", "value": "not a number", "quote": "\ud83d"}]}

    monkeypatch.setattr(extractors, "get", get)
    src, out = tmp_path / "in", tmp_path / "out"
    src.mkdir()
    (src / "a.txt").write_text(REPORT, "utf-8")
    assert _run_cli([src, "-o", out, "-j", "0"]) == 0
    docs = pd.read_parquet(out / "documents.parquet")
    assert list(docs["status"]) == ["partial"]
    errors = pd.read_parquet(out / "errors.parquet")
    bad = errors[errors["error_type"] == "bad-value"]
    assert len(bad) == 1 and "tthc" in bad["message"].iloc[0] and "'value'" in bad["message"].iloc[0]
    assert len(pd.read_parquet(out / "pages.parquet")) == 1  # the rest of the file's rows are kept
    assert len(pd.read_parquet(out / "tthc.parquet")) == 0


def test_identical_files_are_recorded_once(tmp_path):
    src, out = tmp_path / "in", tmp_path / "out"
    src.mkdir()
    for n in ("a.txt", "b.txt"):
        (src / n).write_text("Căn cứ Quyết định số 48/2021/QĐ-UBND ngày 22/9/2021.\n\n" + REPORT, "utf-8")
    assert _run_cli([src, src / "a.txt", "-o", out, "-j", "0"]) == 0  # a.txt twice: overlapping inputs
    docs = pd.read_parquet(out / "documents.parquet").set_index("source_path")
    assert sorted(docs.index) == ["a.txt", "b.txt"]
    assert docs.loc["a.txt", "status"] == "ok" and docs.loc["b.txt", "status"] == "error"
    assert docs["doc_id"].dropna().is_unique
    errors = pd.read_parquet(out / "errors.parquet")
    dup = errors[errors["source_path"] == "b.txt"]
    assert list(dup["error_type"]) == ["duplicate"] and "a.txt" in dup["message"].iloc[0]
    refs = pd.read_parquet(out / "references.parquet")
    assert len(refs) == 1  # not doubled


def test_empty_files_are_not_duplicates_of_each_other(tmp_path):
    src, out = tmp_path / "in", tmp_path / "out"
    src.mkdir()
    for n in ("a.pdf", "b.docx"):
        (src / n).write_bytes(b"")
    assert _run_cli([src, "-o", out, "-j", "0"]) == 0
    errors = pd.read_parquet(out / "errors.parquet")
    assert list(errors["error_type"]) == ["empty-file", "empty-file"]


def test_output_folder_is_checked_before_any_work(tmp_path, capsys):
    (tmp_path / "in").mkdir()
    (tmp_path / "in" / "a.txt").write_text(REPORT, "utf-8")
    blocker = tmp_path / "file"
    blocker.write_text("x")
    assert _run_cli([tmp_path / "in", "-o", blocker / "out", "-j", "0"]) == 2
    err = capsys.readouterr().err.strip()
    assert err.startswith("error: cannot create the output folder") and "\n" not in err


def test_unreadable_and_symlinked_folders(tmp_path, monkeypatch):
    root, out = tmp_path / "in", tmp_path / "out"
    (root / "locked").mkdir(parents=True)
    (root / "locked" / "x.txt").write_text(REPORT, "utf-8")
    elsewhere = tmp_path / "elsewhere"
    elsewhere.mkdir()
    (elsewhere / "y.txt").write_text(REPORT, "utf-8")
    (root / "linked").symlink_to(elsewhere, target_is_directory=True)
    (root / "linked" / "loop").symlink_to(root, target_is_directory=True)  # a loop back to the root

    real_scandir = os.scandir

    def scandir(p="."):  # mode 000 does not stop root: make the folder fail to list the way it would
        if os.fspath(p).endswith("locked"):
            raise PermissionError(13, "Permission denied", os.fspath(p))
        return real_scandir(p)

    monkeypatch.setattr(os, "scandir", scandir)
    assert _run_cli([root, "-o", out, "-j", "0"]) == 0
    docs = pd.read_parquet(out / "documents.parquet")
    assert list(docs["source_path"]) == ["linked/y.txt"]  # followed, once, despite the loop
    errors = pd.read_parquet(out / "errors.parquet")
    locked = errors[errors["error_type"] == "unreadable-folder"]
    assert list(locked["source_path"]) == ["locked/"] and "permission denied" in locked["message"].iloc[0]


def test_symlinked_file_keeps_a_relative_source_path(tmp_path):
    src, out = tmp_path / "in", tmp_path / "out"
    (src / "sub").mkdir(parents=True)
    target = tmp_path / "outside.txt"
    target.write_text(REPORT, "utf-8")
    (src / "sub" / "link.txt").symlink_to(target)
    assert _run_cli([src, "-o", out, "-j", "0"]) == 0
    assert list(pd.read_parquet(out / "documents.parquet")["source_path"]) == ["sub/link.txt"]


def test_an_unreadable_file_is_reported_in_plain_words(tmp_path, monkeypatch):
    import extract.readers as readers
    from extract.pipeline import process_file

    f = tmp_path / "a.txt"
    f.write_text(REPORT, "utf-8")

    def denied(*a, **k):
        raise PermissionError(13, "Permission denied", str(f))

    monkeypatch.setattr(readers, "open", denied, raising=False)  # as if chmod 000 (root reads anyway)
    r = process_file(f, tmp_path)
    assert r["documents"][0]["status"] == "error"
    (e,) = r["errors"]
    assert e["error_type"] == "unreadable" and e["message"].startswith("permission denied")


def _dead(pid: int) -> bool:
    try:
        with open(f"/proc/{pid}/status") as f:
            return "\nState:\tZ" in f.read()
    except OSError:
        return True


@pytest.mark.skipif(not Path("/proc/self/status").exists(), reason="needs /proc")
def test_a_timeout_kills_what_the_worker_started_and_its_temp_files(tmp_path):
    from tests.slow_process import spawn_and_hang

    f = tmp_path / "a.doc"
    f.write_bytes(b"x")
    results = []
    run_batch([(f, tmp_path)], Settings(workers=1, timeout_s=3), results.append, process=spawn_and_hang)
    assert results[0]["errors"][0]["error_type"] == "timeout"
    pid, tmp = (tmp_path / "a.doc.info").read_text().split()
    for _ in range(50):
        if _dead(int(pid)):
            break
        time.sleep(0.1)
    assert _dead(int(pid)), "the worker's child outlived the timeout"
    assert not Path(tmp).exists() and not Path(tmp).parent.exists()  # the worker's private TMPDIR is gone


def test_memory_cap_too_small_is_a_clear_setting_error(tmp_path, capsys):
    with pytest.raises(ValueError, match="at least 512 MB"):
        Settings(memory_mb=300)
    (tmp_path / "a.txt").write_text(REPORT, "utf-8")
    assert _run_cli([tmp_path / "a.txt", "-o", tmp_path / "out", "--memory-mb", "300"]) == 2
    assert "--memory-mb" in capsys.readouterr().err
    from extract.worker import WorkerStartError

    tiny = Settings(workers=1)
    object.__setattr__(tiny, "memory_mb", 300)  # below what a worker needs to load its libraries
    with pytest.raises(WorkerStartError, match="too small"):
        run_batch([(tmp_path / "a.txt", tmp_path)], tiny, lambda r: None)


@pytest.mark.parametrize("sig,code,word", [(signal.SIGTERM, 143, "terminated"), (signal.SIGINT, 130, "interrupted")])
def test_a_stopped_run_keeps_the_previous_outputs(tmp_path, sig, code, word):
    src, out = tmp_path / "in", tmp_path / "out"
    src.mkdir()
    (src / "good.txt").write_text(REPORT, "utf-8")
    assert _run_cli([src, "-o", out, "-j", "0"]) == 0
    before = {p.name: p.read_bytes() for p in out.iterdir() if p.is_file()}  # the outputs (not the run state)
    (src / "slow.txt").write_text("x", "utf-8")
    marker = tmp_path / "started"
    code_ = ("import sys, extract.batch as b\n"
             "from tests.slow_process import hang_on_slow_files\n"
             "run = b.run_batch\n"
             "b.run_batch = lambda *a, **k: run(*a, process=hang_on_slow_files, **k)\n"
             "from extract.cli import main\n"
             f"sys.exit(main([{str(src)!r}, '-o', {str(out)!r}, '-j', '1', '--quiet']))\n")
    proc = subprocess.Popen([sys.executable, "-c", code_], cwd=Path(__file__).resolve().parents[1],
                            env={**os.environ, "CCHC_TEST_MARKER": str(marker)},
                            stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
    try:
        for _ in range(600):
            if marker.exists() or proc.poll() is not None:
                break
            time.sleep(0.1)
        assert marker.exists(), proc.stderr.read() if proc.poll() is not None else "never started"
        proc.send_signal(sig)
        _, err = proc.communicate(timeout=60)
    finally:
        if proc.poll() is None:
            proc.kill()
    assert proc.returncode == code
    assert "Traceback" not in err and err.strip().startswith(word) and len(err.strip().splitlines()) == 1
    assert {p.name: p.read_bytes() for p in out.iterdir() if p.is_file()} == before  # no .tmp left, nothing changed
