"""What the command lines over a finished run's outputs folder share (`python -m extract.export`, `.sql`,
`.analyst`, `.review`): their parser, whose first argument is the folder, and the check that it holds a run."""
from __future__ import annotations

import argparse
import sys
from pathlib import Path


def outputs_parser(prog: str, doc: str | None) -> argparse.ArgumentParser:
    ap = argparse.ArgumentParser(prog=prog, description=doc, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("outputs", type=Path)
    return ap


def no_run_in(outputs: Path) -> bool:
    """True (and says so) when `outputs` holds no extraction run."""
    if (outputs / "documents.parquet").exists():
        return False
    print(f"error: no documents.parquet in {outputs}/ (run the extraction first)", file=sys.stderr)
    return True
