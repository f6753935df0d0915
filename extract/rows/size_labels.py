"""What the patients a size counts are, in the sentence's words (spec §2.1 cohort sizes).

"295 were eligible and evaluable" -> "eligible and evaluable"; "T-ALL (n = 34)" ->
"T-ALL"; "318 were enrolled" -> "" (the whole cohort). The cue words are data
(`row_cues.jsonl`: size_label_after, size_bracket, size_label_opener, size_whole,
size_label_verb, denominator_label).
"""

from __future__ import annotations

import re

from extract.rows.cues import cue
from extract.rows.mentions import Mention, Sentence

_CITATION = re.compile(r"\s*\[\d[\d,\s\u2013-]*\]")  # "[119]", "[12, 14–16]"


def size_label(sentence: Sentence, n: Mention, previous_end: int) -> str:
    """What the patients counted by `n` are, in the sentence's words ("" for the whole
    cohort). `previous_end`: where the text about an earlier size ends."""
    before = sentence.between(previous_end, n.start)
    bracket = cue("size_bracket").search(before)
    if bracket:
        head = before[:bracket.start()]
        openers = list(cue("size_label_opener").finditer(head))
        label = head[openers[-1].end():] if openers else head
        head_start = previous_end + (openers[-1].end() if openers else 0)
        if any(head_start <= m.start < n.start for m in sentence.of("TRIAL")):
            return ""  # "the X trial (N = 232)": the study's own size
    else:
        found = cue("size_label_after").match(sentence.between(n.end, sentence.end))
        label = cue("size_label_verb").sub("", found.group("x")) if found else ""
    label = _CITATION.sub("", label).strip().rstrip(".:").strip()
    return "" if cue("size_whole").match(label) else label


def size_part(sentence: Sentence, n: Mention) -> tuple[int, int]:
    """The stretch of the sentence about `n`: from the size before it to the size after."""
    sizes = sorted(m.start for m in sentence.of("N"))
    before = [sentence.start, *(s for s in sizes if s < n.start)]
    after = [*(s for s in sizes if s > n.start), sentence.end]
    previous = max(before)
    end_of_previous = next((m.end for m in sentence.of("N") if m.start == previous), previous)
    return end_of_previous, min(after)


def counts_a_part(sentence: Sentence, n: Mention) -> bool:
    """The size counts a part of its cohort named by a feature ("poor responders (n = 30)",
    "12 had Ph-positive ALL"), not the denominator of the figures that follow
    ("176 were evaluable", "of the 55 patients treated")."""
    label = size_label(sentence, n, size_part(sentence, n)[0])
    clause = re.split(r"[,;()]", sentence.between(n.end, sentence.end), maxsplit=1)[0]  # "110 with X were evaluable"
    return bool(label) and not cue("denominator_label").search(f"{label} {clause}")
