"""bench/score_linking.py: the rows stage's input rebuilt from gold spans keeps the tagger's
sentences and values, and gives spans the tagger missed the values its parsers would."""

import importlib.util
import sys
from pathlib import Path

from extract.rows.mentions import Mention, Sentence

BENCH = Path(__file__).resolve().parents[1] / "bench"
_spec = importlib.util.spec_from_file_location("score_linking", BENCH / "score_linking.py")
score_linking = importlib.util.module_from_spec(_spec)
sys.modules[_spec.name] = score_linking  # dataclasses look their module up there
_spec.loader.exec_module(score_linking)


def test_gold_spans_replace_the_tagged_mentions_and_keep_overlapping_values(nlp):
    text = "The ORCA-9 trial enrolled 60 adults. The CR rate was 80% and the 2-year OS was 70%."
    tagged = score_linking.rows_of("t", text, None, nlp)
    assert [(r["trial"], r["cr_pct"]) for r in tagged] == [("ORCA-9", 80.0)]
    spans = [(4, 10, "TRIAL"), (26, 28, "N"), (text.index("80%"), text.index("80%") + 3, "CR"),
             (text.index("70%"), text.index("70%") + 3, "OS")]
    (row,) = score_linking.rows_of("t", text, spans, nlp)
    assert (row["trial"], row["n"], row["cr_pct"], row["os_pct"], row["os_years"]) == ("ORCA-9", 60, 80.0, 70.0, 2.0)


def test_a_span_the_tagger_missed_gets_its_value_from_the_parsers(nlp):
    rules = nlp.get_pipe("values").rules
    sentence = "The median OS was 7.7 and 4.0 months, and the 3-year OS was 41%."
    s = Sentence(0, len(sentence), sentence, [Mention("CR", 0, 3, "The")])
    spans = [(18, 21, "OS"), (sentence.index("41"), sentence.index("41") + 3, "OS")]
    (out,) = score_linking.gold_sentences([s], spans, rules)
    assert [m.label for m in out.mentions] == ["OS", "OS"]  # the tagged mention is gone
    median, rate = (m.numeric for m in out.mentions)
    assert (median.number, median.kind) == (7.7, "median")  # the unit written once, after the list
    assert (rate.number, rate.kind, rate.years) == (41.0, "rate", 3.0)


def test_age_and_size_spans_are_parsed_like_the_tagger_parses_them(nlp):
    rules = nlp.get_pipe("values").rules
    assert score_linking.fallback_value("AGE", "37 (17-59)", "", 0, 0, rules).low == 17.0
    assert score_linking.fallback_value("N", "49", "(n=49)", 3, 5, rules).number == 49.0
