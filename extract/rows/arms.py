"""Splitting one sentence's result values into arms and subgroups.

Ways results of several groups are written in one sentence:

* positional comparisons: "a CR rate of 44% for X compared to 25% for chemotherapy, with
  OS of 7 versus 4.4 months" (the i-th value of each measure belongs to arm i);
* "respectively" lists: "X and Y ... 80% and 60%, respectively";
* qualified values: "the 5-year OS rate was 47%, 57% in patients aged 60–69 years" (a
  value followed by its subgroup; values with no qualifier are the whole cohort);
* pairs qualified once: "40.1 vs 22.3 months in patients with and without X", "65% with and
  38% without X", "80% for standard-risk and 62% for high-risk patients" (two groups, each
  labelled; "with and without <agent>" is the agent's arm and the control arm);
* time points of one cohort: "MRD negativity of 80% after course 1 and of 94% at any
  time" (no comparison, no qualifier: one cohort, the best figure is kept).
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from extract.rows.cues import cue, has
from extract.rows.mentions import Mention, Sentence
from extract.types import RESULT_LABELS, SUBJECT_LABELS

_TAIL_END = re.compile(r"\s*(?:[,;(\[]|\.\s*$|$)")
_MAX_LABEL_WORDS = 8


@dataclass
class Arm:
    """The mentions of one arm/subgroup within a sentence."""

    mentions: list[Mention]
    subgroup: str = ""
    main: bool = False  # the cohort in context, not a part of it nor a comparator
    inherit_agents: bool = True  # False: a comparator arm that names no agent of its own
    control: str = ""  # "chemotherapy" for an agent-less control arm
    sized: bool = True  # the cohort's size applies (not to one arm of a comparison)

    @property
    def results(self) -> list[Mention]:
        return [m for m in self.mentions if m.label in RESULT_LABELS]


def is_os_median(m: Mention) -> bool:
    """An OS median (in months), as opposed to an OS rate at a horizon."""
    return m.label == "OS" and (m.numeric.kind == "median" or m.numeric.unit == "months")


def measure_key(m: Mention) -> tuple[str, str]:
    """A result's measure: OS medians and OS rates are different measures."""
    if m.label != "OS":
        return (m.label, "")
    return ("OS", "median" if is_os_median(m) else "rate")


def is_range(m: Mention) -> bool:
    return m.numeric.low is not None and m.numeric.high is not None


# ---------------------------------------------------------------- subgroup labels

def clean_label(phrase: str) -> str:
    """'in patients aged 60–69 years' -> 'aged 60–69 years'; 'of patients with newly
    diagnosed disease' -> 'newly diagnosed'; 'in patients 70 years and older' -> 'aged 70
    years and older'; 'in MRD-negative patients' -> 'MRD-negative'; 'among patients in first
    salvage' -> 'first salvage'."""
    phrase = phrase.strip(" ,.;")
    head = cue("subgroup_head").match(phrase)
    label = phrase[head.end():] if head else phrase
    if head and re.search(r"\bwith\s*$", head.group(0), re.I):  # "patients with X ALL" -> "X"
        label = cue("subgroup_tail").sub("", label)
    label = cue("auxiliary").sub("", label).strip(" ,.;")
    label = cue("subgroup_noun").sub("", label) or label  # "MRD-negative patients" -> "MRD-negative"
    if cue("age_qualifier").match(label):
        label = f"aged {label}"
    return label


def subgroup_after(tail: str) -> str:
    """The subgroup qualifier a value's tail starts with, '' if none."""
    text = tail.lstrip(" ,)")
    word = cue("qualifier_word").match(text)
    if word:
        return word.group(1)
    if not cue("subgroup_lead").match(text):
        return ""
    end = _TAIL_END.search(text)
    phrase = cue("trailing_join").sub("", text[:end.start()] if end else text)
    label = clean_label(phrase)
    if (not label or len(label.split()) > _MAX_LABEL_WORDS or re.search(r"\d\s*%", label)
            or has("comparison", label)):  # "with X compared with": an arm, not a qualifier
        return ""
    return label


def qualifier_pair(text: str) -> tuple[str, str] | None:
    """('Salvage 1', 'Salvage 2 +') from 'in Salvage 1 compared with Salvage 2 +, ...'."""
    for name in ("comparing_pair", "in_x_versus_y"):  # "comparing X with Y", "in X compared with Y"
        m = cue(name).search(text)
        if m:
            x, y = clean_label(m.group("x")), clean_label(m.group("y"))
            if has("not_qualifier", x) or has("not_qualifier", y):
                continue
            if x and y and len(x.split()) <= _MAX_LABEL_WORDS and len(y.split()) <= _MAX_LABEL_WORDS:
                return x, y
    return None


