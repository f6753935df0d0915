"""An annotator's entities replace the pipeline's on a tagged block, and each gets its
`Span._.value` from the pipeline's own readers: the pipeline's entity where it was kept,
the value tagger's reading in context, else the entity's text read by the number parsers
and the agent lexicon."""

from __future__ import annotations

from extract.nlp.corrected import replace_entities, text_value
from extract.rows.mentions import from_doc
from extract.types import AgentValue, TrialValue

TEXT = "In ACME-7, 42 patients received blinatumomab. The CR rate was 83% and the 2-year OS rate was 64%."


def _doc(nlp):
    return nlp(TEXT)


def _at(text: str, part: str) -> tuple[int, int]:
    start = text.index(part)
    return start, start + len(part)


def test_kept_relabelled_and_new_entities_get_values(nlp):
    doc = _doc(nlp)
    before = {(e.text, e.label_): e._.value for e in doc.ents}
    spans = [(*_at(TEXT, "ACME-7"), "TRIAL"), (*_at(TEXT, "83%"), "MRD"), (*_at(TEXT, "64%"), "OS"),
             (*_at(TEXT, "blinatumomab"), "AGENT")]  # 42 patients dropped
    replace_entities(doc, spans, (0, len(TEXT)), nlp)
    ents = {(e.text, e.label_): e._.value for e in doc.ents}
    assert set(ents) == {("ACME-7", "TRIAL"), ("83%", "MRD"), ("64%", "OS"), ("blinatumomab", "AGENT")}
    assert ents[("64%", "OS")] == before[("64%", "OS")]  # kept: the pipeline's value, horizon included
    assert ents[("64%", "OS")].years == 2
    assert ents[("83%", "MRD")].number == 83  # relabelled: read again for its new label
    assert ents[("blinatumomab", "AGENT")] == before[("blinatumomab", "AGENT")]
    mentions = [m for s in from_doc(doc) for m in s.mentions]
    assert [(m.label, m.numeric.number) for m in mentions if m.label == "MRD"] == [("MRD", 83)]


def test_entities_outside_the_window_are_kept(nlp):
    doc = _doc(nlp)
    second = TEXT.index("The CR")
    first = [(e.text, e.label_, e._.value) for e in doc.ents if e.end_char <= second]
    assert first and any(e.start_char >= second for e in doc.ents)
    replace_entities(doc, [], (second, len(TEXT)), nlp)  # the annotator removed every entity of the window
    assert [(e.text, e.label_, e._.value) for e in doc.ents] == first


def test_an_entity_text_alone_is_read_by_the_label_parsers():
    assert text_value("76%", "CR").number == 76
    assert text_value("n = 120", "N").number == 120
    assert isinstance(text_value("blinatumomab", "AGENT"), AgentValue)
    assert text_value("ACME-7", "TRIAL") == TrialValue("ACME-7")
    assert text_value("no number here", "CR") is None
