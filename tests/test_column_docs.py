"""Every column is documented, in docs/TABLES.md and in the Parquet files themselves."""
from __future__ import annotations

import json
from pathlib import Path

import pyarrow.parquet as pq
import pytest

from extract.column_docs import KEY, VOCAB_FILE, tables_markdown, vocab
from extract.schemas import DERIVED_TABLES, HOSO_FIELDS, PAR_COMPONENTS, TABLES, TTHC_METRICS
from tests.helpers import SHARED

ROOT = Path(__file__).resolve().parents[1]
ALL = {**TABLES, **DERIVED_TABLES}


@pytest.mark.parametrize("table", sorted(ALL))
def test_every_column_has_a_description(table):
    schema = ALL[table]
    missing = [f.name for f in schema if not (f.metadata or {}).get(KEY, b"").strip()]
    assert not missing, f"{table}: describe {missing} in extract/column_docs.yaml"
    assert (schema.metadata or {}).get(KEY), f"{table}: no table description"


def test_tables_md_is_current():
    assert (ROOT / "docs" / "TABLES.md").read_text("utf-8").rstrip() == tables_markdown().rstrip(), \
        "run: python -m extract.column_docs > docs/TABLES.md"


def test_parquet_files_carry_the_descriptions(corpus_outputs):
    for name in ALL:
        schema = pq.read_schema(corpus_outputs / f"{name}.parquet")
        for f in schema:
            assert (f.metadata or {}).get(KEY), (name, f.name)
    assert b"restate" in pq.read_schema(corpus_outputs / "hoso.parquet").field("restates").metadata[KEY]


def test_vocabularies_copied_and_in_use():
    v = vocab()
    assert list(v["hoso_fields"]) == HOSO_FIELDS
    assert list(v["tthc_metrics"]) == TTHC_METRICS
    assert list(v["par_components"]) == PAR_COMPONENTS
    shared = SHARED / "contract" / "vocab.json"
    if shared.exists():
        assert json.loads(shared.read_text("utf-8")) == json.loads(VOCAB_FILE.read_text("utf-8")), \
            "the contract's vocab.json changed: copy it to extract/vocab.json"
