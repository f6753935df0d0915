"""Tables drawn as a ruled grid are found without a "Table N" title above them, with a
letter-numbered title ("Table A-1."), and a frame line beyond the last column divides
no column."""

from __future__ import annotations

import pdfplumber
import pytest

from extract.tables.layout import TITLE_RE
from extract.tables.read import find_table_regions, read_tables

from factories import table_pdf_factory as factory


def test_ruled_grid_without_title_is_a_table(tmp_path):
    (table,) = read_tables(factory.untitled_grid_pdf(tmp_path / "grid.pdf"))
    header, rows = factory.expected_cells()
    assert table.title == ""
    assert table.header_texts == header
    assert table.row_texts == rows
    with pdfplumber.open(tmp_path / "grid.pdf") as pdf:
        (region,) = find_table_regions(pdf.pages[0])
    assert region.bbox[1] > 50  # below the running text above the grid


def test_letter_numbered_title_anchors_its_grid(tmp_path):
    (table,) = read_tables(factory.untitled_grid_pdf(tmp_path / "a1.pdf", title="Table A-1. Outcomes by trial"))
    assert table.number == "A-1"
    assert table.title.startswith("Table A-1.")
    assert table.row_texts == factory.expected_cells()[1]


def test_frame_beyond_last_column_divides_nothing(tmp_path):
    (table,) = read_tables(factory.untitled_grid_pdf(tmp_path / "frame.pdf", frame_margin=12))
    header, rows = factory.expected_cells()
    assert table.header_texts == header
    assert table.row_texts == rows


@pytest.mark.parametrize("title,number", [("Table SA3. | Cases by country", "SA3"), ("Table A-1. Rates", "A-1"),
                                          ("Table 2.1 Rates", "2.1"), ("Table IV. Rates", "IV"),
                                          ("Table 2. Rates", "2")])
def test_letter_numbered_titles(title, number):
    assert TITLE_RE.match(title)["num"] == number


def test_table_of_contents_is_no_title():
    assert TITLE_RE.match("Table of contents") is None
