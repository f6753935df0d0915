"""AGENT entities from the agent lexicon: component ``all_lexicon_v1``.

* Lexicon names and abbreviations (`extract.knowledge.find_agents`), held by the
  component as `AgentRule`s and saved with the pipeline as ``patterns.jsonl``.
* Hyphenated words (one token, see `extract.nlp.tokenizer`):
  a regimen written as one word is one span (``mini-Hyper-CVD-inotuzumab``,
  ``R-Hyper-CVAD``, ``Low-intensity-blinatumomab``); an agent glued to a non-agent
  suffix is split off it (``ponatinib-associated`` -> ``ponatinib`` + ``-associated``).
* Abbreviations defined in the document: "inotuzumab ozogamicin (IO)" makes every later
  whole-word ``IO`` an AGENT with the long form's canonical name
  (`Doc._.abbreviations`, `Doc._.context_abbreviations`).

`Span._.value` = ``AgentValue(canonical="a;b", agents=("a", "b"))``.
"""

from __future__ import annotations

import bisect
import re
from collections.abc import Iterable

from spacy.language import Language
from spacy.tokens import Doc

from extract.knowledge import ABBREVIATION_RIGHT, build_agent_lexicon, find_agents
from extract.knowledge.rules import AgentRule, as_rules
from extract.nlp import attributes  # noqa: F401
from extract.nlp.attributes import doc_text
from extract.nlp.spans import merge_entities
from extract.nlp.stored import StoredRules
from extract.textnorm import match_form
from extract.types import AgentValue

_HYPHENS = "-\u2010\u2011\u2013"
_HYPHENATED = re.compile(r"(?<![\w\-\u2010\u2011\u2013])\w[\w.]*(?:[\-\u2010\u2011\u2013]\w[\w.]*)+")
_SUFFIX = re.compile(r"[\-\u2010\u2011\u2013][A-Za-z][\w\-\u2010\u2011\u2013]*")
# words glued before an agent that are not part of its name: time ("pre-", "post-"), negation,
# or a treatment word ("chemotherapy-blinatumomab"): "[pre-]imatinib era"
_PREFIX = re.compile(r"(?i:pre|post|non|anti|peri|chemotherapy|chemo|chemoimmunotherapy|salvage|frontline|first-line)[\-\u2010\u2011\u2013]")


