"""Sentences of a block: underthesea `sent_tokenize`, mapped back to block offsets (a plain splitter when it fails)."""
from __future__ import annotations

import functools
import re
from dataclasses import dataclass

from ..model import Block


@dataclass(frozen=True)
class Sentence:
    block: Block
    start: int  # local offsets in block.text
    end: int

    @property
    def text(self) -> str:
        return self.block.text[self.start:self.end]


def _tokenize(text: str) -> list[str]:
    try:
        from underthesea import sent_tokenize  # imported lazily (slow import)

        return list(sent_tokenize(text))
    except Exception:  # noqa: BLE001 - fall back to a plain splitter
        return re.split(r"(?<=[.!?])\s+(?=[A-ZĐÀ-Ỹ\-+*•])", text)


_DOT_JOINED_END = re.compile(r"(?:quý|tháng|giai\s+đoạn)\s+(?:IV|III|II|I|\d{1,2})\.$", re.I)


def sentences(block: Block) -> list[Sentence]:
    """Sentences of a block, as offsets into `block.text` (underthesea, then re-anchored)."""
    return [Sentence(block, i, j) for i, j in sentence_spans(block.text)]


@functools.lru_cache(maxsize=8192)
def sentence_spans(text: str) -> tuple[tuple[int, int], ...]:
    """(start, end) of each sentence of `text`, cached by the text itself: every extractor walks the same
    blocks, and underthesea is the costly part (the answer depends on the text only)."""
    spans: list[tuple[int, int]] = []
    pos = 0
    for piece in _tokenize(text):
        piece = piece.strip()
        if not piece:
            continue
        i = text.find(piece, pos)
        if i < 0:  # tokenizer changed the text: anchor on its first words
            head = piece[:20]
            i = text.find(head, pos)
            if i < 0:
                continue
            j = text.find(" ", i + len(piece) - 1)
            j = len(text) if j < 0 else j
        else:
            j = i + len(piece)
        spans.append((i, j))
        pos = j
    if not spans and text.strip():
        spans.append((0, len(text)))
    # a sentence that the tokenizer cut inside parentheses is joined back
    merged: list[tuple[int, int]] = []
    for s, e in spans:
        if merged:
            ms, me = merged[-1]
            last = text[ms:me]
            if last.count("(") > last.count(")") or (_DOT_JOINED_END.search(last) and s == me
                                                       and re.match(r"\d", text[s:e])):
                # cut inside parentheses, or at the dot of "Quý II.2024" / "quý 2.2024": one sentence
                merged[-1] = (ms, e)
                continue
        merged.append((s, e))
    return tuple(merged)
