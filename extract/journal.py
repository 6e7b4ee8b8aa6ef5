"""The run journal: each finished file's rows, kept as soon as they arrive, so a run that dies resumes.

The journal is a small SQLite database in the output folder (`.cchc/journal.sqlite`; a commit
survives the process being killed at any moment). For each finished file it holds the
file's rows, already checked against the schemas (`extract.writers.results.result_tables`), one
Arrow IPC blob per table, under a key made of the file's content hash (doc_id), its source_path
and the run's settings (`incremental.run_settings`: extractors, tables, OCR, pipeline version).

* A run first asks the journal which of its files are already done (`split`): those are not
  processed again. So running the same command again after a crash, a kill -9, Ctrl-C or a full
  disk redoes only the files that had not finished.
* The final tables are assembled from the journal in the order of the run's files (`copy_into`)
  and replace the old ones all or nothing (`writers.parquet.OutputSet`); then the journal is
  removed (`clear`).
* Entries made with other settings are dropped when the journal is opened. A file that failed
  because it hit a limit (time, CPU, memory) is reused only under the same limits; one whose
  worker was killed from outside is not journalled (the next run tries it again).
"""
from __future__ import annotations

import hashlib
import json
import sqlite3
import time
from pathlib import Path
from typing import Any, Iterable, Mapping

import pyarrow as pa

from .writers.results import result_tables

DIR_NAME = ".cchc"  # inside the output folder: the lock and the journal
DB_NAME = "journal.sqlite"
LIMIT_ERRORS = {"timeout", "cpu-time", "worker-crash", "memory"}  # depend on --timeout/--memory-mb
NOT_KEPT = {"worker-killed"}  # not the file's doing: its rows go into this run's tables, the next run tries again
RETRY = "retry"  # an entry's `limits` that no run's limits equal: written this run, never reused
_IPC = pa.ipc.IpcWriteOptions(compression="zstd")

SCHEMA = """
CREATE TABLE IF NOT EXISTS entries (
  id INTEGER PRIMARY KEY,
  key TEXT NOT NULL UNIQUE,
  settings TEXT NOT NULL,
  doc_id TEXT, source_path TEXT NOT NULL, status TEXT,
  limits TEXT,
  created REAL NOT NULL
);
CREATE TABLE IF NOT EXISTS fragments (
  entry INTEGER NOT NULL,
  tbl TEXT NOT NULL,
  data BLOB NOT NULL
);
CREATE INDEX IF NOT EXISTS fragments_entry ON fragments(entry);
"""


class JournalError(OSError):
    """The journal could not be written or read (read-only folder, full disk, damaged database)."""


def _digest(obj: Any) -> str:
    return hashlib.sha256(json.dumps(obj, sort_keys=True, default=str).encode()).hexdigest()[:24]


def _ipc(table: pa.Table) -> bytes:
    sink = pa.BufferOutputStream()
    with pa.ipc.new_stream(sink, table.schema, options=_IPC) as w:
        w.write_table(table)
    return sink.getvalue().to_pybytes()


def _table(blob: bytes) -> pa.Table:
    return pa.ipc.open_stream(pa.py_buffer(blob)).read_all()


def _os_error(e: sqlite3.Error, what: str) -> JournalError:
    msg = str(e)
    if "readonly" in msg or "read-only" in msg:
        msg = "read-only file system or folder"
    elif "full" in msg:
        msg = "no space left on device"
    return JournalError(f"{what}: {msg}")


def journal_exists(out_dir: Path) -> bool:
    """Whether a run into `out_dir` left a journal (killed before it committed: its finished files are
    still to be written into the tables)."""
    return (Path(out_dir) / DIR_NAME / DB_NAME).exists()


