"""Cue phrases of the linking rules, read from ``extract/knowledge/row_cues.jsonl``.

The rules name a cue (``cue("comparison")``); its words are data, so a reviewer can
extend them without touching code. A word list several cues share (``{PATIENT}``) is
defined once in the file as a placeholder. Each line is checked by `RowCueRule` when
this module is imported, so a typo'd key fails before any document is read.
"""

from __future__ import annotations

import re
from functools import lru_cache

from extract.knowledge import read_rules
from extract.knowledge.rules import RowCueRule


@lru_cache(maxsize=None)
def row_cue_rules() -> tuple[RowCueRule, ...]:
    return read_rules(RowCueRule)


row_cue_rules()  # read and checked at import: a bad line fails before any document is read


@lru_cache(maxsize=None)
def _cues() -> dict[str, re.Pattern]:
    rules = row_cue_rules()
    fill = {"{%s}" % rule.placeholder: rule.regex for rule in rules if rule.placeholder}
    return {rule.name: re.compile(_filled(rule.regex, fill), re.I) for rule in rules if rule.name}


def _filled(regex: str, fill: dict[str, str]) -> str:
    """`regex` with each ``{NAME}`` placeholder replaced by its shared fragment."""
    for key, value in fill.items():
        regex = regex.replace(key, value)
    return regex


def cue(name: str) -> re.Pattern:
    """Compiled pattern of one named cue (KeyError for an unknown name)."""
    return _cues()[name]


def has(name: str, text: str) -> bool:
    return bool(cue(name).search(text))


_CITATION = re.compile(r"\[(\d[\d,\s\u2013\-]*)\]")


def citations(text: str) -> frozenset[int]:
    """Reference numbers cited in a sentence: "[67, 116–118]" -> {67, 116, 117, 118}."""
    numbers: set[int] = set()
    for group in _CITATION.findall(text):
        for part in group.split(","):
            bounds = [int(b) for b in re.split(r"[\u2013\-]", part.strip()) if b.strip().isdigit()]
            if len(bounds) == 2 and 0 <= bounds[1] - bounds[0] <= 50:
                numbers.update(range(bounds[0], bounds[1] + 1))
            else:
                numbers.update(bounds)
    return frozenset(numbers)
