"""Per document: its main period, the figures stated for it, and the figures that restate others.

A report states most figures for its reporting period, often as of a data cut-off ("từ 15/12/2022
đến 14/6/2023" in a report on the first half of 2023), and repeats some of them: the year's total
again in an annex table, a cumulative count restated for a longer period. Summing such rows counts
one figure twice. This module marks, on the rows of one document (a pure step of the per-file work):

* the document's main period (`documents.main_period_start/end`): among the periods its actual,
  whole-agency hồ sơ and TTHC figures are stated for, those that match the header's reporting period
  (same length within 10 %, overlapping at least half of it), the one with most figures; else the
  header's period; with no header period, the period most figures carry;
* `main_period` on hoso, tthc and par_scores rows: the figure is stated for the main period or for
  the header's period (PAR: its evaluated year is the main period's year);
* `restates` on the same rows: the figure repeats one stated earlier in the document (same field or
  metric, value, subject and kind, overlapping period; PAR: same subject, year, component and score).
"""
from __future__ import annotations

import datetime as dt
from collections import Counter
from typing import Any, Iterable

Period = tuple[dt.date | None, dt.date | None]
KEYS = {"hoso": ("field", "value", "subject", "kind"), "tthc": ("metric", "value", "subject", "kind")}
PAR_KEY = ("subject", "eval_year", "component", "score", "kind")


def _days(p: Period) -> int:
    return (p[1] - p[0]).days + 1


def matches(p: Period, ref: Period) -> bool:
    """`p` is `ref` or `ref` shifted by a data cut-off: about the same length, overlapping at least half."""
    if not (p[0] and p[1] and ref[0] and ref[1]):
        return False
    if p == ref:
        return True
    la, lb = _days(p), _days(ref)
    if la <= 0 or lb <= 0 or abs(la - lb) > 0.1 * lb:
        return False
    overlap = (min(p[1], ref[1]) - max(p[0], ref[0])).days + 1
    return overlap >= 0.5 * lb


def overlaps(a: Period, b: Period) -> bool:
    if not (a[0] and a[1] and b[0] and b[1]):
        return a == b
    return a[0] <= b[1] and b[0] <= a[1]


def main_period(header: Period, rows: Iterable[dict]) -> Period:
    counts = Counter((r.get("period_start"), r.get("period_end")) for r in rows
                     if r.get("kind") == "actual" and r.get("subject") is None and r.get("period_start"))
    if header[0] and header[1]:
        fits = [p for p in counts if matches(p, header)]
        if not fits:
            return header
        return max(fits, key=lambda p: (counts[p], p == header, -abs(_days(p) - _days(header))))
    if counts:
        return max(counts, key=lambda p: (counts[p], _days(p) if p[1] else 0))
    return None, None


def _mark_restated(rows: list[dict], key: tuple[str, ...], period_of) -> None:
    """Rows in text order; a row restates an earlier one with the same key and an overlapping period."""
    seen: dict[tuple, list[Period]] = {}
    for r in sorted(rows, key=lambda r: (r.get("char_start") is None, r.get("char_start") or 0)):
        k = tuple(r.get(c) for c in key)
        p = period_of(r)
        earlier = seen.setdefault(k, [])
        r["restates"] = any(overlaps(p, q) for q in earlier)
        earlier.append(p)


def mark(document: dict[str, Any], rows: dict[str, list[dict]]) -> dict[str, Any]:
    """Set `main_period` and `restates` on the fact rows; return the documents fields (main period)."""
    header = (document.get("period_start"), document.get("period_end"))
    period_rows = [r for t in KEYS for r in rows.get(t, [])]
    main = main_period(header, period_rows)
    for table, key in KEYS.items():
        for r in rows.get(table, []):
            p = (r.get("period_start"), r.get("period_end"))
            r["main_period"] = bool(main[0]) and (matches(p, main) or matches(p, header))
        _mark_restated(rows.get(table, []), key, lambda r: (r.get("period_start"), r.get("period_end")))
    main_year = main[1].year if main[1] else None
    for r in rows.get("par_scores", []):
        r["main_period"] = main_year is not None and r.get("eval_year") == main_year
    _mark_restated(rows.get("par_scores", []), PAR_KEY, lambda r: (None, None))
    return {"main_period_start": main[0], "main_period_end": main[1]}
