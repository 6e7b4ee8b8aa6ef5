"""Which character encoding a plain-text file is in.

In order: a byte-order mark (UTF-8, UTF-16, UTF-32); UTF-16 without a mark
(every other byte zero); UTF-8. A file that is none of these is tried as
Windows-1258 (the Vietnamese code page) and Windows-1252 (the code page text
in a legacy Vietnamese font, TCVN3 or VNI, was saved in), and one of them is
kept only if the text then reads as Vietnamese (or as legacy-font text, which
`extract.legacy_fonts` decodes afterwards). Otherwise the file is read as
UTF-8 with the undecodable bytes replaced by U+FFFD, and a warning says so.
"""
from __future__ import annotations

import codecs
import re
import unicodedata

from .. import legacy_fonts
from ..vi_syllables import is_syllable

_BOMS = (  # UTF-32 first: its little-endian mark starts with UTF-16's
    (codecs.BOM_UTF32_LE, "utf-32-le"), (codecs.BOM_UTF32_BE, "utf-32-be"),
    (codecs.BOM_UTF8, "utf-8"), (codecs.BOM_UTF16_LE, "utf-16-le"), (codecs.BOM_UTF16_BE, "utf-16-be"),
)
_WORD = re.compile(r"[^\W\d_]+")
MIN_SYLLABLE_SHARE = 0.8  # of the words with non-ASCII letters


def looks_vietnamese(text: str) -> bool:
    """Do the words with non-ASCII letters read as well-formed Vietnamese syllables?"""
    words = [w for w in _WORD.findall(unicodedata.normalize("NFC", text)) if not w.isascii()]
    if len(words) < 2:
        return False
    return sum(map(is_syllable, words)) >= MIN_SYLLABLE_SHARE * len(words)


def _utf16_without_bom(data: bytes) -> str | None:
    if len(data) < 8 or len(data) % 2:
        return None
    even, odd = data[0::2], data[1::2]
    for zeros, other, enc in ((odd, even, "utf-16-le"), (even, odd, "utf-16-be")):
        if zeros.count(0) >= 0.3 * len(zeros) and other.count(0) <= 0.02 * len(other):
            try:
                return data.decode(enc)
            except UnicodeDecodeError:
                return None
    return None


def decode_text(data: bytes) -> tuple[str, str, str | None]:
    """(text, encoding, warning or None) for the bytes of a text file."""
    for bom, enc in _BOMS:
        if data.startswith(bom):
            text = data[len(bom):].decode(enc, errors="replace")
            bad = text.count("\ufffd")
            return text, enc, (f"the file starts with a {enc.upper()} byte-order mark but {bad} byte sequence(s) "
                               "are not valid in it; they were replaced with \ufffd" if bad else None)
    text = _utf16_without_bom(data)
    if text is not None:
        return text, "utf-16", None
    try:
        return data.decode("utf-8"), "utf-8", None
    except UnicodeDecodeError:
        pass
    text = unicodedata.normalize("NFC", data.decode("cp1258", errors="replace"))
    if looks_vietnamese(text):
        return text, "cp1258", "the file is not UTF-8; it was read as Windows-1258 (Vietnamese code page)"
    text = data.decode("cp1252", errors="replace")
    if legacy_fonts.detect_encoding(text):
        return text, "cp1252", None  # legacy-font text: the reader decodes it and says so
    if looks_vietnamese(text):
        return text, "cp1252", "the file is not UTF-8; it was read as Windows-1252"
    text = data.decode("utf-8", errors="replace")
    bad = text.count("\ufffd") - data.count("\ufffd".encode())
    return text, "utf-8", (f"the file is not valid UTF-8 and does not read as Vietnamese in Windows-1258 or "
                           f"Windows-1252; {bad} undecodable byte sequence(s) were replaced with \ufffd")
