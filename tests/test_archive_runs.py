"""Archive runs that survive: resume after kill -9, one writer per folder, no orphans, bounded memory.

Runs that must be killed run the CLI in a subprocess (`_cli_proc`) with a per-file function from
tests/slow_process.py; every wait is bounded, so each test stops by itself.
"""
from __future__ import annotations

import hashlib
import json
import os
import shutil
import signal
import sqlite3
import subprocess
import sys
import time
import uuid
from pathlib import Path

import pandas as pd
import pyarrow as pa
import pyarrow.parquet as pq
import pytest

from extract.batch import run_batch
from extract.cli import main as cli_main
from extract.schemas import TABLES
from extract.settings import Settings
from scripts.make_archive import make_archive

ROOT = Path(__file__).resolve().parents[1]
REPORT = "Số: 12/BC-UBND\n\nHà Nội, ngày 01 tháng 02 năm 2024\n\nBÁO CÁO\n\nNội dung.\n"


def _cli_proc(args, process: str, env: dict) -> subprocess.Popen:
    """The CLI in its own process group, with `run_batch` using tests.slow_process.<process>."""
    code = ("import sys, extract.batch as b, tests.slow_process as sp\n"
            "run = b.run_batch\n"
            f"b.run_batch = lambda *a, **k: run(*a, process=sp.{process}, **k)\n"
            "from extract.cli import main\n"
            f"sys.exit(main({[str(x) for x in args]!r}))\n")
    return subprocess.Popen([sys.executable, "-c", code], cwd=ROOT, env={**os.environ, **env},
                            stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True, start_new_session=True)


def _wait_for(cond, seconds: float, proc: subprocess.Popen | None = None) -> bool:
    end = time.monotonic() + seconds
    while time.monotonic() < end:
        if cond():
            return True
        if proc is not None and proc.poll() is not None:
            return cond()
        time.sleep(0.05)
    return cond()


def _lines(p: Path) -> list[str]:
    return p.read_text("utf-8").split() if p.exists() else []


def _tables(out: Path, drop=("seconds",)) -> dict[str, pd.DataFrame]:
    return {t: pd.read_parquet(out / f"{t}.parquet").drop(columns=[c for c in drop if c in TABLES[t].names])
            for t in TABLES}


def _journalled(out: Path) -> set[str]:
    path = out / ".cchc" / "journal.sqlite"
    if not path.exists():
        return set()
    db = sqlite3.connect(path, timeout=30)
    try:
        return {Path(r[0]).name for r in db.execute("SELECT source_path FROM entries")}
    except sqlite3.Error:
        return set()
    finally:
        db.close()


def _run_processes(tag: str) -> list[int]:
    """Live (not zombie) processes whose environment carries `tag`."""
    found = []
    for d in Path("/proc").iterdir():
        if not d.name.isdigit() or int(d.name) == os.getpid():
            continue
        try:
            if tag.encode() not in (d / "environ").read_bytes():
                continue
            if "\nState:\tZ" in (d / "status").read_text():
                continue
        except OSError:
            continue
        found.append(int(d.name))
    return found


def _kill_group(proc: subprocess.Popen) -> None:
    try:
        os.killpg(proc.pid, signal.SIGKILL)
    except OSError:
        pass
    proc.wait(30)


# --- 1. resume -------------------------------------------------------------------------------------

