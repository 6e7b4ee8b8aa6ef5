"""Rules are data: load pattern files from `patterns/`.

A pattern file is YAML:

    family: references            # what extractor interprets it
    description: ...
    attributes: [cited_type]      # extra keys a rule of this family may carry
    vars:                         # regex fragments, used as {NAME} in patterns
      SEQ: '\\d+'
    rules:
      - id: references.so_symbol
        literal: "Quyết định số 48/2021/QĐ-UBND"   # what it catches, in words
        pattern: '...'                             # Python regex, {VARS} expanded
        match:    ["...", ...]                     # must match (tests run these)
        no_match: ["...", ...]                     # must not match

Unknown keys fail at load time (like medspaCy's `from_dict`). Patterns match
against `fold_for_matching(text)` case-insensitively, so both tone placements
(hoà/hòa) and both cases match. `patterns/_vars.yaml` holds shared fragments.
Nothing is compiled at import time: `load_rules()` is called by the
extractor that needs the rules and cached per path.
"""
from __future__ import annotations

import functools
import re
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Iterator, Mapping

import yaml

from .normalize import fold_for_matching

PATTERNS_DIR = Path(__file__).resolve().parent.parent / "patterns"
BASE_KEYS = {"id", "literal", "pattern", "match", "no_match", "flags", "note"}
FILE_KEYS = {"family", "description", "attributes", "vars", "rules", "fields"}
FIELD_KEYS = {"id", "literal", "field", "requires", "allows", "examples", "counter_examples", "note"}
_VAR = re.compile(r"\{([A-Z][A-Z0-9_]+)\}")


# libyaml's parser when PyYAML has it: the same safe constructor and resolver, ten times faster on the
# pattern files (every worker loads them; tests/test_patterns.py checks both parsers read them alike)
_SafeLoader = getattr(yaml, "CSafeLoader", yaml.SafeLoader)


def _load_yaml(text: str) -> Any:
    return yaml.load(text, Loader=_SafeLoader)  # noqa: S506 - a safe loader


class RuleError(ValueError):
    pass


@dataclass(frozen=True)
class Rule:
    id: str
    literal: str
    pattern: str
    regex: re.Pattern
    match: tuple[str, ...] = ()
    no_match: tuple[str, ...] = ()
    attrs: Mapping[str, Any] = field(default_factory=dict)
    note: str | None = None

    def get(self, key: str, default: Any = None) -> Any:
        return self.attrs.get(key, default)

    def finditer(self, text: str, folded: str | None = None) -> Iterator[re.Match]:
        """Matches over `text` (offsets valid for `text`; matching is on its folded form)."""
        return self.regex.finditer(folded if folded is not None else fold_for_matching(text))

    def search(self, text: str) -> re.Match | None:
        return self.regex.search(fold_for_matching(text))


@dataclass(frozen=True)
class FieldRule:
    """A combination of qualifier attributes and the field it means (ConText-style composition).

    A figure whose attribute set S satisfies `requires` <= S <= `requires` | `allows` has this field
    (`requires` "channel=online", `allows` "act=receive": "tiếp nhận trực tuyến 52 hồ sơ" -> received_online).
    `examples` are sentences whose counted figure gets this field; `counter_examples` sentences whose figure
    must not (tests/test_patterns.py runs both through the extractor)."""

    id: str
    literal: str
    field: str
    requires: frozenset[str]
    allows: frozenset[str] = frozenset()
    examples: tuple[str, ...] = ()
    counter_examples: tuple[str, ...] = ()
    note: str | None = None

    def admits(self, attrs: frozenset[str]) -> bool:
        return self.requires <= attrs and attrs <= self.requires | self.allows


@dataclass(frozen=True)
class RuleSet:
    family: str
    path: Path
    rules: tuple[Rule, ...]
    vars: Mapping[str, str]
    fields: tuple[FieldRule, ...] = ()

    def __iter__(self) -> Iterator[Rule]:
        return iter(self.rules)

    def __len__(self) -> int:
        return len(self.rules)

    def by_id(self, rule_id: str) -> Rule:
        try:
            return self._ids[rule_id]
        except KeyError:
            raise KeyError(rule_id) from None

    @functools.cached_property
    def _ids(self) -> dict[str, Rule]:
        """Rules by id, built on first use (extractors look rules up by id per block); the first rule of an id wins."""
        out: dict[str, Rule] = {}
        for r in self.rules:
            out.setdefault(r.id, r)
        return out

    def var(self, name: str) -> str:
        return self.vars[name]

    def compile_var(self, name: str, flags: int = re.IGNORECASE) -> re.Pattern:
        return re.compile(self.vars[name], flags)


def expand_vars(pattern: str, variables: Mapping[str, str], where: str) -> str:
    def sub(m: re.Match) -> str:
        name = m.group(1)
        if name not in variables:
            raise RuleError(f"{where}: unknown variable {{{name}}}")
        return variables[name]

    for _ in range(10):  # vars may use vars
        new = _VAR.sub(sub, pattern)
        if new == pattern:
            return new
        pattern = new
    raise RuleError(f"{where}: variables nest too deep")


