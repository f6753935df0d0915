"""Text rows: entity mentions linked into cohort/arm rows.

Within a paragraph a cohort is usually introduced once ("The EWALL-INO study ... in 115
older patients (median age, 69 years)") and its results follow, in the same sentence
or later ones. `assemble_paragraph` walks the sentences keeping that cohort as context;
`split_arms` splits a sentence that reports several arms or subgroups ("80.7% versus
29.4%", "... respectively", "57% in patients aged 60–69 years").
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field, replace

from extract.knowledge import canonical_agent
from extract.rows.mentions import RESULT_LABELS, Mention, Sentence
from extract.rows.schema import EvidenceRow, join_agents

RESULT_FIELDS = {"CR": ("cr_pct",), "MRD": ("mrd_neg_pct",), "OS": ("os_pct", "os_years", "os_median_months")}
_RESPECTIVELY = re.compile(r"\brespectively\b", re.I)
# "in patients aged 60–69 years", "among those with MRD negativity": a subgroup qualifier.
_SUBGROUP = re.compile(
    r"\b(?:in|among|for)\s+(?:the\s+)?(?:(?:patients?|those|subgroup|cohort|arm|group)\b[^,;()]*?)"
    r"(?=\s*(?:,|;|\(|\)|$|\band\b|\bversus\b|\bvs\b|\bcompared\b|\bwhile\b|\bwhereas\b))",
    re.I,
)


_SUBGROUP_HEAD = re.compile(r"^(?:in|among|for)\s+(?:the\s+)?(?:patients?|those|subgroup|cohort|group)?\s*(?:who\s+)?", re.I)


def subgroup_label(phrase: str) -> str:
    """'in patients aged 60–69 years' -> 'aged 60–69 years'; 'in those with X' -> 'with X'."""
    label = _SUBGROUP_HEAD.sub("", phrase.strip()).strip(" ,.;")
    return label or phrase.strip(" ,.;")


@dataclass
class Cohort:
    """What a paragraph has said so far about the cohort its results belong to."""

    trial: str = ""
    agents: list[str] = field(default_factory=list)
    n: int | None = None
    age: dict = field(default_factory=dict)

    def is_empty(self) -> bool:
        return not (self.trial or self.agents or self.n)


@dataclass
class Arm:
    """The mentions of one arm/subgroup within a sentence."""

    mentions: list[Mention]
    subgroup: str = ""


def agent_name(mention: Mention) -> str:
    """Canonical agent name of an AGENT mention (nlp value first, then the lexicon)."""
    canonical = mention.value.get("canonical") if mention.value else None
    return (canonical or canonical_agent(mention.text) or mention.text).lower()


def trial_name(mention: Mention) -> str:
    return re.sub(r"\s*\[[^\]]*\]\s*", " ", mention.text).strip()


def component_agents(sentence: Sentence) -> set[Mention]:
    """Agents listed inside brackets right after another agent spell out a regimen's
    components ("POMP [prednisone, vincristine, methotrexate, 6-mercaptopurine]"): they
    are not separate agents of the cohort."""
    agents = sorted(sentence.of("AGENT"), key=lambda m: m.start)
    inside: set[Mention] = set()
    for head in agents:
        rest = sentence.text[head.end - sentence.start:]
        opening = re.match(r"\s*[\[(]", rest)
        if not opening:
            continue
        depth, close = 0, len(rest)
        for i, ch in enumerate(rest):
            if ch in "[(":
                depth += 1
            elif ch in "])":
                depth -= 1
                if depth == 0:
                    close = i
                    break
        lo, hi = head.end, head.end + close
        members = [m for m in agents if lo <= m.start and m.end <= hi]
        if len(members) >= 2:  # a list of components, not an abbreviation "(IO)"
            inside.update(members)
    return inside


def _agents_of(mentions: list[Mention], skip: set[Mention] = frozenset()) -> list[str]:
    names: list[str] = []
    for m in mentions:
        if m.label == "AGENT" and m not in skip:
            names.extend(m.value.get("agents") or [agent_name(m)])
    return sorted(set(names))


def _cohort_from(mentions: list[Mention], base: Cohort | None = None, skip: set[Mention] = frozenset()) -> Cohort:
    """The cohort a group of mentions describes, filling gaps from `base` (the context).

    Context is inherited only when it can be the same cohort: a sentence naming other
    agents than the context, or a new trial, starts a new cohort."""
    trials = [m for m in mentions if m.label == "TRIAL"]
    agents = _agents_of(mentions, skip)
    ns = [m for m in mentions if m.label == "N" and m.value.get("number") is not None]
    ages = [m for m in mentions if m.label == "AGE"]
    if base is not None and (trials and trial_name(trials[0]) != base.trial
                             or agents and base.agents and not set(agents) <= set(base.agents)):
        base = None  # other agents or another trial: another cohort
    cohort = replace(base, agents=list(base.agents), age=dict(base.age)) if base else Cohort()
    if trials:
        cohort.trial = trial_name(trials[0])
    if agents:
        cohort.agents = agents
    if ns:
        cohort.n = int(ns[0].value["number"])
        if not ages:
            cohort.age = {}
    for age in ages:
        cohort.age.update({k: v for k, v in age.value.items() if v is not None})
    return cohort


def split_arms(sentence: Sentence) -> list[Arm]:
    """One arm, or several when a result label repeats for different arms/subgroups."""
    results = sentence.of(*RESULT_LABELS)
    repeats = max((sum(1 for m in results if m.label == label) for label in RESULT_LABELS), default=0)
    if repeats <= 1 or _same_cohort_horizons(results):
        return [Arm(sentence.mentions)]
    if _RESPECTIVELY.search(sentence.text):
        arms = _respectively_arms(sentence, repeats)
        if arms:
            return arms
    return _nearest_anchor_arms(sentence)


def _same_cohort_horizons(results: list[Mention]) -> bool:
    """Several OS figures at different horizons (2-year 77%, 5-year 64%) of one cohort."""
    if any(m.label != "OS" for m in results if sum(r.label == m.label for r in results) > 1):
        return False
    horizons = [(m.value.get("years"), m.value.get("kind")) for m in results if m.label == "OS"]
    return len(set(horizons)) == len(horizons)


def _respectively_arms(sentence: Sentence, repeats: int) -> list[Arm]:
    """'X and Y ... 80% and 60%, respectively': anchors before the first value, in order."""
    results = sentence.of(*RESULT_LABELS)
    first_value = min(m.start for m in results)
    anchors = [m for m in sentence.mentions if m.label in ("TRIAL", "AGENT", "N") and m.end <= first_value]
    groups = _anchor_groups(anchors)
    if len(groups) != repeats:
        return []
    arms = [Arm(list(group)) for group in groups]
    per_label: dict[str, int] = {}
    for m in results:
        i = per_label.get(m.label, 0)
        per_label[m.label] = i + 1
        arms[min(i, len(arms) - 1)].mentions.append(m)
    shared = [m for m in sentence.mentions if m not in anchors and m not in results]
    for arm in arms:
        arm.mentions.extend(shared)
    return arms


def _anchor_groups(anchors: list[Mention]) -> list[list[Mention]]:
    """Consecutive anchors of different labels form one group ('blinatumomab in 38 patients')."""
    groups: list[list[Mention]] = []
    for m in anchors:
        if groups and all(g.label != m.label for g in groups[-1]) and m.label == "N":
            groups[-1].append(m)
        else:
            groups.append([m])
    return groups


def _nearest_anchor_arms(sentence: Sentence) -> list[Arm]:
    """'44% for blinatumomab compared to 25% for chemotherapy', '57% in patients aged 60–69
    years and 40% in those ≥ 70': each value goes with the subject or subgroup that follows
    it before the next value, else with the one that precedes it."""
    results = sorted(sentence.of(*RESULT_LABELS), key=lambda m: m.start)
    anchors = [m for m in sentence.mentions if m.label in ("TRIAL", "AGENT", "N")]
    arms: list[Arm] = []
    used: set[Mention] = set()
    for i, value in enumerate(results):
        stop = results[i + 1].start if i + 1 < len(results) else sentence.end
        after = [a for a in anchors if value.end <= a.start < stop]
        before = [a for a in anchors if a.end <= value.start and a not in used]
        tail = sentence.between(value.end, stop)
        subgroup = ""
        m = _SUBGROUP.match(tail.lstrip(" ,")) if tail else None
        if m:
            subgroup = subgroup_label(m.group(0))
        own = after[:2] if after and re.match(r"\s*(?:\(|,)?\s*(?:for|with|in|among|on)\b", tail) else before[-2:]
        used.update(own)
        key = tuple(a.text.lower() for a in own) + (subgroup,)
        for arm in arms:
            if tuple(a.text.lower() for a in arm.mentions if a in anchors) + (arm.subgroup,) == key and \
                    all(r.label != value.label for r in arm.mentions):
                arm.mentions.append(value)
                break
        else:
            arms.append(Arm([*own, value], subgroup))
    shared = [m for m in sentence.mentions if m.label == "AGE"]
    for arm in arms:
        arm.mentions.extend(shared)
    return arms


def _apply_results(row: EvidenceRow, mentions: list[Mention]) -> EvidenceRow:
    for m in mentions:
        v = m.value or {}
        number = v.get("number")
        if m.label == "CR" and row.cr_pct is None:
            row.cr_pct = number
        elif m.label == "MRD" and row.mrd_neg_pct is None:
            row.mrd_neg_pct = number
            row.mrd_method = row.mrd_method or (v.get("method") or "")
        elif m.label == "OS":
            if v.get("kind") == "median" or v.get("unit") == "months":
                if row.os_median_months is None:
                    row.os_median_months = number
            elif row.os_pct is None:
                row.os_pct = number
                row.os_years = v.get("years")
    return row


def _fills(row: EvidenceRow, mentions: list[Mention]) -> bool:
    """Whether all result mentions land in fields still empty in `row`."""
    for m in mentions:
        if m.label == "CR" and row.cr_pct is not None:
            return False
        if m.label == "MRD" and row.mrd_neg_pct is not None:
            return False
        if m.label == "OS":
            median = (m.value or {}).get("kind") == "median" or (m.value or {}).get("unit") == "months"
            if (row.os_median_months if median else row.os_pct) is not None:
                return False
    return True


def _new_row(doc_id: str, cohort: Cohort, sentence: Sentence, subgroup: str = "") -> EvidenceRow:
    return EvidenceRow(
        doc_id=doc_id, source="text", trial=cohort.trial, agents=join_agents(cohort.agents),
        subgroup=subgroup, n=cohort.n, age_median=cohort.age.get("number"),
        age_min=cohort.age.get("low"), age_max=cohort.age.get("high"),
        evidence=sentence.text, sent_start=sentence.start, sent_end=sentence.end,
    )


def _rows_per_horizon(row: EvidenceRow, results: list[Mention]) -> list[EvidenceRow]:
    """A cohort's OS at several horizons ("3-year 80% and 5-year 50%"): one row each."""
    rates = [m for m in results if m.label == "OS" and m.value.get("kind") != "median"
             and m.value.get("unit") != "months"]
    extra = []
    for m in rates[1:]:
        if m.value.get("years") is None or m.value.get("years") == row.os_years:
            continue
        clone = replace(row, n=None, age_median=None, age_min=None, age_max=None, cr_pct=None,
                        mrd_neg_pct=None, mrd_method="", os_median_months=None, notes=[])
        clone.os_pct, clone.os_years = m.value.get("number"), m.value.get("years")
        extra.append(clone)
    return [row, *extra]


