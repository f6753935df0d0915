"""Tokenizer for the ALL literature: spaCy's English rules, adjusted.

* Hyphenated words stay one token (``Hyper-CVAD``, ``mini-Hyper-CVD-inotuzumab``,
  ``Ph-positive``, ``3-year``, ``Twenty-five``): regimen names written as one hyphenated
  word are one entity (annotation guidelines §2). Agent names glued to a non-agent
  suffix ("ponatinib-associated") are split later by the lexicon component.
* Numbers are split from dashes, brackets, slashes, signs and per cent:
  ``(17–59)`` -> ``( 17 – 59 )``, ``[12–14]`` -> ``[ 12 – 14 ]``, ``≥65`` -> ``≥ 65``,
  ``10−6`` -> ``10 − 6``, ``10⁻⁶`` -> ``10 ⁻ ⁶``, ``n=34`` -> ``n = 34``, ``81 (3-year)/7.7``
  -> ``81 ( 3-year ) / 7.7``.
* ``BCR::ABL1`` and ``97∆`` stay one token.
* spaCy's emoticon exceptions are dropped: in this literature ``n=3`` is a size, not a
  smiley (``=3`` was one token), and ``8)`` closes a bracket.
"""

from __future__ import annotations

import spacy
from spacy.lang.en import English
from spacy.lang.tokenizer_exceptions import emoticons
from spacy.tokenizer import Tokenizer
from spacy.util import compile_infix_regex, compile_prefix_regex, compile_suffix_regex

_DASHES = "\\-\u2010\u2011\u2012\u2013\u2014\u2212"
EXTRA_PREFIXES = [r"[≥≤<>±~×]", r"/", r"\u207b", r"\u207a"]
EXTRA_SUFFIXES = [
    r"(?<=[0-9A-Za-z])[\-\u2010\u2011\u2013]",  # "blinatumomab-" in "blinatumomab- and"
    r"(?<=[0-9])[%]",
    r"[\u207b\u207a][\u2070-\u2079\u00b9\u00b2\u00b3]+",
    r"/",
    r"(?<=[A-Z0-9][\-\u2010\u2011\u2013][A-Z0-9])\.",  # "DA-EPOCH-R." -> "DA-EPOCH-R" "."
    r"(?<=[a-z0-9][A-Z])\.",  # "CRi." "KTE-X19." -> ... "."
]
EXTRA_INFIXES = [
    rf"(?<=[0-9%])[{_DASHES}](?=[0-9<>≤≥.])",  # 17–59, 5%–10%
    r"[()\[\]]",  # brackets always split
    r"/",  # slashes always split: CR/CRi, 20.3 (3-year)/7.7, mg/m²
    r"[=≥≤<>±×]",
    r"[\u207b\u207a]",  # superscript minus/plus: 10⁻⁶
    r"%",
    r"(?<=[A-Za-z])[,;](?=[A-Za-z])",
]


def _default_infixes() -> list[str]:
    """spaCy's English infixes without the two that glue or split words we need:
    letter-hyphen-letter (we keep hyphenated words) and letter-[:<>=/]-letter
    (``BCR::ABL1`` stays one token; `/` and signs are handled by EXTRA_INFIXES)."""
    keep = []
    for pattern in English.Defaults.infixes:
        if "(?:-|–|—|--|---|——|~)" in pattern or "[:<>=/]" in pattern:
            continue
        keep.append(pattern)
    return keep


def make_tokenizer(nlp) -> Tokenizer:
    """A `Tokenizer` for `nlp.vocab` with the rules above."""
    prefixes = list(nlp.Defaults.prefixes) + EXTRA_PREFIXES
    suffixes = EXTRA_SUFFIXES + list(nlp.Defaults.suffixes)
    infixes = _default_infixes() + EXTRA_INFIXES
    rules = {k: v for k, v in nlp.Defaults.tokenizer_exceptions.items() if k not in emoticons}
    return Tokenizer(
        nlp.vocab,
        rules=rules,
        prefix_search=compile_prefix_regex(prefixes).search,
        suffix_search=compile_suffix_regex(suffixes).search,
        infix_finditer=compile_infix_regex(infixes).finditer,
        token_match=nlp.Defaults.token_match,
        url_match=nlp.Defaults.url_match,
    )


@spacy.registry.tokenizers("all_tokenizer_v1")
def create_all_tokenizer():
    """Registered tokenizer factory: ``[nlp.tokenizer] @tokenizers = "all_tokenizer_v1"``."""

    def create(nlp):
        return make_tokenizer(nlp)

    return create
