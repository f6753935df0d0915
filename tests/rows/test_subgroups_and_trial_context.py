"""Subgroup rows and trial context on paragraphs written for these tests (invented trials and
figures, several prose styles), through the real nlp pipeline:

* subgroup labels are short qualifiers ("MRD-negative", "high-risk", "aged 40 or older"), and
  both members of a pair are labelled, however the pair is written ("in A and B patients",
  "with and without X", "40 months with and 22 months without X", "... respectively");
* a trial (and its agent) named in one sentence stays with the results of later sentences;
* a value pair qualified "with and without <agent>" is that agent's arm and the control arm.
"""



# ---------------------------------------------------------------- short qualifiers

def test_patients_noun_is_not_part_of_the_label(rows_of):
    rows = rows_of("In the HAWK trial of blinatumomab, the 3-year OS was 85% in MRD-negative patients "
                   "and 60% in MRD-positive patients.")
    assert rows == [
        dict(trial="HAWK", agents="blinatumomab", subgroup="MRD-negative", os_pct=85.0, os_years=3.0),
        dict(trial="HAWK", agents="blinatumomab", subgroup="MRD-positive", os_pct=60.0, os_years=3.0)]


def test_disease_status_labels_after_a_sized_cohort(rows_of):
    rows = rows_of("In the EAGLE-2 trial, 120 adults received blinatumomab consolidation. The 2-year "
                   "OS was 82% in newly diagnosed patients and 41% in relapsed/refractory patients.")
    assert rows == [
        dict(trial="EAGLE-2", agents="blinatumomab", subgroup="received blinatumomab consolidation", n=120),
        dict(trial="EAGLE-2", agents="blinatumomab", subgroup="newly diagnosed", os_pct=82.0, os_years=2.0),
        dict(trial="EAGLE-2", agents="blinatumomab", subgroup="relapsed/refractory", os_pct=41.0,
             os_years=2.0)]


def test_age_pair_with_a_bare_age_in_the_second_member(rows_of):
    rows = rows_of("The PIPIT trial evaluated blinatumomab in 86 adults. CR rates were 70% and 55% in "
                   "patients younger than 40 years and in those 40 or older, respectively.")
    assert rows == [
        dict(trial="PIPIT", agents="blinatumomab", n=86),  # the cohort's size (spec §2.1)
        dict(trial="PIPIT", agents="blinatumomab", subgroup="younger than 40 years", cr_pct=70.0),
        dict(trial="PIPIT", agents="blinatumomab", subgroup="aged 40 or older", cr_pct=55.0)]


def test_age_subgroups_then_the_overall_figure(rows_of):
    rows = rows_of(
        "The WREN trial evaluated inotuzumab ozogamicin in 60 older adults (median age, 68 years). "
        "The CR rate was 85%. The 2-year OS was 60% in patients aged 60–69 years and 45% in those "
        "aged 70 years or older. Overall, the 2-year OS was 54%.")
    assert rows == [
        dict(trial="WREN", agents="inotuzumab", n=60, age_median=68.0, cr_pct=85.0),
        dict(trial="WREN", agents="inotuzumab", subgroup="aged 60–69 years", os_pct=60.0, os_years=2.0),
        dict(trial="WREN", agents="inotuzumab", subgroup="aged 70 years or older", os_pct=45.0,
             os_years=2.0),
        dict(trial="WREN", agents="inotuzumab", n=60, age_median=68.0, os_pct=54.0, os_years=2.0)]


def test_subgroup_named_before_the_value_of_a_cohort_in_context(rows_of):
    rows = rows_of("Methods: The KESTREL-3 trial enrolled 54 adults with relapsed B-ALL who received "
                   "blinatumomab. Results: The CR rate was 44%. Among patients in first salvage, the "
                   "CR rate was 60%.")
    assert rows == [dict(trial="KESTREL-3", agents="blinatumomab", n=54, cr_pct=44.0),
                    dict(trial="KESTREL-3", agents="blinatumomab", subgroup="first salvage", cr_pct=60.0)]


# ---------------------------------------------------------------- pairs written once

def test_shared_noun_pair_with_the_trial_after_the_values(rows_of):
    rows = rows_of("The CR rate with inotuzumab ozogamicin was 80% for standard-risk and 62% for "
                   "high-risk patients in the TERN study.")
    assert rows == [dict(trial="TERN", agents="inotuzumab", subgroup="standard-risk", cr_pct=80.0),
                    dict(trial="TERN", agents="inotuzumab", subgroup="high-risk", cr_pct=62.0)]


