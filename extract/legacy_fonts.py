"""Pre-Unicode Vietnamese fonts: TCVN3 (ABC) and VNI-Windows text back to Unicode.

Older government documents were typed in 8-bit fonts whose glyphs sit on
Latin-1 code points, so their text reads, as Unicode, like
"Céng hßa x· héi" (TCVN3, fonts ".VnTime", ".VnArial"...) or
"Coäng hoøa xaõ hoäi" (VNI, fonts "VNI-Times"...). Readers call

* `font_codec(font_name)` on a run's / text object's font: "tcvn3",
  "tcvn3-caps" (the ABC "H" fonts, ".VnTimeH", draw every letter as a
  capital) or "vni"; `font_encoding` gives the bare encoding;
* `decode(text, codec)`: `decode_tcvn3` maps single code points (a TCVN3
  byte is one precomposed letter); `decode_vni` reads a base letter plus one
  following diacritic code, longest match first;
* `detect_encoding(text)` / `detect_and_decode(text)` when no font name is
  known: a candidate decoding is kept only when the text has almost no
  Vietnamese Unicode letters and decoding clearly raises the share of
  well-formed Vietnamese syllables (`extract.vi_syllables`).

Run decoding before `normalize.clean_text`: cleaning drops U+00AD (a soft
hyphen, but TCVN3's "ư") and turns "Ð" (TCVN3's "é") into "Đ".

Tables (verified against both, and by the round-trip tests):
* TCVN3 = TCVN 5712:1993, bytes 0xA1-0xFF, as in GNU libiconv lib/tcvn.h
  and XFree86 X-TrueType TCVN/TCVNtoUCS2.c. Bytes 0x80-0x9F (capitals in the
  full VN1 set) are not mapped: ABC fonts do not use them and Windows text
  holds smart quotes and dashes there.
* VNI-Windows as in xvnkb vni.h (Dao Hai Lam): tone codes ù ø û õ ï
  (sắc huyền hỏi ngã nặng), circumflex + tone â á à å ã ä, breve + tone
  ê é è ú ü ë; ơ ô, ư ö, đ ñ; i's toned forms í ì æ ó ò; ỵ î. Capitals use
  the capital codes (Ù, Â, Ô, Ñ...).
"""
from __future__ import annotations

import functools
import re
import unicodedata
from collections import Counter
from dataclasses import dataclass, field

from .vi_syllables import is_syllable

# --- TCVN3 ----------------------------------------------------------------
# One row per 16 bytes, starting at 0xA0 (0xA0 stays a no-break space).
_TCVN3_ROWS = (
    "\u00a0ĂÂÊÔƠƯĐăâêôơưđẰ",                              # 0xA0
    "\u0300\u0309\u0303\u0301\u0323àảãáạẲằẳẵắẴ",         # 0xB0: 5 combining tones
    "ẮẦẨẪẤỀặầẩẫấậèỂẻẽ",                                  # 0xC0
    "éẹềểễếệìỉỄẾỒĩíịò",                                  # 0xD0
    "Ổỏõóọồổỗốộờởỡớợù",                                  # 0xE0
    "Ỗủũúụừửữứựỳỷỹýỵ\u1ed0",                                # 0xF0
)
TCVN3_TABLE: dict[int, str] = {0xA0 + i: ch for i, ch in enumerate("".join(_TCVN3_ROWS)) if i}



def tcvn3_letter(ch: str) -> bool:
    """Is `ch` a letter once read as TCVN3 ("®" is đ)?"""
    return ch.isalpha() or TCVN3_TABLE.get(ord(ch), "").isalpha()


