"""One document's review page: its text with every fact marked (overlapping facts too), tables as
tables, the PDF pages as images with each fact's box, and a list of facts to filter, search and
click (a click marks the fact's quote in the text and its box on the page)."""
from __future__ import annotations

import bisect
import html
import json
from dataclasses import dataclass

import pandas as pd

from .data import FACT_TABLES, DocView, Fact
from .static import CSS, JS

esc = html.escape


@dataclass
class Piece:
    start: int
    end: int
    facts: tuple[int, ...]  # covering facts, innermost (shortest) first


def pieces(view: DocView, cuts: list[int]) -> list[Piece]:
    """The text cut wherever a fact (or a page, a cell) starts or ends, with the facts covering each piece."""
    n = len(view.text)
    facts = [f for f in view.facts if f.end > f.start]
    points = sorted({0, n, *cuts, *(f.start for f in facts), *(f.end for f in facts)})
    by_start: dict[int, list[Fact]] = {}
    for f in facts:
        by_start.setdefault(f.start, []).append(f)
    active: list[Fact] = []
    out = []
    for a, b in zip(points, points[1:]):
        active = [f for f in active if f.end > a] + by_start.get(a, [])
        if b > a:
            cover = tuple(f.id for f in sorted(active, key=lambda f: (f.end - f.start, f.id)))
            out.append(Piece(a, b, cover))
    return out


class Marker:
    """HTML for any stretch of the text, every piece wrapped in the facts that cover it."""

    def __init__(self, view: DocView, cuts: list[int]) -> None:
        self.view = view
        self.pieces = pieces(view, cuts)
        self.starts = [p.start for p in self.pieces]
        self.table = {f.id: f.table for f in view.facts}
        self.kind = {f.id: f.kind for f in view.facts}
        self.pages = {s: p for s, p in view.page_starts if p is not None and s > 0}

    def html(self, a: int, b: int, page_marks: bool = True) -> str:
        out = []
        i = max(0, bisect.bisect_right(self.starts, a) - 1)
        while i < len(self.pieces) and self.pieces[i].start < b:
            p = self.pieces[i]
            s, e = max(p.start, a), min(p.end, b)
            i += 1
            if e <= s:
                continue
            if page_marks and s == p.start and s in self.pages:
                out.append(f'<span class="pagemark" data-page="{self.pages[s]}">— trang {self.pages[s]} —</span>')
            text = esc(self.view.text[s:e])
            if not p.facts:
                out.append(text)
                continue
            cls = f"m t-{self.table[p.facts[0]]}" + (" n2" if len(p.facts) > 1 else "") + \
                  (" target" if any(self.kind[x] == "target" for x in p.facts) else "")
            out.append(f'<span class="{cls}" data-f="{" ".join(map(str, p.facts))}">{text}</span>')
        return "".join(out)


def _tables(view: DocView) -> list[dict]:
    """Tables as (region start, end, rows, between-stretches), from the `cells` rows, in text order."""
    cells = view.cells
    if cells is None or cells.empty:
        return []
    out = []
    for ti, g in cells.groupby("table_index"):
        g = g.sort_values(["row_index", "col_index"])
        rows: dict[int, list[dict]] = {}
        for r in g.to_dict("records"):
            rows.setdefault(int(r["row_index"]), []).append(r)
        start, end = int(g["char_start"].min()), int(g["char_end"].max())
        covered = sorted((int(r["char_start"]), int(r["char_end"])) for r in g.to_dict("records"))
        gaps, pos = [], start
        for s, e in covered:
            if s > pos:
                gaps.append((pos, s))
            pos = max(pos, e)
        out.append({"index": int(ti), "start": start, "end": end, "rows": rows, "gaps": gaps,
                    "ncol": int(g["col_index"].max()) + 1, "layout": bool(g["layout"].fillna(False).any())})
    out.sort(key=lambda t: t["start"])
    return out


