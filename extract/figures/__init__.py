"""Shared machinery of the figure extractors (tthc, hoso, par, checks), one concern per module:

* `sentences`: sentences of a block (underthesea, re-anchored to block offsets);
* `spans`: number spans ("87,303", "659.245", "48/49", "54.9%"; dates, symbols and years left out);
* `context`: a figure's context windows and the qualifier rules that match in them;
* `kinds`: actual result or target (plans, goal sections, target cues);
* `subjects`: who a figure is about;
* `timing`: when it holds (period tracker, the document's period and year);
* `tables`: figures in statistical tables;
* `counted`: counted figures (a number with its unit noun and qualifier) and their evidence.

Nothing is loaded at import time. The names below are the API the extractors use (`from .. import figures as F`).
"""
from __future__ import annotations

from .context import Hit, Window, best_left, best_right, blank_parens, choose, hits, in_citation, make_window
from .counted import Figure, SentenceContext, evidence, iter_figures, iter_sentences
from .kinds import is_plan, kind_of, target_cue
from .sentences import Sentence, sentences
from .spans import NUMBER_RX, Number, money_follows, numbers
from .subjects import label_subject, subject_after, subject_of
from .tables import TableRow, cell_evidence, row_evidence, table_period, table_periods, table_rows
from .timing import PeriodTracker, document_period, document_year, period_tracker

__all__ = [
    "Hit", "Window", "best_left", "best_right", "blank_parens", "choose", "hits", "in_citation", "make_window",
    "Figure", "SentenceContext", "evidence", "iter_figures", "iter_sentences",
    "is_plan", "kind_of", "target_cue", "Sentence", "sentences", "NUMBER_RX", "Number", "money_follows", "numbers",
    "label_subject", "subject_after", "subject_of", "TableRow", "cell_evidence", "row_evidence", "table_period",
    "table_periods", "table_rows", "PeriodTracker", "document_period", "document_year", "period_tracker",
]
