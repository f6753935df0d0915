"""Abbreviation definitions, after Schwartz & Hearst (2003).

A. S. Schwartz and M. A. Hearst, "A simple algorithm for identifying abbreviation
definitions in biomedical text", Pacific Symposium on Biocomputing 8:451-462 (2003).

Pure functions (`short_form_candidates`, `best_long_form`, `find_abbreviations`) do the
work on plain strings; the component ``all_abbreviations_v1`` only stores the result on
``Doc._.abbreviations`` as ``(short, long, short_start, long_start)`` tuples.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from spacy.language import Language
from spacy.tokens import Doc

from extract.nlp import attributes  # noqa: F401  (declares Doc._.abbreviations)
from extract.nlp.attributes import doc_text


@dataclass(frozen=True)
class Abbreviation:
    short: str
    long: str
    short_start: int
    long_start: int


_PAREN = re.compile(r"\(([^()\n]{1,60})\)")


def is_short_form(candidate: str) -> bool:
    """S&H conditions: 2–10 characters, at most two words, a letter, first char alphanumeric."""
    s = candidate.strip()
    if not (2 <= len(s) <= 10) or len(s.split()) > 2:
        return False
    if not any(ch.isalpha() for ch in s) or not s[0].isalnum():
        return False
    return True


def best_long_form(short: str, long: str) -> int | None:
    """Start offset in `long` of the shortest suffix that contains the characters of
    `short` in order, the first one at a word start (S&H's `findBestLongForm`); None if
    there is none. Scans both strings from the right, case-insensitively."""
    s_index = len(short) - 1
    l_index = len(long) - 1
    while s_index >= 0:
        c = short[s_index].lower()
        if not c.isalnum():
            s_index -= 1
            continue
        while l_index >= 0 and (
            long[l_index].lower() != c or (s_index == 0 and l_index > 0 and long[l_index - 1].isalnum())
        ):
            l_index -= 1
        if l_index < 0:
            return None
        l_index -= 1
        s_index -= 1
    return long.rfind(" ", 0, l_index + 1) + 1


def short_form_candidates(text: str):
    """(short, short_start, preceding_text_start) for every "long form (SF)" pattern.
    A parenthesis such as "(SF; other words)" or "(SF, ...)" keeps the part before the
    first ';' or ','."""
    for m in _PAREN.finditer(text):
        inner = m.group(1)
        short = re.split(r"[;,]\s", inner, maxsplit=1)[0].strip()
        if not is_short_form(short):
            continue
        start = m.start(1) + inner.index(short)
        yield short, start, m.start()


def find_abbreviations(text: str) -> list[Abbreviation]:
    """Every "long form (SF)" definition in `text`, with character offsets."""
    found: list[Abbreviation] = []
    for short, short_start, paren_start in short_form_candidates(text):
        # window: at most min(|SF| + 5, 2|SF|) words before the parenthesis (S&H)
        max_words = min(len(re.sub(r"[^A-Za-z0-9]", "", short)) + 5, 2 * len(short))
        window_start, before_end = _word_window(text, paren_start, max_words)
        if window_start is None:
            continue
        # do not cross a sentence or clause end inside the window
        window = text[window_start:before_end]
        cut = max(window.rfind(". "), window.rfind("; "), window.rfind(": "), window.rfind("("))
        if cut >= 0:
            window_start += cut + 2 if window[cut] != "(" else cut + 1
            window = text[window_start:before_end]
        offset = best_long_form(short, window)
        if offset is None:
            continue
        long = window[offset:]
        if len(long) <= len(short) or short.lower() in long.lower().split():
            continue
        found.append(Abbreviation(short, long, short_start, window_start + offset))
    return found


# Characters looked back per window word before falling back to the whole line: the look-back
# stays bounded, so a long text costs linear time, not a copy of its prefix per candidate.
_CHARS_PER_WORD = 64


def _word_window(text: str, end: int, max_words: int) -> tuple[int | None, int]:
    """(start of the last `max_words` words of the line ending at `end`, end of those words
    with trailing space removed); (None, _) when that line has no words."""
    low = max(0, end - _CHARS_PER_WORD * max_words)
    before = text[low:end].rstrip()
    newline = before.rfind("\n")
    words = list(re.finditer(r"\S+", before[newline + 1:]))
    # the line may begin before the look-back: its first word might be cut, so it must
    # not be the one chosen; else look at the whole line
    if low > 0 and newline < 0 and len(words) <= max_words:
        low = 0
        before = text[:end].rstrip()
        newline = before.rfind("\n")
        words = list(re.finditer(r"\S+", before[newline + 1:]))
    if not words:
        return None, low + len(before)
    return low + newline + 1 + words[max(0, len(words) - max_words)].start(), low + len(before)


def abbreviation_map(text: str) -> dict[str, str]:
    """{short: long} for a whole document (first definition wins)."""
    out: dict[str, str] = {}
    for abbr in find_abbreviations(text):
        out.setdefault(abbr.short, abbr.long)
    return out


class AbbreviationDetector:
    """Stores the abbreviation definitions of the doc on `Doc._.abbreviations`."""

    def __init__(self, nlp: Language, name: str = "all_abbreviations"):
        self.name = name

    def __call__(self, doc: Doc) -> Doc:
        self.set_annotations(doc, self.match(doc))
        return doc

    def match(self, doc: Doc) -> list[Abbreviation]:
        return find_abbreviations(doc_text(doc))

    def set_annotations(self, doc: Doc, found: list[Abbreviation]) -> None:
        doc._.abbreviations = [(a.short, a.long, a.short_start, a.long_start) for a in found]


@Language.factory("all_abbreviations_v1", assigns=["doc._.abbreviations"])
def make_abbreviation_detector(nlp: Language, name: str) -> AbbreviationDetector:
    return AbbreviationDetector(nlp, name)
