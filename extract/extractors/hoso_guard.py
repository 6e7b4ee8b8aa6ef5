"""Contradictions among hồ sơ figures, caught before they are written.

Within one period and subject, the parts of a total cannot exceed it: the channels of the dossiers received
(online + direct + postal <= received), the timeliness of those resolved (early + on time + late <= resolved,
or on-time-or-early + late <= resolved), the state of those pending (not due + overdue <= pending), and any one
part its own total (received_new, carried_over <= received; a level of online receipt <= received_online). A
breakdown that breaks this has a misread field: its parts read from the wider clause ("medium" confidence)
are dropped first; if it still does not hold, every part of it is dropped and the total kept. Each drop is a
`checks` row (`hoso_contradiction`, status `fail`) so the analyst sees what was held back and why.

Where a field has two different values in one group (two statements the period cannot tell apart), nothing is
checked: which one is the total is not known.
"""
from __future__ import annotations

from .checks import _fmt, _row

# (total, parts summed) and (total, single part) relations
SUMS: tuple[tuple[str, tuple[str, ...]], ...] = (
    ("received", ("received_online", "received_direct", "received_postal")),
    ("resolved", ("resolved_early", "resolved_on_time", "resolved_late")),
    ("resolved", ("resolved_on_time_or_early", "resolved_late")),
    ("pending", ("pending_not_due", "pending_overdue")),
    ("received", ("received_new",)),
    ("received", ("carried_over",)),
    ("received_online", ("received_online_level3", "received_online_level4")),
    ("resolved_on_time_or_early", ("resolved_early", "resolved_on_time")),
)


def _group(row: dict) -> tuple | None:
    """Rows that must agree: actual results of one period and subject."""
    return (row["period_start"], row["period_end"], row.get("subject")) if row.get("kind") == "actual" else None


def guard(rows: list[dict]) -> tuple[list[dict], list[dict]]:
    """hồ sơ `rows` without the parts of contradicting breakdowns, and a checks row for each drop."""
    groups: dict[tuple, list[int]] = {}
    for i, r in enumerate(rows):
        key = _group(r)
        if key is not None:
            groups.setdefault(key, []).append(i)
    dropped: set[int] = set()
    checks: list[dict] = []
    for key, idx in groups.items():
        by_field: dict[str, list[int]] = {}
        for i in idx:
            by_field.setdefault(rows[i]["field"], []).append(i)
        values = {fld: {rows[i]["value"] for i in ii} for fld, ii in by_field.items()}
        for total, parts in SUMS:
            if total not in values or len(values[total]) != 1:
                continue
            have = [p for p in parts if p in values and not all(i in dropped for i in by_field[p])]
            if not have or any(len(values[p]) != 1 for p in have):
                continue
            whole = next(iter(values[total]))
            if sum(next(iter(values[p])) for p in have) <= whole:  # counts are exact
                continue
            before = ", ".join(f"{p} {_fmt(next(iter(values[p])))}" for p in have)
            medium = [p for p in have if any(rows[i].get("confidence") == "medium" for i in by_field[p])]
            for p in medium:
                dropped.update(by_field[p])
            have = [p for p in have if p not in medium]
            if have and sum(next(iter(values[p])) for p in have) > whole:
                for p in have:
                    dropped.update(by_field[p])
                gone = medium + have
            else:
                gone = medium
            checks.append(_row("hoso_contradiction", "fail",
                               f"{before} exceed {total} {_fmt(whole)}: dropped {', '.join(gone)}",
                               (key[0], key[1]), key[2]))
    return [r for i, r in enumerate(rows) if i not in dropped], checks
