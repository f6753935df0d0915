"""Value details the rows stage reads: OS horizons, MRD assay, CR kind, vague bounds, N of
subgroups, product names. Sentences written for these tests, in several styles."""

import pytest

from extract.knowledge import canonical_agent
from extract.nlp.values import time_points



def values(nlp, text, label):
    return [(e.text, e._.value) for e in nlp(text).ents if e.label_ == label]


def horizons(nlp, text):
    return [(e.text, e._.value.years) for e in nlp(text).ents
            if e.label_ == "OS" and e._.value.kind == "rate"]


# ---------------------------------------------------------------- time points (pure)

@pytest.mark.parametrize("text,years", [
    ("the 2-year event-free survival", [2.0]),
    ("a five-year survival", [5.0]),
    ("OS at 30 months was", [2.5]),
    ("after 4 years of follow-up, OS", [4.0]),
    ("the 2 yr OS", [2.0]),
    ("12-month overall survival", [1.0]),
    # ages, durations and follow-up are not time points
    ("in patients aged 40–59 years", []),
    ("adults 65 years and older", []),
    ("a 72-year-old man", []),
    ("median OS of 11 months and 2-year OS of 30%", [2.0]),
    ("with a median follow-up of 26 months", []),
    ("followed by two years of maintenance", []),
])
def test_time_points(text, years):
    assert [y for _, _, y in time_points(text)] == years


# ---------------------------------------------------------------- OS horizons

@pytest.mark.parametrize("text,expected", [
    # a horizon stated once for a list of measures
    ("With a median follow-up of 30 months, the projected 2-year relapse-free survival (RFS) and OS rates "
     "were 61% and 70%, respectively.", [("70%", 2.0)]),
    ("Two-year rates of event-free survival and overall survival of 52% and 64% were reported.", [("64%", 2.0)]),
    # a horizon shared by a coordinated clause
    ("Event-free survival at five years was 41%, and overall survival was 47%.", [("47%", 5.0)]),
    ("At 2 years, the cumulative incidence of relapse was 20%; for OS, it was 68%.", [("68%", 2.0)]),
    # an age range or a median duration next to the rate is not its horizon
    ("The 2-year OS was 60% overall, 66% in those aged 18 to 39 years and 41% in patients 60 years or older.",
     [("60%", 2.0), ("66%", 2.0), ("41%", 2.0)]),
    ("Median OS and 2-year OS were 19 months and 44% in arm A versus 11 months and 25% in arm B, respectively.",
     [("44%", 2.0), ("25%", 2.0)]),
    ("OS at 18 months was 58%.", [("58%", 1.5)]),
    # no horizon anywhere: none is made up
    ("The estimated OS was 45% in the whole cohort.", [("45%", None)]),
    ("The long-term OS rate was 38%, while the 3-year EFS rate was 30%.", [("38%", None)]),
])
def test_os_horizon(nlp, text, expected):
    assert horizons(nlp, text) == expected


def test_os_horizon_from_previous_sentence(nlp):
    text = ("At the two-year landmark, 90% of patients remained in CR. The OS was 81%, "
            "and no late toxicity was seen.")
    assert horizons(nlp, text) == [("81%", 2.0)]
    # a previous sentence with two horizons is ambiguous: no horizon is taken
    text = "The 1-year and 3-year EFS were 70% and 50%. OS was 77%."
    assert horizons(nlp, text) == [("77%", None)]


# ---------------------------------------------------------------- MRD assay

@pytest.mark.parametrize("text,method", [
    ("Of 30 patients tested by next-generation sequencing, 24 (80%) were MRD negative.", "ngs"),
    ("Using the clonoSEQ assay, MRD negativity was reached in 71% of responders.", "ngs"),
    ("MRD negativity by multiparameter flow cytometry was 92% after induction.", "flow"),
    ("The MRD-negative rate by MFC was 85% after induction.", "flow"),
    ("A complete MRD response by RT-PCR was observed in 64% of patients.", "pcr"),
    ("Undetectable MRD (qPCR) was documented in 58% after two cycles.", "pcr"),
    ("The MRD negativity rate was 88% at the end of consolidation.", None),
])
def test_mrd_method(nlp, text, method):
    [(_, value)] = values(nlp, text, "MRD")
    assert value.method == method