def control_label(text: str) -> str:
    """'chemotherapy' when `text` names an agent-less control arm (its row's subgroup is
    'chemotherapy arm' whatever the wording, GUIDELINES §4), else ''."""
    return "chemotherapy" if cue("control").search(text) else ""


def leading_control(tail: str) -> str:
    """The control arm a value's tail starts with ('30% in the control arm', '64% without
    it', '17% without rituximab'), '' if none."""
    text = _TAIL_END.split(tail.lstrip(" )"), 1)[0]
    if cue("absence").match(text):
        return "chemotherapy"
    lead = cue("control_lead").match(text)
    return control_label(text) if lead and cue("control").match(text, lead.end()) else ""


# ---------------------------------------------------------------- value filters

def drop_cri(sentence: Sentence, results: list[Mention]) -> list[Mention]:
    """'56% achieved CR, and 71% achieved CR with incomplete recovery': keep the plain CR."""
    def is_cri(m: Mention) -> bool:
        if m.label != "CR":
            return False
        kind = m.numeric.kind
        return kind in ("cri", "cr_cri") or bool(cue("cri").match(sentence.between(m.end, sentence.end)))

    crs = [m for m in results if m.label == "CR"]
    if len(crs) > 1 and any(not is_cri(m) for m in crs):
        return [m for m in results if not is_cri(m)]
    return results


def composite_rates(sentence: Sentence, results: list[Mention]) -> list[Mention]:
    """The composite remission rates ('CR/CRi 81% (CR 64%)') that `drop_cri` leaves out of
    the cohort's row for its plain CR; spec §2.1 gives each a row of its own."""
    kept = drop_cri(sentence, results)
    return [m for m in results if m not in kept and m.numeric.kind == "cr_cri"]


def composite_name(sentence: Sentence, m: Mention) -> str:
    """The composite's name as the sentence writes it nearest before the value ('CR/CRi',
    'CR/CRh'), else the usual one."""
    found = list(cue("composite_name").finditer(sentence.between(sentence.start, m.start)))
    return re.sub(r"\s+", "", found[-1].group(0)) if found else "CR/CRi"


def time_points(sentence: Sentence, results: list[Mention]) -> tuple[Mention, Mention, str] | None:
    """'MRD negativity rose from 61% to 84% after cycle 2': one cohort's values before
    and after a time point (spec §2.1: rows of their own), as (before, after, the time
    point's words); None for any other sentence, and for a change between eras."""
    for i, m in enumerate(results[:-1]):
        nxt = results[i + 1]
        before = sentence.between(results[i - 1].end if i else sentence.start, m.start)
        if not (cue("trend_from").search(before) and m.label == nxt.label):
            continue
        point = cue("time_point_after").match(sentence.between(nxt.end, sentence.end))
        if point:
            return m, nxt, point.group("when").strip()
    return None


def is_trend(sentence: Sentence, results: list[Mention]) -> bool:
    """'improved from < 10% to 50%': a change between eras, not a cohort's result."""
    for i, m in enumerate(results[:-1]):
        before = sentence.between(results[i - 1].end if i else sentence.start, m.start)
        if cue("trend_from").search(before) and m.label == results[i + 1].label:
            return True
    return False


# ---------------------------------------------------------------- splitting

def _counts(results: list[Mention]) -> dict[tuple[str, str], int]:
    counts: dict[tuple[str, str], int] = {}
    for m in results:
        counts[measure_key(m)] = counts.get(measure_key(m), 0) + 1
    return counts


def _deal_by_position(results: list[Mention], arms: list[Arm]) -> None:
    """The i-th value of each measure goes to arm i (a measure given once, to arm 0); values
    beyond the last arm go to the last arm."""
    seen: dict[tuple[str, str], int] = {}
    for m in results:
        i = seen.get(measure_key(m), 0)
        seen[measure_key(m)] = i + 1
        arms[min(i, len(arms) - 1)].mentions.append(m)


def _one_cohort(results: list[Mention]) -> bool:
    """No measure repeats, or only OS rates at different horizons (2-year 77%, 5-year 64%)."""
    counts = _counts(results)
    if all(c == 1 for c in counts.values()):
        return True
    if any(key != ("OS", "rate") for key, c in counts.items() if c > 1):
        return False
    horizons = [m.numeric.years for m in results if measure_key(m) == ("OS", "rate")]
    return None not in horizons and len(set(horizons)) == len(horizons)


