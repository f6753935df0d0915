"""A median "not reached" holds its arm's place in a comparison (extract.rows.assemble
`with_unreached_medians`), on hand-built sentences and mentions."""

from extract.rows.assemble import assemble_paragraph, with_unreached_medians
from extract.rows.mentions import Mention, Sentence
from extract.types import AgentValue, Value


def sentence(text: str, *marks) -> Sentence:
    mentions, at = [], 0
    for label, piece, value in marks:
        i = text.index(piece, at)
        mentions.append(Mention(label, i, i + len(piece), piece, value))
        at = i + len(piece)
    return Sentence(0, len(text), text, mentions)


BLIN = ("AGENT", "blinatumomab", AgentValue("blinatumomab", ("blinatumomab",)))


def median(text: str):
    return ("OS", text, Value(number=float(text.split()[0]), unit="months", kind="median"))


def test_not_reached_first_sends_the_figure_to_the_second_arm():
    s = sentence("In the LUMEN-5 trial, the median OS was not reached with blinatumomab plus "
                 "chemotherapy versus 30.2 months with chemotherapy alone.",
                 ("TRIAL", "LUMEN-5", None), BLIN, median("30.2 months"))
    rows = assemble_paragraph("d", [s])
    assert [(r.trial, r.agents, r.subgroup, r.os_median_months) for r in rows] == [
        ("LUMEN-5", "", "chemotherapy arm", 30.2)]


def test_not_reached_second_leaves_the_first_arm_its_figure():
    s = sentence("In the LUMEN-5 trial, the median OS was 30.2 months with blinatumomab plus "
                 "chemotherapy versus not reached with chemotherapy alone.",
                 ("TRIAL", "LUMEN-5", None), median("30.2 months"), BLIN)
    rows = assemble_paragraph("d", [s])
    assert [(r.trial, r.agents, r.os_median_months) for r in rows] == [("LUMEN-5", "blinatumomab", 30.2)]


def test_the_slot_is_an_os_median_without_a_number():
    s = sentence("The median OS was not reached versus 30.2 months.", median("30.2 months"))
    slot = [m for m in with_unreached_medians(s).mentions if m.text == "not reached"]
    assert len(slot) == 1 and slot[0].label == "OS"
    assert slot[0].numeric.kind == "median" and slot[0].numeric.number is None


def test_not_reached_without_an_os_median_adds_nothing():
    s = sentence("Remission was not reached in 12% of patients.")
    assert with_unreached_medians(s) is s