# --- VNI-Windows ------------------------------------------------------------
_TONE_MARKS = "\u0301\u0300\u0309\u0303\u0323"  # sắc huyền hỏi ngã nặng, the order of the codes below
_VNI_TONES = "ùøûõï"
_VNI_CIRCUMFLEX = "âáàåãä"  # plain, then with the five tones
_VNI_BREVE = "êéèúüë"
# base letter (lower case) -> (VNI base code, tone codes with the bare letter first)
_VNI_LETTERS = {
    "a": ("a", " " + _VNI_TONES), "â": ("a", _VNI_CIRCUMFLEX), "ă": ("a", _VNI_BREVE),
    "e": ("e", " " + _VNI_TONES), "ê": ("e", _VNI_CIRCUMFLEX),
    "o": ("o", " " + _VNI_TONES), "ô": ("o", _VNI_CIRCUMFLEX), "ơ": ("ô", " " + _VNI_TONES),
    "u": ("u", " " + _VNI_TONES), "ư": ("ö", " " + _VNI_TONES),
    "y": ("y", " ùøûõ"),
}
_VNI_SINGLE = {"í": "í", "ì": "ì", "æ": "ỉ", "ó": "ĩ", "ò": "ị", "î": "ỵ", "ñ": "đ"}


def _compose(letter: str, tone: int) -> str:
    return unicodedata.normalize("NFC", letter + (_TONE_MARKS[tone - 1] if tone else ""))


@functools.lru_cache(maxsize=1)
def vni_table() -> dict[str, str]:
    """VNI code sequence -> Unicode letter, both cases (a capital base with a small mark too)."""
    table: dict[str, str] = {}
    for letter, (base, marks) in _VNI_LETTERS.items():
        for tone, mark in enumerate(marks):
            mark = mark.strip()
            target = _compose(letter, tone)
            for b in (base, base.upper()):
                for m in ({mark, mark.upper()} if mark else {""}):
                    key = b + m
                    if len(key) > 1 or key not in "aeouyAEOUY":
                        table[key] = target.upper() if b.isupper() else target
    for code, letter in _VNI_SINGLE.items():
        table[code] = letter
        table[code.upper()] = letter.upper()
    return table


@functools.lru_cache(maxsize=1)
def _vni_regex() -> re.Pattern:
    keys = sorted(vni_table(), key=len, reverse=True)
    return re.compile("|".join(re.escape(k) for k in keys))


# --- decoding ---------------------------------------------------------------
_ASCII_UPPER = re.compile(r"[A-Z]")
_ASCII_LOWER = re.compile(r"[a-z]")


def _caps_word(word: str) -> bool:
    """A word typed in capitals whose toned letters came out small: "CộNG" (from "CéNG"),
    "ủY" (a small letter before a capital)."""
    if _ASCII_LOWER.search(word) or not any(ch.islower() and ord(ch) > 0x7F for ch in word):
        return False
    return len(_ASCII_UPPER.findall(word)) >= 2 or any(
        a.islower() and b.isupper() for a, b in zip(word, word[1:]))


def _repair_caps(line: str) -> str:
    """TCVN3 has no capital toned letters outside the H fonts, so capitals typed in a
    normal ABC font carry small toned codes. A line holding such a word and no small
    ASCII letter is all capitals; elsewhere only the word itself is."""
    words = line.split(" ")
    if not any(_caps_word(w) for w in words):
        return line
    if not _ASCII_LOWER.search(line):
        return line.upper()
    return " ".join(w.upper() if _caps_word(w) else w for w in words)


def decode_tcvn3(s: str, caps: bool = False) -> str:
    """TCVN3 (ABC) text as read through a Latin-1 code page -> Unicode NFC.
    `caps`: the text is in an H font (".VnTimeH"), which draws every letter as a capital."""
    out = unicodedata.normalize("NFC", s.translate(TCVN3_TABLE))
    if caps:
        return out.upper()
    return "\n".join(_repair_caps(line) for line in out.split("\n"))


def decode_vni(s: str) -> str:
    """VNI-Windows text as read through a Latin-1 code page -> Unicode NFC (longest match)."""
    table = vni_table()
    return unicodedata.normalize("NFC", _vni_regex().sub(lambda m: table[m.group(0)], s))




