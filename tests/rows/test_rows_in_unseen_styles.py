"""Row linking on paragraphs written for these tests in styles other than the corpus papers
(structured abstracts, trial reports, drug-label and review prose; invented trials and
figures), one test per way results of arms and cohorts are written, through the real nlp
pipeline."""



# ---------------------------------------------------------------- n of the cohort or arm

def test_n_is_the_denominator_of_k_of_n(rows_of):
    rows = rows_of("Results: CR was achieved in 42 of 76 patients (55.3%) treated with venetoclax "
                   "and navitoclax.")
    assert rows == [dict(agents="navitoclax;venetoclax", n=76, cr_pct=55.3)]


def test_n_of_a_cohort_named_in_the_sentence_before(rows_of):
    rows = rows_of("The HERON-4 protocol enrolled 295 adolescents and young adults treated with "
                   "pegaspargase. The CR rate was 90%.")
    assert rows == [dict(trial="HERON-4", agents="pegaspargase", n=295, cr_pct=90.0)]


def test_arm_sizes_in_brackets_in_the_design_sentence(rows_of):
    rows = rows_of(
        "In the phase III KESTREL-2 trial, patients were randomized to ponatinib (n = 164) or "
        "imatinib (n = 166). The CR rate was 86% with ponatinib and 71% with imatinib.")
    assert rows == [dict(trial="KESTREL-2", agents="ponatinib", n=164, cr_pct=86.0),
                    dict(trial="KESTREL-2", agents="imatinib", n=166, cr_pct=71.0)]


def test_arm_sizes_in_brackets_after_the_values(rows_of):
    rows = rows_of("In the phase III PLOVER trial, the CR rate was 86% with ponatinib (n = 164) "
                   "and 71% with imatinib (n = 166).")
    assert rows == [dict(trial="PLOVER", agents="ponatinib", n=164, cr_pct=86.0),
                    dict(trial="PLOVER", agents="imatinib", n=166, cr_pct=71.0)]


def test_control_arm_size_and_median_os_versus(rows_of):
    rows = rows_of(
        "In the randomized FINCH trial, blinatumomab (n = 120) was compared with standard "
        "chemotherapy (n = 60). The median OS was 8.0 months with blinatumomab versus 4.0 months "
        "with chemotherapy.")
    assert rows == [dict(trial="FINCH", agents="blinatumomab", n=120, os_median_months=8.0),
                    dict(trial="FINCH", subgroup="chemotherapy arm", n=60, os_median_months=4.0)]


def test_respectively_refers_to_the_arms_of_the_sentence_before(rows_of):
    rows = rows_of(
        "Results: In the CONDOR trial, 210 adults were randomized to blinatumomab (n = 105) or "
        "chemotherapy (n = 105). CR rates were 44% and 25%, respectively.")
    assert rows == [dict(trial="CONDOR", n=210),  # the randomised total (spec §2.1)
                    dict(trial="CONDOR", agents="blinatumomab", n=105, cr_pct=44.0),
                    dict(trial="CONDOR", subgroup="chemotherapy arm", n=105, cr_pct=25.0)]


# ---------------------------------------------------------------- arms: own agents, controls

def test_each_arm_keeps_only_its_own_agent(rows_of):
    rows = rows_of(
        "Patients in the ROBIN study received ponatinib or imatinib with chemotherapy. MRD "
        "negativity was achieved in 74% of patients with ponatinib compared with 52% with imatinib.")
    assert rows == [dict(trial="ROBIN", agents="ponatinib", mrd_neg_pct=74.0),
                    dict(trial="ROBIN", agents="imatinib", mrd_neg_pct=52.0)]


def test_versus_arms_named_after_their_values(rows_of):
    rows = rows_of("In the GROUSE trial, the CR rate was 88% with ponatinib compared with 72% with imatinib.")
    assert rows == [dict(trial="GROUSE", agents="ponatinib", cr_pct=88.0),
                    dict(trial="GROUSE", agents="imatinib", cr_pct=72.0)]


def test_without_it_is_the_control_arm(rows_of):
    rows = rows_of(
        "In the MARLIN trial, adults with CD20-positive ALL received hyper-CVAD with or without "
        "rituximab. The CR rate was 71% with rituximab and 64% without it.")
    assert rows == [dict(trial="MARLIN", agents="hyper-cvad;rituximab", cr_pct=71.0),
                    dict(trial="MARLIN", subgroup="chemotherapy arm", cr_pct=64.0)]


def test_control_arm_named_as_such(rows_of):
    rows = rows_of("In the randomized ORCA-9 trial of inotuzumab ozogamicin, the CR rate was 73% in "
                   "the inotuzumab arm and 30% in the control arm.")
    assert rows == [dict(trial="ORCA-9", agents="inotuzumab", cr_pct=73.0),
                    dict(trial="ORCA-9", subgroup="chemotherapy arm", cr_pct=30.0)]


