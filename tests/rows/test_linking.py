"""Linking entities into text evidence rows, on short paragraphs written for these tests
(trial reports, abstract "Results:" sections, review prose), through the real nlp pipeline."""

FIELDS = ("trial", "agents", "subgroup", "n", "age_median", "cr_pct", "mrd_neg_pct",
          "os_pct", "os_years", "os_median_months")


def test_cohort_named_once_results_two_sentences_later(rows_of):
    rows = rows_of(
        "The phase II NOVA-7 trial enrolled 60 adults (median age, 52 years) with relapsed "
        "B-ALL who received ponatinib plus blinatumomab. Treatment was given in 28-day cycles "
        "for up to five cycles. The CR rate was 78% and the MRD negativity rate was 70%.")
    assert rows == [dict(trial="NOVA-7", agents="blinatumomab;ponatinib", n=60, age_median=52.0,
                         cr_pct=78.0, mrd_neg_pct=70.0)]


def test_respectively_list_in_an_abstract_results_section(rows_of):
    rows = rows_of("Results: Dasatinib and imatinib produced CR rates of 92% and 85%, respectively.")
    assert rows == [dict(agents="dasatinib", cr_pct=92.0), dict(agents="imatinib", cr_pct=85.0)]


def test_versus_arms_with_an_unnamed_control_arm_of_a_named_trial(rows_of):
    rows = rows_of(
        "In the randomized phase III ZETA-3 trial, inotuzumab ozogamicin was compared with "
        "standard chemotherapy in 300 adults. The CR rate was 74% with inotuzumab ozogamicin "
        "versus 31% with chemotherapy, and the median OS was 8.1 months versus 6.5 months.")
    assert rows == [
        dict(trial="ZETA-3", n=300),  # the randomised total (spec §2.1)
        dict(trial="ZETA-3", agents="inotuzumab", cr_pct=74.0, os_median_months=8.1),
        dict(trial="ZETA-3", subgroup="chemotherapy arm", cr_pct=31.0, os_median_months=6.5),
    ]


def test_control_arm_without_a_trial_gives_no_row(rows_of):
    rows = rows_of("In a single-center study of venetoclax with low-intensity chemotherapy, the "
                   "CR rate was 60% compared with 40% for chemotherapy alone.")
    assert rows == [dict(agents="venetoclax", cr_pct=60.0)]


def test_subgroups_by_age_and_the_whole_cohort(rows_of):
    rows = rows_of(
        "Ofatumumab was added to hyper-CVAD in 69 patients (median age, 41 years). The 2-year "
        "OS rate was 61%, 70% in patients aged 18 to 39 years, and 45% in patients 40 years "
        "and older.")
    assert rows[0] == dict(agents="hyper-cvad;ofatumumab", n=69, age_median=41.0, os_pct=61.0, os_years=2.0)
    assert rows[1] == dict(agents="hyper-cvad;ofatumumab", subgroup="aged 18 to 39 years", os_pct=70.0, os_years=2.0)
    assert {k: rows[2][k] for k in ("agents", "subgroup", "os_pct")} == dict(
        agents="hyper-cvad;ofatumumab", subgroup="aged 40 years and older", os_pct=45.0)
    assert len(rows) == 3


def test_subgroup_of_a_sized_cohort_then_overall_result(rows_of):
    rows = rows_of(
        "Our pilot study treated 40 patients (median age, 45 years) with persistent MRD using "
        "blinatumomab. Thirty (75%) patients achieved complete MRD response. Among the 22 "
        "patients with Ph-negative ALL, 82% achieved MRD negativity. The overall 2-year OS rate "
        "was 70%.")
    assert rows == [
        dict(agents="blinatumomab", n=40, age_median=45.0, mrd_neg_pct=75.0, os_pct=70.0, os_years=2.0),
        dict(agents="blinatumomab", subgroup="Ph-negative", n=22, mrd_neg_pct=82.0),
    ]


def test_trial_name_tied_to_its_agent(rows_of):
    rows = rows_of("Among 52 patients enrolled on the ORION-5 (tisagenlecleucel) trial, 40 (77%) achieved CR.")
    assert rows == [dict(trial="ORION-5", agents="tisagenlecleucel", n=52, cr_pct=77.0)]


