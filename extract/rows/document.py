"""Document scope: the study a document reports names the rows of its results.

`assemble_paragraph` reads one paragraph; a study named in the title, a heading or an
earlier paragraph ("...: results of the KESTREL-2 trial", then "Results: the CR rate was
80%") never reaches the rows of a later one, and within a paragraph an arm naming a new
agent starts a cohort without the trial. `assemble_document` reads a document's
paragraphs in order and, where the document names exactly one study, starts every
paragraph with that study as its context cohort (its name and the agents of the sentence
that first names it) and gives its name to every row still without a trial.

The document's study names are its TRIAL mentions that are not comparators ("compared
with the historical X cohort") and not registry ids bracketed after a name (see
`extract.rows.roles`); names written as one another's short form ("the LEO-2 study" and
"LEO-2") count once; a registry id counts only when the document gives no other name
(spec §2, `trial` "as written"). A document naming several studies (a review) is left as
the paragraphs read it.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache

from extract.rows.assemble import Cohort, agents_of, assemble_paragraph, trial_name
from extract.rows.cues import cue
from extract.rows.mentions import Sentence
from extract.rows.roles import alias_trials, comparator_mentions, component_agents, prior_agents
from extract.rows.schema import EvidenceRow
from extract.rows.sizes import size_rows


@dataclass
class Paragraph:
    """One block of a document: its sentences, and whether rows are read from it (a title
    or heading is context only)."""

    sentences: list[Sentence]
    rows: bool = True


@lru_cache(maxsize=4096)
def _key_tokens(name: str) -> frozenset[str]:
    """The tokens that identify a study name: those with a digit or written in capitals."""
    tokens = re.findall(r"[A-Za-z0-9]+", name)
    return frozenset(t.lower() for t in tokens if re.search(r"\d", t) or (t.isupper() and len(t) >= 2))


def _same_study(a: str, b: str) -> bool:
    """One name is the other, or all the identifying tokens of one are in the other."""
    fa, fb = re.sub(r"[\s\-\u2010-\u2015_]+", "", a.casefold()), re.sub(r"[\s\-\u2010-\u2015_]+", "", b.casefold())
    if fa == fb:
        return True
    ka, kb = _key_tokens(a), _key_tokens(b)
    ta = frozenset(t.lower() for t in re.findall(r"[A-Za-z0-9]+", a))
    tb = frozenset(t.lower() for t in re.findall(r"[A-Za-z0-9]+", b))
    return bool(ka and kb) and (ka <= tb or kb <= ta)


# Distinct study names compared per document; a review naming more keeps the first ones
# (each name is compared with every known one: the bound keeps a long document linear).
MAX_STUDIES = 64


def study_mentions(paragraphs: list[Paragraph]) -> list[tuple[str, int]]:
    """The distinct names of the studies a document reports, each with how often it is
    named, in order of first mention (the first spelling of each study kept); registry
    ids only when the document gives no other name."""
    counts: dict[str, list[str | int]] = {}  # first spelling -> [kind, count]
    for paragraph in paragraphs:
        for sentence in paragraph.sentences:
            skip = comparator_mentions(sentence) | alias_trials(sentence)
            for m in sorted(sentence.of("TRIAL"), key=lambda m: m.start):
                name = trial_name(m)
                if m in skip or not name:
                    continue
                kind = "registry" if cue("registry_id").match(name) else "name"
                known = next((k for k, (kk, _) in counts.items() if kk == kind and _same_study(name, k)), None)
                if known is not None:
                    counts[known][1] += 1
                elif len(counts) < MAX_STUDIES:
                    counts[name] = [kind, 1]
    named = [(k, c) for k, (kind, c) in counts.items() if kind == "name"]
    return named or [(k, c) for k, (kind, c) in counts.items() if kind == "registry"]


def study_names(paragraphs: list[Paragraph]) -> list[str]:
    """The distinct names of the studies a document reports, in order of first mention."""
    return [name for name, _ in study_mentions(paragraphs)]


def document_study(paragraphs: list[Paragraph]) -> str:
    """The study the document reports: the only one it names, or one named more often than
    all the others together (a paper names its own study again where it reports it; the
    trials it cites come in passing). "" when it names none, or several (a review)."""
    found = study_mentions(paragraphs)
    top = max(found, key=lambda nc: nc[1], default=("", 0))  # the first named, among equals
    if len(found) == 1 or top[1] > sum(c for _, c in found) - top[1]:
        return top[0]
    return ""


def study_context(paragraphs: list[Paragraph], study: str) -> Cohort | None:
    """The cohort every paragraph starts with: the study, with the agents of the first
    sentence that names it (not components, earlier treatment or comparators), else, when
    that sentence names none ("Efficacy was based on the single-arm X trial"), those of
    the first sentence naming any (the product the document is about)."""
    if not study:
        return None
    first_agents: list[str] = []
    for paragraph in paragraphs:
        for sentence in paragraph.sentences:
            own = _own_agents(sentence)
            if any(trial_name(m) == study for m in sentence.of("TRIAL")):
                return Cohort(trial=study, agents=own or first_agents)
            first_agents = first_agents or own
    return Cohort(trial=study)


def _own_agents(sentence: Sentence) -> list[str]:
    skip = component_agents(sentence) | prior_agents(sentence) | comparator_mentions(sentence)
    return agents_of([m for m in sentence.mentions if m not in skip])


def with_study(rows: list[EvidenceRow], study: str) -> list[EvidenceRow]:
    """Rows without a trial get the document's study (in place; returned for chaining); so
    do rows named by a registry id when the study has a name of its own ("... was
    registered as NCT..." read last names the study's rows by its name)."""
    if study:
        named = not cue("registry_id").match(study)
        for row in rows:
            if not row.trial or (named and cue("registry_id").match(row.trial)):
                row.trial = study
    return rows


def assemble_document(doc_id: str, paragraphs: list[Paragraph]) -> list[EvidenceRow]:
    """Rows of a document: each row-bearing paragraph as `assemble_paragraph` reads it, a
    row for every size none of them carries (`extract.rows.sizes`), then the document's
    study given to rows that name no trial."""
    study = document_study(paragraphs)
    context = study_context(paragraphs, study)
    rows = [row for p in paragraphs if p.rows for row in assemble_paragraph(doc_id, p.sentences, context)]
    rows = size_rows(doc_id, [p.sentences for p in paragraphs if p.rows], rows, context)
    return with_study(rows, study)
