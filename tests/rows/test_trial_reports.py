"""Row linking on trial-report prose written for these tests (conference-abstract
"Methods/Results", randomised trial reports, drug-label "Clinical Studies", real-world
cohorts; invented trials and figures), through the real nlp pipeline: registry ids beside
trial names, randomised designs, subgroup pairs, named regimens with an added drug and
historical comparators."""



# ---------------------------------------------------------------- A: acronym plus registry id

def test_registry_id_in_brackets_is_not_a_second_trial(rows_of):
    rows = rows_of("Methods: The KESTREL trial (NCT04123456) enrolled 62 adults with relapsed B-ALL who "
                   "received blinatumomab. Results: The CR rate was 68% and the median OS was 11.2 months.")
    assert rows == [dict(trial="KESTREL", agents="blinatumomab", n=62, cr_pct=68.0, os_median_months=11.2)]


def test_registry_id_after_study_words_with_age(rows_of):
    rows = rows_of(
        "We conducted the single-arm phase II HARRIER study (NCT05234567) of ponatinib plus "
        "blinatumomab in 45 patients with Ph-positive ALL (median age, 58 years). The CR rate was 93% "
        "and 80% achieved MRD negativity.")
    assert rows == [dict(trial="HARRIER", agents="blinatumomab;ponatinib", n=45, age_median=58.0,
                         cr_pct=93.0, mrd_neg_pct=80.0)]


def test_registry_id_alone_is_the_trial(rows_of):
    rows = rows_of("A phase II trial (NCT03987654) evaluated inotuzumab ozogamicin in 48 older adults. "
                   "CR was achieved in 75% of patients.")
    assert rows == [dict(trial="NCT03987654", agents="inotuzumab", n=48, cr_pct=75.0)]


def test_registry_id_in_a_methods_sentence_then_size_and_results(rows_of):
    rows = rows_of(
        "Methods: Adults with Ph-positive ALL received dasatinib plus blinatumomab in the GALAH trial "
        "(NCT02744768). Results: Sixty-three patients were enrolled (median age, 54 years). The MRD "
        "negativity rate was 60% and the 3-year OS was 80%.")
    assert rows == [dict(trial="GALAH", agents="blinatumomab;dasatinib", n=63, age_median=54.0,
                         mrd_neg_pct=60.0, os_pct=80.0, os_years=3.0)]


# ---------------------------------------------------------------- B: randomised two-arm reports

def test_arm_sizes_not_the_randomised_total(rows_of):
    rows = rows_of(
        "In the randomized phase III MERLIN trial, 405 adults were randomized to blinatumomab (n = 203) "
        "or standard chemotherapy (n = 202). The median OS was 7.7 months with blinatumomab and 4.0 "
        "months with chemotherapy.")
    assert rows == [dict(trial="MERLIN", n=405),  # the randomised total: a row of its own, no arm's
                    dict(trial="MERLIN", agents="blinatumomab", n=203, os_median_months=7.7),
                    dict(trial="MERLIN", subgroup="chemotherapy arm", n=202, os_median_months=4.0)]


def test_versus_values_take_the_design_arms_in_order(rows_of):
    rows = rows_of("Patients were randomized to ponatinib or imatinib in the PHALAROPE trial (n = 232). "
                   "The CR rate was 86% vs 71%.")
    assert rows == [dict(trial="PHALAROPE", n=232),  # the randomised total (spec §2.1)
                    dict(trial="PHALAROPE", agents="ponatinib", cr_pct=86.0),
                    dict(trial="PHALAROPE", agents="imatinib", cr_pct=71.0)]


def test_control_arm_of_the_design_gets_no_experimental_drug(rows_of):
    rows = rows_of(
        "In the randomized phase III GANNET trial, 300 patients were assigned to inotuzumab ozogamicin "
        "or standard intensive chemotherapy. The CR rate was 81% vs 33%.")
    assert rows == [dict(trial="GANNET", n=300),  # the randomised total (spec §2.1)
                    dict(trial="GANNET", agents="inotuzumab", cr_pct=81.0),
                    dict(trial="GANNET", subgroup="chemotherapy arm", cr_pct=33.0)]