def test_shared_noun_pair_in_a_later_sentence(rows_of):
    rows = rows_of("The NUTHATCH study tested blinatumomab consolidation in adults in first remission. "
                   "Among 112 patients, the MRD negativity rate was 80%. The 3-year OS was 75% for "
                   "standard-risk and 58% for high-risk patients.")
    assert rows == [
        dict(trial="NUTHATCH", agents="blinatumomab", n=112, mrd_neg_pct=80.0),
        dict(trial="NUTHATCH", agents="blinatumomab", subgroup="standard-risk", os_pct=75.0, os_years=3.0),
        dict(trial="NUTHATCH", agents="blinatumomab", subgroup="high-risk", os_pct=58.0, os_years=3.0)]


def test_respectively_pair_sharing_head_and_disease_noun(rows_of):
    rows = rows_of("In the DUNLIN study, median OS was 18.5 and 6.2 months for patients with "
                   "MRD-negative and MRD-positive disease, respectively, with blinatumomab.")
    assert rows == [
        dict(trial="DUNLIN", agents="blinatumomab", subgroup="MRD-negative", os_median_months=18.5),
        dict(trial="DUNLIN", agents="blinatumomab", subgroup="MRD-positive", os_median_months=6.2)]


def test_respectively_pair_before_the_agents_of_the_cohort(rows_of):
    rows = rows_of("The AUK trial of venetoclax with mini-hyper-CVD enrolled 48 adults. For patients "
                   "with newly diagnosed and relapsed/refractory disease, the CR rates were 98% and "
                   "60%, respectively.")
    assert rows == [
        dict(trial="AUK", agents="mini-hyper-cvd;venetoclax", n=48),  # the cohort's size (spec §2.1)
        dict(trial="AUK", agents="mini-hyper-cvd;venetoclax", subgroup="newly diagnosed", cr_pct=98.0),
        dict(trial="AUK", agents="mini-hyper-cvd;venetoclax", subgroup="relapsed/refractory", cr_pct=60.0)]


# ---------------------------------------------------------------- with and without X

def test_median_os_versus_in_patients_with_and_without(rows_of):
    rows = rows_of("In the KITE trial of dasatinib, median OS was 40.1 vs 22.3 months in patients with "
                   "and without MRD negativity.")
    assert rows == [
        dict(trial="KITE", agents="dasatinib", subgroup="with MRD negativity", os_median_months=40.1),
        dict(trial="KITE", agents="dasatinib", subgroup="without MRD negativity", os_median_months=22.3)]


def test_with_and_without_respectively_after_agents_in_the_lead(rows_of):
    rows = rows_of("Among patients treated with venetoclax and navitoclax in the CRANE study, CR rates "
                   "were 60% and 35% in patients with and without prior transplant, respectively.")
    assert rows == [
        dict(trial="CRANE", agents="navitoclax;venetoclax", subgroup="with prior transplant", cr_pct=60.0),
        dict(trial="CRANE", agents="navitoclax;venetoclax", subgroup="without prior transplant",
             cr_pct=35.0)]


def test_elliptical_with_and_without(rows_of):
    rows = rows_of("The 5-year OS was 65% with and 38% without MRD negativity in the LARK trial of "
                   "hyper-CVAD.")
    assert rows == [
        dict(trial="LARK", agents="hyper-cvad", subgroup="with MRD negativity", os_pct=65.0, os_years=5.0),
        dict(trial="LARK", agents="hyper-cvad", subgroup="without MRD negativity", os_pct=38.0,
             os_years=5.0)]


def test_whole_cohort_value_then_a_with_and_without_pair(rows_of):
    rows = rows_of("The TEAL trial of dasatinib enrolled 60 adults. Results: The CR rate was 92%, and "
                   "median OS was 30.2 months with and 18.4 months without transplant.")
    assert rows == [
        dict(trial="TEAL", agents="dasatinib", n=60, cr_pct=92.0),
        dict(trial="TEAL", agents="dasatinib", subgroup="with transplant", os_median_months=30.2),
        dict(trial="TEAL", agents="dasatinib", subgroup="without transplant", os_median_months=18.4)]


def test_those_without_takes_the_first_groups_qualifier(rows_of):
    rows = rows_of("The GULL trial evaluated blinatumomab in 45 older adults. The median OS was 14.1 "
                   "months in patients with MRD negativity and 5.5 months in those without.")
    assert rows == [
        dict(trial="GULL", agents="blinatumomab", subgroup="older adults", n=45),
        dict(trial="GULL", agents="blinatumomab", subgroup="with MRD negativity", os_median_months=14.1),
        dict(trial="GULL", agents="blinatumomab", subgroup="without MRD negativity", os_median_months=5.5)]