def split_arms(sentence: Sentence, skip: set[Mention] = frozenset(), previous: str = "",
               before: Sentence | None = None, design_k: int = 0) -> list[Arm]:
    """Arms of a sentence with results (empty when it reports none or only a trend).
    `previous`/`before`: the text and the sentence before, where a "respectively" list may
    be named; `design_k`: the number of arms of a randomised design in context."""
    results = drop_cri(sentence, sorted(sentence.of(*RESULT_LABELS), key=lambda m: m.start))
    if not results or is_trend(sentence, results):
        return []
    others = [m for m in sentence.mentions if m.label not in RESULT_LABELS and m not in skip]
    if _one_cohort(results):
        return [Arm([*others, *results], main=True)]
    pair = paired_qualifiers(sentence, results, others)
    if pair:
        return _paired_arms(results, others, pair)
    arms = _agent_and_control_arms(sentence, results, others)
    if arms:
        return arms
    if has("respectively", sentence.text):
        arms = (_respectively_arms(sentence, results, others, before, skip)
                or _coordinated_arms(sentence, results, others, previous))
        if arms:
            return arms
    counts = _counts(results)
    repeated = {c for c in counts.values() if c > 1}
    if design_k >= 2 and repeated == {design_k} and not _anchors_in(others, sentence.start, sentence.end, "AGENT"):
        return _positional_arms(sentence, results, others, design_k)  # the design's arms, in order
    if has("comparison", sentence.text) and len(repeated) == 1:
        return _positional_arms(sentence, results, others, repeated.pop())
    return _qualified_arms(sentence, results, others)


def _respectively_arms(sentence: Sentence, results: list[Mention], others: list[Mention],
                       before: Sentence | None = None, skip: set[Mention] = frozenset()) -> list[Arm]:
    """'X and Y ... 80% and 60%, respectively': anchors before the first value, in order."""
    first_value = results[0].start
    anchors = [m for m in others if m.label in (*SUBJECT_LABELS, "N") and m.end <= first_value]
    repeats = max(_counts(results).values())
    groups = _anchor_groups(anchors, repeats)
    if len(groups) != repeats:  # "62% and 48% for the X and control arms, respectively"
        groups = _arms_named(sentence, skip, results[-1].end)
    if len(groups) != repeats and before is not None and not any(m.label == "AGENT" for m in anchors):
        groups = _arms_named(before, skip)  # "randomized to X or chemotherapy. ... respectively"
    if len(groups) != repeats:
        return []
    arms = [Arm([m for m in group if m.label != "CONTROL"]) for group in groups]
    for arm, group in zip(arms, groups):
        if any(m.label == "CONTROL" for m in group):
            arm.control, arm.subgroup, arm.inherit_agents = "chemotherapy", "chemotherapy arm", False
    _deal_by_position(results, arms)
    grouped = [m for group in groups for m in group]
    shared = [m for m in others if m not in anchors and m not in grouped] + [
        m for m in anchors if m.label == "TRIAL" and m not in grouped]
    for arm in arms:
        arm.mentions.extend(shared)
    return arms


def control_marks(sentence: Sentence) -> list[Mention]:
    """Agent-less control arms a sentence names ('randomized to X or chemotherapy'), as
    mentions labelled CONTROL."""
    agents = sentence.of("AGENT")
    marks = []
    for m in cue("control").finditer(sentence.text):
        lo, hi = sentence.start + m.start(), sentence.start + m.end()
        if not any(a.start < hi and lo < a.end for a in agents):
            marks.append(Mention("CONTROL", lo, hi, m.group(0)))
    return marks


def _arms_named(sentence: Sentence, skip: set[Mention], after: int = 0) -> list[list[Mention]]:
    """The arms a sentence names (after offset `after`), in order: its agents and agent-less
    controls."""
    named = [m for m in sentence.of("AGENT") + control_marks(sentence) if m not in skip and m.start >= after]
    return [[m] for m in sorted(named, key=lambda m: m.start)]


def coordinated_qualifiers(text: str) -> list[str]:
    """'in patients with and without Ph-like ALL' -> ['with Ph-like ALL', 'without Ph-like ALL']."""
    m = cue("with_and_without").search(text)
    return [f"with {m.group(1)}", f"without {m.group(1)}"] if m else []


def _pair_of(results: list[Mention]) -> tuple[Mention, Mention] | None:
    """The two values of the first measure given exactly twice (None when a measure is given
    more than twice)."""
    counts = _counts(results)
    if max(counts.values()) != 2:
        return None
    key = next(measure_key(m) for m in results if counts[measure_key(m)] == 2)
    a, b = (m for m in results if measure_key(m) == key)
    return a, b


