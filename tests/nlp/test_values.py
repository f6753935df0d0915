"""Numeric entities on sentences whose answers are known, in several writing styles."""

import pytest

from extract.types import Value



def labelled(nlp, text, labels=("N", "AGE", "CR", "MRD", "OS")):
    return [(e.text, e.label_) for e in nlp(text).ents if e.label_ in labels]


@pytest.mark.parametrize("text,expected", [
    # review prose (corpus style)
    ("The combination investigated in 86 patients (median age, 46 years) produced a CMR rate of 74%.",
     [("86", "N"), ("46 years", "AGE")]),
    ("The CR rate was 100% and the MRD negativity rate was 97%. The 3-year OS rate was 81%.",
     [("100%", "CR"), ("97%", "MRD"), ("81%", "OS")]),
    ("At a median follow-up of 40 months, the estimated 4-year OS and DFS rates were 78% and 75%, respectively.",
     [("78%", "OS")]),
    ("Among 113 evaluable patients, 88 (78%) converted to an MRD-negative status.", [("113", "N"), ("78%", "MRD")]),
    ("After two patients had fatal toxicities, the protocol was amended. Nine patients relapsed.", []),
    ("The 5-year OS rate was 47%, 57% in patients aged 60–69 years, and 28% in patients 70 years and older.",
     [("47%", "OS"), ("57%", "OS"), ("28%", "OS")]),
    ("The median OS was 17 months, with OS of 7 months versus 4.4 months in the control arm.",
     [("17 months", "OS"), ("7 months", "OS"), ("4.4 months", "OS")]),
    ("A study of 641 patients (median age, 47 years; range, 18 to 88 years) reported a CR rate of > 90%.",
     [("641", "N"), ("47 years", "AGE"), ("18 to 88 years", "AGE"), ("> 90%", "CR")]),
    ("superior OS at 43 months (85% vs. 68%) and with only 10% of patients relapsing",
     [("85%", "OS"), ("68%", "OS")]),
    # drug-label prose
    ("Complete remission (CR) was achieved in 42 of 76 patients (55.3%).", [("76", "N"), ("55.3%", "CR")]),
    ("Of the 109 patients randomized to inotuzumab ozogamicin, 88 (80.7%) achieved CR/CRi. "
     "Median age was 47 years (range: 18 to 78 years).",
     [("109", "N"), ("80.7%", "CR"), ("47 years", "AGE"), ("18 to 78 years", "AGE")]),
    # structured abstract
    ("Results: A total of 326 patients were randomized (n = 164; n = 162). The CR/CRi rate was 80.7% "
     "(95% CI, 72.1-87.7) versus 29.4%. MRD negativity (<0.01%) among patients in CR/CRi was 78.4% vs 28.1%.",
     [("326", "N"), ("164", "N"), ("162", "N"), ("80.7%", "CR"), ("29.4%", "CR"), ("78.4%", "MRD"), ("28.1%", "MRD")]),
    ("Patients (N=76) had a median age of 38 years. Overall survival at 3 years was 45%. "
     "Seventy-two percent of patients achieved CR.",
     [("76", "N"), ("38 years", "AGE"), ("45%", "OS"), ("Seventy-two percent", "CR")]),
    ("ORR was 62% (CR 38%, PR 24%). Median OS: 17.5 months. The 5-year EFS was 58% and OS 65%.",
     [("38%", "CR"), ("17.5 months", "OS"), ("65%", "OS")]),
    # trial reports / abstracts written elsewhere
    ("In the phase 2 ALCANTARA study, 45 adults with Ph+ ALL received blinatumomab; 36% achieved CR/CRh during "
     "the first two cycles, and 88% of responders achieved complete MRD response.",
     [("45", "N"), ("36%", "CR"), ("88%", "MRD")]),
    ("MRD-negative CR rates at end of induction were 34.4% vs 16.7%.", [("34.4%", "MRD"), ("16.7%", "MRD")]),
    ("With a median follow-up of 3.2 years, the 3-year EFS, DFS, and OS rates were 55%, 60%, and 70%, respectively.",
     [("70%", "OS")]),
    ("At 2 years, OS was 60% (95% CI, 48%–70%). The median survival was 9.4 months (range, 1-60 months).",
     [("60%", "OS"), ("9.4 months", "OS")]),
    ("CR/CRi was achieved by 38 of 45 (84%) patients. Thirty-one patients (48%) achieved CR.",
     [("45", "N"), ("84%", "CR"), ("48%", "CR")]),
    ("A total of 45 patients were enrolled; median age was 68 years (range, 60–81). "
     "SOS occurred in 2 patients and the deaths of 3 patients were due to sepsis.",
     [("45", "N"), ("68 years", "AGE"), ("60–81", "AGE")]),
    ("Sixty-five percent of patients were alive at 5 years; grade ≥3 CRS occurred in 14% of patients.",
     [("Sixty-five percent", "OS")]),
    # not ours: thresholds, MRD-positive, CNS remission, age bounds
    ("MRD levels below 0.01% were targeted; 38% of patients with MFC-negative MRD were positive by NGS.", []),
    ("Patients ≥ 60 years and those aged 18–59 years had a remission rate of 85% in the CNS.", []),
    ("Historically, survival was less than 1 year and the 3-year survival rate was < 5–10%.",
     [("less than 1 year", "OS"), ("< 5–10%", "OS")]),
])
def test_sentences(nlp, text, expected):
    assert labelled(nlp, text) == expected


def test_values_are_normalised(nlp):
    doc = nlp("The 3-year OS rate was 81% and the median OS was 17 months; CR rate of > 90% (median age, 46 years).")
    values = {e.text: e._.value for e in doc.ents}
    assert values["81%"] == Value(number=81.0, unit="%", kind="rate", years=3.0)
    assert values["17 months"] == Value(number=17.0, unit="months", kind="median")
    assert values["> 90%"] == Value(number=90.0, unit="%", sign=">")
    assert values["46 years"] == Value(number=46.0, unit="years", kind="median")
    # entity records write each value's keys in the order its producer always has
    assert list(values["81%"].to_dict()) == ["number", "unit", "kind", "years"]
    assert list(values["17 months"].to_dict()) == ["unit", "kind", "number"]
    assert list(values["46 years"].to_dict()) == ["number", "unit", "kind"]


def test_trials_and_agents_in_abstract(nlp):
    doc = nlp("In the KESTREL-2 trial (NCT04418253), 48 patients received tisagenlecleucel (Kymriah); "
              "64% reached CR or CR with incomplete blood count recovery, and median OS was 15.7 months.")
    assert [(e.text, e.label_) for e in doc.ents] == [
        ("KESTREL-2", "TRIAL"), ("NCT04418253", "TRIAL"), ("48", "N"), ("tisagenlecleucel", "AGENT"),
        ("Kymriah", "AGENT"), ("64%", "CR"), ("15.7 months", "OS")]
