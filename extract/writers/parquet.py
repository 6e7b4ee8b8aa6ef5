"""Streaming, all-or-nothing Parquet writing with the declared schemas.

Each file's rows are converted to the table's schema as they arrive (a value
that does not fit raises `RowError` naming the column, so the caller can turn
it into an `errors` row for that file) and written in row groups to
`<name>.parquet.tmp`. `OutputSet.close()` first finishes every table, then
renames them all into place; if anything fails, every `.tmp` is removed and
the previous outputs stay as they were (a killed or failed run never leaves a
half-written or half-updated set of tables behind).
"""
from __future__ import annotations

import datetime as dt
import os
import re
from pathlib import Path
from typing import Any, Iterable, Mapping

import pyarrow as pa
import pyarrow.parquet as pq

from ..schemas import TABLES

# UTF-8 cannot store UTF-16 surrogates: a lone one (a PDF glyph outside the BMP
# read as half a pair) or a file-name byte that was not UTF-8 (surrogateescape).
_SURROGATE = re.compile("[\ud800-\udfff]")


def clean_str(s: str) -> str:
    """`s` with every surrogate code point replaced by U+FFFD (same length, so offsets stay valid)."""
    return _SURROGATE.sub("\ufffd", s) if _SURROGATE.search(s) else s


class RowError(ValueError):
    """A value that does not fit its table's schema."""

    def __init__(self, column: str | None, value: Any, reason: str) -> None:
        self.column, self.value, self.reason = column, value, reason
        shown = clean_str(repr(value))
        where = f"column {column!r} " if column else ""
        super().__init__(f"{where}cannot hold {shown[:80]}: {reason}" if column else reason)


def _coerce(value: Any, typ: pa.DataType) -> Any:
    if value is None:
        return None
    if isinstance(value, float) and value != value:  # NaN -> null
        return None
    if pa.types.is_string(typ):
        s = clean_str(value if isinstance(value, str) else str(value))
        return s if s != "" else None
    if pa.types.is_integer(typ):
        return int(value)
    if pa.types.is_floating(typ):
        return float(value)
    if pa.types.is_date32(typ):
        if isinstance(value, dt.datetime):
            return value.date()
        if isinstance(value, dt.date):
            return value
        return dt.date.fromisoformat(str(value)[:10])
    return value


def to_table(rows: Iterable[Mapping[str, Any]], schema: pa.Schema) -> pa.Table:
    """Rows -> a table of `schema`; raises `RowError` on a column or value that does not fit."""
    rows = list(rows)
    names = set(schema.names)
    for r in rows:
        extra = set(r) - names
        if extra:
            raise RowError(None, None, f"columns not in the schema: {sorted(map(str, extra))}")
    arrays = []
    for f in schema:
        values = []
        for r in rows:
            v = r.get(f.name)
            try:
                values.append(_coerce(v, f.type))
            except (ValueError, TypeError, OverflowError) as e:
                raise RowError(f.name, v, f"{type(e).__name__}: {e}") from e
        try:
            arrays.append(pa.array(values, type=f.type))
        except (pa.ArrowException, ValueError, TypeError, OverflowError) as e:
            raise RowError(f.name, None, f"{type(e).__name__}: {e}") from e
    return pa.Table.from_arrays(arrays, schema=schema)


