"""checks: internal consistency of the figures, for the analyst's eye.

For each document and (period, subject) of actual hồ sơ figures:
* hoso_parts_sum: received = early + on_time + late (or their joint forms) + pending + withdrawn + returned
* hoso_channels_sum: received = online + direct + postal + carried_over
* hoso_rate: the stated on-time rate agrees with its counts
and per document:
* par_components_sum: the components add up to the PAR total
* tthc_denominator: "48/49 TTHC" agrees with the stated total

A failed check is information, not an error; a check without the figures it
needs is `not-applicable`.
"""
from __future__ import annotations

from typing import Any

from ..model import Document

RATE_TOLERANCE = 0.5  # percentage points (rates are printed rounded)


def _row(check: str, status: str, detail: str, period=(None, None), subject=None) -> dict:
    return {"check": check, "status": status, "detail": detail,
            "period_start": period[0], "period_end": period[1], "subject": subject}


def _fmt(x: float | None) -> str:
    return "?" if x is None else (str(int(x)) if float(x).is_integer() else f"{x:g}")


def _sum(v: dict, fields: tuple[str, ...]) -> tuple[float | None, list[str]]:
    have = [f for f in fields if f in v]
    return (sum(v[f] for f in have), have) if have else (None, [])


def resolved_parts(v: dict) -> tuple[float | None, str]:
    if any(f in v for f in ("resolved_early", "resolved_on_time")):
        s, have = _sum(v, ("resolved_early", "resolved_on_time", "resolved_late"))
        return s, " + ".join(have)
    if "resolved_on_time_or_early" in v:
        s, have = _sum(v, ("resolved_on_time_or_early", "resolved_late"))
        return s, " + ".join(have)
    if "resolved" in v:
        return v["resolved"], "resolved"
    return None, ""


def hoso_checks(values: dict[str, float], period, subject) -> list[dict]:
    out = []
    rec = values.get("received")
    # parts
    res, res_desc = resolved_parts(values)
    pend, pend_have = _sum(values, ("pending_not_due", "pending_overdue"))
    if pend is None and "pending" in values:
        pend, pend_have = values["pending"], ["pending"]
    if rec is None or res is None:
        out.append(_row("hoso_parts_sum", "not-applicable", "needs received and the resolved figures", period, subject))
    else:
        other, other_have = _sum(values, ("withdrawn", "returned"))
        total = res + (pend or 0) + (other or 0)
        desc = " + ".join(x for x in [res_desc, " + ".join(pend_have), " + ".join(other_have)] if x)
        ok = abs(total - rec) < 1e-9
        if not ok and total < rec and "pending_not_due" not in values and "pending" not in values and other is None:
            out.append(_row("hoso_parts_sum", "not-applicable",
                            f"received {_fmt(rec)} > {desc} = {_fmt(total)}, pending not stated", period, subject))
            return out + _channels_and_rate(values, rec, period, subject)
        out.append(_row("hoso_parts_sum", "pass" if ok else "fail",
                        f"received {_fmt(rec)} {'=' if ok else '!='} {desc} = {_fmt(total)}", period, subject))
    return out + _channels_and_rate(values, rec, period, subject)


def _channels_and_rate(values: dict[str, float], rec, period, subject) -> list[dict]:
    out = []
    # channels
    chans, have = _sum(values, ("received_online", "received_direct", "received_postal", "carried_over"))
    if rec is None or len(have) < 2:
        out.append(_row("hoso_channels_sum", "not-applicable", "needs received and two or more channels", period, subject))
    else:
        ok = abs(chans - rec) < 1e-9
        out.append(_row("hoso_channels_sum", "pass" if ok else "fail",
                        f"received {_fmt(rec)} {'=' if ok else '!='} {' + '.join(have)} = {_fmt(chans)}", period, subject))
    # rate
    rate = values.get("on_time_rate_pct")
    good = values.get("resolved_on_time_or_early")
    if good is None and any(f in values for f in ("resolved_early", "resolved_on_time")):
        good = values.get("resolved_early", 0) + values.get("resolved_on_time", 0)
    base = values.get("resolved")
    if base is None and good is not None:
        base = good + values.get("resolved_late", 0) if "resolved_late" in values else None
    if rate is None or good is None or not base:
        out.append(_row("hoso_rate", "not-applicable", "needs the rate, the on-time count and the resolved total", period, subject))
    else:
        calc = 100.0 * good / base
        ok = abs(calc - rate) <= RATE_TOLERANCE
        out.append(_row("hoso_rate", "pass" if ok else "fail",
                        f"stated {_fmt(rate)}% vs {_fmt(good)}/{_fmt(base)} = {calc:.2f}%", period, subject))
    return out