def _table_html(t: dict, mk: Marker, text: str) -> str:
    items = []
    for ri, cells in t["rows"].items():
        items.append((min(int(c["char_start"]) for c in cells), "row", ri))
    for s, e in t["gaps"]:
        if text[s:e].strip() or any(s <= p < e for p in mk.pages):
            items.append((s, "gap", (s, e)))
    out = [f'<table class="cells{" layout" if t["layout"] else ""}" data-table="{t["index"]}">']
    for _, what, x in sorted(items, key=lambda i: (i[0], i[1] == "row")):
        if what == "gap":
            out.append(f'<tr class="between"><td colspan="{t["ncol"]}">{mk.html(*x)}</td></tr>')
            continue
        by_col: dict[int, list[dict]] = {}
        for c in t["rows"][x]:
            by_col.setdefault(int(c["col_index"]), []).append(c)
        tds = []
        for col in range(t["ncol"]):
            cs = by_col.get(col, [])
            tag = "th" if cs and bool(cs[0]["header"]) else "td"
            inner = " ".join(mk.html(int(c["char_start"]), int(c["char_end"]), page_marks=False) for c in cs)
            tds.append(f"<{tag}>{inner}</{tag}>")
        out.append("<tr>" + "".join(tds) + "</tr>")
    out.append("</table>")
    return "".join(out)


def text_html(view: DocView) -> str:
    tables = _tables(view)
    cuts = [s for s, _ in view.page_starts]
    for t in tables:
        for cells in t["rows"].values():
            for c in cells:
                cuts += [int(c["char_start"]), int(c["char_end"])]
        cuts += [x for g in t["gaps"] for x in g]
    mk = Marker(view, cuts)
    out, pos = [], 0
    for t in tables:
        if t["start"] < pos:  # inside a table already shown (a nested table): its text is shown there
            continue
        out.append(mk.html(pos, t["start"]))
        out.append(_table_html(t, mk, view.text))
        pos = t["end"]
    out.append(mk.html(pos, len(view.text)))
    return "".join(out)


def _value(v) -> str:
    if isinstance(v, float):
        return f"{v:g}"
    return "" if v is None else str(v)


def _summary(f: Fact) -> str:
    return f"{f.table}: {f.label} = {_value(f.value)} [{f.rule}, {f.kind}" + \
        (f", p.{f.page}" if f.page is not None else "") + "]"


def fact_item(f: Fact, marked: bool) -> str:
    details = "; ".join(f"{k}={_value(v)}" for k, v in f.details.items())
    search = " ".join(str(x) for x in (f.table, f.label, _value(f.value), f.rule, f.kind, f.quote, details)
                      if x is not None).lower()
    restates = f.details.get("restates") is True
    cls = f"t-{f.table}" + (" restates" if restates else "")
    flags = (" · <i>restates</i>" if restates else "") + ("" if marked else " · <i>no offsets</i>")
    return (f'<li class="{cls}" data-f="{f.id}" data-table="{f.table}" data-kind="{esc(f.kind)}" '
            f'data-search="{esc(search)}" data-summary="{esc(_summary(f))}" data-quote="{esc(f.quote or "")}" '
            f'title="{esc(details)}"><span class="tag">{f.table}</span> <span class="lbl">{esc(str(f.label))}</span> = '
            f'<b>{esc(_value(f.value))}</b> <small>{esc(str(f.rule))} · {esc(f.kind)}'
            f'{" · p." + str(f.page) if f.page is not None else ""}{flags}</small></li>')


