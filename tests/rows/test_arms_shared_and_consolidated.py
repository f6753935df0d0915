"""A figure stated for every arm, and one row per arm across sentences (spec §2.1, Arms), on
hand-built sentences and mentions."""

from extract.rows.assemble import assemble_paragraph, consolidate
from extract.rows.mentions import Mention, Sentence
from extract.rows.schema import EvidenceRow
from extract.types import AgentValue, Value


def sentences(*specs) -> list[Sentence]:
    """Consecutive sentences of one paragraph; each spec is (text, marks...), a mark
    (label, text, value) being the first occurrence of its text after the previous mark."""
    out, at = [], 0
    for text, *marks in specs:
        mentions, pos = [], 0
        for label, piece, value in marks:
            i = text.index(piece, pos)
            mentions.append(Mention(label, at + i, at + i + len(piece), piece, value))
            pos = i + len(piece)
        out.append(Sentence(at, at + len(text), text, mentions))
        at += len(text) + 1
    return out


def agent(name):
    return ("AGENT", name, AgentValue(name, (name,)))


def rate(label, text, years=None):
    return (label, text, Value(number=float(text.rstrip("%")), unit="%", years=years,
                               kind="rate" if label == "OS" else None))


DESIGN = ("In the ORBIT-7 trial, adults were randomized to blinatumomab or chemotherapy alone.",
          ("TRIAL", "ORBIT-7", None), agent("blinatumomab"))


def keyed(rows):
    return [(r.trial, r.agents, r.subgroup, r.cr_pct, r.os_pct) for r in rows]


def test_a_figure_in_both_arms_goes_to_each_arm_of_the_design():
    rows = assemble_paragraph("d", sentences(DESIGN, ("The CR rate was 88% in both arms.", rate("CR", "88%"))))
    assert keyed(rows) == [("ORBIT-7", "blinatumomab", "", 88.0, None),
                           ("ORBIT-7", "", "chemotherapy arm", 88.0, None)]


def test_each_arm_keeps_one_row_for_its_measures_of_later_sentences():
    rows = assemble_paragraph("d", sentences(
        DESIGN, ("The CR rate was 88% in both arms.", rate("CR", "88%")),
        ("The 3-year OS was 80% with blinatumomab versus 65% with chemotherapy alone.",
         rate("OS", "80%", 3.0), agent("blinatumomab"), rate("OS", "65%", 3.0))))
    assert keyed(rows) == [("ORBIT-7", "blinatumomab", "", 88.0, 80.0),
                           ("ORBIT-7", "", "chemotherapy arm", 88.0, 65.0)]


def test_without_a_design_in_context_both_arms_is_one_cohort():
    rows = assemble_paragraph("d", sentences(
        ("The KITE-2 trial tested blinatumomab.", ("TRIAL", "KITE-2", None), agent("blinatumomab")),
        ("The CR rate was 88% in both arms.", rate("CR", "88%"))))
    assert keyed(rows) == [("KITE-2", "blinatumomab", "", 88.0, None)]


def row(**fields):
    return EvidenceRow(doc_id="d", source="text", trial="T-1", evidence=fields.pop("evidence", "s"), **fields)


def test_consolidation_joins_rows_whose_figures_agree_and_keeps_disagreeing_ones_apart():
    a, b, c = row(cr_pct=88.0, evidence="s1"), row(os_pct=80.0, os_years=3.0, evidence="s2"), row(cr_pct=70.0)
    merged = consolidate([a, b, c])
    assert [(r.cr_pct, r.os_pct, r.os_years) for r in merged] == [(88.0, 80.0, 3.0), (70.0, None, None)]
    assert merged[0].evidence == "s1 ... s2"


def test_consolidation_is_limited_to_the_rows_named():
    a, b = row(cr_pct=88.0), row(os_pct=80.0)
    assert consolidate([a, b], {id(a)}) == [a, b]


def test_os_rates_at_different_horizons_stay_apart():
    a, b = row(os_pct=80.0, os_years=3.0), row(os_pct=70.0, os_years=5.0)
    assert len(consolidate([a, b])) == 2
