"""cchc-extract: Vietnamese administrative-reform (CCHC) reports to auditable Parquet tables.

Public verbs:

* `open_document(path)` -> `Document` (the model every extractor reads)
* `process_file(path, root)` -> rows for every output table (pure, never raises)
* `run_batch(files, settings, on_result)` -> isolated, time-boxed batch run
"""
from __future__ import annotations

__version__ = "0.1.0"


def open_document(path, root=None, settings=None):
    from .pipeline import read_document
    return read_document(path, root, settings)


def process_file(path, root=None, settings=None):
    from .pipeline import process_file as _pf
    return _pf(path, root, settings)
