"""The regimen a cohort received, spelled out over sentences (extract.rows.assemble
merge_agents), on invented sentences."""

from extract.rows.document import Paragraph, assemble_document
from tests.factories.mentions import agent, rate, sentence, size


def agents_of_rows(*sentences):
    return [(r.agents, r.cr_pct) for r in assemble_document("d", [Paragraph(list(sentences))])]


def test_a_sentence_spelling_out_the_whole_regimen_names_the_cohorts_agents():
    aim = sentence("This trial tested whether adding zeltumab to chemotherapy was feasible.", 0, agent("zeltumab"))
    given = sentence("Patients received cycles of rowarubicin, corvicine and zeltumab.", 80,
                     agent("rowarubicin"), agent("corvicine"), agent("zeltumab"))
    result = sentence("Of 40 patients, the CR rate was 85%.", 150, size("40"), rate("CR", "85%"))
    assert agents_of_rows(aim, given, result) == [("corvicine;rowarubicin;zeltumab", 85.0)]


def test_a_product_given_after_conditioning_drugs_keeps_them_in_the_regimen():
    product = sentence("Zeltacel is an autologous CAR T-cell product tested in 30 adults.", 0,
                       agent("Zeltacel"), size("30"))
    given = sentence("Treatment consisted of fludarabine and cyclophosphamide followed by zeltacel.", 80,
                     agent("fludarabine"), agent("cyclophosphamide"), agent("zeltacel"))
    result = sentence("The CR rate was 70%.", 170, rate("CR", "70%"))
    assert ("cyclophosphamide;fludarabine;zeltacel", 70.0) in agents_of_rows(product, given, result)


def test_a_later_phase_naming_part_of_the_regimen_and_a_new_drug_does_not_join_it():
    intro = sentence("We studied rowarubicin with zeltumab and corvicine in older adults.", 0,
                     agent("rowarubicin"), agent("zeltumab"), agent("corvicine"))
    maintenance = sentence("The maintenance phase consisted of mercaptomab and zeltumab.", 80,
                           agent("mercaptomab"), agent("zeltumab"))
    result = sentence("The CR rate was 89%.", 150, rate("CR", "89%"))
    assert agents_of_rows(intro, maintenance, result) == [("corvicine;rowarubicin;zeltumab", 89.0)]


def test_an_agent_added_to_the_regimen_in_context_joins_it():
    intro = sentence("We report a trial of rowarubicin with corvicine.", 0, agent("rowarubicin"), agent("corvicine"))
    added = sentence("Later, zeltumab was added to the consolidation regimen.", 60, agent("zeltumab"))
    result = sentence("The CR rate was 88%.", 120, rate("CR", "88%"))
    assert agents_of_rows(intro, added, result) == [("corvicine;rowarubicin;zeltumab", 88.0)]