class ParquetSink:
    def __init__(self, path: Path, schema: pa.Schema, batch_rows: int = 20_000, batch_bytes: int = 4 << 20) -> None:
        # a row group is written every `batch_rows` rows or `batch_bytes` of buffered data, whichever comes
        # first: the parent's memory stays flat however many files a run reads (page texts are large rows)
        self.path, self.schema, self.batch_rows, self.batch_bytes = Path(path), schema, batch_rows, batch_bytes
        self.tmp = self.path.with_name(self.path.name + ".tmp")
        self._writer: pq.ParquetWriter | None = None
        self._buf: list[pa.Table] = []
        self._buffered = 0
        self._buffered_bytes = 0
        self.rows = 0

    def write(self, rows: Iterable[Mapping[str, Any]] | pa.Table) -> None:
        """Add rows (validated now: a `RowError` leaves the sink unchanged)."""
        table = rows if isinstance(rows, pa.Table) else to_table(rows, self.schema)
        if table.num_rows == 0:
            return
        self._buf.append(table)
        self._buffered += table.num_rows
        self._buffered_bytes += table.nbytes
        self.rows += table.num_rows
        if self._buffered >= self.batch_rows or self._buffered_bytes >= self.batch_bytes:
            self.flush()

    def flush(self) -> None:
        if self._writer is None:
            self.tmp.parent.mkdir(parents=True, exist_ok=True)
            self._writer = pq.ParquetWriter(self.tmp, self.schema, compression="zstd")
        if self._buf:
            self._writer.write_table(pa.concat_tables(self._buf))
            self._buf, self._buffered, self._buffered_bytes = [], 0, 0

    def finish(self) -> None:
        """Complete `<name>.parquet.tmp` (not yet in place)."""
        self.flush()
        assert self._writer is not None
        self._writer.close()
        self._writer = None

    def close(self) -> None:
        self.finish()
        os.replace(self.tmp, self.path)

    def abort(self) -> None:
        if self._writer is not None:
            try:
                self._writer.close()
            except Exception:  # noqa: BLE001 - removing the file is what matters
                pass
            self._writer = None
        self._buf, self._buffered = [], 0
        self.tmp.unlink(missing_ok=True)


def _backup(path: Path) -> Path | None:
    """A hard link to the current `path` (to restore it if the commit fails), or None."""
    if not path.exists():
        return None
    bak = path.with_name(path.name + ".bak")
    bak.unlink(missing_ok=True)
    try:
        os.link(path, bak)
    except OSError:
        return None
    return bak


class OutputSet:
    """One sink per contract table under `out_dir`, committed all together."""

    def __init__(self, out_dir: Path, tables: Mapping[str, pa.Schema] = TABLES) -> None:
        self.out_dir = Path(out_dir)
        self.sinks = {name: ParquetSink(self.out_dir / f"{name}.parquet", schema) for name, schema in tables.items()}

    def write(self, table: str, rows: Iterable[Mapping[str, Any]] | pa.Table) -> None:
        self.sinks[table].write(rows)

    def counts(self) -> dict[str, int]:
        return {n: s.rows for n, s in self.sinks.items()}

    def close(self, extra: Iterable[tuple[Path, Path]] = ()) -> None:
        """Finish every table, then rename all into place (plus `extra` (tmp, final) files, last).

        On any error every `.tmp` is removed and the previous files are kept.
        """
        extra = list(extra)
        try:
            for s in self.sinks.values():
                s.finish()
        except BaseException:
            self.abort(extra)
            raise
        moves = [(s.tmp, s.path) for s in self.sinks.values()] + extra
        done: list[tuple[Path, bool, Path | None]] = []  # (final, existed before, backup)
        try:
            for tmp, final in moves:
                existed = final.exists()
                bak = _backup(final)
                done.append((final, existed, bak))
                os.replace(tmp, final)
        except BaseException:
            for final, existed, bak in reversed(done):  # put the previous files back
                try:
                    if bak is not None:
                        os.replace(bak, final)
                    elif not existed:
                        final.unlink(missing_ok=True)
                except OSError:
                    pass
            self.abort(extra)
            raise
        finally:
            for _, _, bak in done:
                if bak is not None:
                    bak.unlink(missing_ok=True)

    def abort(self, extra: Iterable[tuple[Path, Path]] = ()) -> None:
        for s in self.sinks.values():
            s.abort()
        for tmp, _ in extra:
            Path(tmp).unlink(missing_ok=True)


def write_table(path: Path, rows: Iterable[Mapping[str, Any]], schema: pa.Schema) -> None:
    sink = ParquetSink(path, schema)
    sink.write(rows)
    sink.close()
