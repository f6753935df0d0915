"""Document scope (extract.rows.document), on hand-built sentences and mentions: a study
named in the title or an earlier paragraph names the rows of later results."""

from extract.rows.document import Paragraph, assemble_document, document_study, study_names
from tests.factories.mentions import agent, rate, sentence


def test_a_study_named_in_the_title_names_the_results_of_a_later_paragraph():
    title = Paragraph([sentence("Ponatinib with low-intensity chemotherapy: the ORCA-9 study", 0,
                                agent("Ponatinib"), ("TRIAL", "ORCA-9", None))], rows=False)
    results = Paragraph([sentence("Patients received ponatinib. The CR rate was 84%.", 100,
                                  agent("ponatinib"), rate("CR", "84%"))])
    rows = assemble_document("d", [title, results])
    assert [(r.trial, r.agents, r.cr_pct) for r in rows] == [("ORCA-9", "ponatinib", 84.0)]


def test_a_title_paragraph_gives_context_but_no_rows_of_its_own():
    title = Paragraph([sentence("CR in 70% with zeltumab in the PIKE trial", 0,
                                rate("CR", "70%"), agent("zeltumab"), ("TRIAL", "PIKE", None))], rows=False)
    assert assemble_document("d", [title]) == []


def test_a_document_naming_two_studies_leaves_trial_less_rows_alone():
    intro = Paragraph([sentence("The RAVEN-1 and OSPREY-2 trials enrolled adults.", 0,
                                ("TRIAL", "RAVEN-1", None), ("TRIAL", "OSPREY-2", None))])
    results = Paragraph([sentence("With zeltumab the CR rate was 61%.", 60, agent("zeltumab"), rate("CR", "61%"))])
    rows = assemble_document("d", [intro, results])
    assert [(r.trial, r.cr_pct) for r in rows] == [("", 61.0)]


def test_a_comparator_trial_is_not_a_second_study():
    text = "The KITE-4 regimen was compared with the historical FALCON-1 cohort."
    paragraphs = [Paragraph([sentence(text, 0, ("TRIAL", "KITE-4", None), ("TRIAL", "FALCON-1", None))])]
    assert document_study(paragraphs) == "KITE-4"


def test_a_registry_id_is_the_study_name_only_when_no_other_name_is_given():
    named = sentence("The HERON trial (NCT01234567) enrolled adults.", 0,
                     ("TRIAL", "HERON", None), ("TRIAL", "NCT01234567", None))
    registered = sentence("This study is registered as NCT07654321.", 100, ("TRIAL", "NCT07654321", None))
    assert study_names([Paragraph([named])]) == ["HERON"]
    assert document_study([Paragraph([registered])]) == "NCT07654321"


def test_a_short_form_of_the_same_study_counts_once():
    long = sentence("The Northern Leukemia Group study LG-07 enrolled adults.", 0,
                    ("TRIAL", "Northern Leukemia Group study LG-07", None))
    short = sentence("In LG-07, the CR rate was 90%.", 100, ("TRIAL", "LG-07", None), rate("CR", "90%"))
    assert document_study([Paragraph([long]), Paragraph([short])]) == "Northern Leukemia Group study LG-07"


def test_a_row_that_names_its_own_trial_keeps_it():
    intro = Paragraph([sentence("The MOTH-3 trial tested zeltumab.", 0, ("TRIAL", "MOTH-3", None), agent("zeltumab"))])
    results = Paragraph([sentence("The CR rate was 55%.", 50, rate("CR", "55%"))])
    rows = assemble_document("d", [intro, results])
    assert [(r.trial, r.agents, r.cr_pct) for r in rows] == [("MOTH-3", "zeltumab", 55.0)]


def test_a_registry_id_read_last_gives_way_to_the_study_name():
    named = Paragraph([sentence("The HERON trial enrolled adults.", 0, ("TRIAL", "HERON", None))])
    results = Paragraph([sentence("With zeltumab the CR rate was 61%. Registered as NCT01234567.", 50,
                                  agent("zeltumab"), rate("CR", "61%"), ("TRIAL", "NCT01234567", None))])
    rows = assemble_document("d", [named, results])
    assert [(r.trial, r.cr_pct) for r in rows] == [("HERON", 61.0)]


def test_a_study_named_without_agents_takes_the_product_the_document_is_about():
    approval = Paragraph([sentence("The agency approved zeltacel for adults with relapsed ALL.", 0, agent("zeltacel"))])
    basis = Paragraph([sentence("Efficacy was based on the single-arm HARRIER-1 trial.", 60, ("TRIAL", "HARRIER-1", None))])
    results = Paragraph([sentence("The CR rate was 48%.", 120, rate("CR", "48%"))])
    rows = assemble_document("d", [approval, basis, results])
    assert [(r.trial, r.agents, r.cr_pct) for r in rows] == [("HARRIER-1", "zeltacel", 48.0)]


def test_a_spelled_out_name_bracketed_after_an_acronym_is_the_same_study():
    intro = sentence("The HARRIER (High-dose Asparaginase in Relapsed Adults) trial added zeltumab.", 0,
                     ("TRIAL", "HARRIER", None), ("TRIAL", "High-dose Asparaginase in Relapsed Adults", None),
                     agent("zeltumab"))
    compared = sentence("HARRIER improved on the older OWL-2 regimen.", 90, ("TRIAL", "HARRIER", None),
                        ("TRIAL", "OWL-2", None))
    assert study_names([Paragraph([intro, compared])]) == ["HARRIER", "OWL-2"]
    assert document_study([Paragraph([intro, compared])]) == "HARRIER"
