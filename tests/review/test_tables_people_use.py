"""rows.csv and rows.xlsx as a reviewer opens them: whole numbers without ".0", decimals
rounded, plain UTF-8 (the workbook for spreadsheets: "60–69" as written), formula-looking text
kept as text, a frozen header and wrapped evidence in the workbook, same bytes twice."""

import csv
import io
import zipfile

import openpyxl
import pandas as pd

from extract.review.spreadsheet import rows_workbook
from extract.store.export import csv_text, number_text

# a count, an interval with an en dash, a decimal horizon (43 months)
ABSTRACT = """Results

In the phase 2 ACME-7 trial, 86 patients (median age, 64 years) received blinatumomab. The CR rate was 83% (95% CI, 60–69%). The OS rate at 43 months was 64%.
"""


def test_numbers_are_written_as_people_write_them():
    assert [number_text(v) for v in (86, 89.0, 3.5833333333333335, 0.005, 12.5, None, float("nan"), pd.NA)] == \
        ["86", "89", "3.583", "0.005", "12.5", "", "", ""]


def test_csv_is_plain_utf8_with_readable_numbers_and_text_kept_as_text():
    frame = pd.DataFrame({"subgroup": ["60–69 years", "=1+1"], "n": pd.array([86, None], dtype="Int64"),
                          "os_years": [3.5833333333333335, 2.0]})
    text = csv_text(frame)
    # no byte-order mark: a csv reader told nothing keeps the first column's name
    assert text.splitlines() == ["subgroup,n,os_years", "60–69 years,86,3.583", "'=1+1,,2"]
    assert next(csv.DictReader(io.StringIO(text))).keys() == {"subgroup", "n", "os_years"}


def test_the_run_writes_rows_csv_and_xlsx_a_spreadsheet_reads_right(review_run):
    out = review_run({"acme.txt": ABSTRACT})
    data = (out / "rows.csv").read_bytes()
    assert data.startswith(b"doc_id,")  # plain UTF-8: the scorers' csv readers find doc_id
    rows = pd.read_csv(out / "rows.csv", encoding="utf-8", dtype=str, keep_default_na=False)
    row = rows.iloc[0]
    assert (row.n, row.cr_pct, row.os_pct) == ("86", "83", "64")  # no "86.0"
    assert row.os_years == "3.583"  # 43 months, rounded
    assert "60–69%" in row.evidence and row.row_id and row.path.endswith("acme.txt")

    book = openpyxl.load_workbook(out / "rows.xlsx")
    sheet = book.active
    header = [c.value for c in sheet[1]]
    assert header == list(rows.columns)
    assert sheet.freeze_panes == "A2"
    cells = dict(zip(header, sheet[2]))
    assert cells["n"].value == 86 and cells["os_years"].value == 3.58 and cells["cr_pct"].value == 83
    assert cells["evidence"].alignment.wrap_text and "60–69%" in cells["evidence"].value


def test_the_workbook_never_holds_a_formula_and_is_the_same_bytes_twice():
    frame = pd.DataFrame({"trial": ["=HYPERLINK(\"http://x\",\"y\")", "+A1", "ACME-7"], "n": [1, 2, 3]})
    data = rows_workbook(frame)
    assert data == rows_workbook(frame)
    with zipfile.ZipFile(io.BytesIO(data)) as archive:  # no time of writing anywhere
        assert {i.date_time for i in archive.infolist()} == {(1980, 1, 1, 0, 0, 0)}
        assert b"2000-01-01T00:00:00Z</dcterms:modified>" in archive.read("docProps/core.xml")
    sheet = openpyxl.load_workbook(io.BytesIO(data)).active
    assert [(c.value, c.data_type) for c in sheet["A"][1:]] == [
        ("=HYPERLINK(\"http://x\",\"y\")", "s"), ("+A1", "s"), ("ACME-7", "s")]
