"""checks: pass, fail and not-applicable for each check."""
from __future__ import annotations

import datetime as dt

import pytest

from extract.extractors import Context, checks

P = (dt.date(2023, 1, 1), dt.date(2023, 3, 31))


def hoso_rows(**fields):
    return [{"field": f, "value": float(v), "period_start": P[0], "period_end": P[1], "subject": None, "kind": "actual"}
            for f, v in fields.items()]


def status(rows: dict, check: str) -> set[str]:
    ctx = Context(rows=rows)
    return {r["status"] for r in checks.extract(None, ctx)["checks"] if r["check"] == check}


@pytest.mark.parametrize("fields,check,expected", [
    (dict(received=63, resolved_early=59, resolved_on_time=0, resolved_late=0, pending_not_due=4), "hoso_parts_sum", "pass"),
    (dict(received=63, resolved_early=50, resolved_on_time=0, resolved_late=0, pending_not_due=4), "hoso_parts_sum", "fail"),
    (dict(received_online=5), "hoso_parts_sum", "not-applicable"),
    (dict(received=63, received_online=52, received_direct=1, carried_over=10), "hoso_channels_sum", "pass"),
    (dict(received=63, received_online=52, received_direct=5), "hoso_channels_sum", "fail"),
    (dict(received=63, received_online=52), "hoso_channels_sum", "not-applicable"),
    (dict(resolved=9, resolved_on_time_or_early=9, on_time_rate_pct=100), "hoso_rate", "pass"),
    (dict(resolved=10, resolved_on_time_or_early=9, on_time_rate_pct=100), "hoso_rate", "fail"),
    (dict(on_time_rate_pct=100), "hoso_rate", "not-applicable"),
])
def test_hoso_checks(fields, check, expected):
    assert status({"hoso": hoso_rows(**fields)}, check) == {expected}


def par(total, comps):
    rows = [{"component": "total", "score": total, "kind": "actual"}]
    rows += [{"component": f"c{i}", "score": s, "kind": "actual"} for i, s in enumerate(comps)]
    return {"par_scores": rows}


@pytest.mark.parametrize("rows,expected", [
    (par(87.303, [11.911, 4.5, 4.5, 5, 8, 7, 6.47, 5.15, 34.772]), "pass"),
    (par(90.0, [11.911, 4.5, 4.5, 5, 8, 7, 6.47, 5.15, 34.772]), "fail"),
    (par(87.303, []), "not-applicable"),
])
def test_par_components_sum(rows, expected):
    assert status(rows, "par_components_sum") == {expected}


def agency(name, total, comps, year=2023):
    rows = [{"component": "total", "score": total, "max_score": 100, "subject": name, "eval_year": year, "kind": "actual"}]
    rows += [{"component": c, "score": s, "max_score": m, "subject": name, "eval_year": year, "kind": "actual"}
             for c, s, m in comps]
    return rows


def test_par_check_per_subject_and_year():
    """An annex of agencies x components is checked agency by agency, not summed across agencies."""
    a = agency("Sở Nội vụ", 30.0, [("c1", 10.0, 40), ("c2", 20.0, 60)])
    b = agency("Sở Tư pháp", 31.0, [("c1", 10.0, 40), ("c2", 20.0, 60)])
    c = agency("Sở Nội vụ", 25.0, [("c1", 10.0, 40), ("c2", 15.0, 60)], year=2022)
    out = [r for r in checks.extract(None, Context(rows={"par_scores": a + b + c}))["checks"]
           if r["check"] == "par_components_sum"]
    assert [(r["subject"], r["status"]) for r in out] == [
        ("Sở Nội vụ", "pass"), ("Sở Tư pháp", "fail"), ("Sở Nội vụ", "pass")]
    assert out[2]["detail"].startswith("2022: ")


def test_par_check_partial_components_not_applicable():
    """Components that cover only part of the maximum (a text quoting two of eight) prove nothing."""
    rows = agency("Sở Y tế", 88.0, [("c1", 10.0, 13), ("c2", 12.0, 15)])
    out = status({"par_scores": rows}, "par_components_sum")
    assert out == {"not-applicable"}
    # the same component quoted twice (text and table) counts once
    rows = agency("Sở Y tế", 30.0, [("c1", 10.0, 40), ("c2", 20.0, 60), ("c1", 10.0, 40)])
    assert status({"par_scores": rows}, "par_components_sum") == {"pass"}


def tthc(*rows):
    return {"tthc": [dict(metric=m, value=v, denominator=d, kind="actual") for m, v, d in rows]}


@pytest.mark.parametrize("rows,expected", [
    (tthc(("tthc_total", 49, None), ("tthc_online_level4", 48, 49)), {"pass"}),
    (tthc(("tthc_total", 46, None), ("tthc_online_level4", 48, 49)), {"fail"}),
    (tthc(("tthc_online_level4", 48, 49)), {"not-applicable"}),
    (tthc(("tthc_total", 49, None)), {"not-applicable"}),
])
def test_tthc_denominator(rows, expected):
    assert status(rows, "tthc_denominator") == expected
