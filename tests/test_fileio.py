"""Shared file writing: CSV cells a spreadsheet would run as formulas are written as text."""

import csv

import pandas as pd
import pytest

from extract.fileio import read_jsonl, write_csv, write_jsonl


@pytest.mark.parametrize("cell", ["=HYPERLINK(\"http://x\",\"y\")", "+cmd|' /C calc'!A0", "-2+3", "@SUM(A1:A9)",
                                  "\tleading tab", "\rleading return"])
def test_a_text_cell_that_starts_like_a_formula_is_written_as_text(tmp_path, cell):
    write_csv(tmp_path / "rows.csv", pd.DataFrame({"doc_id": [cell], "evidence": ["plain"], "n": [3]}))
    with open(tmp_path / "rows.csv", newline="", encoding="utf-8") as handle:
        row = next(csv.DictReader(handle))
    assert row["doc_id"] == "'" + cell.replace("\r", "\n") and row["evidence"] == "plain" and row["n"] == "3"


def test_a_carriage_return_inside_a_cell_does_not_end_the_row(tmp_path):
    write_csv(tmp_path / "rows.csv", pd.DataFrame({"evidence": ["first line\rsecond", "a\r\nb"], "n": [1, 2]}))
    with open(tmp_path / "rows.csv", newline="", encoding="utf-8") as handle:
        rows = list(csv.DictReader(handle))
    assert [(r["evidence"], r["n"]) for r in rows] == [("first line\nsecond", "1"), ("a\nb", "2")]


def test_numbers_and_ordinary_text_are_written_as_they_are(tmp_path):
    frame = pd.DataFrame({"trial": ["ALPHA-1", "E1910"], "os_pct": [-1.5, 40.0], "flags": ["", "a;b"]})
    write_csv(tmp_path / "rows.csv", frame)
    assert (tmp_path / "rows.csv").read_text(encoding="utf-8") == frame.to_csv(index=False)


def test_jsonl_round_trips_and_skips_blank_and_comment_lines(tmp_path):
    records = [{"a": 1, "text": "é ∆"}, {"b": [1, 2]}]
    write_jsonl(tmp_path / "x.jsonl", records)
    assert read_jsonl(tmp_path / "x.jsonl") == records
    (tmp_path / "y.jsonl").write_text('// a note\n\n{"a": 1}\n  // indented note\n', encoding="utf-8")
    assert read_jsonl(tmp_path / "y.jsonl") == [{"a": 1}]
