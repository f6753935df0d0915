"""Values written as lists: several OS horizons for several rates, a unit shared by a pair
of medians, cohort sizes introduced by a treatment verb, subgroup sizes by age. Sentences
written for these tests (not taken from the corpus), positive and negative cases."""

import pytest
from hypothesis import given, strategies as st

from extract.nlp.values import horizon_lists, shared_unit_values



def os_rates(nlp, text):
    return [(e.text, e._.value.years) for e in nlp(text).ents
            if e.label_ == "OS" and e._.value.kind == "rate"]


def os_medians(nlp, text):
    return [(e.text, e._.value.number) for e in nlp(text).ents
            if e.label_ == "OS" and e._.value.kind == "median"]


def counts(nlp, text):
    return [e.text for e in nlp(text).ents if e.label_ == "N"]


# ---------------------------------------------------------------- horizon lists (pure)

@pytest.mark.parametrize("text,years", [
    ("the 1-, 2-, and 4-year estimates", [1.0, 2.0, 4.0]),
    ("one- and three-year survival", [1.0, 3.0]),
    ("the 18-month and 3-year rates", [1.5, 3.0]),
    ("at 6, 12 and 18 months", [0.5, 1.0, 1.5]),
    ("at 6 months and at 2 years", [0.5, 2.0]),
    ("after 1 year and 4 years", [1.0, 4.0]),
    # ages, ranges and counts of cycles are not horizon lists
    ("patients aged 20, 40 and 60 years", []),
    ("adults aged 18-29 and 30-49 years", []),
    ("after 2 and 4 cycles", []),
    ("between 1 and 3 years", []),
    ("at 20 and 40 years of age", []),
    ("the 4-year OS and 2-year EFS", []),
])
def test_horizon_lists(text, years):
    assert [y for _, _, ys in horizon_lists(text) for y in ys] == years


@given(st.lists(st.integers(min_value=1, max_value=9), min_size=2, max_size=5, unique=True))
def test_horizon_lists_suspended_hyphens(ns):
    """'a-, b- and c-year' gives a, b, c in order, whatever the numbers."""
    text = "the " + ", ".join(f"{n}-" for n in ns[:-1]) + f" and {ns[-1]}-year OS"
    assert [ys for _, _, ys in horizon_lists(text)] == [[float(n) for n in ns]]


@given(st.lists(st.sampled_from([6, 12, 18, 24, 30, 36, 48, 60]), min_size=2, max_size=4, unique=True))
def test_horizon_lists_months_after_at(ns):
    """'at a, b and c months': the unit is written once, with the last item."""
    text = "OS at " + ", ".join(str(n) for n in ns[:-1]) + f" and {ns[-1]} months was"
    assert [ys for _, _, ys in horizon_lists(text)] == [[n / 12 for n in ns]]


# ---------------------------------------------------------------- horizons paired with rates

@pytest.mark.parametrize("text,expected", [
    ("Estimated 1-, 2- and 4-year overall survival rates were 90%, 81% and 62%.",
     [("90%", 1.0), ("81%", 2.0), ("62%", 4.0)]),
    ("The one-year and three-year OS were 77% and 49%, respectively.",
     [("77%", 1.0), ("49%", 3.0)]),
    ("Overall survival at 6 and 18 months was 92% and 74%.",
     [("92%", 0.5), ("74%", 1.5)]),
    ("OS probabilities at 2, 4 and 6 years reached 68%, 57% and 50%.",
     [("68%", 2.0), ("57%", 4.0), ("50%", 6.0)]),
    ("Overall survival was 84% and 59% at 1 and 5 years, respectively.",
     [("84%", 1.0), ("59%", 5.0)]),
    # two arms with the same horizons: paired in turn
    ("The 1- and 3-year OS rates were 88% and 70% with ponatinib versus 79% and 52% with imatinib.",
     [("88%", 1.0), ("70%", 3.0), ("79%", 1.0), ("52%", 3.0)]),
    # one horizon for a list of measures: only the OS member, with that horizon
    ("The 3-year EFS and OS were 52% and 63%.", [("63%", 3.0)]),
    # a single horizon still applies to every value
    ("The 2-year OS was 71% in younger and 44% in older patients.", [("71%", 2.0), ("44%", 2.0)]),
])
def test_listed_horizons_pair_in_order(nlp, text, expected):
    assert os_rates(nlp, text) == expected


