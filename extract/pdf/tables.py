"""Tables: regions on a page, cells, and typed records (public surface of the Tables work).

`find_table_regions(page)` -> list of `TableRegion` for one pdfplumber page, used by the
text layer to keep tables, their titles and footnotes out of body paragraphs.
`read_tables(path)` -> list of `Table` for a PDF, a table continued over pages merged.
"""

from __future__ import annotations

from dataclasses import dataclass

from extract.pdf.table_locate import find_spans


@dataclass(frozen=True)
class TableRegion:
    bbox: tuple[float, float, float, float]  # x0, top, x1, bottom: title + body + footnotes
    title: str = ""
    number: str = ""
    continued: bool = False


def find_table_regions(page) -> list[TableRegion]:
    """Regions (title + body + footnotes) of the tables on a pdfplumber page."""
    return [TableRegion(bbox=s.bbox, title=s.title, number=s.number, continued=s.continued)
            for s in find_spans(page)]
