"""Archives of distinct documents for `make bench`, generated from the bundled reports.

    python scripts/bench_archive.py OUT_DIR --size 2000

Document i of an archive is a function of i alone (its own seeded random
generator), so the archive of 200 is the first 200 documents of the archive of
2,000. Each document varies one of the bundled renderings (corpus/, the
held-out sets' PDF and DOCX, the corpus set in other fonts):

* text PDF (72%): the source's pages, sometimes without its last page, with a
  registry stamp ("Số đến: 00123 ...") drawn in the top margin of page 1;
* DOCX (24%): the source with a closing registry paragraph;
* scan (4%): page 1 (a quarter of them pages 1-2) of a text PDF rendered as a
  grayscale image at 200 dpi with the stamp printed on it: a PDF with no text
  layer, as a scanner makes it. Its text-layer source is its twin.

The stamp's serial makes every document distinct (no two share a content
hash); `change()` re-stamps a document, as when a file is replaced by a new
version. Nothing here reads the network.
"""
from __future__ import annotations

import argparse
import ctypes
import io
import json
import random
import zipfile
from dataclasses import asdict, dataclass
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
GENERATOR_VERSION = 1
FOLDERS = 20  # the archive is spread over folders, as by agency or year
SCAN_DPI = 200


def sources(root: Path = ROOT) -> dict[str, list[Path]]:
    pdfs = sorted((root / "corpus").glob("*.pdf")) + sorted(root.glob("tests/unseen*/rendered/*.pdf")) \
        + sorted(root.glob("tests/fonts/*/*.pdf"))
    docx = sorted((root / "corpus").glob("*.docx")) + sorted(root.glob("tests/unseen*/rendered/*.docx"))
    return {"pdf": pdfs, "docx": docx}


@dataclass
class Entry:
    index: int
    kind: str  # pdf | docx | scan
    path: str  # relative to the archive folder
    source: str  # relative to the repository
    pages: int  # pages of a PDF (0 for DOCX)
    version: int = 0  # bumped by change()


def _kind(rng: random.Random) -> str:
    x = rng.random()
    return "scan" if x < 0.04 else "docx" if x < 0.28 else "pdf"


def plan(index: int, srcs: dict[str, list[Path]]) -> tuple[str, Path, random.Random]:
    rng = random.Random(1_000_003 * GENERATOR_VERSION + index)
    kind = _kind(rng)
    pool = srcs["docx"] if kind == "docx" else srcs["pdf"]
    return kind, pool[rng.randrange(len(pool))], rng


def stamp_text(index: int, version: int) -> str:
    return f"Số đến: {index:05d}{'' if not version else f'-{version}'}  Ngày đến: {1 + index % 28:02d}/{1 + index % 12:02d}"


def _ascii_stamp(index: int, version: int) -> str:
    # the PDF standard fonts hold no Vietnamese letters: the stamp on a text PDF is in ASCII
    return f"So den: {index:05d}{'' if not version else f'-{version}'}  Ngay den: {1 + index % 28:02d}/{1 + index % 12:02d}"


def _text_pdf(src: Path, dest: Path, rng: random.Random, index: int, version: int) -> int:
    import pypdfium2 as pdfium
    import pypdfium2.raw as raw

    pdf_src = pdfium.PdfDocument(str(src))
    n = len(pdf_src)
    keep = n - 1 if n > 2 and rng.random() < 0.3 else n
    out = pdfium.PdfDocument.new()
    out.import_pages(pdf_src, list(range(keep)))
    page = out[0]
    width, height = page.get_size()
    obj = raw.FPDFPageObj_NewTextObj(out.raw, b"Helvetica", ctypes.c_float(8.0))
    text = _ascii_stamp(index, version)
    utf16 = (text + "\0").encode("utf-16-le")  # pdfium's FPDF_WIDESTRING
    arr = (ctypes.c_ubyte * len(utf16)).from_buffer_copy(utf16)
    raw.FPDFText_SetText(obj, ctypes.cast(arr, ctypes.POINTER(raw.FPDF_WCHAR)))
    x = 40 + rng.random() * (width - 260)
    raw.FPDFPageObj_Transform(obj, 1, 0, 0, 1, x, height - 18 - rng.random() * 6)
    raw.FPDFPage_InsertObject(page.raw, obj)
    raw.FPDFPage_GenerateContent(page.raw)
    page.close()
    dest.parent.mkdir(parents=True, exist_ok=True)
    out.save(str(dest))
    out.close()
    pdf_src.close()
    return keep