def paired_qualifiers(sentence: Sentence, results: list[Mention], subjects: list[Mention]) -> list[str]:
    """The two groups of a value pair, named once for both: 'in patients with and without X'
    (before or after the values) and its elliptical forms ('40 months with and 22 months
    without X', '40 months in patients with X and 22 in those without') -> ['with X', 'without
    X']; a shared noun ('in MRD-negative and MRD-positive patients') -> ['MRD-negative',
    'MRD-positive']. [] when none, or when a label names a trial or agent (then the groups are
    arms: 'with and without rituximab')."""
    pair = _pair_of(results)
    if pair is None:
        return []
    a, b = pair
    if _anchors_in(subjects, a.end, b.start, "AGENT"):
        return []  # "80% with X and 60% with Y ...": the agents are the arms
    lead = sentence.between(sentence.start, results[0].start)
    after = sentence.between(results[-1].end, sentence.end)
    gap, tail = sentence.between(a.end, b.start), sentence.between(b.end, sentence.end)
    labels = coordinated_qualifiers(lead_clause(lead) or lead) or coordinated_qualifiers(_TAIL_END.split(after, 1)[0])
    if not labels and cue("with_gap").match(gap) and cue("without_tail").match(tail):
        x = cue("without_tail").match(tail).group(1)
        labels = [f"with {x}", f"without {x}"]
    if not labels and cue("with_tail").match(gap) and cue("bare_without").match(tail):
        x = cue("with_tail").match(gap).group(1)
        labels = [f"with {x}", f"without {x}"]
    if not labels:
        shared = cue("shared_noun_pair").match(lead) or cue("shared_noun_pair").match(after)
        labels = [clean_label(shared.group("x")), clean_label(shared.group("y"))] if shared else []
    names = [m.text.lower() for m in subjects if m.label in SUBJECT_LABELS]
    if (len(labels) != 2 or not all(labels) or any(len(x.split()) > _MAX_LABEL_WORDS for x in labels)
            or any(n in x.lower() for x in labels for n in names)
            or any(re.fullmatch(r"[\d\s.,%–-]+", x) for x in labels)):
        return []
    return labels


def _with_and_without_at(sentence: Sentence, results: list[Mention]) -> tuple[int, int] | None:
    """Offsets of X in 'with and without X' written before the values or right after them."""
    lead_end = results[0].start
    for lo, hi in ((sentence.start, lead_end), (results[-1].end, sentence.end)):
        text = sentence.between(lo, hi)
        text = lead_clause(text) or text if lo == sentence.start else _TAIL_END.split(text, 1)[0]
        m = cue("with_and_without").search(text)
        if m:
            return lo + m.start(1), lo + m.end(1)
    return None


def _agent_and_control_arms(sentence: Sentence, results: list[Mention], others: list[Mention]) -> list[Arm]:
    """'CR rates were 71% and 64% with and without rituximab': a value pair of the arm given the
    agent and of the control arm without it; [] when the pair is not qualified by an agent."""
    pair, at = _pair_of(results), _with_and_without_at(sentence, results)
    if pair is None or at is None or not _anchors_in(others, at[0], at[1], "AGENT"):
        return []
    counts = _counts(results)
    arms = [Arm([m for m in others if m.label in SUBJECT_LABELS], sized=False),
            Arm([m for m in others if m.label == "TRIAL"], "chemotherapy arm", control="chemotherapy",
                inherit_agents=False, sized=False)]
    _deal_by_position([m for m in results if counts[measure_key(m)] == 2], arms)
    main = Arm(list(others), main=True)
    main.mentions.extend(m for m in results if counts[measure_key(m)] == 1)
    return ([main] if main.results else []) + arms


def _paired_arms(results: list[Mention], others: list[Mention], labels: list[str]) -> list[Arm]:
    """Values given twice go to the two qualified groups in order; values given once are the
    whole cohort's ('The CR rate was 92%, and median OS was 30 months with and 18 months
    without transplant')."""
    counts = _counts(results)
    subjects = [m for m in others if m.label in SUBJECT_LABELS]
    arms = [Arm(list(subjects), label) for label in labels]
    main = Arm(list(others), main=True)
    _deal_by_position([m for m in results if counts[measure_key(m)] == 2], arms)
    main.mentions.extend(m for m in results if counts[measure_key(m)] == 1)
    return ([main] if main.results else []) + arms


def lead_clause(lead: str) -> str:
    """The subgroup phrase a sentence opens with ('In patients younger than 40 and those 40 or
    older, ...' -> 'In patients younger than 40 and those 40 or older'), '' if none."""
    m = cue("lead_qualifier").match(lead)
    return _TAIL_END.split(lead[m.end():], 1)[0] if m else ""


def lead_subgroup(sentence: Sentence, skip: set[Mention] = frozenset()) -> str:
    """The part of a cohort a sentence opens with, before its values ('Among patients in first
    salvage, the CR rate was 60%' -> 'first salvage'); '' when the opening names a trial, an
    agent or a size (then it introduces a cohort of its own)."""
    results = sorted(sentence.of(*RESULT_LABELS), key=lambda m: m.start)
    if not results:
        return ""
    clause = lead_clause(sentence.between(sentence.start, results[0].start))
    end = sentence.start + len(clause)
    if not clause or any(m.start < end and m.label in (*SUBJECT_LABELS, "N") for m in sentence.mentions
                         if m not in skip):
        return ""
    return subgroup_after(clause)


