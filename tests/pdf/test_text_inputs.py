"""Plain-text inputs: encodings, control characters and files with no text."""

import codecs
import logging

import pytest

from extract.errors import EmptyFileError, UnreadableTextError
from extract.pdf.text_input import read_text_file

TEXT = "Results\n\nIn the ALPHA-2 trial, 42 patients (median age, 51 years) had a CR rate of 83%.\n"


@pytest.mark.parametrize("encoding,mark", [("utf-8", codecs.BOM_UTF8), ("utf-16-le", codecs.BOM_UTF16_LE),
                                           ("utf-16-be", codecs.BOM_UTF16_BE), ("utf-32-le", codecs.BOM_UTF32_LE)])
def test_a_byte_order_mark_decides_the_encoding(tmp_path, encoding, mark):
    path = tmp_path / "abstract.txt"
    path.write_bytes(mark + TEXT.encode(encoding))
    doc = read_text_file(path)
    assert doc.text == TEXT and [b.text for b in doc.blocks][1].startswith("In the ALPHA-2 trial")


def test_utf8_without_a_mark_is_the_files_text_exactly(tmp_path):
    path = tmp_path / "a.txt"
    path.write_text("Durée médiane ≥ 5 ans ∆\n", encoding="utf-8")
    assert read_text_file(path).text == "Durée médiane ≥ 5 ans ∆\n"


def test_latin1_bytes_are_read_as_windows_1252_with_a_warning(tmp_path, caplog):
    path = tmp_path / "latin.txt"
    path.write_bytes("Durée médiane, 5 ans; réponse 83 %\n".encode("latin-1"))
    with caplog.at_level(logging.WARNING):
        text = read_text_file(path).text
    assert text == "Durée médiane, 5 ans; réponse 83 %\n" and "\ufffd" not in text
    assert any("latin.txt" in r.getMessage() and "not UTF-8" in r.getMessage() for r in caplog.records)


def test_a_mark_that_lies_is_a_one_line_error(tmp_path):
    path = tmp_path / "odd.txt"
    path.write_bytes(codecs.BOM_UTF16_LE + b"\x00\xd8")  # a lone surrogate: not UTF-16
    with pytest.raises(UnreadableTextError) as err:
        read_text_file(path)
    assert "odd.txt" in str(err.value) and "\n" not in str(err.value)


def test_control_characters_become_spaces_and_offsets_stay(tmp_path):
    path = tmp_path / "nul.txt"
    path.write_text("CR rate\x00 was 83%.\x1b\tN=40\r\n", encoding="utf-8")
    text = read_text_file(path).text
    assert text == "CR rate  was 83%. \tN=40\r\n"


@pytest.mark.parametrize("content", ["\u3000\u2003 \n\u00a0\t", "\u200b\ufeff\n", "\x00\x00"])
def test_a_file_of_unicode_white_space_or_controls_only_is_empty(tmp_path, content):
    path = tmp_path / "blank.txt"
    path.write_text(content, encoding="utf-8")
    with pytest.raises(EmptyFileError) as err:
        read_text_file(path)
    assert "only white space" in str(err.value)
