"""Header metadata: the documents row (number, type, title, place/date, agency, province, period, signer).

Works on the first blocks of the document in whatever order a reader gives
them (the two-column header of Nghị định 30/2020/NĐ-CP comes out as separate
blocks, sometimes interleaved, sometimes missing altogether) and on the
signature block before the first appendix. Rules: patterns/header.yaml,
patterns/doc_number.yaml, patterns/provinces.yaml, patterns/periods.yaml.
"""
from __future__ import annotations

import datetime as dt
import re
import unicodedata
from dataclasses import dataclass, field
from typing import Any

from .. import provinces, symbols
from ..model import Block, Document
from ..normalize import fold_for_matching, squash_spaces
from ..numbers import make_date
from ..periods import find_periods
from ..rules import load_rules

ZONE_BLOCKS = 25  # the header block, type line and subject line stand in the first blocks
HEADER_BLOCKS = 10  # the header block proper (bodies, number, national name, place/date) is shorter
RUNNING_TEXT_WORDS = 5  # a block with this many lower-case words is running text, not a header line
SIGN_LOOKAHEAD = 10  # lines of a signature block (recipients beside it not counted) searched for the name
_ACRONYMS = {"UBND", "HĐND", "KH&CN", "CNTT", "TTHC", "MTTQ", "TP", "TP.", "VN"}
_PLACE_PREFIX = {"thành", "phố", "tp.", "tp", "tỉnh"}
_LONE_NAM = re.compile(r"^\s*(?:VIỆT\s+)?NAM\s*$")
_WORD = re.compile(r"[^\W\d_]+")
_NATIONAL_ASCII = re.compile(r"C[O0]NG\s+H[O0]A\s+XA\s+H[O0]I\s+CHU\s+NGHIA(?:\s+VIET(?:\s+NAM)?)?"
                             r"|D[O0]C\s+LAP\s*[-–]\s*TU\s+D[O0]\s*[-–]\s*HANH\s+PHUC")
_BLANK_SYMBOL = re.compile(r"(?<![\w/])[.…_\s]*/\s?[A-ZĐ][\wĐ&]*(?:\s?[-/]\s?[A-ZĐ][\wĐ&]*)*")
_LONE_SO = re.compile(r"(?:^|\s)(?:Số|SỐ)\s*:?\s*$")


@dataclass
class Header:
    doc_number: str | None = None
    symbol: symbols.Symbol | None = None
    type_name: str | None = None
    title: str | None = None
    issue_place: str | None = None
    issue_date: dt.date | None = None
    issue_year: int | None = None
    issue_month: int | None = None
    orgs: list[str] = field(default_factory=list)
    agency: str | None = None
    province: provinces.Province | None = None
    signer: str | None = None
    signer_title: str | None = None
    signing_authority: str | None = None
    period: tuple[dt.date, dt.date, str | None] | None = None


def _rule(family: str, rid: str):
    return load_rules(family).by_id(rid)


def _usable(doc: Document, b: Block) -> bool:
    if b.kind == "footnote":
        return False
    if b.kind == "cell" and b.table is not None and b.table < len(doc.tables):
        return bool(doc.tables[b.table].layout)
    return True


_UNDERLINED = re.compile(r"(?:[^\W_]_+){3,}")


def _clean(text: str) -> str:
    """A header line as printed, without markup; a line whose letters an underline drawn as "_" glyphs cuts
    apart ("H_à___N___ộ__i_,__ n__g___à_y") reads without them."""
    text = text.replace("**", "")
    if _UNDERLINED.search(text):
        text = re.sub(r"_+", "", text)
    return text.strip()


# OCR reads digits of a date as look-alike letters ("ngày II tháng 09", "tháng I1"): a slot after ngày / tháng /
# năm made only of digits and I, l, |, O is read as the number they show when that number fits the slot
_OCR_DATE_SLOT = re.compile(r"(?<!\w)(ngày|tháng|năm)(\s*)([0-9IlO|]{1,4})(?!\w)")
_OCR_DIGITS = str.maketrans({"I": "1", "l": "1", "|": "1", "O": "0"})
_SLOT_RANGE = {"ngày": (1, 31), "tháng": (1, 12), "năm": (1900, 2100)}


def ocr_date_digits(text: str) -> str:
    """`text` with OCR look-alike letters in date slots read as digits (same length); unchanged where the
    reading would not fit (a day 41) or the slot holds no look-alike."""
    def fix(m: re.Match) -> str:
        raw = m.group(3)
        if raw.isdigit():
            return m.group(0)
        digits = raw.translate(_OCR_DIGITS)
        lo, hi = _SLOT_RANGE[m.group(1)]
        if not digits.isdigit() or not lo <= int(digits) <= hi:
            return m.group(0)
        return m.group(1) + m.group(2) + digits
    return _OCR_DATE_SLOT.sub(fix, text)


# --- capitalisation ------------------------------------------------------------

def _cap(w: str) -> str:
    return w[:1].upper() + w[1:].lower() if w else w


def _cap_name(w: str) -> str:
    """A place-name word: each part after a hyphen capitalised too ("RANG-THÁP" -> "Rang-Tháp"); not after an
    apostrophe (official spellings "Cư M'gar", "Ea H'leo")."""
    return "-".join(_cap(p) for p in w.split("-"))


