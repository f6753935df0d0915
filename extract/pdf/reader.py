"""`read_pdf(path)` -> `Document`: the PDF text layer in reading order, cleaned and typed.

Stages (each in its own module):
  words (pdfplumber, once per page) -> line segments (layout.group_segments)
  -> running headers/footers/page numbers dropped (clean.find_furniture)
  -> table regions (found by the tables stage, passed in) stand in as one segment each
  -> column regions in reading order (layout.order_regions)
  -> blocks: lines joined, kinds assigned, paragraphs stitched across breaks (blocks)
"""

from __future__ import annotations

import logging
import re
from collections.abc import Callable
from pathlib import Path

import pdfplumber

from extract.errors import NoTextLayerError
from extract.pdf import blocks as blk
from extract.pdf.clean import EDGE_ROWS, EdgeLine, EdgeRow, Vocabulary, find_furniture, is_edge_furniture
from extract.pdf.chars import page_words
from extract.pdf.layout import Segment, group_segments, order_regions
from extract.pdf.model import Document
from extract.pdf.opening import open_pdf, parse_errors
from extract.types import Word

log = logging.getLogger(__name__)
# page -> the regions of its tables, each with a `bbox` and a `title`
TableRegions = Callable[[object], list]

def _page_words(page) -> list[Word]:
    """Words of a page (see `extract.pdf.chars`): lines that never mix neighbouring
    columns, words cut at real spaces and at gaps wide for their own line."""
    return page_words(page.chars)


# Table finding is costly; it is asked only on pages where a table title could start a
# table, and on the page after a table that reached the foot of its page (running on). Kept a superset of the
# titles the Tables work anchors on.
_TABLE_TITLE_HINT = re.compile(r"^\W{0,2}(?:table|tab\.)\s*(?:[a-z]{0,3}[-.]?\d|[ivxlc]+\b)", re.IGNORECASE)


def may_hold_table(segments: list[Segment]) -> bool:
    return any(_TABLE_TITLE_HINT.match(s.text) for s in segments)


def _table_segments(page, segments: list[Segment], table_regions: TableRegions) -> tuple[list[Segment], bool]:
    """Replace the segments inside table regions by one segment per region.

    Also says whether a table reaches the foot of its column (no text below it), so
    that it may run on overleaf.
    """
    try:
        regions = table_regions(page)
    except Exception as err:  # the text layer must not fail because table finding did
        log.warning("table regions not found on page %s: %s", page.page_number, err)
        return segments, False
    kept = list(segments)
    open_end = False
    for region in regions:
        x0, top, x1, bottom = region.bbox
        inside = [s for s in kept if x0 - 1 <= (s.x0 + s.x1) / 2 <= x1 + 1 and top - 1 <= (s.top + s.bottom) / 2 <= bottom + 1]
        if not inside:
            continue
        ids = {id(s) for s in inside}
        kept = [s for s in kept if id(s) not in ids]
        for seg in inside:
            seg.extra["in_table"] = True
        table = Segment([w for s in inside for w in s.words], table=True)
        table.extra["lines"] = inside
        table.extra["title"] = getattr(region, "title", "")
        kept.append(table)
        open_end = not any(s.top > bottom and s.x1 > x0 and s.x0 < x1 for s in segments if id(s) not in ids)
    return kept, open_end


def _edge_lines(page_index: int, segments: list[Segment], height: float) -> list[EdgeLine]:
    """The segments on the first and last `EDGE_ROWS` text rows of a page."""
    row_of: dict[int, int] = {}
    n_rows = 0
    row_top = None
    for key, seg in sorted(enumerate(segments), key=lambda item: item[1].top):
        if row_top is None or seg.top > row_top + 0.5 * seg.height:
            n_rows += 1
            row_top = seg.top
        row_of[key] = n_rows - 1
    lines = []
    for key, seg in enumerate(segments):
        row = row_of[key]
        outermost = row in (0, n_rows - 1)
        if row < EDGE_ROWS:
            lines.append(EdgeLine(page_index, key, seg.text, seg.top / height, True, outermost))
        elif row >= n_rows - EDGE_ROWS:
            lines.append(EdgeLine(page_index, key, seg.text, seg.top / height, False, outermost))
    return lines


def _page_rows(segments: list[Segment]) -> list[list[int]]:
    """Indices of the page's segments grouped into text rows, top to bottom."""
    rows: list[list[int]] = []
    bottom = None
    for key, seg in sorted(enumerate(segments), key=lambda item: item[1].top):
        if bottom is None or seg.top > bottom - 0.3 * seg.height:
            rows.append([key])
            bottom = seg.bottom
        else:
            rows[-1].append(key)
            bottom = max(bottom, seg.bottom)
    return rows


