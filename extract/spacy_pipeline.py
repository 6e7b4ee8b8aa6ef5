"""The extractors as spaCy pipeline components (opt-in).

    from extract.spacy_pipeline import build_nlp, doc_from_document
    nlp = build_nlp()                      # blank Vietnamese + cchc_header, cchc_references, ...
    sdoc = nlp(doc_from_document(nlp, document))
    sdoc.spans["cchc_references"]          # one span per fact, span._.fact = the output row

Each registered component (`cchc_<extractor>`) runs the extractor of the same
name on the `Document` attached to the spaCy Doc (`doc._.cchc_document`) and
writes its facts to a span group named after it, each span labelled with the
fact's metric/field/component and carrying the row (`span._.fact`). The batch
pipeline does not need spaCy; this is for users who build on spaCy, and for
looking at facts with displaCy.
"""
from __future__ import annotations

from typing import Any

from . import extractors
from .model import Document

LABEL_KEYS = ("metric", "field", "component", "cited_type", "label")


def _ensure_extensions() -> None:
    from spacy.tokens import Doc, Span

    if not Doc.has_extension("cchc_document"):
        Doc.set_extension("cchc_document", default=None)
    if not Doc.has_extension("cchc_context"):
        Doc.set_extension("cchc_context", default=None)
    if not Span.has_extension("fact"):
        Span.set_extension("fact", default=None)


class ExtractorComponent:
    """Runs one registered extractor and stores its rows as spans."""

    def __init__(self, extractor: str) -> None:
        self.extractor = extractor  # (spaCy sets `.name` on components itself)
        self.group = f"cchc_{extractor}"

    def __call__(self, sdoc):
        document: Document | None = sdoc._.cchc_document
        if document is None:
            raise ValueError("attach the Document first: doc_from_document(nlp, document)")
        ctx = sdoc._.cchc_context
        if ctx is None:
            ctx = sdoc._.cchc_context = extractors.Context()
        produced = extractors.get(self.extractor)(document, ctx)
        spans = []
        for table, rows in produced.items():
            if table == "documents":
                for r in rows:
                    ctx.document.update(r)
                continue
            ctx.rows.setdefault(table, []).extend(rows)
            for row in rows:
                start, end = row.get("char_start"), row.get("char_end")
                if start is None or end is None:
                    continue
                span = sdoc.char_span(int(start), int(end), alignment_mode="expand",
                                      label=str(next((row[k] for k in LABEL_KEYS if row.get(k)), table)))
                if span is not None:
                    span._.fact = row
                    spans.append(span)
        sdoc.spans[self.group] = spans
        return sdoc


def _register() -> None:
    from spacy.language import Language

    def make(extractor: str):
        def create(nlp, name: str) -> ExtractorComponent:
            return ExtractorComponent(extractor)
        return create

    for extractor in extractors.names():
        factory = f"cchc_{extractor}"
        if not Language.has_factory(factory):
            Language.factory(factory, func=make(extractor))


def build_nlp(components: list[str] | None = None) -> Any:
    """A blank Vietnamese spaCy pipeline (no model download) with our components."""
    import spacy

    _ensure_extensions()
    _register()
    nlp = spacy.blank("vi", config={"nlp": {"tokenizer": {"use_pyvi": False}}})
    for name in extractors.names(components):
        nlp.add_pipe(f"cchc_{name}")
    return nlp


def doc_from_document(nlp: Any, document: Document):
    """A spaCy Doc over `document.text` (the offsets of every fact) with the Document attached."""
    _ensure_extensions()
    sdoc = nlp.make_doc(document.text)
    sdoc._.cchc_document = document
    return sdoc
