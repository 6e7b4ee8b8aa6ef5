"""Legacy Vietnamese fonts (TCVN3 / ABC, VNI-Windows): tables, font names, detection."""
from __future__ import annotations

import re
import unicodedata
from pathlib import Path

import pytest

from extract import legacy_fonts as lf
from extract.vi_syllables import is_syllable

ROOT = Path(__file__).resolve().parents[1]
SHARED = ROOT.parent / "shared"
UNICODE_TEXTS = sorted((SHARED / "seeds").glob("*.txt")) + sorted(ROOT.glob("tests/unseen*/docs/*.txt"))

TONES = ["", "\u0301", "\u0300", "\u0309", "\u0303", "\u0323"]  # none, sắc, huyền, hỏi, ngã, nặng
LOWER = [unicodedata.normalize("NFC", b + t) for b in "aăâeêioôơuưy" for t in TONES] + ["đ"]
LETTERS = LOWER + [x.upper() for x in LOWER]


def test_every_vietnamese_letter_is_covered():
    assert len(LOWER) == 73 and len(set(LETTERS)) == 146


@pytest.mark.parametrize("letter", LETTERS)
def test_vni_round_trip(letter):
    code = lf.encode_vni(letter)
    assert all(ord(c) < 0x100 for c in code)
    assert lf.decode_vni(code) == letter
    assert lf.decode_vni(f"x{code}x") == f"x{letter}x"


@pytest.mark.parametrize("letter", LETTERS)
def test_tcvn3_round_trip(letter):
    try:
        code, caps = lf.encode_tcvn3(letter), False
    except ValueError:  # a capital TCVN3 has no code for: written in an H font with the small code
        assert letter.isupper()
        code, caps = lf.encode_tcvn3(letter, caps=True), True
    assert len(code) == 1 and ord(code) < 0x100
    assert lf.decode_tcvn3(code, caps=caps) == letter
    assert lf.decode(code, "tcvn3-caps" if caps else "tcvn3") == letter


def test_tcvn3_table_is_tcvn5712():
    # spot checks against TCVN 5712 (libiconv lib/tcvn.h): byte -> code point
    for byte, cp in {0xA1: 0x102, 0xA7: 0x110, 0xAD: 0x1B0, 0xAE: 0x111, 0xB5: 0xE0, 0xB8: 0xE1,
                     0xC6: 0x1EB7, 0xD0: 0xE9, 0xD6: 0x1EC7, 0xDC: 0x129, 0xE9: 0x1ED9, 0xF1: 0x1EE7,
                     0xF9: 0x1EF1, 0xFE: 0x1EF5, 0xFF: 0x1ED0}.items():
        assert ord(lf.TCVN3_TABLE[byte]) == cp, hex(byte)
    assert sorted(lf.TCVN3_TABLE) == list(range(0xA1, 0x100))
    letters = [c for c in lf.TCVN3_TABLE.values() if not unicodedata.combining(c)]
    assert len(letters) == len(set(letters)) == 90  # no letter twice; 5 codes are combining tones


@pytest.mark.parametrize("decode, code, text", [
    (lf.decode_tcvn3, "Céng hßa x· héi chñ nghÜa ViÖt Nam", "Cộng hòa xã hội chủ nghĩa Việt Nam"),
    (lf.decode_tcvn3, "§éc lËp - Tù do - H¹nh phóc", "Độc lập - Tự do - Hạnh phúc"),
    (lf.decode_tcvn3, "ng\u00adêi ®\u00adîc th\u00ad\u00eang xuyªn", "người được thường xuyên"),
    (lf.decode_tcvn3, "KÕt qu¶ thùc hiÖn c«ng t¸c c¶i c¸ch hµnh chÝnh", "Kết quả thực hiện công tác cải cách hành chính"),
    (lf.decode_vni, "Coäng hoøa xaõ hoäi chuû nghóa Vieät Nam", "Cộng hòa xã hội chủ nghĩa Việt Nam"),
    (lf.decode_vni, "Ñoäc laäp - Töï do - Haïnh phuùc", "Độc lập - Tự do - Hạnh phúc"),
    (lf.decode_vni, "ngöôøi ñöôïc thöôøng xuyeân", "người được thường xuyên"),
    (lf.decode_vni, "COÄNG HOØA XAÕ HOÄI CHUÛ NGHÓA VIEÄT NAM", "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM"),
    (lf.decode_vni, "Quyeát ñònh soá 1291/QÑ-UBND", "Quyết định số 1291/QĐ-UBND"),
])
def test_decode(decode, code, text):
    assert decode(code) == text


@pytest.mark.parametrize("code, caps, text", [
    ("céng hßa", True, "CỘNG HÒA"),  # an H font draws the small codes as capitals
    ("CéNG HßA X· HéI", False, "CỘNG HÒA XÃ HỘI"),  # capitals typed in a normal ABC font
    ("ñY BAN NH¢N D¢N", False, "ỦY BAN NHÂN DÂN"),
    ("Sè: 12/BC-UBND", False, "Số: 12/BC-UBND"),  # a capital then small letters: not a capitals line
    ("cña UBND HUYÖN H¶I L¡NG", False, "của UBND HUYỆN HẢI LĂNG"),
    ("Xin chµo", False, "Xin chào"),
])
def test_tcvn3_capitals(code, caps, text):
    assert lf.decode_tcvn3(code, caps=caps) == text


