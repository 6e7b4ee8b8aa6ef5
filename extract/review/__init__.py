"""Review pages: every fact shown where it was read, for an auditor.

    python -m extract.review outputs -o review/ --root corpus/   # review/index.html + one page per document
    python -m extract.review outputs --doc 1b69be1e...            # just one

Reads the Parquet outputs (`documents`, `pages`, the fact tables, `cells`, `fact_boxes`). Each page
shows the document's text with every fact marked, overlapping facts included (a stretch covered by
several facts carries all of them; clicking it cycles through them), coloured by table (targets
underlined), tables drawn as tables; a list of facts to filter by table and kind and to search; for
a PDF found under `--root` (checked by its content hash), the pages rendered by pdfium with each
fact's box drawn from its glyph coordinates. `index.html` lists every document (searchable), with
its report, status and fact counts. Page names follow the source path, so two files with the same
name in different folders get two pages.
"""
from __future__ import annotations

import html
import re
from pathlib import Path

from ..outputs_cli import no_run_in, outputs_parser
from .data import FACT_TABLES, Outputs, find_source, plain
from .images import render_pages
from .page import render
from .static import CSS, INDEX_JS

esc = html.escape
__all__ = ["write_reviews", "page_name", "main"]


def page_name(source_path: str, doc_id: str | None, taken: set[str]) -> str:
    """A file name unique by path: "sub/dir/x.pdf" -> "sub__dir__x.pdf.html" (doc_id added on a clash)."""
    parts = [p for p in re.split(r"[\\/]+", str(source_path)) if p and p not in (".", "..")]
    stem = "__".join(re.sub(r'[<>:"|?*\x00-\x1f]', "_", p) for p in parts) or "document"
    name = f"{stem}.html"
    if name.casefold() in taken or name.casefold() == "index.html":
        name = f"{stem}.{(doc_id or 'x')[:8]}.html"
        k = 2
        while name.casefold() in taken:
            name, k = f"{stem}.{(doc_id or 'x')[:8]}-{k}.html", k + 1
    taken.add(name.casefold())
    return name


def _index(rows: list[dict]) -> str:
    head = ("file", "format", "status", "province", "agency", "type", "number", "issued", "period", "report",
            *FACT_TABLES, "errors")
    body = []
    for r in rows:
        d = r["doc"]
        link = f'<a href="{esc(r["href"])}">{esc(str(d.get("source_path")))}</a>' if r["href"] else \
            esc(str(d.get("source_path")))
        period = f"{d.get('period_start')} – {d.get('period_end')}" if d.get("period_start") else ""
        report = (esc(str(d.get("report_id"))) + (" ★" if d.get("report_primary") else "")) if d.get("report_id") else ""
        cells = [link, d.get("source_format"), d.get("status"), d.get("province"), d.get("agency"), d.get("doc_type"),
                 d.get("doc_number"), d.get("issue_date"), period, report,
                 *(r["counts"].get(t, "") for t in FACT_TABLES), len(r["errors"]) or ""]
        search = " ".join(str(x) for x in (*cells[1:], d.get("source_path"), d.get("title"), *r["errors"])
                          if x not in (None, "")).lower()
        tds = "".join(f"<td>{c if i in (0, 9) else esc('' if c is None else str(c))}</td>" for i, c in enumerate(cells))
        body.append(f'<tr data-search="{esc(search)}" data-status="{esc(str(d.get("status")))}" '
                    f'data-format="{esc(str(d.get("source_format")))}" data-primary="{1 if d.get("report_primary") else 0}"'
                    f' title="{esc(" | ".join(r["errors"]))}">{tds}</tr>')
    statuses = sorted({str(r["doc"].get("status")) for r in rows})
    formats = sorted({str(r["doc"].get("source_format")) for r in rows})
    opts = lambda xs: '<option value="">all</option>' + "".join(f"<option>{esc(x)}</option>" for x in xs)  # noqa: E731
    css = CSS + "#docs{border-collapse:collapse;font-size:13px;margin:1em} #docs td,#docs th{border-bottom:1px solid #ddd;" \
                "padding:3px 6px;text-align:left} #docs tr:hover{background:#f5f5f5} body{display:block;height:auto}" \
                " #controls{padding:.5em 1em}"
    return ("<!doctype html><html lang=vi><meta charset=utf-8><title>Review: documents</title>"
            f"<style>{css}</style><header><h1>{len(rows)} documents</h1><div class=meta>★ = the rendering a "
            "report is counted by (report_primary); click a file to review its facts</div></header>"
            f'<div id="controls"><input id="q" type="search" placeholder="search (file, province, agency, number, '
            f'title, errors)"> status <select id="status">{opts(statuses)}</select> format <select id="format">'
            f'{opts(formats)}</select> <label><input type="checkbox" id="primary"> one per report</label> '
            f'<span id="shown">{len(rows)}</span> shown</div>'
            f'<table id="docs"><thead><tr>{"".join(f"<th>{h}</th>" for h in head)}</tr></thead>'
            f'<tbody>{"".join(body)}</tbody></table><script>{INDEX_JS}</script></html>')


def write_reviews(outputs: Path, out_dir: Path, doc_ids: list[str] | None = None,
                  roots: list[Path] | None = None, images: bool = True) -> list[Path]:
    """Write one page per readable document (and index.html); returns the document pages written."""
    data = Outputs(Path(outputs))
    out_dir = Path(out_dir)
    out_dir.mkdir(parents=True, exist_ok=True)
    docs = data.documents.sort_values("source_path", kind="stable").to_dict("records")
    taken: set[str] = set()
    written, rows = [], []
    for doc in docs:
        doc = {k: plain(v) for k, v in doc.items()}
        did = doc.get("doc_id")
        errors = [str(m) for m in data.errors.get(doc.get("source_path"), [])]
        row = {"doc": doc, "href": None, "counts": data.fact_counts(did) if did else {}, "errors": errors}
        rows.append(row)
        if not did or doc.get("status") == "error":
            continue
        name = page_name(str(doc.get("source_path")), did, taken)
        row["href"] = name
        if doc_ids and did not in doc_ids:
            continue
        view = data.view(doc)
        pics, note = None, None
        if doc.get("source_format") == "pdf" and images:
            src = find_source(doc, roots or [])
            if src is None:
                note = "page images: the PDF was not found under --root (or its content changed)"
            else:
                pics = render_pages(src, out_dir / "images", name.removesuffix(".html") + ".")
                pics = {p: (f"images/{n}", w, h) for p, (n, w, h) in pics.items()}
                if view.boxes is None or view.boxes.empty:
                    note = "no fact boxes in fact_boxes.parquet for this document"
        path = out_dir / name
        path.write_text(render(view, "index.html", pics, note), "utf-8")
        written.append(path)
    (out_dir / "index.html").write_text(_index(rows), "utf-8")
    return written


def main(argv: list[str] | None = None) -> int:
    ap = outputs_parser("python -m extract.review", __doc__)
    ap.add_argument("-o", "--out", type=Path, default=Path("review"))
    ap.add_argument("--doc", action="append", help="only this doc_id (repeatable)")
    ap.add_argument("--root", action="append", type=Path, default=None,
                    help="folder the inputs were read from (repeatable), to find PDFs for page images")
    ap.add_argument("--no-images", action="store_true", help="no page images")
    a = ap.parse_args(argv)
    if no_run_in(a.outputs):
        return 2
    pages = write_reviews(a.outputs, a.out, a.doc, a.root, images=not a.no_images)
    for p in pages:
        print(p)
    print(a.out / "index.html")
    return 0
