"""Which AGENT/TRIAL mentions of a sentence are *not* the treatment of the cohort it reports.

Three roles are told apart by the words around a mention:

* components of a named regimen, spelled out in brackets after it ("POMP [prednisone,
  vincristine, ...]") or listed before its abbreviation ("prednisone and vincristine (PV)");
* earlier treatment ("had received prior blinatumomab", "relapsing after treatment with X");
* comparators ("superior to historical results with X", "compared with X").
"""

from __future__ import annotations

import re

from extract.rows.cues import cue
from extract.rows.mentions import Mention, Sentence

_CLAUSE_END = re.compile(r"[,;()\[\]]")
# Words allowed inside a component list besides the agents ("dose-reduced", "consisting of").
_MAX_OTHER_WORDS = 4
# A role cue governs the agent it stands right before ("prior X", "compared with dose-adjusted X"),
# not one named later in its clause ("who had received prior X were treated with Y").
_MAX_CUE_GAP = 40


def _agents(sentence: Sentence) -> list[Mention]:
    return sorted(sentence.of("AGENT"), key=lambda m: m.start)


def _bracket_end(text: str, open_at: int) -> int:
    """Index of the bracket closing the one at `open_at` (len(text) if unclosed)."""
    depth = 0
    for i in range(open_at, len(text)):
        if text[i] in "[(":
            depth += 1
        elif text[i] in "])":
            depth -= 1
            if depth == 0:
                return i
    return len(text)


def _is_list(inside: str, members: list[Mention], offset: int) -> bool:
    """Bracket text made of the member agents, separators and a few modifiers."""
    rest = inside
    for m in sorted(members, key=lambda m: -m.start):
        lo, hi = m.start - offset, m.end - offset
        rest = rest[:lo] + " " + rest[hi:]
    words = [w for w in re.findall(r"[A-Za-z][A-Za-z\-]*", rest) if not cue("list_word").fullmatch(w)]
    return len(members) >= 2 and len(words) <= _MAX_OTHER_WORDS


def _bracketed_components(sentence: Sentence, agents: list[Mention]) -> set[Mention]:
    """'hyper-CVAD (cyclophosphamide, vincristine, ...)': the bracketed list after a regimen."""
    found: set[Mention] = set()
    for head in agents:
        rel = head.end - sentence.start
        opening = cue("regimen_noun").match(sentence.text[rel:])
        if not opening:
            continue
        open_at = rel + opening.end() - 1
        close = _bracket_end(sentence.text, open_at)
        lo, hi = sentence.start + open_at + 1, sentence.start + close
        members = [m for m in agents if lo <= m.start and m.end <= hi]
        if _is_list(sentence.text[open_at + 1:close], members, lo):
            found.update(members)
    return found


def _listed_before_abbreviation(sentence: Sentence, agents: list[Mention]) -> set[Mention]:
    """'mercaptopurine, vincristine, methotrexate and prednisone (POMP)': a list of ≥ 2
    agents followed by the regimen's name in brackets."""
    found: set[Mention] = set()
    for i, abbrev in enumerate(agents):
        before = sentence.between(agents[i - 1].end, abbrev.start) if i else ""
        if not i or not re.fullmatch(r"\s*[(\[]\s*", before):
            continue
        after = sentence.between(abbrev.end, abbrev.end + 3)
        if not re.match(r"\s*[)\]]", after):
            continue
        run = [agents[i - 1]]
        for j in range(i - 2, -1, -1):
            if not cue("list_gap").match(sentence.between(agents[j].end, run[-1].start)):
                break
            run.append(agents[j])
        if len(run) >= 2:
            found.update(run)
    return found


def component_agents(sentence: Sentence) -> set[Mention]:
    """Agents that only spell out the components of a named regimen."""
    agents = _agents(sentence)
    return _bracketed_components(sentence, agents) | _listed_before_abbreviation(sentence, agents)


def _clause_before(sentence: Sentence, mention: Mention) -> str:
    """Sentence text from the last clause boundary up to the mention."""
    text = sentence.between(sentence.start, mention.start)
    cut = max((m.end() for m in _CLAUSE_END.finditer(text)), default=0)
    return text[cut:]


def _cued(sentence: Sentence, mentions: list[Mention], cue_name: str) -> set[Mention]:
    """Mentions whose clause carries the cue, and list members that follow such a mention
    ("prior blinatumomab and inotuzumab")."""
    found: set[Mention] = set()
    previous: Mention | None = None
    for m in sorted(mentions, key=lambda m: m.start):
        listed = previous in found and cue("list_gap").match(sentence.between(previous.end, m.start))
        clause = _clause_before(sentence, m)
        if previous is not None and previous.end > m.start - len(clause):
            clause = sentence.between(previous.end, m.start)  # a cue before another agent is that one's
        near = any(len(clause) - c.end() <= _MAX_CUE_GAP for c in cue(cue_name).finditer(clause))
        if listed or near:
            found.add(m)
        previous = m
    return found


def prior_agents(sentence: Sentence) -> set[Mention]:
    """Agents named as earlier treatment of the patients."""
    return _cued(sentence, _agents(sentence), "prior")


def comparator_mentions(sentence: Sentence) -> set[Mention]:
    """Agents and trials named only as what the cohort is compared with."""
    return _cued(sentence, sentence.of("AGENT", "TRIAL"), "comparator")


def alias_trials(sentence: Sentence) -> set[Mention]:
    """Other names bracketed after a trial's name: a registry id ("the KESTREL trial
    (NCT01234567)") or the spelled-out name after an acronym ("the KESTREL (Kinase
    Evaluation in Relapsed Leukemia) trial"): the first name is the trial, the bracketed one
    only another name for it."""
    found: set[Mention] = set()
    previous: Mention | None = None
    for m in sorted(sentence.of("TRIAL", "AGENT", "N"), key=lambda m: m.start):
        if (m.label == "TRIAL" and previous is not None and previous.label == "TRIAL"
                and not cue("registry_id").match(previous.text.strip())
                and (cue("registry_id").match(m.text.strip()) or _spelled_out(m.text, previous.text))
                and cue("alias_gap").match(sentence.between(previous.end, m.start))):
            found.add(m)
            continue
        previous = m
    return found


def _spelled_out(name: str, acronym: str) -> bool:
    """A name of several words bracketed after a one-word name: its long form."""
    return len(name.split()) >= 3 and len(acronym.split()) == 1