def decode(s: str, codec: str) -> str:
    if codec == "vni":
        return decode_vni(s)
    if codec in ("tcvn3", "tcvn3-caps"):
        return decode_tcvn3(s, caps=codec == "tcvn3-caps")
    raise ValueError(f"unknown legacy codec {codec!r}")


# --- encoding (inverse tables: fixtures and tests) -------------------------
@functools.lru_cache(maxsize=1)
def _tcvn3_inverse() -> dict[str, str]:
    return {ch: chr(code) for code, ch in TCVN3_TABLE.items() if not unicodedata.combining(ch)}


def encode_tcvn3(s: str, caps: bool = False) -> str:
    """Unicode -> TCVN3 code points. A capital toned letter TCVN3 lacks raises ValueError,
    unless `caps` (text for an H font, which draws small codes as capitals): it then gets
    the small letter's code, as converters write it ("CỘNG" -> "CéNG")."""
    inv = _tcvn3_inverse()
    out = []
    for ch in unicodedata.normalize("NFC", s):
        if ord(ch) < 0x80 or ch == "\u00a0":
            out.append(ch)
        elif ch in inv:
            out.append(inv[ch])
        elif caps and ch.lower() in inv:
            out.append(inv[ch.lower()])
        else:
            raise ValueError(f"{ch!r} has no TCVN3 code (an H font writes capitals with the small codes)")
    return "".join(out)


def encode_vni(s: str) -> str:
    """Unicode -> VNI-Windows code points (strict case: capitals get the capital codes)."""
    inv: dict[str, str] = {}
    for key, letter in vni_table().items():
        if key == key.upper() if letter.isupper() else key == key.lower():
            inv.setdefault(letter, key)
    return "".join(inv.get(ch, ch) if ord(ch) >= 0x80 else ch for ch in unicodedata.normalize("NFC", s))


# --- font names -------------------------------------------------------------
_SUBSET = re.compile(r"^[A-Z]{6}\+")
_STYLE_SUFFIX = re.compile(r"(?:[-,\s]+(?:bold|italic|oblique|regular|normal|bolditalic|boldoblique|"
                           r"semibold|black|narrow|condensed|[bi]|mt|ps))+$", re.I)
# ABC fonts are named ".VnTime", ".VnArial"...; some PDFs embed them without the dot.
_TCVN3_NAME = re.compile(r"^\.vn[a-z]|^vn(?:time|arial|avant|book|centur|clarendon|commerce|cooper|courier|"
                         r"free|goudy|helve|lucida|univers|souvenir|shelley|swiss|present|revue|bodoni|"
                         r"bahamas|aptima|lincoln|notes|mystical|tekno|vogue|windsor|ariston|brush|"
                         r"garamond|parisian|black|bangkok|linus|stamp|script)", re.I)
_VNI_NAME = re.compile(r"^vni[-_ ]?[a-z]", re.I)


def _font_core(font_name: str) -> str:
    name = _SUBSET.sub("", (font_name or "").strip().replace("#20", " "))
    return _STYLE_SUFFIX.sub("", name)


@functools.lru_cache(maxsize=1024)
def font_encoding(font_name: str | None) -> str | None:
    """'tcvn3', 'vni' or None for a font name as a DOCX run or a PDF font gives it
    (".VnTime", "VnTimeH", "ABCDEF+.VnArial,Bold", "VNI-Times-Bold"...)."""
    core = _font_core(font_name or "")
    if _VNI_NAME.match(core):
        return "vni"
    if _TCVN3_NAME.match(core):
        return "tcvn3"
    return None


def font_is_caps(font_name: str | None) -> bool:
    """An ABC capitals font: the name ends in "H" (".VnTimeH", ".VnArialH", "VnAvantH-Bold")."""
    return font_encoding(font_name) == "tcvn3" and _font_core(font_name or "").rstrip().endswith("H")


