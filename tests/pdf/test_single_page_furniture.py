"""Headers and footers of a document of one page (nothing repeats across pages): a small
running title set off above the text, a footer row of short pieces spread across the
page, and a stamp in the page's top margin."""

from __future__ import annotations

from extract.pdf.clean import EdgeRow, is_edge_furniture
from extract.pdf.reader import read_pdf

from factories import pdf_factory as factory

PARAGRAPHS = [factory.filler(80, seed=1), factory.filler(60, seed=2)]


def test_single_page_header_footer_and_stamp_removed(tmp_path):
    doc = read_pdf(factory.single_page_furniture(
        tmp_path / "one.pdf", PARAGRAPHS, "Woodworth et al.: Brief Notices", ["Revision: 2.4", "P/N 119-036",
                                                                              "10 June 2019"],
        stamp="Downloaded from http://example.org/ on July 12, 2017"))
    assert [b.text for b in doc.body_blocks()] == PARAGRAPHS
    for gone in ("Brief Notices", "Revision", "119-036", "June 2019", "Downloaded"):
        assert gone not in doc.text


def test_margin_stamp_removed_on_every_page_of_a_longer_document(tmp_path):
    doc = read_pdf(factory.single_page_furniture(tmp_path / "two.pdf", PARAGRAPHS[:1], "A running title", [],
                                                 stamp="Downloaded from http://example.org/", n_pages=2))
    assert "Downloaded" not in doc.text


def test_edge_row_decisions():
    body = 10.0
    title = EdgeRow(("Lassa Fever in Post-Conflict Sierra Leone",), 20.0, 20.0, 40.0, 0.07, 0.6)
    assert not is_edge_furniture(title, body, single_page=True)  # a title set large stays
    sentence = EdgeRow((" ".join(["word"] * 20),), 10.0, 10.0, 40.0, 0.05, 0.9)
    assert not is_edge_furniture(sentence, body, single_page=True)  # a paragraph line stays
    isolated = EdgeRow(("Download date: 28 Dec 2018",), 8.0, 8.0, 28.0, 0.02 + 0.03, 0.2)
    assert is_edge_furniture(isolated, body, single_page=True)
    assert not is_edge_furniture(isolated, body, single_page=False)  # repetition decides there
    tight = EdgeRow(("Download date: 28 Dec 2018",), 8.0, 8.0, 2.0, 0.05, 0.2)
    assert not is_edge_furniture(tight, body, single_page=True)