def title_case_office(s: str) -> str:
    """'PHÓ GIÁM ĐỐC' -> 'Phó Giám đốc'; 'CHỦ TỊCH' -> 'Chủ tịch'; 'CHÁNH VĂN PHÒNG' -> 'Chánh Văn phòng'.

    Nghị định 30/2020/NĐ-CP, Phụ lục II: an office is written with its first letter and the name of the body
    in capitals ("Chánh Văn phòng", "Chánh Thanh tra"); after "Phó" the office itself starts a capital."""
    words = squash_spaces(s).split()
    out, cap_next = [], True
    for w in words:
        if w in _ACRONYMS or "&" in w:
            out.append(w)
            cap_next = False
            continue
        out.append(_cap(w) if cap_next else w.lower())
        cap_next = fold_for_matching(w).upper() in ("PHÓ", "Q.", "CHÁNH") or w.endswith(",")
    return " ".join(out)


_LEVELS = "TỈNH|THÀNH PHỐ|HUYỆN|QUẬN|THỊ XÃ"
_LOCAL_LEVELS = _LEVELS + "|THỊ TRẤN|PHƯỜNG|XÃ"  # a People's Committee or Council of a commune


_VOWELS = re.compile(r"[AEIOUY]")


def _is_acronym(word: str) -> bool:
    """A word with no vowel is an abbreviation ("PCCC", "CNCH", "BCĐ"): it keeps its capitals. Vowels are
    found on the base letters ("Ư" is a U, "Đ" is no vowel)."""
    core = word.strip(",.;:()")
    return len(core) >= 2 and core.isupper() and not _VOWELS.search(_ascii_upper(core))


# bodies whose name is written one way (Nghị định 30/2020/NĐ-CP, Phụ lục II)
_FIXED_NAMES = {"CHÍNH PHỦ": "Chính phủ", "QUỐC HỘI": "Quốc hội", "ỦY BAN THƯỜNG VỤ QUỐC HỘI": "Ủy ban Thường vụ Quốc hội"}

# a body's head of two words: the name after it starts a capital ("Văn phòng Chính phủ", "Tổng cục Thuế")
_TWO_WORD_HEADS = {("VĂN", "PHÒNG"), ("TỔNG", "CỤC"), ("CHI", "CỤC"), ("TRUNG", "TÂM"), ("THANH", "TRA")}


def title_case_org(s: str) -> str:
    """'SỞ KHOA HỌC VÀ CÔNG NGHỆ' -> 'Sở Khoa học và Công nghệ'; 'UBND TỈNH QUẢNG NGÃI' -> 'UBND tỉnh Quảng Ngãi'."""
    s = squash_spaces(s)
    fixed = _FIXED_NAMES.get(fold_for_matching(s).upper())
    if fixed:
        return fixed
    levels = _LOCAL_LEVELS if _is_peoples_body(s) else _LEVELS
    m = re.search(rf"\s({levels})\s+(.+)$", s)
    tail = ""
    if m:
        tail = f" {m.group(1).lower()} " + " ".join(_cap_name(w) if w != "-" else w for w in m.group(2).split())
        s = s[: m.start()]
    words = s.split()
    head = 2 if len(words) >= 2 and tuple(fold_for_matching(w).upper() for w in words[:2]) in _TWO_WORD_HEADS else 1
    out, cap_next = [], True
    for i, w in enumerate(words):
        f = fold_for_matching(w)
        if i == 1 and head == 2:  # "VĂN PHÒNG CHÍNH PHỦ" -> "Văn phòng Chính phủ"
            out.append(w.lower())
            cap_next = True
            continue
        if w in _ACRONYMS or "&" in w or _is_acronym(w):
            out.append(w)
        elif w in ("VÀ", "-", ","):
            out.append(w.lower())
        else:
            out.append(_cap(w) if cap_next else w.lower())
        cap_next = w in ("VÀ", "-") or w.endswith(",") or (i == 0 and len(words) > 1 and f not in ("ỦY", "HỘI"))
    text = " ".join(out).replace(" ,", ",")
    return (text + tail).strip()


# --- pieces ----------------------------------------------------------------------

def _own_number(zone: list[Block]) -> tuple[str | None, symbols.Symbol | None]:
    rule = _rule("doc_number", "doc_number.own")
    for k, b in enumerate(zone):
        text = b.text
        if _LONE_SO.search(text) and k + 1 < len(zone):
            text = f"{text} {zone[k + 1].text}"  # "Số:" and the symbol on two lines (a cell, a PDF line break)
        m = rule.regex.search(fold_for_matching(text))
        if m:
            own = text[m.start("own"):m.end("own")]  # as printed (the match ran on the folded text)
            sym = symbols.parse(own)
            number = sym.number if sym else symbols.clean_number(own)
            return number, sym
    return None, None


@dataclass
class _Line:
    """A header line read again after an OCR repair (only its text is looked at)."""
    text: str


def _ocr_symbol(number: str, sym: symbols.Symbol) -> tuple[str, symbols.Symbol]:
    """An OCR'd symbol whose type code has a letter read twice ("2307/QĐĐ-UBND") reads as the code the page
    prints ("2307/QĐ-UBND"), when the doubled code is no type and the single one is."""
    code = sym.type_code or (sym.issuer_code or "").split("-")[0]
    if not code or symbols.is_type_code(code):
        return number, sym
    fixed = re.sub(r"(.)\1", r"\1", code, count=1)
    if fixed == code or not symbols.is_type_code(fixed):
        return number, sym
    new = number.replace(code, fixed, 1)
    return new, symbols.parse(new) or sym


