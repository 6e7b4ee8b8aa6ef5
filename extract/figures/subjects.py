"""Who a figure is about: subject cues (patterns/subjects.yaml) before it, after its unit, or in its list label."""
from __future__ import annotations

import re

from ..normalize import fold_for_matching
from ..rules import load_rules


def subject_of(text: str, pos: int, default: str | None) -> str | None:
    """Who a figure is about: the last subject cue (toàn tỉnh, cấp huyện, a named agency) before `pos`."""
    best: tuple[int, str] | None = None
    folded = fold_for_matching(text[:pos])
    for r in load_rules("subjects"):
        for m in r.regex.finditer(folded):
            if r.get("subject"):
                label = str(r.get("subject"))
            elif "name" in r.regex.groupindex and m.group("name"):
                label = text[m.start("name"):m.end("name")].strip()
            else:
                label = None
            if label and (best is None or m.start() >= best[0]):
                best = (m.start(), str(label))
    return best[1] if best else default


_LIST_LABEL = re.compile(r"^[\s\-+*•–]*(?:[a-zđ]\)\s*)?[^\W\d_][^:;.,()\d]{0,40}:")


def label_subject(text: str) -> str | None:
    """The subject a list item is about, from its label ("- Cấp huyện: ..."): it holds for the whole item."""
    m = _LIST_LABEL.match(text)
    return subject_of(text, m.end(), None) if m else None


def subject_after(right: str) -> str | None:
    """A subject cue right after a figure's unit ("281 TTHC cấp huyện và 119 TTHC cấp xã")."""
    folded = fold_for_matching(right)
    lead = len(folded) - len(folded.lstrip())
    for r in load_rules("subjects"):
        if not r.get("subject"):
            continue
        m = r.regex.match(folded, lead)
        if m and m.end() > m.start():
            return str(r.get("subject"))
    return None
