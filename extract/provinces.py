"""Provinces: the 63 pre-2025 provinces and the 34 units after the 2025 merger.

Data in patterns/provinces.yaml (one rule per pre-2025 province: its search
pattern, the 2025 unit under Nghị quyết 202/2025/QH15, region, kinds, the
spellings people use and its provincial capital(s)).

    >>> to_2025("Bà Rịa-Vũng Tàu")
    'Thành phố Hồ Chí Minh'
    >>> find_province("UBND TỈNH QUẢNG NGÃI")
    'Quảng Ngãi'
"""
from __future__ import annotations

import datetime as dt
import functools
import re
import unicodedata
from dataclasses import dataclass

from .normalize import fold_for_matching
from .rules import Rule, load_rules

_PREFIX = re.compile(r"^(?:ủy ban nhân dân|ubnd|hđnd)?\s*(?:tỉnh|thành phố|tp\.?)\s+", re.I)
_PREFERRED_BEFORE = re.compile(r"(?:tỉnh|thành\s+phố|tp\.?)\s*$", re.I)


@dataclass(frozen=True)
class Province:
    province: str
    province_2025: str
    region: str
    kind: str
    kind_2025: str
    aliases: tuple[str, ...]
    cities: tuple[str, ...]
    rule: Rule


def _key(s: str) -> str:
    """Spelling-insensitive key: tone placement folded, case, spaces, dots and hyphens ignored."""
    s = fold_for_matching(unicodedata.normalize("NFC", s)).casefold().strip()
    s = _PREFIX.sub("", s)
    return re.sub(r"[\s\-–.]+", "", s)


def _ascii_key(s: str) -> str:
    k = _key(s).replace("đ", "d")
    return "".join(c for c in unicodedata.normalize("NFD", k) if unicodedata.category(c) != "Mn")


@functools.lru_cache(maxsize=1)
def provinces() -> tuple[Province, ...]:
    out = []
    for r in load_rules("provinces"):
        out.append(Province(
            province=r.get("province"), province_2025=r.get("province_2025"), region=r.get("region"),
            kind=r.get("kind"), kind_2025=r.get("kind_2025"),
            aliases=tuple(r.get("aliases") or ()), cities=tuple(r.get("cities") or ()), rule=r))
    return tuple(out)


@functools.lru_cache(maxsize=1)
def _index() -> tuple[dict[str, Province], dict[str, Province], dict[str, Province], dict[str, Province]]:
    """Whole-name indexes: province names and spellings; provincial capitals (a spelling that is also listed as
    a capital counts as a capital: "Buôn Ma Thuột" is a city, not Đắk Lắk); the same two without diacritics."""
    names: dict[str, Province] = {}
    cities: dict[str, Province] = {}
    ascii_names: dict[str, Province] = {}
    ascii_cities: dict[str, Province] = {}
    for p in provinces():
        city_keys = {_key(c) for c in p.cities}
        for a in (p.province, *p.aliases):
            if _key(a) in city_keys and _key(a) != _key(p.province):
                continue
            names.setdefault(_key(a), p)
            ascii_names.setdefault(_ascii_key(a), p)
        for c in p.cities:
            cities.setdefault(_key(c), p)
            ascii_cities.setdefault(_ascii_key(c), p)
    for p in provinces():  # a unit name after 2025 ("Thành phố Hồ Chí Minh") maps to itself when it was one before
        names.setdefault(_key(p.province_2025), p)
    return names, cities, ascii_names, ascii_cities


def lookup(name: str | None, *, cities: bool = True) -> Province | None:
    """The province a whole name denotes: "Bà Rịa-Vũng Tàu", "tỉnh Quảng Ngãi", "TP. HCM"; with `cities`, also
    its capital: "Buôn Ma Thuột"."""
    if not name or not name.strip():
        return None
    names, city_index, ascii_names, ascii_cities = _index()
    k = _key(name)
    if k in names:
        return names[k]
    if cities and k in city_index:
        return city_index[k]
    a = _ascii_key(name)
    if a in ascii_names:
        return ascii_names[a]
    return ascii_cities.get(a) if cities else None


def find_province(text: str | None) -> str | None:
    """The first province named in free text (preferring one after "tỉnh"/"thành phố"), as its pre-2025 name."""
    p = find(text)
    return p.province if p else None


def find(text: str | None) -> Province | None:
    if not text:
        return None
    folded = fold_for_matching(text)
    hits: list[tuple[int, int, int, Province]] = []  # (not preferred, start, -length, province)
    for p in provinces():
        for m in p.rule.regex.finditer(folded):
            before = folded[max(0, m.start() - 12):m.start()]
            preferred = bool(_PREFERRED_BEFORE.search(before)) or m.group(0).casefold().startswith(("thành phố", "tp"))
            hits.append((0 if preferred else 1, m.start(), -(m.end() - m.start()), p))
    if not hits:
        return None
    hits.sort(key=lambda h: h[:3])
    return hits[0][3]


def find_all(text: str | None) -> list[Province]:
    """Every province named in free text, each once, in order of first mention."""
    if not text:
        return []
    folded = fold_for_matching(text)
    hits: list[tuple[int, Province]] = []
    for p in provinces():
        m = p.rule.regex.search(folded)
        if m:
            hits.append((m.start(), p))
    return [p for _, p in sorted(hits, key=lambda h: h[0])]


def dominant(text: str | None, ratio: int = 3) -> Province | None:
    """The province a text is about when it names one far more than any other: the only one named, or named at
    least `ratio` times as often as the next (a news item about one province names others in passing; one that
    ranks provinces names many about equally)."""
    if not text:
        return None
    folded = fold_for_matching(text)
    counts = sorted(((len(p.rule.regex.findall(folded)), p) for p in provinces() if p.rule.regex.search(folded)),
                    key=lambda c: -c[0])
    if not counts:
        return None
    if len(counts) == 1 or counts[0][0] >= ratio * counts[1][0]:
        return counts[0][1]
    return None


# Nghị quyết 202/2025/QH15: the merged provinces' authorities work from 1 July 2025
MERGER_EFFECTIVE = dt.date(2025, 7, 1)


def as_of(p: Province | None, when: dt.date | None) -> Province | None:
    """The province `p` is part of at date `when`: itself before the 2025 merger, after it the unit it was merged
    into, as listed among the 63 ("Kiên Giang" on 3/10/2025 -> "An Giang"); itself when the unit's name is not one
    of the 63 or the date is unknown."""
    if p is None or when is None or when < MERGER_EFFECTIVE or p.province == p.province_2025:
        return p
    return next((q for q in provinces() if q.province == p.province_2025), p)


def to_2025(name: str | None) -> str | None:
    """The 2025 unit of a pre-2025 province (any spelling); None if unknown."""
    p = lookup(name)
    return p.province_2025 if p else None


def province_rows() -> list[dict]:
    """Rows of outputs/provinces.parquet (schema PROVINCES in extract/schemas.py)."""
    return [{"province": p.province, "province_2025": p.province_2025, "region": p.region, "kind": p.kind,
             "kind_2025": p.kind_2025, "aliases": "; ".join(p.aliases + tuple(c for c in p.cities if c not in p.aliases))}
            for p in provinces()]
