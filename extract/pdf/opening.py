"""Opening a PDF: cheap file checks, then pdfplumber, with the parser's exceptions mapped
to the one-line errors of `extract.errors`. The text layer and the tables share it, so a
bad file is reported the same way whichever stage meets it first."""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import pdfplumber
from pdfminer.pdfdocument import PDFEncryptionError, PDFPasswordIncorrect
from pdfminer.pdfparser import PDFSyntaxError
from pdfminer.psparser import PSException

from extract.errors import EmptyFileError, EncryptedPDFError, MissingFileError, NotAPDFError, TruncatedPDFError

# How far from the end of the file the end-of-file marker may sit (trailing junk).
_EOF_WINDOW = 8192


def check_pdf_file(path: Path) -> None:
    """Cheap checks before parsing: exists, not empty, PDF header, not cut short."""
    if not path.is_file():
        raise MissingFileError(path)
    size = path.stat().st_size
    if size == 0:
        raise EmptyFileError(path)
    with path.open("rb") as handle:
        head = handle.read(1024)
        handle.seek(max(0, size - _EOF_WINDOW))
        tail = handle.read()
    if b"%PDF-" not in head:
        raise NotAPDFError(path)
    if b"%%EOF" not in tail:
        raise TruncatedPDFError(path)


@contextmanager
def parse_errors(path: Path) -> Iterator[None]:
    """Map the parser's exceptions to the typed, one-line errors of `extract.errors`.

    Only parsing runs inside: an error in our own layout code is not reported as a
    damaged file.
    """
    try:
        yield
    except (PDFPasswordIncorrect, PDFEncryptionError) as err:
        raise EncryptedPDFError(path) from err
    except pdfplumber.utils.exceptions.PdfminerException as err:
        cause = err.args[0] if err.args else err
        if isinstance(cause, (PDFPasswordIncorrect, PDFEncryptionError)):
            raise EncryptedPDFError(path) from err
        raise TruncatedPDFError(path) from err
    except (PDFSyntaxError, PSException, ValueError, KeyError, TypeError, AssertionError) as err:
        raise TruncatedPDFError(path) from err


def open_pdf(path: str | Path) -> pdfplumber.PDF:
    """A checked, open pdfplumber PDF (close it, or use it in a `with`)."""
    path = Path(path)
    check_pdf_file(path)
    with parse_errors(path):
        pdf = pdfplumber.open(path)
        _ = pdf.pages
    return pdf
