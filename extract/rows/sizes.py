"""Every cohort size gets a row (spec §2.1, "Cohort sizes").

The paragraph walk (`extract.rows.assemble`) puts a size in the row of the cohort whose
results follow it. Sizes that introduce no results of their own (the enrolled total of a
randomised trial, an analysis population, "MRD was assessed in 200 patients") would be
lost; `size_rows` gives each of them a row carrying only that `n`, named like its
neighbours:

* trial: a study the sentence names itself, else that of the row next to it (`neighbour`),
  else the document's study;
* agents: those the sentence names in the size's own part (between the sizes before and
  after it), less those the group is said to be without; a row naming a trial takes no
  agents from elsewhere (the enrolled total of a study spans all its arms), one without
  a trial takes the sentence's, else its neighbour row's, else the document's, so that
  it names its cohort at all;
* subgroup: what the sentence says the counted patients are ("295 were eligible and
  evaluable" -> "eligible and evaluable", "T-ALL (n = 34)" -> "T-ALL"); none when they
  are only said to take part ("318 were enrolled").

A size naming a group whose results a row reports without a size ("8 had Ph-negative
ALL" ... "75% in the Ph-negative patients"; "90% in the X arm (n = 166)") is that row's
`n` (`sized_group`). The size of a randomised population names no agents.
"""

from __future__ import annotations

import re

from extract.rows.arms import historical_results
from extract.rows.assemble import Cohort, agents_of, trial_name
from extract.rows.cues import cue, has
from extract.rows.mentions import Mention, Sentence
from extract.rows.roles import alias_trials, comparator_mentions, component_agents, prior_agents
from extract.rows.schema import EvidenceRow, join_agents
from extract.rows.size_labels import size_label, size_part


def _own_mentions(sentence: Sentence) -> list[Mention]:
    """The sentence's mentions about the cohort it reports (no comparators, components,
    earlier treatment, registry aliases or historical figures)."""
    skip = (component_agents(sentence) | prior_agents(sentence) | alias_trials(sentence)
            | comparator_mentions(sentence))
    skip |= historical_results(sentence, skip)
    return [m for m in sentence.mentions if m not in skip]


def neighbour(rows: list[EvidenceRow], sentence: Sentence, paragraph_end: int) -> EvidenceRow | None:
    """The row whose cohort a size sentence most likely introduces: the first row read
    from it or a later sentence of its paragraph (a cohort is sized, then its results
    follow), else the row read last before it."""
    later = [r for r in rows if r.sent_start is not None and sentence.start <= r.sent_start < paragraph_end]
    if later:
        return min(later, key=lambda r: r.sent_start)
    earlier = [r for r in rows if r.sent_start is not None and r.sent_start <= sentence.start]
    return max(earlier, key=lambda r: r.sent_start) if earlier else None


def size_row(doc_id: str, sentence: Sentence, n: Mention, own: list[Mention], near: EvidenceRow | None,
             context: Cohort | None) -> EvidenceRow | None:
    """The row of a size that no row carries, or None when nothing names its cohort."""
    trials = [trial_name(m) for m in own if m.label == "TRIAL"]
    trial = trials[0] if trials else (near.trial if near else "") or (context.trial if context else "")
    start, end = size_part(sentence, n)
    label = size_label(sentence, n, start)
    part = [m for m in own if start <= m.start < end]
    named = [m for m in part if m.label == "AGENT" and m.text.casefold() in label.casefold()]
    agents = agents_of(named or part)  # "104 in the X arm": the label's own agents
    if has("randomised", sentence.between(start, end)):
        agents = []  # the randomised total spans its arms, each with its own agents
    elif label and not named and has("control", label):
        agents = []  # "104 in the control arm"
    elif agents and cue("absence").match(label):  # "67 without X": the group that did not get X
        agents = [a for a in agents if a not in agents_of(named)]
    elif not agents and not trial:  # the sentence's regimen, else the one read last
        agents = (agents_of(own) or (near.agents.split(";") if near and near.agents else []) or
                  (list(context.agents) if context else []))
    row = EvidenceRow(doc_id=doc_id, source="text", trial=trial, agents=join_agents(agents),
                      subgroup=label, n=int(n.numeric.number), evidence=sentence.text,
                      sent_start=sentence.start, sent_end=sentence.end)
    return row if row.has_subject() else None


def size_rows(doc_id: str, paragraphs: list[list[Sentence]], rows: list[EvidenceRow],
              context: Cohort | None = None) -> list[EvidenceRow]:
    """`rows` with a row added, in reading order, for every size no row of the document
    carries (`paragraphs`: the sentences of those rows are read from)."""
    out = list(rows)
    for sentences in paragraphs:
        if not sentences:
            continue
        start, end = sentences[0].start, sentences[-1].end
        # a size is carried by a row of its own paragraph: the same number elsewhere in
        # the document is another cohort
        carried = {r.n for r in out if r.n is not None and r.sent_start is not None and start <= r.sent_start < end}
        out = _sized(doc_id, sentences, end, out, carried, context)
    return out


def _words(text: str) -> frozenset[str]:
    return frozenset(re.findall(r"[\w+\-<>≥≤]+", text.casefold()))


def sized_group(rows: list[EvidenceRow], label: str, sentence: Sentence, start: int, end: int) -> EvidenceRow | None:
    """A row without a size that reports the group a size names: one of the paragraph
    [start, end) whose subgroup the size's words name ("8 had Ph-negative ALL" ... "75%
    in Ph-negative patients"; both a control arm), or an arm row whose agents they name,
    read from the size's own sentence ("90% in the X arm (n = 166)") or named an arm
    ("66 in the X arm, 64 in the control arm" ... "80% and 75%, respectively")."""
    words = _words(label)
    if not words:
        return None
    for row in rows:
        if row.n is not None or row.sent_start is None or not start <= row.sent_start < end:
            continue
        both_control = has("control", row.subgroup) and has("control", label)
        if row.subgroup and (_words(row.subgroup) <= words or both_control):
            return row  # "8 had Ph-negative ALL" ... "75% in Ph-negative"; two control arms
        if (not row.subgroup and row.agents and set(row.agents.split(";")) <= words
                and (row.sent_start == sentence.start or has("arm_label", label))):
            return row  # "90% in the X arm (n = 166)"; "66 in the X arm" ... "80% with X"
    return None


def _sized(doc_id: str, sentences: list[Sentence], paragraph_end: int, out: list[EvidenceRow], carried: set,
           context: Cohort | None) -> list[EvidenceRow]:
    paragraph_start = sentences[0].start
    for sentence in sentences:
        own = _own_mentions(sentence)
        for n in (m for m in own if m.label == "N"):
            if n.numeric.number is None or n.numeric.number in carried:
                continue
            row = size_row(doc_id, sentence, n, own, neighbour(out, sentence, paragraph_end), context)
            if row is None:
                continue
            carried.add(row.n)
            reported = sized_group(out, row.subgroup, sentence, paragraph_start, paragraph_end)
            if reported is not None:
                reported.n = row.n
                continue
            at = next((i for i, r in enumerate(out) if (r.sent_start or 0) > sentence.start), len(out))
            out.insert(at, row)
    return out
