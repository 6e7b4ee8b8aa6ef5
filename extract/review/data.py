"""What a review page shows, read from the Parquet outputs: each document's text, its facts (every
row of every fact table), its table cells and, for PDFs, the facts' boxes on the page."""
from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import pandas as pd

from ..readers import doc_id_of

FACT_TABLES = {  # table -> (label column, value column)
    "hoso": ("field", "value"),
    "tthc": ("metric", "value"),
    "par_scores": ("component", "score"),
    "references": ("cited_type", "cited_number"),
    "indicators": ("label", "value"),
}


def plain(v: Any) -> Any:
    if v is None:
        return None
    if not isinstance(v, (str, list, dict)) and pd.isna(v):
        return None
    if hasattr(v, "item"):
        return v.item()
    return v


@dataclass
class Fact:
    id: int
    table: str
    start: int
    end: int
    label: str | None
    value: Any
    rule: str | None
    kind: str
    page: int | None
    quote: str | None
    details: dict[str, Any]  # the other columns worth showing (period, subject, restates...)


@dataclass
class DocView:
    doc: dict[str, Any]
    text: str
    page_starts: list[tuple[int, int | None]]  # (offset, page number)
    facts: list[Fact] = field(default_factory=list)
    unplaced: list[Fact] = field(default_factory=list)  # rows without offsets (listed, not marked)
    cells: pd.DataFrame | None = None
    boxes: pd.DataFrame | None = None


def doc_text(pages: pd.DataFrame) -> tuple[str, list[tuple[int, int | None]]]:
    """The document text exactly as the offsets see it: pages joined with "\\n"."""
    pages = pages.sort_values("page", na_position="first")
    starts, pos = [], 0
    for p, text in zip(pages["page"], pages["text"]):
        starts.append((pos, None if pd.isna(p) else int(p)))
        pos += len(text or "") + 1
    return "\n".join(t or "" for t in pages["text"]), starts


DETAIL_SKIP = {"doc_id", "char_start", "char_end", "quote", "rule", "kind", "page"}


class Outputs:
    """The Parquet tables of one run, grouped by document once."""

    def __init__(self, outputs: Path) -> None:
        self.dir = Path(outputs)
        self.documents = pd.read_parquet(self.dir / "documents.parquet")
        self._pages = self._grouped("pages")
        self._facts = {t: self._grouped(t) for t in FACT_TABLES}
        self._cells = self._grouped("cells")
        self._boxes = self._grouped("fact_boxes")
        errors = self._read("errors")
        self.errors = errors.groupby("source_path")["message"].apply(list).to_dict() if len(errors) else {}

    def _read(self, name: str) -> pd.DataFrame:
        p = self.dir / f"{name}.parquet"
        return pd.read_parquet(p) if p.exists() else pd.DataFrame()

    def _grouped(self, name: str) -> dict[str, pd.DataFrame]:
        df = self._read(name)
        if df.empty or "doc_id" not in df.columns:
            return {}
        return {k: g for k, g in df.groupby("doc_id", sort=False)}

    def fact_counts(self, doc_id: str) -> dict[str, int]:
        return {t: len(g[doc_id]) for t, g in self._facts.items() if doc_id in g}

    def view(self, doc: dict[str, Any]) -> DocView:
        did = doc["doc_id"]
        pages = self._pages.get(did, pd.DataFrame({"page": [], "text": []}))
        text, starts = doc_text(pages)
        v = DocView(doc=doc, text=text, page_starts=starts, cells=self._cells.get(did), boxes=self._boxes.get(did))
        n = 0
        for table, (label_col, value_col) in FACT_TABLES.items():
            df = self._facts[table].get(did)
            if df is None:
                continue
            for r in df.to_dict("records"):
                r = {k: plain(x) for k, x in r.items()}
                details = {k: x for k, x in r.items() if k not in DETAIL_SKIP and k not in (label_col, value_col)
                           and x is not None}
                f = Fact(id=n, table=table, start=r.get("char_start") if r.get("char_start") is not None else -1,
                         end=r.get("char_end") if r.get("char_end") is not None else -1,
                         label=r.get(label_col), value=r.get(value_col), rule=r.get("rule"),
                         kind=r.get("kind") or "actual",
                         page=int(r["page"]) if r.get("page") is not None else None, quote=r.get("quote"), details=details)
                n += 1
                (v.facts if 0 <= f.start <= f.end <= len(text) else v.unplaced).append(f)
        v.facts.sort(key=lambda f: (f.start, -f.end, f.id))
        return v


def find_source(doc: dict[str, Any], roots: list[Path]) -> Path | None:
    """The file a documents row was read from, under one of `roots`, checked by its content hash."""
    sp, did = doc.get("source_path"), doc.get("doc_id")
    if not sp or not did:
        return None
    for root in roots:
        p = Path(root) / str(sp)
        try:
            if p.is_file() and doc_id_of(p) == did:
                return p
        except OSError:
            continue
    return None
