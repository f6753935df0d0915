"""Reading order: two columns between page-wide floats above and below them (a centred
caption over the gutter, a page-wide caption under the columns) are read column by
column, not line by line across the gutter."""

from __future__ import annotations

from extract.pdf.reader import read_pdf

from factories import pdf_factory as factory


def test_columns_between_two_captions_read_column_by_column(tmp_path):
    left = [factory.filler(60, seed=1), factory.filler(40, seed=2)]
    right = [factory.filler(55, seed=3), factory.filler(45, seed=4)]
    doc = read_pdf(factory.columns_between_captions(tmp_path / "sandwich.pdf", "Fig. 1. Twist channel of the die.",
                                                    left, right, "Fig. 2. Results " + factory.filler(30, seed=5)))
    body = [b.text for b in doc.body_blocks()]
    assert body == left + right


def test_italic_last_line_stays_in_its_paragraph(tmp_path):
    lines = ["Median ulcer counts were, however, significantly lower with",
             "the drug given at the highest dose in the whole study than with the parent com-"]
    nxt = factory.filler(40, seed=6)
    doc = read_pdf(factory.italic_last_line(tmp_path / "italic.pdf", lines, "pound (17 of 40).", nxt))
    body = [b.text for b in doc.body_blocks()]
    assert body[0] == ("Median ulcer counts were, however, significantly lower with the drug given at the highest "
                       "dose in the whole study than with the parent compound (17 of 40).")
    assert body[1] == nxt
