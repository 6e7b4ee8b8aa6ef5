"""Text normalisation for Vietnamese administrative documents.

Every clean step here is length-preserving *per call site* where offsets
matter (see `fold_for_matching`), or is applied before offsets are fixed
(`clean_text`). Steps are named so a `Document` can record which ran.
"""
from __future__ import annotations

import functools
import re
import unicodedata

# "Ð" (U+00D0, Icelandic eth) is a common mis-encoding of "Đ" (U+0110) in
# documents converted from legacy fonts; "ð" likewise for "đ".
_ETH_REPAIR = str.maketrans({"\u00d0": "\u0110", "\u00f0": "\u0111"})

# Characters that behave like spaces in PDF and Word text.
_SPACE_LIKE = str.maketrans({
    "\u00a0": " ", "\u2002": " ", "\u2003": " ", "\u2009": " ", "\u202f": " ",
    "\u200b": "", "\ufeff": "", "\u00ad": "",
    "\u2010": "-", "\u2011": "-",  # hyphen, non-breaking hyphen ("QĐ‑UBND" typed in Word)
})

SUPERSCRIPT_DIGITS = str.maketrans("0123456789", "⁰¹²³⁴⁵⁶⁷⁸⁹")
_FROM_SUPERSCRIPT = str.maketrans("⁰¹²³⁴⁵⁶⁷⁸⁹", "0123456789")
SUPERSCRIPT_CHARS = "⁰¹²³⁴⁵⁶⁷⁸⁹"

# C0 control characters (and DEL) are noise from converters and damaged files;
# line breaks are kept: "\r\n", "\r" and "\v" become "\n"; "\t" (table cells in
# the text format) and "\f" (a page break) stay.
_CONTROL = re.compile(r"[\x00-\x08\x0e-\x1f\x7f]")
_LINE_BREAK = re.compile(r"\r\n?|\v")

# Slash look-alikes (fraction slash U+2044, division slash U+2215: OCR and some converters) are slashes.
# Cyrillic letters that look like Latin ones, typed into symbols by copy and paste ("TT-BKHĐТ" with a Cyrillic
# "Т", "NĐ-CР"): Vietnamese text has no Cyrillic, so each is read as the Latin letter it shows.
_CONFUSABLES = str.maketrans("АВЕКМНОРСТУХаеорсухіІ\u2044\u2215", "ABEKMHOPCTYXaeopcyxiI//")

CLEAN_STEPS = ("nfc", "repair_eth", "space_like", "control_chars", "latin_lookalikes")


def _one_table(*tables: dict) -> dict:
    """Character tables applied one after the other, as one table: allowed only where no table maps a
    character another one maps, and no table makes a character a later one would map again."""
    out: dict = {}
    for t in tables:
        assert not set(t) & set(out), "two tables map the same character"
        made = {ord(v) for v in out.values() if isinstance(v, str) and len(v) == 1}
        assert not set(t) & made, "a table maps what an earlier one made"
        out.update(t)
    return out


_CLEAN_TABLE = _one_table(_ETH_REPAIR, _SPACE_LIKE, _CONFUSABLES)  # repair_eth, space_like, latin_lookalikes


def clean_text(s: str) -> str:
    """NFC, Ð->Đ, odd spaces to plain spaces, control characters dropped. Used by readers before
    offsets are fixed."""
    s = unicodedata.normalize("NFC", s).translate(_CLEAN_TABLE)
    if _CONTROL.search(s) or "\r" in s or "\v" in s:
        s = _CONTROL.sub("", _LINE_BREAK.sub("\n", s))
    return s


def to_superscript(digits: str) -> str:
    return digits.translate(SUPERSCRIPT_DIGITS)


def from_superscript(s: str) -> str:
    return s.translate(_FROM_SUPERSCRIPT)


# --- tone placement -------------------------------------------------------
# Old style puts the tone on the second vowel of oa/oe/uy ("hoà", "thuỷ");
# new style on the first ("hòa", "thủy"). Both are in use. For matching we
# fold to one style. The fold maps one precomposed char to one, so offsets
# into the folded text equal offsets into the original.
_TONES = {  # vowel with tone -> (tone index) ; base vowels a, e, y
    "a": "àáảãạ", "e": "èéẻẽẹ", "y": "ỳýỷỹỵ",
}
_O_TONED = "òóỏõọ"
_U_TONED = "ùúủũụ"
_OLD_STYLE = re.compile(
    r"(?<![qQ])([oOuU])([àáảãạèéẻẽẹỳýỷỹỵÀÁẢÃẠÈÉẺẼẸỲÝỶỸỴ])(?![a-zA-ZđĐà-ỹÀ-Ỹ])"
)


def _fold_match(m: re.Match) -> str:
    first, second = m.group(1), m.group(2)
    low2 = second.lower()
    for base, toned in _TONES.items():
        k = toned.find(low2)
        if k >= 0:
            if first.lower() == "o" and base in "ae":
                new_first = _O_TONED[k]
            elif first.lower() == "u" and base == "y":
                new_first = _U_TONED[k]
            else:
                return m.group(0)
            if first.isupper():
                new_first = new_first.upper()
            new_second = base.upper() if second.isupper() else base
            return new_first + new_second
    return m.group(0)


def fold_tones(s: str) -> str:
    """Fold old-style tone placement to new style: hoà->hòa, thuỷ->thủy. Same length."""
    return _OLD_STYLE.sub(_fold_match, s)


# texts up to this long are folded once and kept (rules fold the same sentences, cells and labels again
# and again); longer ones are rare and folded each time, so the cache's memory stays small
_FOLD_CACHED_LEN = 2000


def fold_for_matching(s: str) -> str:
    """What rules match against: NFC text with tone placement folded. Same length as `s`."""
    if len(s) <= _FOLD_CACHED_LEN:
        return _fold_cached(s)
    return _fold(s)


@functools.lru_cache(maxsize=16384)
def _fold_cached(s: str) -> str:
    """`_fold` of a short text, cached by the text itself (pure: the same text always folds the same)."""
    return _fold(s)


def _fold(s: str) -> str:
    out = fold_tones(s)
    assert len(out) == len(s)
    return out


def squash_spaces(s: str) -> str:
    return re.sub(r"\s+", " ", s).strip()


def strip_markup(s: str) -> str:
    """Remove inline HTML-ish markup (<i>, <b>, <ul>...) some converters leave in cells."""
    return re.sub(r"</?[a-zA-Z][^<>]*>", "", s)
