"""A text's MinHash signature: near-identical texts (a report's PDF and DOCX renderings, a re-saved
copy) have near-identical signatures, so `extract/reports.py` can link them without comparing texts.

Each line of the text is reduced to its words (casefolded, NFC, numbers kept: they tell one period's
report from the next) and cut into overlapping 3-word shingles; shingles never cross a line, so the
order of lines (table cells read in another order, page numbers, footnotes placed elsewhere) does not
matter. Each of 64 hash permutations keeps its minimum; the share of equal signature words estimates
the Jaccard similarity of the two shingle sets (on the bundled corpus: 0.83-0.93 between a report's
PDF and DOCX, at most 0.11 between different reports).
"""
from __future__ import annotations

import hashlib
import re
import unicodedata

import numpy as np

N_HASHES = 64
SHINGLE = 3
MIN_SHINGLES = 40  # shorter texts get no signature (a cover page or a one-line notice links nothing)
_PRIME = np.uint64((1 << 61) - 1)
_WORD = re.compile(r"\w+")


def _permutations() -> tuple[np.ndarray, np.ndarray]:
    rng = np.random.default_rng(20240601)  # fixed: signatures of different runs must compare
    a = rng.integers(1, 1 << 32, size=N_HASHES, dtype=np.uint64)
    b = rng.integers(0, 1 << 32, size=N_HASHES, dtype=np.uint64)
    return a, b


_A, _B = _permutations()


def shingles(text: str) -> set[str]:
    out: set[str] = set()
    # the text is normalised and casefolded once (both act per character and never make or join across a
    # "\n", so each line reads as if normalised on its own)
    for line in unicodedata.normalize("NFC", text).casefold().split("\n"):
        w = _WORD.findall(line)
        if len(w) < SHINGLE:
            if len(w) >= 2:
                out.add(" ".join(w))
            continue
        out.update(" ".join(w[i:i + SHINGLE]) for i in range(len(w) - SHINGLE + 1))
    return out


def _shingle_hashes(text: str) -> np.ndarray:
    """The distinct 4-byte blake2b hashes of the text's shingles, read as little-endian integers (the digests
    are joined and read in one go: the same numbers as int.from_bytes of each)."""
    digests = b"".join(hashlib.blake2b(s.encode(), digest_size=4).digest() for s in shingles(text))
    return np.unique(np.frombuffer(digests, dtype="<u4").astype(np.uint64))


def signature(text: str) -> str | None:
    """64 hex words (8 digits each), or None for a text too short to compare."""
    hashes = _shingle_hashes(text)
    if len(hashes) < MIN_SHINGLES:
        return None
    mins = np.full(N_HASHES, np.iinfo(np.uint64).max, dtype=np.uint64)
    for chunk in np.array_split(hashes, max(1, len(hashes) // 4096)):
        vals = (_A[:, None] * chunk[None, :] + _B[:, None]) % _PRIME  # a, h < 2**32: no overflow
        mins = np.minimum(mins, vals.min(axis=1))
    return "".join(f"{int(m) & 0xFFFFFFFF:08x}" for m in mins)


def similarity(sig_a: str, sig_b: str) -> float:
    """Estimated Jaccard similarity of the two texts' shingle sets (0..1)."""
    a = [sig_a[i:i + 8] for i in range(0, len(sig_a), 8)]
    b = [sig_b[i:i + 8] for i in range(0, len(sig_b), 8)]
    return sum(x == y for x, y in zip(a, b)) / max(1, min(len(a), len(b)))


def bands(sig: str, n_bands: int = 16) -> list[str]:
    """Locality-sensitive bands: two signatures sharing a band are worth comparing."""
    step = len(sig) // n_bands
    return [f"{i}:{sig[i * step:(i + 1) * step]}" for i in range(n_bands)]
