"""Column descriptions: one place (extract/column_docs.yaml) for docs/TABLES.md and Parquet field metadata.

    python -m extract.column_docs > docs/TABLES.md     # regenerate the reference page

`describe(table, schema)` returns the schema with each field's description in its
metadata (key b"description") and the table's in the schema metadata, so a
Parquet file written with it shows them in `pyarrow.parquet.read_schema(path)`.
"""
from __future__ import annotations

import functools
import json
import sys
from pathlib import Path

import pyarrow as pa
import yaml

DOCS_FILE = Path(__file__).with_name("column_docs.yaml")
VOCAB_FILE = Path(__file__).with_name("vocab.json")
KEY = b"description"


@functools.lru_cache(maxsize=1)
def _docs() -> dict:
    from .rules import _SafeLoader  # libyaml's safe parser when there (tests/test_patterns.py compares both)

    return yaml.load(DOCS_FILE.read_text("utf-8"), Loader=_SafeLoader)  # noqa: S506 - a safe loader


def table_doc(table: str) -> dict:
    """{"description", "origin", "columns": {name: text}} for `table` (evidence columns included)."""
    d = _docs().get(table) or {}
    cols = dict(_docs().get("_evidence", {}))
    if d.get("columns_from_vocab"):  # one column per vocabulary entry (hoso_summary: one per hồ sơ field)
        cols.update({k: f"hồ sơ: {v}" for k, v in vocab()[d["columns_from_vocab"]].items()})
    cols.update(d.get("columns") or {})
    return {"description": d.get("description"), "origin": d.get("origin"), "written_by": d.get("written_by"),
            "columns": cols}


def describe(table: str, schema: pa.Schema) -> pa.Schema:
    """`schema` with the descriptions as field and schema metadata (fields without one are left as they are)."""
    doc = table_doc(table)
    fields = []
    for f in schema:
        text = doc["columns"].get(f.name)
        fields.append(f.with_metadata({**(f.metadata or {}), KEY: text.encode()}) if text else f)
    meta = dict(schema.metadata or {})
    if doc["description"]:
        meta[KEY] = doc["description"].encode()
    return pa.schema(fields, metadata=meta)


def vocab() -> dict[str, dict[str, str]]:
    """The controlled vocabularies (copy of the contract's vocab.json) with their meanings."""
    return json.loads(VOCAB_FILE.read_text("utf-8"))


def tables_markdown() -> str:
    """docs/TABLES.md: every table and column (contract and added), and the vocabularies."""
    from .schemas import DERIVED_TABLES, TABLES
    out = ["# Output tables and columns", "",
           "Generated from `extract/column_docs.yaml` by `python -m extract.column_docs > docs/TABLES.md`; "
           "the same descriptions are stored in each Parquet file's schema "
           "(`pyarrow.parquet.read_schema('outputs/hoso.parquet').field('restates').metadata`). "
           "*origin*: **contract** = `../shared/contract/CONTRACT.md`, **added** = added by this project. "
           "Vocabularies (what `metric`, `field`, `component`, `doc_type_code` values mean) are at the end "
           "and in `extract/vocab.json`.", ""]
    for name, schema in {**TABLES, **DERIVED_TABLES}.items():
        doc = table_doc(name)
        out += [f"## {name}", "", f"{doc['description']}", "",
                f"File: `outputs/{name}.parquet`. Made by: {doc['written_by']}.", "",
                "| column | type | origin | meaning |", "|---|---|---|---|"]
        contract = _contract_columns().get(name, set())
        for f in schema:
            origin = "contract" if f.name in contract else "added"
            text = (doc["columns"].get(f.name) or "").replace("|", "\\|")
            out.append(f"| `{f.name}` | {f.type} | {origin} | {text} |")
        out.append("")
    out += ["## Vocabularies", ""]
    for vname, entries in vocab().items():
        out += [f"### {vname}", "", "| value | meaning |", "|---|---|"]
        out += [f"| `{k}` | {v.replace('|', '/')} |" for k, v in entries.items()]
        out.append("")
    return "\n".join(out)


@functools.lru_cache(maxsize=1)
def _contract_columns() -> dict[str, set[str]]:
    """The columns CONTRACT.md names per table (kept here so the origin column needs no ../shared)."""
    from .schemas import HOSO_FIELDS
    evidence = {"page", "char_start", "char_end", "quote", "section", "rule", "kind"}
    return {
        "documents": {"doc_id", "source_path", "source_format", "status", "text_source", "pages", "agency",
                      "province", "province_2025", "doc_number", "doc_seq", "doc_type_code", "issuer_code",
                      "doc_type", "title", "issue_place", "issue_date", "issue_year", "issue_month",
                      "period_start", "period_end", "period_label", "signer", "signer_title", "signing_authority"},
        "pages": {"doc_id", "page", "text"},
        "references": {"doc_id", "cited_number", "cited_type", "cited_type_code", "cited_seq", "cited_year",
                       "cited_issuer_code", "cited_date", "cited_issuer", "location"} | evidence,
        "tthc": {"doc_id", "metric", "value", "denominator", "period_start", "period_end"} | evidence,
        "hoso": {"doc_id", "period_start", "period_end", "field", "value"} | evidence,
        "hoso_summary": {"doc_id", "period_start", "period_end"} | set(HOSO_FIELDS),
        "par_scores": {"doc_id", "subject", "eval_year", "component", "label", "score", "max_score", "rank",
                       "rank_of", "rank_change"} | evidence,
        "indicators": {"doc_id", "table_index", "row_index", "section", "item_no", "label", "column", "unit",
                       "value_raw", "value", "note"} | evidence,
        "checks": {"doc_id", "check", "status", "detail"},
        "errors": {"source_path", "doc_id", "stage", "error_type", "message"},
    }


if __name__ == "__main__":
    sys.stdout.write(tables_markdown() + "\n")
