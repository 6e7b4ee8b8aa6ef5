"""Main periods and restated figures, per document."""
from __future__ import annotations

import datetime as dt

import pytest

from extract import restatements

D = dt.date
H1 = (D(2023, 1, 1), D(2023, 6, 30))
CUTOFF = (D(2022, 12, 15), D(2023, 6, 14))
Q1 = (D(2023, 1, 1), D(2023, 3, 31))


def hoso(field, value, period, start, subject=None, kind="actual"):
    return {"field": field, "value": value, "period_start": period[0], "period_end": period[1],
            "subject": subject, "kind": kind, "char_start": start}


@pytest.mark.parametrize("p, ref, expected", [
    (CUTOFF, H1, True),                                # a data cut-off: same length, shifted
    (Q1, H1, False),                                   # a shorter period inside it
    ((D(2021, 1, 1), D(2021, 12, 15)), (D(2021, 1, 1), D(2021, 12, 31)), True),
    ((D(2021, 1, 1), D(2021, 11, 1)), (D(2021, 1, 1), D(2021, 12, 31)), False),
    ((None, None), H1, False),
])
def test_matches(p, ref, expected):
    assert restatements.matches(p, ref) is expected


def test_main_period_is_the_cutoff_most_figures_carry():
    rows = {"hoso": [hoso("received", 63, CUTOFF, 10), hoso("resolved", 59, CUTOFF, 20), hoso("pending", 4, Q1, 30)],
            "tthc": [{"metric": "tthc_total", "value": 49, "period_start": H1[0], "period_end": H1[1],
                      "subject": None, "kind": "actual", "char_start": 5}]}
    doc = restatements.mark({"period_start": H1[0], "period_end": H1[1]}, rows)
    assert (doc["main_period_start"], doc["main_period_end"]) == CUTOFF
    assert [r["main_period"] for r in rows["hoso"]] == [True, True, False]
    assert rows["tthc"][0]["main_period"] is True  # the header's own period is the main one too


def test_no_header_period_takes_the_commonest():
    rows = {"hoso": [hoso("received", 9, Q1, 1), hoso("resolved", 9, Q1, 2), hoso("pending", 0, H1, 3)]}
    doc = restatements.mark({}, rows)
    assert (doc["main_period_start"], doc["main_period_end"]) == Q1


def test_restated_cumulative_figure_is_flagged_once():
    year, to_dec15 = (D(2021, 1, 1), D(2021, 12, 31)), (D(2021, 1, 1), D(2021, 12, 15))
    rows = {"hoso": [hoso("received", 29, year, 900), hoso("received", 29, to_dec15, 100),
                     hoso("received", 29, (D(2022, 1, 1), D(2022, 12, 31)), 950),   # another year: not a restatement
                     hoso("received", 29, to_dec15, 960, subject="Chi cục TĐC"),     # a breakdown row
                     hoso("received", 30, year, 970), hoso("received", 29, year, 980, kind="target")]}
    restatements.mark({"period_start": year[0], "period_end": year[1]}, rows)
    assert [r["restates"] for r in rows["hoso"]] == [True, False, False, False, False, False]


def test_par_repeated_score():
    par = [{"subject": "Sở Nội vụ", "eval_year": 2022, "component": "total", "score": 87.3, "kind": "actual",
            "char_start": s} for s in (50, 10)] + \
          [{"subject": "Sở Nội vụ", "eval_year": 2021, "component": "total", "score": 87.3, "kind": "actual",
            "char_start": 70}]
    rows = {"par_scores": par}
    restatements.mark({"period_start": D(2022, 1, 1), "period_end": D(2022, 12, 31)}, rows)
    assert [r["restates"] for r in par] == [True, False, False]
    assert [r["main_period"] for r in par] == [True, True, False]