def _place_before(text: str) -> str | None:
    """The place name that ends `text` ("... Hạnh phúc Bà Rịa - Vũng Tàu" -> "Bà Rịa - Vũng Tàu")."""
    tokens = text.replace("\n", " ").split()
    taken: list[str] = []
    for tok in reversed(tokens):
        core = tok.strip(",;")
        if tok in ("-", "–"):
            taken.append("-")
            continue
        if not core or any(ch.isdigit() for ch in core) or "/" in core or ":" in core:
            break
        if core.casefold() in _PLACE_PREFIX and taken:
            taken.append(core)
            continue
        if not core[0].isupper():
            break
        if len(core) > 1 and core.isupper() and core.upper() not in ("TP.", "TP"):
            break
        taken.append(core)
        if len(taken) > 8:
            break
    while taken and taken[-1] == "-":
        taken.pop()
    place = " ".join(reversed(taken)).strip(" -")
    return place or None


def _place_date(zone: list[Block], h: Header, ocr: bool = False) -> None:
    for rid in ("header.place_date", "header.place_date_numeric"):
        rule = _rule("header", rid)
        for b in zone:
            text = ocr_date_digits(_clean(b.text)) if ocr else _clean(b.text)
            masked = _mask_national(text)
            m = rule.regex.search(fold_for_matching(masked))
            if not m:
                continue
            place = _place_before(masked[: m.start()])
            if not place:
                continue
            h.issue_place = place
            h.issue_year, h.issue_month = int(m.group("y")), int(m.group("m"))
            h.issue_date = make_date(m.group("y"), m.group("m"), m.group("d")) if m.group("d") else None
            return


def _passage_date(doc: Document, h: Header, ocr: bool) -> None:
    """A law, ordinance or resolution of the National Assembly has no place-date line: it is dated in its
    passage line ("Luật này đã được Quốc hội ... thông qua ngày 27 tháng 11 năm 2023")."""
    rule = _rule("header", "header.passage_date")
    for b in reversed(doc.blocks):
        if b.location not in ("body", "footnote") or "thông qua" not in b.text:
            continue
        text = ocr_date_digits(b.text) if ocr else b.text
        m = rule.regex.search(fold_for_matching(text))
        if m:
            h.issue_year, h.issue_month = int(m.group("y")), int(m.group("m"))
            h.issue_date = make_date(m.group("y"), m.group("m"), m.group("d"))
            return


def _mask_national(text: str) -> str:
    """`text` with the national name and motto blanked out (same length, as printed otherwise)."""
    rule = _rule("header", "header.national_name")
    out = list(text)
    for m in rule.regex.finditer(fold_for_matching(text)):
        out[m.start():m.end()] = " " * (m.end() - m.start())
    return "".join(out)


def _norm_body(name: str) -> list[str]:
    folded = fold_for_matching(squash_spaces(name)).upper().replace("UBND", "ỦY BAN NHÂN DÂN").replace("HĐND", "HỘI ĐỒNG NHÂN DÂN")
    return folded.split()


def _authority_at(text: str, orgs: list[str]) -> int | None:
    """Where the authority line ("CHỦ TỊCH ỦY BAN NHÂN DÂN TỈNH LÀO CAI", "BỘ TRƯỞNG BỘ Y TẾ") starts in `text`, when
    `text` ends with one: a whole line always; the tail of a subject line only when the body it names is the
    issuing body of the header (so "... BỔ NHIỆM GIÁM ĐỐC SỞ NỘI VỤ" keeps its words)."""
    m = _rule("header", "header.authority_line").regex.search(fold_for_matching(text))
    if not m:
        return None
    if not text[:m.start()].strip():
        return m.start()
    body = m.group("body") if m.group("auth") else text[m.start():m.end()]
    words = _norm_body(body or "")
    for org in orgs:
        ow = _norm_body(org)
        k = min(3, len(ow), len(words))
        if k >= 2 and ow[:k] == words[:k]:
            return m.start()
    return None


def _ascii_upper(s: str) -> str:
    return "".join(c for c in unicodedata.normalize("NFD", s.replace("Đ", "D").replace("đ", "d"))
                   if not unicodedata.combining(c)).upper()


def _ocr_type_line(zone: list[Block]) -> tuple[int, str, str] | None:
    """In OCR'd text, a type line whose diacritics the OCR got wrong ("QUYÉT ĐỊNH"): (zone index, canonical type,
    the rest of the line), matched without diacritics against the type names, on a line in capitals."""
    names = [n.strip() for n in load_rules("header").vars["TYPE_UPPER"].split("|")]
    names = [re.sub(r"\(\?!.*\)", "", n) for n in names]
    for i, b in enumerate(zone):
        text = _clean(b.text).lstrip(" ,.;:'\"`-_–—|")  # OCR specks before the type name (",THÔNG TƯ")
        letters = [c for c in text if c.isalpha()]
        if not letters or not all(c.isupper() for c in letters[:12]):
            continue
        a = _ascii_upper(text)
        for n in names:
            an = _ascii_upper(n)
            if a == an or a.startswith(an + " "):
                if an == "CONG VAN" and a.startswith("CONG VAN DEN"):
                    continue
                return i, _canonical_type(n), text[len(an):].strip()
    return None


