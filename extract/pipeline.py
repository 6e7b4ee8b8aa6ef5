"""Per-file work: a pure function from one file to rows for every table.

`process_file` never raises: whatever happens, it returns a `documents` row,
and an `errors` row for each stage that failed. The batch runner
(`extract.batch`) calls it in worker processes it can afford to lose.
"""
from __future__ import annotations

import os
import time
import traceback
from pathlib import Path
from typing import Any

from . import extractors, fingerprint, library_warnings, restatements
from .cells import cell_rows
from .fact_boxes import box_rows
from .model import Document
from .readers import ReadError, doc_id_of, open_document
from .schemas import DOCUMENTS
from .sections import sectionize

DOC_FIELDS_FROM_READER = ("doc_id", "source_path", "source_format", "text_source", "pages")


def _display(s: str) -> str:
    """A path string as text: bytes that were not UTF-8 (surrogate-escaped by the OS layer) as \\xNN."""
    try:
        s.encode("utf-8")
        return s
    except UnicodeEncodeError:
        return os.fsencode(s).decode("utf-8", "backslashreplace")


def source_path_of(path: Path, root: Path | None) -> str:
    """`path` relative to the corpus root, as text; symlinks are not resolved (a link keeps its own name)."""
    path = Path(path)
    if root is None:
        return _display(path.name)
    p, r = os.path.abspath(path), os.path.abspath(root)
    if p == r:  # a file given on its own: its root is its folder
        return _display(path.name)
    try:
        rel = os.path.relpath(p, r)
    except ValueError:
        rel = p
    outside = rel == os.pardir or rel.startswith(os.pardir + os.sep)
    return _display(p if outside else rel)


def name_warning(path: Path) -> str | None:
    """A message when the file name is not valid UTF-8 (it is shown with \\xNN escapes)."""
    try:
        str(path).encode("utf-8")
        return None
    except UnicodeEncodeError:
        return (f"the file name is not valid UTF-8; source_path shows the undecodable bytes as \\xNN "
                f"(raw name: {os.fsencode(Path(path).name)!r})")


def _format_guess(path: Path) -> str:
    return path.suffix.lower().lstrip(".") or "unknown"


def error_row(source_path: str, doc_id: str | None, stage: str, error_type: str, message: str) -> dict:
    return {"source_path": source_path, "doc_id": doc_id, "stage": stage,
            "error_type": error_type, "message": message[:2000]}


def failure_rows(path: Path, root: Path | None, stage: str, error_type: str, message: str) -> dict[str, list[dict]]:
    """The rows for a file that could not be processed at all (worker crash, timeout, duplicate...)."""
    path = Path(path)
    rel = source_path_of(path, root)
    doc_id = None
    try:
        if path.is_file():
            doc_id = doc_id_of(path)
    except OSError:
        pass
    return {
        "documents": [{"doc_id": doc_id, "source_path": rel, "source_format": _format_guess(path),
                       "status": "error"}],
        "errors": [error_row(rel, doc_id, stage, error_type, message)],
    }


def describe_exception(e: BaseException) -> tuple[str, str]:
    """(error_type, message) for an exception from a library, in plain words."""
    if isinstance(e, ReadError):
        return e.error_type, e.message
    if isinstance(e, PermissionError):
        return "unreadable", "permission denied: the file cannot be opened for reading (check its permissions)"
    name = type(e).__name__
    text = str(e) or (repr(e.args[0]) if e.args else "") or "(no message)"
    if isinstance(e, RecursionError):
        return "malformed", "the file's internal structure loops or nests too deeply (recursion limit reached)"
    if isinstance(e, MemoryError):
        return "memory", "ran out of memory while reading the file"
    return name, f"{name}: {text}"[:500]


def _no_text_message(doc: Document, settings: Any) -> str:
    if doc.source_format != "pdf":
        return "the document contains no text"
    from .readers import ocr
    if getattr(settings, "ocr", True) and ocr.available():
        return (f"the PDF has {doc.page_count} page(s) without a text layer and OCR read no text from them "
                "(blank, or an image too poor to read)")
    return (f"the PDF has {doc.page_count} page(s) but no text layer (scanned image?); OCR is off or "
            "Tesseract with Vietnamese data (tesseract-ocr-vie) is not installed")


def read_document(path: Path, root: Path | None, settings: Any = None, doc_id: str | None = None) -> Document:
    doc = open_document(path, root, doc_id=doc_id, settings=settings)
    sectionize(doc)
    return doc


def process_file(path: Path | str, root: Path | str | None = None, settings: Any = None,
                 only: list[str] | tuple[str, ...] | None = None) -> dict[str, list[dict]]:
    """All rows for one file; library warnings raised meanwhile become its `errors` rows (type `warning`)."""
    with library_warnings.captured() as seen:
        out = _process_file(path, root, settings, only)
    if seen:
        docs = out.get("documents") or [{}]
        for msg in library_warnings.messages(seen):
            out.setdefault("errors", []).append(
                error_row(docs[0].get("source_path"), docs[0].get("doc_id"), "read", "warning", msg))
    return out