def _own_page_furniture(segments: list[Segment], width: float, height: float, body_size: float,
                        single_page: bool) -> set[int]:
    """Keys of the header and footer rows that a page shows by itself (no other page
    needed): up to `EDGE_ROWS` rows from each edge, each judged by `is_edge_furniture`."""
    rows = _page_rows(segments)
    found: set[int] = set()
    if len(rows) < 3:
        return found
    for order in (rows, rows[::-1]):
        at_top = order is rows
        for depth in range(min(EDGE_ROWS, len(order) - 2)):
            row, inner = [segments[k] for k in order[depth]], [segments[k] for k in order[depth + 1]]
            if at_top:
                gap = min(s.top for s in inner) - max(s.bottom for s in row)
                distance = min(s.top for s in row) / height
            else:
                gap = min(s.top for s in row) - max(s.bottom for s in inner)
                distance = 1 - max(s.bottom for s in row) / height
            edge = EdgeRow(tuple(s.text for s in sorted(row, key=lambda s: s.x0)), max(s.size for s in row),
                           max(s.height for s in row), gap, distance,
                           (max(s.x1 for s in row) - min(s.x0 for s in row)) / width)
            if not is_edge_furniture(edge, body_size, single_page):
                break
            found.update(order[depth])
    return found


def read_pdf(path: str | Path, pdf: pdfplumber.PDF | None = None, table_regions: TableRegions | None = None) -> Document:
    """Read a PDF into a `Document` of typed blocks in reading order.

    Raises `EmptyFileError`, `NotAPDFError`, `TruncatedPDFError`, `EncryptedPDFError` or
    `NoTextLayerError`, each with a one-line message naming the file. Pass `pdf` (from
    `open_pdf`) to share one parse with the tables stage; it is then left open.
    `table_regions` finds the table regions of a page (the tables stage's
    `find_table_regions`, passed in by the pipeline so that this stage does not import a
    later one); their text becomes one table block each instead of running text. Without
    it, every line is running text.
    """
    path = Path(path)
    own = pdf is None
    pdf = open_pdf(path) if own else pdf
    try:
        pages = list(pdf.pages)
        with parse_errors(path):
            page_segments = [group_segments(_page_words(page)) for page in pages]
        if not any(page_segments):
            raise NoTextLayerError(path)
        sizes = [(float(page.width), float(page.height)) for page in pages]
        return _build_document(path, pages, page_segments, sizes, table_regions)
    finally:
        if own:
            pdf.close()


def _build_document(path: Path, pages, page_segments: list[list[Segment]], sizes,
                    table_regions: TableRegions | None) -> Document:
    n_pages = len(pages)
    edge = [line for i, segs in enumerate(page_segments) for line in _edge_lines(i, segs, sizes[i][1])]
    furniture = find_furniture(edge, n_pages)
    all_segments = [s for segs in page_segments for s in segs]
    stats = blk.document_stats(all_segments)
    for index, segments in enumerate(page_segments):
        width, height = sizes[index]
        furniture.update((index, key) for key in _own_page_furniture(segments, width, height, stats.body_size,
                                                                              n_pages == 1))

    drafts: list[blk.Draft] = []
    region_id = 0
    ordered_lines: list[str] = []
    table_runs_on = False  # a table reached the foot of the last page: look for its rest
    for index, (page, segments) in enumerate(zip(pages, page_segments)):
        body = [s for key, s in enumerate(segments) if (index, key) not in furniture]
        if table_regions is not None and (may_hold_table(segments) or table_runs_on):
            body, table_runs_on = _table_segments(page, body, table_regions)
        else:
            table_runs_on = False
        for region in order_regions(body, stats.body_size):
            ordered_lines.extend(s.text for s in region if not s.table)
            region_id += 1
            region_drafts = blk.split_region(region, stats, index + 1, region_id)
            for i, draft in enumerate(region_drafts):
                draft.kind = blk.classify(draft, stats, region_drafts, i, sizes[index][1])
            drafts.extend(region_drafts)
    drafts = blk.stitch(drafts, indent_style=blk.uses_indents(drafts))
    vocab = Vocabulary.from_lines(ordered_lines)
    blocks = [blk.to_block(d, vocab) for d in drafts]
    return Document(doc_id=path.stem, path=str(path), n_pages=n_pages, blocks=blocks)
