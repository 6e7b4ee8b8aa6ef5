"""Extractor registry: one small component per fact family.

Each extractor is a plain function `extract(doc, ctx) -> dict[table, rows]`
over the shared `Document` model (it sees nothing else). They run in the
order below; `ctx` carries what earlier ones found (the document's own
number and period, for instance) to later ones.
"""
from __future__ import annotations

import importlib
from dataclasses import dataclass, field
from typing import Any, Callable

from ..model import Document

# name -> module (in extract/extractors/). Order matters.
REGISTRY: tuple[tuple[str, str], ...] = (
    ("header", "header"),          # documents columns: number, type, title, place/date, agency, period, signer
    ("references", "references"),  # references table
    ("tables", "tables"),          # indicators table (appendix statistical tables)
    ("tthc", "tthc"),              # tthc table
    ("hoso", "hoso"),              # hoso + hoso_summary tables
    ("par", "par"),                # par_scores table
    ("checks", "checks"),          # checks table (consistency of the above)
)


@dataclass
class Context:
    """What extractors share about one document."""

    document: dict[str, Any] = field(default_factory=dict)  # documents row fields found so far
    rows: dict[str, list[dict]] = field(default_factory=dict)  # rows produced so far, by table

    @property
    def period(self) -> tuple[Any, Any]:
        return self.document.get("period_start"), self.document.get("period_end")


Extractor = Callable[[Document, Context], dict[str, list[dict]]]


def names(only: list[str] | None = None) -> list[str]:
    """Registered extractor names, in run order (restricted to `only`)."""
    unknown = set(only or ()) - {n for n, _ in REGISTRY}
    if unknown:
        raise ValueError(f"unknown extractor(s): {sorted(unknown)}")
    return [n for n, _ in REGISTRY if only is None or n in only]


def get(name: str) -> Extractor:
    """The extractor function registered under `name` (imported on first use)."""
    module = dict(REGISTRY)[name]
    return importlib.import_module(f"{__name__}.{module}").extract