def _par_group(subject, year, rows: list[dict]) -> dict:
    pre = f"{year}: " if year is not None else ""
    totals = [r for r in rows if r.get("component") == "total" and r.get("score") is not None]
    comps: dict[str, dict] = {}
    for r in rows:  # a component stated twice (text and table) counts once
        if r.get("component") != "total" and r.get("score") is not None:
            comps.setdefault(r["component"], r)
    if not totals or len(comps) < 2:
        return _row("par_components_sum", "not-applicable",
                    pre + "needs the total and two or more component scores", subject=subject)
    total = totals[0]
    s = sum(r["score"] for r in comps.values())
    maxima = [r.get("max_score") for r in comps.values()]
    if total.get("max_score") and all(m is not None for m in maxima):
        covered = sum(maxima)
        if covered < total["max_score"] - 1e-6:  # only some components are listed
            return _row("par_components_sum", "not-applicable",
                        f"{pre}{len(comps)} components listed cover {covered:g} of {total['max_score']:g} points",
                        subject=subject)
    tol = 0.001 * len(comps) + 1e-6
    ok = abs(s - total["score"]) <= tol
    return _row("par_components_sum", "pass" if ok else "fail",
                f"{pre}total {total['score']:g} {'=' if ok else '!='} sum of {len(comps)} components {s:g}",
                subject=subject)


def par_check(rows: list[dict]) -> list[dict]:
    """One check per (subject, evaluation year) that has PAR scores."""
    groups: dict[tuple, list[dict]] = {}
    for r in rows:
        groups.setdefault((r.get("subject"), r.get("eval_year")), []).append(r)
    if not groups:
        return [_row("par_components_sum", "not-applicable", "no PAR scores")]
    return [_par_group(subject, year, g) for (subject, year), g in groups.items()]


def tthc_checks(rows: list[dict]) -> list[dict]:
    totals = {r["value"] for r in rows if r.get("metric") == "tthc_total" and r.get("kind") == "actual"}
    with_den = [r for r in rows if r.get("denominator") is not None and r.get("kind") == "actual"]
    if not with_den:
        return [_row("tthc_denominator", "not-applicable", "no 'x/y TTHC' figure")]
    out = []
    for r in with_den:
        den = r["denominator"]
        if not totals:
            out.append(_row("tthc_denominator", "not-applicable",
                            f"{r['metric']} {r['value']}/{den}: no stated total", (r.get("period_start"), r.get("period_end"))))
            continue
        ok = den in totals
        out.append(_row("tthc_denominator", "pass" if ok else "fail",
                        f"{r['metric']} {r['value']}/{den} vs stated total {sorted(totals)}",
                        (r.get("period_start"), r.get("period_end")), r.get("subject")))
    return out


def extract(doc: Document, ctx: Any) -> dict[str, list[dict]]:
    rows = getattr(ctx, "rows", {}) or {}
    out: list[dict] = []
    groups: dict[tuple, dict[str, float]] = {}
    for r in rows.get("hoso", []):
        if r.get("kind") != "actual":
            continue
        key = (r.get("period_start"), r.get("period_end"), r.get("subject"))
        groups.setdefault(key, {}).setdefault(r["field"], r["value"])  # first statement wins
    if not groups:
        for c in ("hoso_parts_sum", "hoso_channels_sum", "hoso_rate"):
            out.append(_row(c, "not-applicable", "no hồ sơ figures"))
    for (ps, pe, subj), values in groups.items():
        out += hoso_checks(values, (ps, pe), subj)
    out += par_check([r for r in rows.get("par_scores", []) if r.get("kind", "actual") == "actual"])
    out += tthc_checks(rows.get("tthc", []))
    return {"checks": out}