def listed_qualifiers(text: str, k: int) -> list[str]:
    """'in patients aged under 55 years and 55 years or older, respectively' -> the `k`
    subgroups in order ([] when the text does not start with a qualifier or lists another number)."""
    text = text.lstrip(" ,)")
    if not cue("subgroup_lead").match(text):
        return []
    end = cue("respectively").search(text)
    phrase = text[:end.start()] if end else _TAIL_END.split(text, 1)[0]
    # the head and noun the subgroups share are written once ("for patients with MRD-negative
    # and MRD-positive disease"): strip them from the whole list first, then from each part
    for whole in (clean_label(phrase), phrase):
        parts = [p for p in cue("qualifier_separator").split(whole.strip(" ,;")) if p and p.strip()]
        labels = [clean_label(p) for p in parts]
        if len(labels) == k and all(labels) and all(len(x.split()) <= _MAX_LABEL_WORDS for x in labels):
            return labels
    return []


def _coordinated_arms(sentence: Sentence, results: list[Mention], others: list[Mention], previous: str) -> list[Arm]:
    """'... 7.9 months and 8.4 months, respectively' after 'in patients with and without X'."""
    lead = sentence.between(sentence.start, results[0].start)
    if _anchors_in(others, sentence.start, results[0].start):
        return []
    k = max(_counts(results).values())
    after = sentence.between(results[-1].end, sentence.end)
    labels = (coordinated_qualifiers(lead) or coordinated_qualifiers(previous)
              or listed_qualifiers(lead_clause(lead), k) or listed_qualifiers(after, k))
    if len(labels) != k:
        return []
    arms = [Arm([m for m in others if m.label in SUBJECT_LABELS], label) for label in labels]
    _deal_by_position(results, arms)
    return arms


def _anchor_groups(anchors: list[Mention], k: int = 0) -> list[list[Mention]]:
    """Consecutive anchors of different labels form one group ('blinatumomab in 38 patients');
    when exactly `k` trials are named, each trial with what follows it is one group ('the X
    study (A plus B) and the Y study of C with B')."""
    trials = [i for i, m in enumerate(anchors) if m.label == "TRIAL"]
    if k >= 2 and trials == [0] and len(anchors) > 1:
        anchors = anchors[1:]  # "the X trial of A and B": the trial is both arms'
        trials = []
    if k >= 2 and len(trials) == k:
        cuts = [0, *trials[1:], len(anchors)]
        return [anchors[lo:hi] for lo, hi in zip(cuts, cuts[1:])]
    groups: list[list[Mention]] = []
    for m in anchors:
        if groups and all(g.label != m.label for g in groups[-1]) and m.label == "N":
            groups[-1].append(m)
        else:
            groups.append([m])
    return groups


def _tail(sentence: Sentence, results: list[Mention], i: int) -> tuple[int, int]:
    """Offsets of the text after value i up to the next value: where its qualifier is written."""
    end = results[i + 1].start if i + 1 < len(results) else sentence.end
    return results[i].end, end


def _anchors_in(mentions: list[Mention], lo: int, hi: int, *labels: str) -> list[Mention]:
    """Mentions labelled `labels` (default: trials and agents) lying within [lo, hi]."""
    return [m for m in mentions if m.label in (labels or SUBJECT_LABELS) and lo <= m.start and m.end <= hi]


def _positional_arms(sentence: Sentence, results: list[Mention], others: list[Mention], k: int) -> list[Arm]:
    """The i-th value of each repeated measure belongs to arm i; once-given values to arm 0."""
    arms = [Arm([]) for _ in range(k)]
    _deal_by_position(results, arms)
    own = _read_tails(sentence, results, others, arms)
    _assign_leading(sentence, results, others, arms, own)
    _contrast_labels(sentence.between(sentence.start, results[0].start), arms)
    _finish_positional(arms, own, others, results[0].start, has("association", sentence.text))
    return arms


