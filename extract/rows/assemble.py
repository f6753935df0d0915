"""Text rows: entity mentions linked into cohort/arm rows.

Within a paragraph a cohort is usually introduced once ("The EWALL-INO study ... in 115
older patients (median age, 69 years)") and its results follow, in the same sentence
or later ones. `assemble_paragraph` walks the sentences keeping that cohort as context:

* a sentence about the same regimen (a subset of its agents, "This regimen ...", "the
  addition of X") continues the cohort; one about other agents, another trial or another
  source (other citations, "X and colleagues") starts a new one;
* results without a subject of their own complete the cohort's open row; "overall"
  results after a subgroup go back to the whole cohort's row;
* a sentence reporting several arms or subgroups is split by `extract.rows.arms`;
* a cohort introduced with its size and an agent but no result gives an n-only row.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field, replace

from extract.knowledge import canonical_agent
from extract.rows.arms import (Arm, DesignArm, composite_name, composite_rates, design_arms, historical_results,
                               is_os_median, is_range, lead_subgroup, split_arms, time_points)
from extract.rows.cues import citations, cue, has
from extract.rows.mentions import Mention, Sentence
from extract.types import RESULT_LABELS, SUBJECT_LABELS, AgentValue, Value
from extract.rows.roles import alias_trials, comparator_mentions, component_agents, prior_agents
from extract.rows.schema import EvidenceRow, join_agents
from extract.rows.size_labels import counts_a_part


@dataclass
class Cohort:
    """What a paragraph has said so far about the cohort its results belong to."""

    trial: str = ""
    agents: list[str] = field(default_factory=list)
    n: int | None = None
    age: Value | None = None  # what AGE mentions stated, the later over the earlier
    subgroup: str = ""
    cites: frozenset[int] = frozenset()
    arm_n: dict[str, int] = field(default_factory=dict)  # arm sizes by agent ("" = control arm)
    design: tuple[DesignArm, ...] = ()  # the arms of a randomised design, in order
    pooled: bool = False  # n and age are of all randomised arms together

    def identity(self) -> tuple:
        return (self.trial, tuple(self.agents), self.n, self.subgroup)

    def study(self) -> tuple:
        return (self.trial, tuple(self.agents))

    def has_subject(self) -> bool:
        return bool(self.trial or self.agents)


def agent_name(mention: Mention) -> str:
    """Canonical agent name of an AGENT mention (nlp value first, then the lexicon)."""
    canonical = mention.value.canonical if isinstance(mention.value, AgentValue) else None
    return (canonical or canonical_agent(mention.text) or mention.text).lower()


def trial_name(mention: Mention) -> str:
    return re.sub(r"\s*\[[^\]]*\]\s*", " ", mention.text).strip()


def agents_of(mentions: list[Mention]) -> list[str]:
    names: list[str] = []
    for m in mentions:
        if m.label == "AGENT":
            agents = m.value.agents if isinstance(m.value, AgentValue) else ()
            names.extend(agents or [agent_name(m)])
    return sorted(set(names))


def merge_agents(context: list[str], own: list[str], text: str, states_treatment: bool,
                 sized: bool = False) -> list[str] | None:
    """The agents of the cohort a sentence talks about, or None when it starts a new one.

    `states_treatment`: the sentence gives results or a cohort size, so the agents it names
    are what that cohort received (not a side remark on part of the regimen); `sized`: it
    gives the cohort's size."""
    have, new = set(context), set(own)
    if not have:
        return sorted(new)
    if new <= have:
        # one drug of the regimen ("after one course of X") is still the regimen; a named
        # combination within a broader context ("trials incorporating X and Y") is not
        return None if states_treatment and 2 <= len(new) < len(have) else sorted(have)
    if sized and new > have:
        return None  # a cohort introduced with its whole regimen
    if has("anaphor_addition", text):
        return sorted(have | new)  # "The combination with X ...": X joins the regimen in context
    if new & have and has("addition", text):
        return sorted(have | new)  # "the addition of X", "X was added to Y"
    if has("addition", text) and has("regimen_ref", text):
        return sorted(have | new)  # "X was added to the induction regimen": the regimen in context plus X
    if has("anaphor", text):
        return sorted(have)  # "This regimen ... asparaginase ...": still the regimen in context
    if not states_treatment and have < new and has("regimen_given", text):
        return sorted(new)  # "Patients received A, B and C with X": the whole regimen spelled out
    if not states_treatment and new & have and not has("regimen_intro", text):
        return sorted(have)  # "The maintenance consisted of X and Y": part of the same regimen
    return None


