#!/usr/bin/env python3
"""Print a file's document model (blocks with kind, location, section, styles; tables) for debugging.

    .venv/bin/python scripts/show_blocks.py FILE [--limit N] [--tables]
"""
from __future__ import annotations

import argparse
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from extract.readers import open_document  # noqa: E402
from extract.sections import sectionize  # noqa: E402


def main(argv=None) -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("file", type=Path)
    ap.add_argument("--limit", type=int, default=60, help="blocks to print (0 = all)")
    ap.add_argument("--tables", action="store_true", help="print the tables too")
    a = ap.parse_args(argv)
    doc = open_document(a.file)
    sectionize(doc)
    blocks = doc.blocks if not a.limit else doc.blocks[: a.limit]
    for b in blocks:
        tag = f"{b.kind[:4]}/{b.location[:4]}"
        if b.table is not None:
            tag += f" t{b.table}r{b.row}c{b.col}"
        st = ",".join(sorted(b.styles))
        print(f"{b.id:4} p{b.page} {tag:18} [{st}] {b.text[:150]!r}")
    if a.tables:
        for t in doc.tables:
            print(f"== table {t.index} header_rows={t.header_rows} layout={t.layout} pages={t.pages}")
            for r in t.rows[:8]:
                print("   | " + " | ".join(c.text[:30] for c in r))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