def _type_and_title(zone: list[Block], h: Header, ocr: bool = False) -> int | None:
    """Find the type line and the subject line under it; returns the zone index where the body starts.

    The authority line under the subject ("CHỦ TỊCH ỦY BAN NHÂN DÂN TỈNH ...") is not part of it."""
    type_rule = _rule("header", "header.type_line")
    stop = _rule("header", "header.title_stop")
    vv = _rule("header", "header.vv_line")
    for i, b in enumerate(zone):
        text = _clean(b.text)
        m = type_rule.regex.match(fold_for_matching(text))
        if not m:
            continue
        h.type_name = _canonical_type(m.group("type"))
        parts: list[str] = []
        rest = re.sub(r"^(?:SỐ|Số|số)\s*\d+[a-z]?\s*[:.]?\s*", "", text[m.start("rest"):].strip())  # "PHIẾU SỐ 03"
        j = i + 1
        prev = b
        if rest:
            parts.append(rest)
        elif j < len(zone) and not stop.search(zone[j].text):
            parts.append(_clean(zone[j].text))
            prev = zone[j]
            j += 1
        while parts and j < len(zone):
            nxt = zone[j]
            t = _clean(nxt.text)
            if not t or stop.search(t) or nxt.kind == "heading" or parts[-1].rstrip().endswith((".", ":", ";")) \
                    or _authority_at(t, h.orgs) == 0:
                break
            styled = bool({"bold", "center"} & set(prev.styles) & set(nxt.styles)) and len(t) < 250
            if t[0].islower() or styled:
                parts.append(t)
                prev = nxt
                j += 1
                continue
            break
        if parts:
            title = squash_spaces(" ".join(parts))
            cut = _authority_at(title, h.orgs)
            if cut:
                title = title[:cut].strip()
            h.title = title or None
        return j
    if ocr:
        hit = _ocr_type_line(zone[:HEADER_BLOCKS + 4])
        if hit is not None:
            i, h.type_name, rest = hit
            j = i + 1
            parts = [rest] if rest else []
            if not parts and j < len(zone) and not stop.search(zone[j].text):
                parts, j = [_clean(zone[j].text)], j + 1
            h.title = squash_spaces(" ".join(parts)) or None
            return j
    national = _rule("header", "header.national_name").regex
    if h.doc_number is None and not any(national.search(fold_for_matching(b.text)) for b in zone[:HEADER_BLOCKS]):
        return None  # no header block (a news item): a sentence starting "Về việc ..." is no subject line
    for i, b in enumerate(zone):  # a công văn: "V/v ..." under the number (or joined to the number's line)
        at = _vv_at(b)
        if at is None:
            continue
        text = _clean(b.text)
        m = vv.regex.match(fold_for_matching(text[at:]))
        raw = text[at + m.start("title"):]
        parts = [_subject_only(raw)]
        j = i + 1
        if parts[0] == squash_spaces(raw):  # nothing joined after it: the subject may wrap onto the next blocks
            while j < len(zone) and j <= i + 3:
                t = _clean(zone[j].text)
                if not t or not t[0].islower() or len(t) > 200 or stop.search(t) or _subject_only(t) != squash_spaces(t):
                    break
                parts.append(squash_spaces(t))
                j += 1
        h.title = squash_spaces(" ".join(parts)) or None
        h.type_name = h.type_name or symbols.CONG_VAN
        return j
    return None


def _vv_at(b: Block) -> int | None:
    """Where a công văn's "V/v ..." subject starts in `b` (offset into `_clean(b.text)`): at the block start,
    or right after the "Số:" number when a reader joined the two lines; None if `b` has no subject line."""
    folded = fold_for_matching(_clean(b.text))
    vv = _rule("header", "header.vv_line")
    if vv.regex.match(folded):
        return 0
    own = _rule("doc_number", "doc_number.own").regex.search(folded)
    if own and vv.regex.match(folded[own.end():]):
        return own.end()
    return None


def _subject_only(text: str) -> str:
    """A subject line without what a reader joined after it: "Kính gửi: ...", the place and date line."""
    folded = fold_for_matching(text)
    cut = len(text)
    m = _rule("header", "header.addressee_inline").regex.search(folded)
    if m:
        cut = m.start()
    for rid in ("header.place_date", "header.place_date_numeric"):
        m = _rule("header", rid).regex.search(folded[:cut])
        if m:
            place = _place_before(text[:m.start()])
            k = text.rfind(place, 0, m.start()) if place else -1
            cut = k if k >= 0 else m.start()
            break
    return squash_spaces(text[:cut])


def _canonical_type(upper: str) -> str:
    name = squash_spaces(upper)
    for v in list(symbols.doc_types().values()) + [symbols.CONG_VAN]:
        if fold_for_matching(v).casefold() == fold_for_matching(name).casefold():
            return v
    return name[:1] + name[1:].lower()


def _blank(chars: list[str], start: int, end: int) -> None:
    """Mask chars[start:end]; the bar keeps a name from running on across the gap."""
    if end > start:
        chars[start:end] = "|" + " " * (end - start - 1)