def _read_tails(sentence: Sentence, results: list[Mention], others: list[Mention],
                arms: list[Arm]) -> list[list[Mention]]:
    """What follows each value names its arm: a control, a subgroup, or the arm's own agents
    (returned per arm; the control and subgroup are set on the arms)."""
    own: list[list[Mention]] = [[] for _ in arms]
    for index, m in enumerate(results):
        arm = next(i for i, a in enumerate(arms) if m in a.mentions)
        lo, hi = _tail(sentence, results, index)
        tail = sentence.between(lo, hi)
        target = 0 if tail.lstrip().startswith(")") else arm  # "(85% vs. 68%) for those receiving X"
        if target == arm and not arms[arm].control and not arms[arm].subgroup and leading_control(tail):
            arms[arm].control = leading_control(tail)  # "64% without it", "30% in the control arm"
            continue
        if not cue("anchor_lead").match(tail.lstrip(" )")):
            if target == arm and not arms[arm].subgroup:
                arms[arm].subgroup = subgroup_after(tail)  # "34% pre-amendment", "52% if ..."
            continue
        anchors = _anchors_in(others, lo, hi)
        if not any(a.label == "AGENT" for a in anchors):
            anchors = []  # "29% of those randomized to chemotherapy in the X trial": the trial is shared
        if anchors and not own[target]:
            own[target] = anchors
        elif not anchors and not arms[target].control:
            arms[target].control = control_label(_TAIL_END.split(tail.lstrip(" )"), 1)[0])
            if not arms[target].control and not arms[target].subgroup and target == arm:
                arms[target].subgroup = subgroup_after(tail)
    return own


def _finish_positional(arms: list[Arm], own: list[list[Mention]], others: list[Mention], first: int,
                       association: bool) -> None:
    """Give each arm its subjects (own agents, else the agents before the values for arm 0;
    the trials are shared) and its role: only an unqualified arm 0 is the cohort in context."""
    shared = [m for m in others if m.label == "TRIAL" and not any(m in o for o in own)]
    leading = [m for m in others if m.end <= first and m.label == "AGENT" and not any(m in o for o in own)]
    for i, arm in enumerate(arms):
        # a subgroup of the cohort shares its agents ("84% among ..., whereas it was 66% among ...")
        anchors = own[i] or (leading if i == 0 or (arm.subgroup and not arm.control) else [])
        arm.mentions.extend([*anchors, *shared])
        if i == 0:
            arm.mentions.extend(m for m in others if m.label in ("N", "AGE"))
        arm.main = i == 0 and not any(a.subgroup for a in arms) and not arm.control
        arm.sized = False
        arm.inherit_agents = not arm.control and (i == 0 or bool(own[i]) or bool(arm.subgroup) or association)
        if arm.control:
            arm.subgroup = f"{arm.control} arm"


def _assign_leading(sentence: Sentence, results: list[Mention], others: list[Mention],
                    arms: list[Arm], own: list[list[Mention]]) -> None:
    """Before the values: 'X compared with Y (63% versus 34%)', 'comparing A with B'."""
    lead = sentence.between(sentence.start, results[0].start)
    pair = qualifier_pair(lead)
    if pair and len(arms) == 2 and not any(a.subgroup for a in arms):
        arms[0].subgroup, arms[1].subgroup = pair
        return
    split = cue("comparison").search(lead)
    if not split or len(arms) != 2:
        return
    at = sentence.start + split.start()
    before = [m for m in _anchors_in(others, sentence.start, at) if m.label == "AGENT"]
    after = [m for m in _anchors_in(others, at, results[0].start) if m.label == "AGENT"]
    if before and not own[0]:
        own[0] = before
    if after and not own[1]:
        own[1] = after
    elif not after and not own[1] and not arms[1].control:
        arms[1].control = control_label(lead[split.end():])


def _contrast_labels(lead: str, arms: list[Arm]) -> None:
    """Responders versus non-responders: 'Achieving X was associated with ...' -> 'X
    achieved' / 'no X'; 'for patients who had X ... compared to ... those who did not' ->
    'X' / 'no X'."""
    if len(arms) != 2:
        return
    gerund = cue("achieving_subject").search(lead)
    if gerund and not any(a.subgroup for a in arms):
        arms[0].subgroup, arms[1].subgroup = f"{gerund.group(1)} achieved", f"no {gerund.group(1)}"
        return
    who = cue("who_subject").search(lead)
    if who and not arms[0].subgroup:
        arms[0].subgroup = clean_label(who.group(1))
    if arms[0].subgroup and cue("negated").match(arms[1].subgroup):
        arms[1].subgroup = f"no {arms[0].subgroup}"


