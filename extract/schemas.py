"""Output tables: columns declared once, as pyarrow schemas (the contract).

See ../shared/contract/CONTRACT.md. Every fact table ends with the evidence
columns, so any figure can be traced to its page, offsets and quote.
"""
from __future__ import annotations

import pyarrow as pa

S, I32, I64, F64, D32 = pa.string(), pa.int32(), pa.int64(), pa.float64(), pa.date32()

EVIDENCE = [
    ("page", I32), ("char_start", I64), ("char_end", I64), ("quote", S),
    ("section", S), ("rule", S), ("kind", S), ("confidence", S),
]
# `confidence` of a fact (CONFIDENCE): "high" when the rule read the figure's own words (the words right around
# it, a known column of a table, a document symbol); "medium" when they came from the wider clause (a
# qualifier further left, a coordination shared with the figure before, a ranking bound by proximity). A fact
# a rule is unsure of is not written at all.
CONFIDENCE = ("high", "medium")


def _schema(cols: list[tuple[str, pa.DataType]], evidence: bool = False) -> pa.Schema:
    fields = list(cols)
    if evidence:
        have = {n for n, _ in fields}
        fields += [(n, t) for n, t in EVIDENCE if n not in have]
    return pa.schema([pa.field(n, t) for n, t in fields])


DOCUMENTS = _schema([
    ("doc_id", S), ("source_path", S), ("source_format", S), ("status", S), ("text_source", S),
    ("pages", I32), ("agency", S), ("province", S), ("province_2025", S),
    ("doc_number", S), ("doc_seq", I64), ("doc_type_code", S), ("issuer_code", S), ("doc_type", S),
    ("title", S), ("issue_place", S), ("issue_date", D32), ("issue_year", I32), ("issue_month", I32),
    ("period_start", D32), ("period_end", D32), ("period_label", S),
    ("signer", S), ("signer_title", S), ("signing_authority", S),
    ("n_chars", I64), ("n_blocks", I64), ("n_tables", I32), ("seconds", F64), ("file_size", I64),
    ("pipeline_version", S),
])

PAGES = _schema([("doc_id", S), ("page", I32), ("text", S)])

REFERENCES = _schema([
    ("doc_id", S), ("cited_number", S), ("cited_type", S), ("cited_type_code", S), ("cited_seq", I64),
    ("cited_year", I32), ("cited_issuer_code", S), ("cited_date", D32), ("cited_issuer", S),
    ("location", S),
], evidence=True)

TTHC = _schema([
    ("doc_id", S), ("metric", S), ("value", I64), ("denominator", I64),
    ("period_start", D32), ("period_end", D32), ("subject", S),
], evidence=True)

HOSO_FIELDS = [
    "received", "received_new", "carried_over", "received_online", "received_online_level3",
    "received_online_level4", "received_direct", "received_postal", "resolved", "resolved_early",
    "resolved_on_time", "resolved_on_time_or_early", "resolved_late", "pending", "pending_not_due",
    "pending_overdue", "withdrawn", "returned", "on_time_rate_pct",
]

HOSO = _schema([
    ("doc_id", S), ("period_start", D32), ("period_end", D32), ("field", S), ("value", F64), ("subject", S),
], evidence=True)

HOSO_SUMMARY = _schema(
    [("doc_id", S), ("period_start", D32), ("period_end", D32), ("subject", S)]
    + [(f, F64) for f in HOSO_FIELDS]
    + [("derived_fields", S), ("n_facts", I64)]
)

PAR_SCORES = _schema([
    ("doc_id", S), ("subject", S), ("eval_year", I32), ("component", S), ("label", S),
    ("score", F64), ("max_score", F64), ("rank", I64), ("rank_of", I64), ("rank_change", I64),
], evidence=True)

INDICATORS = _schema([
    ("doc_id", S), ("table_index", I32), ("row_index", I32), ("section", S), ("item_no", S),
    ("label", S), ("column", S), ("unit", S), ("value_raw", S), ("value", F64), ("note", S),
], evidence=True)

CHECKS = _schema([
    ("doc_id", S), ("check", S), ("status", S), ("detail", S),
    ("period_start", D32), ("period_end", D32), ("subject", S),
])

ERRORS = _schema([
    ("source_path", S), ("doc_id", S), ("stage", S), ("error_type", S), ("message", S),
])

PROVINCES = _schema([
    ("province", S), ("province_2025", S), ("region", S), ("kind", S), ("kind_2025", S), ("aliases", S),
])

