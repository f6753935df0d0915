"""Bad PDFs: `read_pdf` raises the matching typed error; the CLI reports one line per
bad file on stderr, exits non-zero, and still prints the text of the good files."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

from extract.errors import EmptyFileError, EncryptedPDFError, NoTextLayerError, NotAPDFError, TruncatedPDFError
from extract.pipeline import load_document

from factories import pdf_factory as factory

ROOT = Path(__file__).resolve().parents[2]
GOOD_TEXT = factory.filler(40, seed=42)


def make_good(tmp_path: Path) -> Path:
    return factory.single_column(tmp_path / "good.pdf", [GOOD_TEXT])


def make_empty(tmp_path: Path) -> Path:
    path = tmp_path / "empty.pdf"
    path.write_bytes(b"")
    return path


def make_not_pdf(tmp_path: Path) -> Path:
    path = tmp_path / "notes.pdf"
    path.write_text("These are meeting notes saved with the wrong extension.\n", encoding="utf-8")
    return path


def make_truncated(tmp_path: Path) -> Path:
    data = make_good(tmp_path).read_bytes()
    path = tmp_path / "truncated.pdf"
    path.write_bytes(data[: len(data) // 2])
    return path


def make_encrypted(tmp_path: Path) -> Path:
    return factory.encrypted(tmp_path / "locked.pdf", user_password="secret")


def make_scanned(tmp_path: Path) -> Path:
    return factory.no_text_layer(tmp_path / "scanned.pdf")


CASES = [
    (make_empty, EmptyFileError, "empty"),
    (make_not_pdf, NotAPDFError, "not a PDF"),
    (make_truncated, TruncatedPDFError, "truncated"),
    (make_encrypted, EncryptedPDFError, "encrypted"),
    (make_scanned, NoTextLayerError, "OCR"),
]


@pytest.mark.parametrize("make,error,words", CASES, ids=[c[2] for c in CASES])
def test_read_pdf_raises_typed_error(tmp_path, make, error, words):
    path = make(tmp_path)
    with pytest.raises(error) as caught:
        load_document(path)
    message = caught.value.one_line()
    assert str(path) in message and words in message and "\n" not in message


def test_truncated_with_end_marker_still_rejected(tmp_path):
    data = make_good(tmp_path).read_bytes()
    path = tmp_path / "cut.pdf"
    path.write_bytes(data[: len(data) // 2] + b"\n%%EOF\n")
    with pytest.raises(TruncatedPDFError):
        load_document(path)


def test_cli_batch_goes_on_after_bad_files(tmp_path):
    good = make_good(tmp_path)
    bad = [make(tmp_path) for make, _, _ in CASES]
    result = subprocess.run([sys.executable, "-m", "extract", "text", str(bad[0]), str(good), *map(str, bad[1:])],
                            capture_output=True, text=True, cwd=ROOT, timeout=60)
    assert result.returncode != 0
    assert GOOD_TEXT in result.stdout
    errors = [line for line in result.stderr.splitlines() if line.strip()]
    assert len(errors) == len(bad)
    for path, line in zip(bad, errors):
        assert line.startswith("error: ") and str(path) in line
    assert "Traceback" not in result.stderr
