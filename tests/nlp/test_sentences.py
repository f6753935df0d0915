"""Rule-based sentence boundaries."""

import pytest
import spacy

from extract.nlp import sentences  # noqa: F401
from extract.nlp.sentences import sentence_starts
from extract.nlp.tokenizer import make_tokenizer


@pytest.fixture(scope="module")
def sents():
    nlp = spacy.blank("en")
    nlp.tokenizer = make_tokenizer(nlp)
    nlp.add_pipe("all_sentencizer_v1")
    return lambda text: [s.text for s in nlp(text).sents]


def test_abbreviations_do_not_split(sents):
    text = ("As Jabbour et al. showed in Fig. 3, the CR rate was 90% vs. 80% (approx. 10% lower), "
            "e.g. in older patients, i.e. those ≥ 60 years. The OS was 1.5 years.")
    assert sents(text) == [text[:text.index(" The OS")], "The OS was 1.5 years."]


def test_parentheses_and_citations(sents):
    text = ("Patients were treated (range, 18 to 88 years. See text) with POMP [12–14]. "
            "Median OS was 17 months [3, 4]. 25 patients relapsed.")
    assert sents(text) == ["Patients were treated (range, 18 to 88 years. See text) with POMP [12–14].",
                           "Median OS was 17 months [3, 4].", "25 patients relapsed."]


def test_newlines_end_sentences(sents):
    assert sents("Results\nThe CR rate was 90%\nTable 1") == ["Results\n", "The CR rate was 90%\n", "Table 1"]


def test_lowercase_after_period_does_not_split():
    assert sentence_starts(["It", "was", "5", ".", "and", "more"]) == [True, False, False, False, False, False]


def test_numbered_headings_stay_whole(sents):
    assert sents("1. Introduction\n4.1. Central Nervous System Prophylaxis\nText.") == [
        "1. Introduction\n", "4.1. Central Nervous System Prophylaxis\n", "Text."]


def test_an_abbreviation_with_a_lower_case_prefix_starts_a_sentence(sents):
    text = "The 2-year OS was 60%, respectively. pEFS was 40% in both groups. mRNA levels fell."
    assert sents(text) == ["The 2-year OS was 60%, respectively.", "pEFS was 40% in both groups.",
                           "mRNA levels fell."]


def test_a_lower_case_word_after_a_period_does_not_start_a_sentence(sents):
    text = "Patients were treated at approx. three centres with dose no. four."
    assert sents(text) == [text]
