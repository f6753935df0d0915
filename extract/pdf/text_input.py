"""Plain-text inputs (.txt, .md) -> `Document`: the file's text exactly, blank-line paragraphs as blocks."""

from __future__ import annotations

import re
from pathlib import Path

from extract.errors import EmptyFileError, MissingFileError
from extract.pdf.model import Block, Document


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


def _looks_like_heading(text: str) -> bool:
    # Markdown headings, or a short line without final punctuation.
    return text.startswith("#") or ("\n" not in text and len(text) < 80 and not text.rstrip().endswith((".", ":", ";")))
