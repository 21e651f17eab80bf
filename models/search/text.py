"""Turning what people type into search terms, the same way on both engines.

Text is folded like the index folds it (case, accents, ligatures), split into words, French
stop words are dropped ("les", "de", "pour"...), and a plural "s" or "x" is cut so that
"concerts" also finds "concert": the engines then match each term as a prefix.
"""

from __future__ import annotations

import re

from models.text import fold

MAX_TERMS = 8
_LETTERS = str.maketrans({"œ": "oe", "æ": "ae", "ß": "ss", "ø": "o", "ł": "l", "ı": "i"})
_WORD = re.compile(r"[a-z0-9]+")

_STOP_WORDS_TEXT = """
a au aux avec ce ces cet cette d dans de des du elle en et il ils je l la le les leur
leurs lui ma mais me mes moi mon n ne nos notre nous on ou par pas pour qu que qui s sa
se ses son sur t ta te tes toi ton tu un une vos votre vous y
"""
FRENCH_STOP_WORDS = frozenset(_STOP_WORDS_TEXT.split())


def search_fold(text: str) -> str:
    """Fold `text` like the full-text index does: lower case, no accents, no ligatures."""
    return fold(text).translate(_LETTERS)


def _singular(word: str) -> str:
    if len(word) > 3 and word[-1] in "sx" and not word.endswith("ss"):
        return word[:-1]
    return word


def search_terms(text: str) -> list[str]:
    """The words to look for, folded, without stop words, in the order typed, at most 8."""
    words = _WORD.findall(search_fold(text or ""))
    terms: list[str] = []
    for word in words:
        if word in FRENCH_STOP_WORDS:
            continue
        term = _singular(word)
        if term not in terms:
            terms.append(term)
    return terms[:MAX_TERMS]