def test_kill_9_at_30_percent_then_rerun_resumes_without_redoing_finished_files(tmp_path):
    src, out, clean = tmp_path / "in", tmp_path / "out", tmp_path / "clean"
    files = make_archive(src, 10, kinds=("docx",))
    opts = ["--only", "header,references,tthc", "--no-ocr"]
    # previous outputs in the folder (an earlier run over 2 of the files): they must stay readable
    early = tmp_path / "early"
    early.mkdir()
    for f in files[:2]:
        shutil.copy(f, early / f.name)
    assert cli_main([str(early), "-o", str(out), "-j", "0", "--quiet"] + opts) == 0
    before = _tables(out, drop=())
    assert cli_main([str(src), "-o", str(clean), "-j", "0", "--quiet"] + opts) == 0  # the reference run

    log1, log2 = tmp_path / "log1", tmp_path / "log2"
    proc = _cli_proc([src, "-o", out, "-j", "2", "--quiet"] + opts, "logged", {"CCHC_TEST_LOG": str(log1)})
    try:
        # about 30% of the files finished (journalled by the parent): kill -9 the whole run
        assert _wait_for(lambda: len(_journalled(out)) >= 3, 300, proc), \
            proc.stderr.read() if proc.poll() is not None else "too slow"
    finally:
        _kill_group(proc)  # kill -9 of the whole run
    assert proc.returncode == -signal.SIGKILL
    # the folder still holds the previous outputs, whole and readable; no temp file is left in it
    assert _tables(out, drop=()).keys() == before.keys()
    for t, df in _tables(out, drop=()).items():
        pd.testing.assert_frame_equal(df, before[t])
    assert not list(out.glob("*.tmp"))
    done = _journalled(out)
    assert 1 <= len(done) < len(files)

    rerun = _cli_proc([src, "-o", out, "-j", "2"] + opts, "logged", {"CCHC_TEST_LOG": str(log2)})
    _, err = rerun.communicate(timeout=400)
    assert rerun.returncode == 0, err
    redone = set(_lines(log2))
    assert not redone & done, f"finished files were redone: {sorted(redone & done)}"
    assert redone | done == {f.name for f in files}
    assert f"{len(done)} file(s) finished by an interrupted run kept" in err
    after, ref = _tables(out), _tables(clean)
    for t in TABLES:
        pd.testing.assert_frame_equal(after[t], ref[t], obj=t)
    assert not (out / ".cchc" / "journal.sqlite").exists()  # committed: the journal is gone


# --- 2. no orphans ---------------------------------------------------------------------------------

@pytest.mark.skipif(not Path("/proc/self/environ").exists(), reason="needs /proc")
def test_no_process_of_the_run_survives_its_parent(tmp_path):
    src, out = tmp_path / "in", tmp_path / "out"
    src.mkdir()
    for n in ("a.doc", "b.doc"):
        (src / n).write_bytes(n.encode())  # distinct bytes (identical files are processed once)
    tag = f"CCHC_TEST_TAG_{uuid.uuid4().hex}"
    proc = _cli_proc([src, "-o", out, "-j", "2", "--quiet", "--timeout", "600"], "spawn_and_hang", {tag: "1"})
    try:
        infos = [src / "a.doc.info", src / "b.doc.info"]
        assert _wait_for(lambda: all(i.exists() and i.read_text().count("\n") == 2 for i in infos), 300, proc), \
            proc.stderr.read() if proc.poll() is not None else "workers never started"
        run = _run_processes(tag)
        assert len(run) >= 5  # the parent, two workers, the children they started (and the reaper)
        os.kill(proc.pid, signal.SIGKILL)  # the parent only: its workers are in their own process groups
        proc.wait(30)
        assert _wait_for(lambda: not _run_processes(tag), 10), f"still alive: {_run_processes(tag)}"
        for info in infos:  # the workers' temp folders went with them
            assert _wait_for(lambda: not Path(info.read_text().split()[1]).parent.exists(), 10)
    finally:
        for pid in _run_processes(tag):
            os.kill(pid, signal.SIGKILL)


def test_cpu_time_limit_stops_a_spinning_file_and_keeps_the_others(tmp_path):
    from tests.slow_process import spin_on_spin_files

    (tmp_path / "spin.txt").write_text("x", "utf-8")
    (tmp_path / "good.txt").write_text(REPORT, "utf-8")
    results = []
    run_batch([(tmp_path / "spin.txt", tmp_path), (tmp_path / "good.txt", tmp_path)],
              Settings(workers=1, timeout_s=600, cpu_timeout_s=3), results.append, process=spin_on_spin_files)
    by = {r["documents"][0]["source_path"]: r for r in results}
    assert by["good.txt"]["documents"][0]["status"] == "ok"
    (err,) = by["spin.txt"]["errors"]
    assert err["error_type"] == "cpu-time" and "CPU time" in err["message"]