def font_codec(font_name: str | None) -> str | None:
    enc = font_encoding(font_name)
    if enc == "tcvn3" and font_is_caps(font_name):
        return "tcvn3-caps"
    return enc


# --- detection without a font name -------------------------------------------
# Letters only Unicode Vietnamese has: no legacy font text read as Latin-1 holds them.
VI_LETTERS = re.compile("[ăĂđĐơƠưƯĩĨũŨ\u1ea0-\u1ef9]")
_HIGH = re.compile("[\u00a1-\u00ff]")
MAX_VI_SHARE = 0.005  # at most this share of the letters may be Vietnamese Unicode letters
MIN_CHANGED = 5  # words a decoding must change before it is judged (at least 3 distinct)...
MIN_CHANGED_SHARE = 0.15  # ...and this share of all words (accented loanwords in a foreign text are fewer)
MIN_VALID_AFTER = 0.7  # of the changed words, this share must be syllables after decoding...
MIN_GAIN = 0.4  # ...and this share more than before


def _word(token: str) -> str:
    """A token without the ASCII punctuation and digits at its ends (legacy codes are kept)."""
    start, end = 0, len(token)
    while start < end and ord(token[start]) < 0x80 and not token[start].isalpha():
        start += 1
    while end > start and ord(token[end - 1]) < 0x80 and not token[end - 1].isalpha():
        end -= 1
    return token[start:end]


def _score(words: list[str], codec: str) -> tuple[int, int, int, int]:
    """(changed words, distinct ones, syllables among them before, after) for one candidate decoding."""
    changed = before = after = 0
    distinct: set[str] = set()
    for w in words:
        d = decode(w, codec)
        if d == w:
            continue
        changed += 1
        distinct.add(w)
        before += is_syllable(w)
        after += all(is_syllable(p) for p in d.split("-") if p) and d.strip() != ""
    return changed, len(distinct), before, after


def detect_encoding(text: str) -> str | None:
    """The legacy codec ("tcvn3" or "vni") `text` is written in, or None.

    None unless: the text has legacy-range letters, almost no Vietnamese Unicode
    letters, and one decoding changes at least MIN_CHANGED words (MIN_CHANGED_SHARE
    of all words) of which MIN_VALID_AFTER become well-formed syllables, MIN_GAIN
    more than before.
    """
    if not _HIGH.search(text):
        return None
    letters = sum(map(str.isalpha, text))
    if not letters or len(VI_LETTERS.findall(text)) > MAX_VI_SHARE * letters:
        return None
    all_words = [w for w in (_word(t) for t in text.split()) if w]
    words = [w for w in all_words if _HIGH.search(w)]
    best, best_after = None, -1
    for codec in ("tcvn3", "vni"):
        changed, distinct, before, after = _score(words, codec)
        if (changed >= max(MIN_CHANGED, MIN_CHANGED_SHARE * len(all_words)) and distinct >= 3
                and after >= MIN_VALID_AFTER * changed
                and after - before >= MIN_GAIN * changed and after > best_after):
            best, best_after = codec, after
    return best


_VI_ALPHABET = re.compile("[a-zA-ZăĂâÂđĐêÊôÔơƠưƯàáảãạÀÁẢÃẠ\u1ea0-\u1ef9ìíỉĩịÌÍỈĨỊòóỏõọÒÓỎÕỌùúủũụÙÚỦŨỤỳýỷỹỵÝèéẻẽẹÈÉẺẼẸ]")


def vietnamese_score(text: str) -> int:
    """How Vietnamese `text` reads: its words that are well-formed syllables, less those that hold letters no
    Vietnamese word uses (TCVN3's "µ", "Ü", "ñ" read as Latin-1)."""
    score = 0
    for tok in text.split():
        w = _word(tok)
        if not any(c.isalpha() for c in w):
            continue
        if all(is_syllable(p) for p in re.split(r"[-/]", w) if p):
            score += 1
        elif any(c.isalpha() and not _VI_ALPHABET.match(c) for c in w):
            score -= 1
    return score