def _denominator(sentence: Sentence, ns: list[Mention]) -> Mention:
    """'71 patients, with 55 patients successfully receiving the treatment' -> 55."""
    first = ns[0]
    for m in ns[1:]:
        after = sentence.between(m.end, sentence.end)
        if cue("treated_subset").match(after) and m.numeric.number < first.numeric.number:
            return m
    return first


def _measure_denominator(sentence: Sentence, n: Mention, cohort_size: int) -> bool:
    """A part of the sized cohort defined by an assessment, not a new cohort."""
    after = sentence.between(n.end, sentence.end)
    return n.numeric.number < cohort_size and bool(cue("measure_denominator").match(after))


def n_subgroup(sentence: Sentence, n: Mention) -> str:
    """'Among the 19 patients with Ph-negative ALL' -> 'Ph-negative'."""
    after = sentence.between(n.end, sentence.end)
    m = cue("n_subgroup").match(after)
    if m:
        return m.group("x").strip()
    m = cue("n_qualifier").match(after)  # "the 40 patients aged 60 years or older"
    return m.group(1).strip() if m else ""


def arm_sizes(sentence: Sentence, mentions: list[Mention]) -> dict[Mention, str]:
    """N mentions giving one arm's size, with the arm's agent ("" for an agent-less control):
    'randomized to X (n = 164) or chemotherapy (n = 166)'."""
    ordered = sorted(mentions, key=lambda m: m.start)
    sizes: dict[Mention, str] = {}
    for i, m in enumerate(ordered):
        if m.label != "N" or not i:
            continue
        before = sentence.between(ordered[i - 1].end, m.start)
        if not cue("arm_size").match(before):
            continue
        if ordered[i - 1].label == "AGENT":
            sizes[m] = agent_name(ordered[i - 1])
        elif ordered[i - 1].label == "CONTROL":
            sizes[m] = ""
    return sizes


def next_cohort(sentence: Sentence, mentions: list[Mention], base: Cohort, states_treatment: bool) -> Cohort:
    """The cohort the mentions describe, filling gaps from `base` (the context)."""
    trials = [m for m in mentions if m.label == "TRIAL"]
    own_agents = agents_of(mentions)
    ns = [m for m in mentions if m.label == "N" and m.numeric.number is not None]
    sizes = arm_sizes(sentence, [*mentions, *_control_ends(sentence, ns)])
    ns = [m for m in ns if m not in sizes]
    ages = [m for m in mentions if m.label == "AGE"]
    states_treatment = states_treatment or bool(ns)
    if _other_source(sentence, base):
        base = Cohort()
    agents = (merge_agents(base.agents, own_agents, sentence.text, states_treatment, bool(ns))
              if own_agents else base.agents)
    new_trial = trials and trial_name(trials[0]) != base.trial
    if agents is None or new_trial:
        base, agents = Cohort(), own_agents
    cohort = replace(base, agents=list(agents))
    if trials:
        cohort.trial = trial_name(trials[0])
    if ns and base.n and all(_measure_denominator(sentence, m, base.n) for m in ns):
        ns = []  # "Among 25 patients who had MRD assessment": one measure's denominator
    if ns:
        n = _denominator(sentence, ns)
        cohort.subgroup = n_subgroup(sentence, n) if base.n and n.numeric.number < base.n else ""
        cohort.n = int(n.numeric.number)
        cohort.pooled = False
        if not ages:
            cohort.age = None
    if sizes:
        cohort.arm_n = {name: int(m.numeric.number) for m, name in sizes.items()}
    for age in ages:
        cohort.age = _age_stated(cohort.age, age.numeric)
    cites = citations(sentence.text)
    cohort.cites = base.cites | cites if cohort.identity() == base.identity() else cites
    return cohort


def _age_stated(age: Value | None, stated: Value) -> Value | None:
    """The cohort's age with the fields an AGE mention states written over it ('median age,
    46 years', then 'range, 18 to 88 years'); None while nothing is stated."""
    fields = stated.stated()
    return replace(age or Value(), **fields) if fields else age


