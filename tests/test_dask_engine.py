"""--engine dask writes the same tables as the local engine, row for row."""
from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pandas as pd

from extract.cli import main as cli_main
from extract.schemas import TABLES
from scripts.make_archive import make_archive

ROOT = Path(__file__).resolve().parents[1]


def _tables(out: Path) -> dict[str, pd.DataFrame]:
    return {t: pd.read_parquet(out / f"{t}.parquet").drop(columns=["seconds"], errors="ignore") for t in TABLES}


def test_dask_engine_on_a_two_worker_local_cluster_matches_the_local_engine(tmp_path):
    from distributed import LocalCluster

    src = tmp_path / "in"
    make_archive(src, 6)  # DOCX and PDF copies of the corpus
    (src / "empty.pdf").write_bytes(b"")  # a file that fails: an error row either way
    (src / "notes.txt").write_text("Số: 7/BC-UBND\n\nBÁO CÁO\n\nCăn cứ Quyết định số 48/2021/QĐ-UBND.\n", "utf-8")
    opts = ["--only", "header,references,tthc,hoso", "--no-ocr", "--timeout", "300"]
    local, dask = tmp_path / "local", tmp_path / "dask"
    assert cli_main([str(src), "-o", str(local), "-j", "2", "--quiet"] + opts) == 0
    with LocalCluster(n_workers=2, threads_per_worker=1, processes=True, memory_limit="1GiB",
                      dashboard_address=":0") as cluster:
        assert len(cluster.workers) == 2
        run = subprocess.run([sys.executable, "-m", "extract", str(src), "-o", str(dask), "--engine", "dask",
                              "--scheduler", cluster.scheduler_address] + opts,
                             cwd=ROOT, capture_output=True, text=True, timeout=600)
    assert run.returncode == 0, run.stderr
    assert "8 file(s)" in run.stderr
    a, b = _tables(local), _tables(dask)
    assert len(a["documents"]) == 8 and len(a["references"]) > 0
    for t in TABLES:
        pd.testing.assert_frame_equal(a[t], b[t], obj=t)