def _analyst_steps(doc: Document, ctx: Any, docrow: dict, out: dict[str, list[dict]]) -> bool:
    """Per-file parts of the analyst layer: main period and restated facts, text signature, table
    cells, fact boxes. Returns False when one failed (its `errors` row is added)."""
    ok = True
    steps = (("restatements", lambda: docrow.update(restatements.mark(ctx.document, ctx.rows))),
             ("fingerprint", lambda: docrow.update(text_signature=fingerprint.signature(doc.text))),
             ("cells", lambda: out.__setitem__("cells", cell_rows(doc))),
             ("boxes", lambda: out.__setitem__("fact_boxes", box_rows(doc, ctx.rows))))
    for name, step in steps:
        try:
            step()
        except Exception as e:  # noqa: BLE001 - a failed step costs its columns, not the file
            ok = False
            etype, msg = describe_exception(e)
            out["errors"].append(error_row(docrow.get("source_path"), doc.doc_id, name, etype, msg))
    return ok


def _process_file(path: Path, root: Path | None, settings: Any, only) -> dict[str, list[dict]]:
    t0 = time.perf_counter()
    path, root = Path(path), (Path(root) if root else None)
    source_path = source_path_of(path, root)
    out: dict[str, list[dict]] = {"documents": [], "pages": [], "errors": []}
    from .incremental import pipeline_version
    docrow: dict[str, Any] = {"source_path": source_path, "source_format": _format_guess(path),
                              "pipeline_version": pipeline_version()}
    doc_id = None
    try:
        doc_id = doc_id_of(path) if path.is_file() else None
    except OSError:
        pass
    docrow["doc_id"] = doc_id
    odd_name = name_warning(path)
    if odd_name:
        out["errors"].append(error_row(source_path, doc_id, "read", "warning", odd_name))
    try:
        doc = read_document(path, root, settings, doc_id)  # the file is hashed once, above
    except Exception as e:  # noqa: BLE001 - a bad file becomes a row, never a crash
        etype, msg = describe_exception(e)
        docrow.update(status="error")
        out["documents"].append(docrow)
        out["errors"].append(error_row(source_path, doc_id, "read", etype, msg))
        docrow["seconds"] = round(time.perf_counter() - t0, 4)
        return out

    docrow.update(doc_id=doc.doc_id, source_path=source_path, source_format=doc.source_format,
                  text_source=doc.text_source, pages=doc.page_count, n_chars=len(doc.text),
                  n_blocks=len(doc.blocks), n_tables=len(doc.tables))
    try:
        docrow["file_size"] = path.stat().st_size
    except OSError:
        pass
    out["pages"] = [{"doc_id": doc.doc_id, "page": p.number, "text": p.text} for p in doc.pages]
    for w in doc.warnings:
        out["errors"].append(error_row(source_path, doc.doc_id, "read", "warning", w))

    if not doc.text.strip():
        docrow["status"] = "error"
        out["errors"].append(error_row(
            source_path, doc.doc_id, "read", "no-text",
            _no_text_message(doc, settings)))
        out["documents"].append(docrow)
        docrow["seconds"] = round(time.perf_counter() - t0, 4)
        return out

    ctx = extractors.Context(document={})
    failed = False
    if only is None and settings is not None:
        only = getattr(settings, "only", None)
    for name in extractors.names(list(only) if only is not None else None):
        try:
            produced = extractors.get(name)(doc, ctx)
        except Exception as e:  # noqa: BLE001
            failed = True
            etype, msg = describe_exception(e)
            tb = traceback.extract_tb(e.__traceback__)[-1]
            out["errors"].append(error_row(source_path, doc.doc_id, name, etype,
                                           f"{msg} (at {Path(tb.filename).name}:{tb.lineno})"))
            continue
        for table, rows in produced.items():
            if table == "documents":
                for r in rows:
                    ctx.document.update(r)
                continue
            for r in rows:
                r.setdefault("doc_id", doc.doc_id)
            ctx.rows.setdefault(table, []).extend(rows)
    for k, v in ctx.document.items():
        if k not in DOC_FIELDS_FROM_READER and k in DOCUMENTS.names:
            docrow[k] = v
    failed = not _analyst_steps(doc, ctx, docrow, out) or failed
    docrow["status"] = "partial" if failed else "ok"
    docrow["seconds"] = round(time.perf_counter() - t0, 4)
    out["documents"].append(docrow)
    for table, rows in ctx.rows.items():
        out.setdefault(table, []).extend(rows)
    return out
