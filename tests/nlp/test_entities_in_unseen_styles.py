"""Entity tagging on sentences written for these tests, in shapes the corpus papers do not use.

Each case is a general rule (a trial name as a sentence's subject, a count of children, a
truncated coordination of survival measures ...), checked with a positive and a negative
sentence. None of the sentences is taken from the corpus or from the held-out set.
"""

import pytest

from extract.knowledge import find_agents, find_trials



def ents(nlp, text, labels=("TRIAL", "AGENT", "N", "AGE", "CR", "MRD", "OS")):
    return [(e.text, e.label_) for e in nlp(text).ents if e.label_ in labels]


def trials(text):
    return [text[s:e] for s, e in find_trials(text)]


# ------------------------------------------------------------------ TRIAL

@pytest.mark.parametrize("text,expected", [
    # a trial-shaped name opening a sentence, no "trial/study" word after it
    ("NORDALL9 randomized 705 adolescents to two maintenance schedules.", ["NORDALL9"]),
    ("Results were mixed. PhTKIcomp enrolled adults with Ph-positive disease.", ["PhTKIcomp"]),
    ("AALL1822 (NCT05000000) accrued infants and toddlers.", ["AALL1822", "NCT05000000"]),
    ("HOVON-146 showed a benefit of the added antibody.", ["HOVON-146"]),
    ("EURO-LB3 included 212 participants.", ["EURO-LB3"]),
    ("The ALL-HEP compared two schedules.", ["ALL-HEP"]),
    ("In UKALL2019, dasatinib replaced imatinib.", ["UKALL2019"]),
    ("S1007 also reported lower toxicity.", ["S1007"]),
    # a qualifier after a trial id is not part of it; a re-randomisation suffix is
    ("The GRAALL-2023 T-ALL cohort enrolled 90 patients.", ["GRAALL-2023"]),
    ("The PETHEMA LAL-2019 B-ALL arm was closed.", ["PETHEMA LAL-2019"]),
    ("Patients of GRAALL-2020/R were analysed.", ["GRAALL-2020/R"]),
    # an agent code name glued to a study id is the trial
    ("AMG103-311 enrolled 40 patients.", ["AMG103-311"]),
    # an all-capitals name as the subject of a study-only verb
    ("Accrual was fast. HARBOUR randomized 330 adults.", ["HARBOUR"]),
])
def test_trial_shapes(text, expected):
    assert trials(text) == expected


@pytest.mark.parametrize("text", [
    "IKZF1 deletions were frequent. KMT2A rearranged leukemia was rare.",
    "BCR::ABL1 transcripts fell. CD19 showed dim expression in 3 patients.",
    "In 2021, accrual slowed. Table 4 lists the doses. Fig. 2 shows survival.",
    "The phase 2 cohort enrolled 30 patients. COVID-19 delayed 12 infusions.",
    "T-ALL showed a worse outcome. B-ALL patients were older.",
    "In T-ALL, nelarabine is standard. In KMT2A-rearranged ALL, venetoclax is studied.",
    "TP53 showed mutations in 20% of cases. CAR-T showed durable responses.",
    "NOTCH1 showed activation. CD22-CAR constructs were tested.",
    "BCL2 showed high expression. ZNF384 showed fusions. CDKN2A showed losses.",
    "TCF3-PBX1 showed a good prognosis. KMT2A-AFF1 included infants.",
    "CD19-CAR showed expansion. HLA-A2 showed nothing. Fig. 3B showed the curves.",
    "MDACC enrolled 20 adults. CIBMTR reported 300 transplants. HARBOUR showed benefit.",  # institutions; weak verb
])
def test_not_trials(text):
    assert trials(text) == []


def test_subject_trial_through_the_pipeline_propagates(nlp):
    got = ents(nlp, "CASPIAN7 enrolled 1,215 children. Outcomes in CASPIAN7 were good.", ("TRIAL", "N"))
    assert got == [("CASPIAN7", "TRIAL"), ("1,215", "N"), ("CASPIAN7", "TRIAL")]


