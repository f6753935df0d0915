"""Knowledge loaders: agent canonicalisation and trial names, without spaCy."""

from hypothesis import given, settings
from hypothesis import strategies as st

from extract.knowledge import (agent_entries, agent_names, canonical_agent, cue_entries, find_agents,
                               find_trials, group_entries, trial_pattern_entries)


def test_data_files_load():
    assert len(agent_entries()) > 50
    assert group_entries() and trial_pattern_entries() and cue_entries()
    canon = [e.canonical for e in agent_entries() if e.regex is None]
    assert len(canon) == len(set(canon)), "one entry per canonical name"


def test_canonical_agent_generic_brand_abbreviation():
    assert canonical_agent("Inotuzumab ozogamicin") == "inotuzumab"
    assert canonical_agent("InO") == "inotuzumab"
    assert canonical_agent("IO") == "inotuzumab"
    assert canonical_agent("Besponsa") == "inotuzumab"
    assert canonical_agent("Blincyto") == "blinatumomab"
    assert canonical_agent("HyperCVAD") == "hyper-cvad"
    assert canonical_agent("Hyper-CVAD") == "hyper-cvad"
    assert canonical_agent("mini-HCVD") == "mini-hyper-cvd"
    assert canonical_agent("Kymriah") == "tisagenlecleucel"
    assert canonical_agent("KTE-X19") == "brexucabtagene autoleucel"
    assert canonical_agent("obe-cel") == "obecabtagene autoleucel"
    assert canonical_agent("PEG-asparaginase") == "pegaspargase"
    assert canonical_agent("CD22-targeted CAR T cells") == "cd22 car t cells"


def test_not_agents():
    for name in ("TKIs", "anthracyclines", "SCT", "CD19", "chemotherapy", "CAR T cells", "BiTE"):
        assert canonical_agent(name) is None, name
    assert find_agents("the INO-VATE trial and EWALL-INO") == []


def test_find_agents_lists_and_regimen_words():
    assert find_agents("Blinatumomab and inotuzumab") == [(0, 12, "blinatumomab"), (17, 27, "inotuzumab")]
    assert find_agents("Mini-Hyper-CVD-Inotuzumab") == [(0, 14, "mini-hyper-cvd"), (15, 25, "inotuzumab")]
    assert agent_names("Mini-Hyper-CVD-Inotuzumab-Blinatumomab") == ["blinatumomab", "inotuzumab", "mini-hyper-cvd"]
    assert agent_names("mini-hyper-CVD-InO") == ["inotuzumab", "mini-hyper-cvd"]
    assert agent_names("R-Hyper-CVAD") == ["hyper-cvad", "rituximab"]
    assert agent_names("dasatinib–blinatumomab (en dash)") == ["blinatumomab", "dasatinib"]


def test_find_trials_general_shapes():
    def names(text):
        return [text[s:e] for s, e in find_trials(text)]

    assert names("The GIMEMA LAL2116 D-ALBA trial treated 63 patients") == ["GIMEMA LAL2116 D-ALBA"]
    assert names("SWOG 1318, SWOG-1318 and GRAALL-2014-Quest") == ["SWOG 1318", "SWOG-1318", "GRAALL-2014-Quest"]
    assert names("registered as NCT03319901.") == ["NCT03319901"]
    assert names("the phase III TOWER study") == ["TOWER"]
    assert names("The CALGB trial showed") == ["CALGB"]
    # never seen before: acronym with digits, hyphenated acronym + trial word, group + id
    assert names("In UKALL14 and the E1910 study") == ["UKALL14", "E1910"]
    assert names("the ALLTOGETHER-1 protocol and the PhALLCON trial") == ["ALLTOGETHER-1", "PhALLCON"]
    # a letter-coded protocol id already names its group: the group prefix is left out (issue 11)
    assert names("GMALL 08/2013 and ECOG-ACRIN E1910") == ["GMALL 08/2013", "E1910"]
    assert names("the SWOG 1318 trial") == ["SWOG 1318"]
    assert names("a phase II study of ALL patients; BCL-2 and CD19 and COVID-19") == []


@settings(max_examples=60, deadline=None)
@given(st.lists(st.sampled_from(["blinatumomab", "InO", "hyper-CVAD", "TKIs", "and", "plus", "(", ")", ",",
                                 "Mini-Hyper-CVD-Inotuzumab", "CD19", "ponatinib-based", "x"]), max_size=12))
def test_find_agents_offsets_are_exact_and_ordered(words):
    text = " ".join(words)
    hits = find_agents(text)
    assert hits == sorted(hits)
    for start, end, canonical in hits:
        assert 0 <= start < end <= len(text)
        assert canonical_agent(text[start:end]) is not None or canonical in ("hyper-cvad", "rituximab")