def test_respectively_two_sentences_after_the_design_and_age_of_both_arms(rows_of):
    rows = rows_of(
        "In the DUNLIN trial, 240 patients were randomized 1:1 to blinatumomab or chemotherapy. Median "
        "age was 37 years. CR rates were 44% and 25%, respectively.")
    assert rows == [dict(trial="DUNLIN", n=240),  # the randomised total (spec §2.1)
                    dict(trial="DUNLIN", agents="blinatumomab", age_median=37.0, cr_pct=44.0),
                    dict(trial="DUNLIN", subgroup="chemotherapy arm", age_median=37.0, cr_pct=25.0)]


def test_regimen_alone_arm_and_age_in_both_arms(rows_of):
    rows = rows_of(
        "Patients in the AUK-12 trial were randomized to hyper-CVAD plus rituximab or hyper-CVAD alone. "
        "The median age was 41 years in both arms. The 3-year OS was 72% versus 58%, respectively.")
    assert rows == [
        dict(trial="AUK-12", agents="hyper-cvad;rituximab", age_median=41.0, os_pct=72.0, os_years=3.0),
        dict(trial="AUK-12", agents="hyper-cvad", age_median=41.0, os_pct=58.0, os_years=3.0)]


def test_values_of_those_randomized_to_each_arm(rows_of):
    rows = rows_of("CR was achieved by 81% of patients randomized to inotuzumab ozogamicin versus 29% of "
                   "those randomized to standard chemotherapy in the CORMORANT trial.")
    assert rows == [dict(trial="CORMORANT", agents="inotuzumab", cr_pct=81.0),
                    dict(trial="CORMORANT", subgroup="chemotherapy arm", cr_pct=29.0)]


# ---------------------------------------------------------------- C: label prose, denominators

def test_label_prose_one_result_a_sentence(rows_of):
    rows = rows_of(
        "The efficacy of inotuzumab ozogamicin was established in the TERN study. The median age was "
        "47 years (range, 18 to 78). The CR rate was 81%. MRD negativity was achieved in 78% of "
        "patients in CR. The median OS was 7.7 months.")
    assert rows == [dict(trial="TERN", agents="inotuzumab", age_median=47.0, age_min=18.0, age_max=78.0,
                         cr_pct=81.0, mrd_neg_pct=78.0, os_median_months=7.7)]


def test_evaluable_patients_are_the_denominator(rows_of):
    rows = rows_of(
        "Clinical Studies: The efficacy of blinatumomab was evaluated in the PETREL trial, an open-label "
        "study of 189 adults with relapsed or refractory ALL. Of the 189 patients enrolled, 176 were "
        "evaluable for response. The CR rate was 33% among evaluable patients.")
    assert rows == [dict(trial="PETREL", agents="blinatumomab", subgroup="with relapsed or refractory ALL", n=189),
                    dict(trial="PETREL", agents="blinatumomab", n=176, cr_pct=33.0)]


def test_responders_count_is_not_the_n(rows_of):
    rows = rows_of("Of the 176 evaluable patients in the SANDERLING trial of blinatumomab, 58 (33%) "
                   "achieved CR.")
    assert rows == [dict(trial="SANDERLING", agents="blinatumomab", n=176, cr_pct=33.0)]


def test_real_world_cohort(rows_of):
    rows = rows_of(
        "A real-world cohort of 212 adults treated with inotuzumab ozogamicin at 15 centers (median age, "
        "49 years; range, 18-80) was analyzed. The CR rate was 69%, and the 1-year OS was 47%.")
    assert rows == [dict(agents="inotuzumab", n=212, age_median=49.0, age_min=18.0, age_max=80.0,
                         cr_pct=69.0, os_pct=47.0, os_years=1.0)]


# ---------------------------------------------------------------- D: several OS horizons

def test_three_horizons_in_one_sentence(rows_of):
    rows = rows_of("In the CURLEW study of dasatinib, OS was 88% at 1 year, 70% at 3 years and 61% at "
                   "5 years.")
    assert rows == [dict(trial="CURLEW", agents="dasatinib", os_pct=88.0, os_years=1.0),
                    dict(trial="CURLEW", agents="dasatinib", os_pct=70.0, os_years=3.0),
                    dict(trial="CURLEW", agents="dasatinib", os_pct=61.0, os_years=5.0)]


