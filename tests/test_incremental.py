"""--incremental reuses unchanged files' rows and re-reads changed ones."""
from __future__ import annotations

import shutil
from pathlib import Path

import pandas as pd
import pytest

from extract.cli import main as cli_main

CORPUS = Path(__file__).resolve().parents[1] / "corpus"


def _tables(out: Path) -> dict[str, pd.DataFrame]:
    return {t: pd.read_parquet(out / f"{t}.parquet") for t in ("documents", "references", "pages")}


def test_incremental_run_reuses_unchanged_files(tmp_path, capsys):
    src = tmp_path / "in"
    src.mkdir()
    for name in ("001_dc7f9cbbad7d2ffc.docx", "004_1e1e34f3142d21c9.docx"):
        shutil.copy(CORPUS / name, src / name)
    out = tmp_path / "out"
    assert cli_main([str(src), "-o", str(out), "-j", "0"]) == 0
    first = _tables(out)
    # one file changes (here: replaced by another report), one stays
    shutil.copy(CORPUS / "000_9e5233dfb45dc5a0.docx", src / "004_1e1e34f3142d21c9.docx")
    capsys.readouterr()
    assert cli_main([str(src), "-o", str(out), "-j", "0", "--incremental"]) == 0
    err = capsys.readouterr().err
    assert "1 file(s)" in err and "1 unchanged file(s) reused" in err
    second = _tables(out)
    assert len(second["documents"]) == 2
    kept = first["documents"].set_index("source_path").loc["001_dc7f9cbbad7d2ffc.docx", "doc_id"]
    assert kept in set(second["documents"]["doc_id"])
    refs_kept = first["references"][first["references"]["doc_id"] == kept]
    assert len(second["references"][second["references"]["doc_id"] == kept]) == len(refs_kept) > 0
    changed = second["documents"].set_index("source_path").loc["004_1e1e34f3142d21c9.docx"]
    assert changed["doc_number"] == "/BC-SKHCCN"  # the new content was read


def _counts(out: Path) -> dict[str, int]:
    return {t: len(pd.read_parquet(out / f"{t}.parquet")) for t in ("documents", "references", "par_scores", "errors")}


def test_identical_files_do_not_grow_the_outputs_run_after_run(tmp_path, capsys):
    src, out = tmp_path / "in", tmp_path / "out"
    src.mkdir()
    for name in ("a.docx", "b.docx"):  # same bytes, so the same doc_id
        shutil.copy(CORPUS / "001_dc7f9cbbad7d2ffc.docx", src / name)
    counts = []
    for _ in range(3):
        assert cli_main([str(src), "-o", str(out), "-j", "0", "--incremental", "--quiet"]) == 0
        counts.append(_counts(out))
    assert counts[0] == counts[1] == counts[2]
    assert counts[0]["documents"] == 2 and counts[0]["par_scores"] > 0
    docs = pd.read_parquet(out / "documents.parquet").set_index("source_path")
    assert docs.loc["a.docx", "status"] == "ok" and docs.loc["b.docx", "status"] == "error"


@pytest.mark.parametrize("first", [["--only", "header"], ["--no-tables"]])
def test_rows_made_with_other_settings_are_not_reused(tmp_path, capsys, first):
    src, out = tmp_path / "in", tmp_path / "out"
    src.mkdir()
    shutil.copy(CORPUS / "002_f22bba41d68000d2.pdf", src / "r.pdf")
    assert cli_main([str(src), "-o", str(out), "-j", "0", "--quiet"] + first) == 0
    partial = _counts(out)
    capsys.readouterr()
    assert cli_main([str(src), "-o", str(out), "-j", "0", "--incremental"]) == 0
    err = capsys.readouterr().err
    assert "reused" in err and "unchanged file(s) reused" not in err
    full = _counts(out)
    assert full["references"] >= partial["references"]
    assert len(pd.read_parquet(out / "indicators.parquet")) > 0  # tables and facts were extracted this time
    capsys.readouterr()
    assert cli_main([str(src), "-o", str(out), "-j", "0", "--incremental"]) == 0  # same settings: reused
    assert "nothing changed since the last run (1 file(s))" in capsys.readouterr().err
    assert _counts(out) == full


def test_an_unchanged_archive_is_not_rewritten(tmp_path, capsys):
    """Nothing added, changed, failed or gone since the last run: the outputs stay as they are (not even
    rewritten); one file changed: the tables are written again, with its new rows."""
    src, out = tmp_path / "in", tmp_path / "out"
    src.mkdir()
    for name in ("001_dc7f9cbbad7d2ffc.docx", "004_1e1e34f3142d21c9.docx"):
        shutil.copy(CORPUS / name, src / name)
    assert cli_main([str(src), "-o", str(out), "-j", "0", "--incremental"]) == 0
    written = {p.name: p.stat().st_mtime_ns for p in out.glob("*.parquet")}
    assert {"documents.parquet", "summary.parquet", "provinces.parquet"} <= set(written)
    before = _tables(out)
    capsys.readouterr()
    assert cli_main([str(src), "-o", str(out), "-j", "0", "--incremental"]) == 0
    assert "nothing changed since the last run (2 file(s))" in capsys.readouterr().err
    assert {p.name: p.stat().st_mtime_ns for p in out.glob("*.parquet")} == written
    for name, table in _tables(out).items():
        pd.testing.assert_frame_equal(table, before[name])
    (src / "001_dc7f9cbbad7d2ffc.docx").unlink()  # a file gone: its rows must go too
    assert cli_main([str(src), "-o", str(out), "-j", "0", "--incremental"]) == 0
    assert "nothing changed" not in capsys.readouterr().err
    assert list(pd.read_parquet(out / "documents.parquet")["source_path"]) == ["004_1e1e34f3142d21c9.docx"]