def _orgs(zone: list[Block]) -> list[str]:
    """Issuing bodies printed in capitals in the header, parent first, as printed.

    Not bodies: the national name and motto, the document's own number and any symbol ("Số: 215/BC-UBND": its
    issuer code names no body), a công văn's subject line joined to the number's line."""
    national = _rule("header", "header.national_name")
    org = _rule("header", "header.org")
    masks = (_rule("doc_number", "doc_number.own").regex, _rule("doc_number", "doc_number.symbol").regex)
    place_dates = (_rule("header", "header.place_date").regex, _rule("header", "header.place_date_numeric").regex)
    pieces: list[str] = []
    drop_lone_nam = False
    # a header laid out in two columns line by line (tab-separated lines, a borderless table read row by row)
    # reads column by column: the left column's lines name the body
    zone = sorted(zone, key=_column_rank)
    for b in zone:
        text = _clean(b.text)
        vv_at = _vv_at(b)
        if vv_at is not None:
            text = text[:vv_at]
        folded = fold_for_matching(text)
        if drop_lone_nam and _LONE_NAM.match(folded):
            drop_lone_nam = False
            continue
        chars = list(text)
        for m in national.regex.finditer(folded):
            if m.group(0).upper().startswith("CỘNG") and not m.group(0).upper().rstrip().endswith("NAM"):
                drop_lone_nam = True
            _blank(chars, m.start(), m.end())
        for m in _NATIONAL_ASCII.finditer(_ascii_upper(text)):  # OCR'd with wrong diacritics: "CỌNG HÒA"
            _blank(chars, m.start(), m.end())
        for m in _BLANK_SYMBOL.finditer(text):  # "Số:" and "/QĐ-UBND" on two lines: the codes name no body
            _blank(chars, m.start(), m.end())
        for rx in masks:
            for m in rx.finditer(folded):
                _blank(chars, m.start(), m.end())
        for rx in place_dates:  # "TP. Hồ Chí Minh, ngày ...": the place is no body either
            for m in rx.finditer(folded):
                place = _place_before(text[:m.start()])
                k = text.rfind(place, 0, m.start()) if place else -1
                _blank(chars, k if k >= 0 else m.start(), m.end())
        piece = "".join(chars)
        if any(c.isalpha() for c in piece):  # a line that is only the national name or motto separates nothing
            pieces.append(piece)
    joined = " ".join(pieces)
    return [squash_spaces(joined[m.start():m.end()]).strip(" ,-")
            for m in org.regex.finditer(fold_for_matching(joined))]


def _column_rank(b: Block) -> int:
    """The column of a block of a layout table or tab-split line (0 left, 1 right); 0 for other blocks (a PDF's
    column_x is a coordinate, not a column index)."""
    x = b.column_x
    return int(x) if x is not None and float(x).is_integer() and 0 <= x <= 3 else 0


def _is_peoples_body(name: str) -> bool:
    """A People's Committee or Council (UBND, HĐND): its name keeps its place ("Ủy ban nhân dân huyện Krông Pắc")."""
    return bool(_rule("header", "header.peoples_body").regex.match(fold_for_matching(name)))


def _is_central(orgs: list[str], agency: str | None) -> bool:
    """A ministry or other central body (header.central_body), or a unit under one ("BỘ NỘI VỤ" / "VỤ CẢI CÁCH
    HÀNH CHÍNH"), has no province, even where it sits in Hà Nội; a local branch naming its province has one
    ("TỔNG CỤC THUẾ" / "CỤC THUẾ TỈNH NGHỆ AN")."""
    rule = _rule("header", "header.central_body")
    top = orgs[0] if orgs else agency
    if not top or not rule.regex.match(fold_for_matching(top)):
        return False
    issuing = orgs[-1] if orgs else agency
    return provinces.find(issuing) is None


def _expand_head(name: str) -> str:
    """'UBND tỉnh Long An' -> 'Ủy ban nhân dân tỉnh Long An' (the agency column names the body in full)."""
    for r in load_rules("header"):
        if r.id.startswith("header.abbrev_"):
            m = r.regex.match(fold_for_matching(name))
            if m:
                return r.get("agency") + name[m.end():]
    return name


def _branch_rule(name: str):
    """The header.branch_* rule of a local branch of a vertical system ("BẢO HIỂM XÃ HỘI TỈNH THÁI NGUYÊN"), if any."""
    folded = fold_for_matching(name)
    return next((r for r in load_rules("header") if r.id.startswith("header.branch_") and r.regex.match(folded)), None)


def _branch_name(issuing: str) -> str | None:
    """'BẢO HIỂM XÃ HỘI TỈNH THÁI NGUYÊN' -> 'Bảo hiểm xã hội tỉnh Thái Nguyên': the branch keeps its place, its
    head written as the rule says."""
    r = _branch_rule(issuing)
    if r is None:
        return None
    head = str(r.get("agency"))
    words = title_case_org(issuing).split()
    return " ".join(head.split() + words[len(head.split()):])