def images_html(view: DocView, images: dict[int, tuple[str, float, float]] | None, note: str | None) -> str:
    """The page images with a box per fact line; `images`: page -> (src, width pt, height pt)."""
    if not images:
        return f'<p class="note">{esc(note)}</p>' if note else ""
    boxes: dict[int, list[str]] = {}
    table_of = {(f.table, f.start, f.end): [] for f in view.facts}
    for f in view.facts:
        table_of[(f.table, f.start, f.end)].append(f.id)
    if view.boxes is not None:
        for b in view.boxes.to_dict("records"):
            ids = table_of.get((b["table"], int(b["char_start"]), int(b["char_end"])))
            page = int(b["page"])
            if not ids or page not in images:
                continue
            _, w, h = images[page]
            w = b["page_width"] if pd.notna(b.get("page_width")) and b["page_width"] else w
            h = b["page_height"] if pd.notna(b.get("page_height")) and b["page_height"] else h
            style = (f"left:{100 * b['x0'] / w:.3f}%;top:{100 * b['top'] / h:.3f}%;"
                     f"width:{100 * (b['x1'] - b['x0']) / w:.3f}%;height:{100 * (b['bottom'] - b['top']) / h:.3f}%")
            boxes.setdefault(page, []).append(
                f'<div class="box t-{b["table"]}" data-f="{" ".join(map(str, ids))}" style="{style}"></div>')
    out = [f'<p class="note">{esc(note)}</p>' if note else ""]
    for page, (src, w, h) in sorted(images.items()):
        out.append(f'<div class="pageimg" data-page="{page}"><img src="{esc(src)}" alt="page {page}" '
                   f'loading="lazy"><span class="pno">{page}</span>{"".join(boxes.get(page, []))}</div>')
    return "".join(out)


def render(view: DocView, index_href: str = "index.html", images: dict | None = None,
           images_note: str | None = None) -> str:
    doc = view.doc
    title = str(doc.get("source_path"))
    facts = view.facts + view.unplaced
    meta = " · ".join(esc(str(x)) for x in (
        doc.get("doc_type"), doc.get("doc_number"), doc.get("agency"), doc.get("province"),
        f"{doc.get('period_start')} – {doc.get('period_end')}" if doc.get("period_start") else None,
        f"report {doc.get('report_id')}" + (" (primary rendering)" if doc.get("report_primary") else "")
        if doc.get("report_id") else None) if x)
    marked = {f.id for f in view.facts if f.end > f.start}
    counts = {t: sum(f.table == t for f in facts) for t in FACT_TABLES}
    boxes_table = "".join(
        f'<label><input type="checkbox" name="table" value="{t}" checked> <span class="m t-{t}">{t}</span> '
        f'{n}</label>' for t, n in counts.items() if n)
    kinds = sorted({f.kind for f in facts}) or ["actual"]
    kind_boxes = "".join(f'<label><input type="checkbox" name="kind" value="{esc(k)}" checked> {esc(k)}</label>'
                         for k in kinds)
    items = "".join(fact_item(f, f.id in marked) for f in sorted(facts, key=lambda f: (f.start, f.id)))
    ft = json.dumps({f.id: f.table for f in facts})
    fk = json.dumps({f.id: f.kind for f in facts})
    imgs = images_html(view, images, images_note)
    return (f"<!doctype html><html lang=vi><meta charset=utf-8><title>{esc(title)}</title><style>{CSS}</style>"
            f'<body data-doc="{esc(str(doc.get("doc_id")))}"><header><h1><a href="{esc(index_href)}">⟵ all documents</a> · '
            f'{esc(title)}</h1><div class="meta">{meta}</div></header><main>'
            f'<section id="text">{text_html(view)}</section>'
            + (f'<section id="images">{imgs}</section>' if imgs else "")
            + f'<aside id="facts"><div id="top"><div id="controls">{boxes_table}<br>{kind_boxes}'
            f'<label><input type="checkbox" id="norestates"> hide restated</label>'
            f'<input id="q" type="search" placeholder="search facts (label, value, quote, rule)">'
            f'</div><div id="selected"><div class="what"></div><blockquote></blockquote><div class="where note"></div></div></div>'
            f'<h3><span id="shown">{len(facts)}</span> of {len(facts)} facts shown ({len(marked)} marked in the text)</h3>'
            f'<ol id="list">{items}</ol></aside></main>'
            f"<script>window.FACT_TABLE={ft};window.FACT_KIND={fk};</script><script>{JS}</script></body></html>")
