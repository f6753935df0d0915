"""A group qualifier does not relabel a value, a measure carries over the coordinated values
of its clause, and a trial acronym defined in parentheses is
the trial at its later mentions. Sentences written for these tests (not from the corpus)."""

from types import SimpleNamespace

import pytest

from extract.nlp.entities import document_trial_names
from extract.nlp.trials import defined_names


def ents(nlp, text):
    return [(e.text, e.label_) for e in nlp(text).ents if e.label_ != "AGENT"]


# ---------------------------------------------------------------- 1. measure of the list, not of the group

@pytest.mark.parametrize("text, expected", [
    ("The 2-year OS reached 91% in MRD-negative and 47% in MRD-positive adults.",
     [("91%", "OS"), ("47%", "OS")]),
    ("Five-year overall survival was 38% among MRD positive versus 76% among MRD negative cases.",
     [("38%", "OS"), ("76%", "OS")]),
    ("OS at 4 years was 66% for MRD-negative compared with 29% for MRD-positive recipients.",
     [("66%", "OS"), ("29%", "OS")]),
    ("The 3-year OS was 72% in patients without MRD and 41% in patients with MRD.",
     [("72%", "OS"), ("41%", "OS")]),
])
def test_group_qualifier_keeps_list_measure(nlp, text, expected):
    assert ents(nlp, text) == expected


@pytest.mark.parametrize("text, expected", [
    # the qualifier is the measure: the value stays MRD
    ("The MRD negativity rate was 64% in MRD-evaluable patients.", [("64%", "MRD")]),
    ("Overall, 58% of the patients became MRD-negative.", [("58%", "MRD")]),
    ("The MRD-negative rate was 81% in the intensified arm.", [("81%", "MRD")]),
    # another measure named: the later value is not OS
    ("OS was 63% and EFS was 49%.", [("63%", "OS")]),
    ("The 2-year OS was 70%, while the relapse rate was 22% in MRD-positive patients.", [("70%", "OS")]),
])
def test_group_qualifier_negatives(nlp, text, expected):
    assert ents(nlp, text) == expected


def test_group_qualifier_keeps_horizon(nlp):
    doc = nlp("The 2-year OS was 88% in MRD-negative and 35% in MRD-positive patients.")
    values = [e._.value.years for e in doc.ents if e.label_ == "OS"]
    assert values == [2.0, 2.0]


# ---------------------------------------------------------------- 2. a measure continues over its coordinated values

@pytest.mark.parametrize("text, expected", [
    ("The median OS was 22.4 months in patients with and 9.6 months in those without consolidation.",
     [("22.4 months", "OS"), ("9.6 months", "OS")]),
    ("Median overall survival was not reached in MRD-negative patients and was 13.7 months in MRD-positive patients.",
     [("13.7 months", "OS")]),
    ("Median OS was 31 months in responders versus 7 months in the remaining patients.",
     [("31 months", "OS"), ("7 months", "OS")]),
])
def test_measure_continues_over_coordination(nlp, text, expected):
    assert ents(nlp, text) == expected


@pytest.mark.parametrize("text, expected", [
    # another measure ends the run
    ("Median OS was 18 months and median EFS was 11 months.", [("18 months", "OS")]),
    # ages of a patient group stay ages, not medians
    ("Median OS was 12 months in patients older than 60 years.", [("12 months", "OS")]),
    ("The median follow-up was 26 months in patients with and 24 months in those without transplant.", []),
])
def test_measure_continuation_negatives(nlp, text, expected):
    assert ents(nlp, text) == expected


# ---------------------------------------------------------------- 3. acronym defined after a trial name

def test_defined_names_pure():
    text = "The NILG 10/07 (FALCON) protocol and GRAALL-2014 (n = 120) and UKALL14 (CD20)."
    found = [(text.index(n), text.index(n) + len(n)) for n in ("NILG 10/07", "GRAALL-2014", "UKALL14")]
    names = defined_names(text, found, stop=frozenset({"CD20"}))
    assert "FALCON" in names and "CD20" not in names and "n = 120" not in names


def test_acronym_reused_in_later_block(nlp):
    blocks = [SimpleNamespace(text="Adults were treated in the GIMEMA LAL-1719 (HERON) protocol."),
              SimpleNamespace(text="In HERON, the 3-year OS was 77%.")]
    names = document_trial_names(nlp, blocks)
    assert "HERON" in names
    doc = nlp.make_doc(blocks[1].text)
    doc._.context_trials = names
    doc = nlp(doc)
    assert ("HERON", "TRIAL") in [(e.text, e.label_) for e in doc.ents]


def test_acronym_same_block(nlp):
    doc = nlp("The GRAALL-2020 (OSPREY) study enrolled 150 adults. OSPREY met its primary end point.")
    trials = [e.text for e in doc.ents if e.label_ == "TRIAL"]
    assert trials.count("OSPREY") == 2


def test_acronym_negatives(nlp):
    # not defined after a trial name: no TRIAL
    doc = nlp("Minimal residual disease (MRD) was measured. In KESTREL, the rate was 40%.")
    assert not [e for e in doc.ents if e.label_ == "TRIAL"]
    # a parenthesised agent or stop word after a trial is not a new trial name
    doc = nlp("The GRAALL-2014 (blinatumomab) cohort and UKALL14 (MRD) arm. Blinatumomab was given; MRD was low.")
    assert [e.text for e in doc.ents if e.label_ == "TRIAL"] == ["GRAALL-2014", "UKALL14"]
