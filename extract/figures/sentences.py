"""Sentences of a block: underthesea `sent_tokenize`, mapped back to block offsets (a plain splitter when it fails)."""
from __future__ import annotations

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
    text = block.text
    out: list[Sentence] = []
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
        out.append(Sentence(block, i, j))
        pos = j
    if not out and text.strip():
        out.append(Sentence(block, 0, len(text)))
    # a sentence that the tokenizer cut inside parentheses is joined back
    merged: list[Sentence] = []
    for s in out:
        if merged and (merged[-1].text.count("(") > merged[-1].text.count(")")
                       or (_DOT_JOINED_END.search(merged[-1].text) and s.start == merged[-1].end
                           and re.match(r"\d", s.text))):
            # cut inside parentheses, or at the dot of "Quý II.2024" / "quý 2.2024": one sentence
            merged[-1] = Sentence(block, merged[-1].start, s.end)
        else:
            merged.append(s)
    return merged