def test_with_and_without_an_agent_is_its_arm_and_the_control_arm(rows_of):
    rows = rows_of("In the MARLIN trial of hyper-CVAD, CR rates were 71% and 64% with and without "
                   "rituximab, respectively.")
    assert rows == [dict(trial="MARLIN", agents="hyper-cvad;rituximab", cr_pct=71.0),
                    dict(trial="MARLIN", subgroup="chemotherapy arm", cr_pct=64.0)]


# ---------------------------------------------------------------- trial context over sentences

def test_median_os_pair_three_sentences_after_the_trial(rows_of):
    rows = rows_of("The ROBIN-3 trial enrolled 90 adults with Ph-negative ALL. All patients received "
                   "hyper-CVAD with ofatumumab. The CR rate was 98%. Median OS was 40.1 vs 22.3 months "
                   "in patients with and without MRD negativity.")
    assert rows == [
        dict(trial="ROBIN-3", agents="hyper-cvad;ofatumumab", n=90, cr_pct=98.0),
        dict(trial="ROBIN-3", agents="hyper-cvad;ofatumumab", subgroup="with MRD negativity",
             os_median_months=40.1),
        dict(trial="ROBIN-3", agents="hyper-cvad;ofatumumab", subgroup="without MRD negativity",
             os_median_months=22.3)]


def test_prior_therapy_sentence_does_not_break_the_context(rows_of):
    rows = rows_of("The PUFFIN trial evaluated blinatumomab in 80 adults. Of the 80 patients, 30 had "
                   "received prior inotuzumab ozogamicin. The CR rate was 70%, and the median OS was "
                   "11.2 months.")
    assert rows == [dict(trial="PUFFIN", agents="blinatumomab", n=80, cr_pct=70.0, os_median_months=11.2)]


def test_the_combination_with_an_agent_joins_the_regimen_in_context(rows_of):
    rows = rows_of("The EIDER trial evaluated ponatinib in 80 adults with Ph-positive ALL. The "
                   "combination with hyper-CVAD produced a CR rate of 100%. The 3-year OS was 83%.")
    assert rows == [dict(trial="EIDER", agents="hyper-cvad;ponatinib", n=80, cr_pct=100.0, os_pct=83.0,
                         os_years=3.0)]


def test_historical_control_figure_gives_no_row_and_keeps_the_size(rows_of):
    rows = rows_of("The SCOTER trial evaluated inotuzumab ozogamicin in 60 adults [21]. The CR rate "
                   "was 75% [21], compared with 30% with standard chemotherapy in historical "
                   "controls [22].")
    assert rows == [dict(trial="SCOTER", agents="inotuzumab", n=60, cr_pct=75.0)]


def test_size_in_its_own_sentence_between_trial_and_results(rows_of):
    rows = rows_of("The ROOK-1 trial was a phase 2 study of inotuzumab ozogamicin in relapsed ALL. "
                   "Sixty patients were enrolled. The CR rate was 58%, and the median OS was 7.4 months.")
    assert rows == [dict(trial="ROOK-1", agents="inotuzumab", n=60, cr_pct=58.0, os_median_months=7.4)]


# ---------------------------------------------------------------- pairs across clauses

def test_whereas_pair_both_groups_keep_the_agent(rows_of):
    rows = rows_of("In the SANDPIPER trial, the CR rate with blinatumomab was 84% among patients with "
                   "standard-risk disease, whereas it was 66% among those with high-risk disease.")
    assert rows == [dict(trial="SANDPIPER", agents="blinatumomab", subgroup="standard-risk", cr_pct=84.0),
                    dict(trial="SANDPIPER", agents="blinatumomab", subgroup="high-risk", cr_pct=66.0)]


def test_versus_pair_without_a_trial_keeps_both_groups(rows_of):
    rows = rows_of("With ponatinib and blinatumomab, 2-year OS was 90% for MRD-negative patients versus "
                   "62% for MRD-positive patients.")
    assert rows == [
        dict(agents="blinatumomab;ponatinib", subgroup="MRD-negative", os_pct=90.0, os_years=2.0),
        dict(agents="blinatumomab;ponatinib", subgroup="MRD-positive", os_pct=62.0, os_years=2.0)]