class Journal:
    def __init__(self, out_dir: Path, run: Mapping[str, Any], limits: Mapping[str, Any],
                 schemas: Mapping[str, pa.Schema]) -> None:
        self.dir = Path(out_dir) / DIR_NAME
        self.path = self.dir / DB_NAME
        self.settings = _digest(run)
        self.limits = json.dumps(dict(limits), sort_keys=True)
        self.schemas = schemas
        self.resumed = 0  # files found done in the journal
        self._done: dict[tuple[str | None, str], int] = {}  # (doc_id, source_path) -> entry, for this run
        try:
            self.dir.mkdir(parents=True, exist_ok=True)
            try:
                self._open()
            except sqlite3.DatabaseError as e:
                if isinstance(e, sqlite3.OperationalError):
                    raise
                self.close()  # damaged (a power cut?): it only held work that can be redone
                self.clear()
                self._open()
        except sqlite3.Error as e:
            raise _os_error(e, f"cannot open the run journal {self.path}") from e

    def _open(self) -> None:
        # A rollback journal, not WAL: WAL's shared-memory index is a mapped file, and a folder that
        # turns read-only under a mapped file kills the process (SIGBUS) instead of raising an error.
        # synchronous=OFF: a commit survives the process being killed at any moment (the data is in
        # the kernel); a power cut may damage the journal, which is then discarded.
        self.db = sqlite3.connect(self.path, timeout=60, isolation_level=None)
        self.db.execute("PRAGMA journal_mode=TRUNCATE")
        self.db.execute("PRAGMA synchronous=OFF")
        self.db.executescript(SCHEMA)
        old = [r[0] for r in self.db.execute("SELECT id FROM entries WHERE settings != ?", (self.settings,))]
        if old:
            self._delete(old)

    def _key(self, doc_id: str | None, source_path: str) -> str:
        return _digest([self.settings, doc_id, source_path])

    def _delete(self, ids: list[int]) -> None:
        self.db.execute("BEGIN")
        for i in range(0, len(ids), 500):
            chunk = ids[i:i + 500]
            marks = ",".join("?" * len(chunk))
            self.db.execute(f"DELETE FROM fragments WHERE entry IN ({marks})", chunk)
            self.db.execute(f"DELETE FROM entries WHERE id IN ({marks})", chunk)
        self.db.execute("COMMIT")

    # -- resume ------------------------------------------------------------------------------

    def split(self, files: list[tuple[Path, Path]], source_path_of,
              ids: Mapping[Path, str | None]) -> list[tuple[Path, Path]]:
        """The files still to process; those already journalled (same content, path, settings) are done."""
        todo = []
        for path, root in files:
            did, sp = ids.get(path), source_path_of(path, root)
            row = None
            if did is not None:
                row = self.db.execute("SELECT id, limits FROM entries WHERE key = ?", (self._key(did, sp),)).fetchone()
            if row is not None and (row[1] is None or row[1] == self.limits):
                self._done[(did, sp)] = row[0]
                self.resumed += 1
            else:
                todo.append((path, root))
        return todo

    # -- journalling ---------------------------------------------------------------------------

    def add(self, result: Mapping[str, list[dict]]) -> dict[str, pa.Table]:
        """Journal one file's rows (committed before this returns); returns them as checked tables."""
        tables = result_tables(self.schemas, result)
        docs = result.get("documents") or [{}]
        doc = docs[0]
        doc_id, sp = doc.get("doc_id"), doc.get("source_path")
        if sp is None:
            return tables
        kinds = {e.get("error_type") for e in result.get("errors") or []}
        if kinds & NOT_KEPT:
            limits = RETRY
        elif doc.get("status") == "error" and kinds & LIMIT_ERRORS:
            limits = self.limits  # reused only by a run with the same limits
        else:
            limits = None
        try:
            entry = self._write_entry(self._key(doc_id, str(sp)), doc_id, str(sp), doc.get("status"), limits, tables)
        except sqlite3.Error as e:
            try:
                self.db.execute("ROLLBACK")
            except sqlite3.Error:
                pass
            raise _os_error(e, f"could not journal the rows of {sp}") from e
        self._done[(doc_id, str(sp))] = entry
        return tables

    def _write_entry(self, key: str, doc_id: str | None, source_path: str, status: str | None,
                     limits: str | None, tables: Mapping[str, pa.Table]) -> int:
        """One file's entry and its tables, in one transaction (a newer entry for the same key replaces it)."""
        self.db.execute("BEGIN IMMEDIATE")
        old = self.db.execute("SELECT id FROM entries WHERE key = ?", (key,)).fetchone()
        if old is not None:
            self.db.execute("DELETE FROM fragments WHERE entry = ?", (old[0],))
            self.db.execute("DELETE FROM entries WHERE id = ?", (old[0],))
        cur = self.db.execute(
            "INSERT INTO entries (key, settings, doc_id, source_path, status, limits, created) "
            "VALUES (?, ?, ?, ?, ?, ?, ?)", (key, self.settings, doc_id, source_path, status, limits, time.time()))
        entry = cur.lastrowid
        self.db.executemany("INSERT INTO fragments (entry, tbl, data) VALUES (?, ?, ?)",
                            [(entry, name, _ipc(t)) for name, t in tables.items() if t.num_rows])
        self.db.execute("COMMIT")
        return entry

    # -- assembly -------------------------------------------------------------------------------

    def tables_of(self, entry: int) -> Iterable[tuple[str, pa.Table]]:
        try:
            rows = self.db.execute("SELECT tbl, data FROM fragments WHERE entry = ? ORDER BY rowid", (entry,)).fetchall()
        except sqlite3.Error as e:
            raise _os_error(e, "could not read the run journal") from e
        for name, blob in rows:
            yield name, _table(blob)

    def copy_into(self, out, files: list[tuple[Path, Path]], source_path_of,
                  ids: Mapping[Path, str | None]) -> int:
        """Write the journalled rows of `files` (in that order) into the output set; returns how many files."""
        by_path: dict[str, int] = {}
        for (did, sp), entry in self._done.items():
            by_path.setdefault(sp, entry)
        n = 0
        for path, root in files:
            sp = source_path_of(path, root)
            entry = self._done.get((ids.get(path), sp))
            if entry is None:  # processed this run, but its content changed since it was planned
                entry = by_path.get(sp)
            if entry is None:
                continue
            for name, table in self.tables_of(entry):
                out.write(name, table)
            n += 1
        return n

    def kept_note(self) -> str:
        """For an error message: what a re-run will not redo."""
        n = len(self._done)
        return (f"; {n} finished file(s) are kept in {self.path}: the same command resumes the run" if n else "")

    def clear(self) -> None:
        """The run is committed: remove the journal."""
        self.close()
        for suffix in ("", "-wal", "-shm", "-journal"):
            try:
                Path(str(self.path) + suffix).unlink(missing_ok=True)
            except OSError:
                pass

    def close(self) -> None:
        try:
            if getattr(self, "db", None) is not None:
                self.db.close()
        except sqlite3.Error:
            pass
