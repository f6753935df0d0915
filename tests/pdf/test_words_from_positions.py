"""Words from glyph positions: producers without space glyphs and tight justified lines,
spaces drawn over a ligature glyph, and lines that a fixed top-distance clustering would
chain through a neighbouring column."""

from __future__ import annotations

import pytest

from extract.pdf.reader import read_pdf

from factories import pdf_factory as factory


def _body(doc) -> list[str]:
    return [b.text for b in doc.body_blocks()]


PARAGRAPH = ("Heart failure presents a diagnostic and management challenge as most patients are older and "
             "have multiple comorbidities while treatment regimens are complex and demanding for everyone.")


@pytest.mark.parametrize("gap_em", [0.12, 0.17, 0.3])
def test_no_space_glyphs_tight_word_gaps_split(tmp_path, gap_em):
    doc = read_pdf(factory.no_space_glyphs(tmp_path / "tight.pdf", PARAGRAPH, gap_em))
    assert _body(doc) == [PARAGRAPH]


@pytest.mark.skipif(not factory.DEJAVU.exists(), reason="DejaVu Sans TTF not installed")
def test_space_drawn_over_a_ligature_is_no_word_break(tmp_path):
    doc = read_pdf(factory.ligature_then_space(tmp_path / "lig.pdf", "in", "\ufb02", "ammation",
                                               "was measured in every animal of the study."))
    assert _body(doc) == ["inflammation was measured in every animal of the study."]


def test_lines_are_not_chained_through_offset_cells(tmp_path):
    left = ["and the effects of volume fraction of the reinforcement and its",
            "also investigated for the samples of the three compositions here"]
    doc = read_pdf(factory.beside_offset_cells(tmp_path / "chain.pdf", left, ["TiO2", "<50 nm", "99.9", "Cu"]))
    text = doc.text
    assert "and the effects of volume fraction of the reinforcement and its" in text
    assert "also investigated for the samples of the three compositions here" in text


def test_unmapped_glyph_placeholder_never_in_text():
    from extract.pdf.chars import UNMAPPED, page_words

    def char(text, x0, x1):
        return {"text": text, "x0": x0, "x1": x1, "top": 100.0, "bottom": 108.0, "size": 8.0, "upright": True,
                "fontname": "F1"}
    words = page_words([char("9", 10, 14), char("0", 14, 18), char("(cid:3)", 18, 21), char("C", 21, 26)])
    assert [w.text for w in words] == [f"90{UNMAPPED}C"]
    assert len(words[0].boxes) == 4