# ---- the analyst layer (docs/TABLES.md): report links, main periods, restated facts, table cells, boxes
BOOL = pa.bool_()
DOCUMENTS = DOCUMENTS.append(pa.field("main_period_start", D32)).append(pa.field("main_period_end", D32))
DOCUMENTS = DOCUMENTS.append(pa.field("text_signature", S))  # per file (extract/fingerprint.py)
DOCUMENTS = DOCUMENTS.append(pa.field("report_id", S)).append(pa.field("report_primary", BOOL))  # after the batch
HOSO = HOSO.append(pa.field("main_period", BOOL)).append(pa.field("restates", BOOL))
TTHC = TTHC.append(pa.field("main_period", BOOL)).append(pa.field("restates", BOOL))
PAR_SCORES = PAR_SCORES.append(pa.field("main_period", BOOL)).append(pa.field("restates", BOOL))

TTHC_METRICS = [  # vocab.json -> tthc_metrics (the summary's TTHC columns)
    "tthc_total", "tthc_published", "tthc_abolished", "tthc_online_level2", "tthc_online_level3",
    "tthc_online_level4", "tthc_online_level34", "tthc_online_full", "tthc_online_partial", "tthc_on_portal",
    "tthc_postal", "tthc_interlinked", "tthc_online_payment",
]
PAR_COMPONENTS = [  # vocab.json -> par_components (the summary's par_<component> columns)
    "chi_dao_dieu_hanh", "the_che", "tthc", "to_chuc_bo_may", "cong_vu", "tai_chinh_cong", "chinh_quyen_so",
    "mot_cua", "dieu_tra_xhh", "tac_dong",
]

CELLS = _schema([
    ("doc_id", S), ("table_index", I32), ("row_index", I32), ("col_index", I32), ("header", BOOL),
    ("layout", BOOL), ("page", I32), ("char_start", I64), ("char_end", I64), ("text", S),
])

FACT_BOXES = _schema([
    ("doc_id", S), ("table", S), ("char_start", I64), ("char_end", I64), ("page", I32),
    ("x0", F64), ("top", F64), ("x1", F64), ("bottom", F64), ("page_width", F64), ("page_height", F64),
])

SUMMARY = _schema(
    [("province", S), ("province_2025", S), ("agency", S), ("period_start", D32), ("period_end", D32),
     ("main_period", BOOL), ("n_reports", I64), ("report_ids", S), ("doc_ids", S), ("source_paths", S)]
    + [(f, F64) for f in HOSO_FIELDS] + [("hoso_derived_fields", S)]
    + [(m, I64) for m in TTHC_METRICS]
    + [("par_total", F64), ("par_max_score", F64), ("par_rank", I64), ("par_rank_of", I64), ("par_rank_change", I64)]
    + [(f"par_{c}", F64) for c in PAR_COMPONENTS]
    + [("conflicts", S)]
)

TABLES: dict[str, pa.Schema] = {
    "documents": DOCUMENTS, "pages": PAGES, "references": REFERENCES, "tthc": TTHC,
    "hoso": HOSO, "hoso_summary": HOSO_SUMMARY, "par_scores": PAR_SCORES,
    "indicators": INDICATORS, "checks": CHECKS, "errors": ERRORS,
    "cells": CELLS, "fact_boxes": FACT_BOXES,
}
# Written after the batch from the tables above (extract/analyst.py), and the lookup table (cli.py).
DERIVED_TABLES: dict[str, pa.Schema] = {"summary": SUMMARY, "provinces": PROVINCES}


def _described() -> None:
    """Every schema carries its column descriptions (docs/TABLES.md) as Parquet field metadata."""
    from .column_docs import describe
    g = globals()
    for tables in (TABLES, DERIVED_TABLES):
        for name, schema in tables.items():
            tables[name] = describe(name, schema)
    for var, name in (("DOCUMENTS", "documents"), ("PAGES", "pages"), ("REFERENCES", "references"),
                      ("TTHC", "tthc"), ("HOSO", "hoso"), ("HOSO_SUMMARY", "hoso_summary"),
                      ("PAR_SCORES", "par_scores"), ("INDICATORS", "indicators"), ("CHECKS", "checks"),
                      ("ERRORS", "errors"), ("CELLS", "cells"), ("FACT_BOXES", "fact_boxes")):
        g[var] = TABLES[name]
    g["SUMMARY"], g["PROVINCES"] = DERIVED_TABLES["summary"], DERIVED_TABLES["provinces"]


_described()
