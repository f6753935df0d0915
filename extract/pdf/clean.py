"""Cleaning decisions as pure functions: page furniture and end-of-line hyphens.

* Running headers, footers and page numbers are found by repetition across pages at
  the page's top or bottom edge (digits masked, so "Page 3 of 10" and "Page 4 of 10"
  are the same furniture), and by the page-number shape at an edge.
* A hyphen at a line end is removed or kept from evidence in the document itself (other
  occurrences of the joined word or of the hyphenated form) and from general rules of
  English compounding; no list of any corpus's words is involved.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Iterable, Sequence
from dataclasses import dataclass

# Lines of each page edge examined for furniture (a header can be two lines).
EDGE_ROWS = 2
# A masked edge text seen on at least this share of pages (and at least twice) is furniture.
REPEAT_SHARE = 0.3

_PAGE_NUMBER = re.compile(
    r"^(?:page\s*)?[ivxlc\d]+(?:\s*(?:of|/)\s*\d+)?$|^[-–—]\s*\d+\s*[-–—]$", re.IGNORECASE)
_URL_ONLY = re.compile(r"^(?:https?://|www\.|doi:\s*|https?://doi\.org/)\S+$", re.IGNORECASE)


@dataclass(frozen=True, slots=True)
class EdgeLine:
    """A line at a page edge: page index, its key inside that page, text, vertical position."""

    page: int
    key: int
    text: str
    top: float  # share of page height, 0 = top edge
    at_top: bool
    outermost: bool = True  # on the very first or last text row of the page


def mask_digits(text: str) -> str:
    """Furniture key: digits collapsed to '#', whitespace normalised, case folded."""
    return re.sub(r"\d+", "#", " ".join(text.split())).casefold()


def is_page_number(text: str) -> bool:
    return bool(_PAGE_NUMBER.match(" ".join(text.split())))


def is_url_only(text: str) -> bool:
    return bool(_URL_ONLY.match(text.strip()))


def find_furniture(edge_lines: Sequence[EdgeLine], n_pages: int) -> set[tuple[int, int]]:
    """(page, key) of edge lines that are running headers, footers or page numbers.

    Furniture is a masked text repeated at the same edge on several pages, a page number
    on the outermost row, or an edge line that starts with a repeated furniture text (a first-page
    footer that extends the running header with a DOI).
    """
    counts: Counter[tuple[bool, str]] = Counter()
    pages_seen: dict[tuple[bool, str], set[int]] = {}
    for line in edge_lines:
        ident = (line.at_top, mask_digits(line.text))
        pages_seen.setdefault(ident, set()).add(line.page)
    for ident, pages in pages_seen.items():
        counts[ident] = len(pages)
    needed = max(2, round(REPEAT_SHARE * n_pages))
    repeated = {ident for ident, n in counts.items() if n >= needed and len(ident[1]) >= 2}
    repeated_texts = [text for _, text in repeated if len(text) >= 8]

    furniture = set()
    for line in edge_lines:
        masked = mask_digits(line.text)
        if (line.at_top, masked) in repeated or (n_pages > 1 and (line.at_top, masked) in _either_edge(repeated, masked)):
            furniture.add((line.page, line.key))
        elif line.outermost and is_page_number(line.text):
            furniture.add((line.page, line.key))
        elif any(masked.startswith(text) for text in repeated_texts):
            furniture.add((line.page, line.key))
    return furniture


@dataclass(frozen=True, slots=True)
class EdgeRow:
    """One text row at a page edge, for furniture found on a page by itself: its texts
    (one per segment), size, height, the whitespace between it and the next row inward,
    the page-edge distance (share of page height) and the share of the page width that
    its segments spread over."""

    texts: tuple[str, ...]
    size: float
    height: float
    gap_inward: float
    edge_distance: float
    spread: float


# An edge row set off from the text by this many of its own heights is furniture ...
ISOLATED_GAP = 1.5
# ... when its segments are short (a running title, "Download date: ...", a page number).
MAX_FURNITURE_WORDS = 12
# A row in the page's outer margin (this share of the page height from the edge) is
# furniture whatever its spacing ("Downloaded from ..." stamped over the top margin).
MARGIN_ZONE = 0.025


def is_edge_furniture(row: EdgeRow, body_size: float, single_page: bool) -> bool:
    """Whether an edge row (outermost, or the next one in once the outer one is
    furniture) is a header or footer, judged on its own page: no larger than the body
    text and short, and either in the page's outer margin, or (on a document of one
    page, where nothing repeats) set off from the text by a wide gap or made of short
    pieces spread across the page (left, centre, right: "Revision 2.4   P/N 119-036
    10 June 2019"). On longer documents repetition finds the rest (`find_furniture`)."""
    if any(len(t.split()) > MAX_FURNITURE_WORDS for t in row.texts):
        return False
    spread_pieces = len(row.texts) >= 2 and row.spread >= 0.6 and all(len(t.split()) <= 4 for t in row.texts)
    if row.size > (1.5 if spread_pieces else 1.1) * body_size:
        return False  # a title, not a running head
    if row.edge_distance <= MARGIN_ZONE:
        return True
    if not single_page:
        return False
    return row.gap_inward >= ISOLATED_GAP * row.height or spread_pieces


def _either_edge(repeated: set[tuple[bool, str]], masked: str) -> set[tuple[bool, str]]:
    # Alternating headers (even/odd pages) may sit at one edge only; a repeated text
    # counts at both edges.
    if (True, masked) in repeated or (False, masked) in repeated:
        return {(True, masked), (False, masked)}
    return set()


# ---------------------------------------------------------------------------------------
# End-of-line hyphens

_COMPOUND = re.compile(r"[^\W\d_]+(?:-[^\W\d_]+)+")
_LETTERS = re.compile(r"[^\W\d_]+")
_LEADING = re.compile(r"^[^\w]+")
_TRAILING = re.compile(r"[^\w]+$")

# English prefixes that stay hyphenated before a word (low-dose, non-relapse, self-report).
# Prefixes usually closed up (inter-, over-, pre-, anti-) are left to the evidence.
HYPHEN_PREFIXES = frozenset({
    "non", "self", "well", "ill", "low", "high", "long", "short", "full", "half", "cross",
    "double", "single", "first", "second", "third", "next", "near", "mid",
})
# Common second elements of hyphenated compound adjectives (X-based, X-free, ...).
COMPOUND_HEADS = frozenset({
    "based", "free", "related", "directed", "dependent", "specific", "positive", "negative",
    "induced", "associated", "mediated", "targeted", "derived", "driven", "risk", "dose",
    "term", "year", "month", "week", "wide", "naive", "resistant", "sensitive", "containing",
    "adjusted", "matched", "controlled", "treated", "refractory", "inspired", "intensive",
})
_VOWELS = "aeiou"


class Vocabulary:
    """Word counts of one document, for deciding end-of-line hyphens."""

    def __init__(self, texts: Iterable[str] = ()) -> None:
        self.counts: Counter[str] = Counter()
        for text in texts:
            self.add(text)

    def add(self, text: str) -> None:
        for match in _LETTERS.finditer(text):
            self.counts[match.group(0).casefold()] += 1
        for match in _COMPOUND.finditer(text):
            self.counts[match.group(0).casefold()] += 1

    @classmethod
    def from_lines(cls, lines: Iterable[str]) -> "Vocabulary":
        """Vocabulary of lines in reading order, leaving out the two halves of every word
        split by a line-end hyphen (they are what is to be decided, not evidence)."""
        vocab = cls()
        split_before = False
        for line in lines:
            words = line.split()
            if not words:
                continue
            start = 1 if split_before else 0
            split_before = words[-1].endswith(("-", "\u2010", "\u00ad")) and len(words[-1]) > 1
            end = len(words) - 1 if split_before else len(words)
            vocab.add(" ".join(words[start:end]))
        return vocab

    def __getitem__(self, word: str) -> int:
        return self.counts.get(word.casefold(), 0)

    def inflected(self, word: str) -> int:
        """Occurrences of `word` or a plural of it (guideline, guidelines)."""
        word = word.casefold()
        forms = {word, word + "s", word + "es"}
        if word.endswith("s"):
            forms.add(word[:-1])
        return sum(self.counts.get(form, 0) for form in forms)


def _core(text: str) -> str:
    return _TRAILING.sub("", _LEADING.sub("", text))


def keep_line_end_hyphen(left: str, right: str, vocab: Vocabulary) -> bool:
    """Decide whether the hyphen ending `left` (a word at a line end, hyphen included)
    is part of the word (True: keep, join without space) or a line-break hyphen (False:
    drop it and join the halves).

    A hyphen after a digit or symbol is kept ("CD19-directed", "(Ph)-positive"). Then
    the document's own uses of the joined word and of the hyphenated form (plurals
    included) decide. Without evidence, general rules of English: a capital after the
    hyphen (anti-CD20, Hyper-CVAD), a hyphen already inside the left word
    (mini-Hyper-CVD-...), an abbreviation before it (MRD-), a prefix kept hyphenated
    (low-, non-, self-), a common compound head (-free, -based, -directed), a doubled
    vowel (anti-inflammatory), or two halves that are both words of the document.
    Otherwise the hyphen is a line-break hyphen.
    """
    head = _core(left.rstrip("-\u2010\u00ad"))
    tail = _core(right)
    if not head or not tail:
        return True
    head_letters = _LETTERS.findall(head)
    tail_letters = _LETTERS.match(tail)
    if not head_letters or tail_letters is None or not head.endswith(head_letters[-1]):
        return True  # the hyphen follows a digit, bracket or symbol: "(Ph)-", "10-"
    head_part, tail_part = head_letters[-1], tail_letters.group(0)
    joined = vocab.inflected(head_part + tail_part)
    hyphenated = vocab.inflected(f"{head_part}-{tail_part}")
    if joined or hyphenated:
        return hyphenated > joined
    if tail_part[0].isupper() or head_part[-1].isdigit():
        return True
    if head_part != head:  # already a hyphenated compound: keep chaining
        return True
    if head_part.isupper() and len(head_part) > 1:  # abbreviation such as "MRD-"
        return True
    if len(tail_part) >= 4 and head_part.casefold() in HYPHEN_PREFIXES:
        return True
    if len(head_part) >= 3 and tail_part.casefold() in COMPOUND_HEADS:
        return True
    if len(tail_part) >= 4 and head_part[-1] in _VOWELS and head_part[-1] == tail_part[0]:
        return True  # a doubled vowel is kept apart: anti-inflammatory, re-enter, co-opted
    # Both halves are words of their own elsewhere in the document and the joined
    # word never occurs: a compound ("earlier-generation"), not a split word.
    return min(len(head_part), len(tail_part)) >= 3 and vocab[head_part] > 0 and vocab[tail_part] > 0


def join_hyphenated(left: str, right: str, vocab: Vocabulary) -> str:
    """The word formed by a line ending in `left` (with its hyphen) and starting with `right`."""
    if left.endswith("\u00ad"):  # soft hyphen: always a break
        return left[:-1] + right
    if keep_line_end_hyphen(left, right, vocab):
        return left + right
    return left[:-1] + right
