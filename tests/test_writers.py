"""Parquet outputs: strings UTF-8 cannot hold are cleaned; the set of tables is replaced all or nothing."""
from __future__ import annotations

import os

import pandas as pd
import pytest

from extract.schemas import PAGES, TABLES
from extract.writers import parquet
from extract.writers.parquet import OutputSet, to_table


def test_lone_surrogates_are_replaced_keeping_offsets(tmp_path):
    text = "a \ud83d b \udce1 c"  # half an emoji pair; a surrogate-escaped byte
    sink = parquet.ParquetSink(tmp_path / "pages.parquet", PAGES)
    sink.write([{"doc_id": "d", "page": 1, "text": text}])
    sink.close()
    stored = pd.read_parquet(tmp_path / "pages.parquet")["text"].iloc[0]
    assert stored == "a \ufffd b \ufffd c" and len(stored) == len(text)


def test_a_value_that_does_not_fit_names_its_column():
    from extract.writers.parquet import RowError

    with pytest.raises(RowError, match="'page'"):
        to_table([{"doc_id": "d", "page": "first", "text": "x"}], PAGES)
    with pytest.raises(RowError, match="not in the schema"):
        to_table([{"doc_id": "d", "pgae": 1}], PAGES)


def _previous(out):
    first = OutputSet(out, TABLES)
    first.write("documents", [{"doc_id": "old", "source_path": "old.pdf", "status": "ok"}])
    first.close()
    return {p.name: p.read_bytes() for p in out.iterdir()}


def _new(out):
    new = OutputSet(out, TABLES)
    new.write("documents", [{"doc_id": "new", "source_path": "new.pdf", "status": "ok"}])
    new.write("par_scores", [{"doc_id": "new", "component": "total", "score": 80.0}])
    return new


def test_a_failure_while_finishing_one_table_keeps_every_previous_table(tmp_path, monkeypatch):
    out = tmp_path / "out"
    before = _previous(out)
    new = _new(out)
    real_finish = parquet.ParquetSink.finish

    def finish(self):
        if self.path.name == "par_scores.parquet":
            raise OSError(28, "No space left on device")
        real_finish(self)

    monkeypatch.setattr(parquet.ParquetSink, "finish", finish)
    with pytest.raises(OSError):
        new.close()
    assert {p.name: p.read_bytes() for p in out.iterdir()} == before  # no table renamed, no .tmp left


def test_a_failure_while_renaming_puts_the_previous_tables_back(tmp_path, monkeypatch):
    out = tmp_path / "out"
    before = _previous(out)
    (out / "errors.parquet").unlink()  # a table the previous run did not have
    del before["errors.parquet"]
    new = _new(out)
    real_replace, calls = os.replace, []

    def replace(src, dst):
        calls.append(dst)
        if str(dst).endswith("par_scores.parquet"):
            raise OSError(5, "Input/output error")
        real_replace(src, dst)

    monkeypatch.setattr(parquet.os, "replace", replace)
    with pytest.raises(OSError):
        new.close(extra=[])
    assert len(calls) > 3  # documents, pages... were renamed before the failure
    assert {p.name: p.read_bytes() for p in out.iterdir()} == before
