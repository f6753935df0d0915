"""Trials across papers: every figure reported for a named study, from every document and
source (a paper's text and its tables), side by side, with conflicts flagged.

A study is known by its key (`study_key`): the name with dashes, case and spaces folded, a
cooperative group's written-out name replaced by its short name (groups.jsonl), filler
words dropped (cues.jsonl "study_name_fillers") and aliases resolved (study_aliases.jsonl:
registry ids, spelled-out names). A conflict is the same study, arm, measure and horizon
with different values.
"""

from __future__ import annotations

import re
from collections import Counter, defaultdict
from dataclasses import dataclass
from functools import lru_cache

import pandas as pd

from extract.knowledge import cue_words, group_entries, study_alias_entries
from extract.rows.schema import EvidenceRow, comparable
from extract.textnorm import match_form

# (field, measure as shown, the field holding its horizon or None)
MEASURES = (("n", "N", None), ("age_median", "median age", None), ("cr_pct", "CR %", None),
            ("mrd_neg_pct", "MRD-negative %", None), ("os_pct", "OS %", "os_years"),
            ("os_median_months", "median OS (months)", None))
TRIALS_COLUMNS = ("study", "arm", "subgroup", "measure", "horizon_years", "value", "conflict", "n_sources",
                  "doc_id", "source", "page", "trial_as_written", "row_id")


def _fold(text: str) -> str:
    return re.sub(r"[\s\-\u2010-\u2015\u2212_/.,;:()\[\]]+", " ", match_form(text).casefold()).strip()


def _tokens(text: str) -> list[str]:
    """Folded words, letters and digits apart ("LAL2116" and "LAL 2116" are one name)."""
    return re.sub(r"(?<=[a-z])(?=\d)|(?<=\d)(?=[a-z])", " ", _fold(text)).split()


@lru_cache(maxsize=None)
def _rules() -> tuple[tuple[tuple[str, str], ...], frozenset[str], dict[str, str]]:
    """(folded long group name -> short name, longest first), filler words, and folded
    alias -> study key."""
    long_names = sorted(((_fold(long), _fold(g.name)) for g in group_entries() for long in g.long),
                        key=lambda pair: -len(pair[0]))
    fillers = frozenset(_fold(w) for w in cue_words("study_name_fillers"))
    aliases: dict[str, str] = {}
    for rule in study_alias_entries():
        key = " ".join(_tokens(rule.name))
        for name in (rule.name, *rule.aliases):
            aliases[" ".join(_tokens(name))] = key
    return tuple(long_names), fillers, aliases


def study_key(name: str) -> str:
    """The key under which every name of one study meets ("" for no name)."""
    long_names, fillers, aliases = _rules()
    text = _fold(name)
    for long, short in long_names:
        text = re.sub(rf"(?<!\w){re.escape(long)}(?:\s+{re.escape(short)})?(?!\w)", short, text)
    words = [t for t in _tokens(text) if t not in fillers]
    # "Southwest Oncology Group (SWOG) 1318" -> "swog swog 1318": a name said twice once
    words = [w for i, w in enumerate(words) if i == 0 or w != words[i - 1]]
    key = " ".join(words)
    return aliases.get(key, key)


@dataclass
class TrialFigure:
    study: str  # the study's shown name
    key: str
    row: EvidenceRow
    measure: str
    horizon: float | None
    value: float


def _arm(row: EvidenceRow) -> str:
    return comparable("agents", row.agents) or ""


def _shown_names(rows: list[EvidenceRow]) -> dict[str, str]:
    """Each key's shown name: an alias file's name, else the most used written form
    (ties: the shortest, then the first in order)."""
    by_key: dict[str, Counter] = defaultdict(Counter)
    for row in rows:
        by_key[study_key(row.trial)][row.trial] += 1
    named = {" ".join(_tokens(r.name)): r.name for r in study_alias_entries()}
    return {key: named.get(key) or min(forms.items(), key=lambda kv: (-kv[1], len(kv[0]), kv[0]))[0]
            for key, forms in by_key.items()}


def trial_figures(rows: list[EvidenceRow]) -> list[TrialFigure]:
    """Every figure of every row that names a study, in row order."""
    named = [r for r in rows if r.trial.strip()]
    shown = _shown_names(named)
    out = []
    for row in named:
        key = study_key(row.trial)
        if not key:
            continue
        for name, measure, horizon_field in MEASURES:
            value = getattr(row, name)
            if value is None:
                continue
            horizon = getattr(row, horizon_field) if horizon_field else None
            out.append(TrialFigure(shown[key], key, row, measure, horizon, float(value)))
    return out


def _figure_group(f: TrialFigure) -> tuple:
    return f.key, _arm(f.row), comparable("subgroup", f.row.subgroup) or "", f.measure, f.horizon


def conflicts(figures: list[TrialFigure]) -> set[tuple]:
    """The (study, arm, subgroup, measure, horizon) groups reported with different values."""
    values: dict[tuple, set] = defaultdict(set)
    for f in figures:
        values[_figure_group(f)].add(round(f.value, 1))
    return {group for group, found in values.items() if len(found) > 1}


def _sources(figures: list[TrialFigure]) -> dict[str, int]:
    """Per study key, how many (document, source) pairs report it."""
    seen: dict[str, set] = defaultdict(set)
    for f in figures:
        seen[f.key].add((f.row.doc_id, f.row.source))
    return {key: len(pairs) for key, pairs in seen.items()}


def trials_frame(rows: list[EvidenceRow]) -> pd.DataFrame:
    """trials.csv: one line per figure of a named study, studies in name order, figures of
    one measure together, conflicting groups marked."""
    figures = trial_figures(rows)
    clashing = conflicts(figures)
    sources = _sources(figures)
    order = {m: i for i, (_, m, _) in enumerate(MEASURES)}
    figures.sort(key=lambda f: (f.study.casefold(), _arm(f.row), f.row.subgroup, order[f.measure],
                                f.horizon or 0, f.row.doc_id, f.row.source, f.row.page or 0))
    records = [{"study": f.study, "arm": f.row.agents, "subgroup": f.row.subgroup, "measure": f.measure,
                "horizon_years": f.horizon, "value": f.value,
                "conflict": "conflict" if _figure_group(f) in clashing else "", "n_sources": sources[f.key],
                "doc_id": f.row.doc_id, "source": f.row.source, "page": f.row.page,
                "trial_as_written": f.row.trial, "row_id": f.row.row_id} for f in figures]
    frame = pd.DataFrame(records, columns=list(TRIALS_COLUMNS))
    frame["page"] = pd.to_numeric(frame["page"], errors="coerce").astype("Int64")
    frame["n_sources"] = frame["n_sources"].astype("Int64")
    return frame
