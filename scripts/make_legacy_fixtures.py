#!/usr/bin/env python3
"""Test fixtures for legacy Vietnamese fonts: tests/fixtures/legacy_fonts/.

From src/excerpt.txt (a short CCHC report in the seed text format, Unicode)
this writes, with the inverse tables of `extract.legacy_fonts`:

  tcvn3.docx        laid out by scripts/build_corpus.py, every run re-encoded to
                    TCVN3 (ABC). Runs inherit ".VnTime" from the Normal style and
                    the document defaults; text in capitals, and capital toned
                    letters TCVN3 lacks ("Ủy"), are runs in ".VnTimeH" with the
                    small codes, as converters write them ("CéNG HßA").
  vni.docx          the same in VNI: every run carries "VNI-Times" itself.
  tcvn3.doc         tcvn3.docx saved by LibreOffice as Word 97 (read via LibreOffice).
  tcvn3.pdf, vni.pdf   the DOCX converted by LibreOffice. The fonts are not
                    installed, so it embeds its substitute (Liberation Serif, by
                    a fontconfig alias) under the substitute's name: only the
                    statistical fallback can decode these. LibreOffice also
                    drops TCVN3's "ư" (byte 0xAD: to it, a soft hyphen).
  tcvn3_named.pdf, vni_named.pdf   minimal PDFs (one column) whose fonts are
                    named "ABCDEF+.VnTime", ".VnTimeH", ".VnTimeH,Bold" /
                    "VNI-Times", "VNI-Times-Bold" and not embedded, as many
                    Word-made PDFs are; widths are Times-Roman's (0xAD as wide
                    as "u"), read from pdfium's built-in metrics.
  tcvn3.txt         the text in TCVN3 bytes (Windows-1252), footnote marker dropped.

Run from the repository root (needs soffice for the .doc and LibreOffice PDFs):

    .venv/bin/python scripts/make_legacy_fixtures.py
"""
from __future__ import annotations

import copy
import ctypes
import importlib.util
import os
import re
import shutil
import subprocess
import sys
import tempfile
import zipfile
from pathlib import Path

from lxml import etree

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
from extract import legacy_fonts as lf  # noqa: E402

OUT = ROOT / "tests" / "fixtures" / "legacy_fonts"
SRC = OUT / "src" / "excerpt.txt"
W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"
XML_PARTS = re.compile(r"word/(document|footnotes|styles|header\d*|footer\d*)\.xml$")
FONTS_CONF = """<?xml version="1.0"?><!DOCTYPE fontconfig SYSTEM "fonts.dtd"><fontconfig>
<include ignore_missing="yes">/etc/fonts/fonts.conf</include>
{}</fontconfig>"""


def build_corpus():
    spec = importlib.util.spec_from_file_location("build_corpus", ROOT / "scripts" / "build_corpus.py")
    mod = importlib.util.module_from_spec(spec)
    sys.modules["build_corpus"] = mod  # its dataclasses look their module up
    spec.loader.exec_module(mod)
    return mod


# --- DOCX re-encoding ----------------------------------------------------------
def tcvn3_pieces(text: str) -> list[tuple[str, bool]]:
    """(TCVN3 text, needs the H font) pieces: a run in capitals goes whole into the H font,
    elsewhere only the capital toned letters TCVN3 has no code for."""
    try:
        return [(lf.encode_tcvn3(text), False)]
    except ValueError:
        pass
    if text == text.upper():
        return [(lf.encode_tcvn3(text, caps=True), True)]
    pieces: list[tuple[str, bool]] = []
    for ch in text:
        try:
            enc, caps = lf.encode_tcvn3(ch), False
        except ValueError:
            enc, caps = lf.encode_tcvn3(ch, caps=True), True
        if pieces and pieces[-1][1] == caps:
            pieces[-1] = (pieces[-1][0] + enc, caps)
        else:
            pieces.append((enc, caps))
    return pieces


def set_fonts(rpr, name: str | None) -> None:
    """Run font: `name` on all four slots, or none at all (inherit from the styles)."""
    for rf in rpr.findall(W + "rFonts"):
        rpr.remove(rf)
    if name:
        rf = etree.SubElement(rpr, W + "rFonts")
        for slot in ("ascii", "hAnsi", "eastAsia", "cs"):
            rf.set(W + slot, name)
        rpr.remove(rf)
        rpr.insert(0, rf)