def _office_of(parents: list[str]) -> str | None:
    """'UBND TỈNH SƠN LA' over a bare 'VĂN PHÒNG' -> 'Văn phòng Ủy ban nhân dân tỉnh' (the office of that
    committee or council, named by its level as the body's own name is); "HĐND VÀ" / "UBND HUYỆN X" are one
    parent ("Văn phòng Hội đồng nhân dân và Ủy ban nhân dân huyện")."""
    if not parents:
        return None
    parent = parents[-1]
    for prev in reversed(parents[:-1]):
        if not re.search(r"\s(?:VÀ|và)$", prev.strip()):
            break
        parent = f"{prev.strip()} {parent}"
    if not _is_peoples_body(parent):
        return None
    # each body of "HĐND và UBND huyện X" expanded by the header.abbrev_* rules; the place name dropped
    name = " và ".join(_expand_head(part) for part in re.split(r"\s+và\s+", title_case_org(parent)))
    name = _OFFICE_PLACE.sub(r" \1", name)
    return f"Văn phòng {name}"


_OFFICE_PLACE = re.compile(rf"\s({_LOCAL_LEVELS.lower()})\s+\S.*$")


def _agency_from_orgs(orgs: list[str]) -> tuple[str | None, str | None]:
    if not orgs:
        return None, None
    issuing = orgs[-1]
    parent = orgs[-2] if len(orgs) > 1 else None
    if _rule("header", "header.bare_office").regex.match(fold_for_matching(issuing)):
        office = _office_of(orgs[:-1])
        if office:
            return office, parent
    branch = _branch_name(issuing)
    if branch:
        return branch, parent
    return _expand_head(title_case_org(_strip_place(issuing))), parent


def _header_end(zone: list[Block]) -> int:
    """Where the header block (issuing bodies, number, national name, place and date) ends: at the type line,
    a công văn's subject line ("V/v ...") or addressee ("Kính gửi:"), a heading or running text; so a công văn's
    body never lends the header an "issuing body"."""
    type_rule = _rule("header", "header.type_line")
    stop = _rule("header", "header.title_stop")
    for i, b in enumerate(zone[:HEADER_BLOCKS]):
        text = fold_for_matching(_clean(b.text))
        if type_rule.regex.match(text) or stop.search(text) or b.kind == "heading" or _is_running_text(text):
            return i
        if _vv_at(b) is not None:
            return i + 1  # the block itself may start with the number or the bodies (its subject is masked)
    return min(len(zone), HEADER_BLOCKS)


def _is_running_text(folded: str) -> bool:
    """A sentence, not a header line: after the national name, motto and place/date are removed, several words
    start in lower case (header lines are capitals, "Số: ...", or "Place, ngày ... tháng ... năm ...")."""
    for rid in ("header.national_name", "header.place_date", "header.place_date_numeric"):
        folded = _rule("header", rid).regex.sub(" ", folded)
    return sum(1 for w in _WORD.findall(folded) if w[0].islower()) >= RUNNING_TEXT_WORDS


def _strip_place(org: str) -> str:
    """'SỞ KHOA HỌC VÀ CÔNG NGHỆ TỈNH NGHỆ AN' -> 'SỞ KHOA HỌC VÀ CÔNG NGHỆ' (the province is its own column)."""
    p = provinces.find(org)
    if p and len(org.split()) > 3:
        m = re.search(r"\s+(?:TỈNH|THÀNH PHỐ|tỉnh|thành phố|TP\.?)\s+.*$", org)
        if m and provinces.find(m.group(0)) is p and not _is_peoples_body(org):
            return org[: m.start()]
    return org


def _with_province(name: str, p: provinces.Province | None) -> str:
    """'Ủy ban nhân dân' / 'Ủy ban nhân dân tỉnh' + the province -> 'Ủy ban nhân dân tỉnh Long An'."""
    if p is None:
        return name
    bare = re.sub(r"^Thành phố\s+", "", p.province)
    level = re.search(r"\s(?:tỉnh|thành\s+phố|TP\.?)$", name, re.I)
    if level:
        return f"{name} {bare}"
    return f"{name} {p.kind} {bare}"


def _agency_from_body(blocks: list[Block], province: provinces.Province | None) -> str | None:
    rule = _rule("header", "header.agency_in_body")
    for b in blocks:
        m = rule.regex.search(fold_for_matching(b.text))
        if m:
            name = squash_spaces(b.text[m.start("agency"):m.end("agency")]).strip(" ,")
            if _is_peoples_body(name):  # keeps its place; "Ủy ban nhân dân tỉnh" alone is completed
                name = _expand_head(name)
                if re.search(r"\s(?:tỉnh|thành\s+phố|TP\.?)$", name, re.I):
                    name = _with_province(name, province)
                return name
            return re.sub(r"\s+(?:tỉnh|thành phố|TP\.?)\s+.*$", "", name).strip(" ,")
    return None


def _agency_from_code(sym: symbols.Symbol | None, province: provinces.Province | None,
                      issue_place: str | None) -> str | None:
    """The body an issuer code names (patterns/header.yaml header.agency_code_*: SNV -> Sở Nội vụ). A local
    body's code (UBND, HĐND, VP) names its place only when the place line names the province itself
    (Nghị định 30/2020/NĐ-CP: a provincial body writes the province's name; a district body the district's)."""
    if not sym or not sym.issuer_code:
        return None
    first = sym.issuer_code.split("-")[0]
    for r in load_rules("header"):
        if r.id.startswith("header.agency_code_") and r.regex.search(first):
            name = r.get("agency")
            if r.get("local"):
                at = provinces.lookup(issue_place, cities=False) if issue_place else None
                if at is not None and at is province:
                    name = _with_province(name, province)
            return name
    return None