def _sentence_arm_sizes(sentence: Sentence) -> dict[str, int]:
    ns = sentence.of("N")
    return {name: int(m.numeric.number) for m, name in
            arm_sizes(sentence, [*sentence.mentions, *_control_ends(sentence, ns)]).items()
            if m.numeric.number is not None}


def _arm_n(sizes: dict[str, int], agents: frozenset[str], control: str) -> int | None:
    """An arm's size: the one given for its own agent, or for the control arm."""
    if control:
        return sizes.get("")
    found = {sizes[a] for a in agents if a in sizes}
    return found.pop() if len(found) == 1 else None


def trial_segments(mentions: list[Mention]) -> list[list[Mention]]:
    """Mentions split at each TRIAL: a trial with what follows it up to the next one (what
    comes before the first trial goes with it)."""
    ordered = sorted(mentions, key=lambda m: m.start)
    cuts = [i for i, m in enumerate(ordered) if m.label == "TRIAL"][1:]
    bounds = [0, *cuts, len(ordered)]
    return [ordered[lo:hi] for lo, hi in zip(bounds, bounds[1:])]


def _control_ends(sentence: Sentence, ns: list[Mention]) -> list[Mention]:
    """Zero-width marks where a control phrase ends right before an N ('chemotherapy (n ='),
    so that `arm_sizes` can tell the control arm's size."""
    marks = []
    for n in ns:
        before = sentence.between(sentence.start, n.start)
        bracket = max(before.rfind("("), before.rfind("["))
        if bracket >= 0 and cue("arm_size").match(before[bracket:]):
            at = sentence.start + bracket
            words = sentence.between(max(sentence.start, at - 40), at)
            if cue("control").search(words.split(",")[-1]):
                marks.append(Mention("CONTROL", at, at, ""))
    return marks


def _other_source(sentence: Sentence, base: Cohort) -> bool:
    """Review prose: a sentence citing other references than those that introduced the
    cohort, or naming another author group or study, is about another source — unless it
    refers back to the regimen ("This regimen", "the addition of X") or names neither a trial,
    an agent nor a study of its own and makes no prognostic claim ("The 3-year OS was 70% [32]":
    a later report; "Patients who achieve CMR had superior OS [36]": general evidence)."""
    if has("new_source", sentence.text):
        return True
    cites = citations(sentence.text)
    if not (cites and base.cites) or cites & base.cites:
        return False
    if not (sentence.of(*SUBJECT_LABELS) or has("study_intro", sentence.text) or has("association", sentence.text)):
        return False  # results with no subject of their own: a later report of the study in context
    return not (has("addition", sentence.text) or has("anaphor", sentence.text))


def _exclusive_agents(arms: list[list[Mention]]) -> list[frozenset[str]]:
    """Per arm, the agents it names that no other arm of the sentence names ('86% with X
    and 71% with Y'): the other arms did not receive them."""
    named = [frozenset(agents_of(mentions)) for mentions in arms]
    return [own - frozenset().union(*(o for j, o in enumerate(named) if j != i)) for i, own in enumerate(named)]


def _apply_design(context: Cohort, arms: list[Arm], skip: set[Mention]) -> list[tuple[str, ...] | None]:
    """Arms of a sentence that name no agent of their own take the arms of the randomised
    design in context, in order ('randomized to X or chemotherapy. CR rates were 44% and
    25%'): an agent arm's agents, or a control arm. Per arm, the design's agents or None."""
    design = context.design
    out: list[tuple[str, ...] | None] = [None] * len(arms)
    if len(design) != len(arms):
        return out
    for i, (arm, planned) in enumerate(zip(arms, design)):
        named = any(m.label == "AGENT" and m not in skip for m in arm.mentions)
        if named or arm.control or arm.subgroup:
            continue
        if planned.control:
            arm.control, arm.subgroup, arm.inherit_agents, arm.main = "chemotherapy", "chemotherapy arm", False, False
        else:
            out[i] = planned.agents
    return out


def _storable(results: list[Mention]) -> list[Mention]:
    """Ranges ("30–40%") and open bounds written after the number ("25% or less") are
    not stored as values (GUIDELINES §4); a leading sign ("> 90%") is stored as 90."""
    return [m for m in results if not is_range(m) and not m.numeric.vague]


