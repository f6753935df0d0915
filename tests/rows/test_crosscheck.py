"""Text <-> table cross-check on rows whose answers are known."""

from extract.rows.crosscheck import cross_check
from extract.rows.schema import EvidenceRow


def row(source, **fields):
    return EvidenceRow(doc_id="d", source=source, evidence="e", **fields)


def test_same_trial_agrees_and_disagrees_field_by_field():
    table = row("table", trial="TOWER", agents="blinatumomab", n=271, cr_pct=34.0, os_median_months=7.7)
    text = row("text", trial="TOWER", agents="blinatumomab", n=271, cr_pct=44.0, os_median_months=7.7)
    (check,) = cross_check([table, text])
    assert check.text_row is text
    assert set(check.agree) == {"n", "os_median_months"}
    assert check.disagree == [("cr_pct", 34.0, 44.0)]


def test_same_size_alone_is_not_the_same_cohort():
    table = row("table", agents="blinatumomab", n=30, cr_pct=100.0)
    text = row("text", agents="da-epoch-r", n=30, os_pct=90.0)
    (check,) = cross_check([table, text])
    assert check.text_row is None


def test_whole_cohort_row_preferred_to_a_subgroup_row():
    table = row("table", trial="X-1", agents="inotuzumab", n=50, cr_pct=70.0)
    subgroup = row("text", trial="X-1", agents="inotuzumab", subgroup="aged ≥ 60 years", cr_pct=60.0)
    whole = row("text", trial="X-1", agents="inotuzumab", n=50, cr_pct=70.0)
    (check,) = cross_check([table, subgroup, whole])
    assert check.text_row is whole and check.disagree == []