def _signature(doc: Document, h: Header) -> None:
    blocks = [b for b in doc.blocks if _usable(doc, b) and b.location != "footnote"]
    sig = _rule("header", "header.signature")
    title_only = _rule("header", "header.signature_title_only")
    recipients = _rule("header", "header.recipients")
    appendix = _rule("header", "header.appendix")
    hv = load_rules("header").vars
    start = re.compile(r"^\s*(?:" + hv["AUTH"] + r"[" + hv["UP"] + r"]|" + hv["TITLE_UPPER"] + r"(?![" + hv["UP"]
                       + hv["LOW"] + r"]))")
    printed = [_clean(b.text) for b in blocks]
    texts = [fold_for_matching(t) for t in printed]  # same lengths: spans in `texts` slice `printed`
    cands = [i for i, t in enumerate(texts) if len(t) < 200 and start.match(t)]
    if not cands:
        return
    end = len(blocks)
    for i in range(cands[0] + 1, len(blocks)):
        if len(texts[i]) < 200 and appendix.regex.match(texts[i]):
            end = i
            break
    consumed: set[int] = set()
    found: list[tuple[str | None, str, str | None]] = []
    for c in (i for i in cands if i < end):
        if c in consumed:
            continue
        # the signature's lines, the recipients list printed beside it skipped ("Nơi nhận:", "- Như trên;", ...)
        used = [c]
        for k in range(c + 1, end):
            if len(used) >= SIGN_LOOKAHEAD:
                break
            if not recipients.regex.match(texts[k]):
                used.append(k)
        joined = "\n".join(texts[k] for k in used)
        joined_printed = "\n".join(printed[k] for k in used)
        lead = len(joined) - len(joined.lstrip())
        m = sig.regex.match(joined.strip())
        if m:
            found.append(tuple(joined_printed[lead + m.start(g):lead + m.end(g)] if m.group(g) is not None else None
                               for g in ("chain", "title", "name")))
            consumed.update(used)
            continue
        m = title_only.regex.match(texts[c])
        if m:
            found.append((printed[c][m.start("chain"):m.end("chain")], printed[c][m.start("title"):m.end("title")], None))
    if not found:
        return
    named = [f for f in found if f[2]]
    chain, title, name = (named or found)[-1]
    h.signer = squash_spaces(name) if name else None
    h.signer_title = title_case_office(title)
    if chain and chain.strip():
        parts = re.findall(r"(KT|TL|TM|TUQ)\s*\.\s*(.+?)\s*(?=(?:KT|TL|TM|TUQ)\s*\.|$)", squash_spaces(chain))
        # the capacity the signer signs in is the innermost link: "TM. ỦY BAN NHÂN DÂN / KT. CHỦ TỊCH" -> "KT. Chủ tịch"
        auth = " ".join(f"{a}. {title_case_org(p) if a == 'TM' else title_case_office(p)}" for a, p in parts[-1:])
        h.signing_authority = auth or None


_HORIZON = re.compile(r"(?:đến|tới|trước|tầm\s+nhìn(?:\s+đến)?)\s*$", re.I)
_RESULTS_CUE = re.compile(r"kết\s+quả|chỉ\s+số|xếp\s+hạng|đánh\s+giá|tổng\s+kết|sơ\s+kết|tình\s+hình", re.I)
_LEGAL_ACTS = {"Quyết định", "Nghị quyết", "Chỉ thị", "Nghị định", "Thông tư", "Luật", "Pháp lệnh", "Quy định",
               "Quy chế", "Hướng dẫn"}


def _period(h: Header, opening: list[Block]) -> None:
    """The reporting period a document covers (../shared/gold/README.md): a report's title or opening; a plan's,
    notice's or letter's title; a decision's title only when it announces results ("công bố Chỉ số CCHC năm
    2023"). None otherwise: the year of a measure ("phương án đơn giản hóa TTHC năm 2025"), a horizon ("đến năm
    2030") and the issue year are no reporting period, and a text without a header (a news item) has none."""
    if h.type_name is None:
        return
    if h.type_name in _LEGAL_ACTS and not (h.title and _RESULTS_CUE.search(fold_for_matching(h.title))):
        return
    texts = ([h.title] if h.title else []) + ([b.text for b in opening] if h.type_name == "Báo cáo" else [])
    for t in texts:
        ps = [p for p in find_periods(t, h.issue_year) if not _HORIZON.search(t[max(0, p.span[0] - 16):p.span[0]])]
        if ps:
            p = ps[0]
            h.period = (p.start, p.end, squash_spaces(p.label))
            return


def _is_furniture(folded: str) -> bool:
    """A header line with nothing else on it: the national name, the motto, the place and date, the number."""
    rest = folded
    for rx in (_rule("header", "header.national_name").regex, _rule("header", "header.place_date").regex,
               _rule("header", "header.place_date_numeric").regex, _rule("doc_number", "doc_number.own").regex):
        rest = rx.sub(" ", rest)
    if rest == folded:
        return False
    words = [w for w in _WORD.findall(rest) if not _LONE_NAM.match(w)]  # what is left: a place name at most
    return len(words) <= 4 and all(w[:1].isupper() for w in words)


