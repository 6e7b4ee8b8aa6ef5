"""Plain-text files in the encodings reports arrive in; a password-protected DOCX is reported as such."""
from __future__ import annotations

import struct
import unicodedata

import pytest

from extract.pipeline import process_file
from extract.readers import ReadError, sniff_format
from extract.readers.text import read_text

TEXT = ("BÁO CÁO\n\nTiếp nhận 120 hồ sơ, đã giải quyết 100 hồ sơ đúng hạn. "
        "Sở Khoa học và Công nghệ tỉnh Quảng Ngãi.\n")
_TONES = "\u0300\u0301\u0303\u0309\u0323"


def cp1258(s: str) -> bytes:
    """Windows-1258 as Vietnamese Windows writes it: base letters precomposed, tones as combining marks."""
    out = []
    for ch in s:
        try:
            out.append(ch.encode("cp1258"))
        except UnicodeEncodeError:
            d = unicodedata.normalize("NFD", ch)
            tone = "".join(c for c in d if c in _TONES)
            out.append((unicodedata.normalize("NFC", "".join(c for c in d if c not in _TONES)) + tone)
                       .encode("cp1258"))
    return b"".join(out)


@pytest.mark.parametrize("data", [
    TEXT.encode("utf-8"), TEXT.encode("utf-8-sig"), TEXT.encode("utf-16"), TEXT.encode("utf-16-be"),
    TEXT.encode("utf-16-le"), TEXT.encode("utf-32"), cp1258(TEXT),
], ids=["utf-8", "utf-8-bom", "utf-16-bom", "utf-16-be", "utf-16-le", "utf-32", "cp1258"])
def test_encodings_are_detected(tmp_path, data):
    f = tmp_path / "r.txt"
    f.write_bytes(data)
    doc = read_text(f, "t", "r.txt")
    assert "Tiếp nhận 120 hồ sơ" in doc.text and "\ufffd" not in doc.text
    assert doc.text_source == "text-layer"  # a value of the contract's vocabulary


def test_undecodable_text_keeps_replacements_and_says_so(tmp_path):
    f = tmp_path / "r.txt"
    f.write_bytes("Tiếp nhận 120 hồ sơ".encode("utf-8") + b" \xff\xfe\x81 " + "đúng hạn".encode("utf-8"))
    r = process_file(f, tmp_path)
    assert r["documents"][0]["status"] == "ok"
    warning = [e for e in r["errors"] if e["error_type"] == "warning"]
    assert warning and "not valid UTF-8" in warning[0]["message"]
    assert "Tiếp nhận 120 hồ sơ" in r["pages"][0]["text"]


def test_latin_text_in_cp1252_is_not_taken_for_vietnamese():
    from extract.readers.encoding import decode_text

    text, enc, warning = decode_text("Résumé of the café meeting".encode("cp1252"))
    assert enc == "utf-8" and warning and "\ufffd" in text


def _ole(names: list[str]) -> bytes:
    """A minimal OLE compound file: header, one FAT sector, one directory sector with `names` as streams."""
    header = bytearray(512)
    header[0:8] = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"
    struct.pack_into("<HHHHH", header, 24, 0x3E, 3, 0xFFFE, 9, 6)
    struct.pack_into("<IIII", header, 44, 1, 1, 0, 4096)  # FAT sectors, first directory sector, ..., cutoff
    struct.pack_into("<IIII", header, 60, 0xFFFFFFFE, 0, 0xFFFFFFFE, 0)
    header[76:512] = b"\xff" * 436
    struct.pack_into("<I", header, 76, 0)  # the FAT is sector 0
    fat = struct.pack("<II", 0xFFFFFFFD, 0xFFFFFFFE) + b"\xff" * 504
    entries = b""
    for i, (name, kind) in enumerate([("Root Entry", 5)] + [(n, 2) for n in names]):
        raw = (name + "\0").encode("utf-16-le")
        e = bytearray(128)
        e[0:len(raw)] = raw
        struct.pack_into("<HBB", e, 64, len(raw), kind, 1)
        right = i + 1 if 0 < i < len(names) else 0xFFFFFFFF  # streams chained as right siblings
        struct.pack_into("<III", e, 68, 0xFFFFFFFF, right, 1 if i == 0 else 0xFFFFFFFF)  # left, right, child
        struct.pack_into("<IQ", e, 116, 0xFFFFFFFE, 0)
        entries += bytes(e)
    return bytes(header) + fat + entries.ljust(512, b"\0")


def test_password_protected_docx_is_reported_as_encrypted(tmp_path):
    f = tmp_path / "report.docx"
    f.write_bytes(_ole(["EncryptionInfo", "EncryptedPackage"]))
    with pytest.raises(ReadError) as e:
        sniff_format(f)
    assert e.value.error_type == "encrypted"
    r = process_file(f, tmp_path)
    assert [x["error_type"] for x in r["errors"]] == ["encrypted"]


def test_word97_file_mentioning_the_name_is_not_encrypted(tmp_path):
    f = tmp_path / "old.doc"
    f.write_bytes(_ole(["WordDocument"]) + b"\0\0" + "EncryptedPackage".encode("utf-16-le"))
    assert sniff_format(f) == "doc"