def _scan_pdf(src: Path, dest: Path, rng: random.Random, index: int, version: int) -> int:
    import pypdfium2 as pdfium
    from PIL import ImageDraw

    pdf = pdfium.PdfDocument(str(src))
    n = 2 if len(pdf) > 1 and rng.random() < 0.25 else 1
    images = []
    for i in range(n):
        img = pdf[i].render(scale=SCAN_DPI / 72, grayscale=True).to_pil().convert("L")
        if i == 0:
            ImageDraw.Draw(img).text((int(img.width * (0.1 + 0.5 * rng.random())), 12),
                                     _ascii_stamp(index, version), fill=60)
        images.append(img)
    pdf.close()
    dest.parent.mkdir(parents=True, exist_ok=True)
    images[0].save(dest, "PDF", resolution=SCAN_DPI, save_all=True, append_images=images[1:])
    return n


def _docx(src: Path, dest: Path, index: int, version: int) -> None:
    from xml.sax.saxutils import escape

    para = f'<w:p><w:r><w:t xml:space="preserve">{escape(stamp_text(index, version))}</w:t></w:r></w:p>'
    buf = io.BytesIO()
    with zipfile.ZipFile(src) as zin, zipfile.ZipFile(buf, "w", zipfile.ZIP_DEFLATED) as zout:
        for item in zin.infolist():
            data = zin.read(item.filename)
            if item.filename == "word/document.xml":
                xml = data.decode("utf-8")
                k = xml.rfind("<w:sectPr")
                k = k if k >= 0 else xml.rfind("</w:body>")
                data = (xml[:k] + para + xml[k:]).encode("utf-8")
            zout.writestr(item, data)
    dest.parent.mkdir(parents=True, exist_ok=True)
    dest.write_bytes(buf.getvalue())


def make_document(out: Path, index: int, srcs: dict[str, list[Path]], version: int = 0) -> Entry:
    kind, src, rng = plan(index, srcs)
    folder = f"unit{index % FOLDERS:02d}"
    ext = "docx" if kind == "docx" else "pdf"
    rel = f"{folder}/{index:05d}_{kind}_{src.stem[:24]}.{ext}"
    dest = out / rel
    if kind == "pdf":
        pages = _text_pdf(src, dest, rng, index, version)
    elif kind == "scan":
        pages = _scan_pdf(src, dest, rng, index, version)
    else:
        _docx(src, dest, index, version)
        pages = 0
    return Entry(index, kind, rel, str(src.relative_to(ROOT)), pages, version)


def build(out: Path, size: int) -> list[Entry]:
    """The archive of `size` documents in `out` (reused when a finished one is there)."""
    manifest = out / "manifest.json"
    if manifest.exists():
        data = json.loads(manifest.read_text("utf-8"))
        if data.get("generator") == GENERATOR_VERSION and data.get("size") == size:
            return [Entry(**e) for e in data["entries"]]
    import shutil

    shutil.rmtree(out, ignore_errors=True)
    srcs = sources()
    entries = [make_document(out, i, srcs) for i in range(size)]
    write_manifest(out, size, entries)
    return entries


def write_manifest(out: Path, size: int, entries: list[Entry]) -> None:
    (out / "manifest.json").write_text(json.dumps(
        {"generator": GENERATOR_VERSION, "size": size, "entries": [asdict(e) for e in entries]}, indent=0), "utf-8")


def change(out: Path, entries: list[Entry], share: float = 0.01) -> list[Entry]:
    """Re-stamp every 1/share-th document (a new version of the file); returns the changed entries."""
    srcs = sources()
    step = max(1, round(1 / share))
    changed = []
    for e in entries[step // 2::step]:
        new = make_document(out, e.index, srcs, version=e.version + 1)
        entries[e.index] = new
        changed.append(new)
    write_manifest(out, len(entries), entries)
    return changed


def main(argv=None) -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("out", type=Path)
    ap.add_argument("--size", type=int, default=200)
    a = ap.parse_args(argv)
    entries = build(a.out, a.size)
    kinds: dict[str, int] = {}
    for e in entries:
        kinds[e.kind] = kinds.get(e.kind, 0) + 1
    print(json.dumps({"documents": len(entries), "kinds": kinds, "pdf_pages": sum(e.pages for e in entries)}))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