def test_a_worker_killed_from_outside_is_retried_once_before_the_file_is_blamed(tmp_path):
    from tests.slow_process import killed_from_outside

    for n in ("victim.txt", "victim_always.txt", "good.txt"):
        (tmp_path / n).write_text(REPORT.replace("12/", f"{len(n)}/"), "utf-8")
    results = []
    stats = run_batch([(tmp_path / n, tmp_path) for n in ("victim.txt", "victim_always.txt", "good.txt")],
                      Settings(workers=1, timeout_s=120), results.append, process=killed_from_outside)
    by = {r["documents"][0]["source_path"]: r for r in results}
    assert sorted(by) == ["good.txt", "victim.txt", "victim_always.txt"] and stats.files == 3
    assert by["victim.txt"]["documents"][0]["status"] == "ok"  # retried, and fine the second time
    (err,) = by["victim_always.txt"]["errors"]
    assert err["error_type"] == "worker-killed" and "SIGKILL" in err["message"] and "twice" in err["message"]
    assert "malformed" not in err["message"]


def test_a_file_killed_from_outside_twice_keeps_its_rows_and_is_tried_again_next_run(tmp_path):
    """Its documents and errors rows reach this run's tables; the journal does not count it as done."""
    from extract.journal import Journal
    from extract.pipeline import failure_rows, source_path_of
    from extract.writers.parquet import OutputSet

    src = tmp_path / "in"
    src.mkdir()
    (src / "victim.txt").write_text(REPORT, "utf-8")
    files = [(src / "victim.txt", src)]
    ids = {src / "victim.txt": failure_rows(src / "victim.txt", src, "read", "x", "x")["documents"][0]["doc_id"]}
    run, limits = {"pipeline_version": "t"}, {"timeout_s": 60}
    journal = Journal(tmp_path / "out", run, limits, TABLES)
    assert journal.split(files, source_path_of, ids) == files
    journal.add(failure_rows(src / "victim.txt", src, "read", "worker-killed", "killed by SIGKILL twice"))
    out = OutputSet(tmp_path / "out", TABLES)
    assert journal.copy_into(out, files, source_path_of, ids) == 1
    out.close()
    journal.close()
    assert pd.read_parquet(tmp_path / "out" / "documents.parquet")["source_path"].tolist() == ["victim.txt"]
    assert pd.read_parquet(tmp_path / "out" / "errors.parquet")["error_type"].tolist() == ["worker-killed"]
    again = Journal(tmp_path / "out", run, limits, TABLES)
    try:
        assert again.split(files, source_path_of, ids) == files  # not the file's doing: read again
    finally:
        again.close()


# --- 3. one writer per folder ----------------------------------------------------------------------

def test_two_runs_into_one_folder_one_refuses_and_the_outputs_are_the_others(tmp_path, capsys):
    a_in, b_in, out = tmp_path / "a", tmp_path / "b", tmp_path / "out"
    for d, name in ((a_in, "from_a.txt"), (b_in, "from_b.txt")):
        d.mkdir()
        (d / name).write_text(REPORT.replace("12/", f"{len(str(d))}/"), "utf-8")
    gate, marker = tmp_path / "gate", tmp_path / "started"
    proc = _cli_proc([a_in, "-o", out, "-j", "1", "--quiet"], "gated",
                     {"CCHC_TEST_GATE": str(gate), "CCHC_TEST_MARKER": str(marker)})
    try:
        assert _wait_for(marker.exists, 300, proc), proc.stderr.read() if proc.poll() is not None else "no start"
        capsys.readouterr()
        assert cli_main([str(b_in), "-o", str(out), "-j", "0", "--quiet"]) == 2  # refused, before any work
        err = capsys.readouterr().err.strip()
        assert err.startswith("error: another run (pid ") and f"{proc.pid}" in err and "\n" not in err
        assert not (out / "documents.parquet").exists()
        gate.touch()
        _, a_err = proc.communicate(timeout=300)
    finally:
        if proc.poll() is None:
            _kill_group(proc)
    assert proc.returncode == 0, a_err
    assert list(pd.read_parquet(out / "documents.parquet")["source_path"]) == ["from_a.txt"]
    assert not list(out.glob("*.tmp"))
    assert cli_main([str(b_in), "-o", str(out), "-j", "0", "--quiet"]) == 0  # the folder is free again
    assert list(pd.read_parquet(out / "documents.parquet")["source_path"]) == ["from_b.txt"]


