"""A figure's field, composed from its qualifiers (the shape of medspaCy's ConText).

The target is a counted figure (a number with its unit noun, `counted.py`). Modifiers are the qualifier rules
of the family (`role: qualifier`), each carrying attributes `category=value` (`attr:` in the YAML): the verb
frame (act=receive, act=resolve, act=publish ...), channel, timeliness, state, level. Their scope is bounded:
the words after the unit up to the next delimiter or figure (`right`), the words before the number back to
the previous figure or clause cut (`near`), and only when both are silent the rest of the clause (`left`).
`role: pseudo` rules are phrases that look like modifiers and are not ("Bộ phận tiếp nhận và trả kết quả":
an office, not an act); their words are masked before the modifiers are matched. A hit inside a longer hit is
dropped (the longer phrase says more: "đúng hạn" inside "trước hạn và đúng hạn").

The attributes of a figure are those of its right words, then those of its near words for categories the
right words leave open. The field is the `fields:` entry of the family's YAML that admits that set
(`FieldRule.admits`); the most specific entry wins; a set no entry admits (received and resolved at once,
two channels) or two equally specific entries with different fields is no fact.
"""
from __future__ import annotations

import re
from dataclasses import dataclass

from ..rules import FieldRule, Rule
from .context import STOP_EXEMPT, Hit, Window, hits, in_citation


@dataclass(frozen=True)
class Decision:
    field: FieldRule | None
    hits: tuple[tuple[str, Hit], ...]  # (window: right | near | left, modifier): offsets in that window
    where: str  # right | near | left | blocked | none
    primary: Hit | None  # the most specific of them (its rule id stands for the figure's wording)


def attrs_of(h: Hit) -> frozenset[str]:
    a = h.rule.get("attr")
    return frozenset(a.split() if isinstance(a, str) else (a or ()))


def _category(attr: str) -> str:
    return attr.split("=", 1)[0]


def masked(text: str, pseudo: list[Rule]) -> str:
    """`text` with the words of pseudo-modifiers blanked (same length)."""
    if not pseudo:
        return text
    out = list(text)
    for h in hits(pseudo, text):
        out[h.start:h.end] = " " * (h.end - h.start)
    return "".join(out)


def outermost(hs: list[Hit]) -> list[Hit]:
    """Hits not inside a longer hit (ties: both kept)."""
    keep = []
    for h in hs:
        if any(o is not h and o.start <= h.start and h.end <= o.end and (o.end - o.start) > (h.end - h.start)
               for o in hs):
            continue
        keep.append(h)
    return keep


_COORD = re.compile(r"\s(?:và|hoặc)\s", re.I)


def coordination_cut(near: str) -> int | None:
    """Where the last coordinated part of the near words starts ("... bổ sung và |bãi bỏ "), unless the
    coordination is inside one qualifier ("tiếp nhận và xử lý", "trước và đúng hạn", "mức độ 3 và 4")."""
    for m in reversed(list(_COORD.finditer(near))):
        if any(b.search(near[max(0, m.start() - 40):m.start()]) and a.match(near, m.start()) for b, a in STOP_EXEMPT):
            continue
        if re.search(r"(?:trước|đúng)\s*(?:hạn)?\s*$", near[:m.start()], re.I) and \
                re.match(r"\s(?:và|hoặc)\s+(?:đúng|trước)", near[m.start():], re.I):
            continue
        return m.end()
    return None


def decide(attrs: frozenset[str], table: tuple[FieldRule, ...]) -> FieldRule | None:
    """The field entry that admits `attrs`: the most specific; None if none or if the most specific disagree."""
    cands = [f for f in table if f.admits(attrs)]
    if not cands:
        return None
    top = max(len(f.requires) for f in cands)
    best = [f for f in cands if len(f.requires) == top]
    return best[0] if len({f.field for f in best}) == 1 else None


def _primary(hs: list[Hit]) -> Hit | None:
    return min(hs, key=lambda h: (h.tier, -(h.end - h.start))) if hs else None


def compose(rules: list[Rule], table: tuple[FieldRule, ...], w: Window, *, use_right: bool = True,
            pseudo: list[Rule] | None = None, context: frozenset[str] = frozenset()) -> Decision:
    """The field of the figure whose context windows are `w`; `context`: attributes of the whole document
    (a decision announcing procedures: doc=announce), added to those of the figure's own words."""
    pseudo = pseudo or []
    right = masked(w.right, pseudo)
    near = masked(w.near, pseudo)
    blockers = [h for h in hits(rules, right) + hits(rules, near) if "exclude" in attrs_of(h) or h.tier == 0]
    if blockers:
        return Decision(None, (), "blocked", blockers[0])
    hr = outermost(hits([r for r in rules if r.get("side") != "left"], right)) if use_right else []
    hn = outermost(hits(rules, near))
    cut = coordination_cut(near) if w.left_start > 0 else None
    if cut:  # "sửa đổi, bổ sung và bãi bỏ 09 TTHC": after a figure, the words before "và" belong to its conjunct
        hn = [h for h in hn if h.start >= cut]
    ar = frozenset().union(*(attrs_of(h) for h in hr)) if hr else frozenset()
    an = frozenset().union(*(attrs_of(h) for h in hn)) if hn else frozenset()
    open_cats = {_category(a) for a in ar}
    from_near = frozenset(a for a in an if _category(a) not in open_cats)
    attrs = ar | from_near
    if attrs:
        used = [("right", h) for h in hr] + [("near", h) for h in hn if attrs_of(h) & from_near]
        where = "right" if ar else "near"
        return Decision(decide(attrs | context, table), tuple(used), where, _primary([h for _, h in used]))
    # the rest of the clause: per category, the modifier nearest the number
    left = masked(w.left, pseudo)
    hl = [h for h in outermost(hits(rules, left)) if not in_citation(w.left, h.start)]
    if not hl:
        return Decision(None, (), "none", None)
    chosen: dict[str, Hit] = {}
    for h in sorted(hl, key=lambda h: (h.end, h.end - h.start)):
        for a in attrs_of(h):
            chosen[_category(a)] = h
    used: list[Hit] = []
    for h in chosen.values():
        if not any(h is u for u in used):
            used.append(h)
    attrs = frozenset(a for h in used for a in attrs_of(h) if chosen.get(_category(a)) is h)
    return Decision(decide(attrs | context, table), tuple(("left", h) for h in used), "left", _primary(used))
