"""Every cohort size gets a row (spec §2.1; extract.rows.sizes), on invented sentences:
sizes that introduce no results of their own (a randomised total, an enrolled total, an
analysis population, subgroup counts) keep a row carrying that n."""

from extract.rows.document import Paragraph, assemble_document
from extract.rows.sizes import size_label
from tests.factories.mentions import agent, rate, sentence, size, trial


def rows_of(*sentences):
    return assemble_document("d", [Paragraph(list(sentences))])


def summary(rows):
    return sorted((r.trial, r.agents, r.subgroup, r.n, r.cr_pct) for r in rows)


def test_the_randomised_total_gets_a_row_with_the_trial_and_no_agents():
    design = sentence("In the randomised KESTREL-7 trial, 420 adults were assigned to zeltumab or chemotherapy.", 0,
                      trial("KESTREL-7"), size("420"), agent("zeltumab"))
    results = sentence("The CR rate was 80% with zeltumab and 70% with chemotherapy.", 100,
                       rate("CR", "80%"), agent("zeltumab"), rate("CR", "70%"))
    rows = rows_of(design, results)
    assert ("KESTREL-7", "", "", 420, None) in summary(rows)
    assert [r.n for r in rows].count(420) == 1


def test_an_enrolled_total_beside_the_evaluable_cohort_gets_its_own_row():
    text = "Of 64 enrolled patients treated with zeltumab, 58 were evaluable; the CR rate was 90%."
    rows = rows_of(sentence(text, 0, size("64"), agent("zeltumab"), size("58"), rate("CR", "90%")))
    assert ("", "zeltumab", "", 58, 90.0) in summary(rows)
    assert [r.n for r in rows if r.cr_pct is None] == [64]


def test_bracketed_subgroup_sizes_are_rows_named_by_the_words_before_them():
    text = "Zeltumab was given to 40 adults with T-ALL (n = 25) and T-LBL (n = 15); the CR rate was 70%."
    rows = rows_of(sentence(text, 0, agent("Zeltumab"), size("40"), size("25"), size("15"), rate("CR", "70%")))
    assert ("", "zeltumab", "T-ALL", 25, None) in summary(rows)
    assert ("", "zeltumab", "T-LBL", 15, None) in summary(rows)


def test_a_group_said_to_be_without_an_agent_does_not_get_it():
    lead = sentence("Rowanib was given with or without zeltumab in the ORBIT-2 study.", 0,
                    agent("Rowanib"), agent("zeltumab"), trial("ORBIT-2"))
    text = "A total of 90 patients (50 without zeltumab and 40 with zeltumab) were treated; the CR rate was 75%."
    rows = rows_of(lead, sentence(text, 70, size("90"), size("50"), agent("zeltumab"), size("40"), agent("zeltumab"),
                                  rate("CR", "75%")))
    by_n = {r.n: r for r in rows}
    assert by_n[50].agents == "" and by_n[50].subgroup == "without zeltumab"
    assert by_n[40].agents == "zeltumab" and by_n[40].subgroup == "with zeltumab"


def test_a_size_naming_a_reported_subgroup_completes_that_row():
    first = sentence("Zeltumab was given to 30 patients; 18 patients had Ph-positive ALL and 12 patients had "
                     "Ph-negative ALL.", 0, agent("Zeltumab"), size("30"), size("18"), size("12"))
    second = sentence("MRD negativity was 70% overall and 75% in Ph-negative patients.", 120,
                      rate("MRD", "70%"), rate("MRD", "75%"))
    rows = rows_of(first, second)
    ph_negative = [r for r in rows if r.mrd_neg_pct == 75.0]
    assert len(ph_negative) == 1 and ph_negative[0].n == 12
    assert [r.n for r in rows].count(12) == 1
    assert any(r.n == 18 and r.subgroup == "Ph-positive ALL" for r in rows)


def test_a_size_a_row_already_carries_gets_no_second_row():
    text = "The SPARROW trial treated 52 adults with zeltumab; the CR rate was 81%."
    rows = rows_of(sentence(text, 0, trial("SPARROW"), size("52"), agent("zeltumab"), rate("CR", "81%")))
    assert summary(rows) == [("SPARROW", "zeltumab", "", 52, 81.0)]


def test_a_size_with_nothing_to_name_its_cohort_gives_no_row():
    rows = rows_of(sentence("Overall, 200 patients were screened.", 0, size("200")))
    assert rows == []


def test_the_same_number_in_another_paragraph_is_another_cohort():
    a = Paragraph([sentence("Zeltumab gave a CR rate of 60% in 20 patients.", 0, agent("Zeltumab"),
                            rate("CR", "60%"), size("20"))])
    b = Paragraph([sentence("Rowanib was studied in 20 older adults.", 100, agent("Rowanib"), size("20"))])
    rows = assemble_document("d", [a, b])
    assert sorted((r.agents, r.n) for r in rows) == [("rowanib", 20), ("zeltumab", 20)]


def test_size_labels_name_the_counted_patients_in_the_sentences_words():
    def label(text, number):
        s = sentence(text, 0, size(number))
        return size_label(s, s.mentions[0], 0)

    assert label("Of these, 295 were eligible and evaluable for response.", "295") == \
        "eligible and evaluable for response"
    assert label("Overall, 318 patients were enrolled.", "318") == ""
    assert label("Only 6 could be assessed for disease response (two were not).", "6") == \
        "assessed for disease response"
    assert label("Among 25 patients with MRD assessed by flow cytometry, most responded.", "25") == \
        "with MRD assessed by flow cytometry"
    assert label("Data were reported for 300 patients (B-ALL, n = 210; T-ALL, n = 90).", "210") == "B-ALL"


def test_arm_sizes_named_before_the_results_are_the_arm_rows_sizes():
    design = sentence("In the randomised HERON-5 trial, zeltumab was added to chemotherapy.", 0,
                      trial("HERON-5"), agent("zeltumab"))
    sizes = sentence("The analysis set held 180 adults: 91 in the zeltumab arm, 89 in the control arm.", 80,
                     size("180"), size("91"), agent("zeltumab"), size("89"))
    results = sentence("Remission rates reached 83% and 79% in the zeltumab and control arms, respectively.", 180,
                       rate("CR", "83%"), rate("CR", "79%"), agent("zeltumab"))
    rows = summary(rows_of(design, sizes, results))
    assert ("HERON-5", "zeltumab", "", 91, 83.0) in rows
    assert ("HERON-5", "", "chemotherapy arm", 89, 79.0) in rows
    assert ("HERON-5", "", "", 180, None) in rows
    assert len(rows) == 3


def test_the_eligible_and_evaluable_patients_are_the_denominator_of_the_results():
    enrolled = sentence("The OSPREY-9 study enrolled 150 patients; 140 were eligible and evaluable for response.", 0,
                        trial("OSPREY-9"), size("150"), size("140"))
    result = sentence("The CR rate was 88%.", 100, rate("CR", "88%"))
    assert summary(rows_of(enrolled, result)) == [("OSPREY-9", "", "", 140, 88.0), ("OSPREY-9", "", "", 150, None)]
