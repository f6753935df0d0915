"""Plain-text inputs (.txt, .md) -> `Document`: the file's decoded text, blank-line
paragraphs as blocks.

Decoding: a byte-order mark decides (UTF-8, UTF-16, UTF-32); without one the file must be
UTF-8, else it is read as Windows-1252 (a superset of Latin-1) with a warning. Control
characters (NUL, other C0 and C1 codes; not tab or line breaks) become spaces, so offsets
still index the decoded text one character for one.
"""

from __future__ import annotations

import codecs
import logging
import re
import unicodedata
from pathlib import Path

from extract.errors import EmptyFileError, MissingFileError, UnreadableTextError
from extract.pdf.model import Block, Document

log = logging.getLogger(__name__)

# UTF-32 marks first: the UTF-32-LE mark begins with the UTF-16-LE one.
_BYTE_ORDER_MARKS = ((codecs.BOM_UTF32_LE, "utf-32"), (codecs.BOM_UTF32_BE, "utf-32"), (codecs.BOM_UTF8, "utf-8-sig"),
                     (codecs.BOM_UTF16_LE, "utf-16"), (codecs.BOM_UTF16_BE, "utf-16"))
FALLBACK_ENCODING = "cp1252"
_CONTROL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f]")


def read_text_file(path: Path) -> Document:
    """A plain-text document; blocks are the blank-line-separated paragraphs.

    `Document.text` is the file's decoded text (control characters as spaces), so
    offsets index it exactly; for a UTF-8 file without control characters that is the
    file's text.
    """
    if not path.is_file():
        raise MissingFileError(path)
    raw = path.read_bytes()
    if not raw:
        raise EmptyFileError(path)
    text = _CONTROL.sub(" ", decode_text(raw, path))
    if all(c.isspace() or unicodedata.category(c) == "Cf" for c in text):
        raise EmptyFileError(path, "file has no text (only white space)")
    return text_document(text, doc_id=path.stem, path=str(path))


def decode_text(raw: bytes, path: Path) -> str:
    """The text of a file's bytes (see the module docstring for the rules)."""
    for mark, codec in _BYTE_ORDER_MARKS:
        if raw.startswith(mark):
            try:
                return raw.decode(codec)
            except UnicodeDecodeError:
                raise UnreadableTextError(path, f"starts with a {codec} byte-order mark but is not valid {codec}") \
                    from None
    try:
        return raw.decode("utf-8")
    except UnicodeDecodeError:
        log.warning("warning: %s: not UTF-8; read as %s (re-save it as UTF-8 if characters look wrong)",
                    path, FALLBACK_ENCODING)
        return raw.decode(FALLBACK_ENCODING, errors="replace")


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
