"""Tokenisation for this literature, on spacy.blank("en") with the project tokenizer."""

import pytest
import spacy

from extract.nlp.tokenizer import make_tokenizer


@pytest.fixture(scope="module")
def tok():
    nlp = spacy.blank("en")
    nlp.tokenizer = make_tokenizer(nlp)
    return lambda text: [t.text for t in nlp.make_doc(text)]


@pytest.mark.parametrize("text,expected", [
    ("Hyper-CVAD", ["Hyper-CVAD"]),
    ("BCR::ABL1", ["BCR::ABL1"]),
    ("CD19", ["CD19"]),
    ("(17–59)", ["(", "17", "–", "59", ")"]),
    ("[12–14]", ["[", "12", "–", "14", "]"]),
    ("≥ 65", ["≥", "65"]),
    ("≥65", ["≥", "65"]),
    ("38 (97%)", ["38", "(", "97", "%", ")"]),
    ("97∆", ["97∆"]),
    ("10⁻⁶", ["10", "⁻⁶"]),
    ("10−6", ["10", "−", "6"]),
    ("1.8 to 1.3 mg/m2", ["1.8", "to", "1.3", "mg", "/", "m2"]),
    ("n=34", ["n", "=", "34"]),
    ("mini-Hyper-CVD-inotuzumab", ["mini-Hyper-CVD-inotuzumab"]),
    ("20.3 (3-year)/7.7", ["20.3", "(", "3-year", ")", "/", "7.7"]),
    ("(MRD)-negative", ["(", "MRD", ")", "-negative"]),
    ("5%–10%", ["5", "%", "–", "10", "%"]),
    ("blinatumomab- and", ["blinatumomab", "-", "and"]),
    ("DA-EPOCH-R.", ["DA-EPOCH-R", "."]),
    ("e.g., et al. vs.", ["e.g.", ",", "et", "al", ".", "vs."]),
])
def test_tokens(tok, text, expected):
    assert tok(text) == expected