def test_second_subgroup_opens_its_own_clause(rows_of):
    rows = rows_of("The CR rate in the PHOEBE trial of dasatinib was 92% in patients younger than 60 "
                   "years; in those aged 60 years or older, it was 81%.")
    assert rows == [
        dict(trial="PHOEBE", agents="dasatinib", subgroup="younger than 60 years", cr_pct=92.0),
        dict(trial="PHOEBE", agents="dasatinib", subgroup="aged 60 years or older", cr_pct=81.0)]


def test_arms_within_the_subgroup_a_sentence_opens_with(rows_of):
    rows = rows_of(
        "In the PHALAROPE-2 trial, ponatinib was compared with imatinib in 232 adults with "
        "Ph-positive ALL. MRD negativity was 34% with ponatinib and 17% with imatinib. In patients "
        "aged 60 years or older, MRD negativity was 30% with ponatinib and 12% with imatinib.")
    assert rows == [
        dict(trial="PHALAROPE-2", agents="ponatinib", subgroup="with Ph-positive ALL", n=232),
        dict(trial="PHALAROPE-2", agents="ponatinib", mrd_neg_pct=34.0),
        dict(trial="PHALAROPE-2", agents="imatinib", mrd_neg_pct=17.0),
        dict(trial="PHALAROPE-2", agents="ponatinib", subgroup="aged 60 years or older", mrd_neg_pct=30.0),
        dict(trial="PHALAROPE-2", agents="imatinib", subgroup="aged 60 years or older", mrd_neg_pct=12.0)]


def test_later_report_cited_apart_keeps_the_trial(rows_of):
    rows = rows_of(
        "The GREBE-2 trial [31] evaluated blinatumomab in 64 adults with MRD-positive ALL. After one "
        "cycle, 78% of patients achieved MRD negativity [31]. The 3-year OS was 70% in MRD responders "
        "and 35% in non-responders [32].")
    assert rows == [
        dict(trial="GREBE-2", agents="blinatumomab", n=64, mrd_neg_pct=78.0),
        dict(trial="GREBE-2", agents="blinatumomab", subgroup="MRD responders", os_pct=70.0, os_years=3.0),
        dict(trial="GREBE-2", agents="blinatumomab", subgroup="non-responders", os_pct=35.0, os_years=3.0)]


def test_a_dosing_schedule_after_a_value_is_its_subgroup(rows_of):
    rows = rows_of("Sixty adults were treated with inotuzumab. Median OS reached 8.1 months; it was 6.4 months "
                   "on the monthly dosing and 9.9 months on the fractionated schedule.")
    assert [(r.get("subgroup", ""), r["os_median_months"]) for r in rows if "os_median_months" in r] == [
        ("", 8.1), ("on the monthly dosing", 6.4), ("on the fractionated schedule", 9.9)]


def test_a_second_horizon_completing_the_cohorts_row_gets_a_row_of_its_own(rows_of):
    rows = rows_of("Of 100 adults treated with inotuzumab, 40% reached CR. Overall survival was 30% at 1 year "
                   "(14% at 5 years).")
    assert [(r.get("n"), r.get("cr_pct"), r.get("os_pct"), r.get("os_years")) for r in rows] == [
        (100, 40.0, 30.0, 1.0), (None, None, 14.0, 5.0)]


def test_a_composite_remission_rate_beside_the_plain_cr_gets_a_row_of_its_own(rows_of):
    rows = rows_of("Inotuzumab was given to 70 adults. The CR/CRi rate was 81% (CR rate 64%).")
    assert [(r.get("subgroup", ""), r.get("n"), r["cr_pct"]) for r in rows] == [("", 70, 64.0), ("CR/CRi", 70, 81.0)]


def test_a_composite_remission_rate_alone_is_the_cohorts_cr(rows_of):
    rows = rows_of("Inotuzumab was given to 70 adults. The CR/CRi rate was 81%.")
    assert [(r.get("subgroup", ""), r.get("n"), r["cr_pct"]) for r in rows] == [("", 70, 81.0)]


def test_values_before_and_after_a_time_point_are_rows_of_their_own(rows_of):
    rows = rows_of("Inotuzumab was given to 70 adults. MRD negativity rose from 61% to 84% after the second "
                   "cycle. The 2-year OS was 55%.")
    assert [(r.get("subgroup", ""), r.get("mrd_neg_pct"), r.get("os_pct")) for r in rows] == [
        ("before the second cycle", 61.0, None), ("after the second cycle", 84.0, None), ("", None, 55.0)]


def test_a_change_between_eras_gives_no_row(rows_of):
    rows = rows_of("With inotuzumab-based salvage, the CR rate improved from 30% in the 1990s to 60% in recent series.")
    assert rows == []
