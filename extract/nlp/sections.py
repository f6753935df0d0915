"""Regions that hold no evidence (the reference list): component ``all_bibliography_v1``.

A line such as "References" starts the bibliography (to the end of the text); a
numbered author-list line with a year ("12. Jabbour, E.; Short, N.J.; ... 2023, 10,
e433") is one reference anywhere. Entities inside either are removed. The patterns are
data (`extract/knowledge/sections.jsonl`), held by the component as `SectionRule`s and
saved with the pipeline (``sections.jsonl``).
"""

from __future__ import annotations

import re
from collections.abc import Iterable

from spacy.language import Language
from spacy.tokens import Doc

from extract.knowledge.rules import SectionRule, as_rules
from extract.nlp.attributes import doc_text
from extract.nlp.stored import StoredRules


def compile_sections(entries: list[SectionRule]) -> tuple[list[re.Pattern], list[re.Pattern]]:
    heads = [re.compile(e.regex, re.M) for e in entries if e.type == "bibliography_heading"]
    refs = [re.compile(e.regex, re.M) for e in entries if e.type == "reference_entry"]
    return heads, refs


def excluded_ranges(text: str, compiled) -> list[tuple[int, int]]:
    """Character ranges of `text` that are bibliography. Pure."""
    heads, refs = compiled
    ranges = []
    starts = [m.start() for p in heads for m in p.finditer(text)]
    if starts:
        ranges.append((min(starts), len(text)))
    for p in refs:
        ranges.extend(m.span() for m in p.finditer(text))
    return ranges


class BibliographyFilter(StoredRules):
    stored_rules = {"sections.jsonl": ("patterns", SectionRule)}

    def __init__(self, nlp: Language, name: str = "all_bibliography", *, patterns: list[dict] | None = None):
        self.name = name
        self.patterns: list[SectionRule] = as_rules(SectionRule, patterns or [])
        self._compile()

    def add_patterns(self, entries: Iterable[SectionRule | dict]) -> None:
        self.patterns.extend(as_rules(SectionRule, entries))
        self._compile()

    def _compile(self) -> None:
        self._compiled = compile_sections(self.patterns)

    def __call__(self, doc: Doc) -> Doc:
        self.set_annotations(doc, self.match(doc))
        return doc

    def match(self, doc: Doc) -> list[tuple[int, int]]:
        return excluded_ranges(doc_text(doc), self._compiled) if self.patterns else []

    def reference_list_start(self, text: str) -> int | None:
        """Where a whole document's reference list begins (its first heading), if it has one:
        blocks from there on are not tagged at all."""
        heads = excluded_ranges(text, (self._compiled[0], []))
        return heads[0][0] if heads else None

    def set_annotations(self, doc: Doc, ranges) -> None:
        if ranges:
            doc.ents = [e for e in doc.ents if not any(a <= e.start_char < b for a, b in ranges)]


@Language.factory("all_bibliography_v1", default_config={"patterns": None},
                  assigns=["doc.ents"], requires=["doc.ents"])
def make_bibliography_filter(nlp: Language, name: str, *, patterns: list[dict] | None) -> BibliographyFilter:
    return BibliographyFilter(nlp, name, patterns=patterns)
