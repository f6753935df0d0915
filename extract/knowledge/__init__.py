"""Domain knowledge as package data, with tiny loaders usable without spaCy.

Data files (JSONL, one object a line) live beside this module and are read with
`importlib.resources`, each line through the rule class of its file
(`extract.knowledge.rules`), which rejects an unknown or missing key with the file and
line when the pipeline is built:

* ``agents.jsonl``    – ``{"canonical", "kind", "names": [...], "abbreviations": [...]}``.
  ``names`` match case-insensitively (all-caps names of ≤ 6 letters, e.g. POMP, match
  case-sensitively); spaces and hyphens inside a name match either separator or none
  ("hyper-CVAD" = "HyperCVAD"). ``abbreviations`` ("InO", "IO", "blina") match only
  exactly, as whole words not joined by a hyphen to another word.
* ``groups.jsonl``    – cooperative groups / study-group acronyms.
* ``trial_patterns.jsonl`` – regular expressions for trial names (see `find_trials`).
* ``cues.jsonl``      – cue words for the numeric labels (CR, MRD, OS, N, AGE).
* ``sections.jsonl``  – bibliography heading / reference-entry patterns.
* ``row_cues.jsonl``, ``table_headers.jsonl`` – read by the rows and tables stages.

Public functions: `canonical_agent`, `find_agents`, `find_trials`, `read_rules`,
`agent_entries`, `group_entries`, `trial_pattern_entries`, `cue_entries`, `section_entries`
(the last five give rule objects).
"""

from __future__ import annotations

import bisect
import re
from collections.abc import Iterable
from dataclasses import dataclass
from functools import lru_cache
from importlib import resources

from extract.fileio import read_numbered_jsonl
from extract.knowledge.rules import (
    AgentRule,
    CueRule,
    CueWords,
    GroupRule,
    MrdMethodCue,
    SectionRule,
    StudyAliasRule,
    TrialPatternRule,
)
from extract.textnorm import match_form

_PACKAGE = "extract.knowledge"
_BOUNDARY_L = r"(?<![A-Za-z0-9])"
_BOUNDARY_R = r"(?![A-Za-z0-9])"
# abbreviations: not glued to another word by a hyphen either ("INO-VATE" is a trial), except
# an adjectival lower-case suffix that ends the word ("InO-related", "IO-based")
_STRICT_L = r"(?<![A-Za-z0-9\-/])"
ADJECTIVE_SUFFIX = r"-[a-z]{4,}(?![A-Za-z0-9\-])"
ABBREVIATION_RIGHT = rf"(?![A-Za-z0-9]|-(?!{ADJECTIVE_SUFFIX[1:]})[A-Za-z0-9])"


# the folder of the data files (a test points it at a copy with a broken line)
DATA_DIR = resources.files(_PACKAGE)


def read_rules(rule_class) -> tuple:
    """The lines of `rule_class.FILE` in `DATA_DIR` as rules (blank lines and `//` comments
    skipped); a bad line raises `RuleDataError` naming the file and line."""
    source = DATA_DIR.joinpath(rule_class.FILE)
    return tuple(rule_class.from_dict(obj, f"{source}:{line}") for line, obj in read_numbered_jsonl(source))


@lru_cache(maxsize=None)
def agent_entries() -> tuple[AgentRule, ...]:
    return read_rules(AgentRule)


@lru_cache(maxsize=None)
def group_entries() -> tuple[GroupRule, ...]:
    return read_rules(GroupRule)


@lru_cache(maxsize=None)
def trial_pattern_entries() -> tuple[TrialPatternRule, ...]:
    return read_rules(TrialPatternRule)


@lru_cache(maxsize=None)
def cue_entries() -> tuple:
    """MeasureCue, CueWords and MrdMethodCue rules, in file order."""
    return read_rules(CueRule)


@lru_cache(maxsize=None)
def section_entries() -> tuple[SectionRule, ...]:
    """Bibliography heading / reference-entry patterns (sections.jsonl)."""
    return read_rules(SectionRule)


