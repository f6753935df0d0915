"""AGENT and TRIAL names in the ways published text writes them (issue 11): agents glued to a
non-name prefix or a suffix, run-on regimen chains, code names; trial names spelled out with
their acronym, groups' written-out names with a protocol number, registry and sponsor ids,
letter-coded protocol ids without their group. All sentences are invented."""

import pytest


def ents(nlp, text, labels=("AGENT", "TRIAL")):
    return [(e.text, e.label_) for e in nlp(text).ents if e.label_ in labels]


@pytest.mark.parametrize("text,expected", [
    ("Pre-ponatinib MRD and post–blinatumomab MRD were compared.", [("ponatinib", "AGENT"), ("blinatumomab", "AGENT")]),
    ("Outcomes in the pre-rituximab era were poor.", [("rituximab", "AGENT")]),
    ("The frontline chemotherapy-inotuzumab combination was tested.", [("inotuzumab", "AGENT")]),
    ("Patients received nelarabine (NEL). NEL-treated patients had more neurotoxicity.",
     [("nelarabine", "AGENT"), ("NEL", "AGENT"), ("NEL", "AGENT")]),
    ("Adding ponatinib to HyperCVAD-blinatumomab-pegylated asparaginase was feasible.",
     [("ponatinib", "AGENT"), ("HyperCVAD", "AGENT"), ("blinatumomab", "AGENT"), ("pegylated asparaginase", "AGENT")]),
    ("The mini-Hyper-CVD-inotuzumab regimen stays one name.", [("mini-Hyper-CVD-inotuzumab", "AGENT")]),
    ("Nelarabine (506U78) is a prodrug.", [("Nelarabine", "AGENT"), ("506U78", "AGENT")]),
])
def test_agents(nlp, text, expected):
    assert ents(nlp, text) == expected


@pytest.mark.parametrize("text,expected", [
    # an acronym and its spelled-out title are two names; the drug words inside the title are not agents
    ("The DASAPHIL (Dasatinib With Chemotherapy for Older Adults With Ph Positive Leukemia) trial enrolled adults. "
     "Results of DASAPHIL were good.",
     [("DASAPHIL", "TRIAL"), ("Dasatinib With Chemotherapy for Older Adults With Ph Positive Leukemia", "TRIAL"),
      ("DASAPHIL", "TRIAL")]),
    # a group's written-out name, its acronym, a series name and a number
    ("Adults were enrolled in the Japan Adult Leukemia Study Group (JALSG) Adult Lymphoblastic Protocol (ALP) "
     "2615 study.",
     [("Japan Adult Leukemia Study Group (JALSG) Adult Lymphoblastic Protocol (ALP) 2615", "TRIAL")]),
    ("Nelarabine in T-ALL: Cancer and Leukemia Group B study 10102", [("Nelarabine", "AGENT"),
                                                                    ("Cancer and Leukemia Group B study 10102", "TRIAL")]),
    ("Efficacy was evaluated in FOXTROT (NCT01234567), a randomized trial.", [("FOXTROT", "TRIAL"), ("NCT01234567", "TRIAL")]),
    ("Children were treated on a single-arm trial (ABC123D4567).", [("ABC123D4567", "TRIAL")]),
    ("In the phase 3 ECOG-ACRIN E2914 trial, blinatumomab was added.", [("E2914", "TRIAL"), ("blinatumomab", "AGENT")]),
    ("Study ROC-K was a randomised, open-label study.", [("ROC-K", "TRIAL")]),
    ("The Northern Lights study enrolled 50 adults.", [("Northern Lights", "TRIAL")]),
    ("The intergroup trial XYZ 2201 randomised 300 patients.", [("XYZ 2201", "TRIAL")]),
    # a protocol named as the treatment is the treatment
    ("AYAs were treated with the CALGB 10403 regimen.", [("CALGB 10403", "AGENT")]),
])
def test_trials(nlp, text, expected):
    assert ents(nlp, text) == expected


def test_wrapped_lines_do_not_end_sentences(nlp):
    doc = nlp("At the end of induction, 40 patients (95%) achieved a\ncomplete hematologic remission.\nResults")
    assert [s.text.strip() for s in doc.sents if s.text.strip()] == [
        "At the end of induction, 40 patients (95%) achieved a\ncomplete hematologic remission.", "Results"]
    assert [(e.text, e.label_) for e in doc.ents if e.label_ == "CR"] == [("95%", "CR")]
