"""Schwartz & Hearst (2003) abbreviation definitions, function by function."""

import re

from hypothesis import given, settings
from hypothesis import strategies as st

from extract.nlp.abbreviations import _word_window, abbreviation_map, best_long_form, find_abbreviations, is_short_form


def test_is_short_form():
    assert is_short_form("IO") and is_short_form("CR/CRi") and is_short_form("DA-EPOCH")
    assert not is_short_form("a") and not is_short_form("range, 18 to 88 years") and not is_short_form("17–59")


def test_best_long_form():
    long = "inotuzumab ozogamicin"
    assert long[best_long_form("IO", long):] == "inotuzumab ozogamicin"
    text = "the addition of measurable residual disease"
    assert text[best_long_form("MRD", text):] == "measurable residual disease"
    assert best_long_form("XYZ", "nothing here") is None


def test_find_abbreviations_offsets():
    text = "Patients received inotuzumab ozogamicin (IO) and overall survival (OS) was long."
    found = {a.short: a for a in find_abbreviations(text)}
    assert found["IO"].long == "inotuzumab ozogamicin"
    assert text[found["IO"].long_start:].startswith("inotuzumab ozogamicin (IO)")
    assert text[found["OS"].short_start:found["OS"].short_start + 2] == "OS"


def test_abbreviation_map_first_definition_wins():
    assert abbreviation_map("complete remission (CR) ... cytarabine (CR)")["CR"] == "complete remission"


def _naive_window(text, end, max_words):
    """The look-back as first written: the whole prefix, then its last line's words."""
    before = text[:end].rstrip()
    line_start = max(before.rfind("\n") + 1, 0)
    words = list(re.finditer(r"\S+", before[line_start:]))
    if not words:
        return None, len(before)
    return line_start + words[max(0, len(words) - max_words)].start(), len(before)


@settings(max_examples=200, deadline=None)
@given(st.lists(st.sampled_from(["a", "b", " ", "\n", "x" * 100]), max_size=60).map("".join), st.data())
def test_bounded_look_back_finds_the_same_window_as_the_whole_prefix(text, data):
    end = data.draw(st.integers(min_value=0, max_value=len(text)))
    max_words = data.draw(st.integers(min_value=1, max_value=4))
    got_start, got_end = _word_window(text, end, max_words)
    want_start, want_end = _naive_window(text, end, max_words)
    assert got_start == want_start and (got_start is None or got_end == want_end)
