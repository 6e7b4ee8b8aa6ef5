"""Is a word a well-formed Vietnamese syllable? (onset + rhyme + at most one tone)

A compact model of Vietnamese orthography used to tell real Vietnamese text
from legacy-font gibberish (`extract.legacy_fonts.detect_encoding`): a word is
lower-cased and NFC'd, its tone mark (grave, acute, hook, tilde, dot below)
taken off, and what remains must be an optional onset consonant cluster
followed by one of the rhymes below. Syllables closed by c/ch/p/t take only
the acute or the dot-below tone. The model is a little permissive (it does
not check which onsets go with which rhymes), which is enough to score text.
"""
from __future__ import annotations

import functools
import unicodedata

_TONES = {"\u0300", "\u0301", "\u0303", "\u0309", "\u0323"}  # huyền, sắc, ngã, hỏi, nặng
_STOP_TONES = {"\u0301", "\u0323"}

ONSETS = frozenset("ngh ng gh gi nh ch kh ph qu th tr b c d đ g h k l m n p r s t v x".split())

# Toneless rhymes (vần) of standard orthography, medial o/u included.
RHYMES = frozenset("""
a ac ach ai am an ang anh ao ap at au ay
ă ăc ăm ăn ăng ăp ăt
â âc âm ân âng âp ât âu ây
e ec em en eng eo ep et
ê êch êm ên ênh êp êt êu
i ia ich im in inh ip it iu iêc iêm iên iêng iêp iêt iêu
o oc oi om on ong op ot oong ooc
oa oac oach oai oam oan oang oanh oao oap oat oay oă oăc oăm oăn oăng oăt oe oen oeo oet
ô ôc ôi ôm ôn ông ôp ôt
ơ ơi ơm ơn ơp ơt
u ua uc ui um un ung up ut uân uâng uât uây uê uêch uên uênh uơ
uy uya uych uyn uynh uyp uyt uyu uyên uyêt
uôc uôi uôm uôn uông uôt
ư ưa ưc ưi ưm ưn ưng ưt ưu ươc ươi ươm ươn ương ươp ươt ươu
y yêm yên yêt yêu
""".split())
# After "gi" the i of iê is not written: giếng, giặt... (gi + êng)
_GI_RHYMES = frozenset("êc êm ên êng êp êt êu".split())


@functools.lru_cache(maxsize=65536)
def is_syllable(word: str) -> bool:
    """True if `word` (any case, NFC or not) is a well-formed Vietnamese syllable."""
    decomposed = unicodedata.normalize("NFD", word.lower())
    tones = [ch for ch in decomposed if ch in _TONES]
    if len(tones) > 1:
        return False
    base = unicodedata.normalize("NFC", "".join(ch for ch in decomposed if ch not in _TONES))
    if not base or len(base) > 7:
        return False
    for k in (3, 2, 1, 0):
        onset, rhyme = base[:k], base[k:]
        if k and onset not in ONSETS:
            continue
        if rhyme in RHYMES or (onset == "gi" and (rhyme in _GI_RHYMES or rhyme == "")):
            if rhyme.endswith(("c", "ch", "p", "t")) and tones and tones[0] not in _STOP_TONES:
                continue
            if rhyme.endswith(("c", "ch", "p", "t")) and not tones:
                continue
            return True
    return False
