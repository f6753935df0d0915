"""Tables pasted into text inputs as tab-separated lines are read like PDF tables."""

from extract.pdf.text_input import text_document
from extract.tables.pasted import pasted_table_records

TEXT = """Results

Table 2 Outcomes by arm

Study\tAgent\tN\tMedian age (range)\tCR, %\tMRD negativity, %\tMedian OS
ABC-7 [4]\tPonatinib\t60\t47 (19–80)\t88\t71∆\t14 months
NCT01234567\tImatinib\t58\t50 (22–78)\tNA\t52∆∆\t9.5 months

∆ MRD negativity by flow cytometry

∆∆ MRD negativity by next-generation sequencing
"""


def test_tab_table_block_is_typed_table():
    doc = text_document(TEXT)
    assert [b.kind for b in doc.blocks][2] == "table"
    assert sum(b.kind == "table" for b in doc.blocks) == 1


def test_tab_table_records_use_header_meanings_and_footnotes():
    records = pasted_table_records(text_document(TEXT))
    assert [r.study for r in records] == ["ABC-7", "NCT01234567"]
    first, second = records
    assert (first.ref, first.agents_text, first.n) == ("4", "Ponatinib", 60)
    assert (first.age_median, first.age_min, first.age_max) == (47, 19, 80)
    assert (first.cr_pct, first.mrd_neg_pct, first.mrd_method) == (88, 71, "flow")
    # a median in months under a "Median OS" header is a median, not a rate
    assert (first.os_pct, first.os_median_months) == (None, 14)
    assert (second.cr_pct, second.mrd_method, second.os_median_months) == (None, "ngs", 9.5)
    assert second.table == 2


def test_pasted_table_rows_point_back_to_the_table_text():
    from extract.rows.from_tables import rows_from_tables

    document = text_document(TEXT)
    rows = rows_from_tables("t", pasted_table_records(document))
    assert len(rows) == 2
    table_text = TEXT[rows[0].sent_start:rows[0].sent_end]
    assert table_text.startswith("Study\tAgent") and "NCT01234567" in table_text
