"""Streaming, atomic Parquet writing with the declared schemas.

Rows are buffered per table and written in row groups to `<name>.parquet.tmp`;
`close()` renames into place, so a killed run never leaves a half-written
Parquet file behind (the previous complete file, if any, stays).
"""
from __future__ import annotations

import datetime as dt
import os
from pathlib import Path
from typing import Any, Iterable, Mapping

import pyarrow as pa
import pyarrow.parquet as pq

from ..schemas import TABLES


def _coerce(value: Any, typ: pa.DataType) -> Any:
    if value is None:
        return None
    if isinstance(value, float) and value != value:  # NaN -> null
        return None
    if pa.types.is_string(typ):
        s = str(value)
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
    rows = list(rows)
    for r in rows:
        extra = set(r) - set(schema.names)
        if extra:
            raise ValueError(f"columns not in the schema: {sorted(extra)}")
    cols = {f.name: [_coerce(r.get(f.name), f.type) for r in rows] for f in schema}
    return pa.table({n: pa.array(v, type=schema.field(n).type) for n, v in cols.items()}, schema=schema)


class ParquetSink:
    def __init__(self, path: Path, schema: pa.Schema, batch_rows: int = 20_000) -> None:
        self.path, self.schema, self.batch_rows = Path(path), schema, batch_rows
        self.tmp = self.path.with_name(self.path.name + ".tmp")
        self._writer: pq.ParquetWriter | None = None
        self._buf: list[Mapping[str, Any]] = []
        self.rows = 0

    def write(self, rows: Iterable[Mapping[str, Any]]) -> None:
        for r in rows:
            self._buf.append(r)
            self.rows += 1
        if len(self._buf) >= self.batch_rows:
            self.flush()

    def flush(self) -> None:
        if self._writer is None:
            self.tmp.parent.mkdir(parents=True, exist_ok=True)
            self._writer = pq.ParquetWriter(self.tmp, self.schema, compression="zstd")
        if self._buf:
            self._writer.write_table(to_table(self._buf, self.schema))
            self._buf = []

    def close(self) -> None:
        self.flush()
        assert self._writer is not None
        self._writer.close()
        os.replace(self.tmp, self.path)

    def abort(self) -> None:
        if self._writer is not None:
            self._writer.close()
        self.tmp.unlink(missing_ok=True)


class OutputSet:
    """One sink per contract table under `out_dir`."""

    def __init__(self, out_dir: Path, tables: Mapping[str, pa.Schema] = TABLES) -> None:
        self.out_dir = Path(out_dir)
        self.sinks = {name: ParquetSink(self.out_dir / f"{name}.parquet", schema) for name, schema in tables.items()}

    def write(self, table: str, rows: Iterable[Mapping[str, Any]]) -> None:
        self.sinks[table].write(rows)

    def counts(self) -> dict[str, int]:
        return {n: s.rows for n, s in self.sinks.items()}

    def close(self) -> None:
        for s in self.sinks.values():
            s.close()

    def abort(self) -> None:
        for s in self.sinks.values():
            s.abort()


def write_table(path: Path, rows: Iterable[Mapping[str, Any]], schema: pa.Schema) -> None:
    sink = ParquetSink(path, schema)
    sink.write(rows)
    sink.close()
