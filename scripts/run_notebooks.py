"""Run the notebooks with a real Jupyter kernel (nbclient) and keep an executed copy as a build artifact.

    python scripts/run_notebooks.py notebooks --outputs outputs --out build/notebooks

Each notebook runs top to bottom in a fresh `python3` kernel (this interpreter's ipykernel), with
its folder as working directory and CCHC_OUTPUTS pointing at the Parquet folder. The executed
notebook (.ipynb), an HTML copy (nbconvert) and every plot it drew (<name>.<cell>.<n>.png) go to
--out, which is kept out of git. Exit status 1 when a cell fails (its traceback is printed).
"""
from __future__ import annotations

import argparse
import base64
import os
import sys
from pathlib import Path

CELL_TIMEOUT_S = 600


def run_notebook(path: Path, outputs: Path, out_dir: Path | None = None) -> dict:
    """Execute `path`; returns {"notebook", "html", "plots": [png paths]} (files written when out_dir)."""
    import nbformat
    from nbclient import NotebookClient
    nb = nbformat.read(path, as_version=4)
    old = os.environ.get("CCHC_OUTPUTS")
    os.environ["CCHC_OUTPUTS"] = str(Path(outputs).resolve())  # the kernel inherits it
    try:
        NotebookClient(nb, timeout=CELL_TIMEOUT_S, kernel_name="python3",
                       resources={"metadata": {"path": str(path.parent.resolve())}}).execute()
    finally:
        if old is None:
            os.environ.pop("CCHC_OUTPUTS", None)
        else:
            os.environ["CCHC_OUTPUTS"] = old
    result = {"nb": nb, "notebook": None, "html": None, "plots": []}
    if out_dir is None:
        return result
    out_dir.mkdir(parents=True, exist_ok=True)
    result["notebook"] = out_dir / path.name
    nbformat.write(nb, result["notebook"])
    from nbconvert import HTMLExporter
    body, _ = HTMLExporter().from_notebook_node(nb)
    result["html"] = out_dir / (path.stem + ".html")
    result["html"].write_text(body, "utf-8")
    for i, cell in enumerate(nb.cells):
        for k, output in enumerate(o for o in cell.get("outputs", []) if "image/png" in o.get("data", {})):
            png = out_dir / f"{path.stem}.cell{i:02d}.{k}.png"
            png.write_bytes(base64.b64decode(output["data"]["image/png"]))
            result["plots"].append(png)
    return result


def main(argv=None) -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("folder", type=Path)
    ap.add_argument("--outputs", type=Path, default=Path("outputs"))
    ap.add_argument("--out", type=Path, default=Path("build/notebooks"), help="executed copies (default build/notebooks)")
    a = ap.parse_args(argv)
    ok = True
    for nb in sorted(a.folder.glob("*.ipynb")):
        try:
            r = run_notebook(nb, a.outputs, a.out)
        except Exception as e:  # noqa: BLE001 - report every notebook
            ok = False
            print(f"FAIL {nb}: {type(e).__name__}: {e}", file=sys.stderr)
            continue
        print(f"ok   {nb} -> {r['html']} ({len(r['plots'])} plot(s))")
        for p in r["plots"]:
            print(f"     {p}")
    return 0 if ok else 1


if __name__ == "__main__":
    sys.exit(main())