def _opening(zone: list[Block], start: int, size: int = 4) -> list[Block]:
    """The first blocks of the body after the subject line: not headings, not header lines a reader put after
    the subject (national name, motto, place and date), not a công văn's addressees ("Kính gửi:" and the
    "- ..." lines under it, however a reader split them)."""
    addressee = _rule("header", "header.addressee_inline")
    recipients = _rule("header", "header.recipients")
    out: list[Block] = []
    in_addressees = False
    for b in zone[start:]:
        if b.kind == "heading":
            continue
        folded = fold_for_matching(_clean(b.text))
        if _is_furniture(folded):
            continue
        if addressee.regex.match(folded.lstrip()):
            in_addressees = True
            continue
        if in_addressees:
            if recipients.regex.match(folded) or not _is_running_text(folded):
                continue
            in_addressees = False
        out.append(b)
        if len(out) == size:
            break
    return out


# --- the extractor -----------------------------------------------------------------

def _from_stamp(doc: Document, h: Header) -> None:
    """Fill a number or date the text layer leaves blank from the OCR'd top of page 1 (readers/stamps.py), taking
    only what agrees with the text layer: the same symbol after the number, the same year (and month)."""
    if not doc.header_ocr:
        return
    lines = [ln.strip() for ln in doc.header_ocr.split("\n") if ln.strip()]
    zone = [Block(id=i, kind="paragraph", segments=[], text=ocr_date_digits(ln), pages=[]) for i, ln in enumerate(lines)]
    if h.symbol is not None and h.symbol.seq is None:
        number, sym = _own_number(zone)
        if sym is not None and sym.seq is not None:
            number, sym = _ocr_symbol(number, sym)
            if (sym.type_code, sym.issuer_code) == (h.symbol.type_code, h.symbol.issuer_code):
                h.doc_number, h.symbol = number, sym
    if h.issue_date is None:
        o = Header()
        _place_date(zone, o, ocr=True)
        if o.issue_date is not None and (h.issue_year is None or o.issue_year == h.issue_year) \
                and (h.issue_month is None or o.issue_month == h.issue_month):
            h.issue_date, h.issue_year, h.issue_month = o.issue_date, o.issue_year, o.issue_month
            h.issue_place = h.issue_place or o.issue_place


def read_header(doc: Document) -> Header:
    usable = [b for b in doc.blocks if _usable(doc, b)]
    zone = usable[:ZONE_BLOCKS]
    h = Header()
    ocr = doc.text_source == "ocr"
    h.doc_number, h.symbol = _own_number(zone)
    if ocr and h.symbol is None:  # "Số: 51//2025/TT-BCA": OCR drew a slash twice
        h.doc_number, h.symbol = _own_number([_Line(re.sub(r"/\s*/", "/", b.text)) for b in zone])
    if ocr and h.symbol is not None:
        h.doc_number, h.symbol = _ocr_symbol(h.doc_number, h.symbol)
    _place_date(zone, h, ocr)
    _from_stamp(doc, h)
    if h.issue_year is None:
        _passage_date(doc, h, ocr)
    head = zone[:_header_end(zone)]
    placeholder = _rule("header", "header.template_placeholder").regex
    # a blank form ("TÊN CƠ QUAN", "... (hoặc) ...") names no issuing body
    blank_form = any(placeholder.search(fold_for_matching(b.text)) for b in head)
    h.orgs = [] if blank_form else _orgs(head)
    body_at = _type_and_title(zone, h, ocr)
    agency, parent = _agency_from_orgs(h.orgs)
    opening = _opening(zone, body_at) if body_at is not None else zone[:8]
    headerless = h.doc_number is None and h.type_name is None and not h.orgs and h.issue_place is None
    h.province = (provinces.find(parent) if parent else None) or (provinces.find(h.orgs[-1]) if h.orgs else None) \
        or provinces.lookup(h.issue_place) \
        or (provinces.dominant(doc.text) if headerless else provinces.find(" ".join(b.text for b in opening)))
    h.agency = None if blank_form else \
        agency or _agency_from_body(opening, h.province) or _agency_from_code(h.symbol, h.province, h.issue_place)
    if _is_central(h.orgs, h.agency):
        h.province = None
    # the province at the time of the document: after the 2025 merger, the unit a place belongs to
    h.province = provinces.as_of(h.province, h.issue_date or (dt.date(h.issue_year, h.issue_month, 1)
                                                                if h.issue_year and h.issue_month else None))
    _signature(doc, h)
    _period(h, opening)
    return h


def extract(doc: Document, ctx: Any) -> dict[str, list[dict]]:
    h = read_header(doc)
    sym = h.symbol
    row = {
        "doc_number": h.doc_number,
        "doc_seq": sym.seq if sym else None,
        "doc_type_code": sym.type_code if sym else None,
        "issuer_code": sym.issuer_code if sym else None,
        "doc_type": h.type_name or (sym.doc_type if sym else None),
        "title": h.title,
        "issue_place": h.issue_place,
        "issue_date": h.issue_date,
        "issue_year": h.issue_year,
        "issue_month": h.issue_month,
        "period_start": h.period[0] if h.period else None,
        "period_end": h.period[1] if h.period else None,
        "period_label": h.period[2] if h.period else None,
        "agency": h.agency,
        "province": h.province.province if h.province else None,
        "province_2025": h.province.province_2025 if h.province else None,
        "signer": h.signer,
        "signer_title": h.signer_title,
        "signing_authority": h.signing_authority,
    }
    return {"documents": [row]}
