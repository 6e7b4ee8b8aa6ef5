"""Writing one file's rows: a value that does not fit the schema costs that table's rows, not the run."""
from __future__ import annotations

from typing import Any, Mapping

import pyarrow as pa

from .parquet import OutputSet, RowError, clean_str, to_table


def _plain(v: Any) -> Any:
    return clean_str(v) if isinstance(v, str) else v


def _fallback_document(doc: Mapping[str, Any]) -> dict[str, Any]:
    """The few documents fields every row has, as plain strings."""
    keep = ("doc_id", "source_path", "source_format", "text_source", "status", "pipeline_version")
    return {k: (clean_str(str(doc[k])) if doc.get(k) is not None else None) for k in keep}


def result_tables(schemas: Mapping[str, pa.Schema], result: Mapping[str, list[dict]]) -> dict[str, pa.Table]:
    """The rows one file produced, as tables of `schemas`. A table whose rows do not fit its schema is left
    out for this file and replaced by an `errors` row saying which column and value; the document becomes
    `partial`."""
    tables: dict[str, pa.Table] = {}
    problems: list[tuple[str, RowError]] = []
    for name, rows in result.items():
        if name not in schemas or not rows:
            continue
        try:
            tables[name] = to_table(rows, schemas[name])
        except RowError as e:
            problems.append((name, e))
    if problems:
        docs = result.get("documents") or [{}]
        doc = dict(docs[0])
        source_path, doc_id = _plain(doc.get("source_path")), _plain(doc.get("doc_id"))
        errors = list(result.get("errors") or []) if "errors" in tables else []
        for name, e in problems:
            errors.append({"source_path": source_path, "doc_id": doc_id, "stage": "write", "error_type": "bad-value",
                           "message": f"a value did not fit the {name} table, so this file's {name} rows were "
                                      f"left out: {e}"[:2000]})
        if doc.get("status") in ("ok", "partial", None):
            doc["status"] = "partial"
        for row in (doc, _fallback_document(doc)):
            try:
                tables["documents"] = to_table([row], schemas["documents"])
                break
            except RowError:
                continue
        try:
            tables["errors"] = to_table(errors, schemas["errors"])
        except RowError:  # the file's own error rows did not fit: keep ours, as plain strings
            tables["errors"] = to_table([{k: _plain(v) if v is None or isinstance(v, str) else str(v)
                                          for k, v in r.items()} for r in errors[-len(problems):]],
                                        schemas["errors"])
    return tables


def write_result(out: OutputSet, result: Mapping[str, list[dict]]) -> None:
    """Write the rows one file produced (see `result_tables`)."""
    for name, table in result_tables({n: s.schema for n, s in out.sinks.items()}, result).items():
        out.write(name, table)
