"""N on the ways published text states a cohort's size (issue 11): counts without a patient
noun, cues outside a narrow window, glued and denominator sizes; and not counts of events,
outcome-defined groups, excluded patients, planned sizes or another disease's patients.
All sentences are invented."""

import pytest


def sizes(nlp, text):
    return [e.text for e in nlp(text).ents if e.label_ == "N"]


@pytest.mark.parametrize("text,expected", [
    # a count without a patient noun that names a cohort
    ("Of 240 patients registered, 201 entered remission, 188 received ponatinib, and 150 had a paired MRD assessment.",
     ["240", "188", "150"]),
    ("There were 140 patients in the standard arm and 139 in the experimental arm.", ["140", "139"]),
    ("The analysis covered 310 patients (156 in the dasatinib arm and 154 in the control arm).", ["310", "156", "154"]),
    ("Sixty-two patients (58 evaluable) with a median age of 52 years were enrolled.", ["Sixty-two", "58"]),
    ("We treated 31 patients with T-ALL and 9 with T-LBL with nelarabine.", ["31", "9"]),
    ("In all, 120 patients were assigned to chemotherapy and 64 to transplantation.", ["120", "64"]),
    # cues outside the narrow window
    ("Between 2010 and 2019, 212 patients, at a median age of 41 years, were treated.", ["212"]),
    ("The first 30 patients received weekly, intravenous inotuzumab.", ["30"]),
    ("In the next 25 patients, the dose was reduced.", ["25"]),
    ("The approval rested on a single-arm trial with 96 evaluable adults.", ["96"]),
    ("The primary analysis population comprises 402 patients.", ["402"]),
    ("Of the 180 enrolled patients, 151 (83.9%) received at least one dose of ponatinib and were evaluable.",
     ["180", "151"]),
    ("Overall, 72 (41.1%) were in the blinatumomab cohort.", ["72"]),
    ("In arm C (47 patients; median follow-up, 11 months), the remission rate was high.", ["47"]),
    ("Of 88 enrolled, 80 were infused.", ["88", "80"]),
    # glued and denominator sizes
    ("Remission was attained in 280/301 patients (93%).", ["301"]),
    ("MRD negativity was 61% in arm A vs 66/70 (94%) in arm B.", ["70"]),
    ("The CR rate was 64% (18 of 28).", ["28"]),
    ("Twelve of 15 relapsed cases carried the mutation.", []),
])
def test_cohort_sizes(nlp, text, expected):
    assert sizes(nlp, text) == expected


@pytest.mark.parametrize("text", [
    "Transplantation was performed in 33 patients (25 in CR1 and 8 in CR2).",
    "A target sample size of 250 patients was planned to detect a 15% difference.",
    "Follow-up was reported for 300 patients (AML, n = 140; NHL, n = 160).",
    "Among the 19 CR patients (100%), all proceeded to transplant.",
])
def test_not_cohort_sizes(nlp, text):
    assert sizes(nlp, text) == []


def test_excluded_patients_are_not_sizes(nlp):
    text = "Sixteen patients were excluded (n=4 Ph+ ALL; n=2 CD19-negative ALL; n=7 other) or withdrew consent (n=3)."
    assert not {"4", "2", "7", "3"} & set(sizes(nlp, text))


def test_denominator_of_an_event_group_is_not_a_cohort(nlp):
    # 41 counted an event (transplantation): "3 of 41" is that group, not a cohort
    text = "In total, 41 of 97 patients (42%) underwent transplantation. Graft failure was noted in 3 of 41 patients."
    assert sizes(nlp, text) == ["97"]


def test_size_glued_to_n_is_not_an_emoticon(nlp):
    # spaCy's emoticon exception made "=3" one token
    assert [t.text for t in nlp.make_doc("(n=3 patients)")] == ["(", "n", "=", "3", "patients", ")"]


def test_count_in_an_arm_with_an_event_is_not_a_size(nlp):
    assert sizes(nlp, "Twelve patients in the control arm relapsed.") == []
