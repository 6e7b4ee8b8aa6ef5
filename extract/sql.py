"""SQL over the outputs with DuckDB: one view per Parquet table, names quoted (so `"references"`,
a reserved word, works).

    python -m extract.sql outputs 'SELECT province, SUM(received) FROM summary GROUP BY 1'
    python -m extract.sql outputs --tables           # the views and their row counts
    duckdb outputs/cchc.duckdb                       # the database file `make extract` writes

`outputs/cchc.duckdb` holds the same views; they point at the Parquet files by absolute path, so
after moving the folder run `python -m extract.sql NEW_FOLDER --rebuild` (or use `connect`, which
builds them in memory wherever the folder is).
"""
from __future__ import annotations

import os
import sys
from pathlib import Path

import duckdb

from .outputs_cli import no_run_in, outputs_parser

DATABASE = "cchc.duckdb"


def quote(name: str) -> str:
    return '"' + name.replace('"', '""') + '"'


def _literal(path: Path) -> str:
    return "'" + str(path).replace("'", "''") + "'"


def tables(out_dir: Path) -> dict[str, Path]:
    """Table name -> Parquet file, for every table in the folder."""
    return {p.stem: p.resolve() for p in sorted(Path(out_dir).glob("*.parquet"))}


def create_views(con: duckdb.DuckDBPyConnection, out_dir: Path) -> list[str]:
    names = []
    for name, path in tables(out_dir).items():
        con.execute(f"CREATE OR REPLACE VIEW {quote(name)} AS SELECT * FROM read_parquet({_literal(path)})")
        names.append(name)
    return names


def connect(out_dir: Path | str) -> duckdb.DuckDBPyConnection:
    """An in-memory DuckDB with a view per table of `out_dir`."""
    con = duckdb.connect()
    create_views(con, Path(out_dir))
    return con


def write_database(out_dir: Path | str) -> Path:
    """(Re)write `out_dir/cchc.duckdb` with the views (written aside, then moved into place)."""
    out_dir = Path(out_dir)
    final, tmp = out_dir / DATABASE, out_dir / (DATABASE + ".tmp")
    for p in (tmp, Path(str(tmp) + ".wal")):
        p.unlink(missing_ok=True)
    con = duckdb.connect(str(tmp))
    try:
        create_views(con, out_dir)
    finally:
        con.close()
    os.replace(tmp, final)
    return final


def main(argv: list[str] | None = None) -> int:
    ap = outputs_parser("python -m extract.sql", __doc__)
    ap.add_argument("query", nargs="?", help="a SQL query (quote \"references\")")
    ap.add_argument("--tables", action="store_true", help="list the views and their row counts")
    ap.add_argument("--rebuild", action="store_true", help=f"rewrite OUTPUTS/{DATABASE}")
    a = ap.parse_args(argv)
    if no_run_in(a.outputs):
        return 2
    if a.rebuild:
        print(write_database(a.outputs))
    con = connect(a.outputs)
    if a.tables or not (a.query or a.rebuild):
        for name in tables(a.outputs):
            n = con.execute(f"SELECT COUNT(*) FROM {quote(name)}").fetchone()[0]
            print(f"{name:14} {n:>8} rows")
    if a.query:
        try:
            print(con.sql(a.query).df().to_string(index=False))
        except duckdb.Error as e:
            print(f"error: {e}", file=sys.stderr)
            return 1
    return 0


if __name__ == "__main__":
    sys.exit(main())