def recode_run(r, encoding: str) -> None:
    rpr = r.find(W + "rPr")
    if rpr is None:
        rpr = etree.Element(W + "rPr")
        r.insert(0, rpr)
    ts = r.findall(W + "t")
    if encoding == "vni":
        for t in ts:
            t.text = lf.encode_vni(t.text or "")
        set_fonts(rpr, "VNI-Times")
        return
    texts = [t.text or "" for t in ts]
    pieces = tcvn3_pieces("".join(texts))
    if len(ts) != 1 or len(pieces) == 1:
        caps = any(c for _, c in pieces)
        for t, text in zip(ts, texts):
            t.text = lf.encode_tcvn3(text, caps=caps)
        set_fonts(rpr, ".VnTimeH" if caps else None)
        return
    parent, at = r.getparent(), r.getparent().index(r)  # split: one run per piece
    for k, (enc, caps) in enumerate(pieces):
        new = copy.deepcopy(r)
        new.find(W + "t").text = enc
        new.find(W + "t").set("{http://www.w3.org/XML/1998/namespace}space", "preserve")
        set_fonts(new.find(W + "rPr"), ".VnTimeH" if caps else None)
        parent.insert(at + k, new)
    parent.remove(r)


def recode_part(xml: bytes, encoding: str, styles: bool) -> bytes:
    root = etree.fromstring(xml)
    font = "VNI-Times" if encoding == "vni" else ".VnTime"
    if styles:
        dd = root.find(f"{W}docDefaults/{W}rPrDefault/{W}rPr")
        if dd is not None:
            set_fonts(dd, font)
        for rf in root.iter(W + "rFonts"):
            for attr in list(rf.attrib):
                del rf.attrib[attr]
            for slot in ("ascii", "hAnsi", "eastAsia", "cs"):
                rf.set(W + slot, font)
    else:
        for r in list(root.iter(W + "r")):
            if r.find(W + "t") is not None:
                recode_run(r, encoding)
        for rf in root.iter(W + "rFonts"):  # paragraph marks
            if rf.get(W + "ascii") == "Times New Roman":
                for slot in ("ascii", "hAnsi", "eastAsia", "cs"):
                    rf.set(W + slot, font)
    return etree.tostring(root, xml_declaration=True, encoding="UTF-8", standalone=True)


def recode_docx(src: Path, dst: Path, encoding: str) -> None:
    with zipfile.ZipFile(src) as zin, zipfile.ZipFile(dst, "w", zipfile.ZIP_DEFLATED) as zout:
        for item in zin.infolist():
            data = zin.read(item.filename)
            if XML_PARTS.search(item.filename):
                data = recode_part(data, encoding, styles=item.filename.endswith("styles.xml"))
            zout.writestr(item, data)


# --- LibreOffice ---------------------------------------------------------------
def soffice(src: Path, fmt: str, outdir: Path) -> Path:
    with tempfile.TemporaryDirectory(prefix="lo_legacy_") as tmp:
        aliases = "".join(f'<alias binding="same"><family>{n}</family><prefer><family>Liberation Serif</family>'
                          f'</prefer></alias>\n' for n in (".VnTime", ".VnTimeH", "VNI-Times"))
        conf = Path(tmp) / "fonts.conf"
        conf.write_text(FONTS_CONF.format(aliases), encoding="utf-8")
        cmd = ["soffice", f"-env:UserInstallation=file://{tmp}/profile", "--headless", "--norestore",
               "--convert-to", fmt, "--outdir", str(outdir), str(src)]
        subprocess.run(cmd, capture_output=True, timeout=300, check=True,
                       env={**os.environ, "FONTCONFIG_FILE": str(conf), "HOME": tmp})
    out = outdir / f"{src.stem}.{fmt.split(':')[0]}"
    if not out.exists():
        raise RuntimeError(f"soffice did not write {out.name}")
    return out


# --- minimal PDF with named, non-embedded fonts --------------------------------------
def times_widths() -> list[int]:
    """Widths of codes 32..255 in Times-Roman (pdfium's built-in standard-14 metrics)."""
    import pypdfium2 as pdfium
    import pypdfium2.raw as raw
    line = {"x": 72, "y": 700, "tw": 0, "pieces": [("F1", 12, 0, b"x")]}
    pdf = pdfium.PdfDocument(pdf_bytes([[line]], {"F1": b"Times-Roman"}, None))
    page = pdf[0]
    font = raw.FPDFTextObj_GetFont(next(page.get_objects(filter=[raw.FPDF_PAGEOBJ_TEXT])).raw)
    w = ctypes.c_float()
    widths = []
    for code in range(32, 256):
        raw.FPDFFont_GetGlyphWidth(font, code, 1000, w)
        widths.append(round(w.value))
    page.close()
    pdf.close()
    widths[0xAD - 32] = widths[ord("u") - 32]  # a TCVN3 font has "ư" there, not a soft hyphen
    return widths


