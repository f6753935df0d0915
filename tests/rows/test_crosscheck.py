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


def test_rows_are_compared_within_their_document_only(monkeypatch):
    """Linear in rows: a table row is scored against its own document's text rows, never
    the whole corpus's (100 documents of 2 table and 3 text rows: 600 comparisons, not 30,000)."""
    import extract.rows.crosscheck as crosscheck

    calls = {"n": 0}
    score = crosscheck._same_cohort

    def counted(table, text):
        calls["n"] += 1
        assert table.doc_id == text.doc_id
        return score(table, text)

    monkeypatch.setattr(crosscheck, "_same_cohort", counted)
    rows = [EvidenceRow(doc_id=f"d{k}", source=source, evidence="e", trial=f"T-{k}", n=10 + k)
            for k in range(100) for source in ("table", "text", "table", "text", "text")]
    checks = cross_check(rows)
    assert calls["n"] == 100 * 2 * 3
    assert all(c.text_row is not None and c.text_row.doc_id == c.table_row.doc_id for c in checks)
    assert checks[0].text_row is rows[4]  # equal scores: the later row, as before