def test_temp_files_of_dead_runs_are_removed_at_start(tmp_path):
    from extract.run_temp import PREFIX

    src, out = tmp_path / "in", tmp_path / "out"
    src.mkdir()
    (src / "a.txt").write_text(REPORT, "utf-8")
    out.mkdir()
    stale = [out / "references.parquet.4242-deadbeef.tmp", out / "references.parquet.tmp",
             out / "documents.parquet.4242-deadbeef.bak", out / "_run.json.4242-deadbeef.tmp"]
    for p in stale:
        p.write_bytes(b"PAR1 half a table")
    keep = out / "notes.txt"
    keep.write_text("mine")
    dead = Path(os.environ.get("TMPDIR", "/tmp")) / f"{PREFIX}999999_test{uuid.uuid4().hex[:6]}"
    (dead / "worker_x").mkdir(parents=True)
    (dead / ".lock").touch()  # nobody holds it: its run is dead
    assert cli_main([str(src), "-o", str(out), "-j", "1", "--quiet"]) == 0
    assert not [p for p in stale if p.exists()] and keep.exists()
    assert not dead.exists()


# --- 4. bounded memory -----------------------------------------------------------------------------

INCREMENTAL_PEAK_MB = 350  # the stated bound: --incremental over a 20,000-file previous output (measured ~270)


def _synthetic_previous(src: Path, out: Path, n: int) -> None:
    """n input files and previous outputs for them, written directly (as a finished run would)."""
    from extract.incremental import pipeline_version, run_settings, write_run_file
    from extract.readers import doc_id_of

    src.mkdir()
    out.mkdir()
    version = pipeline_version()
    ids = []
    for i in range(n):
        data = f"{REPORT}Bản số {i}.\n".encode()
        (src / f"r{i:05d}.txt").write_bytes(data)
        ids.append(hashlib.sha256(data).hexdigest()[:16])
    assert ids[0] == doc_id_of(src / "r00000.txt")
    names = [f"r{i:05d}.txt" for i in range(n)]
    page_text = "Báo cáo kết quả cải cách hành chính, trang {p} của hồ sơ {i}. " * 12  # ~0.8 kB a page

    def write(table: str, columns: dict) -> None:
        pq.write_table(pa.table(columns, schema=pa.schema([TABLES[table].field(c) for c in columns])),
                       out / f"{table}.parquet", row_group_size=20_000, compression="zstd")

    write("documents", {"doc_id": ids, "source_path": names, "source_format": ["txt"] * n, "status": ["ok"] * n,
                        "pipeline_version": [version] * n, "title": [f"Báo cáo {i}" for i in range(n)]})
    pages = 5
    write("pages", {"doc_id": [d for d in ids for _ in range(pages)],
                    "page": [p for _ in ids for p in range(1, pages + 1)],
                    "text": [page_text.format(p=p, i=i) for i in range(n) for p in range(pages)]})
    refs = 10
    write("references", {"doc_id": [d for d in ids for _ in range(refs)],
                         "cited_number": [f"{k}/2023/QĐ-UBND" for _ in ids for k in range(refs)],
                         "quote": [f"Quyết định số {k}/2023/QĐ-UBND ngày 01/01/2023" for _ in ids for k in range(refs)]})
    for t in TABLES:
        if not (out / f"{t}.parquet").exists():
            pq.write_table(TABLES[t].empty_table(), out / f"{t}.parquet")
    write_run_file(out / "_run.json", run_settings(Settings()))


