"""The great-expectations suite: each expectation is broken by one row and flags it."""

import pandas as pd
import pytest

from extract.validate import validate_rows

GOOD = dict(doc_id="d", source="text", page=2, trial="TOWER", agents="blinatumomab", subgroup="",
            n=271, age_median=41.0, age_min=18.0, age_max=80.0, cr_pct=34.0, mrd_neg_pct=76.0,
            mrd_method="pcr", os_pct=None, os_years=None, os_median_months=7.7,
            evidence="The TOWER trial ...")

BROKEN = {
    "percentage above 100": ({"cr_pct": 134.0}, "expect_column_values_to_be_between(cr_pct)"),
    "negative percentage": ({"mrd_neg_pct": -1.0}, "expect_column_values_to_be_between(mrd_neg_pct)"),
    "os percentage above 100": ({"os_pct": 101.0, "os_years": 3.0}, "expect_column_values_to_be_between(os_pct)"),
    "n zero": ({"n": 0}, "expect_column_values_to_be_between(n)"),
    "n not whole": ({"n": 3.5}, "expect_column_values_to_be_in_set(rule_n_whole)"),
    "median below min": ({"age_median": 10.0}, "expect_column_pair_values_a_to_be_greater_than_b(age_median/age_min)"),
    "max below median": ({"age_max": 30.0}, "expect_column_pair_values_a_to_be_greater_than_b(age_max/age_median)"),
    "horizon zero": ({"os_pct": 50.0, "os_years": 0.0}, "expect_column_values_to_be_between(os_years)"),
    "unknown mrd method": ({"mrd_method": "elisa"}, "expect_column_values_to_be_in_set(mrd_method)"),
    "no trial or agent": ({"trial": "", "agents": ""}, "expect_column_values_to_be_in_set(rule_has_subject)"),
    "no value": ({"n": None, "cr_pct": None, "mrd_neg_pct": None, "os_median_months": None},
                 "expect_column_values_to_be_in_set(rule_has_value)"),
    "empty evidence": ({"evidence": ""}, "expect_column_value_lengths_to_be_between(evidence)"),
    "unknown source": ({"source": "figure"}, "expect_column_values_to_be_in_set(source)"),
}


def test_good_rows_pass():
    result = validate_rows(pd.DataFrame([GOOD, {**GOOD, "trial": "", "mrd_method": "", "n": None}]))
    assert result.success, [r for r in result.results if not r["success"]]
    assert list(result.rows["flags"]) == ["", ""]


@pytest.mark.parametrize("case", sorted(BROKEN))
def test_each_broken_expectation_flags_only_its_row(case):
    change, expectation = BROKEN[case]
    frame = pd.DataFrame([GOOD, {**GOOD, **change}, GOOD])
    result = validate_rows(frame)
    assert not result.success
    assert result.rows.loc[1, "flags"].split(";") == [expectation]
    assert result.rows.loc[0, "flags"] == "" and result.rows.loc[2, "flags"] == ""
    assert len(result.rows) == 3  # flagged, never dropped


def test_missing_column_fails_the_table_expectation():
    frame = pd.DataFrame([GOOD]).drop(columns=["evidence"])
    result = validate_rows(frame)
    failed = {r["expectation"] for r in result.results if not r["success"]}
    assert "expect_table_columns_to_match_set" in failed or any("evidence" in f for f in failed)
