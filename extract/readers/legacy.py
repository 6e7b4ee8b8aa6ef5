"""Legacy Word 97 (.doc) files: converted to DOCX with LibreOffice, then read as DOCX.

LibreOffice comes from Debian packages (libreoffice-writer-nogui); each
conversion uses its own profile directory, so parallel workers do not fight
over one. Without LibreOffice the file is reported, not guessed at.
"""
from __future__ import annotations

import os
import shutil
import subprocess
import tempfile
from pathlib import Path

from ..model import Document
from . import ReadError

CONVERT_TIMEOUT_S = 90


def soffice() -> str | None:
    return shutil.which("soffice") or shutil.which("libreoffice")


def convert_to_docx(path: Path, workdir: Path) -> Path:
    exe = soffice()
    if exe is None:
        raise ReadError("needs-libreoffice", "a Word 97 (.doc) file: converting it needs LibreOffice (soffice), "
                                             "which is not installed")
    profile = workdir / "profile"
    cmd = [exe, f"-env:UserInstallation=file://{profile}", "--headless", "--convert-to", "docx",
           "--outdir", str(workdir), str(path)]
    try:
        subprocess.run(cmd, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, timeout=CONVERT_TIMEOUT_S,
                       check=False, env={**os.environ, "HOME": str(workdir)})
    except subprocess.TimeoutExpired as e:
        raise ReadError("timeout", f"LibreOffice did not convert the .doc file within {CONVERT_TIMEOUT_S} s") from e
    out = workdir / (path.stem + ".docx")
    if not out.exists():
        raise ReadError("corrupt-doc", "LibreOffice could not convert this .doc file (damaged or not a Word file)")
    return out


def read_legacy(path: Path, doc_id: str, source_path: str, fmt: str) -> Document:
    from .docx import read_docx

    with tempfile.TemporaryDirectory(prefix="cchc_doc_") as tmp:
        converted = convert_to_docx(path, Path(tmp))
        doc = read_docx(converted, doc_id, source_path)
    doc.source_format = fmt
    doc.text_source = "legacy-converted"
    return doc
