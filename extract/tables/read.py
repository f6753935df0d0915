"""Tables: regions on a page, cells, and typed records (public surface of the Tables work).

`find_table_regions(page)` -> list of `TableRegion` for one pdfplumber page, used by the
text layer to keep tables, their titles and footnotes out of body paragraphs.
`read_tables(path)` -> list of `Table` for a PDF; a table continued over pages is merged.
`Table.records()` -> one `TableRecord` per data row (see extract.tables.fields).
"""

from __future__ import annotations

import logging
from dataclasses import dataclass, field
from pathlib import Path

from extract.pdf.opening import open_pdf, parse_errors
from extract.tables.fields import table_records
from extract.tables.grid import Cell, Grid, column_bounds, read_grid
from extract.tables.record import TableRecord
from extract.tables.locate import PageLayout, TableSpan, continuation_span, find_spans
from extract.textnorm import nfkc_form
from extract.types import Box

log = logging.getLogger(__name__)


@dataclass(frozen=True)
class TableRegion:
    bbox: Box  # x0, top, x1, bottom: title + body + footnotes
    title: str = ""
    number: str = ""
    continued: bool = False  # a "Table N (continued)" title, or a body run on from the page before


@dataclass
class Table:
    number: str
    title: str
    header: list[Cell]
    rows: list[list[Cell]]
    footnotes: list[str]
    page: int
    bbox: Box
    parts: list[tuple[int, Box]] = field(default_factory=list)  # (page, bbox) of every page's part
    grid: Grid | None = field(default=None, repr=False, compare=False)  # columns of the last part read

    @property
    def header_texts(self) -> list[str]:
        return [c.text for c in self.header]

    @property
    def row_texts(self) -> list[list[str]]:
        return [[c.text for c in row] for row in self.rows]

    def to_tsv(self, footnotes: bool = False) -> str:
        """Title line, blank line, header and rows tab-separated (the reference texts' format);
        with `footnotes`, each footnote follows as its own block."""
        body = "\n".join("\t".join(cells) for cells in [self.header_texts, *self.row_texts])
        blocks = [self.title, body]
        if footnotes:
            blocks += self.footnotes
        return "\n\n".join(blocks)

    def to_dict(self) -> dict:
        return {
            "number": self.number, "title": self.title, "page": self.page, "bbox": list(self.bbox),
            "parts": [{"page": p, "bbox": list(b)} for p, b in self.parts],
            "header": [c.to_dict() for c in self.header],
            "rows": [[c.to_dict() for c in row] for row in self.rows],
            "footnotes": self.footnotes,
            "records": [r.to_dict() for r in self.records()],
        }

    def records(self) -> list[TableRecord]:
        return table_records(self)


def find_table_regions(page) -> list[TableRegion]:
    """Regions (title + body + footnotes) of the tables on a pdfplumber page, including a
    title-less body that runs on from the table at the foot of the page before."""
    carried = _carried_over(page)
    regions = [TableRegion(bbox=s.bbox, title=s.title, number=s.number, continued=s.continued)
               for s in find_spans(page) if carried is None or s.title or not _overlap(s, carried)]
    if carried is not None:
        regions.insert(0, TableRegion(bbox=carried.bbox, title="", number=carried.number, continued=True))
    return regions


def _carried_over(page, depth: int = 3) -> TableSpan | None:
    """The body carried onto `page` from the table that ended the page before (looking
    back over up to `depth` pages that hold only a carried body)."""
    pdf = getattr(page, "pdf", None)
    index = int(page.page_number) - 2
    if pdf is None or index < 0 or depth <= 0:
        return None
    before_page = pdf.pages[index]
    spans = find_spans(before_page)
    before = spans[-1] if spans else _carried_over(before_page, depth - 1)
    if before is None:
        return None
    if before.title:
        grid = read_grid(before)
    else:  # a carried body has no header line
        grid = read_grid(before, column_bounds(before.body_lines, before.x0, before.x1, before.vcuts))
    return continuation_span(before, PageLayout.of(page), grid)


def _table_from(span: TableSpan) -> Table:
    grid = read_grid(span)
    return Table(span.number, span.title, grid.header, grid.rows, grid.footnotes,
                 span.page, span.bbox, [(span.page, span.bbox)], grid)


def _append(table: Table, span: TableSpan, bounds: list[float] | None = None) -> None:
    """Add a continued part: its rows (a repeated header dropped) and new footnotes."""
    grid = read_grid(span, bounds)
    if bounds is None and table.grid is not None and len(grid.bounds) != len(table.grid.bounds):
        first = table.parts[0][1]
        if abs(span.bbox[0] - first[0]) < 5 and abs(span.bbox[2] - first[2]) < 5:
            grid = read_grid(span, table.grid.bounds, header=True)  # same place: same columns
    rows = grid.rows
    if grid.header and _squeezed([c.text for c in grid.header]) != _squeezed(table.header_texts):
        rows = [grid.header, *rows]
    width = len(table.header) or (len(table.rows[0]) if table.rows else 0)
    for row in rows:
        if width and len(row) != width:  # columns found again on the new page: pad or fold
            row = (row + [Cell("", None, span.page)] * width)[:width]
        table.rows.append(row)
    table.footnotes += [n for n in grid.footnotes if n not in table.footnotes]
    table.parts.append((span.page, span.bbox))
    table.grid = grid


def _overlap(a: TableSpan, b: TableSpan) -> bool:
    return a.x0 < b.x1 and b.x0 < a.x1 and a.top < b.bottom and b.top < a.bottom


def _squeezed(cells: list[str]) -> list[str]:
    return ["".join(nfkc_form(c).split()) for c in cells]


def read_tables(path: str | Path, pdf=None) -> list[Table]:
    """Every table of a PDF, in page order; continued tables merged into one. Pass `pdf`
    (from `extract.pdf.opening.open_pdf`) to share one parse with the text layer."""
    own = pdf is None
    pdf = open_pdf(path) if own else pdf
    tables: list[Table] = []
    try:
        previous: TableSpan | None = None  # the last span of the page before
        for page in pdf.pages:
            with parse_errors(Path(path)):
                _ = page.chars, page.edges  # parse the page: pdfminer's errors mean a damaged file
            try:
                layout = PageLayout.of(page)
                spans = find_spans(page, layout)
            except Exception as err:  # an unforeseen layout: lose this page's tables, not the file's
                log.warning("%s: tables on page %s not read: %s", path, page.page_number, err)
                previous = None
                continue
            carried = None
            last = tables[-1] if tables else None
            if previous is not None and last is not None and last.grid is not None and previous.number == last.number:
                carried = continuation_span(previous, layout, last.grid)
                if carried is not None:
                    _append(last, carried, last.grid.bounds)
            for span in spans:
                if carried is not None and not span.title and _overlap(span, carried):
                    continue  # an untitled grid that is the body carried over: read once
                same = [t for t in tables if t.number == span.number]
                if same:  # "Table N (continued)", or the title repeated overleaf
                    _append(same[-1], span)
                else:
                    tables.append(_table_from(span))
            previous = spans[-1] if spans else carried
    finally:
        if own:
            pdf.close()
    return tables
