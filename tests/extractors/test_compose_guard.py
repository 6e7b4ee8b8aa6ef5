"""Composed fields (ConText-style) and the contradiction guard of hồ sơ figures."""
from __future__ import annotations

import pytest

from extract.extractors import Context, get
from extract.extractors.hoso_guard import guard
from extract.figures.compose import decide
from extract.rules import load_rules
from tests.helpers import doc_from_text


def hoso(text: str) -> list[dict]:
    return get("hoso")(doc_from_text(text), Context()).get("hoso", [])


def fields(text: str) -> set[tuple[str, float]]:
    return {(r["field"], r["value"]) for r in hoso(text)}


@pytest.mark.parametrize("text, expected", [
    # the examples: a qualifier after the unit, in any order or conjunction
    ("Có 1.100 hồ sơ được tiếp nhận và xử lý trực tuyến.", {("received_online", 1100)}),
    ("Có 1.190 hồ sơ được giải quyết trước và đúng hạn.", {("resolved_on_time_or_early", 1190)}),
    ("Đã giải quyết đúng và trước hạn 120 hồ sơ.", {("resolved_on_time_or_early", 120)}),
    ("Trả lại 08 hồ sơ do không đủ điều kiện giải quyết.", {("returned", 8)}),
    ("Có 4 hồ sơ đang xử lý chưa đến hạn trả kết quả.", {("pending_not_due", 4)}),
    ("Bộ phận tiếp nhận và trả kết quả đã tiếp nhận 50 hồ sơ.", {("received", 50)}),
])
def test_fields_from_qualifier_combinations(text, expected):
    assert fields(text) == expected


@pytest.mark.parametrize("text", [
    "Sở đã giải quyết 52 hồ sơ trực tuyến.",        # resolved + online: no field says it
    "Sở đã tiếp nhận và giải quyết 63 hồ sơ.",      # received and resolved at once
    "Tiếp nhận trực tuyến và trực tiếp 70 hồ sơ.",  # two channels in one figure
])
def test_unknown_or_conflicting_combinations_are_no_fact(text):
    assert fields(text) == set()


def test_decide_prefers_the_most_specific_entry_and_refuses_ties():
    table = load_rules("hoso").fields
    assert decide(frozenset({"act=receive"}), table).field == "received"
    assert decide(frozenset({"act=receive", "channel=online"}), table).field == "received_online"
    assert decide(frozenset({"timeliness=early", "timeliness=on_time", "act=resolve"}), table).field \
        == "resolved_on_time_or_early"
    assert decide(frozenset({"act=receive", "act=resolve"}), table) is None


def test_text_figures_say_how_sure_the_rule_is():
    rows = hoso("Sở đã tiếp nhận 63 hồ sơ, trong đó trực tuyến 52 hồ sơ.")
    assert {r["confidence"] for r in rows} == {"high"}


def _row(field, value, confidence="high"):
    return {"field": field, "value": value, "period_start": None, "period_end": None, "subject": None,
            "kind": "actual", "confidence": confidence}


def _guard(rows):
    return guard(rows)


def test_parts_exceeding_their_total_are_held_back():
    rows = [_row("received", 100), _row("received_online", 80), _row("received_direct", 30, "medium")]
    kept, checks = _guard(rows)
    assert {(r["field"], r["value"]) for r in kept} == {("received", 100), ("received_online", 80)}
    assert checks and checks[0]["check"] == "hoso_contradiction" and "received_direct" in checks[0]["detail"]
    rows = [_row("resolved", 10), _row("resolved_early", 8), _row("resolved_late", 5)]
    kept, checks = _guard(rows)
    assert {r["field"] for r in kept} == {"resolved"} and len(checks) == 1


def test_consistent_or_undecidable_breakdowns_are_kept():
    rows = [_row("received", 100), _row("received_online", 70), _row("received_direct", 30)]
    assert _guard(rows) == (rows, [])
    rows = [_row("received", 100), _row("received", 40), _row("received_online", 70)]  # two totals: unknown
    assert _guard(rows)[1] == []
