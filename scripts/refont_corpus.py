#!/usr/bin/env python3
"""Render the bundled corpus in other font families: tests/fonts/<Family>/<stem>.pdf.

Real reports are not all set in Times New Roman: Arial (metric-compatible with Liberation Sans)
and fonts with wide side bearings (DejaVu) change glyph boxes, word gaps and line widths, which is
where a PDF reader that rebuilds spaces and lines from geometry goes wrong. This script rewrites
every font name in each corpus/*.docx (document, styles, footnotes, theme) to one family and
converts it with LibreOffice headless (Debian: libreoffice-writer-nogui, fonts-dejavu, fonts-liberation2).
The output is committed; tests/test_accuracy.py scores it against ../shared/gold.

    .venv/bin/python scripts/refont_corpus.py "DejaVu Serif" "Liberation Sans"
"""
from __future__ import annotations

import re
import shutil
import subprocess
import sys
import tempfile
import zipfile
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]


def refont(src: Path, dst: Path, family: str) -> None:
    with zipfile.ZipFile(src) as zi, zipfile.ZipFile(dst, "w", zipfile.ZIP_DEFLATED) as zo:
        for item in zi.infolist():
            data = zi.read(item.filename)
            if item.filename.endswith(".xml"):
                s = data.decode("utf-8")
                s = re.sub(r'(w:(?:ascii|hAnsi|cs|eastAsia)=")[^"]*(")', lambda m: m.group(1) + family + m.group(2), s)
                s = re.sub(r'(<a:latin typeface=")[^"]*(")', lambda m: m.group(1) + family + m.group(2), s)
                data = s.encode("utf-8")
            zo.writestr(item, data)


def main(families: list[str]) -> int:
    soffice = shutil.which("soffice") or shutil.which("libreoffice")
    if not soffice:
        print("needs LibreOffice (soffice)", file=sys.stderr)
        return 2
    for family in families:
        out = ROOT / "tests" / "fonts" / family.replace(" ", "")
        out.mkdir(parents=True, exist_ok=True)
        with tempfile.TemporaryDirectory() as tmp:
            tmp = Path(tmp)
            docs = []
            for src in sorted((ROOT / "corpus").glob("*.docx")):
                refont(src, tmp / src.name, family)
                docs.append(str(tmp / src.name))
            subprocess.run([soffice, "--headless", f"-env:UserInstallation=file://{tmp}/profile",
                            "--convert-to", "pdf", "--outdir", str(out), *docs],
                           check=True, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, timeout=600)
        print(f"{family}: {len(list(out.glob('*.pdf')))} PDF(s) in {out.relative_to(ROOT)}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main(sys.argv[1:] or ["DejaVu Serif", "Liberation Sans"]))