def test_abbreviation_resolved_to_the_agent(rows_of):
    rows = rows_of(
        "Inotuzumab ozogamicin (InO) was studied in 48 older adults with newly diagnosed disease. "
        "With low-intensity chemotherapy, InO produced a CR rate of 81%.")
    assert rows == [dict(agents="inotuzumab", n=48, cr_pct=81.0)]


def test_several_os_horizons_of_one_cohort(rows_of):
    rows = rows_of(
        "Nelarabine was combined with hyper-CVAD in 67 patients with T-ALL. The CR rate was 89%; "
        "the 1-year OS rate was 80% and the 3-year OS rate was 55%.")
    assert rows == [
        dict(agents="hyper-cvad;nelarabine", n=67, cr_pct=89.0, os_pct=80.0, os_years=1.0),
        dict(agents="hyper-cvad;nelarabine", os_pct=55.0, os_years=3.0),
    ]


def test_a_sentence_about_another_agent_resets_the_context(rows_of):
    rows = rows_of(
        "Blinatumomab was studied in 30 patients with MRD-positive ALL, and 24 (80%) became MRD "
        "negative. Rituximab-based therapy in Burkitt leukemia showed a 3-year OS rate of 50% [9].")
    assert rows == [dict(agents="blinatumomab", n=30, mrd_neg_pct=80.0),
                    dict(agents="rituximab", os_pct=50.0, os_years=3.0)]


def test_review_prose_other_citation_is_another_source(rows_of):
    rows = rows_of(
        "Venetoclax was evaluated in 24 adults with relapsed T-ALL [12]. In a registry analysis, "
        "the 2-year OS rate was 35% [15].")
    assert rows == [dict(agents="venetoclax", n=24)]  # the size alone; the OS is another source's


def test_addition_to_the_regimen_in_context(rows_of):
    rows = rows_of(
        "We first treated adults with the hyper-CVAD regimen [2]. This regimen resulted in a CR "
        "rate of 91%. Later we added ofatumumab to hyper-CVAD [5]. The addition of ofatumumab "
        "improved the 3-year OS rate to 68% [6].")
    assert rows == [dict(agents="hyper-cvad", cr_pct=91.0),
                    dict(agents="hyper-cvad;ofatumumab", os_pct=68.0, os_years=3.0)]


def test_regimen_components_and_prior_therapy_are_not_agents_of_the_row(rows_of):
    rows = rows_of(
        "Ponatinib followed by POMP (prednisone, vincristine, methotrexate, mercaptopurine) "
        "maintenance was studied in 42 patients who had received prior blinatumomab. "
        "The CR rate was 71%.")
    assert rows == [dict(agents="pomp;ponatinib", n=42, cr_pct=71.0)]


def test_one_figure_for_either_agent(rows_of):
    rows = rows_of("Compared with standard chemotherapy, the median OS was 7.7 months with either "
                   "agent, blinatumomab or inotuzumab [4].")
    assert rows == [dict(agents="blinatumomab", os_median_months=7.7),
                    dict(agents="inotuzumab", os_median_months=7.7)]


def test_change_between_eras_is_not_a_result(rows_of):
    rows = rows_of("With tyrosine kinase inhibitors such as imatinib, the 5-year OS rate improved "
                   "from 20% to 50%.")
    assert rows == []


def test_median_not_reached_in_one_arm_leaves_the_other_arms_figure_to_it(rows_of):
    rows = rows_of(
        "In the randomized LUMEN-5 trial, adults were assigned to blinatumomab plus chemotherapy or "
        "chemotherapy alone. The median OS was not reached with blinatumomab plus chemotherapy "
        "versus 30.2 months with chemotherapy alone.")
    assert rows == [dict(trial="LUMEN-5", subgroup="chemotherapy arm", os_median_months=30.2)]


def test_a_figure_in_both_arms_and_later_arm_figures_give_one_row_per_arm(rows_of):
    rows = rows_of(
        "In the randomized ORBIT-7 trial, adults were assigned to chemotherapy with or without "
        "blinatumomab. The CR rate was 88% in both arms. The 3-year OS was 80% in the "
        "blinatumomab arm and 65% in the chemotherapy arm.")
    assert rows == [dict(trial="ORBIT-7", agents="blinatumomab", cr_pct=88.0, os_pct=80.0, os_years=3.0),
                    dict(trial="ORBIT-7", subgroup="chemotherapy arm", cr_pct=88.0, os_pct=65.0, os_years=3.0)]
