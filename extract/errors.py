"""Errors a user can meet. Each renders as one line: the file, what is wrong, what to do."""

from __future__ import annotations

from pathlib import Path


class ExtractError(Exception):
    """Base class: a problem with one input file, reported without a traceback."""

    what = "cannot be processed"
    todo = "check the file"

    def __init__(self, path: str | Path, what: str | None = None, todo: str | None = None):
        self.path = str(path)
        if what is not None:
            self.what = what
        if todo is not None:
            self.todo = todo
        super().__init__(self.one_line())

    def one_line(self) -> str:
        return f"{self.path}: {self.what}; {self.todo}"


class MissingFileError(ExtractError):
    what = "file not found"
    todo = "check the path"


class EmptyFileError(ExtractError):
    what = "file is empty (0 bytes)"
    todo = "re-download or re-export the document"


class UnreadableFileError(ExtractError):
    what = "permission denied"
    todo = "check the file's permissions (it must be readable by this user)"


class UnreadableTextError(ExtractError):
    what = "text file cannot be decoded"
    todo = "re-save it as UTF-8"


class NotAPDFError(ExtractError):
    what = "not a PDF (no %PDF header)"
    todo = "pass a PDF, .txt or .md file"


class TruncatedPDFError(ExtractError):
    what = "PDF is truncated or damaged and cannot be parsed"
    todo = "re-download the file or repair it (e.g. qpdf --replace-input FILE)"


class EncryptedPDFError(ExtractError):
    what = "PDF is encrypted (password protected)"
    todo = "save an unencrypted copy (e.g. qpdf --decrypt IN OUT) and pass that"


class NoTextLayerError(ExtractError):
    what = "PDF has no text layer (scanned images only)"
    todo = "run OCR first (e.g. ocrmypdf IN OUT) and pass the OCR'd PDF"


class UnsupportedInputError(ExtractError):
    what = "unsupported file type"
    todo = "pass a .pdf, .txt or .md file"


class CorrectionFileError(ExtractError):
    what = "correction file is invalid"
    todo = "fix the named record and import again"


class RuleDataError(ExtractError):
    """A knowledge or pipeline data line the rule classes cannot read (raised when the
    pipeline is built); `path` is ``FILE:LINE``."""

    what = "data line is invalid"
    todo = "fix the line (the allowed keys are declared on its rule class in extract/knowledge/rules.py)"


class EngineError(ExtractError):
    """The engine that reads documents cannot be used (a Dask scheduler out of reach, the
    dask extra not installed); `path` is the scheduler's address."""

    what = "cannot reach the Dask scheduler"
    todo = "check the address and that the scheduler runs (dask scheduler), or run without --engine dask"