def pdf_bytes(pages: list[list[dict]], fonts: dict[str, bytes], widths: list[int] | None) -> bytes:
    """A PDF of `pages` (lists of lines: x, y, tw word spacing, pieces of (font key, size, rise,
    code bytes)). Fonts are TrueType, WinAnsi, not embedded; `widths` None: standard Type1."""
    n = len(fonts)
    objs: list[bytes] = [b"<< /Type /Catalog /Pages 2 0 R >>", b""]
    for i, name in enumerate(fonts.values()):
        if widths is None:
            objs.append(b"<< /Type /Font /Subtype /Type1 /BaseFont /%s /Encoding /WinAnsiEncoding >>" % name)
            continue
        objs.append(b"<< /Type /Font /Subtype /TrueType /BaseFont /%s /FirstChar 32 /LastChar 255 /Widths [%s] "
                    b"/Encoding /WinAnsiEncoding /FontDescriptor %d 0 R >>"
                    % (name, b" ".join(b"%d" % w for w in widths), 3 + n + i))
    if widths is not None:
        for name in fonts.values():
            bold = b"Bold" in name
            objs.append(b"<< /Type /FontDescriptor /FontName /%s /Flags %d /FontBBox [-168 -218 1000 898] "
                        b"/ItalicAngle 0 /Ascent 891 /Descent -216 /CapHeight 662 /StemV %d >>"
                        % (name, 34 | (1 << 18 if bold else 0), 140 if bold else 84))
    resources = b" ".join(b"/%s %d 0 R" % (k.encode(), 3 + i) for i, k in enumerate(fonts))
    kids = []
    for lines in pages:
        content = b""
        for ln in lines:
            content += b"BT 1 0 0 1 %.2f %.2f Tm %.3f Tw " % (ln["x"], ln["y"], ln["tw"])
            for key, size, rise, data in ln["pieces"]:
                esc = data.replace(b"\\", b"\\\\").replace(b"(", b"\\(").replace(b")", b"\\)")
                content += b"/%s %.1f Tf %.1f Ts (%s) Tj " % (key.encode(), size, rise, esc)
            content += b"ET\n"
        objs.append(b"<< /Length %d >>\nstream\n%sendstream" % (len(content), content))
        objs.append(b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Resources << /Font << %s >> >> "
                    b"/Contents %d 0 R >>" % (resources, len(objs)))
        kids.append(len(objs))
    objs[1] = b"<< /Type /Pages /Kids [%s] /Count %d >>" % (b" ".join(b"%d 0 R" % k for k in kids), len(kids))
    out = b"%PDF-1.4\n%\xe2\xe3\xcf\xd3\n"
    offsets = []
    for i, o in enumerate(objs, 1):
        offsets.append(len(out))
        out += b"%d 0 obj\n%s\nendobj\n" % (i, o)
    xref = len(out)
    out += b"xref\n0 %d\n0000000000 65535 f \n" % (len(objs) + 1)
    out += b"".join(b"%010d 00000 n \n" % o for o in offsets)
    out += b"trailer\n<< /Size %d /Root 1 0 R >>\nstartxref\n%d\n%%%%EOF\n" % (len(objs) + 1, xref)
    return out