_FLAG_NAMES = {"IGNORECASE": re.IGNORECASE, "MULTILINE": re.MULTILINE, "DOTALL": re.DOTALL,
               "CASE_SENSITIVE": 0}


def _compile(pattern: str, flags: list[str] | None, where: str) -> re.Pattern:
    f = re.IGNORECASE
    for name in flags or []:
        if name not in _FLAG_NAMES:
            raise RuleError(f"{where}: unknown flag {name!r}")
        f = f & ~re.IGNORECASE if name == "CASE_SENSITIVE" else f | _FLAG_NAMES[name]
    try:
        return re.compile(pattern, f)
    except re.error as e:
        raise RuleError(f"{where}: bad regex: {e}") from e


@functools.lru_cache(maxsize=None)
def _shared_vars(patterns_dir: Path) -> Mapping[str, str]:
    p = patterns_dir / "_vars.yaml"
    if not p.exists():
        return {}
    data = _load_yaml(p.read_text("utf-8")) or {}
    return {str(k): str(v) for k, v in (data.get("vars") or {}).items()}


def rule_from_dict(d: Mapping[str, Any], attributes: set[str], variables: Mapping[str, str], where: str) -> Rule:
    unknown = set(d) - BASE_KEYS - attributes
    if unknown:
        raise RuleError(f"{where}: unknown key(s) {sorted(unknown)} in rule {d.get('id')!r}")
    for key in ("id", "literal", "pattern"):
        if not d.get(key):
            raise RuleError(f"{where}: rule {d.get('id')!r} has no {key!r}")
    rid = str(d["id"])
    pattern = expand_vars(str(d["pattern"]), variables, f"{where}:{rid}")
    return Rule(
        id=rid,
        literal=str(d["literal"]),
        pattern=pattern,
        regex=_compile(pattern, d.get("flags"), f"{where}:{rid}"),
        match=tuple(str(x) for x in d.get("match") or ()),
        no_match=tuple(str(x) for x in d.get("no_match") or ()),
        attrs={k: v for k, v in d.items() if k in attributes},
        note=d.get("note"),
    )


def _attr_set(value: Any, where: str) -> frozenset[str]:
    items = value.split() if isinstance(value, str) else list(value or [])
    for a in items:
        if not re.fullmatch(r"[a-z_]+=[a-z0-9_]+", str(a)):
            raise RuleError(f"{where}: attribute {a!r} is not category=value")
    return frozenset(str(a) for a in items)


def field_from_dict(d: Mapping[str, Any], where: str) -> FieldRule:
    unknown = set(d) - FIELD_KEYS
    if unknown:
        raise RuleError(f"{where}: unknown key(s) {sorted(unknown)} in field rule {d.get('id')!r}")
    for key in ("id", "literal", "field", "requires"):
        if not d.get(key):
            raise RuleError(f"{where}: field rule {d.get('id')!r} has no {key!r}")
    rid = str(d["id"])
    return FieldRule(id=rid, literal=str(d["literal"]), field=str(d["field"]),
                     requires=_attr_set(d["requires"], f"{where}:{rid}"),
                     allows=_attr_set(d.get("allows"), f"{where}:{rid}"),
                     examples=tuple(str(x) for x in d.get("examples") or ()),
                     counter_examples=tuple(str(x) for x in d.get("counter_examples") or ()),
                     note=d.get("note"))


@functools.lru_cache(maxsize=None)
def load_rules(name: str, patterns_dir: Path = PATTERNS_DIR) -> RuleSet:
    """Load `patterns/<name>.yaml` (cached)."""
    path = patterns_dir / f"{name}.yaml"
    data = _load_yaml(path.read_text("utf-8")) or {}
    unknown = set(data) - FILE_KEYS
    if unknown:
        raise RuleError(f"{path.name}: unknown top-level key(s) {sorted(unknown)}")
    variables = dict(_shared_vars(patterns_dir))
    for k, v in (data.get("vars") or {}).items():
        variables[str(k)] = expand_vars(str(v), variables, f"{path.name}:vars.{k}")
    attributes = set(data.get("attributes") or [])
    rules = tuple(rule_from_dict(r, attributes, variables, path.name) for r in data.get("rules") or [])
    fields = tuple(field_from_dict(f, path.name) for f in data.get("fields") or [])
    for r in rules:
        if r.get("attr") is not None:
            _attr_set(r.get("attr"), f"{path.name}:{r.id}")
    ids = [r.id for r in rules] + [f.id for f in fields]
    dup = {i for i in ids if ids.count(i) > 1}
    if dup:
        raise RuleError(f"{path.name}: duplicate rule id(s) {sorted(dup)}")
    return RuleSet(family=str(data.get("family") or name), path=path, rules=rules, vars=variables, fields=fields)


def pattern_files(patterns_dir: Path = PATTERNS_DIR) -> list[str]:
    return sorted(p.stem for p in patterns_dir.glob("*.yaml") if not p.stem.startswith("_"))
