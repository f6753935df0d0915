"""Input discovery and loading: PDF, .txt and .md files -> `Document`."""

from __future__ import annotations

import re
import sys
from collections.abc import Callable, Iterable, Iterator
from pathlib import Path
from typing import TypeVar

from extract.errors import EmptyFileError, ExtractError, MissingFileError, UnsupportedInputError
from extract.pdf.model import Block, Document

T = TypeVar("T")
SUFFIXES = (".pdf", ".txt", ".md")
# Files that describe a folder rather than being a paper (a corpus manifest, a readme).
FOLDER_NOTES = frozenset({"readme", "manifest", "license", "licence", "changelog", "notice"})


def iter_inputs(paths: Iterable[str | Path]) -> Iterator[Path]:
    """Files named, and every PDF/.txt/.md below folders named, in a stable order."""
    for raw in paths:
        path = Path(raw)
        if path.is_dir():
            for child in sorted(path.rglob("*")):
                if (child.is_file() and child.suffix.lower() in SUFFIXES and not child.name.startswith(".")
                        and child.stem.lower() not in FOLDER_NOTES):
                    yield child
        else:
            yield path


def run_batch(paths: Iterable[str | Path], handle: Callable[[Path], T]) -> tuple[list[T], list[str]]:
    """`handle` on every input; returns its results and the one-line errors of the files
    that failed, each also printed to stderr. A bad file is an `ExtractError`; anything
    else raised for one file is a fault of ours, reported in one line too, so one odd
    paper never stops a batch."""
    results, errors = [], []
    for path in iter_inputs(paths):
        try:
            results.append(handle(path))
            continue
        except ExtractError as err:
            errors.append(err.one_line())
        except Exception as err:  # noqa: BLE001 - the batch goes on; the line says what to report
            errors.append(f"{path}: internal error ({type(err).__name__}: {err}); please report it with the file")
        print(f"error: {errors[-1]}", file=sys.stderr)
    return results, errors


def load_document(path: str | Path) -> Document:
    """Read one input file; raises an `ExtractError` subclass with a one-line message."""
    path = Path(path)
    if not path.is_file():
        raise MissingFileError(path)
    suffix = path.suffix.lower()
    if suffix == ".pdf":
        from extract.pdf.reader import read_pdf

        return read_pdf(path)
    if suffix in (".txt", ".md"):
        return read_text_file(path)
    raise UnsupportedInputError(path)


def read_text_file(path: Path) -> Document:
    """A plain-text document; blocks are the blank-line-separated paragraphs.

    `Document.text` is the file's text exactly, so offsets index the file.
    """
    if not path.is_file():
        raise MissingFileError(path)
    raw = path.read_bytes()
    if not raw:
        raise EmptyFileError(path)
    if not raw.strip():
        raise EmptyFileError(path, "file has no text (only white space)")
    text = raw.decode("utf-8", errors="replace")
    return text_document(text, doc_id=path.stem, path=str(path))


def text_document(text: str, doc_id: str = "text", path: str = "") -> Document:
    blocks = []
    for m in re.finditer(r"\S(?:.*?\S)?(?=\s*\n\s*\n|\s*$)", text, flags=re.S):
        block_text = m.group(0)
        kind = "table" if _is_tab_table(block_text) else "heading" if _looks_like_heading(block_text) else "paragraph"
        blocks.append(Block(kind=kind, text=m.group(0), page=0, bbox=(0, 0, 0, 0), start=m.start()))
    return Document(doc_id=doc_id, path=path, n_pages=0, blocks=blocks, text=text)


def _is_tab_table(text: str) -> bool:
    """A block of at least two lines, each with tab-separated cells: a table pasted as text."""
    lines = text.split("\n")
    return len(lines) >= 2 and all(line.count("\t") >= 1 for line in lines)


def pasted_table_records(document: Document) -> list[dict]:
    """Typed records of every tab-separated table of a text input, read by the same header
    meanings and cell parsers as PDF tables. Footnotes are the blocks right after a table
    that start with a marker (∆, *, †, ...)."""
    from extract.numbers import MARKER_CHARS
    from extract.pdf.table_fields import text_table_records

    out = []
    blocks = document.blocks
    for i, block in enumerate(blocks):
        if block.kind != "table":
            continue
        lines = [line.split("\t") for line in block.text.split("\n")]
        width = max(len(cells) for cells in lines)
        # a header shorter than its rows lost its leading empty cells (the label column)
        lines[0] = [""] * (width - len(lines[0])) + lines[0]
        footnotes = []
        for after in blocks[i + 1:i + 8]:  # notes follow the table: short blocks, some with a marker
            if after.kind == "table" or len(after.text) > 300:
                break
            if after.text[:1] in MARKER_CHARS:
                footnotes.append(after.text)
        title = blocks[i - 1].text if i and blocks[i - 1].text.lower().startswith("table") else ""
        number = re.match(r"table\s+(\w+)", title, re.I)
        for rec in text_table_records(lines[0], lines[1:], footnotes, number.group(1) if number else ""):
            rec["sent_start"], rec["sent_end"] = block.start, block.end
            out.append(rec)
    return out


def _looks_like_heading(text: str) -> bool:
    # Markdown headings, or a short line without final punctuation.
    return text.startswith("#") or ("\n" not in text and len(text) < 80 and not text.rstrip().endswith((".", ":", ";")))
