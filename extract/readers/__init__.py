"""Readers: a file in, a `Document` out (or a `ReadError` a person understands).

`open_document(path)` sniffs the bytes (not just the extension) and picks the
reader. Readers only produce the document model; they extract no facts.
"""
from __future__ import annotations

import hashlib
import stat
import zipfile
from pathlib import Path

from ..model import Document


class ReadError(Exception):
    """A file that cannot be read. `error_type` is a short stable code."""

    def __init__(self, error_type: str, message: str) -> None:
        super().__init__(message)
        self.error_type = error_type
        self.message = message


def doc_id_of(path: Path) -> str:
    h = hashlib.sha256()
    with open(path, "rb") as f:
        for chunk in iter(lambda: f.read(1 << 20), b""):
            h.update(chunk)
    return h.hexdigest()[:16]


def check_regular_file(path: Path) -> int:
    """Refuse FIFOs, devices, directories before anything opens them (open() on a FIFO blocks)."""
    try:
        st = path.stat()
    except OSError as e:
        raise ReadError("unreadable", f"cannot stat the file: {e.strerror or e}") from e
    if not stat.S_ISREG(st.st_mode):
        kind = "a FIFO/pipe" if stat.S_ISFIFO(st.st_mode) else "a directory" if stat.S_ISDIR(st.st_mode) \
            else "a device or socket"
        raise ReadError("not-a-file", f"not a regular file ({kind}); skipped")
    if st.st_size == 0:
        raise ReadError("empty-file", "the file is empty (0 bytes)")
    return st.st_size


def _unreadable(e: OSError) -> ReadError:
    if isinstance(e, PermissionError):
        return ReadError("unreadable", "permission denied: the file cannot be opened for reading "
                                       "(check its permissions)")
    return ReadError("unreadable", f"the file cannot be read: {e.strerror or type(e).__name__}")


def sniff_format(path: Path) -> str:
    with open(path, "rb") as f:
        head = f.read(2048)
    if b"%PDF-" in head[:1024]:
        return "pdf"
    if head.startswith(b"PK\x03\x04"):
        try:
            with zipfile.ZipFile(path) as z:
                names = set(z.namelist())
        except zipfile.BadZipFile as e:
            raise ReadError("corrupt-docx", f"damaged ZIP container: {e}") from e
        if "word/document.xml" in names:
            return "docx"
        raise ReadError("unsupported-format", "a ZIP file but not a Word document (no word/document.xml)")
    if head.startswith(OLE_MAGIC):
        if ole_has_stream(path, "EncryptedPackage"):
            raise ReadError("encrypted", "a password-protected (encrypted) Office document; "
                                         "it cannot be read without the password")
        return "doc"
    if head.lstrip().startswith(b"{\\rtf"):
        return "rtf"
    suffix = path.suffix.lower().lstrip(".")
    if suffix in ("txt", "md"):
        return "txt"
    if suffix == "pdf":
        raise ReadError("not-a-pdf", "named .pdf but the file does not start with a PDF header (%PDF-); "
                                     "not a PDF or badly damaged")
    if suffix == "docx":
        raise ReadError("corrupt-docx", "named .docx but not a ZIP/Office Open XML file")
    raise ReadError("unsupported-format", f"unsupported file type {path.suffix or '(no extension)'}")


OLE_MAGIC = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"


def ole_has_stream(path: Path, name: str, limit: int = 64 << 20) -> bool:
    """Does the OLE compound file hold a directory entry `name` that is a stream?

    Directory entries are 128-byte records (name in UTF-16LE, its byte length
    with the NUL at offset 64, type at 66: 2 = stream) at 128-byte aligned
    offsets; an encrypted DOCX/XLSX is an OLE file with an `EncryptedPackage`
    stream. Text that merely contains the name is not at such a record.
    """
    key = (name + "\0").encode("utf-16-le")
    with open(path, "rb") as f:
        data = f.read(limit)
    i = data.find(key)
    while i >= 0:
        rec = data[i:i + 128]
        if i % 128 == 0 and len(rec) >= 67 and int.from_bytes(rec[64:66], "little") == len(key) and rec[66] == 2:
            return True
        i = data.find(key, i + 1)
    return False


def open_document(path: Path, root: Path | None = None, *, doc_id: str | None = None,
                  settings=None) -> Document:
    path = Path(path)
    check_regular_file(path)
    source_path = str(path.relative_to(root)) if root and path.is_relative_to(root) else path.name
    try:
        doc_id = doc_id or doc_id_of(path)
        fmt = sniff_format(path)
    except OSError as e:
        raise _unreadable(e) from e
    if fmt == "pdf":
        from .pdf import read_pdf
        return read_pdf(path, doc_id, source_path, settings=settings)
    if fmt == "docx":
        from .docx import read_docx
        return read_docx(path, doc_id, source_path)
    if fmt == "txt":
        from .text import read_text
        return read_text(path, doc_id, source_path)
    if fmt == "doc":
        from .legacy import read_legacy
        return read_legacy(path, doc_id, source_path, fmt)
    raise ReadError("unsupported-format", f"{fmt.upper()} files are not supported yet")