def test_incremental_memory_over_a_20000_file_previous_output_stays_bounded(tmp_path):
    n = 20_000
    src, out = tmp_path / "in", tmp_path / "out"
    _synthetic_previous(src, out, n)
    code = ("import re, sys\n"
            "from extract.cli import main\n"
            f"rc = main([{str(src)!r}, '-o', {str(out)!r}, '--incremental', '-j', '1'])\n"
            "hwm = re.search(r'VmHWM:\\s+(\\d+)', open('/proc/self/status').read()).group(1)\n"  # this process's peak
            "print('PEAK_MB', int(hwm) // 1024, file=sys.stderr)\n"
            "sys.exit(rc)\n")
    proc = subprocess.run([sys.executable, "-c", code], cwd=ROOT, capture_output=True, text=True, timeout=600)
    assert proc.returncode == 0, proc.stderr
    assert f"{n} unchanged file(s) reused" in proc.stderr
    peak = int(proc.stderr.split("PEAK_MB")[1].split()[0])
    assert peak < INCREMENTAL_PEAK_MB, f"--incremental peaked at {peak} MB over {n} files"
    docs = pq.ParquetFile(out / "documents.parquet")
    assert docs.metadata.num_rows == n
    assert pq.ParquetFile(out / "pages.parquet").metadata.num_rows == 5 * n
    assert pq.ParquetFile(out / "references.parquet").metadata.num_rows == 10 * n


# --- 5. clear messages -------------------------------------------------------------------------------

def test_a_worker_that_dies_before_it_is_ready_is_replaced(tmp_path, monkeypatch):
    import tests.early_death as early  # imported here first: its side effect only acts in workers

    from extract.worker import WorkerStartError

    for n in ("a.txt", "b.txt", "c.txt"):
        (tmp_path / n).write_text(REPORT.replace("12/", f"{ord(n[0])}/"), "utf-8")
    files = [(tmp_path / n, tmp_path) for n in ("a.txt", "b.txt", "c.txt")]
    deaths = tmp_path / "deaths"
    deaths.mkdir()
    monkeypatch.setenv("CCHC_TEST_EARLY_DEATHS", f"{deaths}:2")
    results = []
    stats = run_batch(files, Settings(workers=1, timeout_s=120), results.append, process=early.process)
    assert len(list(deaths.iterdir())) == 2  # two workers died before they were ready, and were replaced
    assert sorted(r["documents"][0]["source_path"] for r in results) == ["a.txt", "b.txt", "c.txt"]
    assert all(r["documents"][0]["status"] == "ok" for r in results) and stats.restarts >= 2
    # workers that keep dying before they are ready: a clear message, not a file's fault, no memory advice
    more = tmp_path / "more"
    more.mkdir()
    monkeypatch.setenv("CCHC_TEST_EARLY_DEATHS", f"{more}:50")
    with pytest.raises(WorkerStartError) as e:
        run_batch(files, Settings(workers=1, timeout_s=120), results.append, process=early.process)
    msg = str(e.value)
    assert "died before they were ready" in msg and "SIGKILL" in msg and "not a problem with a file" in msg
    assert "--memory-mb" not in msg


def _flip(paths: list[Path], on: bool) -> bool:
    flag = "+i" if on else "-i"
    try:
        r = subprocess.run(["chattr", flag] + [str(p) for p in paths], capture_output=True, timeout=30)
    except (OSError, subprocess.TimeoutExpired):
        return False
    return r.returncode == 0


def _state_files(out: Path) -> list[Path]:
    return [out] + sorted(out.rglob("*"))