class Layout:
    """One column, A4: paragraphs wrapped and justified, short lines as they are, a footnote
    at the bottom of the first page. Text is encoded piece by piece for its font."""

    LEFT, RIGHT, TOP, BOTTOM, SIZE = 72.0, 523.0, 780.0, 110.0, 13.0

    def __init__(self, encoding: str, widths: list[int]) -> None:
        self.encoding, self.widths = encoding, widths
        self.pages: list[list[dict]] = [[]]
        self.y = self.TOP

    def pieces(self, text: str, bold: bool) -> list[tuple[str, bytes]]:
        if self.encoding == "vni":
            return [("F4" if bold else "F3", lf.encode_vni(text).encode("latin-1"))]
        if bold or text == text.upper():
            return [("F5" if bold else "F2", lf.encode_tcvn3(text, caps=True).encode("latin-1"))]
        return [("F2" if caps else "F1", enc.encode("latin-1")) for enc, caps in tcvn3_pieces(text)]

    def width(self, data: bytes, size: float) -> float:
        return sum(self.widths[b - 32] if b >= 32 else 0 for b in data) * size / 1000

    def line(self, text: str, bold=False, justify_to: float | None = None, size=None, marker_after=None) -> None:
        size = size or self.SIZE
        if self.y < self.BOTTOM:
            self.pages.append([])
            self.y = self.TOP
        pieces = [(k, size, 0.0, d) for k, d in self.pieces(text, bold)]
        if marker_after is not None:  # a footnote marker: small, raised, after this line's text
            pieces.append((pieces[-1][0], size * 0.6, size * 0.35, marker_after))
        tw = 0.0
        if justify_to and text.count(" "):
            tw = max(0.0, (justify_to - self.width(b"".join(p[3] for p in pieces), size)) / text.count(" "))
        self.pages[-1].append({"x": self.LEFT, "y": self.y, "tw": tw, "pieces": pieces})
        self.y -= 1.3 * size

    def paragraph(self, text: str) -> None:
        marker = None
        if "¹" in text:
            text, marker = text.replace("¹", ""), b"1"  # one footnote in the excerpt
        words, cur = text.split(" "), []
        span = self.RIGHT - self.LEFT
        for w in words:
            trial = " ".join(cur + [w])
            if cur and self.width(b"".join(p for _, p in self.pieces(trial, False)), self.SIZE) > span:
                self.line(" ".join(cur), justify_to=span)
                cur = [w]
            else:
                cur.append(w)
        if cur:
            self.line(" ".join(cur), marker_after=marker if marker else None)
        self.gap()

    def gap(self) -> None:
        self.y -= 0.9 * self.SIZE

    def footnote(self, text: str) -> None:
        size = 10.0
        pieces = [(k, size, 0.0, d) for k, d in self.pieces(text, False)]
        self.pages[0].append({"x": self.LEFT, "y": 70.0, "tw": 0.0,
                              "pieces": [(pieces[0][0], 6.0, 3.5, b"1")] + pieces})


def named_pdf(encoding: str, text: str, widths: list[int]) -> bytes:
    layout = Layout(encoding, widths)
    for block in re.split(r"\n\s*\n", text.strip()):
        lines = [ln for ln in block.split("\n") if ln.strip()]
        bold = block.startswith("**")
        lines = [ln.replace("**", "") for ln in lines]
        if block.startswith("¹"):
            layout.footnote(block[1:].strip())
        elif "\t" in block:
            for ln in lines:
                layout.line("   ".join(ln.split("\t")))
            layout.gap()
        elif len(lines) > 1 or len(lines[0]) < 60 or lines[0] == lines[0].upper():
            for ln in lines:
                caps = ln == ln.upper() and any(c.isalpha() for c in ln)
                layout.line(ln, bold=bold or caps)
            layout.gap()
        else:
            layout.paragraph(lines[0])
    fonts = {"F1": b"ABCDEF+.VnTime", "F2": b".VnTimeH", "F5": b".VnTimeH,Bold"} if encoding == "tcvn3" \
        else {"F3": b"VNI-Times", "F4": b"VNI-Times-Bold"}
    return pdf_bytes(layout.pages, fonts, widths)


def main() -> int:
    if shutil.which("soffice") is None:
        print("soffice not found: install libreoffice-writer-nogui", file=sys.stderr)
        return 2
    bc = build_corpus()
    text = SRC.read_text(encoding="utf-8")
    with tempfile.TemporaryDirectory(prefix="legacy_fixtures_") as tmp:
        tmp = Path(tmp)
        seed = bc.parse_seed(SRC)
        unicode_docx = tmp / "unicode.docx"
        bc.build_docx(seed, bc.issuer_lines({}, seed), unicode_docx)
        for encoding in ("tcvn3", "vni"):
            docx = OUT / f"{encoding}.docx"
            recode_docx(unicode_docx, docx, encoding)
            soffice(docx, "pdf", OUT)
        soffice(OUT / "tcvn3.docx", "doc:MS Word 97", OUT)
    widths = times_widths()
    for encoding in ("tcvn3", "vni"):
        (OUT / f"{encoding}_named.pdf").write_bytes(named_pdf(encoding, text, widths))
    plain = text.replace("¹", "")
    (OUT / "tcvn3.txt").write_bytes("\n".join("".join(enc for enc, _ in tcvn3_pieces(ln)) for ln in
                                              plain.split("\n")).encode("cp1252"))
    for p in sorted(OUT.glob("*.*")):
        print(f"{p.name}: {p.stat().st_size} bytes")
    return 0


if __name__ == "__main__":
    sys.exit(main())