def _apply_results(row: EvidenceRow, mentions: list[Mention]) -> EvidenceRow:
    for m in _storable(mentions):
        v = m.numeric
        number = v.number
        if m.label == "CR" and row.cr_pct is None:
            row.cr_pct = number
        elif m.label == "MRD" and row.mrd_neg_pct is None:
            row.mrd_neg_pct = number
            row.mrd_method = row.mrd_method or (v.method or "")
        elif m.label == "OS":
            if is_os_median(m):
                if row.os_median_months is None:
                    row.os_median_months = number
            elif row.os_pct is None:
                row.os_pct = number
                row.os_years = v.years
    return row


def _fills(row: EvidenceRow, mentions: list[Mention]) -> bool:
    """Whether all result mentions land in fields still empty in `row`."""
    for m in _storable(mentions):
        if m.label == "CR" and row.cr_pct is not None:
            return False
        if m.label == "MRD" and row.mrd_neg_pct is not None:
            return False
        if m.label == "OS":
            if (row.os_median_months if is_os_median(m) else row.os_pct) is not None:
                return False
    return True


def _new_row(doc_id: str, cohort: Cohort, sentence: Sentence, subgroup: str = "") -> EvidenceRow:
    age = cohort.age or Value()
    return EvidenceRow(
        doc_id=doc_id, source="text", trial=cohort.trial, agents=join_agents(cohort.agents),
        subgroup=subgroup, n=cohort.n, age_median=age.number, age_min=age.low, age_max=age.high,
        evidence=sentence.text, sent_start=sentence.start, sent_end=sentence.end,
    )


def _rows_per_horizon(row: EvidenceRow, results: list[Mention]) -> list[EvidenceRow]:
    """A cohort's OS at several horizons ("3-year 80% and 5-year 50%"): one row each."""
    rates = [m for m in _storable(results) if m.label == "OS" and not is_os_median(m)]
    extra = []
    for m in rates[1:]:
        if m.numeric.years is None or m.numeric.years == row.os_years:
            continue
        clone = replace(row, n=None, age_median=None, age_min=None, age_max=None, cr_pct=None,
                        mrd_neg_pct=None, mrd_method="", os_median_months=None)
        clone.os_pct, clone.os_years = m.numeric.number, m.numeric.years
        extra.append(clone)
    return [row, *extra]


def _join(*labels: str) -> str:
    return ", ".join(label for label in labels if label)


def _extend(row: EvidenceRow, sentence: Sentence, results: list[Mention]) -> None:
    _apply_results(row, results)
    if sentence.start >= (row.sent_end or 0):
        row.evidence = f"{row.evidence} {sentence.text}"
        row.sent_end = sentence.end


