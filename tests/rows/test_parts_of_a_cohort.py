"""A size naming a part of the cohort by a feature is not the context of the results
that follow (extract.rows.assemble `_names_a_part`, extract.rows.size_labels), on invented
sentences; a size naming the evaluable patients is."""

from extract.rows.document import Paragraph, assemble_document
from extract.rows.size_labels import counts_a_part
from extract.types import Value
from tests.factories.mentions import agent, rate, sentence, size, trial


def rows_of(*sentences):
    return [(r.n, r.subgroup, r.cr_pct, r.os_pct) for r in assemble_document("d", [Paragraph(list(sentences))])]


def test_results_after_a_part_named_by_a_feature_are_the_whole_cohorts():
    rows = rows_of(
        sentence("The WREN-3 trial enrolled 60 adults treated with zeltumab.", 0, trial("WREN-3"), size("60"),
                 agent("zeltumab")),
        sentence("The CR rate was 95%.", 60, rate("CR", "95%")),
        sentence("In poor responders (n = 40), half went on to transplantation.", 90, size("40")),
        sentence("The 3-year OS was 56%.", 160, ("OS", "56%", Value(number=56.0, unit="%", years=3.0, kind="rate"))))
    assert rows == [(60, "", 95.0, 56.0), (40, "poor responders", None, None)]


def test_results_after_the_evaluable_patients_are_theirs():
    rows = rows_of(
        sentence("The WREN-4 trial enrolled 60 adults treated with zeltumab.", 0, trial("WREN-4"), size("60"),
                 agent("zeltumab")),
        sentence("Of these, 52 were evaluable for response.", 60, size("52")),
        sentence("The CR rate was 90%.", 110, rate("CR", "90%")))
    assert (52, "", 90.0, None) in rows


def test_a_size_counts_a_part_only_when_a_feature_names_it():
    def part(text, number):
        s = sentence(text, 0, size(number))
        return counts_a_part(s, s.mentions[0])

    assert part("In poor responders (n = 40), half went on to transplantation.", "40")
    assert part("Overall, 12 patients had Ph-positive ALL.", "12")
    assert not part("Overall, 110 patients with Ph-negative ALL were evaluable for survival.", "110")
    assert not part("Of these, 52 were evaluable for response.", "52")
    assert not part("Overall, 318 patients were enrolled.", "318")
