"""Review page: every fact highlighted in the text it was read from.

    python -m extract.review outputs -o review/          # one HTML page per document
    python -m extract.review outputs --doc 1b69be1e...   # just one

Reads only the Parquet outputs (`pages` + the fact tables), so it works on any
run. Each highlight carries the table, the value and the rule in its tooltip;
targets and actuals get different colours; a side list links each fact to its
place in the text.
"""
from __future__ import annotations

import argparse
import html
import sys
from pathlib import Path

import pandas as pd

FACT_TABLES = {  # table -> (label column, value column)
    "references": ("cited_type", "cited_number"),
    "tthc": ("metric", "value"),
    "hoso": ("field", "value"),
    "par_scores": ("component", "score"),
    "indicators": ("label", "value"),
}
CSS = """
body{font-family:"Times New Roman",serif;margin:0;display:flex}
#text{white-space:pre-wrap;padding:1.5em;max-width:52em;line-height:1.5;flex:3}
#facts{flex:2;padding:1em;font:13px sans-serif;border-left:1px solid #ccc;height:100vh;overflow:auto;position:sticky;top:0}
mark{background:#ffe58a;border-radius:2px} mark.target{background:#b9e3ff} mark.references{background:#d8f5c6}
mark.indicators{background:#f3d6ff} .page{color:#999;font:11px sans-serif;display:block;margin:1em 0 .3em}
li{margin:.2em 0} code{font-size:12px}
"""


def _doc_text(pages: pd.DataFrame) -> tuple[str, list[tuple[int, int | None]]]:
    pages = pages.sort_values("page", na_position="first")
    starts, pos = [], 0
    for p, text in zip(pages["page"], pages["text"]):
        starts.append((pos, None if pd.isna(p) else int(p)))
        pos += len(text) + 1
    return "\n".join(pages["text"]), starts


def _facts(outputs: Path, doc_id: str) -> list[dict]:
    facts = []
    for table, (label_col, value_col) in FACT_TABLES.items():
        p = outputs / f"{table}.parquet"
        if not p.exists():
            continue
        df = pd.read_parquet(p)
        for r in df[df["doc_id"] == doc_id].to_dict("records"):
            if pd.isna(r.get("char_start")) or pd.isna(r.get("char_end")):
                continue
            facts.append({"table": table, "start": int(r["char_start"]), "end": int(r["char_end"]),
                          "label": r.get(label_col), "value": r.get(value_col), "rule": r.get("rule"),
                          "kind": r.get("kind") or "actual", "page": r.get("page"), "quote": r.get("quote")})
    return sorted(facts, key=lambda f: (f["start"], -f["end"]))


def render(text: str, page_starts: list[tuple[int, int | None]], facts: list[dict], title: str) -> str:
    """HTML with non-overlapping highlights (an overlapping fact is listed but not re-marked)."""
    out, pos, marked = [], 0, []
    breaks = {s: p for s, p in page_starts if p is not None}
    for i, f in enumerate(facts):
        if f["start"] < pos:
            continue
        out.append(_with_page_marks(text, pos, f["start"], breaks))
        tip = f"{f['table']}: {f['label']} = {f['value']} [{f['rule']}, {f['kind']}]"
        cls = f"{f['table']} {'target' if f['kind'] == 'target' else ''}".strip()
        out.append(f'<mark id="f{i}" class="{cls}" title="{html.escape(tip)}">'
                   f'{html.escape(text[f["start"]:f["end"]])}</mark>')
        pos = f["end"]
        marked.append(i)
    out.append(_with_page_marks(text, pos, len(text), breaks))
    items = "".join(
        f'<li><a href="#f{i}">{html.escape(str(f["table"]))}</a> <code>{html.escape(str(f["label"]))}</code> = '
        f'<b>{html.escape(str(f["value"]))}</b> <small>{html.escape(str(f["rule"]))} · {f["kind"]}'
        f'{" · p." + str(int(f["page"])) if f["page"] is not None and not pd.isna(f["page"]) else ""}</small></li>'
        for i, f in enumerate(facts))
    return (f"<!doctype html><meta charset=utf-8><title>{html.escape(title)}</title><style>{CSS}</style>"
            f'<div id="text">{"".join(out)}</div><div id="facts"><h3>{len(facts)} facts '
            f"({len(marked)} highlighted)</h3><ol>{items}</ol></div>")


def _with_page_marks(text: str, a: int, b: int, breaks: dict[int, int]) -> str:
    parts, pos = [], a
    for s in sorted(k for k in breaks if a <= k < b):
        parts.append(html.escape(text[pos:s]))
        parts.append(f'<span class="page">— trang {breaks[s]} —</span>')
        pos = s
    parts.append(html.escape(text[pos:b]))
    return "".join(parts)


def write_reviews(outputs: Path, out_dir: Path, doc_ids: list[str] | None = None) -> list[Path]:
    docs = pd.read_parquet(outputs / "documents.parquet")
    pages = pd.read_parquet(outputs / "pages.parquet")
    out_dir.mkdir(parents=True, exist_ok=True)
    written = []
    for doc in docs[docs["status"] != "error"].to_dict("records"):
        if doc_ids and doc["doc_id"] not in doc_ids:
            continue
        text, starts = _doc_text(pages[pages["doc_id"] == doc["doc_id"]])
        page = render(text, starts, _facts(outputs, doc["doc_id"]), str(doc["source_path"]))
        path = out_dir / f"{Path(str(doc['source_path'])).name}.html"
        path.write_text(page, "utf-8")
        written.append(path)
    return written


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(prog="python -m extract.review", description=__doc__,
                                 formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("outputs", type=Path)
    ap.add_argument("-o", "--out", type=Path, default=Path("review"))
    ap.add_argument("--doc", action="append", help="only this doc_id (repeatable)")
    a = ap.parse_args(argv)
    for p in write_reviews(a.outputs, a.out, a.doc):
        print(p)
    return 0


if __name__ == "__main__":
    sys.exit(main())
