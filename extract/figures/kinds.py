"""Actual result or target: plans, goal sections and target cues (patterns/targets.yaml)."""
from __future__ import annotations

import functools
import re
from typing import Any

from ..model import Document
from ..normalize import fold_for_matching
from ..rules import Rule, load_rules


def is_plan(doc: Document, ctx: Any) -> bool:
    """A plan (Kế hoạch, Chương trình, Phương án): its figures are targets."""
    dt_ = (getattr(ctx, "document", {}) or {}).get("doc_type")
    if dt_:
        return str(dt_).casefold() in {"kế hoạch", "chương trình", "phương án", "đề án"}
    for b in doc.blocks[:10]:
        t = b.text.strip()
        if re.fullmatch(r"(?:KẾ HOẠCH|CHƯƠNG TRÌNH|PHƯƠNG ÁN|ĐỀ ÁN)", t):
            return True
        if re.fullmatch(r"(?:BÁO CÁO|THÔNG BÁO|TỜ TRÌNH|QUYẾT ĐỊNH)", t):
            return False
    return False


@functools.lru_cache(maxsize=8192)
def target_cue(text: str, section: str | None) -> Rule | None:
    """The targets.yaml rule that marks a sentence (or its section) as a goal, if any (cached by text and
    section: each extractor asks again for the same sentences, and the rules never change in a process)."""
    rules = load_rules("targets")
    folded = fold_for_matching(text)
    for r in rules:
        if r.get("scope") == "section":
            if section and r.regex.search(fold_for_matching(section.split(" > ")[-1] if section else "")):
                return r
            if section and any(r.regex.search(fold_for_matching(p)) for p in section.split(" > ")):
                return r
        elif r.regex.search(folded):
            return r
    return None


_RESULTS_HEAD = re.compile(r"kết\s+quả(?!\s+(?:cần|phải|dự\s+kiến|mong\s+đợi|đầu\s+ra))|tình\s+hình\s+thực\s+hiện", re.I)
_GOALS_HEAD = re.compile(r"kết\s+quả\s+(?:cần|phải|dự\s+kiến|mong\s+đợi)|mục\s+tiêu|chỉ\s+tiêu|nhiệm\s+vụ|giải\s+pháp|"
                         r"nội\s+dung|tổ\s+chức\s+thực\s+hiện|mục\s+đích", re.I)


@functools.lru_cache(maxsize=8192)
def kind_of(text: str, section: str | None, plan: bool) -> str:
    """"target" or "actual" for a sentence in `section` (cached by its arguments: a pure function of them)."""
    if plan:
        # a plan's "Kết quả năm 2024" / "Kết quả thực hiện ..." section holds actuals; everything else
        # ("Kết quả cần đạt", "Mục tiêu", "Nhiệm vụ") is a goal. The innermost heading decides.
        for part in reversed((section or "").split(" > ")):
            fp = fold_for_matching(part)
            if _GOALS_HEAD.search(fp) and not _RESULTS_HEAD.search(fp.split(" và ")[0]):
                return "target"
            if _RESULTS_HEAD.search(fp):
                return "target" if target_cue(text, None) else "actual"
        return "target"
    return "target" if target_cue(text, section) else "actual"
