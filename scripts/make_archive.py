"""Generate an archive of N distinct report files from the bundled corpus (tests, measurements).

    python scripts/make_archive.py 2000 /tmp/archive2000 [--corpus corpus]

Each file is a copy of one of the corpus files (cycling through corpus/*.docx and *.pdf, or
the kinds chosen with --kinds) made
distinct by one number: the DOCX's revision number in docProps/core.xml, or a comment line after
the PDF's %%EOF. The text read from a copy is the same as its original's, its bytes (and so its
doc_id) are not: a run over the archive does the work of N files, and every copy's rows are
known in advance (those of its original). Output is deterministic (same N, same bytes).
"""
from __future__ import annotations

import argparse
import re
import sys
import zipfile
from pathlib import Path

CORPUS = Path(__file__).resolve().parents[1] / "corpus"
_REVISION = re.compile(rb"<cp:revision>\d*</cp:revision>")


def sources(corpus: Path = CORPUS, kinds: tuple[str, ...] = ("docx", "pdf")) -> list[Path]:
    return sorted(p for p in Path(corpus).iterdir() if p.suffix.lstrip(".") in kinds)


def variant_bytes(src: Path, n: int) -> bytes:
    """The bytes of `src` made distinct by the number `n` (text unchanged)."""
    data = src.read_bytes()
    if src.suffix == ".pdf":
        return data + b"%cchc-variant " + str(n).encode() + b"\n"
    import io
    out = io.BytesIO()
    with zipfile.ZipFile(io.BytesIO(data)) as zin, zipfile.ZipFile(out, "w") as zout:
        for info in zin.infolist():
            body = zin.read(info.filename)
            if info.filename == "docProps/core.xml":
                body, count = _REVISION.subn(b"<cp:revision>%d</cp:revision>" % (n + 2), body)
                if not count:
                    raise ValueError(f"{src}: no cp:revision in docProps/core.xml")
            zout.writestr(info, body, compress_type=info.compress_type)
    return out.getvalue()


def make_archive(out_dir: Path, n: int, corpus: Path = CORPUS, kinds: tuple[str, ...] = ("docx", "pdf")) -> list[Path]:
    """Write n files into `out_dir` (existing identical files are left alone)."""
    out_dir = Path(out_dir)
    out_dir.mkdir(parents=True, exist_ok=True)
    srcs = sources(corpus, kinds)
    made = []
    for i in range(n):
        src = srcs[i % len(srcs)]
        dest = out_dir / f"{i:05d}_{src.stem}{src.suffix}"
        data = variant_bytes(src, i)
        if not (dest.exists() and dest.stat().st_size == len(data) and dest.read_bytes() == data):
            dest.write_bytes(data)
        made.append(dest)
    return made


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("n", type=int)
    ap.add_argument("out", type=Path)
    ap.add_argument("--corpus", type=Path, default=CORPUS)
    ap.add_argument("--kinds", default="docx,pdf", help="file kinds to copy (default docx,pdf)")
    a = ap.parse_args(argv)
    made = make_archive(a.out, a.n, a.corpus, kinds=tuple(k for k in a.kinds.split(",") if k))
    print(f"{len(made)} files in {a.out}", file=sys.stderr)
    return 0


if __name__ == "__main__":
    sys.exit(main())
