"""TRIAL entities from trial-name patterns: component ``all_trials_v1``.

Patterns (registry ids, cooperative group + protocol id, "the X trial/study" with an
all-caps or hyphenated X, acronyms with digits) live in
`extract/knowledge/trial_patterns.jsonl` and `groups.jsonl`; the component holds them
(`TrialPatternRule`, `GroupRule`) and saves them with the pipeline
(``trial_patterns.jsonl``, ``groups.jsonl``).
The matching itself is `extract.knowledge.find_trials` (no spaCy needed).
`Span._.value` = ``TrialValue(name=<text without citation>)``.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from functools import lru_cache

from spacy.language import Language
from spacy.tokens import Doc, Span

from extract.knowledge import build_trial_matcher, canonical_agent, find_trials
from extract.knowledge.rules import GroupRule, TrialPatternRule, as_rules
from extract.nlp import attributes  # noqa: F401
from extract.nlp.attributes import doc_text
from extract.nlp.spans import merge_entities
from extract.nlp.stored import StoredRules
from extract.types import AgentValue, TrialValue

# a trial name used as the name of the treatment: "treated with the CALGB 10403 regimen"
_REGIMEN_AFTER = re.compile(r"(?:-based)?\s+(?:chemotherapy\s+)?regimens?\b")


def propagate_names(text: str, found: list[tuple[int, int]], names) -> list[tuple[int, int]]:
    """`found` plus every whole-word, case-sensitive occurrence of `names` not overlapping it. Pure."""
    pattern = _names_pattern(frozenset(names))
    if pattern is None:
        return found
    out = list(found)
    for m in pattern.finditer(text):
        if not any(s < m.end() and m.start() < e for s, e in out):
            out.append(m.span())
    return sorted(out)


@lru_cache(maxsize=64)
def _names_pattern(names: frozenset) -> re.Pattern | None:
    """One pattern for a set of names, longest first; cached because every block of a
    document brings the same document-wide names (compiling them per block is quadratic)."""
    usable = sorted((n for n in names if len(n) >= 3 and any(c.isupper() for c in n)), key=lambda n: (-len(n), n))
    if not usable:
        return None
    return re.compile(r"(?<![\w\-/])(?:" + "|".join(re.escape(n) for n in usable) + r")(?![\w]|-[A-Za-z0-9])")


# an acronym in parentheses right after a trial name: "GIMEMA LAL-2216 (SHRIKE)"
_DEFINED_ACRONYM = re.compile(r"\s*\(\s*([A-Z][A-Za-z0-9]*[A-Z0-9](?:-[A-Za-z0-9]+)*)\s*\)")


def defined_names(text: str, found: list[tuple[int, int]], stop=frozenset()) -> set[str]:
    """Names of the trials found in `text` plus the acronyms defined for them in parentheses
    right after the name ("GIMEMA LAL-2216 (SHRIKE)" -> {"GIMEMA LAL-2216", "SHRIKE"}), so a
    later "In SHRIKE, ..." is the trial. Pure. An acronym is 3+ characters with 2+ capitals,
    not a stop word nor an agent name."""
    names = {text[s:e] for s, e in found}
    for _, end in found:
        m = _DEFINED_ACRONYM.match(text, end)
        if not m:
            continue
        name = m.group(1)
        if len(name) >= 3 and sum(c.isupper() for c in name) >= 2 and name not in stop \
                and canonical_agent(name) is None:
            names.add(name)
    return names


def _release_inner_agents(doc: Doc, trials) -> None:
    """A trial name that contains an agent code name with a study id glued to it
    ("MT103-211", "MT103-NOVA") is the trial: the AGENT inside it is dropped. Only when every
    entity the trial overlaps is an AGENT lying strictly inside it and the rest of the name
    holds letters or digits (a regimen word made only of agents stays an AGENT)."""
    drop = set()
    for trial in trials:
        inner = [e for e in doc.ents if e.start < trial.end and trial.start < e.end]
        if not inner or any(e.label_ != "AGENT" or e.start < trial.start or e.end > trial.end for e in inner):
            continue
        rest = trial.text
        for e in inner:
            rest = rest.replace(e.text, " ")
        if len(trial) > sum(len(e) for e in inner) and re.search(r"[A-Za-z0-9]{2,}", rest):
            drop.update((e.start, e.end) for e in inner)
    if drop:
        doc.set_ents([e for e in doc.ents if (e.start, e.end) not in drop])


class TrialTagger(StoredRules):
    stored_rules = {"trial_patterns.jsonl": ("patterns", TrialPatternRule), "groups.jsonl": ("groups", GroupRule)}

    def __init__(self, nlp: Language, name: str = "all_trials", *, patterns: list[dict] | None = None,
                 groups: list[dict] | None = None):
        self.name = name
        self.patterns: list[TrialPatternRule] = as_rules(TrialPatternRule, patterns or [])
        self.groups: list[GroupRule] = as_rules(GroupRule, groups or [])
        self._compile()

    def _compile(self) -> None:
        self._matcher = build_trial_matcher(self.patterns, self.groups) if self.patterns else None

    def add_patterns(self, patterns: Iterable[TrialPatternRule | dict],
                     groups: Iterable[GroupRule | dict] = ()) -> None:
        self.patterns.extend(as_rules(TrialPatternRule, patterns))
        self.groups.extend(as_rules(GroupRule, groups))
        self._compile()

    def names_defined_in(self, texts: Iterable[str]) -> frozenset:
        """Trial names the patterns find anywhere in `texts` (a document's blocks), with the
        acronyms defined for them in parentheses ("GIMEMA LAL-2216 (SHRIKE)"): the document
        context the caller sets as `Doc._.context_trials`."""
        if self._matcher is None:
            return frozenset()
        return frozenset(name for text in texts
                         for name in defined_names(text, find_trials(text, self._matcher), self._matcher.stop))

    def __call__(self, doc: Doc) -> Doc:
        self.set_annotations(doc, self.match(doc))
        return doc

    def match(self, doc: Doc) -> list[tuple[int, int]]:
        """Pattern matches, then every other whole-word mention of a name matched in this
        document (or given in `Doc._.context_trials`): "the TOWER study ... In TOWER, ..."."""
        if self._matcher is None:
            return []
        text = doc_text(doc)
        found = find_trials(text, self._matcher)
        names = defined_names(text, found, self._matcher.stop) | set(doc._.context_trials or ())
        return propagate_names(text, found, names)

    def set_annotations(self, doc: Doc, found: list[tuple[int, int]]) -> None:
        spans, regimens = [], []
        text = doc_text(doc)
        for start, end in found:
            span = doc.char_span(start, end, label="TRIAL", alignment_mode="strict")
            if span is None:
                span = doc.char_span(start, end, label="TRIAL", alignment_mode="contract")
            if span is None or not span.text:
                continue
            if _REGIMEN_AFTER.match(text, span.end_char):
                # "the CALGB 10403 regimen": a protocol named as the treatment given is an AGENT
                regimen = Span(doc, span.start, span.end, label="AGENT")
                name = " ".join(span.text.lower().split())
                regimen._.value = AgentValue(name, (name,))
                regimens.append(regimen)
                continue
            span._.value = TrialValue(span.text)
            spans.append(span)
        _release_inner_agents(doc, spans)
        merge_entities(doc, spans + regimens)


@Language.factory("all_trials_v1", default_config={"patterns": None, "groups": None},
                  assigns=["doc.ents", "span._.value"], requires=["doc.ents", "doc._.context_trials"])
def make_trial_tagger(nlp: Language, name: str, *, patterns: list[dict] | None,
                      groups: list[dict] | None) -> TrialTagger:
    return TrialTagger(nlp, name, patterns=patterns, groups=groups)