def test_control_group_after_compared_with(rows_of):
    rows = rows_of("The median OS in the SALMON-1 trial was 9.2 months with blinatumomab compared "
                   "with 4.1 months in the control group.")
    assert rows == [dict(trial="SALMON-1", agents="blinatumomab", os_median_months=9.2),
                    dict(trial="SALMON-1", subgroup="chemotherapy arm", os_median_months=4.1)]


def test_standard_therapy_arm_in_label_prose(rows_of):
    rows = rows_of(
        "Inotuzumab ozogamicin is indicated for adults with relapsed B-ALL. In the STORK trial, "
        "the CR rate was 36% with inotuzumab ozogamicin and 17% in the standard therapy arm.")
    assert rows == [dict(trial="STORK", agents="inotuzumab", cr_pct=36.0),
                    dict(trial="STORK", subgroup="chemotherapy arm", cr_pct=17.0)]


def test_standard_therapy_after_an_added_agent(rows_of):
    rows = rows_of(
        "In the randomized WREN-3 trial, blinatumomab was added to consolidation chemotherapy. "
        "The 3-year OS was 83% with blinatumomab and 65% with standard therapy.")
    assert rows == [dict(trial="WREN-3", agents="blinatumomab", os_pct=83.0, os_years=3.0),
                    dict(trial="WREN-3", subgroup="chemotherapy arm", os_pct=65.0, os_years=3.0)]


def test_respectively_with_the_arms_named_after_the_values(rows_of):
    rows = rows_of("In the randomized SNIPE trial, 3-year OS rates were 62% and 48% for the "
                   "blinatumomab and control arms, respectively.")
    assert rows == [dict(trial="SNIPE", agents="blinatumomab", os_pct=62.0, os_years=3.0),
                    dict(trial="SNIPE", subgroup="chemotherapy arm", os_pct=48.0, os_years=3.0)]


# ---------------------------------------------------------------- two cohorts in one sentence

def test_respectively_over_two_trials_with_their_own_agents(rows_of):
    rows = rows_of("In the PONABLIN study (ponatinib plus blinatumomab) and the ALL-DB2 study of "
                   "dasatinib with blinatumomab, CR rates were 95% and 88%, respectively.")
    assert rows == [dict(trial="PONABLIN", agents="blinatumomab;ponatinib", cr_pct=95.0),
                    dict(trial="ALL-DB2", agents="blinatumomab;dasatinib", cr_pct=88.0)]


def test_two_trials_introduced_together_keep_their_agents_and_sizes(rows_of):
    rows = rows_of(
        "The PONABLIN trial (ponatinib plus blinatumomab) enrolled 40 patients, and the ALL-DB2 "
        "trial tested dasatinib with blinatumomab in 25 patients. The CR rate was 95% in PONABLIN "
        "and 88% in ALL-DB2.")
    assert rows == [dict(trial="PONABLIN", agents="blinatumomab;ponatinib", n=40, cr_pct=95.0),
                    dict(trial="ALL-DB2", agents="blinatumomab;dasatinib", n=25, cr_pct=88.0)]


# ---------------------------------------------------------------- ages and horizons

def test_age_given_after_the_results(rows_of):
    rows = rows_of("The OWL-2 study of ponatinib and blinatumomab enrolled 60 patients. The CR rate "
                   "was 96%. The median age of the patients was 62 years.")
    assert rows == [dict(trial="OWL-2", agents="blinatumomab;ponatinib", n=60, age_median=62.0, cr_pct=96.0)]


def test_age_in_its_own_sentence_before_the_results(rows_of):
    rows = rows_of("In the FALCON trial, blinatumomab was given to older adults. The median age was "
                   "71 years (range, 65 to 84). The CR rate was 66% and the median OS was 12.5 months.")
    assert rows == [dict(trial="FALCON", agents="blinatumomab", age_median=71.0, age_min=65.0,
                         age_max=84.0, cr_pct=66.0, os_median_months=12.5)]


def test_two_horizons_of_one_cohort_in_a_trial_report(rows_of):
    rows = rows_of("Among 88 patients treated with nelarabine in the OSPREY trial, the 2-year OS was "
                   "70% and the 4-year OS was 58%.")
    assert rows == [dict(trial="OSPREY", agents="nelarabine", n=88, os_pct=70.0, os_years=2.0),
                    dict(trial="OSPREY", agents="nelarabine", os_pct=58.0, os_years=4.0)]


def test_horizons_written_after_the_values(rows_of):
    rows = rows_of("In the PIKE study of dasatinib, OS was 76% at 12 months and 63% at 24 months.")
    assert rows == [dict(trial="PIKE", agents="dasatinib", os_pct=76.0, os_years=1.0),
                    dict(trial="PIKE", agents="dasatinib", os_pct=63.0, os_years=2.0)]
