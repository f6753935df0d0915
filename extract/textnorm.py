"""Unicode handling shared by every stage.

Text is kept faithful to the document (− ≥ ≤ – ∆ stay as printed). For matching, two
normalised forms exist:

* `match_form(text)` is **length-preserving**: each character maps to exactly one
  character, so offsets found in the normalised string index the original. It folds
  dash/minus variants to "-", no-break and thin spaces to " ", Greek capital delta and
  the increment sign to "∆", single-character superscripts/subscripts to their digits.
* `nfkc_form(text)` is Unicode NFKC plus the same folding; lengths may change
  (ligature "ﬁ" -> "fi"). Use it to compare texts, not to compute offsets.
"""

from __future__ import annotations

import unicodedata
from functools import lru_cache

LIGATURES = {"ﬀ": "ff", "ﬁ": "fi", "ﬂ": "fl", "ﬃ": "ffi", "ﬄ": "ffl", "ﬅ": "st", "ﬆ": "st"}

_FOLD = {
    # dashes and minus signs -> ASCII hyphen-minus
    "\u2010": "-", "\u2011": "-", "\u2012": "-", "\u2013": "-", "\u2014": "-",
    "\u2015": "-", "\u2212": "-", "\u207b": "-", "\u208b": "-", "\ufe63": "-", "\uff0d": "-",
    # spaces
    "\u00a0": " ", "\u2002": " ", "\u2003": " ", "\u2009": " ", "\u200a": " ", "\u202f": " ",
    # delta-like footnote markers
    "\u0394": "∆", "\u25b3": "∆",
    # superscript/subscript signs that NFKC would otherwise change
    "\u207a": "+", "\u208a": "+",
}
for _digit in range(10):
    _FOLD[unicodedata.lookup(f"SUPERSCRIPT {['ZERO','ONE','TWO','THREE','FOUR','FIVE','SIX','SEVEN','EIGHT','NINE'][_digit]}")] = str(_digit)
    _FOLD[chr(0x2080 + _digit)] = str(_digit)

_FOLD_TABLE = str.maketrans(_FOLD)


def expand_ligatures(text: str) -> str:
    """Replace typographic ligature glyphs by their letters (ﬁ -> fi)."""
    if not any(ch in LIGATURES for ch in text):
        return text
    return "".join(LIGATURES.get(ch, ch) for ch in text)


@lru_cache(maxsize=4096)
def match_form(text: str) -> str:
    """Length-preserving folding for matching: offsets stay valid. Cached: every component
    folds the same sentence and block texts again."""
    return text.translate(_FOLD_TABLE)


def nfkc_form(text: str) -> str:
    """NFKC plus folding and whitespace collapsed: for comparing texts."""
    folded = unicodedata.normalize("NFKC", expand_ligatures(text)).translate(_FOLD_TABLE)
    return " ".join(folded.split())
