"""The `summary` table: hồ sơ, TTHC and PAR figures by province (and 2025 unit), agency and period,
each report counted once, with the reports it comes from.

Which figures count (so that a plain SUM over the table is right):

* one rendering per report: the documents row with `report_primary` (extract/reports.py);
* actual figures only (not plan targets), and no figure that restates another (`restates`);
* the reporting agency's own figures: hồ sơ and TTHC rows without a `subject` (breakdowns by unit,
  commune or field stay in `hoso`/`tthc`), PAR rows whose subject is the agency itself (or unnamed);
* a figure stated for the document's main period (or the same period shifted by a data cut-off) is
  put on the main period, so "15/12/2022-14/6/2023" and "6 tháng đầu năm 2023" of one report are one
  row; other figures keep their own period; PAR scores go on their evaluated year.

Within a row, each field takes the first statement of the first report (latest issued first), and a
report that states another value is listed in `conflicts`. hồ sơ fields not stated are derived from
those that are, as in `hoso_summary` (listed in `hoso_derived_fields`).
"""
from __future__ import annotations

import datetime as dt
from collections import defaultdict
from typing import Any

import pandas as pd

from .extractors.hoso import _derive
from .normalize import fold_for_matching
from .schemas import HOSO_FIELDS, PAR_COMPONENTS, SUMMARY, TTHC_METRICS

KEY = ("province", "province_2025", "agency", "period_start", "period_end")


def _v(x: Any) -> Any:
    return None if x is None or (not isinstance(x, (str, list)) and pd.isna(x)) else x


def _date(x: Any) -> dt.date | None:
    x = _v(x)
    if x is None:
        return None
    return x.date() if isinstance(x, (pd.Timestamp, dt.datetime)) else x


def _same_agency(subject: Any, agency: Any) -> bool:
    if _v(subject) is None:
        return True
    return _v(agency) is not None and fold_for_matching(str(subject)).casefold() == fold_for_matching(str(agency)).casefold()


def _facts(docs: dict[str, dict], hoso: pd.DataFrame, tthc: pd.DataFrame, par: pd.DataFrame) -> list[dict]:
    """(doc, period, column, value, order, main) for every figure that counts."""
    out: list[dict] = []

    def usable(df: pd.DataFrame) -> pd.DataFrame:
        if df is None or df.empty:
            return pd.DataFrame()
        df = df[df["doc_id"].isin(docs.keys()) & (df["kind"] == "actual")]
        if "restates" in df.columns:
            df = df[df["restates"] != True]  # noqa: E712 - null (older outputs) counts as not restating
        return df

    for table, name_col, allowed in (("hoso", "field", set(HOSO_FIELDS)), ("tthc", "metric", set(TTHC_METRICS))):
        df = usable({"hoso": hoso, "tthc": tthc}[table])
        if df.empty:
            continue
        df = df[df["subject"].isna() & df[name_col].isin(allowed)]
        for r in df.to_dict("records"):
            d = docs[r["doc_id"]]
            main = bool(_v(r.get("main_period"))) and d["main_period_start"] is not None
            period = (d["main_period_start"], d["main_period_end"]) if main else (_date(r["period_start"]), _date(r["period_end"]))
            out.append({"doc": d, "period": period, "main": main, "column": r[name_col],
                        "value": r["value"], "order": (0 if table == "hoso" else 1, _v(r.get("char_start")) or 0)})
    df = usable(par)
    if not df.empty:
        for r in df[df["eval_year"].notna()].to_dict("records"):
            d = docs[r["doc_id"]]
            if not _same_agency(r.get("subject"), d.get("agency")):
                continue
            y = int(r["eval_year"])
            order = (2, _v(r.get("char_start")) or 0)
            base = {"doc": d, "period": (dt.date(y, 1, 1), dt.date(y, 12, 31)), "main": bool(_v(r.get("main_period"))),
                    "order": order}
            comp = r["component"]
            if comp == "total":
                for col, src in (("par_total", "score"), ("par_max_score", "max_score"), ("par_rank", "rank"),
                                 ("par_rank_of", "rank_of"), ("par_rank_change", "rank_change")):
                    if _v(r.get(src)) is not None:
                        out.append({**base, "column": col, "value": r[src]})
            elif comp in PAR_COMPONENTS and _v(r.get("score")) is not None:
                out.append({**base, "column": f"par_{comp}", "value": r["score"]})
    return out


def build(documents: pd.DataFrame, hoso: pd.DataFrame, tthc: pd.DataFrame, par: pd.DataFrame) -> list[dict]:
    """Rows of the `summary` table (schema SUMMARY)."""
    prim = documents[(documents["report_primary"] == True) & documents["doc_id"].notna()]  # noqa: E712
    docs = {}
    for r in prim.to_dict("records"):
        docs[r["doc_id"]] = {k: _v(r.get(k)) for k in ("doc_id", "report_id", "source_path", "province",
                                                        "province_2025", "agency", "issue_date")}
        docs[r["doc_id"]]["main_period_start"] = _date(r.get("main_period_start"))
        docs[r["doc_id"]]["main_period_end"] = _date(r.get("main_period_end"))
    groups: dict[tuple, list[dict]] = defaultdict(list)
    for f in _facts(docs, hoso, tthc, par):
        d = f["doc"]
        groups[(d["province"], d["province_2025"], d["agency"], *f["period"])].append(f)
    rows = []
    for key, facts in groups.items():
        reports: dict[str, dict] = {}
        for f in facts:
            reports.setdefault(f["doc"]["report_id"], f["doc"])
        # latest issued first (undated last), then report_id: a later report's figure is shown
        order = sorted(reports.values(), key=lambda d: (d["issue_date"] is None, -(d["issue_date"].toordinal()
                                                        if d["issue_date"] else 0), d["report_id"]))
        rank = {d["report_id"]: i for i, d in enumerate(order)}
        chosen: dict[str, Any] = {}
        others: dict[str, set] = defaultdict(set)
        for f in sorted(facts, key=lambda f: (rank[f["doc"]["report_id"]], f["order"])):
            col = f["column"]
            if col not in chosen:
                chosen[col] = (f["value"], f["doc"]["report_id"])
            elif f["doc"]["report_id"] != chosen[col][1] and float(f["value"]) != float(chosen[col][0]):
                others[col].add(f"{f['value']:g} ({f['doc']['report_id']})")
        hoso_stated = {c: float(v) for c, (v, _) in chosen.items() if c in HOSO_FIELDS}
        hoso_vals, derived = _derive(hoso_stated) if hoso_stated else ({}, [])
        row = dict(zip(KEY, key))
        row.update(main_period=any(f["main"] for f in facts), n_reports=len(order),
                   report_ids="; ".join(d["report_id"] for d in order),
                   doc_ids="; ".join(d["doc_id"] for d in order),
                   source_paths="; ".join(str(d["source_path"]) for d in order),
                   hoso_derived_fields=",".join(derived) or None,
                   conflicts="; ".join(f"{c}: {chosen[c][0]:g} ({chosen[c][1]}) vs {', '.join(sorted(v))}"
                                       for c, v in others.items()) or None)
        for c in HOSO_FIELDS:
            row[c] = hoso_vals.get(c)
        for c, (v, _) in chosen.items():
            if c not in HOSO_FIELDS:
                row[c] = v
        rows.append({n: row.get(n) for n in SUMMARY.names})
    rows.sort(key=lambda r: (str(r["province"]), str(r["agency"]), r["period_start"] or dt.date.min,
                             r["period_end"] or dt.date.min))
    return rows
