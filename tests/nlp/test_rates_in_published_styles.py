"""CR, MRD and OS values in the ways published text writes them (issue 11): ± precisions,
pOS/pEFS, thresholds, CR variants, MRD negativity said other ways, composites the text defines,
a horizon between the measures and their values, a unit written once for a respectively
list, and median ages as a list. All sentences are invented."""

import pytest


def labelled(nlp, text, labels=("AGE", "CR", "MRD", "OS")):
    return [(e.text, e.label_) for e in nlp(text).ents if e.label_ in labels]


@pytest.mark.parametrize("text,expected", [
    # ± terms are precisions, not list members
    ("At 3 years, EFS and overall survival were 68.5% ± 2.4% and 77.9% ± 1.8%, respectively.",
     [("77.9%", "OS")]),
    ("CIR and OS rates were 33% ± 6% and 62% ± 7% for the first arm and 29% ± 9% and 55% ± 8% for the second, respectively.",
     [("62%", "OS"), ("55%", "OS")]),
    # probability abbreviations
    ("Patients relapsing early had a pEFS of 21.0% (pOS = 30.5%).", [("30.5%", "OS")]),
    ("pEFS did not differ between those with (n = 20, 48.0%) and without prior therapy (n = 41, 52.2%).", []),
    # thresholds are not rates
    ("Enrolment required an MRD-negative CR, meaning less than 0.01% residual blasts by flow cytometry.", []),
    ("The CR rate reached 66%, with MRD <0.001% in every responder.", [("66%", "CR")]),
    ("CR was achieved in 132/149 patients (89%), and MRD <0.1% at day 35 in 70/118 patients (59%).",
     [("89%", "CR")]),
    # interval bounds and tails
    ("The CR rate reached 36% [95% confidence interval (CI), 27%–46%].", [("36%", "CR")]),
    ("Of 70 evaluable patients, 30 patients (43%; 95% CI; 31%–55%) achieved CR within two cycles.",
     [("43%", "CR")]),
    # CR variants that are not CR
    ("Another 11 (14%) reached CR without platelet recovery (CRp), while 3 (4%) showed a marrow CR only.", []),
    # MRD negativity said other ways
    ("Forty of 60 patients (67%) were MRD− after induction.", [("67%", "MRD")]),
    ("CR and BCR-ABL1 quantitative polymerase chain reaction (qPCR) negativity rates were 90% and 35%, respectively.",
     [("90%", "CR"), ("35%", "MRD")]),
    ("A measurable residual disease response was achieved by 44% of treated patients.", [("44%", "MRD")]),
    ("Overall, 58% of responders with available samples were MRD negative by NGS.", [("58%", "MRD")]),
    # a composite the text defines is a CR figure
    ("The primary outcome was overall remission (CR or CR with incomplete blood count recovery). "
     "Overall remission was reached by 62%, and CR by 44%.",
     [("62%", "CR"), ("44%", "CR")]),
    # a qualifier is not the measure
    ("For patients who were MRD negative, the 2-year OS rates were 91% vs 70%.", [("91%", "OS"), ("70%", "OS")]),
    ("Among patients achieving CR, cumulative relapse rates reached 26% and 18% by arm.", []),
    # a measure of another clause does not join the list
    ("With fewer deaths in induction, the complete remission (CR) rate rose in arm 2 (93% vs 85%).",
     [("93%", "CR"), ("85%", "CR")]),
    # a horizon between the measures and their values
    ("Overall survival and relapse-free survival at 3 years were 57.4% and 50.2%, respectively.",
     [("57.4%", "OS")]),
    # a number labelling a group is not a value sharing the unit
    ("The median OS was 7.1 months in salvage 1, 4.0 months in salvage 2, and 3.2 months in salvage 3.",
     [("7.1 months", "OS"), ("4.0 months", "OS"), ("3.2 months", "OS")]),
    # median ages as a list
    ("Median ages were 31 and 26 years, respectively.", [("31", "AGE"), ("26 years", "AGE")]),
])
def test_rates(nlp, text, expected):
    assert labelled(nlp, text) == expected


def test_design_sentences_state_no_results(nlp):
    text = "The null hypotheses of a CR rate of 30% or less and an OS of 6 months were rejected."
    assert labelled(nlp, text) == []


def test_age_bound_does_not_join_a_respectively_list(nlp):
    text = ("The 3-year EFS and OS were 61% and 70%, respectively; among the 30 patients aged 55 years or older, "
            "the 3-year OS was 45%.")
    assert labelled(nlp, text) == [("70%", "OS"), ("45%", "OS")]
