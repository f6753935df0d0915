"""One study reported by several documents is one view: trials.csv and the page's section
put each source's figures side by side and flag a conflict (same study, arm, measure and
horizon; different value); the names a study goes by are unified from knowledge data."""

import pandas as pd

from extract.review.trials import study_key

FIRST = """Results

In the phase 2 ACME-7 trial, 42 patients (median age, 51 years; range, 19 to 77 years) received blinatumomab. The CR rate was 83% and the MRD negativity rate was 76%. The 2-year OS rate was 64%.
"""
# the same study, reporting CR differently
SECOND = """Results

In the ACME-7 study, 42 patients received blinatumomab. The CR rate was 80%. The 2-year OS rate was 64%.
"""
# a registry id in one paper, the acronym in another (study_aliases.jsonl)
BY_REGISTRY = """Results

In the phase 3 trial NCT02013167, 271 patients received blinatumomab. The CR rate was 34%.
"""
BY_ACRONYM = """Results

In the TOWER trial, 271 patients received blinatumomab. The CR rate was 34%.
"""


def trials_of(out) -> pd.DataFrame:
    return pd.read_csv(out / "trials.csv", keep_default_na=False, encoding="utf-8")


def test_a_study_reported_twice_with_a_different_value_is_a_conflict(review_run):
    out = review_run({"first.txt": FIRST, "second.txt": SECOND})
    trials = trials_of(out)
    acme = trials[trials["study"].str.upper().str.startswith("ACME")]
    assert set(acme["doc_id"]) == {"first", "second"} and set(acme["n_sources"]) == {2}
    assert acme["study"].nunique() == 1
    cr = acme[acme["measure"] == "CR %"]
    assert sorted(cr["value"]) == [80, 83] and set(cr["conflict"]) == {"conflict"}
    os_rate = acme[acme["measure"] == "OS %"]
    assert list(os_rate["value"]) == [64, 64] and set(os_rate["horizon_years"]) == {"2"}  # as written: no "2.0"
    assert set(os_rate["conflict"]) == {""}  # same value at the same horizon: no conflict
    page = (out / "review.html").read_text(encoding="utf-8")
    assert "1 conflict(s)" in page and "class='conflict'" in page


def test_a_registry_id_and_an_acronym_are_one_study(review_run):
    out = review_run({"registry.txt": BY_REGISTRY, "acronym.txt": BY_ACRONYM})
    trials = trials_of(out)
    assert set(trials["study"]) == {"TOWER"}
    assert set(trials["trial_as_written"]) >= {"TOWER"} and len(set(trials["doc_id"])) == 2
    assert set(trials["conflict"]) == {""}


def test_study_names_fold_groups_fillers_and_spelling():
    assert study_key("SWOG-1318") == study_key("SWOG study 1318") == study_key("Southwest Oncology Group (SWOG) 1318")
    assert study_key("GIMEMA LAL2116") == study_key("GIMEMA LAL 2116")
    assert study_key("the ELIANA trial") == study_key("NCT02435849") == study_key("ELIANA")
    assert study_key("ZUMA-3") != study_key("ZUMA-1")
