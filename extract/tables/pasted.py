"""Tables pasted into a text input as tab-separated lines -> typed records, read by the
same header meanings and cell parsers as PDF tables (`fields.text_table_records`)."""

from __future__ import annotations

import re

from extract.numbers import MARKER_CHARS
from extract.pdf.model import Document
from extract.tables.fields import text_table_records
from extract.tables.record import TableRecord


def pasted_table_records(document: Document) -> list[TableRecord]:
    """Typed records of every tab-separated table of a text input, read by the same header
    meanings and cell parsers as PDF tables. Footnotes are the blocks right after a table
    that start with a marker (∆, *, †, ...)."""
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
            rec.sent_start, rec.sent_end = block.start, block.end
            out.append(rec)
    return out