@pytest.mark.parametrize("text", [
    "At 12 months, 35% of patients had relapsed.",
    "The 1- and 2-year cumulative incidences of relapse were 18% and 27%.",
    "At 6 and 12 months, 70% and 64% remained in remission.",
])
def test_no_os_without_survival(nlp, text):
    assert os_rates(nlp, text) == []


def test_list_count_mismatch_is_not_paired(nlp):
    """Two horizons and one rate: no pairing is invented, and no horizon is guessed."""
    assert os_rates(nlp, "OS at 1 and 2 years was 85% for the whole cohort.") == [("85%", None)]


# ---------------------------------------------------------------- a unit shared by a pair

@pytest.mark.parametrize("text,expected", [
    ("Median OS was 11.2 versus 5.9 months.", [("11.2", 11.2), ("5.9 months", 5.9)]),
    ("The median overall survival was 14 and 9 months in the two arms.", [("14", 14.0), ("9 months", 9.0)]),
    ("Median OS was 13.1, 8.4 and 3.9 months for the three risk groups.",
     [("13.1", 13.1), ("8.4", 8.4), ("3.9 months", 3.9)]),
    ("Median OS was 1.5 vs 2 years.", [("1.5", 18.0), ("2 years", 24.0)]),
    # each value with its unit: unchanged
    ("Median OS was 10 months vs 6 months.", [("10 months", 10.0), ("6 months", 6.0)]),
])
def test_shared_unit_medians(nlp, text, expected):
    assert os_medians(nlp, text) == expected


@pytest.mark.parametrize("text", [
    "A landmark analysis at 6 and 12 months favoured the combination for median OS.",
    "The median follow-up was 20 and 31 months in the two cohorts.",
    "Patients aged 40 and 60 years had a median EFS of 9 months.",
])
def test_shared_unit_not_os(nlp, text):
    assert os_medians(nlp, text) == []


def test_shared_unit_values_pure():
    text = "median OS of 9.1, 7.7 and 4.0 months"
    spans = shared_unit_values(text, text.index("4.0"))
    assert [text[a:b] for a, b in spans] == ["9.1", "7.7"]
    text = "5-year OS of 40% and 12 months"
    assert shared_unit_values(text, text.index("12")) == []


# ---------------------------------------------------------------- cohort sizes

@pytest.mark.parametrize("text,expected", [
    ("Fifty-two adults received pediatric-inspired chemotherapy with inotuzumab.", ["Fifty-two"]),
    ("In this study, 44 patients received attenuated hyper-CVAD plus ponatinib.", ["44"]),
    ("A further 31 participants were given a dasatinib-based regimen.", ["31"]),
    # prior therapy or a procedure is not a cohort-making treatment
    ("Seventeen patients had received prior blinatumomab.", []),
    ("Of note, 14 patients received allogeneic SCT in first remission.", []),
])
def test_cohort_by_treatment(nlp, text, expected):
    assert counts(nlp, text) == expected


@pytest.mark.parametrize("text,expected", [
    ("In all, 48 patients were older than 55 years and 27 were younger than 55 years.", ["48", "27"]),
    ("Of the 75 adults treated, 41 were aged 18 to 39 years and 34 were 40 years or older.", ["75", "41", "34"]),
    ("Thirty patients were 65 years or older.", ["Thirty"]),
    # not an age subgroup
    ("Eleven patients were older than expected at relapse.", []),
    ("Twelve patients died within 2 years.", []),
])
def test_subgroup_by_age(nlp, text, expected):
    assert counts(nlp, text) == expected
