"""One report, one set of figures: `report_id` links the renderings and copies of one document.

Computed across files after the batch (`extract/analyst.py`), from the `documents` table alone:

* two documents are the same report when they carry the same number, issue date and issuer
  (doc_number with a sequence number, issue_date, agency and province all known and equal), or when
  their texts are near-identical (MinHash signatures, `extract/fingerprint.py`, agreeing on at least
  SIMILAR of their words) and nothing tells them apart: not two different numbers or issue dates, not
  two different reporting periods, not two different provinces;
* links are transitive (a PDF, its DOCX and a re-saved copy are one report);
* `report_id` is "R" + 15 hex digits of a hash of the report's smallest number key (or, for
  unnumbered reports, its smallest doc_id), so it stays the same from run to run;
* `report_primary` marks the one rendering analyses count: status ok before partial, then the one
  with most facts, then DOCX before PDF (its text is exact), then the path.

Documents with status `error` or no doc_id belong to no report.
"""
from __future__ import annotations

import hashlib
from collections import defaultdict
from typing import Any, Mapping

import pandas as pd

from .fingerprint import bands, similarity
from .normalize import fold_for_matching

SIMILAR = 0.6
MAX_BUCKET = 1000
FORMAT_RANK = {"docx": 0, "doc": 1, "pdf": 2}


def _val(v: Any) -> Any:
    return None if v is None or (not isinstance(v, str) and pd.isna(v)) else v


def number_key(doc: Mapping[str, Any]) -> str | None:
    """"55/TB-SKHCN|2023-04-26|sở khoa học và công nghệ|Bà Rịa - Vũng Tàu", or None when incomplete."""
    num, seq, date, agency, prov = (_val(doc.get(k)) for k in
                                    ("doc_number", "doc_seq", "issue_date", "agency", "province"))
    if not (num and seq is not None and date and agency and prov):
        return None
    return f"{str(num).casefold()}|{date}|{fold_for_matching(str(agency)).casefold()}|{prov}"


def _differ(a: Mapping[str, Any], b: Mapping[str, Any], cols: tuple[str, ...]) -> bool:
    """Both documents state the columns and at least one differs."""
    va, vb = [_val(a.get(c)) for c in cols], [_val(b.get(c)) for c in cols]
    return all(v is not None for v in va + vb) and va != vb


def _distinct(a: Mapping[str, Any], b: Mapping[str, Any]) -> bool:
    """What the documents say about themselves tells them apart."""
    return (_differ(a, b, ("doc_number",)) and _val(a.get("doc_seq")) is not None
            and _val(b.get("doc_seq")) is not None) or _differ(a, b, ("issue_date",)) \
        or _differ(a, b, ("period_start", "period_end")) or _differ(a, b, ("province",))


class _Union:
    def __init__(self, n: int) -> None:
        self.parent = list(range(n))

    def find(self, i: int) -> int:
        while self.parent[i] != i:
            self.parent[i] = self.parent[self.parent[i]]
            i = self.parent[i]
        return i

    def join(self, i: int, j: int) -> None:
        a, b = self.find(i), self.find(j)
        if a != b:
            self.parent[max(a, b)] = min(a, b)


def link(docs: pd.DataFrame, fact_counts: Mapping[str, int] | None = None) -> pd.DataFrame:
    """`docs` (the documents table) with `report_id` and `report_primary` filled."""
    docs = docs.copy()
    recs = docs.to_dict("records")
    n = len(recs)
    usable = [i for i, r in enumerate(recs) if _val(r.get("doc_id")) and r.get("status") != "error"]
    uf = _Union(n)
    by_key: dict[str, int] = {}
    for i in usable:
        k = number_key(recs[i])
        if k is not None:
            if k in by_key:
                uf.join(by_key[k], i)
            else:
                by_key[k] = i
    buckets: dict[str, list[int]] = defaultdict(list)
    for i in usable:
        sig = _val(recs[i].get("text_signature"))
        if sig:
            for band in bands(sig):
                buckets[band].append(i)
    tried: set[tuple[int, int]] = set()
    for members in buckets.values():
        if len(members) > MAX_BUCKET:  # a band shared by that many texts is boilerplate, not a copy
            continue
        for x in range(len(members)):
            for y in range(x + 1, len(members)):
                i, j = members[x], members[y]
                if (i, j) in tried or uf.find(i) == uf.find(j):
                    continue
                tried.add((i, j))
                if (similarity(recs[i]["text_signature"], recs[j]["text_signature"]) >= SIMILAR
                        and not _distinct(recs[i], recs[j])):
                    uf.join(i, j)
    groups: dict[int, list[int]] = defaultdict(list)
    for i in usable:
        groups[uf.find(i)].append(i)
    report_id: list[str | None] = [None] * n
    primary = [False] * n
    counts = fact_counts or {}
    for members in groups.values():
        keys = sorted(k for k in (number_key(recs[i]) for i in members) if k)
        basis = ("n:" + keys[0]) if keys else ("d:" + min(str(recs[i]["doc_id"]) for i in members))
        rid = "R" + hashlib.sha256(basis.encode()).hexdigest()[:15]
        for i in members:
            report_id[i] = rid
        best = min(members, key=lambda i: (recs[i].get("status") != "ok", -counts.get(recs[i]["doc_id"], 0),
                                           FORMAT_RANK.get(str(recs[i].get("source_format")), 9),
                                           str(recs[i].get("source_path"))))
        primary[best] = True
    docs["report_id"] = report_id
    docs["report_primary"] = primary
    return docs