class _Paragraph:
    """The walk over one paragraph's sentences (state: context cohort and open rows)."""

    def __init__(self, doc_id: str, context: Cohort | None = None):
        self.doc_id = doc_id
        self.rows: list[EvidenceRow] = []
        self.base = context or Cohort()  # the document's study: what a paragraph falls back to
        self.cohort = self.base
        self.open_row: EvidenceRow | None = None  # the row later result sentences may complete
        self.parent: tuple[EvidenceRow | None, Cohort] | None = None  # whole cohort's row while a subgroup is open
        self.pending: tuple[Cohort, Sentence] | None = None  # sized cohort without a row yet
        self.known: dict[str, tuple[Cohort, Sentence]] = {}  # cohorts named together, by trial
        self.arm_rows: set[int] = set()  # ids of the rows of the arms of a comparison

    # -- sentences without results: context
    def describe(self, sentence: Sentence, mentions: list[Mention], design: tuple[DesignArm, ...] = ()) -> None:
        if not any(m.label in ("TRIAL", "N", "AGENT", "AGE") for m in mentions):
            return
        if len({trial_name(m) for m in mentions if m.label == "TRIAL"}) >= 2:
            self._describe_each(sentence, mentions)
            return
        cohort = next_cohort(sentence, mentions, self.cohort, states_treatment=False)
        if design:
            cohort.design = design
        if design or (cohort.n is not None and any(m.label == "N" for m in mentions)
                      and has("randomised", sentence.text)):
            cohort.pooled = True
        if self._completes_age(cohort, mentions):
            return
        if cohort.identity() == self.cohort.identity():
            self.cohort = cohort
            return
        if self._completes_size(cohort, mentions):
            self.open_row.n = cohort.n
            self.open_row.age_median = self.open_row.age_median or (cohort.age.number if cohort.age else None)
            self.cohort = cohort
            return
        if self._names_a_part(cohort, sentence, mentions):
            return  # its row comes from `extract.rows.sizes`; what follows is the whole cohort's
        if cohort.study() != self.cohort.study() or cohort.n != self.cohort.n:
            self._settle_pending(cohort)
        if cohort.n is not None and cohort.n != self.cohort.n:
            self.pending = (cohort, sentence)
        elif self.pending and self.pending[0].n == cohort.n:
            self.pending = (cohort, self.pending[1])
        self.cohort, self.open_row = cohort, None

    def _names_a_part(self, cohort: Cohort, sentence: Sentence, mentions: list[Mention]) -> bool:
        """'In poor responders (n = 30), half went on to SCT' after the cohort of 70: a part
        named by a feature, not a new context for the results that follow."""
        whole = self.cohort
        if cohort.study() != whole.study() or not whole.n or cohort.n is None or cohort.n >= whole.n:
            return False
        sized = [m for m in mentions if m.label == "N" and m.numeric.number == cohort.n]
        return bool(sized) and counts_a_part(sentence, sized[0])

    def _describe_each(self, sentence: Sentence, mentions: list[Mention]) -> None:
        """Several trials introduced in one sentence ('the X trial (A plus B) enrolled 40
        patients, and the Y trial tested C in 25'): each trial with the mentions after it is
        its own cohort, remembered by name; none of them is the context for what follows (the
        document's study, where it names one, is)."""
        self._settle_pending(Cohort())
        for segment in trial_segments(mentions):
            cohort = next_cohort(sentence, segment, Cohort(), states_treatment=False)
            self.known[cohort.trial] = (cohort, sentence)
        self.cohort, self.open_row = replace(self.base), None

    def _recall(self, cohort: Cohort, mentions: list[Mention]) -> Cohort:
        """A trial named together with others earlier: its own agents and size."""
        if cohort.trial not in self.known or any(m.label == "AGENT" for m in mentions):
            return cohort
        known = self.known[cohort.trial][0]
        return replace(cohort, agents=list(known.agents), n=cohort.n if cohort.n is not None else known.n,
                       age=cohort.age or known.age)

    def _completes_age(self, cohort: Cohort, mentions: list[Mention]) -> bool:
        """'The median age of the patients was 62 years.' right after the cohort's results."""
        row = self.open_row
        if (row is None or not cohort.age or any(m.label != "AGE" for m in mentions)
                or any(v is not None for v in (row.age_median, row.age_min, row.age_max))):
            return False
        row.age_median, row.age_min, row.age_max = cohort.age.number, cohort.age.low, cohort.age.high
        self.cohort = cohort
        return True

    def _completes_size(self, cohort: Cohort, mentions: list[Mention]) -> bool:
        """'Out of the 14 patients who were enrolled, ...' right after the cohort's results
        (a size alone: a sentence naming agents or a trial introduces a cohort)."""
        row = self.open_row
        return (row is not None and row.n is None and cohort.n is not None and not cohort.subgroup
                and cohort.study() == self.cohort.study()
                and not any(m.label in SUBJECT_LABELS for m in mentions))

    def _settle_pending(self, cohort: Cohort) -> None:
        """A sized cohort with an agent or trial and no row of its own gives an n-only row."""
        if self.pending is None:
            return
        waiting, sentence = self.pending
        self.pending = None
        if waiting.design and ((waiting.trial and waiting.trial == cohort.trial)
                               or set(cohort.agents) <= set(waiting.agents)):
            return  # the randomised total of arms that get rows of their own
        if waiting.study() != cohort.study() and waiting.n != cohort.n and (waiting.trial or waiting.agents):
            self.rows.append(_new_row(self.doc_id, waiting, sentence, waiting.subgroup))

    # -- sentences with results
    def single(self, sentence: Sentence, arm: Arm, skip: set[Mention], exclude: frozenset[str] = frozenset()) -> None:
        """`exclude`: agents of the sentence's other arms, not this arm's even if in context."""
        mentions = [m for m in arm.mentions if m not in skip]
        results = arm.results
        base = self.cohort
        # the age of a randomised population is each arm's; its size is not
        age = base.age if base.pooled else None
        if exclude & set(base.agents):
            base = replace(base, agents=[a for a in base.agents if a not in exclude], n=None, age=age)
        cohort = self._recall(next_cohort(sentence, mentions, base, states_treatment=True), mentions)
        if arm.subgroup and cohort.study() == self.cohort.study() and cohort.has_subject():
            # "Among patients in first salvage, the CR rate was 60%": a part of the cohort in context
            cohort = replace(cohort, subgroup=arm.subgroup, n=None, age=None)
        if len(cohort.agents) > 1 and has("distributive", sentence.text):
            for agent in cohort.agents:  # "7.7 months with either modality"
                self._add_row(replace(cohort, agents=[agent]), sentence, results)
            self.open_row = None
            return
        if cohort.identity() == self.cohort.identity():
            if self._continue(sentence, results, cohort):
                return
            if self.open_row is not None or not arm.sized:
                # more results of the cohort that its row cannot take: another analysis
                # (an update, the entire study, a comparison) whose size is not given
                cohort = replace(cohort, n=None, age=age if not arm.sized else None)
        self._add_row(cohort, sentence, results, cohort.subgroup)

    def _continue(self, sentence: Sentence, results: list[Mention], cohort: Cohort) -> bool:
        """Results completing the open row, or the whole cohort's row after a subgroup."""
        if self.parent is not None and self.parent[0] is None and has("whole_cohort", sentence.text):
            whole, self.parent = self.parent[1], None  # the sized cohort's first row
            self._add_row(whole, sentence, results, whole.subgroup)
            return True
        if self.parent is not None and has("whole_cohort", sentence.text) and _fills(self.parent[0], results):
            _extend(self.parent[0], sentence, results)
            self.rows.extend(_rows_per_horizon(self.parent[0], results)[1:])
            (self.open_row, self.cohort), self.parent = self.parent, None
            return True
        if self.open_row is not None and _fills(self.open_row, results):
            _extend(self.open_row, sentence, results)
            self.rows.extend(_rows_per_horizon(self.open_row, results)[1:])  # "30% at 1 year (14% at 5 years)"
            self.cohort = cohort
            return True
        return False

    def _add_row(self, cohort: Cohort, sentence: Sentence, results: list[Mention], subgroup: str = "") -> EvidenceRow:
        self._settle_pending(cohort)
        row = _apply_results(_new_row(self.doc_id, cohort, sentence, subgroup), results)
        self.rows.extend(_rows_per_horizon(row, results))
        if cohort.subgroup and self.open_row is not None and not self.open_row.subgroup:
            self.parent = (self.open_row, self.cohort)
        elif cohort.subgroup and self.open_row is None and not self.cohort.subgroup and self.cohort.n:
            self.parent = (None, self.cohort)  # a subgroup reported before the whole cohort
        elif not cohort.subgroup:
            self.parent = None
        self.open_row, self.cohort = row, cohort
        return row

    def several(self, sentence: Sentence, arms: list[Arm], skip: set[Mention]) -> None:
        context = Cohort() if _other_source(sentence, self.cohort) else self.cohort
        if context.pooled:  # the randomised total is no arm's size
            context = self.cohort = replace(context, n=None)
        main_cohort, main_row = None, None
        exclusive = _exclusive_agents([[m for m in arm.mentions if m not in skip] for arm in arms])
        designed = _apply_design(context, arms, skip)
        sizes = {**context.arm_n, **_sentence_arm_sizes(sentence)}
        for i, arm in enumerate(arms):
            mentions = [m for m in arm.mentions if m not in skip]
            # arms that each name their own agents do not share them ("86% with X and 71% with Y")
            others = (frozenset().union(*(e for j, e in enumerate(exclusive) if j != i)) - exclusive[i]
                      if exclusive[i] else frozenset())
            if designed[i] is not None:
                others = frozenset(context.agents) - frozenset(designed[i])
            if arm.main and main_cohort is None:
                self.single(sentence, Arm(mentions, main=True, sized=arm.sized), set(), others)
                main_cohort, main_row = self.cohort, self.open_row
                if main_row is not None and main_row.n is None and main_row.sent_start == sentence.start:
                    main_row.n = _arm_n(sizes, exclusive[i], arm.control)
                continue
            base = replace(context, n=None, age=context.age if context.pooled else None,
                           subgroup=context.subgroup,
                           agents=[a for a in context.agents if a not in others] if arm.inherit_agents else [])
            if designed[i] is not None:
                base.agents = list(designed[i])
            cohort = next_cohort(sentence, mentions, base, states_treatment=True)
            if not arm.control:
                cohort = self._recall(cohort, mentions)
            if arm.control:
                cohort.agents = []
            self._settle_pending(cohort)
            row = _apply_results(_new_row(self.doc_id, cohort, sentence, _join(cohort.subgroup, arm.subgroup)),
                                 arm.results)
            if row.n is None:  # the size given for the arm's own agents, or for its design arm's
                row.n = _arm_n(sizes, exclusive[i] or frozenset(designed[i] or ()), arm.control)
            self.rows.extend(_rows_per_horizon(row, arm.results))
            self.arm_rows.add(id(row))
        if main_cohort is not None and main_row is not None:
            self.arm_rows.add(id(main_row))
        if sentence.of("N"):  # figures of sized analysis populations: rows of their own
            self.arm_rows -= {id(r) for r in self.rows if r.sent_start == sentence.start}
        if main_cohort is not None:
            self.cohort, self.open_row = main_cohort, main_row
        else:
            self.open_row = None

    def before_and_after(self, sentence: Sentence, before: Mention, after: Mention, when: str) -> None:
        """'rose from 61% to 84% after cycle 2': the cohort in context at two time
        points, a row each, subgroups 'before cycle 2' and 'after cycle 2' (spec §2.1)."""
        cohort = self.cohort
        if not cohort.has_subject():
            return
        point = cue("time_point_word").sub("", when).strip()
        for value, label in ((before, f"before {point}"), (after, when)):
            row = _apply_results(_new_row(self.doc_id, cohort, sentence, _join(cohort.subgroup, label)), [value])
            self.rows.append(row)

    def add_composites(self, sentence: Sentence, composites: list[Mention]) -> None:
        """'The CR/CRi rate was 81% (CR rate 64%)': the cohort's row keeps the plain CR; the
        composite is an extra row of that cohort, its subgroup ending with the composite's
        name (spec §2.1)."""
        plain = {m.numeric.number for m in sentence.of("CR") if m.numeric.kind not in ("cr_cri", "cri")}
        if len(composites) != 1 or len(plain) != 1:
            return  # several arms' composites: which arm each belongs to is not read yet
        for m in composites:
            row = next((r for r in reversed(self.rows) if r.cr_pct in plain and r.sent_start is not None
                        and r.sent_start <= sentence.start and (r.sent_end or 0) >= sentence.end), None)
            if row is None:
                continue
            extra = replace(row, subgroup=_join(row.subgroup, composite_name(sentence, m)), cr_pct=m.numeric.number,
                            mrd_neg_pct=None, mrd_method="", os_pct=None, os_years=None, os_median_months=None)
            self.rows.insert(self.rows.index(row) + 1, extra)

    def finish(self) -> list[EvidenceRow]:
        self._settle_pending(Cohort())
        reported = {r.trial for r in self.rows}
        for cohort, sentence in self.known.values():  # named with a size, no result of its own
            if cohort.trial not in reported and cohort.n is not None and cohort.agents:
                self.rows.append(_new_row(self.doc_id, cohort, sentence))
        return [r for r in self.rows if r.has_subject() and r.has_value()]


