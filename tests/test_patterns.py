"""Every rule in patterns/ matches its `match` examples and none of its `no_match` ones."""
from __future__ import annotations

import pytest
import yaml

from extract.normalize import fold_for_matching
from extract.rules import PATTERNS_DIR, RuleError, load_rules, pattern_files, rule_from_dict

CASES = [(name, rule) for name in pattern_files() for rule in load_rules(name)]


def test_every_pattern_file_has_rules():
    assert pattern_files(), "no pattern files found"
    for name in pattern_files():
        assert len(load_rules(name)) > 0, name


@pytest.mark.parametrize("name,rule", CASES, ids=[r.id for _, r in CASES])
def test_rule_examples(name, rule):
    assert rule.match, f"{rule.id} has no positive examples"
    assert rule.no_match, f"{rule.id} has no negative examples"
    for ex in rule.match:
        assert rule.regex.search(fold_for_matching(ex)), f"{rule.id} should match: {ex!r}"
    for ex in rule.no_match:
        m = rule.regex.search(fold_for_matching(ex))
        assert not m, f"{rule.id} should not match: {ex!r} (matched {m.group(0)!r})"


def test_rule_ids_are_namespaced_by_family():
    for name in pattern_files():
        rs = load_rules(name)
        for r in rs:
            assert r.id.startswith(rs.family + "."), f"{r.id} should start with {rs.family}."


def test_unknown_keys_fail_at_load():
    with pytest.raises(RuleError, match="unknown key"):
        rule_from_dict({"id": "x.y", "literal": "a", "pattern": "a", "paterns": "typo"}, set(), {}, "t")


def test_unknown_variable_fails():
    with pytest.raises(RuleError, match="unknown variable"):
        rule_from_dict({"id": "x.y", "literal": "a", "pattern": "{NOPE}"}, set(), {}, "t")


def test_shared_vars_file_is_valid_yaml():
    data = yaml.safe_load((PATTERNS_DIR / "_vars.yaml").read_text("utf-8"))
    assert set(data) == {"vars"}


def test_fast_yaml_parser_reads_pattern_files_alike():
    """load_rules parses with libyaml when PyYAML has it; it must read every pattern file as the pure-Python
    safe loader does (same values, same types)."""
    from extract.rules import _SafeLoader

    for path in sorted(PATTERNS_DIR.glob("*.yaml")) + [PATTERNS_DIR.parent / "extract" / "column_docs.yaml"]:
        text = path.read_text("utf-8")
        slow, fast = yaml.load(text, Loader=yaml.SafeLoader), yaml.load(text, Loader=_SafeLoader)  # noqa: S506
        assert repr(fast) == repr(slow), path.name


FAMILY_EXTRACTOR = {"hoso": ("hoso", "hoso", "field"), "tthc": ("tthc", "tthc", "metric")}
FIELD_CASES = [(name, f) for name in pattern_files() for f in load_rules(name).fields]


def _figures_of(family: str, sentence: str) -> list[tuple[str, float]]:
    """Rows of the family's extractor for `sentence`; "Quyết định | <title> || <sentence>" sets the document's type
    and title first."""
    from extract.extractors import Context, get
    from tests.helpers import doc_from_text

    extractor, table, col = FAMILY_EXTRACTOR[family]
    ctx = Context()
    if " || " in sentence:
        head, sentence = sentence.split(" || ", 1)
        doc_type, _, title = head.partition(" | ")
        ctx.document.update(doc_type=doc_type.strip(), title=title.strip())
    rows = get(extractor)(doc_from_text(sentence), ctx).get(table, [])
    return [(r[col], r["value"]) for r in rows]


@pytest.mark.parametrize("name,fr", FIELD_CASES, ids=[f.id for _, f in FIELD_CASES])
def test_field_examples(name, fr):
    """Each `fields:` entry: its examples get its field (through the family's extractor), its counter-examples
    do not."""
    assert fr.examples, f"{fr.id} has no examples"
    for ex in fr.examples:
        got = _figures_of(name, ex)
        if fr.field.startswith("share_of"):  # the parts take the metric of the count before them
            assert len(got) >= 3 and len({f for f, _ in got}) == 1, f"{fr.id}: {ex!r} gave {got}"
            continue
        assert any(f == fr.field for f, _ in got), f"{fr.id}: {ex!r} gave {got}"
    for ex in fr.counter_examples:
        got = _figures_of(name, ex)
        assert not any(f == fr.field for f, _ in got), f"{fr.id}: {ex!r} should not give {fr.field}: {got}"