@pytest.mark.parametrize("name, encoding, caps", [
    (".VnTime", "tcvn3", False), (".VnTimeH", "tcvn3", True), ("VnTime", "tcvn3", False),
    ("VnTimeH", "tcvn3", True), (".VnArial", "tcvn3", False), (".VnArial NarrowH", "tcvn3", True),
    (".VnAvantH", "tcvn3", True), ("ABCDEF+.VnTime", "tcvn3", False), ("ABCDEF+VnTimeH", "tcvn3", True),
    (".VnTimeH,Bold", "tcvn3", True), ("VnTimeH-BoldItalic", "tcvn3", True), (".VnCentury Schoolbook", "tcvn3", False),
    ("VNI-Times", "vni", False), ("VNI-Times-Bold", "vni", False), ("ABCDEF+VNI-Times", "vni", False),
    ("VNI-Helve", "vni", False), ("Vni-Aptima", "vni", False),
    ("Times New Roman", None, False), ("ABCDEF+LiberationSerif", None, False), ("DejaVuSans", None, False),
    ("Verdana", None, False), ("UVN Bai Sau", None, False), ("VnExpress", None, False), ("", None, False),
    (None, None, False),
])
def test_font_names(name, encoding, caps):
    assert lf.font_encoding(name) == encoding
    assert lf.font_is_caps(name) is caps
    assert lf.font_codec(name) == (None if encoding is None else "tcvn3-caps" if caps else encoding)


@pytest.mark.parametrize("word", ["nghiêng", "quốc", "giếng", "gì", "người", "khuỷu", "hoàng", "thuở", "được",
                                  "uyển", "Điều", "HỘI", "oanh", "xoong", "ạ", "yêu", "chuyện", "cộng"])
def test_syllables(word):
    assert is_syllable(word)


@pytest.mark.parametrize("word", ["hßa", "chñ", "nghÜa", "Coäng", "hoøa", "strength", "cat", "tưong", "ngửụứi",
                                  "xyz", "hộiì", "caf", "ât", "Müller", "ngổy"])
def test_not_syllables(word):
    assert not is_syllable(word)


@pytest.mark.parametrize("path", UNICODE_TEXTS, ids=lambda p: p.name)
def test_unicode_vietnamese_is_never_changed(path, monkeypatch):
    text = path.read_text(encoding="utf-8")
    assert lf.detect_and_decode(text) == (text, None)
    # the syllable test alone also refuses: decoding Unicode Vietnamese makes it worse
    monkeypatch.setattr(lf, "MAX_VI_SHARE", 1.0)
    assert lf.detect_encoding(text) is None


FOREIGN = {
    "en": "The administrative reform report covers the first six months. Online services were extended to "
          "all districts; 95% of applications were processed on time, according to the provincial office.",
    "fr": "Le gouvernement a présenté à l'Assemblée nationale un projet de loi réformant l'administration. "
          "Où en est-on? Déjà, près de 95 % des procédures sont dématérialisées; où la connexion reste "
          "médiocre, les élus des régions d'outre-mer s'inquiètent. Ça va être très compliqué, où qu'on aille.",
    "de": "Die Verwaltungsreform wird von der Regierung vorangetrieben. Bürgerinnen und Bürger können Anträge "
          "über das Portal stellen; für Unternehmen gilt außerdem eine vereinfachte Prüfung. Größere "
          "Änderungen folgen, schätzungsweise 80 % aller Verfahren sind bereits digital.",
    "es": "La reforma administrativa avanzó este año: más de la mitad de los trámites se realizan en línea, "
          "según el informe del ministerio; también se creó una ventanilla única para empresas.",
    "vi-ascii": "Cong hoa xa hoi chu nghia Viet Nam. Bao cao ket qua cai cach hanh chinh nam 2023.",
}


@pytest.mark.parametrize("lang", FOREIGN)
def test_other_languages_are_never_changed(lang):
    assert lf.detect_and_decode(FOREIGN[lang]) == (FOREIGN[lang], None)


def _tcvn3_like_a_converter(text: str) -> str:
    out = []
    for ch in text:
        try:
            out.append(lf.encode_tcvn3(ch, caps=True))
        except ValueError:
            out.append(ch)
    return "".join(out)


def _plain(text: str) -> str:
    return re.sub(r"[⁰¹²³⁴⁵⁶⁷⁸⁹Ð]", "", text)  # superscript markers and "Ð" have no legacy code


@pytest.mark.parametrize("path", UNICODE_TEXTS[:8], ids=lambda p: p.name)
def test_encoded_reports_are_detected_and_decoded(path):
    text = _plain(unicodedata.normalize("NFC", path.read_text(encoding="utf-8")))
    decoded, codec = lf.detect_and_decode(lf.encode_vni(text))
    assert codec == "vni" and decoded == text
    decoded, codec = lf.detect_and_decode(_tcvn3_like_a_converter(text))
    # a capital toned letter in a mixed-case word ("Ủy ban") comes back small: TCVN3 cannot tell
    assert codec == "tcvn3" and decoded.lower() == text.lower()


def test_short_or_mixed_texts_are_left_alone():
    assert lf.detect_encoding("Céng hßa") is None  # too few words to judge
    mixed = "Cộng hòa xã hội chủ nghĩa Việt Nam\n" * 20 + "Céng hßa x· héi chñ nghÜa ViÖt Nam"
    assert lf.detect_encoding(mixed) is None  # mostly Unicode already


def test_decode_lines_keeps_unicode_lines():
    text = "Cộng hòa xã hội\nCéng hßa x· héi"
    assert lf.decode_lines(text, "tcvn3") == "Cộng hòa xã hội\nCộng hòa xã hội"