def assemble_paragraph(doc_id: str, sentences: list[Sentence]) -> list[EvidenceRow]:
    """Rows of one paragraph; every row names a trial or agent and has ≥ 1 result value.

    A cohort introduced without results ("The X trial enrolled 86 patients (median age,
    46 years)") becomes context; the result sentences that follow complete its row."""
    rows: list[EvidenceRow] = []
    cohort = Cohort()
    open_row: EvidenceRow | None = None  # the row later result sentences may complete
    for sentence in sentences:
        results = sentence.of(*RESULT_LABELS)
        components = component_agents(sentence)
        if not results:
            if sentence.of("TRIAL", "N", "AGENT"):
                updated = _cohort_from(sentence.mentions, cohort, components)
                if updated != cohort:
                    cohort, open_row = updated, None
            continue
        arms = split_arms(sentence)
        if len(arms) == 1:
            mentions = [m for m in arms[0].mentions if m not in components]
            own_subject = any(m.label in ("TRIAL", "N", "AGENT") for m in mentions)
            if open_row is not None and not own_subject and _fills(open_row, results):
                _apply_results(open_row, results)
                open_row.evidence = f"{open_row.evidence} {sentence.text}"
                open_row.sent_end = sentence.end
                continue
            cohort = _cohort_from(mentions, cohort, components)
            open_row = _apply_results(_new_row(doc_id, cohort, sentence), results)
            rows.extend(_rows_per_horizon(open_row, results))
            continue
        for arm in arms:
            arm_cohort = _cohort_from([m for m in arm.mentions if m not in components], cohort, components)
            row = _apply_results(_new_row(doc_id, arm_cohort, sentence, arm.subgroup),
                                 [m for m in arm.mentions if m.label in RESULT_LABELS])
            rows.append(row)
        open_row = None
    return [r for r in rows if r.has_subject() and r.has_value()]
