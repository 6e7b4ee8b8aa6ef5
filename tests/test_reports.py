"""One report, one set of figures: renderings linked by report_id, counted once."""
from __future__ import annotations

import datetime as dt
import random

import pandas as pd
import pytest

from extract import fingerprint, reports
from extract.sql import connect


def test_corpus_renderings_are_one_report_each(corpus_outputs):
    docs = pd.read_parquet(corpus_outputs / "documents.parquet")
    assert len(docs) == 10 and docs["report_id"].notna().all()
    docs["stem"] = docs["source_path"].str.split(".").str[0]
    assert (docs.groupby("stem")["report_id"].nunique() == 1).all(), "a report's PDF and DOCX differ"
    assert docs["report_id"].nunique() == 5
    assert (docs.groupby("report_id")["report_primary"].sum() == 1).all(), "one primary rendering per report"


def test_plain_sum_doubles_and_deduplicated_sum_does_not(corpus_outputs):
    """The issue's finding: Sóc Trăng `received` summed to 116 (2 renderings x 2 cumulative periods); it states 29."""
    db = connect(corpus_outputs)
    plain = db.sql("SELECT SUM(h.value) FROM hoso h JOIN documents d USING (doc_id) "
                   "WHERE d.province = 'Sóc Trăng' AND h.field = 'received'").fetchone()[0]
    once = db.sql("SELECT SUM(h.value) FROM hoso h JOIN documents d USING (doc_id) WHERE d.province = 'Sóc Trăng' "
                  "AND h.field = 'received' AND d.report_primary AND NOT h.restates AND h.kind = 'actual' "
                  "AND h.subject IS NULL").fetchone()[0]
    assert plain > 29 and once == 29
    assert db.sql("SELECT SUM(received) FROM summary WHERE province = 'Sóc Trăng' AND main_period").fetchone()[0] == 29


TEXT = "\n".join(f"Dòng {i}: Sở Khoa học và Công nghệ tiếp nhận {i * 7} hồ sơ trong kỳ báo cáo số {i}" for i in range(60))


def test_signature_ignores_line_order_and_page_numbers():
    lines = TEXT.split("\n")
    shuffled = lines[:]
    random.Random(1).shuffle(shuffled)
    with_pages = "\n".join(x for i, line in enumerate(shuffled) for x in ((line, str(i // 20 + 1)) if i % 20 == 0 else (line,)))
    other = "\n".join(f"Kế hoạch {i}: Ủy ban nhân dân xã triển khai nhiệm vụ {i * 3} về chuyển đổi số" for i in range(60))
    a, b, c = fingerprint.signature(TEXT), fingerprint.signature(with_pages), fingerprint.signature(other)
    assert fingerprint.similarity(a, b) >= 0.9
    assert fingerprint.similarity(a, c) <= 0.2
    assert fingerprint.signature("quá ngắn") is None


def _doc(doc_id, **kw):
    base = {"doc_id": doc_id, "status": "ok", "source_format": "pdf", "source_path": f"{doc_id}.pdf",
            "doc_number": None, "doc_seq": None, "issue_date": None, "agency": "Sở Nội vụ", "province": "Cao Bằng",
            "period_start": None, "period_end": None, "text_signature": None}
    base.update(kw)
    return base


SIG = fingerprint.signature(TEXT)
NUM = dict(doc_number="12/BC-SNV", doc_seq=12, issue_date=dt.date(2023, 3, 1))


@pytest.mark.parametrize("a, b, same", [
    (_doc("a", **NUM), _doc("b", **NUM), True),                                         # number, date, issuer
    (_doc("a", **NUM), _doc("b", **{**NUM, "issue_date": dt.date(2023, 4, 1)}), False),  # another date
    (_doc("a", text_signature=SIG), _doc("b", text_signature=SIG, source_format="docx"), True),  # same text
    (_doc("a", text_signature=SIG, **NUM), _doc("b", text_signature=SIG, **{**NUM, "doc_number": "13/BC-SNV",
                                                                                 "doc_seq": 13}), False),
    (_doc("a", text_signature=SIG, period_start=dt.date(2023, 1, 1), period_end=dt.date(2023, 3, 31)),
     _doc("b", text_signature=SIG, period_start=dt.date(2023, 4, 1), period_end=dt.date(2023, 6, 30)), False),
    (_doc("a", text_signature=SIG), _doc("b", text_signature=SIG, province="Sơn La"), False),
    (_doc("a"), _doc("b"), False),                                                      # nothing in common
])
def test_link(a, b, same):
    out = reports.link(pd.DataFrame([a, b]))
    assert (out["report_id"].iloc[0] == out["report_id"].iloc[1]) is same
    assert out["report_primary"].sum() == (1 if same else 2)


def test_primary_is_ok_then_most_facts_then_docx_and_ids_are_stable():
    docs = pd.DataFrame([_doc("a", text_signature=SIG), _doc("b", text_signature=SIG, source_format="docx"),
                         _doc("c", text_signature=SIG, status="partial"), _doc(None, status="error")])
    out = reports.link(docs, {"a": 5, "b": 5, "c": 9})
    assert list(out["report_primary"]) == [False, True, False, False]
    assert out["report_id"].iloc[3] is None
    out2 = reports.link(docs.iloc[::-1].reset_index(drop=True), {"a": 9})
    assert set(out2["report_id"].dropna()) == set(out["report_id"].dropna())
    assert out2.set_index("doc_id").loc["a", "report_primary"]
