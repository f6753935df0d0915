"""The typed table record: what rows receive, and what `tables --format json` prints."""

from extract.rows.from_tables import row_from_record
from extract.tables.fields import text_table_records


def test_a_record_prints_its_fields_in_a_fixed_order_without_text_offsets():
    (rec,) = text_table_records(["Study", "N", "CR, %"], [["ALPHA [3]", "40*", "80"]], ["* evaluable"], "2")
    rec.sent_start, rec.sent_end = 10, 40
    out = rec.to_dict()
    assert list(out)[:4] == ["table", "row", "page", "bbox"] and list(out)[-2:] == ["notes", "cells"]
    assert "sent_start" not in out and "sent_end" not in out
    assert (out["table"], out["row"], out["study"], out["ref"], out["n"], out["n_markers"]) == (2, 1, "ALPHA", "3", 40, ["*"])
    assert out["notes"] == {"*": "evaluable"} and out["cells"] == {"Study": "ALPHA [3]", "N": "40*", "CR, %": "80"}


def test_rows_read_a_records_typed_fields_and_keep_its_offsets():
    (rec,) = text_table_records(["Study", "N", "CR, %"], [["ALPHA [3]", "40", "80"]], [], "1")
    rec.sent_start, rec.sent_end = 5, 30
    row = row_from_record("doc", rec)
    assert (row.trial, row.n, row.cr_pct, row.source) == ("ALPHA", 40, 80, "table")
    assert (row.sent_start, row.sent_end, row.evidence) == (5, 30, "ALPHA [3]\t40\t80")
