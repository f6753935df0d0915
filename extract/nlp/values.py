"""Numeric entities N, AGE, CR, MRD, OS: component ``all_values_v1``.

The component works sentence by sentence on the dash-folded text (`match_form`, same
length as the text, so offsets are shared):

1. *Values*: percentages (``97%``, ``> 90%``, ``30% to 35%``, ``90 + %``, ``Fifty percent``),
   durations (``17 months``, ``3–6 months``, ``less than 1 year``), patient counts
   (``86 patients``, ``n = 34``, ``Twenty-five patients``) and ages (``median age, 46 years``,
   ``range, 18 to 88 years``).
2. *Measures*: the cue regexes of ``cues.jsonl`` (CR, MRD, OS and OTHER measures such as
   PFS, CMR, ORR, mortality, follow-up).
3. *Attachment*: a rate or duration takes the label of

   a. the measure right after it when a predicate follows ("85% of patients achieved CR",
      "22 (88%) had undetectable disease", "10% of patients relapsing" -> nothing), else
   b. the measures right before its run of values: one measure labels the whole run
      ("CR rates (98% vs. 88%)"); a list of k measures labels a run of k·m values in
      turn ("4-year OS and DFS rates were 78% and 75%, respectively").

   Only CR, MRD and OS labels become entities; durations are OS only when they are not a
   horizon ("OS at 43 months") or an age. A median whose unit is written once for a list
   ("7.7 vs 6.7 months") gives the bare numbers too (`shared_unit_values`).
4. *N*: a count of patients that names a cohort (after "in/among/of/treated ...",
   before "(median age ...", "were treated/enrolled/evaluable", "received <treatment>",
   an age subgroup "were younger than 60 years", or ``n = X``), not an outcome count
   ("Nine patients relapsed", "22 (88%) had ...").
5. *Details* in ``Span._.value``: an OS rate's horizon ``years`` (the i-th of a list of
   horizons for the i-th rate of a run, see `horizon_lists`; else a time point, see
   `time_points`; else the one horizon of its sentence, else of the previous sentence),
   an MRD value's assay ``method``, a CR value's ``kind`` ("cri", "cr_cri"), and
   ``vague`` for bounds written after the number ("25% or less").

Rules are data (`extract/knowledge/cues.jsonl`), held by the component as cue rules
(`MeasureCue`, `CueWords`, `MrdMethodCue`) and saved with the pipeline as ``rules.jsonl``.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass, replace

from spacy.language import Language
from spacy.tokens import Doc

from extract import numbers
from extract.knowledge import names_regex
from extract.knowledge.rules import CueRule, as_rules
from extract.nlp.spans import add_value_spans
from extract.nlp import attributes  # noqa: F401
from extract.nlp.attributes import doc_text
from extract.nlp.stored import StoredRules
from extract.textnorm import match_form
from extract.types import MEDIAN_KEYS, RATE_KEYS, RESULT_LABELS, SIGNED_RATE_KEYS, Value

# ------------------------------------------------------------------ value grammar

_NUMWORDS = numbers.NUMBER_WORDS
NUMWORD = rf"(?:(?:{_NUMWORDS})(?:(?:[\s\-]+|\s+and\s+)(?:{_NUMWORDS}))*)"
NUM = r"\d+(?:[.,]\d+)?"
_SIGN_CHARS = r"(?:[<>≤≥]=?|≈|~)"


def _sign_re(sign_words) -> str:
    words = sorted(sign_words, key=len, reverse=True)
    alt = "|".join(re.escape(w).replace(r"\ ", r"\s+") for w in words)
    return rf"(?:(?:{_SIGN_CHARS}|(?:{alt})\b)\s*)" if alt else rf"(?:{_SIGN_CHARS}\s*)"


def value_patterns(sign_words, trailing_words=()) -> dict[str, re.Pattern]:
    sign = _sign_re(sign_words)
    trail_alt = "|".join(re.escape(w).replace(r"\ ", r"\s+") for w in sorted(trailing_words, key=len, reverse=True))
    trail = rf"(?:\s+(?:{trail_alt})\b)?" if trail_alt else ""
    pct = (rf"(?<![\w.])(?:{sign})?(?:{NUM}\s*%?\s*(?:-|to)\s*{NUM}\s*%(?!\w)"
           rf"|{NUM}\s*(?:\+\s*)?%|{NUM}\s*per\s?cent\b){trail}"
           rf"|(?<![\w-])(?i:{NUMWORD})[\s\-]+(?i:percent|per cent)\b")
    dur = (rf"(?<![\w.\-])(?:{sign})?{NUM}(?:\s*(?:-|to)\s*{NUM})?\s*"
           rf"(?:months?|mos?\.?|years?|yrs?|weeks?|wks?|days?)\b(?!-){trail}")
    age_median = (rf"(?i:\b(?:median|mean)\s+age)(?:\s+(?:at\s+\w+|of\s+(?:the\s+)?(?:[\w\-]+\s+){{0,4}}?(?:was|were|is)))?"
                  rf"(?:\s+(?:was|were|is|of))?[\s,:=]*(?P<v>{NUM}(?:\s*(?:-|to)\s*{NUM})?(?:\s*(?:years?|yrs?|y)\b)?)")
    age_range = (rf"(?i:\brange)[\s,:=]*(?P<v>{NUM}\s*(?:-|to)\s*{NUM}(?:\s*(?:years?|yrs?|y)\b)?)"
                 rf"(?!\s*(?:[.,]\d|%|-|courses?|cycles?|days?|months?|weeks?|doses?|mg|g/|x\s*10|×|\w))")
    return {
        "percent": re.compile(pct),
        "duration": re.compile(dur, re.I),
        "age_median": re.compile(age_median),
        "age_range": re.compile(age_range),
    }


@dataclass
class Candidate:
    start: int  # sentence-relative character offsets
    end: int
    kind: str  # "percent" | "duration"
    label: str | None = None
    decided: bool = False
    anchor: int | None = None  # end of the measure the value was attached to
    head_start: int | None = None  # start of the measure list it was attached to ("OS and DFS")
    measure: "Measure | None" = None  # the measure that gave the label
    split: bool = False  # one value of a list over several measures ("CR and CRi rates were 50% and 20%")


@dataclass
class Measure:
    start: int
    end: int
    label: str
    side: str = "both"  # "right": only names what a value *after a predicate* measures
    condition: bool = False  # "with undetectable MRD", "in CR": a condition, not a measure


# ------------------------------------------------------------------ rules


class ValueRules:
    """Compiled cue rules from the rules of cues.jsonl (dicts are checked by `CueRule`)."""

    def __init__(self, entries: Iterable | None = None):
        self.measures: list[tuple[re.Pattern, str, str, bool]] = []
        self.words: dict[str, list[str]] = {}
        self.methods: list[tuple[re.Pattern, str]] = []  # MRD assay names -> "flow" | "pcr" | "ngs"
        self.add(entries or [])

    def add(self, entries: Iterable) -> None:
        for entry in as_rules(CueRule, entries):
            if entry.type == "measure":
                flags = re.I if entry.ignore_case else 0
                self.measures.append((re.compile(entry.regex, flags), entry.label, entry.side, bool(entry.condition)))
            elif entry.type == "words":
                self.words.setdefault(entry.name, []).extend(entry.words)
            elif entry.type == "mrd_method":
                self.methods.append((names_regex(entry.names, entry.abbreviations), entry.method))
        self._compile()

    def _compile(self) -> None:
        w = self.words
        self.patterns = value_patterns(w.get("sign_words", []), w.get("trailing_sign_words", []))
        cond = sorted(w.get("condition_before", []), key=len, reverse=True)
        cond_alt = "|".join(re.escape(c).replace(r"\ ", r"\s+") for c in cond) or "(?!x)x"
        self.condition_before = re.compile(
            rf"\b(?:{cond_alt})\s+(?:an?\s+|the\s+|their\s+|at\s+least\s+)?$", re.I)
        self.not_condition_after = re.compile(r"^\s*(?:\([^()]{0,20}\)\s*)?(?:rates?\b|of\b|was\b|were\b|is\b|at\b|:|greater|less|more|above|below|over|under|[<>≤≥]|\d"
            r"|in\s+(?:[<>≤≥]\s*)?\d|(?:and|or)\s+[\w\-/]+(?:\s+[\w\-/]+)?\s+rates?\b)", re.I)
        self.patient_nouns = frozenset(x.lower() for x in w.get("patient_nouns", []))
        self.cohort_pre = frozenset(x.lower() for x in w.get("cohort_pre", []) if " " not in x)
        self.cohort_pre_phrases = sorted({tuple(x.lower().split()) for x in w.get("cohort_pre", []) if " " in x},
                                         key=len, reverse=True)  # "given to 48 adults"
        # all-caps disease names match exactly ("ALL", not "all")
        self.disease_nouns = frozenset(x if x.isupper() else x.lower() for x in w.get("disease_nouns", []))
        self.cohort_post = sorted((tuple(x.lower().split()) for x in w.get("cohort_post", [])), key=len, reverse=True)
        self.age_words = frozenset(x.lower() for x in w.get("age_words", []))
        self.predicate_verbs = frozenset(x.lower() for x in w.get("predicate_verbs", []))
        self.event_before_count = frozenset(x.lower() for x in w.get("event_before_count", []))
        self.event_after_count = frozenset(x.lower() for x in w.get("event_after_count", []))
        nra = sorted(w.get("not_a_rate_after", []), key=len, reverse=True)
        nra_alt = "|".join(re.escape(x).replace(r"\ ", r"\s+") for x in nra) or "(?!x)x"
        self.not_a_rate_after = re.compile(rf"^\s*(?:{nra_alt})\b", re.I)
        self.cohort_post_bare = [tuple(x.lower().split()) for x in w.get("cohort_post_bare", [])]
        self.treatment_nouns = frozenset(x.lower() for x in w.get("treatment_nouns", []))
        self.outcome_adjectives = frozenset(x.lower() for x in w.get("outcome_adjectives", []))
        self.other_diseases = frozenset(w.get("other_diseases", []))
        self.assessment_nouns = frozenset(x.lower() for x in w.get("assessment_nouns", []))
        self.arm_nouns = frozenset(x.lower() for x in w.get("arm_nouns", []))
        self.cohort_post_single = frozenset(x.lower() for x in w.get("cohort_post", []) if " " not in x)
        design = sorted(w.get("design_cues", []), key=len, reverse=True)
        design_alt = "|".join(re.escape(x).replace(r"\ ", r"\s+") for x in design) or "(?!x)x"
        self.design = re.compile(rf"\b(?:{design_alt})", re.I)
        excl = sorted(w.get("exclusion_words", []), key=len, reverse=True)
        excl_alt = "|".join(re.escape(x).replace(r"\ ", r"\s+") for x in excl) or "(?!x)x"
        self.exclusion = re.compile(rf"\b(?:{excl_alt})\w*\b[^()]*$", re.I)
        self.prior_words = frozenset(x.lower() for x in w.get("prior_words", []))
        # tokens joined by spaces: "were younger than 60 years", "were 60 years or older", "were aged 18 - 39 years"
        self.age_subgroup_after = re.compile(
            r"^(?:were|was)\s+(?:(?:aged|age)\s+)?(?:(?:younger|older)\s+than\s+(?:[<>≤≥]\s*)?\d+"
            r"|(?:[<>≤≥]\s*=?\s*)?\d+(?:\s*(?:-|to)\s*\d+)?\s*(?:years?|yrs?)\b"
            r"(?:\s+(?:of\s+age|old|or\s+(?:older|younger|above|more)|and\s+(?:older|younger|above))\b)?\s*(?:$|[,;.)]|and\b|or\b|while\b|whereas\b))", re.I)
        self.cohort_post_agent = sorted((tuple(x.lower().split()) for x in w.get("cohort_post_agent", [])), key=len, reverse=True)
        verbs = w.get("predicate_verbs", [])
        nouns = "|".join(sorted(self.patient_nouns)) or "patients"
        verb_alt = "|".join(re.escape(v) for v in sorted(verbs, key=len, reverse=True)) or "(?!x)x"
        self.population_after = re.compile(rf"^[\s\-]+(?:{nouns})\b", re.I)
        self.predicate = re.compile(
            rf"^\s*\)?\s*(?:(?:{nouns}|responders|evaluable\s+patients)\s+)?"
            rf"(?:of\s+(?:the\s+|all\s+|these\s+|those\s+)?(?:[\w\-]+\s+){{0,3}}?(?:{nouns}|responders|them)\s+"
            rf"(?:\([^()]*\)\s+)?(?:with\s+(?:[\w\-]+\s+){{1,3}}?(?=(?:were|was|had|achieved)\b))?)?(?:of\s+whom\s+|who\s+|which\s+)?(?:also\s+|had\s+|have\s+|subsequently\s+)?"
            rf"(?P<verb>{verb_alt})\b", re.I)
        self.direct_after = re.compile(rf"^\s*\)?\s*(?:(?:{nouns})\s+)?(?:had\s+|with\s+)?", re.I)
        preps = sorted(w.get("horizon_preps", []), key=len, reverse=True)
        prep_alt = "|".join(re.escape(p).replace(r"\ ", r"\s+") for p in preps) or "(?!x)x"
        vague = sorted(w.get("vague_horizon", []), key=len, reverse=True)
        vague_alt = "|".join(re.escape(x).replace(r"\ ", r"[\s\-]+") for x in vague) or "(?!x)x"
        rep_alt = "|".join(re.escape(x) for x in w.get("reported_verbs", [])) or "(?!x)x"
        self.reported = re.compile(rf"\s+(?:also\s+)?(?:{rep_alt})\b(?!\s+(?:in|among)\b)", re.I)
        self.cri = re.compile("|".join(w.get("cri_patterns", [])) or "(?!x)x")
        self.vague_horizon = re.compile(rf"\b(?:{vague_alt})\b", re.I)
        self.horizon_before = re.compile(rf"(?:^|\W)(?:{prep_alt})\s*(?:a\s+|the\s+)?(?:median\s+(?:of\s+)?)?$", re.I)

    def find_methods(self, text: str) -> list[tuple[int, int, str]]:
        """(start, end, method) of every MRD assay named in `text`, leftmost-longest."""
        found = sorted(((m.start(), -m.end(), method) for pattern, method in self.methods
                        for m in pattern.finditer(text)))
        out, last = [], -1
        for start, neg_end, method in found:
            if start >= last:
                out.append((start, -neg_end, method))
                last = -neg_end
        return out

    def defined_composites(self, text: str) -> frozenset:
        """Response terms the text defines as CR together with CRi/CRh ('overall remission
        (CR or CR with incomplete blood count recovery)',
        'overall response (CR or CRi)'): a composite CR rate wherever the term is used."""
        if "(" not in text:
            return frozenset()
        out = set()
        for m in self.find_measures(text):
            if m.label != "OTHER":
                continue
            inside = re.match(r"\s*\(([^()]{2,160})\)", text[m.end:m.end + 170])
            if inside and _PLAIN_CR.search(self.cri.sub(" ", inside.group(1))) and self.cri.search(inside.group(1)) \
                    and not re.search(r"\b(?:PR|partial|ORR|MLFS)\b", inside.group(1)):
                out.add(" ".join(text[m.start:m.end].lower().split()))
        return frozenset(out)

    def find_measures(self, text: str, composites: frozenset = frozenset()) -> list[Measure]:
        found: list[tuple[int, int, int, str, str, bool]] = []
        for order, (pattern, label, side, condition) in enumerate(self.measures):
            for m in pattern.finditer(text):
                if m.end() > m.start():
                    found.append((m.start(), -(m.end() - m.start()), order, label, side, condition))
        found.sort()
        out: list[Measure] = []
        last = -1
        for start, neg_len, _, label, side, condition in found:
            end = start - neg_len
            if start >= last:
                if label == "OTHER" and composites and " ".join(text[start:end].lower().split()) in composites:
                    label = "CR"
                if re.search(r"\d", text[start:end]):
                    pass  # a measure stating its own threshold ("MRD <0.1%") is what is measured
                elif not condition and self.condition_before.search(text[max(0, start - 40):start]) \
                        and not self.not_condition_after.match(text[end:end + 30]):
                    condition = True
                if not condition and self.population_after.match(text[end:end + 30]):
                    condition = True  # "among MRD-negative patients": who, not what is measured
                if not condition and _STATUS_ADJ.search(text[start:end]) \
                        and _GROUP_PREP.search(text[max(0, start - 30):start]) \
                        and not self.not_condition_after.match(text[end:end + 30]):
                    condition = True  # "84% in MRD-negative and 52% in ...": a group, not a measure
                out.append(Measure(start, end, label, side, condition))
                last = end
        return out


# a status adjective ("MRD-negative", "MRD positive") after a group preposition names a group
# of patients ("OS was 84% in MRD-negative and 52% in MRD-positive patients"), not a measure
_STATUS_ADJ = re.compile(r"(?:negative|positive|neg|pos)$", re.I)
_GROUP_PREP = re.compile(r"\b(?:in|among|amongst|for|versus|vs\.?|than|between|compared\s+(?:with|to))\s+"
                         r"(?:the\s+|those\s+|all\s+)?$", re.I)


def mrd_method(text: str, start: int, end: int, methods: list[tuple[int, int, str]]) -> str | None:
    """Assay of the MRD value text[start:end]: the one the sentence names, or where it names
    several, the one right after the value ('80% by flow') or else the nearest before it in
    the same clause."""
    kinds = {m for _, _, m in methods}
    if len(kinds) == 1:
        return kinds.pop()
    after = [m for m in methods if m[0] >= end and re.fullmatch(
        r"[^;.%]{0,40}?\b(?:by|using|with|per|via|on)\s+(?:the\s+|a\s+)?(?:[\w\-]+\s+)?", text[end:m[0]], re.I)]
    if after:
        return after[0][2]
    before = [m for m in methods if m[1] <= start and not re.search(r"[;%]", text[m[1]:start])]
    return before[-1][2] if before else None


_CR_LINK = re.compile(r"[\s/+,()]*(?:(?:or|and/or|and|plus)\b[\s/+,()]*)?"
                      r"|\s*with\s+(?:incomplete|partial)\s+(?:[\w\-]+\s+){0,3}?recovery\s*\(?\s*", re.I)
_PLAIN_CR = re.compile(r"\bCRs?\b|\b(?i:complete (?:[\w\-]+ )?(?:remissions?|responses?))")


def cr_kind(text: str, measure: Measure, measures: list[Measure], cri: re.Pattern, split: bool = False) -> str | None:
    """'cri' for CR with incomplete recovery only ('CRi', 'CR with incomplete count recovery'),
    'cr_cri' for CR and CRi reported together ('CR/CRi', 'CR or CRi'), None for plain CR.
    Reads the run of CR cues written together around `measure`; with `split` (the value is one
    of a 'respectively' list) cues joined by 'and' are separate measures."""
    crs = [m for m in measures if m.label == "CR" and not m.condition]
    if measure not in crs:
        return None

    def linked(a: Measure, b: Measure) -> bool:
        gap = text[a.end:b.start]
        return bool(_CR_LINK.fullmatch(gap)) and not (split and re.search(r"\band\b(?!/)", gap))

    i = j = crs.index(measure)
    while i > 0 and linked(crs[i - 1], crs[i]):
        i -= 1
    while j + 1 < len(crs) and linked(crs[j], crs[j + 1]):
        j += 1
    tail = cri.match(text, crs[j].start)  # "CR with incomplete count recovery" after a bare "CR"
    surface = text[crs[i].start:max(crs[j].end, tail.end() if tail else 0)]
    if not cri.search(surface):
        return None
    return "cr_cri" if _PLAIN_CR.search(cri.sub(" ", surface)) else "cri"


# ------------------------------------------------------------------ attachment (pure)

_CONNECTOR = re.compile(r"^[\s,;/&()]*(?:(?:and|or|and/or|as well as)[\s,()]*(?:the\s+)?)?(?:\([^()]{0,30}\))?[\s,()]*"
                        r"(?:(?:\d+|[a-z]+)[\s\-]*(?:year|month)s?[\s\-]*)?(?:rates?\s*)?$", re.I)


def _head_list(measures: list[Measure], idx: int, text: str) -> list[Measure]:
    """Measures coordinated with measures[idx] and ending at it ("OS and DFS rates")."""
    head = [measures[idx]]
    j = idx
    while j > 0 and _CONNECTOR.match(text[measures[j - 1].end:measures[j].start]):
        head.insert(0, measures[j - 1])
        j -= 1
    # "overall survival (OS)": one measure written twice
    dedup: list[Measure] = []
    for m in head:
        if dedup and dedup[-1].label == m.label and re.fullmatch(r"\s*\(\s*", text[dedup[-1].end:m.start]):
            continue
        dedup.append(m)
    return dedup


def attach(text: str, cands: list[Candidate], measures: list[Measure], rules: ValueRules) -> None:
    """Give every candidate its label (or None) in place. `text` is one sentence."""
    right_side = [x for x in measures if x.side != "left" and not x.condition]
    left_side = [x for x in measures if x.side != "right" and not x.condition]
    # a. predicate after the value decides: "85% of patients achieved CR"
    for c in cands:
        after = text[c.end:c.end + 120]
        tail = _CI_TAIL.match(after)
        if tail:
            after = after[tail.end():]
        m = rules.predicate.match(after)
        if m and m.group("verb").lower() in ("was", "were") and rules.reported.match(after[m.end("verb"):]):
            m = None  # "a CR rate of 44% was seen": the value was reported, no predicate names a measure
        if m:
            window_start = c.end + (tail.end() if tail else 0) + m.start("verb")
            clause_end = re.search(r"[;.]|,\s(?!(?:and|or)\b)", text[window_start:])
            window_end = window_start + (clause_end.start() if clause_end else len(text) - window_start)
            window_end = min(window_end, window_start + 70)
            following = [x for x in right_side if window_start <= x.start < window_end]
            c.label = following[0].label if following else None
            c.measure = following[0] if following else None
            c.decided = True
            continue
        # b. a measure right after the value: "10 (59%) MRD negativity", "41% complete remission (CR) rate"
        m = rules.direct_after.match(after)
        pos = c.end + (m.end() if m else 0)
        direct = [x for x in right_side if x.start == pos]
        if direct:
            counted = bool(re.search(r"\d\s*\(\s*$", text[max(0, c.start - 8):c.start])) and \
                text[c.end:pos].strip().startswith(")")
            spelled = " " in text[direct[0].start:direct[0].end].strip() or len(text[direct[0].start:direct[0].end]) > 4
            if counted or (spelled and not text[c.end:pos].strip()):
                c.label = direct[0].label
                c.measure = direct[0]
                c.decided = True
    # c. measures before the run of values
    open_ = [c for c in cands if not c.decided]
    runs: dict[int, list[Candidate]] = {}
    for c in open_:
        idx = max((i for i, x in enumerate(left_side) if x.end <= c.start), default=-1)
        runs.setdefault(idx, []).append(c)
    for idx, run in runs.items():
        if idx < 0:
            for c in run:
                c.label = None
            continue
        head = _head_list(left_side, idx, text)
        k = len(run)
        for c in run:
            c.anchor = left_side[idx].end
            c.head_start = head[0].start
        if len(head) >= 2 and k % len(head) == 0:
            for i, c in enumerate(run):
                c.label = head[i % len(head)].label
                c.measure = head[i % len(head)]
                c.split = True
        else:
            for c in run:
                c.label = left_side[idx].label
                c.measure = left_side[idx]


# ------------------------------------------------------------------ component


class ValueTagger(StoredRules):
    """Tags N, AGE, CR, MRD, OS with a `Value` in `Span._.value`."""

    stored_rules = {"rules.jsonl": ("cues", CueRule)}

    def __init__(self, nlp: Language, name: str = "all_values", *, rules: list[dict] | None = None):
        self.name = name
        self.cues: list = as_rules(CueRule, rules or [])  # the lines of cues.jsonl; `rules` compiles them
        self._compile()

    def add_rules(self, entries: Iterable) -> None:
        self.cues.extend(as_rules(CueRule, entries))
        self._compile()

    def _compile(self) -> None:
        self.rules = ValueRules(self.cues)

    def __call__(self, doc: Doc) -> Doc:
        self.set_annotations(doc, self.match(doc))
        return doc

    # -- find
    def match(self, doc: Doc) -> list[tuple[int, int, str, Value]]:
        """(start_char, end_char, label, value) for every value entity of the doc."""
        if not self.rules.measures and not self.rules.words:
            return []
        folded = match_form(doc_text(doc))
        found: list[tuple[int, int, str, Value]] = []
        iob = doc.to_array("ENT_IOB") if len(doc) else []
        agent_starts = sorted(doc[i].idx for i in range(len(doc)) if iob[i] == 3 and doc[i].ent_type_ == "AGENT")
        sents = doc.sents if doc.has_annotation("SENT_START") else [doc[:]]
        previous = None  # horizon of the previous sentence of the block
        composites = self.rules.defined_composites(folded)
        events: set = set()
        for sent in sents:
            text = folded[sent.start_char:sent.end_char]
            if "\t" in text or _FOOTNOTE.match(text):
                previous = None
                continue  # table rows (see extract.nlp.table_cells) and table footnotes
            base = sent.start_char
            agents = frozenset(a - base for a in agent_starts if base <= a < sent.end_char)
            for start, end, label, value in self.match_sentence(text, agents, previous, composites, events):
                found.append((base + start, base + end, label, value))
            previous = _shared_horizon(text)
        return found

    def match_sentence(self, text: str, agent_starts: frozenset = frozenset(),
                       context_horizon: float | None = None,
                       composites: frozenset = frozenset(), events: set | None = None) -> list[tuple[int, int, str, Value]]:
        """Value entities of one sentence (offsets relative to `text`); `agent_starts` are the
        sentence-relative start offsets of AGENT entities ("55 patients received <AGENT>");
        `context_horizon` is the one horizon the previous sentence states ("At the 3-year
        follow-up, ... . The OS was 84%"); `events` collects, across the sentences of a block,
        the patient counts that were not cohort sizes ("28 of 75 patients underwent SCT"), so a
        later "in 5 of 28 patients" is not read as a cohort."""
        rules = self.rules
        out: list[tuple[int, int, str, Value]] = []
        taken: list[tuple[int, int]] = []

        # AGE first: "median age, 46 years", "range, 18 to 88 years"
        for m in rules.patterns["age_median"].finditer(text):
            out.append((m.start("v"), m.end("v"), "AGE", self._age_value(m.group("v"), median=True)))
            taken.append(m.span("v"))
        for m in _AGE_LIST.finditer(text):  # "Median ages were 29 and 24 years, respectively"
            for g in ("a", "b"):
                if not _overlaps(m.span(g), taken):
                    out.append((m.start(g), m.end(g), "AGE", self._age_value(m.group(g), median=True)))
                    taken.append(m.span(g))
        for m in rules.patterns["age_range"].finditer(text):
            ctx = text[max(0, m.start() - 80):m.start()].lower()
            if re.search(r"\bage\b", ctx) and not _overlaps(m.span("v"), taken):
                out.append((m.start("v"), m.end("v"), "AGE", self._age_value(m.group("v"), median=False)))
                taken.append(m.span("v"))

        # rates and durations (none in a design sentence: "the null hypothesis of a CR rate ≤ 40%")
        cands = [] if rules.design.search(text) else [Candidate(m.start(), m.end(), "percent") for m in rules.patterns["percent"].finditer(text)
                 if not rules.not_a_rate_after.match(text[m.end():m.end() + 30])  # "95% CI"
                 and not _IN_INTERVAL.search(text[max(0, m.start() - 40):m.start()])  # "(95% CI, 48%-70%)"
                 and not _PLUS_MINUS.search(text[max(0, m.start() - 6):m.start()])]  # "83.7% ± 1.1%": a precision
        cands = _split_from_to(text, cands)
        for m in rules.patterns["duration"].finditer(text):
            if _IN_INTERVAL.search(text[max(0, m.start() - 40):m.start()]):
                continue  # "(range, 1-60 months)", "(95% CI, 6.0-9.2 months)"
            if rules.horizon_before.search(text[max(0, m.start() - 30):m.start()]):
                continue  # "OS and DFS at 60 months are 49% and 46%": a time point, not a value
            if _AGE_BEFORE.search(text[max(0, m.start() - 20):m.start()]) or _AGE_AFTER.match(text, m.end()):
                continue  # "patients aged 60 years or older": an age bound, not a value of a list
            if not _overlaps(m.span(), taken) and not any(c.start < m.end() and m.start() < c.end for c in cands):
                cands.append(Candidate(m.start(), m.end(), "duration"))
        cands.sort(key=lambda c: c.start)
        if cands:
            measures = rules.find_measures(text, composites)
            attach(text, cands, measures, rules)
            listed = self._listed_horizons(text, cands)
            for c in cands:
                if c.label not in RESULT_LABELS:
                    continue
                start, end = c.start, c.end
                if c.kind == "duration":
                    if c.label != "OS":
                        continue
                    shared = [b for b in shared_unit_values(text, start) if not _overlaps(b, taken)]
                    lead = shared[0][0] if shared else start
                    if not self._is_os_duration(text, start, end, c.anchor, lead):
                        continue
                    value = self._os_median(text[start:end])
                    for b_start, b_end in shared:  # "7.7 vs 6.7 months": the bare number, same unit
                        unit = re.search(r"(?:months?|mos?|years?|yrs?|weeks?|wks?|days?)\b", text[start:end], re.I)
                        first = self._os_median(text[b_start:b_end] + " " + unit.group(0)) if unit else None
                        if first and first.number is not None and not value.low:
                            out.append((b_start, b_end, "OS", first))
                            taken.append((b_start, b_end))
                    out.append((start, end, "OS", value))
                else:
                    value = _percent_value(text[start:end])
                    if value is None or (value.number or 0) > 100:
                        continue
                    if c.label == "MRD" and (value.number or 0) < 1:
                        continue  # an MRD threshold (< 0.01%), not a negativity rate
                    if value.sign in ("<", "≤") and (value.number or 0) < 1:
                        continue  # "MRD <0.001%", "meaning less than 0.05% residual blasts": a threshold
                    if c.label == "CR" and c.measure is not None:
                        kind = cr_kind(text, c.measure, measures, rules.cri, c.split)
                        if kind:
                            value = replace(value, kind=kind)
                    if c.label == "MRD":
                        method = mrd_method(text, start, end, rules.find_methods(text))
                        if method:
                            value = replace(value, method=method)
                    if c.label == "OS":
                        horizon = listed[id(c)] if id(c) in listed else _horizon(text, start, measures, c.head_start, end)
                        if horizon is None and not rules.vague_horizon.search(text[max(0, start - 60):start]):
                            # a horizon shared by the clause's measures, else the previous sentence's
                            horizon = _shared_horizon(text)
                            if horizon is None and not time_points(text):
                                horizon = context_horizon
                        value = replace(value, kind="rate", years=horizon)
                    out.append((start, end, c.label, value))
                taken.append((start, end))

        # N
        for start, end, value in self._counts(text, taken, agent_starts, events):
            out.append((start, end, "N", value))
        return out

    @staticmethod
    def _listed_horizons(text: str, cands: list[Candidate]) -> dict[int, float]:
        """Horizon of each OS rate of a run attached to one measure, where a list of horizons
        names the run ('2-, 3- and 5-year OS were 71%, 64% and 55%'), keyed by id(candidate)."""
        runs: dict[int, list[Candidate]] = {}
        for c in cands:
            if c.label == "OS" and c.kind == "percent" and c.anchor is not None:
                runs.setdefault(c.anchor, []).append(c)
        out: dict[int, float] = {}
        for anchor, run in runs.items():
            years = pair_horizons(text, [(c.start, c.end) for c in run], run[0].head_start, anchor)
            if years:
                out.update({id(c): y for c, y in zip(run, years)})
        return out

    def _is_os_duration(self, text: str, start: int, end: int, anchor: int | None, lead: int | None = None) -> bool:
        """A duration is a median OS when 'median' precedes it in the sentence or it follows the
        OS cue directly ('OS of 7 months versus 4.4 months'); never a horizon or an age.
        `lead` is the start of the bare numbers sharing its unit ('at 3 and 6 months')."""
        lead = start if lead is None else lead
        before = text[max(0, lead - 30):lead]
        linked = anchor is not None and re.fullmatch(
            r"[\s,:()]*(?:\([A-Za-z]+\)[\s()]*)?(?:was|were|is|of|:)?\s*(?:only\s+)?"
            r"(?:[<>≤≥]?\s*[\d.]+\s*(?:(?:months?|years?|mos?)\s*)?[,;]?\s*(?:versus|vs\.?|and|or|compared\s+(?:with|to))\s*(?:only\s+)?)*",
            text[anchor:start], re.I)
        if not linked and not re.search(r"\bmedian\b", text[:start], re.I):
            return False
        if self.rules.horizon_before.search(before):
            return False
        # the words of the value's own phrase: after a coordination or a verb the group named
        # before it is over ("in patients with and 8.3 months", "in ... patients and was 15.3 months")
        words = re.split(r"\b(?:and|or|versus|vs|was|were|is|compared)\b", before.lower())[-1]
        words = re.findall(r"[A-Za-z]+", words)[-3:]
        if any(w in self.rules.age_words or w in self.rules.patient_nouns for w in words):
            return False
        after = text[end:end + 15].lower()
        if re.match(r"\s*(?:old|of age|and (?:older|younger)|or (?:older|younger))\b", after):
            return False
        return True

    @staticmethod
    def _os_median(raw: str) -> Value:
        sign, s = _split_sign(match_form(raw))
        rng = numbers.parse_range(s)
        months = numbers.parse_months(s)
        value = Value(unit="months", kind="median", sign=sign or None, vague=_vague(raw), key_order=MEDIAN_KEYS)
        if rng:
            factor = 12.0 if re.search(r"\by", s, re.I) else 1.0
            return replace(value, low=rng[0] * factor, high=rng[1] * factor, number=rng[0] * factor)
        return replace(value, number=months)

    @staticmethod
    def _age_value(raw: str, median: bool) -> Value:
        value = numbers.parse_age(raw) or Value(unit="years")
        if not median:  # a range alone: no median, and the low bound is not a number
            value = replace(value, kind=None, number=None if value.low is not None else value.number)
        return value

    def _counts(self, text: str, taken: list[tuple[int, int]], agent_starts: frozenset = frozenset(),
                events: set | None = None):
        """Patient counts naming a cohort: yields (start, end, value). Counts of events are added
        to `events`."""
        rules = self.rules
        events = set() if events is None else events
        for m in re.finditer(r"\b[Nn]\s*=\s*(?P<n>\d+)\b", text):
            if not _overlaps(m.span("n"), taken) and not self._not_a_cohort_size(text, m.start()):
                yield m.start("n"), m.end("n"), Value(number=float(m["n"]), unit="patients")
                taken.append(m.span("n"))
        # "315/348 patients (91%)", "75/81 (93%)": the denominator (spec §2.1), never the numerator
        for m in _PCT_RATIO.finditer(text):  # "59% (16 of 27)", "88% (22/25)": the denominator
            if int(m["a"]) <= int(m["b"]) and not _overlaps(m.span("b"), taken):
                yield m.start("b"), m.end("b"), Value(number=float(m["b"]), unit="patients")
                taken.append(m.span("b"))
        for m in _RATIO.finditer(text):
            if int(m["a"]) <= int(m["b"]) and not _overlaps(m.span("b"), taken) \
                    and not (m["words"] and set(m["words"].lower().split()) & rules.outcome_adjectives):
                yield m.start("b"), m.end("b"), Value(number=float(m["b"]), unit="patients")
                taken.append(m.span("b"))
        tokens = [(t.start(), t.end(), t.group(0)) for t in re.finditer(r"[A-Za-z]+(?:-[A-Za-z]+)*|\d+(?:[.,]\d+)*|\S", text)]
        i = 0
        last_noun = -1  # token index of the patient noun of the last N
        last = None  # (noun index, prepositions after it) of the last N with a noun
        while i < len(tokens):
            start, end, word = tokens[i]
            if not (word[0].isdigit() or word.split("-")[0].lower() in _NUMWORD_SET):
                i += 1
                continue
            j, value = _number_at(tokens, i)
            if value is None:
                i += 1
                continue
            n_end = tokens[j - 1][1]
            if _overlaps((start, n_end), taken) or value != int(value) or value <= 0:
                i = j
                continue
            # "X of Y patients": X is a subset
            denominator = i >= 2 and tokens[i - 1][2].lower() == "of" and re.fullmatch(r"\d+", tokens[i - 2][2])
            if denominator and value in events:
                i = j  # "in 5 of 28 patients" after "28 of 75 patients underwent SCT": the event's group
                continue
            if denominator and j < len(tokens) and tokens[j][2] == "(" and j + 2 < len(tokens) and tokens[j + 2][2] == "%":
                yield start, n_end, Value(number=float(value), unit="patients")  # "38 of 45 (84%)"
                taken.append((start, n_end))
                i = j
                continue
            if j < len(tokens) and tokens[j][2].lower() in ("of", "("):
                if tokens[j][2] == "(" and j + 2 < len(tokens) and tokens[j + 2][2] == "%":
                    # "38 (27.5%) were in the X cohort", "112 (81%) received <agent>": a treated
                    # subset or an arm, with its share; otherwise a count of events ("22 (88%) had")
                    close = next((c for c in range(j, min(j + 12, len(tokens))) if tokens[c][2] == ")"), None)
                    if close is not None and not self._event_before(tokens, i) and (
                            self._in_arm(tokens, close + 1, verb=True) or any(
                                tuple(t[2].lower() for t in tokens[close + 1:close + 1 + len(p)]) == p
                                and self._treatment_after(tokens, close + 1 + len(p), agent_starts)
                                for p in rules.cohort_post_agent)):
                        yield start, n_end, Value(number=float(value), unit="patients")
                        taken.append((start, n_end))
                    else:
                        events.add(value)
                    i = j
                    continue
                if tokens[j][2].lower() == "of":
                    events.add(value)
                    i = j
                    continue
            # noun within 3 words (adjectives only in between)
            k = j
            noun = None
            while k < len(tokens) and k - j <= 3:
                w = tokens[k][2].lower()
                if w in rules.patient_nouns:
                    noun = k
                    break
                if w in rules.outcome_adjectives:
                    break  # "the 22 CR patients": a group defined by its outcome
                if not re.fullmatch(r"[a-z][a-z\-]*", w) or w in _FUNCTION_WORDS:
                    break
                k += 1
            if 1900 <= value <= 2100 and noun != j:
                i = j  # a year
                continue
            arm = self._arm(tokens, i, j)
            if noun is None:
                if arm or self._cohort_after(tokens, j, verbs_only=True) or self._disease_subgroup(tokens, j) \
                        or self._age_subgroup(tokens, j) or self._bare_count(tokens, i, j, last, agent_starts):
                    yield start, n_end, Value(number=float(value), unit="patients")
                    taken.append((start, n_end))
                i = j
                continue
            if arm or (self._cohort_before(tokens, i) and not self._event_before(tokens, i)) \
                    or self._labelled_cohort(tokens, i, noun) \
                    or self._cohort_after(tokens, noun + 1, agent_starts=agent_starts) \
                    or self._in_arm(tokens, noun + 1) \
                    or self._disease_subgroup(tokens, noun + 1) or self._age_subgroup(tokens, noun + 1) or (
                        i >= 2 and last_noun == i - 2 and tokens[i - 1][2].lower() in ("and", "or")
                        and not (noun + 1 < len(tokens) and tokens[noun + 1][2].lower() in rules.predicate_verbs)):
                # the last test: a second group coordinated with a cohort ("58 younger and 33 older adults")
                yield start, n_end, Value(number=float(value), unit="patients")
                taken.append((start, n_end))
                last_noun = noun
                last = (noun, _following_preps(tokens, noun + 1))
            else:
                events.add(value)
            i = j

    def _not_a_cohort_size(self, text: str, pos: int) -> bool:
        """'n = X' at `pos` that is not the size of a result cohort: an outcome-defined group
        ('non-responders (n=47)'), another disease of a mixed registry ('NHL, n = 155'), or
        patients left out ('non-eligibility criteria (n=5 ...; n=3 ...)', 'withdrew (n=2)')."""
        rules = self.rules
        before = text[max(0, pos - 40):pos]
        words = re.findall(r"[A-Za-z][\w\-+]*", before)[-3:]
        if any(w.lower() in rules.outcome_adjectives or w in rules.other_diseases for w in words):
            return True
        opening = text.rfind("(", 0, pos)
        if opening >= 0 and pos - opening < 60 and ")" not in text[opening:pos]:
            return bool(rules.exclusion.search(text[max(0, opening - 40):opening]))
        return False

    def _bare_count(self, tokens, i: int, j: int, last: tuple | None, agent_starts: frozenset) -> bool:
        """A count without a patient noun that still names a cohort (spec §1 N): '96 received
        <agent>', '84 had an MRD assessment', '175 in the control arm', '(58 evaluable)', and the
        second of a gapped coordination ('31 patients with T-ALL and 9 with T-LBL', '150
        patients were assigned to maintenance and 72 to transplant')."""
        rules = self.rules
        if self._event_before(tokens, i):
            return False
        words = [t[2].lower() for t in tokens[j:j + 8]]
        for phrase in rules.cohort_post_agent:
            if tuple(words[:len(phrase)]) == phrase and self._treatment_after(tokens, j + len(phrase), agent_starts):
                return True
        if self._assessed(tokens, j) or self._in_arm(tokens, j):
            return True
        if last is not None and i >= 1 and tokens[i - 1][2].lower() in ("and", ",", "whereas", "while") \
                and j < len(tokens) and tokens[j][2].lower() in _GAP_PREPS:
            noun, prep_words = last
            return tokens[j][2].lower() in prep_words
        return False

    def _labelled_cohort(self, tokens, i: int, noun: int) -> bool:
        """'cohort 3B (61 patients; median follow-up ...)', 'arm B (n ...': the size of a labelled
        cohort or arm, in the parenthesis right after its label."""
        if i < 2 or tokens[i - 1][2] != "(" or noun + 1 >= len(tokens) or tokens[noun + 1][2] not in (")", ";", ","):
            return False
        return any(t[2].lower() in self.rules.arm_nouns for t in tokens[max(0, i - 4):i - 1])

    def _assessed(self, tokens, k: int) -> bool:
        """'had an MRD assessment', 'had a pre- and post-course evaluation': the count is the
        population of an analysis."""
        if k >= len(tokens) or tokens[k][2].lower() not in ("had", "underwent"):
            return False
        for m in range(k + 1, min(k + 9, len(tokens))):
            w = tokens[m][2].lower()
            if w in self.rules.assessment_nouns:
                return True
            if w in (".", ";", ",", "and") and m > k + 1 and tokens[m - 1][2].lower() not in ("pre", "pre-"):
                if w != "and":
                    return False
        return False

    def _in_arm(self, tokens, k: int, verb: bool = False) -> bool:
        """'171 in the control arm', '(64 in the ponatinib arm', '23 (41.8%) were in the X cohort'
        (with `verb`, 'were' must come first)."""
        if k < len(tokens) and tokens[k][2].lower() in ("were", "was"):
            k += 1
        elif verb:
            return False
        if k + 1 >= len(tokens) or tokens[k][2].lower() not in ("in", "into", "to") \
                or tokens[k + 1][2].lower() != "the":
            return False
        for m in range(k + 2, min(k + 8, len(tokens))):
            w = tokens[m][2].lower()
            if w in self.rules.arm_nouns:
                # "Nineteen patients in the control arm relapsed": a count of events
                return not (m + 1 < len(tokens) and tokens[m + 1][2].lower() in self.rules.event_after_count)
            if w in (".", ";", ",", "(", ")"):
                return False
        return False

    def _event_before(self, tokens, i: int) -> bool:
        """An event word right before the count or before its 'in' ('was performed in 26
        patients'): the count is of events. (In 'achieved in 42 of 76 patients' the event counts
        42; 76 is the cohort.)"""
        k = i - 1
        if k >= 0 and tokens[k][2].lower() in ("in", "among", "for"):
            k -= 1
        return any(t[2].lower() in self.rules.event_before_count for t in tokens[max(0, k - 1):k + 1])

    def _cohort_before(self, tokens, i: int) -> bool:
        k = i - 1
        skipped = 0
        while k >= 0 and skipped <= 3:
            w = tokens[k][2].lower()
            phrase = next((p for p in self.rules.cohort_pre_phrases if k + 1 >= len(p) and
                           tuple(t[2].lower() for t in tokens[k + 1 - len(p):k + 1]) == p), None)
            if w in self.rules.cohort_pre or phrase:
                # "SOS occurred in 2 patients", "the deaths of 2 patients": events, not a cohort
                first = k + 1 - len(phrase) if phrase else k
                before = {t[2].lower() for t in tokens[max(0, first - 2):first]}
                return not (before & self.rules.event_before_count)
            if w in ("the", "a", "an", "all", "total", "these", "those", "out", "only", "overall", "consecutive", "additional",
                     "first", "next", "last", "remaining", "further", "other"):
                k -= 1
                skipped += 1
                continue
            return False
        return False

    def _cohort_after(self, tokens, k: int, verbs_only: bool = False, agent_starts: frozenset = frozenset()) -> bool:
        """After the patient noun: '(median age ...', '; median age', 'were treated' ...
        With `verbs_only` (no noun: 'only six could be assessed'): the cohort verb must follow at once."""
        if verbs_only:
            words = tuple(t[2].lower() for t in tokens[k:k + 4])
            return any(words[:len(p)] == p for p in self.rules.cohort_post_bare)
        steps = 0
        depth = 0
        while k < len(tokens) and steps < 14:
            w = tokens[k][2].lower()
            if w == "(":
                if depth == 0 and k + 2 < len(tokens) and (
                    (tokens[k + 1][2].lower() in ("median", "mean") and tokens[k + 2][2].lower() == "age")
                    or tokens[k + 1][2].lower() in ("age", "aged", "n")
                ):
                    return True
                if depth == 0 and k + 2 < len(tokens) and tokens[k + 1][2].isdigit() and (
                        tokens[k + 2][2].lower() in self.rules.cohort_post_single or self._in_arm(tokens, k + 2)):
                    return True  # "83 patients (79 evaluable)", "188 patients (95 in the X arm and ...)"
                depth += 1
            elif w == ")":
                depth = max(0, depth - 1)
                steps -= 1
            elif depth > 0:
                steps -= 1  # words inside a parenthesis do not count
            elif depth == 0:
                if w in (";", ",") and k + 2 < len(tokens) and tokens[k + 1][2].lower() in ("median", "mean") and tokens[k + 2][2].lower() == "age":
                    return True
                if w == "," and _MEDIAN_AGE_AFTER.match(" ".join(t[2].lower() for t in tokens[k + 1:k + 5])):
                    return True  # "212 patients, at a median age of 41 years, were treated"
                if w in (".", ";", ","):
                    return False
                for phrase in self.rules.cohort_post:
                    if tuple(t[2].lower() for t in tokens[k:k + len(phrase)]) == phrase:
                        return True
                for phrase in self.rules.cohort_post_agent:
                    if tuple(t[2].lower() for t in tokens[k:k + len(phrase)]) == phrase:
                        if self._treatment_after(tokens, k + len(phrase), agent_starts):
                            return True
                if w in self.rules.event_after_count \
                        and tokens[k - 1][2].lower() not in _ADJECTIVE_BEFORE:
                    return False  # a verb, not an adjective ("with relapsed disease were enrolled")
            k += 1
            steps += 1
        return False

    def _treatment_after(self, tokens, k: int, agent_starts: frozenset) -> bool:
        """'received BFM-based chemotherapy with blinatumomab', 'were given dose-reduced
        hyper-CVAD': the object of the treatment verb names an agent or a treatment noun
        (not prior therapy: 'received prior blinatumomab')."""
        if k < len(tokens) and tokens[k][2].lower() in self.rules.prior_words:
            return False
        for m in range(k, min(k + 6, len(tokens))):
            word = tokens[m][2]
            if tokens[m][0] in agent_starts or word.lower() in self.rules.treatment_nouns:
                return True
            if word == "," and m > k and re.fullmatch(r"[A-Za-z][\w\-]*", tokens[m - 1][2]):
                continue  # "received single-dose, intravenous inotuzumab": a list of adjectives
            if not re.fullmatch(r"[A-Za-z0-9][\w\-/]*", word) or word.lower() in self.rules.predicate_verbs:
                return False
        return False

    def _age_subgroup(self, tokens, k: int) -> bool:
        """'60 patients were younger than 60 years and 40 were 60 years or older', '25 were aged
        18-39 years': a subgroup by age (GUIDELINES §N)."""
        words = " ".join(t[2] for t in tokens[k:k + 10])
        return bool(self.rules.age_subgroup_after.match(words))

    def _disease_subgroup(self, tokens, k: int) -> bool:
        """'12 patients had Ph-positive ALL and 8 had Ph-negative ALL': a subgroup by disease
        (the object of 'had' ends with a disease noun), not an outcome ('had undetectable disease')."""
        if k >= len(tokens) or tokens[k][2].lower() not in ("had", "has", "have"):
            return False
        for m in range(k + 1, min(k + 5, len(tokens))):
            word = tokens[m][2]
            if not re.fullmatch(r"[A-Za-z][\w\-]*", word):
                return False
            if word in self.rules.disease_nouns or word.lower() in self.rules.disease_nouns:
                nxt = tokens[m + 1][2].lower() if m + 1 < len(tokens) else "."
                return nxt in (".", ",", ";", "(", "[", "and", "or", "while", "whereas")
            if word.lower() in _FUNCTION_WORDS:
                return False
        return False

    def _arm(self, tokens, i: int, j: int) -> bool:
        """'(67 without blinatumomab and 45 with blinatumomab)': arms of a counted cohort."""
        if j >= len(tokens) or tokens[j][2].lower() not in ("with", "without", "receiving"):
            return False
        if i == 0 or tokens[i - 1][2] not in ("(", "and", ","):
            return False
        # inside a parenthesis opened right after a patient noun
        k = i - 1
        while k >= 0 and tokens[k][2] != "(":
            if tokens[k][2] in (")", ".", ";"):
                return False
            k -= 1
        return k >= 1 and tokens[k - 1][2].lower() in self.rules.patient_nouns

    def set_annotations(self, doc: Doc, found: list[tuple[int, int, str, Value]]) -> None:
        add_value_spans(doc, found)


_AGE_LIST = re.compile(rf"(?i:\b(?:median|mean)\s+ages)(?:\s+(?:were|of))?[\s,:]*(?P<a>{NUM}(?:\s*(?:years?|yrs?))?)"
                       rf"\s*(?:,\s*)?(?:and|vs\.?|versus)\s+(?P<b>{NUM}(?:\s*(?:years?|yrs?))?)(?!\s*[\d%])")
_AGE_BEFORE = re.compile(r"\b(?:aged?|ages|older than|younger than)\s*(?:[<>≤≥]=?\s*)?$", re.I)
_AGE_AFTER = re.compile(r"\s*(?:or|and)\s+(?:older|younger|above|over)\b|\s+(?:of\s+age|old)\b", re.I)
_MEDIAN_AGE_AFTER = re.compile(r"(?:at|with) (?:an? )?(?:median|mean) age\b")
# "315/348 patients (91%)", "75/81 (93%)": a ratio with its percentage; `words` are the words between
_RATIO = re.compile(r"(?<![\w.,/])(?P<a>\d+)\s*/\s*(?P<b>\d+)(?![\w.,/])(?P<words>(?:\s+[A-Za-z][\w\-]*){0,3}?)\s*\(\s*\d+(?:\.\d+)?\s*%")
_PCT_RATIO = re.compile(r"%\s*\(\s*(?P<a>\d+)\s*(?:of|/)\s*(?P<b>\d+)\s*\)")
# prepositions after a cohort's noun that a gapped second count repeats ("... and 13 with T-LBL")
_GAP_PREPS = frozenset(("with", "without", "in", "to", "into", "on", "receiving"))


def _following_preps(tokens, k: int) -> frozenset:
    """Prepositions within the few words after a cohort's noun ('patients were assigned to')."""
    out = set()
    for t in tokens[k:k + 5]:
        w = t[2].lower()
        if w in (".", ";", "("):
            break
        if w in _GAP_PREPS:
            out.add(w)
    return frozenset(out)


_IN_INTERVAL = re.compile(r"(?:\bCI\]?|confidence interval(?:\s*[(\[]CI[)\]])?|\bIQR|interquartile range)[^()]{0,12}$"
                          r"|\brange[,:]?\s*$", re.I)
_PLUS_MINUS = re.compile(r"(?:±|\+/-|\+/−|\+-)\s*$")
# "(38%; 95% CI, 24%-51%) achieved CR": the interval between a value and its predicate
_CI_TAIL = re.compile(r"^\s*[;,]\s*(?:\d+\s*%\s*)?(?:CI|confidence interval)\b[^()]*?(?=\))", re.I)
# a number that labels a group, not a value sharing the next one's unit ("salvage 2, and 3.9 months")
_LABEL_BEFORE_NUMBER = re.compile(r"\b(?:salvage|cohort|arm|group|phase|grade|stage|cycle|course|day|line|part|step|block|study)\s*$", re.I)
_FOOTNOTE = re.compile(r"^\s*(?:[*†‡§¶#∆]+|[a-e]\s)\s*\S")


def _overlaps(span: tuple[int, int], taken: list[tuple[int, int]]) -> bool:
    return any(span[0] < b and a < span[1] for a, b in taken)


def _number_at(tokens, i: int) -> tuple[int, float | None]:
    """A number (digits or English words, 'One hundred ten', 'Twenty-five') at token i."""
    word = tokens[i][2]
    if re.fullmatch(r"\d{1,3}(?:,\d{3})+", word):  # thousands separators: "1,842 children"
        prev = tokens[i - 1][2] if i > 0 else ""
        return i + 1, (None if prev in ("[", "-", "/") else float(word.replace(",", "")))
    if re.fullmatch(r"\d+", word):
        nxt = tokens[i + 1][2] if i + 1 < len(tokens) else ""
        prev = tokens[i - 1][2] if i > 0 else ""
        if nxt in ("%", "-", "/") or prev in ("-", "/", "[") or (nxt == "," and prev == "["):
            return i + 1, None  # percentages, ranges, citations
        return i + 1, float(word)
    if re.fullmatch(_NUMWORDS_RE, word.lower()):
        j = i + 1
        while j < len(tokens) and (re.fullmatch(_NUMWORDS_RE, tokens[j][2].lower()) or (
                tokens[j][2].lower() == "and" and j + 1 < len(tokens) and re.fullmatch(_NUMWORDS_RE, tokens[j + 1][2].lower()))):
            j += 1
        phrase = " ".join(t[2] for t in tokens[i:j])
        return j, numbers.word_to_number(phrase)
    return i + 1, None


_NUMWORDS_RE = rf"(?:{_NUMWORDS})(?:-(?:{_NUMWORDS}))?"
_NUMWORD_SET = frozenset(_NUMWORDS.split("|"))
# a participle after these words describes the disease, it is not the clause's verb
_ADJECTIVE_BEFORE = frozenset(("with", "and", "or", "/", "newly", "first", "second", "or/and"))
_FUNCTION_WORDS = frozenset("of and or had has have were was who with without in at on to from for by the a an than "
                            "after before during since until per into among which that whom".split())


_SHARED_UNIT = re.compile(
    rf"(?<![\w.\-/])(?:{_SIGN_CHARS}\s*)?{NUM}\s*(?:,\s*(?:and\s+|or\s+)?|\s+(?:vs\.?|versus|and|or|compared\s+(?:with|to))\s+)$",
    re.I)


def shared_unit_values(text: str, start: int) -> list[tuple[int, int]]:
    """Bare numbers that share the unit of the duration at `start`, in order: '7.7 vs 6.7
    months', '9.1, 7.7 and 4.0 months' -> the spans of '7.7' / '9.1', '7.7' (the number alone,
    GUIDELINES §1.3: the unit is written once, with the last value)."""
    out: list[tuple[int, int]] = []
    while True:
        m = _SHARED_UNIT.search(text[max(0, start - 40):start])
        if not m:
            return out
        lo = max(0, start - 40) + m.start()
        if _LABEL_BEFORE_NUMBER.search(text[max(0, lo - 12):lo]):
            return out
        num = re.match(rf"(?:{_SIGN_CHARS}\s*)?{NUM}", text[lo:])
        out.insert(0, (lo, lo + num.end()))
        start = lo


def _split_from_to(text: str, cands: list[Candidate]) -> list[Candidate]:
    """'from < 10% to 50%' is a change, not a range: two values."""
    out = []
    for c in cands:
        s = text[c.start:c.end]
        m = re.search(r"\s+to\s+", s)
        if m and "%" in s[:m.start()] and re.search(r"\bfrom\s*$", text[max(0, c.start - 8):c.start]):
            out.append(Candidate(c.start, c.start + m.start(), c.kind))
            out.append(Candidate(c.start + m.end(), c.end, c.kind))
        else:
            out.append(c)
    return out


_LEAD_SIGN = re.compile(r"\s*(<=|>=|[<>≤≥]|less than|more than|greater than|fewer than|above|below|under|at least|at most|up to|over)\s*", re.I)
_TRAIL_SIGN = re.compile(r"\s+(or (?:less|more|lower|higher|greater|fewer|above|below|longer|shorter))\s*$", re.I)


def _vague(s: str) -> bool:
    """'25% or less': a bound written after the number, which rows do not store (GUIDELINES §4)."""
    return bool(_TRAIL_SIGN.search(match_form(s)))


def _split_sign(s: str) -> tuple[str | None, str]:
    """'less than 1 year' -> ('<', '1 year'); '25% or less' -> ('≤', '25%'); '> 90%' -> ('>', '90%')."""
    sign = None
    m = _TRAIL_SIGN.search(s)
    if m:
        sign = numbers.SIGNS[" ".join(m.group(1).lower().split())]
        s = s[:m.start()]
    m = _LEAD_SIGN.match(s)
    if m:
        word = " ".join(m.group(1).lower().split())
        sign = numbers.SIGNS.get(word, word)
        s = s[m.end():]
    return sign, s


def _percent_value(raw: str) -> Value | None:
    s = match_form(raw)
    sign, s2 = _split_sign(re.sub(r"\s*\+\s*%", "%", s))
    v = numbers.parse_percent(s2)
    if v is None:
        wm = re.match(rf"\s*({NUMWORD})[\s\-]+(?:percent|per cent)", s2, re.I)
        if wm:
            n = numbers.word_to_number(wm.group(1))
            if n is not None:
                return Value(number=n, unit="%", key_order=RATE_KEYS)
        return None
    return replace(v, sign=sign or v.sign, vague=_vague(raw),
                   key_order=RATE_KEYS if v.sign is None else SIGNED_RATE_KEYS)


_TP_NUM = rf"(?:{NUM}|(?i:{_NUMWORDS})(?:-(?i:{_NUMWORDS}))?)"
# A horizon is a time point: "3-year", "3 year OS", "three-yr", "18-month", "at 3 years",
# "after 43 months". A number of years/months alone is not one: "aged 60–69 years",
# "70 years and older", "median OS 14 months and 34%", "follow-up of 40 months".
_TIME_POINT = re.compile(
    rf"(?<![\w.\-]){_TP_NUM}(?:\s*(?:-|to)\s*{_TP_NUM})?"
    rf"(?:\s*-\s*(?:years?|yrs?|months?|mos?)|\s+(?:year|yr|month|mo)(?!s))\b(?!-?\s*olds?\b)"
    rf"|\b(?:at|after|beyond)\s+(?:the\s+)?{_TP_NUM}(?:\s*(?:-|to)\s*{_TP_NUM})?\s*(?:years?|yrs?|months?|mos?)\b"
    rf"(?!\s+(?:of\s+(?!follow)|old\b|and\s+(?:older|above)|or\s+(?:older|more)))", re.I)


def time_points(text: str) -> list[tuple[int, int, float]]:
    """(start, end, years) of every time-point phrase in `text` ('at 18 months' -> 1.5)."""
    out = []
    for m in _TIME_POINT.finditer(text):
        phrase = re.sub(r"^(?:at|after|beyond)\s+(?:the\s+)?", "", m.group(0), flags=re.I)
        years = numbers.parse_horizon(phrase)
        if years is not None and years > 0:
            out.append((m.start(), m.end(), years))
    return out


def _horizon(text: str, start: int, measures: list[Measure], head_start: int | None = None,
             end: int | None = None) -> float | None:
    """OS horizon in years stated for the value text[start:end]: a time point right after it
    ('OS was 76% at 12 months and 63% at 24 months': each value its own), else one before
    it, from just before the measure list it belongs to ('3-year rates of RFS and OS of 83%
    and 77%')."""
    after_start = start if end is None else end
    m = re.match(r"\s*(?:\([^()]*\)\s*)?(?:at|after)\s", text[after_start:after_start + 40], re.I)
    if m:
        after = time_points(text[after_start:after_start + 40])
        if after and after[0][0] <= m.end():
            return after[0][2]
    if head_start is None:
        before = [m for m in measures if m.end <= start]
        head_start = before[-1].start if before else start
    lo = max(0, head_start - 30)
    # before the measure, a time point must qualify it: not end the previous clause
    # ("CMR at 3 months, and OS was 83%") nor belong to the previous value ("76% at 12 months and")
    found = [y for s, e, y in time_points(text[lo:start])
             if (lo + s >= head_start or not re.search(r"[,;]|\band\b", text[lo + e:head_start]))
             and not re.search(r"%\s*\)?\s*(?:at|after)\s+(?:the\s+)?$", text[max(lo, lo + s - 12):lo + s])]
    return found[-1] if found else None


_H_UNIT = r"(?:years?|yrs?|months?|mos?)\b"
_H_SEP = r"(?:\s*,\s*(?:and\s+|or\s+)?|\s+(?:and|or)\s+)"
# "2-, 3- and 5-year", "1-year and 3-year", "two- and five-year": each item hyphenated
_H_ADJ_ITEM = rf"{_TP_NUM}\s*-(?:\s*{_H_UNIT})?"
_H_ADJ_LAST = rf"{_TP_NUM}(?:\s*-\s*|\s+)(?:year|yr|month|mo)s?\b(?!-?\s*olds?\b)"
# "at 12 and 24 months", "at 1, 3 and 5 years", "at 6 months and 2 years"
_H_PREP_ITEM = rf"{_TP_NUM}(?:\s*-?\s*{_H_UNIT})?"
_HORIZON_LIST = re.compile(
    rf"(?<![\w.\-])(?P<adj>{_H_ADJ_ITEM}(?:{_H_SEP}{_H_ADJ_ITEM})*{_H_SEP}{_H_ADJ_LAST})"
    rf"|\b(?:at|after)\s+(?:the\s+)?(?P<prep>{_H_PREP_ITEM}(?:{_H_SEP}(?:at\s+)?{_H_PREP_ITEM})*"
    rf"{_H_SEP}(?:at\s+)?{_TP_NUM}\s*-?\s*{_H_UNIT})"
    rf"(?!\s+(?:of\s+(?!follow)|old\b|and\s+(?:older|above)|or\s+(?:older|more)))", re.I)
_H_ITEM = re.compile(rf"(?P<n>{_TP_NUM})(?:\s*-?\s*(?P<unit>{_H_UNIT}))?", re.I)


def horizon_lists(text: str) -> list[tuple[int, int, list[float]]]:
    """(start, end, years) of every list of two or more time points written together
    ('2-, 3- and 5-year' -> [2, 3, 5]; 'at 12 and 24 months' -> [1, 2]). An item without
    its own unit takes the unit of the next item that has one ('12 and 24 months')."""
    out = []
    for m in _HORIZON_LIST.finditer(text):
        group = "adj" if m.group("adj") else "prep"
        items = [(x.group("n"), x.group("unit")) for x in _H_ITEM.finditer(m.group(group))]
        years: list[float] = []
        unit = None
        for n, u in reversed(items):
            unit = u or unit
            y = numbers.parse_horizon(f"{n} {unit}") if unit else None
            if y is None or y <= 0:
                break
            years.insert(0, y)
        if len(years) == len(items) >= 2:
            out.append((m.start(group), m.end(group), years))
    return out


def pair_horizons(text: str, run: list[tuple[int, int]], head_start: int, anchor: int) -> list[float] | None:
    """Horizons of the OS rates `run` (their (start, end), in order) when a list of k horizons
    names them: before the measure ('the 2-, 3- and 5-year OS'), between the measure and the
    values ('OS at 12 and 24 months was'), or right after the values ('80% and 66% at 1 and 2
    years, respectively'). The values are paired with the horizons in order (cyclically when
    several arms give k values each); None when no list fits."""
    if not run:
        return None
    first, last = run[0][0], run[-1][1]
    for start, end, years in horizon_lists(text):
        before = max(0, head_start - 40) <= start and end <= first \
            and not re.search(r"[;.]|%", text[end:first]) \
            and (start >= head_start or not re.search(r"[,;]", text[end:head_start]))
        after = start >= last and re.fullmatch(r"[\s,]*(?:respectively[\s,]*)?(?:at|after)\s+(?:the\s+)?",
                                               text[last:start], re.I)
        if (before or after) and len(run) % len(years) == 0:
            return [years[i % len(years)] for i in range(len(run))]
    return None


def _shared_horizon(text: str) -> float | None:
    """The horizon of a sentence that states exactly one ('RFS at three years was 49%, and
    OS was 56%'; 'At the three-year follow-up, ...')."""
    years = {y for _, _, y in time_points(text)}
    # under a year it is usually a response assessment ("CMR at 3 months"), not a survival horizon
    return years.pop() if len(years) == 1 and min(years) >= 1 else None


@Language.factory("all_values_v1", default_config={"rules": None},
                  assigns=["doc.ents", "span._.value"], requires=["token.is_sent_start", "doc.ents"])
def make_value_tagger(nlp: Language, name: str, *, rules: list[dict] | None) -> ValueTagger:
    return ValueTagger(nlp, name, rules=rules)