# ---------------------------------------------------------------- E: subgroup pairs

def test_subgroup_sizes_in_brackets_after_each_label(rows_of):
    rows = rows_of("In the GULL-3 trial of imatinib, the CR rate was 95% in patients younger than 40 years "
                   "(n = 60) and 88% in those 40 years or older (n = 42).")
    assert rows == [
        dict(trial="GULL-3", agents="imatinib", subgroup="younger than 40 years", n=60, cr_pct=95.0),
        dict(trial="GULL-3", agents="imatinib", subgroup="aged 40 years or older", n=42, cr_pct=88.0)]


def test_subgroups_named_before_their_values_and_trial_after(rows_of):
    rows = rows_of("In patients younger than 40 years (n = 60), the CR rate was 95%, and in those 40 years "
                   "or older (n = 42), it was 88%, in the GODWIT trial of imatinib.")
    assert rows == [
        dict(trial="GODWIT", agents="imatinib", subgroup="younger than 40 years", n=60, cr_pct=95.0),
        dict(trial="GODWIT", agents="imatinib", subgroup="aged 40 years or older", n=42, cr_pct=88.0)]


def test_respectively_over_two_subgroups_named_after_the_values(rows_of):
    rows = rows_of("Results: The 2-year OS was 82% and 65% in patients aged under 55 years and 55 years or "
                   "older, respectively, in the REDSTART trial of blinatumomab.")
    assert rows == [
        dict(trial="REDSTART", agents="blinatumomab", subgroup="aged under 55 years", os_pct=82.0, os_years=2.0),
        dict(trial="REDSTART", agents="blinatumomab", subgroup="aged 55 years or older", os_pct=65.0,
             os_years=2.0)]


def test_subgroup_size_is_not_the_cohort_size(rows_of):
    rows = rows_of("The KITE trial of blinatumomab enrolled 100 patients. Among the 40 patients aged 60 "
                   "years or older, the CR rate was 80%. The overall CR rate was 85%.")
    assert rows == [
        dict(trial="KITE", agents="blinatumomab", subgroup="aged 60 years or older", n=40, cr_pct=80.0),
        dict(trial="KITE", agents="blinatumomab", n=100, cr_pct=85.0)]


# ---------------------------------------------------------------- F: named regimen plus a drug

def test_regimen_plus_drug_in_the_design_sentence(rows_of):
    rows = rows_of("The PUFFIN trial evaluated hyper-CVAD plus ponatinib in 86 adults with Ph-positive ALL. "
                   "The CR rate was 100% and the 3-year OS was 81%.")
    assert rows == [dict(trial="PUFFIN", agents="hyper-cvad;ponatinib", n=86, cr_pct=100.0, os_pct=81.0,
                         os_years=3.0)]


def test_drug_combined_with_regimen_in_the_result_sentence(rows_of):
    rows = rows_of("Ponatinib combined with hyper-CVAD produced a CR rate of 98% in 50 patients in the "
                   "SNIPE-2 trial.")
    assert rows == [dict(trial="SNIPE-2", agents="hyper-cvad;ponatinib", n=50, cr_pct=98.0)]


# ---------------------------------------------------------------- G: historical comparators

def test_historical_sentence_does_not_join_the_trial(rows_of):
    rows = rows_of("In the single-arm SHRIKE trial, 64 adults received blinatumomab; the median OS was 9.8 "
                   "months. Historically, median OS was 4 months with salvage chemotherapy.")
    assert rows == [dict(trial="SHRIKE", agents="blinatumomab", n=64, os_median_months=9.8)]


def test_historical_value_in_a_comparison(rows_of):
    rows = rows_of("The median OS in the RUFF trial of inotuzumab ozogamicin was 13.1 months, compared with "
                   "a historical median OS of 4 months.")
    assert rows == [dict(trial="RUFF", agents="inotuzumab", os_median_months=13.1)]


def test_historical_controls_give_no_arm(rows_of):
    rows = rows_of("The 1-year OS in the KNOT trial of blinatumomab was 60%, compared with 30% in "
                   "historical controls.")
    assert rows == [dict(trial="KNOT", agents="blinatumomab", os_pct=60.0, os_years=1.0)]