def _qualified_arms(sentence: Sentence, results: list[Mention], others: list[Mention]) -> list[Arm]:
    """Values followed by a subgroup or an own subject are arms; the rest is the cohort."""
    first = results[0].start
    shared = [m for m in others if m.end <= first or m.label in ("N", "AGE")]
    main = Arm(list(shared), main=True)
    arms: list[Arm] = []
    claimed: list[Mention] = []  # anchors a value's tail names ("71% with X and 64% ..."): not the next value's
    previous_tail = ""
    sentence_opening = ""  # the subgroup the sentence opens with, when its values are arms within it
    for index, m in enumerate(results):
        lo, hi = _tail(sentence, results, index)
        tail = sentence.between(lo, hi)
        gap_lo = results[index - 1].end if index else first
        # a subgroup named before the value, unless that text is the previous value's qualifier
        lead_lo = gap_lo if index else sentence.start
        lead_label = "" if subgroup_after(previous_tail) else subgroup_after(
            lead_clause(sentence.between(lead_lo, m.start)))
        clauses = cue("clause_break").split(sentence.between(lead_lo, m.start), 1) if index else []
        if len(clauses) == 2 and not lead_label:  # "...; in those aged 60 years or older, it was 81%"
            lead_label = subgroup_after(lead_clause(clauses[1]))
        previous_tail = tail
        anchors = [a for a in _anchors_in(others, gap_lo, m.start) if a not in claimed] if index else []
        control = "" if anchors else leading_control(tail)
        if control:
            _control_arm(arms, m, control, shared).mentions.append(m)
            continue
        before_anchor = ""
        # the sentence's opening subgroup does not stop a value's own agent ("In patients aged 60
        # years or older, MRD negativity was 30% with X and 12% with Y"): arms within it
        opening = lead_label if not index else ""
        if not anchors and (not lead_label or opening) and cue("anchor_lead").match(tail):
            anchors = [a for a in _anchors_in(others, lo, hi)
                       if not opening or a.label == "AGENT"]
            before_anchor = label_before_anchor(sentence, lo, anchors)
            if before_anchor:  # "62% for high-risk patients in the X study": the study is shared
                anchors = [a for a in anchors if a.label == "AGENT"]
            claimed.extend(anchors)
        if opening and anchors and not before_anchor:
            before_anchor = opening
        elif index and anchors and not before_anchor and sentence_opening:
            before_anchor = sentence_opening  # a later arm within the same opening subgroup
        if not index:
            sentence_opening = opening if anchors else ""
        tail_label = before_anchor or ("" if anchors else subgroup_after(tail))
        if (tail_label and not before_anchor
                and _anchors_in(others, lo, lo + len(tail.split(tail_label)[0]) + len(tail_label), "TRIAL")):
            tail_label = ""  # "..., in the X trial": the study, not a subgroup
        subgroup = tail_label if before_anchor else "" if anchors else tail_label or lead_label
        if not anchors and not subgroup:
            main.mentions.append(m)
            continue
        sizes = _sizes_in(sentence, others, lo, hi) if tail_label else _sizes_in(sentence, others, lead_lo, m.start)
        arm = _subgroup_arm(arms, m, anchors, subgroup, shared)
        arm.mentions.append(m)
        if subgroup and sizes and not any(x.label == "N" for x in arm.mentions):
            arm.mentions.append(sizes[0])  # "95% in patients younger than 40 years (n = 60)"
            main.mentions = [x for x in main.mentions if x is not sizes[0]]
    main.mentions = _best_per_measure(main.mentions)
    if arms and not main.results:
        _share_trailing_study(arms, others, results[-1].end, claimed)
    return ([main] if main.results else []) + arms


def label_before_anchor(sentence: Sentence, lo: int, anchors: list[Mention]) -> str:
    """The subgroup a value's tail names before the study or agent that follows it ('62% for
    high-risk patients in the X study' -> 'high-risk'); '' when only an anchor's lead stands
    there ('71% with X', '74% of patients treated with X')."""
    if not anchors:
        return ""
    before = sentence.between(lo, min(a.start for a in anchors)).lstrip(" )")
    lead = cue("anchor_lead").match(before)
    if lead and not re.sub(r"^\s*(?:the\b)?", "", before[lead.end():]).strip(" ,"):
        return ""
    return subgroup_after(cue("anchor_link").sub("", before))


def _lacks_measure(arm: Arm, m: Mention) -> bool:
    """The arm has no value yet of `m`'s measure (so `m` can join it)."""
    return all(measure_key(r) != measure_key(m) for r in arm.results)


def _control_arm(arms: list[Arm], m: Mention, control: str, shared: list[Mention]) -> Arm:
    """The control arm that takes value `m`: an existing one still lacking its measure, or a
    new one appended to `arms`."""
    arm = next((a for a in arms if a.control and _lacks_measure(a, m)), None)
    if arm is None:
        arm = Arm([s for s in shared if s.label == "TRIAL"], f"{control} arm", control=control,
                  inherit_agents=False, sized=False)
        arms.append(arm)
    return arm


