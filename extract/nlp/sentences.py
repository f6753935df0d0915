"""Rule-based sentence boundaries for biomedical prose: component ``all_sentencizer_v1``.

A sentence ends after ``.``, ``?`` or ``!`` when

* the token before is not an abbreviation that takes a period ("et al.", "Fig.", "vs.",
  "approx.", "e.g.", "i.e.", "No.", ...),
* the period is not inside a matched pair of brackets ("(range, 18 to 88 years.)" is
  rare, "(i.e., 45 mg ...)" common), and
* the next word starts like a sentence (capital letter, digit, bracket or quote, or an
  abbreviation with a lower-case prefix such as "pEFS" or "mRNA").

A line break ends a sentence (headings, table rows, figure captions), except a single one
inside hard-wrapped prose: the line before ends in a word or number without punctuation and
the next line starts with a lower-case letter.
Decimal numbers are single tokens, so they never end a sentence.
"""

from __future__ import annotations

import numpy
from spacy.attrs import SENT_START
from spacy.language import Language
from spacy.tokens import Doc

ABBREVIATIONS = frozenset(
    "al fig figs vs v approx ca cf eg ie e.g i.e no nos ref refs dr drs prof tab suppl vol "
    "pp p resp etc incl dept univ jr sr st mt ed eds inc ltd co corp min max mo mos wk wks "
    "yr yrs hr hrs pt pts sec eq eqs est dl ml mg kg".split()
)
_OPEN, _CLOSE = "([{", ")]}"
_ENDERS = frozenset(".?!")


def sentence_starts(words: list[str]) -> list[bool]:
    """Pure function: `is_sent_start` per token from the token texts."""
    n = len(words)
    starts = [False] * n
    if n == 0:
        return starts
    starts[0] = True
    inside = _inside_brackets(words)
    for i, word in enumerate(words):
        if i + 1 >= n:
            break
        if "\n" in word:
            if not _wrapped_line(words, i):
                starts[i + 1] = True
            continue
        if word not in _ENDERS:  # "e.g.", "vs." are single tokens and never end a sentence
            continue
        if inside[i]:
            continue
        prev = words[i - 1].lower() if i > 0 else ""
        if word == "." and prev.rstrip(".") in ABBREVIATIONS:
            continue
        if word == "." and len(prev) == 1 and prev.isalpha():  # initials: "J. Smith"
            continue
        if word == "." and prev[:1].isdigit() and (i < 2 or "\n" in words[i - 2]):  # "1. Introduction", "4.1. Methods"
            continue
        j = i + 1
        while j < n and words[j] in ('"', "'", "”", "’", ")", "]") and not inside[j]:
            j += 1
        while j < n and words[j].isspace() and "\n" not in words[j]:
            j += 1
        if j >= n:
            break
        nxt = words[j]
        first = nxt[0]
        if first.isupper() or first.isdigit() or first in "([\"'“‘" or "\n" in nxt or _capitalised_inside(nxt):
            starts[j] = True
    return starts


def _capitalised_inside(word: str) -> bool:
    """An abbreviation written with a lower-case prefix ("pEFS", "mRNA", "iPSC") starts a
    sentence like a capitalised word."""
    return word[:1].islower() and any(c.isupper() for c in word[1:])


def _wrapped_line(words: list[str], i: int) -> bool:
    """A single line break inside a sentence of hard-wrapped text ("58 patients achieved a\n
    complete remission"): the line before ends without punctuation and the next starts with a
    lower-case letter."""
    if words[i].count("\n") != 1 or i == 0 or i + 1 >= len(words) or "\t" in words[i]:
        return False
    prev, nxt = words[i - 1], words[i + 1]
    return (prev[-1:].isalnum() or prev[-1:] in ",+") and nxt[:1].islower()


def _inside_brackets(words: list[str]) -> list[bool]:
    """True for tokens strictly inside a matched bracket pair on the same line."""
    inside = [False] * len(words)
    stack: list[int] = []
    pairs: list[tuple[int, int]] = []
    for i, word in enumerate(words):
        if "\n" in word:
            stack.clear()
        elif word in _OPEN:
            stack.append(i)
        elif word in _CLOSE and stack:
            pairs.append((stack.pop(), i))
    diff = [0] * (len(words) + 1)
    for a, b in pairs:
        diff[a + 1] += 1
        diff[b] -= 1
    depth = 0
    for i in range(len(words)):
        depth += diff[i]
        inside[i] = depth > 0
    return inside


class SentenceSegmenter:
    """Sets `Token.is_sent_start` on every token."""

    def __init__(self, nlp: Language, name: str = "all_sentencizer"):
        self.name = name

    def __call__(self, doc: Doc) -> Doc:
        starts = self.match(doc)
        self.set_annotations(doc, starts)
        return doc

    def match(self, doc: Doc) -> list[bool]:
        return sentence_starts([t.text for t in doc])

    def set_annotations(self, doc: Doc, starts: list[bool]) -> None:
        if not len(doc):
            return
        array = numpy.asarray([1 if start else -1 for start in starts], dtype="int64").view("uint64")
        doc.from_array([SENT_START], array)


@Language.factory("all_sentencizer_v1", assigns=["token.is_sent_start"])
def make_sentencizer(nlp: Language, name: str) -> SentenceSegmenter:
    return SentenceSegmenter(nlp, name)