def test_trial_code_name_wins_over_agent_code(nlp):
    doc = "MT103-311 enrolled 64 patients; MT103 was infused continuously."
    assert ents(nlp, doc, ("TRIAL", "AGENT")) == [("MT103-311", "TRIAL"), ("MT103", "AGENT")]
    # a regimen word made only of agents stays one AGENT
    assert ents(nlp, "Hyper-CVAD-blinatumomab was given.", ("TRIAL", "AGENT")) == [("Hyper-CVAD-blinatumomab", "AGENT")]


# ------------------------------------------------------------------ AGENT

@pytest.mark.parametrize("text,expected", [
    ("IO-induced liver injury and InO-containing regimens were compared.", [("IO", "AGENT"), ("InO", "AGENT")]),
    ("Blina-based consolidation was feasible.", []),  # abbreviations match exactly (lower case 'blina')
    ("blina-based consolidation was feasible.", [("blina", "AGENT")]),
    ("The INO-VATE design and the EWALL-INO cohort were described.", []),
])
def test_abbreviation_with_adjectival_suffix(nlp, text, expected):
    assert ents(nlp, text, ("AGENT",)) == expected


def test_find_agents_abbreviation_suffix():
    text = "InO-related hepatotoxicity; INO-VATE; IO-Q"
    assert [text[s:e] for s, e, _ in find_agents(text)] == ["InO"]


# ------------------------------------------------------------------ N

@pytest.mark.parametrize("text,expected", [
    ("The consortium enrolled 2,431 children between 2012 and 2019.", ["2,431"]),
    ("Among 1,006 adolescents and young adults, outcomes improved.", ["1,006"]),
    ("Thirty-eight adults with relapsed disease were enrolled.", ["Thirty-eight"]),
    ("Fifty-one adults with newly diagnosed ALL were randomly assigned to two arms.", ["Fifty-one"]),
    ("The combination was given to 29 adults with refractory disease.", ["29"]),
    ("We treated 41 younger adults and 17 older adults with ponatinib.", ["41", "17"]),
    ("Between 2015 and 2020, 1,120 children were registered.", ["1,120"]),
])
def test_counts_of_cohorts(nlp, text, expected):
    assert [t for t, _ in ents(nlp, text, ("N",))] == expected


@pytest.mark.parametrize("text", [
    "Seven adults relapsed and three children died.",
    "The trial enrolled 120 patients and 14 patients relapsed.",  # only the first is N
    "Eleven children with relapsed disease died of infection.",
    "In 2017, 9 adults developed sinusoidal obstruction syndrome.",
    "Doses of 1,500 mg were used [1,234].",
    "Twenty children achieved CR.",
])
def test_event_counts_are_not_cohorts(nlp, text):
    got = [t for t, _ in ents(nlp, text, ("N",))]
    assert got in ([], ["120"])


# ------------------------------------------------------------------ "respectively" lists

@pytest.mark.parametrize("text,expected", [
    ("The 4-year EFS and OS were 57% and 66%, respectively.", [("66%", "OS")]),
    ("The 4-year OS and EFS were 66% and 57%, respectively.", [("66%", "OS")]),
    ("The 2-year event-free and overall survival were 49% and 62%, respectively.", [("62%", "OS")]),
    ("Relapse-free and overall survival rates at 5 years were 44% and 58%, respectively.", [("58%", "OS")]),
    ("The 3-year DFS and the 3-year OS were 47% and 59%, respectively.", [("59%", "OS")]),
    ("The 3-year RFS and OS among MRD-negative patients were 71% and 83%, respectively.", [("83%", "OS")]),
    ("Median OS and 2-year OS were 13 months and 31%, respectively.", [("13 months", "OS"), ("31%", "OS")]),
])
def test_respectively_follows_measure_order(nlp, text, expected):
    assert ents(nlp, text, ("CR", "MRD", "OS")) == expected