@lru_cache(maxsize=None)
def study_alias_entries() -> tuple[StudyAliasRule, ...]:
    """Studies and the other names they are reported under (study_aliases.jsonl)."""
    return read_rules(StudyAliasRule)


def cue_words(name: str) -> tuple[str, ...]:
    """The words of the named word list of cues.jsonl (empty when there is none)."""
    return next((e.words for e in cue_entries() if isinstance(e, CueWords) and e.name == name), ())


def names_regex(names, abbreviations) -> re.Pattern:
    """Names match case-insensitively with flexible separators; abbreviations exactly."""
    parts = [r"(?i:" + name_regex(n) + ")" for n in names]
    parts += [re.escape(a) for a in abbreviations]
    parts.sort(key=len, reverse=True)
    return re.compile(rf"(?<![A-Za-z0-9])(?:{'|'.join(parts) or '(?!x)x'})(?![A-Za-z0-9])")


@lru_cache(maxsize=None)
def mrd_method_patterns() -> tuple[tuple[re.Pattern, str], ...]:
    """(pattern, method) per MRD assay of cues.jsonl: one source for text and tables."""
    return tuple((names_regex(e.names, e.abbreviations), e.method)
                 for e in cue_entries() if isinstance(e, MrdMethodCue))


# ---------------------------------------------------------------- agents


def _key(name: str) -> str:
    """Lookup key of a name: folded dashes, lower case, separators removed."""
    return re.sub(r"[\s\-]+", "", match_form(name).lower())


def _is_caps_name(name: str) -> bool:
    letters = re.sub(r"[^A-Za-z]", "", name)
    return bool(letters) and letters.isupper() and len(letters) <= 6


def name_regex(name: str) -> str:
    """Regex source for one lexicon name: separators flexible, dashes folded."""
    parts = [p for p in re.split(r"[\s\-\u2010-\u2015\u2212]+", match_form(name)) if p]
    return r"[\s\-]?".join(re.escape(p) for p in parts)


@dataclass(frozen=True)
class _AgentLexicon:
    by_key: dict  # folded key -> canonical (names)
    by_abbrev: dict  # exact abbreviation -> canonical
    names_ci: re.Pattern | None
    names_cs: re.Pattern | None
    abbrevs: re.Pattern | None
    regexes: tuple  # (compiled regex, canonical template) for pattern entries
    components: dict  # canonical -> component canonicals (R-hyper-CVAD -> hyper-cvad, rituximab)


def build_agent_lexicon(entries: Iterable[AgentRule]) -> _AgentLexicon:
    """Compile lexicon entries (the rules of agents.jsonl) into matchers."""
    by_key: dict[str, str] = {}
    by_abbrev: dict[str, str] = {}
    ci: list[str] = []
    cs: list[str] = []
    regexes: list = []
    components: dict[str, tuple[str, ...]] = {}
    for entry in entries:
        canonical = entry.canonical
        if entry.regex is not None:
            regexes.append((re.compile(entry.regex, re.I if entry.ignore_case else 0), canonical))
            continue
        if entry.components:
            components[canonical] = tuple(entry.components)
        by_key.setdefault(_key(canonical), canonical)
        for name in entry.names:
            by_key.setdefault(_key(name), canonical)
            (cs if _is_caps_name(name) else ci).append(name)
        for abbr in entry.abbreviations:
            by_abbrev.setdefault(abbr, canonical)

    def compile_(names: list[str], flags: int, left: str, right: str, plain: bool = False) -> re.Pattern | None:
        if not names:
            return None
        uniq = sorted(set(names), key=lambda n: (-len(n), n))
        body = "|".join(re.escape(n) if plain else name_regex(n) for n in uniq)
        return re.compile(f"{left}(?:{body}){right}", flags)

    return _AgentLexicon(
        by_key=by_key,
        by_abbrev=by_abbrev,
        names_ci=compile_(ci, re.I, _BOUNDARY_L, _BOUNDARY_R),
        names_cs=compile_(cs, 0, _BOUNDARY_L, _BOUNDARY_R),
        abbrevs=compile_(list(by_abbrev), 0, _STRICT_L, ABBREVIATION_RIGHT, plain=True),
        regexes=tuple(regexes),
        components=components,
    )