def with_unreached_medians(sentence: Sentence) -> Sentence:
    """A median written as "not reached" in a sentence giving OS medians ("not reached with
    X versus 30.2 months with chemotherapy") holds its arm's place in the comparison: an OS
    median mention without a number, so the figures after it go to the arms they belong to."""
    if not any(is_os_median(m) for m in sentence.of("OS")):
        return sentence
    taken = [(m.start, m.end) for m in sentence.mentions]
    slots = [Mention("OS", sentence.start + m.start(), sentence.start + m.end(), m.group(0),
                     Value(unit="months", kind="median"))
             for m in cue("not_reached").finditer(sentence.text)
             if not any(lo < sentence.start + m.end() and sentence.start + m.start() < hi for lo, hi in taken)]
    if not slots:
        return sentence
    return replace(sentence, mentions=sorted([*sentence.mentions, *slots], key=lambda m: m.start))


def shared_by_arms(sentence: Sentence, arm: Arm, context: Cohort, skip: set[Mention]) -> list[Arm]:
    """'The CR rate was 88% in both arms': one figure of each measure, stated for every arm
    of the randomised design in context, gives each arm its own copy (spec §2.1, Arms).
    Empty when the sentence names an agent of its own or no design is in context."""
    if len(context.design) < 2 or not has("all_arms", sentence.text):
        return []
    if any(m.label == "AGENT" and m not in skip for m in arm.mentions):
        return []
    shared = [m for m in arm.mentions if m.label in RESULT_LABELS or m.label == "TRIAL"]
    return [Arm(list(shared), sized=False) for _ in context.design]


