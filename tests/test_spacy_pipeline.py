"""The extractors also run as spaCy components, writing facts to span groups."""
from __future__ import annotations

import pytest

from tests.helpers import doc_from_text

spacy = pytest.importorskip("spacy")


def test_spacy_components_write_span_groups():
    from extract.spacy_pipeline import build_nlp, doc_from_document

    document = doc_from_text(
        "Số: 12/BC-SKHCN\n\nQuảng Ngãi, ngày 15 tháng 6 năm 2023\n\nBÁO CÁO\n\nKết quả CCHC quý I năm 2023\n\n"
        "Thực hiện Quyết định số 48/2021/QĐ-UBND ngày 22/9/2021 của UBND tỉnh, Sở báo cáo như sau.\n")
    nlp = build_nlp(["header", "references"])
    assert nlp.pipe_names == ["cchc_header", "cchc_references"]
    sdoc = nlp(doc_from_document(nlp, document))
    refs = sdoc.spans["cchc_references"]
    assert [s._.fact["cited_number"] for s in refs] == ["48/2021/QĐ-UBND"]
    assert "48/2021" in refs[0].text
    assert sdoc._.cchc_context.document.get("doc_number") == "12/BC-SKHCN"