def test_mrd_method_when_the_sentence_names_two_assays(nlp):
    found = values(nlp, "MRD negativity was 76% by flow cytometry and 59% by NGS.", "MRD")
    assert [(t, v.method) for t, v in found] == [("76%", "flow"), ("59%", "ngs")]


# ---------------------------------------------------------------- CR kind

@pytest.mark.parametrize("text,kinds", [
    ("Complete remission was achieved in 62% of patients.", [None]),
    ("The CR/CRi rate was 79%.", ["cr_cri"]),
    ("By day 42, 53% had attained CR or CR with incomplete blood count recovery (CRi).", ["cr_cri"]),
    ("A further 9% had CR with incomplete count recovery.", ["cri"]),
    ("The CR rate was 41% and the CRi rate 12%.", [None, "cri"]),
    ("CR and CRh rates were 35% and 10%, respectively.", [None, "cri"]),
])
def test_cr_kind(nlp, text, kinds):
    assert [v.kind for _, v in values(nlp, text, "CR")] == kinds


# ---------------------------------------------------------------- vague bounds

def test_vague_bounds_keep_sign_and_span(nlp):
    [(text, value)] = values(nlp, "Historically, two-year OS was 20% or lower.", "OS")
    assert text == "20% or lower" and value.sign == "≤" and value.vague is True
    [(text, value)] = values(nlp, "The CR rate in this setting is 90% or greater.", "CR")
    assert text == "90% or greater" and value.sign == "≥" and value.vague is True
    [(text, value)] = values(nlp, "The median OS was 30 months or longer in both arms.", "OS")
    assert text == "30 months or longer" and value.sign == "≥" and value.number == 30.0
    [(_, value)] = values(nlp, "The CR rate was > 85%.", "CR")
    assert value.sign == ">" and value.vague is False  # a leading sign is stored (spec §2)
    assert "vague" not in value.to_dict()


# ---------------------------------------------------------------- N

@pytest.mark.parametrize("text,expected", [
    ("Ponatinib was given to 52 older adults with Ph-positive ALL.", ["52"]),
    ("The regimen was administered to 27 patients in first relapse.", ["27"]),
    ("Thirty-six patients who had received blinatumomab were analyzed for survival.", ["Thirty-six"]),
    ("Of these, 19 patients had B-ALL and 7 patients had T-ALL.", ["19", "7"]),
    ("In total, 14 had Ph-like ALL, while 9 had lymphoma.", ["14", "9"]),
    # outcomes and prior therapy are not cohorts
    ("Eleven patients had undetectable disease and 4 patients had CNS relapse.", []),
    ("Eight patients who had received prior inotuzumab relapsed.", []),
])
def test_cohort_counts(nlp, text, expected):
    assert [t for t, _ in values(nlp, text, "N")] == expected


# ---------------------------------------------------------------- CAR product codes

def test_car_product_code_keeps_its_name(nlp):
    assert canonical_agent("CD19-22.BB.z-CAR") == "cd19-22.bb.z-car"
    assert canonical_agent("CD22.BB.z-CAR") == "cd22.bb.z-car"
    # a target-named generic CAR T stays generic
    assert canonical_agent("CD19 CAR T cells") == "cd19 car t cells"
    [(text, value)] = values(nlp, "Patients then received the dual-target CD19-20.BB.z-CAR product.", "AGENT")
    assert text == "CD19-20.BB.z-CAR" and value.canonical == "cd19-20.bb.z-car"


def test_assessment_time_is_not_shared_as_horizon(nlp):
    text = "The regimen gave a CMR rate of 70% at 3 months, and overall survival was 83%."
    assert horizons(nlp, text) == [("83%", None)]


def test_horizon_written_after_each_value(nlp):
    doc = nlp("Overall survival was 76% at 12 months and 63% at 24 months.")
    assert [(e.text, e._.value.years) for e in doc.ents if e.label_ == "OS"] == [("76%", 1.0), ("63%", 2.0)]