@pytest.mark.parametrize("how", ["immutable", "injected"])
def test_an_output_folder_that_turns_read_only_mid_run_ends_with_a_clear_message(tmp_path, capsys, monkeypatch,
                                                                              how):
    import extract.journal as journal_mod

    src, out = tmp_path / "in", tmp_path / "out"
    src.mkdir()
    names = [f"f{i}.txt" for i in range(4)]
    for i, n in enumerate(names):
        (src / n).write_text(REPORT.replace("12/", f"{i + 20}/"), "utf-8")
    (src / "prev.txt").write_text(REPORT, "utf-8")
    assert cli_main([str(src / "prev.txt"), "-o", str(out), "-j", "0", "--quiet"]) == 0
    before = {p.name: p.read_bytes() for p in out.glob("*.parquet")}
    done = []
    flipped = []
    real_add = journal_mod.Journal.add

    def add(self, result):
        if len(done) == 2 and not flipped:  # the folder turns read-only after two files
            if how == "immutable":
                if not _flip(_state_files(out), True):
                    pytest.skip("chattr +i is not available here (needs an ext2/3/4-like file system and root)")
            else:
                monkeypatch.setattr(journal_mod.Journal, "_write_entry", _read_only)
            flipped.append(True)
        done.append(result)
        return real_add(self, result)

    def _read_only(self, *a, **k):
        raise sqlite3.OperationalError("attempt to write a readonly database")

    monkeypatch.setattr(journal_mod.Journal, "add", add)
    capsys.readouterr()
    try:
        rc = cli_main([str(src), "-o", str(out), "-j", "0", "--quiet"])
    finally:
        if how == "immutable" and flipped:
            _flip(_state_files(out), False)
    err = capsys.readouterr().err.strip()
    assert rc == 1 and "\n" not in err and "Traceback" not in err, err
    assert err.startswith(f"error: could not write the outputs to {out}/") and "previous outputs were kept" in err
    if how == "injected":
        assert "read-only" in err and "2 finished file(s) are kept" in err and "resumes" in err
    assert {p.name: p.read_bytes() for p in out.glob("*.parquet")} == before
    monkeypatch.undo()
    assert cli_main([str(src), "-o", str(out), "-j", "0"]) == 0  # writable again: the run resumes
    resumed = capsys.readouterr().err
    assert ("2 file(s) finished by an interrupted run kept" in resumed) if how == "injected" else "kept" in resumed
    assert sorted(pd.read_parquet(out / "documents.parquet")["source_path"]) == sorted(names + ["prev.txt"])


def test_a_commit_killed_while_renaming_is_finished_by_the_next_run(tmp_path):
    """The state a kill -9 leaves between two renames: some tables new, some old, a manifest."""
    from extract.writers.parquet import COMMIT_PREFIX, OutputSet, recover_commits

    out = tmp_path / "out"
    out.mkdir()
    old = OutputSet(out, TABLES)
    old.write("documents", [{"doc_id": "old", "source_path": "old.pdf", "status": "ok"}])
    old.close()
    new = OutputSet(out, TABLES)
    new.write("documents", [{"doc_id": "new", "source_path": "new.pdf", "status": "ok"}])
    new.write("references", [{"doc_id": "new", "cited_number": "1/2023/QĐ-UBND"}])
    for s in new.sinks.values():
        s.finish()
    moves = [(s.tmp, s.path) for s in new.sinks.values()]
    (out / f"{COMMIT_PREFIX}{new.tag}.json").write_text(json.dumps([[str(t), str(f)] for t, f in moves]))
    os.replace(*moves[-1])  # killed after the first rename
    assert recover_commits(out) == 1
    assert list(pd.read_parquet(out / "documents.parquet")["doc_id"]) == ["new"]
    assert list(pd.read_parquet(out / "references.parquet")["doc_id"]) == ["new"]
    assert not list(out.glob("*.tmp")) and not list(out.glob(f"{COMMIT_PREFIX}*"))