def _subgroup_arm(arms: list[Arm], m: Mention, anchors: list[Mention], subgroup: str,
                  shared: list[Mention]) -> Arm:
    """The arm with the same subgroup and own subjects that takes value `m` (one still lacking
    its measure), or a new one appended to `arms`."""
    names = tuple(a.text.lower() for a in anchors)
    arm = next((a for a in arms if a.subgroup == subgroup and
                tuple(x.text.lower() for x in a.mentions if x in anchors) == names
                and _lacks_measure(a, m)), None)
    if arm is None:
        arm = Arm([*anchors, *[s for s in shared if s.label in SUBJECT_LABELS]], subgroup)
        arms.append(arm)
    return arm


def _share_trailing_study(arms: list[Arm], others: list[Mention], end: int, claimed: list[Mention]) -> None:
    """The study named after the subgroups' values ("..., in the X trial of Y") is theirs,
    unless one of them is a control arm."""
    owned = {id(x) for a in arms for x in a.mentions} | {id(x) for x in claimed}
    trailing = [x for x in others if x.label in SUBJECT_LABELS and x.start >= end and id(x) not in owned]
    if not any(a.control for a in arms):
        for arm in arms:
            arm.mentions.extend(trailing)


def _sizes_in(sentence: Sentence, others: list[Mention], lo: int, hi: int) -> list[Mention]:
    """Bracketed sizes ('(n = 60)') between two offsets: the size of the subgroup named there."""
    found = []
    for m in others:
        if m.label != "N" or not (lo <= m.start and m.end <= hi):
            continue
        before = sentence.between(lo, m.start)
        bracket = max(before.rfind("("), before.rfind("["))
        if bracket >= 0 and cue("arm_size").match(before[bracket:]):
            found.append(m)
    return found


def _best_per_measure(mentions: list[Mention]) -> list[Mention]:
    """Time points of one cohort: the best CR/MRD figure, the first OS of each horizon."""
    kept: dict[tuple, Mention] = {}
    rest = []
    for m in mentions:
        if m.label not in RESULT_LABELS:
            rest.append(m)
            continue
        key = (*measure_key(m), m.numeric.years)
        best = kept.get(key)
        number = m.numeric.number or 0
        if best is None or (m.label != "OS" and number > (best.numeric.number or 0)):
            kept[key] = m
    return rest + sorted(kept.values(), key=lambda m: m.start)


def historical_results(sentence: Sentence, skip: set[Mention] = frozenset()) -> set[Mention]:
    """Figures of historical comparators ("Historically, median OS was 4 months", "30% in
    historical controls", "30% with chemotherapy in historical controls"): the cue stands
    before the value (since the previous value) or in the qualifier after it, and no agent
    of the value's own is named there (a named historical regimen is a row, GUIDELINES §4)."""
    results = sorted(sentence.of(*RESULT_LABELS), key=lambda m: m.start)
    agents = [m for m in sentence.of("AGENT") if m not in skip]
    found: set[Mention] = set()
    for i, m in enumerate(results):
        lo = results[i - 1].end if i else sentence.start
        _, hi = _tail(sentence, results, i)
        lead, tail = sentence.between(lo, m.start), sentence.between(m.end, hi)
        own = _TAIL_END.split(tail.lstrip(" )"), 1)[0]  # "30% with chemotherapy in historical controls"
        if not (has("historical", lead) or has("historical", subgroup_after(tail))
                or (has("historical", own) and not has("comparison", own))):
            continue
        if not any(lo <= a.start and a.end <= hi for a in agents):
            found.add(m)
    return found


@dataclass(frozen=True)
class DesignArm:
    """One arm a design sentence names: its agents, or an agent-less control."""

    agents: tuple[str, ...] = ()
    control: bool = False


def design_arms(sentence: Sentence, skip: set[Mention], agent_names) -> tuple[DesignArm, ...]:
    """The arms of a randomised design ('randomized to X (n = 203) or chemotherapy (n = 202)',
    'X plus Y or X alone', 'X with or without Y'), in order; () when the sentence names none.
    `agent_names`: canonical names of an AGENT mention."""
    cue_at = cue("randomised").search(sentence.text)
    if not cue_at:
        return ()
    after = sentence.start + cue_at.end()
    marks = sorted((m for m in sentence.of("AGENT") + control_marks(sentence)
                    if m not in skip and m.start >= after), key=lambda m: m.start)
    groups: list[list[Mention]] = []
    for i, m in enumerate(marks):
        gap = sentence.between(marks[i - 1].end, m.start) if i else ""
        if i and cue("with_or_without").match(gap):
            groups = [[*groups[-1], m], list(groups[-1])]
        elif not i or cue("arm_separator").search(gap):
            groups.append([m])
        else:
            groups[-1].append(m)
    arms = []
    for group in groups:
        agents = tuple(sorted({a for m in group if m.label == "AGENT" for a in agent_names(m)}))
        arms.append(DesignArm(agents, control=not agents))
    return tuple(arms) if len(arms) >= 2 and len(set(arms)) == len(arms) else ()