class AgentLexicon(StoredRules):
    stored_rules = {"patterns.jsonl": ("patterns", AgentRule)}

    def __init__(self, nlp: Language, name: str = "all_lexicon", *, patterns: list[dict] | None = None):
        self.name = name
        self.patterns: list[AgentRule] = []
        self._lex = None
        self._long_forms: dict[str, list] = {}  # long form -> its agent mentions (see long_form_mentions)
        # (text, hits) of the doc being processed: split_suffixes() finds the hits, match()
        # reuses them (splitting tokens does not change the text)
        self._cache: tuple[str, list] | None = None
        if patterns:
            self.add_patterns(patterns)

    def add_patterns(self, entries: Iterable[AgentRule | dict]) -> None:
        self.patterns.extend(as_rules(AgentRule, entries))
        self._compile()

    def _compile(self) -> None:
        self._lex = build_agent_lexicon(self.patterns) if self.patterns else None
        self._long_forms = {}

    def __call__(self, doc: Doc) -> Doc:
        if self._lex is None:
            return doc
        doc = self.split_suffixes(doc)
        self.set_annotations(doc, self.match(doc))
        return doc

    # -- find
    def mentions(self, text: str) -> list[tuple[int, int, str]]:
        return find_agents(text, self._lex) if self._lex else []

    def long_form_mentions(self, long: str) -> list[tuple[int, int, str]]:
        """`mentions` of an abbreviation's long form, memoised: every block of a document
        brings the document's definitions again (reading them per block is quadratic)."""
        if long not in self._long_forms:
            if len(self._long_forms) > 4096:
                self._long_forms.clear()
            self._long_forms[long] = self.mentions(long)
        return self._long_forms[long]

    def split_suffixes(self, doc: Doc) -> Doc:
        """Split a hyphenated word where it is not one regimen name:

        * an agent glued to a non-agent suffix: 'ponatinib-associated' -> 'ponatinib' '-associated'
          (also a defined abbreviation: 'CLO-treated' after 'clofarabine (CLO)');
        * an agent after a non-name prefix: 'pre-imatinib', 'post-blinatumomab',
          'chemotherapy-blinatumomab' -> 'pre-' 'imatinib' (`_PREFIX`);
        * a chain whose last name runs on past the word ('HyperCVAD-nelarabine-pegylated
          asparaginase'): not a one-word regimen, so every name is its own span."""
        splits = []
        text = doc_text(doc)
        all_hits = self.mentions(text)
        self._cache = (text, all_hits)  # reused by match(): the text does not change when tokens split
        hits = sorted(all_hits + self._defined_abbreviations(doc, all_hits))
        if not hits:
            return doc
        starts = [h[0] for h in hits]
        for m in _HYPHENATED.finditer(text):
            i = bisect.bisect_left(starts, m.start())
            inside = []
            while i < len(hits) and hits[i][0] < m.end():
                inside.append(hits[i])
                i += 1
            if not inside:
                continue
            word = m.group(0)
            cuts = set()
            first = inside[0][0] - m.start()
            if first > 0 and _PREFIX.fullmatch(word[:first]):
                cuts.add(first)
            crossing = inside[-1][1] > m.end()
            if crossing:
                for start, end, _ in inside:
                    cuts.update(x - m.start() for x in (start, end) if m.start() < x < m.end())
            else:
                last_end = max(e for _, e, _ in inside) - m.start()
                rest = word[last_end:]
                if rest and _SUFFIX.fullmatch(rest) and not any(s >= m.start() + last_end for s, _, _ in inside):
                    cuts.add(last_end)
            if not cuts:
                continue
            span = doc.char_span(m.start(), m.end())
            if span is not None and len(span) == 1:
                splits.append((span[0], sorted(cuts)))
        if splits:
            with doc.retokenize() as retokenizer:
                for token, cuts in splits:
                    bounds = [0] + cuts + [len(token.text)]
                    orths = [token.text[a:b] for a, b in zip(bounds, bounds[1:]) if b > a]
                    retokenizer.split(token, orths, heads=[(token, 0)] * len(orths))
        return doc

    def match(self, doc: Doc) -> list[tuple[int, int, list[str]]]:
        """(start_char, end_char, canonicals): token-aligned agent spans."""
        text = doc_text(doc)
        cached = self._cache
        hits = list(cached[1]) if cached and cached[0] is text else self.mentions(text)
        self._cache = None
        hits = self._drop_redefined(doc, text, hits)
        hits += self._defined_abbreviations(doc, hits)
        # group mentions by the token span they fall into; hyphenated tokens take the whole token
        groups: dict[tuple[int, int], list[str]] = {}
        for start, end, canonical in hits:
            span = doc.char_span(start, end, alignment_mode="expand")
            if span is None:
                continue
            key = (span.start_char, span.end_char)
            if span.end_char - span.start_char > end - start:
                # a hyphen compound: the agent must be a hyphen-delimited part of it
                inner = text[span.start_char:span.end_char]
                rel_s, rel_e = start - span.start_char, end - span.start_char
                if (rel_s > 0 and inner[rel_s - 1] not in _HYPHENS + "/") or (
                        rel_e < len(inner) and inner[rel_e] not in _HYPHENS + "/"):
                    continue
            groups.setdefault(key, [])
            if canonical not in groups[key]:
                groups[key].append(canonical)
        return [(s, e, sorted(c)) for (s, e), c in sorted(groups.items())]

    def _drop_redefined(self, doc: Doc, text: str, hits):
        """An abbreviation the document defines as something else ('immuno-oncology (IO)')
        is not an agent in that document."""
        defs: dict[str, str] = {}
        for short, long, _, _ in doc._.abbreviations or []:
            defs.setdefault(short, long)
        for short, long in (doc._.context_abbreviations or {}).items():
            defs.setdefault(short, long)
        if not defs or self._lex is None:
            return hits
        other = {short for short, long in defs.items() if short in self._lex.by_abbrev and not self.long_form_mentions(long)}
        if not other:
            return hits
        return [h for h in hits if text[h[0]:h[1]] not in other]

    def _defined_abbreviations(self, doc: Doc, hits) -> list[tuple[int, int, str]]:
        defs: dict[str, str] = {}
        for short, long, _, _ in doc._.abbreviations or []:
            defs.setdefault(short, long)
        for short, long in (doc._.context_abbreviations or {}).items():
            defs.setdefault(short, long)
        out = []
        text = doc_text(doc)
        folded = match_form(text)
        known = {folded[s:e] for s, e, _ in hits}
        for short, long in defs.items():
            if short in known or len(short) < 2:
                continue
            agents = self.long_form_mentions(long)
            if not agents:
                continue
            # the long form must end with an agent name ("inotuzumab ozogamicin (IO)")
            if agents[-1][1] < len(long.rstrip()) - 1:
                continue
            canonical = agents[-1][2]
            for m in re.finditer(rf"(?<![\w\-/]){re.escape(short)}{ABBREVIATION_RIGHT}", folded):
                out.append((m.start(), m.end(), canonical))
        return out

    def set_annotations(self, doc: Doc, found) -> None:
        spans = []
        for start, end, canonicals in found:
            span = doc.char_span(start, end, label="AGENT", alignment_mode="expand")
            if span is None:
                continue
            span._.value = AgentValue(";".join(canonicals), tuple(canonicals))
            spans.append(span)
        merge_entities(doc, spans)


@Language.factory("all_lexicon_v1", default_config={"patterns": None}, retokenizes=True,
                  assigns=["doc.ents", "span._.value"],
                  requires=["doc._.abbreviations", "doc._.context_abbreviations"])
def make_agent_lexicon(nlp: Language, name: str, *, patterns: list[dict] | None) -> AgentLexicon:
    return AgentLexicon(nlp, name, patterns=patterns)
