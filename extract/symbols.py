"""Document symbols (số, ký hiệu văn bản) per Nghị định 30/2020/NĐ-CP.

    >>> s = parse("48/2021/QĐ-UBND"); (s.number, s.seq, s.year, s.type_code, s.issuer_code)
    ('48/2021/QĐ-UBND', 48, 2021, 'QĐ', 'UBND')
    >>> s = parse("31-CT/TU"); (s.seq, s.type_code, s.issuer_code)
    (31, 'CT', 'TU')
    >>> s = parse("/SKHCN-VP"); (s.number, s.seq, s.type_code, s.issuer_code)
    ('/SKHCN-VP', None, None, 'SKHCN-VP')
    >>> s = parse("236/QĐ/UBND"); (s.number, s.seq, s.type_code, s.issuer_code)
    ('236/QĐ/UBND', 236, 'QĐ', 'UBND')
    >>> s = parse("20/2023/QH15"); (s.seq, s.year, s.type_code, s.issuer_code, s.doc_type)
    (20, 2023, None, 'QH15', None)
    >>> s = parse("34/2007/PL-UBTVQH11"); (s.type_code, s.issuer_code, s.doc_type)
    ('PL', 'UBTVQH11', 'Pháp lệnh')

The grammar is the `doc_number.symbol` rule (patterns/doc_number.yaml); type
codes map to type names with `../shared/contract/vocab.json` -> doc_types.
"""
from __future__ import annotations

import functools
import json
import re
import unicodedata
from dataclasses import dataclass
from pathlib import Path

from .rules import load_rules

VOCAB_PATH = Path(__file__).resolve().parents[2] / "shared" / "contract" / "vocab.json"
CONG_VAN = "Công văn"


@dataclass(frozen=True)
class Symbol:
    number: str  # as printed, spaces removed, NFC, Ð -> Đ: "48/2021/QĐ-UBND", "/BC-SKHCN"
    seq: int | None
    year: int | None
    type_code: str | None  # "QĐ"; None for a công văn (no type code)
    issuer_code: str | None  # "UBND", "SKHCN-VP"

    @property
    def doc_type(self) -> str | None:
        """The type the code names ("Quyết định"), "Công văn" when there is no type code."""
        if self.type_code:
            return type_name(self.type_code)
        # a công văn's symbol has no year; "20/2023/QH15" is a Luật or a Nghị quyết: the code does not say
        return CONG_VAN if self.issuer_code and self.year is None else None


def clean_number(s: str) -> str:
    s = unicodedata.normalize("NFC", s).replace("\u00d0", "\u0110").replace("\u2013", "-")
    s = re.sub(r"\s+", "", s)
    return re.sub(r"^[.…_]+", "", s)


@functools.lru_cache(maxsize=1)
def doc_types() -> dict[str, str]:
    return dict(json.loads(VOCAB_PATH.read_text("utf-8"))["doc_types"])


def _fold_d(s: str) -> str:
    return s.replace("Đ", "D").replace("đ", "d").casefold()


def type_name(code: str | None) -> str | None:
    """Type name for a type code: exact ("QĐ"), then any case ("QYĐ"), then Đ written as D ("QD")."""
    if not code:
        return None
    types = doc_types()
    if code in types:
        return types[code]
    for k, v in types.items():
        if k.casefold() == code.casefold():
            return v
    hits = {v for k, v in types.items() if _fold_d(k) == _fold_d(code)}
    return hits.pop() if len(hits) == 1 else None


def is_type_code(code: str) -> bool:
    return type_name(code) is not None


def _symbol_regex() -> re.Pattern:
    return load_rules("doc_number").by_id("doc_number.symbol").regex


def parse(text: str | None) -> Symbol | None:
    """Split a symbol ("48/2021/QĐ-UBND", "55 /TB-SKHCN", "/BC-SKHCN", "31-CT/TU") into its parts."""
    if not text:
        return None
    number = clean_number(text)
    if not number or "/" not in number:
        return None
    blank = number.startswith("/")
    m = _symbol_regex().fullmatch("0" + number if blank else number)
    if not m:
        return None
    printed = re.sub(r"\s+", "", m.group("codes"))  # "QĐ-UBND"; "QĐ/UBND" (slash typed for the hyphen)
    codes = [c for c in re.split(r"[-/]", printed) if c]
    year = int(m.group("year")) if m.group("year") else None
    ptype = m.group("ptype")
    if ptype:  # Party style 31-CT/TU: type code before the slash
        type_code, issuer = ptype, printed
    elif codes and is_type_code(codes[0]) and len(codes) > 1:
        type_code, issuer = codes[0], printed[len(codes[0]) + 1:]
    elif codes and is_type_code(codes[0]) and year:  # "01/2021/TT" without issuer: rare
        type_code, issuer = codes[0], None
    else:  # công văn, or a law / resolution of the National Assembly (20/2023/QH15): no type code
        type_code, issuer = None, printed or None
    return Symbol(number=number, seq=None if blank else int(m.group("seq")), year=year,
                  type_code=type_code, issuer_code=issuer)
