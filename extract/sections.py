"""Section detection: mark headings and give every block its heading path.

Rules in patterns/sections.yaml. A block is a heading when a rule matches
AND it looks like a heading (short, does not close with "." or ";" unless it
is bold). Footnotes keep the section of the paragraph that cites them;
table cells get the section the table stands in.
"""
from __future__ import annotations

import re

from .model import Document
from .normalize import from_superscript
from .rules import load_rules

SEP = " > "
_MAX_HEADING = 220


def _is_heading_shape(text: str, styles: frozenset[str]) -> bool:
    t = text.strip()
    if not t or len(t) > _MAX_HEADING:
        return False
    if "bold" in styles:
        return True
    return not re.search(r"[.;,]\s*$", t) or bool(re.search(r"(?:\.\.\.|:)\s*$", t))


def sectionize(doc: Document) -> None:
    rules = load_rules("sections")
    stack: list[tuple[int, str]] = []  # (level, heading text)
    footnote_section: dict[str, str | None] = {}
    for b in doc.blocks:
        if b.location == "body" and b.kind == "paragraph":
            for rule in rules:
                if rule.search(b.text) and (_is_heading_shape(b.text, b.styles) or rule.get("level") == 0):
                    level = int(rule.get("level"))
                    b.kind, b.level = "heading", level
                    while stack and stack[-1][0] >= level:
                        stack.pop()
                    title = re.sub(r"\s+", " ", b.text.strip()).rstrip(":")
                    stack.append((level, title))
                    break
        path = SEP.join(t for _, t in stack) or None
        if b.kind == "footnote":
            b.section = footnote_section.get(b.footnote_label or "", path)
        else:
            b.section = path
            if b.location == "body":
                for label in re.findall(r"[⁰¹²³⁴⁵⁶⁷⁸⁹]+", b.text):
                    footnote_section.setdefault(from_superscript(label), path)
    for t in doc.tables:
        cells = [c for row in t.rows for c in row]
        if cells:
            t.section = cells[0].section