_MERGED = ("n", "age_median", "age_min", "age_max", "cr_pct", "mrd_neg_pct", "mrd_method", "os_pct",
           "os_years", "os_median_months")


def _compatible(a: EvidenceRow, b: EvidenceRow) -> bool:
    """Two rows of one group whose figures never disagree (each field unset in one, or equal)."""
    if (a.trial, a.agents, a.subgroup) != (b.trial, b.agents, b.subgroup):
        return False
    for name in _MERGED:
        x, y = getattr(a, name), getattr(b, name)
        if x not in (None, "") and y not in (None, "") and x != y:
            return False
    if b.os_pct is not None and a.os_pct is None and a.os_years != b.os_years and a.os_years is not None:
        return False
    return True


def consolidate(rows: list[EvidenceRow], arm_rows: set[int] | None = None) -> list[EvidenceRow]:
    """One row per group (spec §2.1): a group's measures reported in several sentences of a
    paragraph ('88% in both arms. The 3-year OS was 80% in the X arm and ...') join the
    group's first row, where none disagrees with it."""
    out: list[EvidenceRow] = []
    for row in rows:
        into = None
        if arm_rows is None or id(row) in arm_rows:
            into = next((r for r in out if (arm_rows is None or id(r) in arm_rows) and _compatible(r, row)), None)
        if into is None:
            out.append(row)
            continue
        for name in _MERGED:
            if getattr(into, name) in (None, "") and getattr(row, name) not in (None, ""):
                setattr(into, name, getattr(row, name))
        if row.evidence and row.evidence not in into.evidence:
            into.evidence = f"{into.evidence} ... {row.evidence}"
            into.sent_end = max(into.sent_end or 0, row.sent_end or 0)
    return out