GARBAGE_MIN_WORDS = 40  # a page with fewer words is not judged
GARBAGE_MAX_MARKED = 0.02  # at most this share of its letters carry Vietnamese marks


def is_garbage_layer(text: str) -> bool:
    """Whether a page's text layer is a bad OCR layer ("CQNG HOA XA HQI CHU NGHIA VIPT NAM"): enough words and
    almost no Vietnamese marks (Vietnamese official text marks most of its syllables), neither English nor a
    legacy font encoding that would explain it. Such a page is read from its image instead."""
    words = [w for w in (_word(t) for t in text.split()) if any(c.isalpha() for c in w)]
    if len(words) < GARBAGE_MIN_WORDS:
        return False
    letters = sum(map(str.isalpha, text))
    marked = len(VI_LETTERS.findall(text)) + sum(1 for c in text if c in "âêôÂÊÔàáảãạèéẻẽẹìíỉịòóỏõọùúủụỳýỷỹỵÀÁẢÃẠÈÉẺẼẸÌÍỈỊÒÓỎÕỌÙÚỦỤỲÝỶỸỴ")
    if letters and marked > GARBAGE_MAX_MARKED * letters:
        return False
    if sum(1 for w in words if w.lower() in _ENGLISH) > 0.05 * len(words):
        return False  # English, not a broken Vietnamese layer
    return detect_encoding(text) is None


_ENGLISH = frozenset("the and of to in is for that with on by this are be from".split())


def decodes_better(text: str, codec: str) -> bool:
    """Whether `text`, decoded from `codec`, reads as more Vietnamese than as stored. A font named .VnTime may
    hold Unicode text (Word 97 files converted long ago): decoding it would corrupt it ("PHÒNG CHÁY" ->
    "PHỀNG CHẦY"), so a font's name alone never decides."""
    decoded = decode(text, codec)
    return decoded != text and vietnamese_score(decoded) > vietnamese_score(text)


def decode_lines(text: str, codec: str) -> str:
    """Decode the lines of `text` that hold no Vietnamese Unicode letter (those are already Unicode)."""
    return "\n".join(line if VI_LETTERS.search(line) else decode(line, codec) for line in text.split("\n"))


def detect_and_decode(text: str) -> tuple[str, str | None]:
    """(text decoded from the legacy encoding it is detected to be in, codec) or (text, None)."""
    codec = detect_encoding(text)
    if codec is None:
        return text, None
    return decode_lines(text, codec), codec


# --- what a reader records -----------------------------------------------------
_NAMES = {"tcvn3": "TCVN3 (ABC)", "tcvn3-caps": "TCVN3 (ABC)", "vni": "VNI"}


@dataclass
class DecodeLog:
    """What a reader decoded, for the Document's warnings and clean steps."""
    by_font: Counter = field(default_factory=Counter)  # encoding name -> pieces decoded by font name
    fonts: set = field(default_factory=set)
    by_guess: Counter = field(default_factory=Counter)  # encoding name -> pieces decoded by detection

    def font(self, codec: str, n: int = 1) -> None:
        self.by_font[_NAMES[codec]] += n

    def guess(self, codec: str, n: int = 1) -> None:
        self.by_guess[_NAMES[codec]] += n

    def warnings(self, unit: str) -> list[str]:
        out = []
        for name, n in sorted(self.by_font.items()):
            fonts = sorted({_font_core(f) for f in self.fonts if _NAMES.get(font_codec(f) or "") == name})
            out.append(f"legacy font encoding decoded: {name} text in {n} {unit}(s), fonts " + ", ".join(fonts))
        for name, n in sorted(self.by_guess.items()):
            out.append(f"legacy font encoding decoded: {name} text detected without a font name "
                       f"in {n} {unit}(s)")
        return out

    def steps(self) -> list[str]:
        names = sorted(set(self.by_font) | set(self.by_guess))
        return ["legacy-" + n.split()[0].lower() for n in names]