@lru_cache(maxsize=1)
def _lexicon() -> _AgentLexicon:
    return build_agent_lexicon(agent_entries())


def canonical_agent(name: str, lexicon: _AgentLexicon | None = None) -> str | None:
    """Canonical lower-case name of one agent mention, or None if it is not a known agent.

    'Inotuzumab ozogamicin', 'InO', 'Besponsa' -> 'inotuzumab'; 'HyperCVAD' -> 'hyper-cvad';
    'TKIs' -> None. A string naming several agents ('Blinatumomab and inotuzumab') is
    not one agent: use `find_agents`.
    """
    lex = lexicon or _lexicon()
    s = match_form(name).strip()
    if not s:
        return None
    if s in lex.by_abbrev:
        return lex.by_abbrev[s]
    found = lex.by_key.get(_key(s))
    if found is None:
        hits = find_agents(s, lex)
        if len(hits) == 1 and hits[0][0] == 0 and hits[0][1] == len(s):
            found = hits[0][2]
    return found


def find_agents(text: str, lexicon: _AgentLexicon | None = None) -> list[tuple[int, int, str]]:
    """Agent mentions in `text`: sorted, non-overlapping (start, end, canonical).

    Leftmost-longest over the whole lexicon; offsets index `text` exactly.
    'Mini-Hyper-CVD-Inotuzumab' -> [(0, 14, 'mini-hyper-cvd'), (15, 25, 'inotuzumab')].
    A combination name ('R-Hyper-CVAD') yields one tuple per component, with the same
    offsets (the only case where tuples share characters).
    """
    lex = lexicon or _lexicon()
    folded = match_form(text)
    found: list[tuple[int, int, str]] = []
    for pattern, exact in ((lex.names_ci, False), (lex.names_cs, False), (lex.abbrevs, True)):
        if pattern is None:
            continue
        for m in pattern.finditer(folded):
            surface = m.group(0)
            canonical = lex.by_abbrev.get(surface) if exact else lex.by_key.get(_key(surface))
            if canonical:
                found.append((m.start(), m.end(), canonical))
    for pattern, template in lex.regexes:
        for m in pattern.finditer(folded):
            found.append((m.start(), m.end(), template.format(**{k: v.lower() for k, v in m.groupdict().items() if v})))
    found = _leftmost_longest(found)
    found += _compound_abbreviations(folded, found, lex)
    out = []
    for start, end, canonical in _leftmost_longest(found):
        # a combination name (R-hyper-CVAD) gives one mention per component, same offsets
        out.extend((start, end, c) for c in lex.components.get(canonical, (canonical,)))
    return out


def _compound_abbreviations(text: str, found, lex: _AgentLexicon) -> list[tuple[int, int, str]]:
    """Abbreviations inside a hyphenated regimen word next to a named agent:
    'mini-hyper-CVD-InO' -> InO. (Alone, 'INO-VATE' is not an agent.)"""
    out = []
    if not lex.by_abbrev or not found:
        return out
    starts = [f[0] for f in found]
    for m in re.finditer(r"[A-Za-z0-9]+(?:[\-/][A-Za-z0-9]+)+", text):
        i = bisect.bisect_left(starts, m.start())
        if not (i < len(found) and found[i][1] <= m.end()):
            continue
        for part in re.finditer(r"[A-Za-z0-9]+", m.group(0)):
            s, e = m.start() + part.start(), m.start() + part.end()
            j = bisect.bisect_right(starts, s) - 1
            if part.group(0) in lex.by_abbrev and not (j >= 0 and found[j][0] <= s < found[j][1]):
                out.append((s, e, lex.by_abbrev[part.group(0)]))
    return out


