"""Schwartz & Hearst (2003) abbreviation definitions, function by function."""

from extract.nlp.abbreviations import abbreviation_map, best_long_form, find_abbreviations, is_short_form


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
