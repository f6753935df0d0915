"""CR, MRD and OS values in the ways published text writes them (issue 11): ± precisions,
pOS/pEFS, thresholds, CR variants, MRD negativity said other ways, composites the text defines,
a horizon between the measures and their values, a unit written once for a respectively
list, and median ages as a list. All sentences are invented."""

import pytest


def labelled(nlp, text, labels=("AGE", "CR", "MRD", "OS")):
    return [(e.text, e.label_) for e in nlp(text).ents if e.label_ in labels]


@pytest.mark.parametrize("text,expected", [
    # ± terms are precisions, not list members
    ("The 4-year event-free and overall survival rates were 71.2% ± 2.0% and 80.4% ± 1.5%, respectively.",
     [("80.4%", "OS")]),
    ("CIR and OS rates were 33% ± 6% and 62% ± 7% for the first arm and 29% ± 9% and 55% ± 8% for the second, respectively.",
     [("62%", "OS"), ("55%", "OS")]),
    # probability abbreviations
    ("Patients relapsing early had a pEFS of 21.0% (pOS = 30.5%).", [("30.5%", "OS")]),
    ("pEFS did not differ between those with (n = 20, 48.0%) and without prior therapy (n = 41, 52.2%).", []),
    # thresholds are not rates
    ("Patients achieved an MRD-negative CR, defined as less than 0.01% leukemic cells in the marrow.", []),
    ("The CR rate was 71%, and all CRs had MRD <0.01%.", [("71%", "CR")]),
    ("CR was reached in 150/170 patients (88%), with MRD <0.1% after induction in 90/140 patients (64%).",
     [("88%", "CR")]),
    # interval bounds and tails
    ("The CR rate was 41% [95% confidence interval (CI), 33%–50%].", [("41%", "CR")]),
    ("Of 70 evaluable patients, 30 patients (43%; 95% CI; 31%–55%) achieved CR within two cycles.",
     [("43%", "CR")]),
    # CR variants that are not CR
    ("Nine (12%) had a CR with no platelet recovery (CRp), and 4 (5%) had a bone marrow CR.", []),
    # MRD negativity said other ways
    ("Forty of 60 patients (67%) were MRD− after induction.", [("67%", "MRD")]),
    ("CR and BCR-ABL1 quantitative polymerase chain reaction (qPCR) negativity rates were 90% and 35%, respectively.",
     [("90%", "CR"), ("35%", "MRD")]),
    ("A measurable residual disease response was achieved by 44% of treated patients.", [("44%", "MRD")]),
    ("Overall, 58% of responders with available samples were MRD negative by NGS.", [("58%", "MRD")]),
    # a composite the text defines is a CR figure
    ("The end point was overall remission (complete remission or complete remission with incomplete "
     "hematologic recovery). Overall remission occurred in 68%, with complete remission in 49%.",
     [("68%", "CR"), ("49%", "CR")]),
    # a qualifier is not the measure
    ("For patients who were MRD negative, the 2-year OS rates were 91% vs 70%.", [("91%", "OS"), ("70%", "OS")]),
    ("Among patients achieving CR, relapse rates were 31% and 22%.", []),
    # a measure of another clause does not join the list
    ("With fewer early deaths, the complete remission (CR) rate was higher with the new regimen (95% vs 88%).",
     [("95%", "CR"), ("88%", "CR")]),
    # a horizon between the measures and their values
    ("Overall survival and disease-free survival at 48 months are 52.1% and 47.3%, respectively.",
     [("52.1%", "OS")]),
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