def _leftmost_longest(spans: list[tuple[int, int, str]]) -> list[tuple[int, int, str]]:
    spans = sorted(spans, key=lambda s: (s[0], -(s[1] - s[0])))
    out: list[tuple[int, int, str]] = []
    last_end = -1
    for span in spans:
        if span[0] >= last_end:
            out.append(span)
            last_end = span[1]
    return out


def agent_names(text: str) -> list[str]:
    """Sorted unique canonical agents named in `text` ('Blinatumomab and inotuzumab' -> both)."""
    return sorted({c for _, _, c in find_agents(text)})


# ---------------------------------------------------------------- trials


@dataclass(frozen=True)
class TrialMatcher:
    patterns: tuple[tuple[re.Pattern, int], ...]  # (regex, group to mark)
    stop: frozenset = frozenset()  # names that are never trials (ALL, MRD, CD19, ...)


def build_trial_matcher(entries: Iterable[TrialPatternRule], groups: Iterable[GroupRule] = ()) -> TrialMatcher:
    """Compile trial-pattern rules (a `regex` with its `flags` and `group`, or a `stop` list).

    Placeholders: ``{GROUP}`` = every cooperative group name in `groups`;
    ``{STUDY_GROUP}`` = groups without ``needs_id`` (institutions/registries excluded);
    ``{GROUP_LONG}`` = the written-out names (``long``) of the study groups;
    ``{INSTITUTION}`` = groups with ``needs_id`` (institutions and registries).
    """

    def alt(names) -> str:
        names = sorted({n for n in names if n}, key=lambda n: (-len(n), n))
        # an apostrophe matches its typographic form too ("dell'Adulto", "dell’Adulto")
        return "(?:" + "|".join(name_regex(n).replace("'", "['’]") for n in names) + ")" if names else "(?!x)x"

    groups = list(groups)
    fill = {
        "{GROUP}": alt(g.name for g in groups),
        "{STUDY_GROUP}": alt(g.name for g in groups if not g.needs_id),
        "{GROUP_LONG}": alt(n for g in groups if not g.needs_id for n in g.long),
        "{INSTITUTION}": alt(g.name for g in groups if g.needs_id),
    }
    compiled = []
    stop: set[str] = set()
    for entry in entries:
        if entry.stop is not None:
            stop.update(entry.stop)
            continue
        source = entry.regex
        for key, value in fill.items():
            source = source.replace(key, value)
        flags = re.I if "i" in entry.flags else 0
        compiled.append((re.compile(source, flags), int(entry.group)))
    return TrialMatcher(tuple(compiled), frozenset(stop))


@lru_cache(maxsize=1)
def _trial_matcher() -> TrialMatcher:
    return build_trial_matcher(trial_pattern_entries(), group_entries())


def find_trials(text: str, matcher: TrialMatcher | None = None) -> list[tuple[int, int]]:
    """Trial/study names in `text`: sorted, non-overlapping (start, end), leftmost-longest.

    'The GIMEMA LAL2116 D-ALBA trial' -> [(4, 24)]; 'NCT03319901' -> [(0, 11)].
    """
    matcher = matcher or _trial_matcher()
    folded = match_form(text)
    found: list[tuple[int, int, str]] = []
    for pattern, group in matcher.patterns:
        for m in pattern.finditer(folded):
            start, end = m.span(group)
            if end > start and folded[start:end] not in matcher.stop and canonical_agent(text[start:end]) is None:
                found.append((start, end, ""))
    return [(s, e) for s, e, _ in _leftmost_longest(found)]


__all__ = [
    "agent_entries", "agent_names", "build_agent_lexicon", "build_trial_matcher",
    "canonical_agent", "cue_entries", "find_agents", "find_trials", "group_entries",
    "read_rules", "section_entries", "trial_pattern_entries",
]