def assemble_paragraph(doc_id: str, sentences: list[Sentence], context: Cohort | None = None) -> list[EvidenceRow]:
    """Rows of one paragraph; every row names a trial or agent and has ≥ 1 value.

    A cohort introduced without results ("The X trial enrolled 86 patients (median age,
    46 years)") becomes context; the result sentences that follow complete its row.
    `context`: the cohort the paragraph starts with (the study an earlier paragraph named)."""
    paragraph = _Paragraph(doc_id, context)
    previous: Sentence | None = None
    for sentence in map(with_unreached_medians, sentences):
        skip = component_agents(sentence) | prior_agents(sentence) | alias_trials(sentence)
        historical = historical_results(sentence, skip)
        if historical:
            sentence = replace(sentence, mentions=[m for m in sentence.mentions if m not in historical])
        arms = split_arms(sentence, skip, previous.text if previous else "", previous, len(paragraph.cohort.design))
        composites = composite_rates(sentence, sorted(sentence.of("CR"), key=lambda m: m.start))
        previous = sentence
        if sentence.of(*RESULT_LABELS) and not arms:
            changed = time_points(sentence, sorted(sentence.of(*RESULT_LABELS), key=lambda m: m.start))
            if changed:
                paragraph.before_and_after(sentence, *changed)
            continue  # else a trend between eras: neither a result nor a cohort
        if not arms:
            skip |= comparator_mentions(sentence)
            paragraph.describe(sentence, [m for m in sentence.mentions if m not in skip],
                               design_arms(sentence, skip, lambda m: agents_of([m])))
        elif len(arms) == 1 and arms[0].main and shared_by_arms(sentence, arms[0], paragraph.cohort, skip):
            paragraph.several(sentence, shared_by_arms(sentence, arms[0], paragraph.cohort, skip), skip)
        elif len(arms) == 1 and arms[0].main:
            arms[0].subgroup = lead_subgroup(sentence, skip)
            paragraph.single(sentence, arms[0], skip | comparator_mentions(sentence))
        else:
            paragraph.several(sentence, arms, skip)
        paragraph.add_composites(sentence, composites)
    return consolidate(paragraph.finish(), paragraph.arm_rows)
