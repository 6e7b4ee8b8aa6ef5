"""Execute notebooks' code cells top to bottom, without a Jupyter kernel.

    python scripts/run_notebooks.py notebooks [--outputs outputs]

Each notebook runs in a fresh namespace with its folder as working directory;
OUTPUTS (the Parquet folder) is injected. Exit status 1 on the first failure.
"""
from __future__ import annotations

import argparse
import json
import os
import sys
import traceback
from pathlib import Path


def run_notebook(path: Path, outputs: Path) -> None:
    nb = json.loads(path.read_text("utf-8"))
    ns: dict = {"__name__": "__notebook__", "OUTPUTS": str(outputs.resolve())}
    cwd = os.getcwd()
    os.chdir(path.parent)
    try:
        for i, cell in enumerate(nb.get("cells", [])):
            if cell.get("cell_type") != "code":
                continue
            src = "".join(cell.get("source", []))
            try:
                exec(compile(src, f"{path.name}[cell {i}]", "exec"), ns)
            except Exception as e:
                raise RuntimeError(f"{path.name} cell {i} failed: {type(e).__name__}: {e}") from e
    finally:
        os.chdir(cwd)


def main(argv=None) -> int:
    ap = argparse.ArgumentParser(description=__doc__)
    ap.add_argument("folder", type=Path)
    ap.add_argument("--outputs", type=Path, default=Path("outputs"))
    a = ap.parse_args(argv)
    ok = True
    for nb in sorted(a.folder.glob("*.ipynb")):
        try:
            run_notebook(nb, a.outputs)
            print(f"ok   {nb}")
        except Exception:
            ok = False
            traceback.print_exc()
            print(f"FAIL {nb}")
    return 0 if ok else 1


if __name__ == "__main__":
    sys.exit(main())
