"""SQL over the outputs: the README's examples run, `"references"` works, cchc.duckdb opens."""
from __future__ import annotations

import re
from pathlib import Path

import duckdb
import pytest

from extract.sql import connect, main as sql_main

README = Path(__file__).resolve().parents[1] / "README.md"
EXAMPLES = re.findall(r"```sql\n(.*?)```", README.read_text("utf-8"), re.S)


def test_readme_has_three_sql_examples():
    assert len(EXAMPLES) >= 3


@pytest.mark.parametrize("query", EXAMPLES, ids=[f"example{i + 1}" for i in range(len(EXAMPLES))])
def test_readme_example_runs(query, corpus_outputs):
    db = connect(corpus_outputs)  # keep the connection: a relation does not
    assert len(db.sql(query).df()) > 0


def test_examples_count_each_report_once(corpus_outputs):
    db = connect(corpus_outputs)
    by_province = dict(db.sql(EXAMPLES[1]).fetchall())
    assert by_province["Sóc Trăng"] == 29 and by_province["Quảng Ngãi"] == 63 and by_province["Cao Bằng"] == 9
    first = db.sql(EXAMPLES[0]).df().set_index("province")
    assert first.loc["Sóc Trăng", "received"] == 29


def test_every_table_is_a_view_and_database_file_opens(corpus_outputs):
    path = corpus_outputs / "cchc.duckdb"
    assert path.exists()
    con = duckdb.connect(str(path), read_only=True)
    try:
        views = {r[0] for r in con.sql("SELECT view_name FROM duckdb_views() WHERE NOT internal").fetchall()}
        assert {p.stem for p in corpus_outputs.glob("*.parquet")} <= views
        assert con.sql('SELECT COUNT(*) FROM "references"').fetchone()[0] > 0
    finally:
        con.close()


def test_command_line(corpus_outputs, capsys):
    assert sql_main([str(corpus_outputs), 'SELECT COUNT(DISTINCT report_id) AS n FROM documents']) == 0
    assert capsys.readouterr().out.split()[-1] == "5"
    assert sql_main([str(corpus_outputs), "SELECT nope FROM documents"]) == 1
