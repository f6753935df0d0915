"""Cells of a table span: column gutters, header lines, rows whose cells wrap, footnotes.

Columns come from whitespace: x-intervals that (almost) no word of a data line covers,
or vertical rules where the table is a ruled grid. Lines become rows by rules between
them where the table rules its rows, else by how full a line is and how tight it sits.
"""

from __future__ import annotations

import bisect
import math
import re
from dataclasses import dataclass

from extract.tables.layout import Line, Rule, median_height
from extract.types import Box, Word
from extract.tables.locate import MARKER_START, TableSpan



@dataclass
class Cell:
    text: str
    bbox: Box | None  # None for an empty cell
    page: int

    def to_dict(self) -> dict:
        return {"text": self.text, "page": self.page, "bbox": list(self.bbox) if self.bbox else None}


@dataclass
class Grid:
    header: list[Cell]
    rows: list[list[Cell]]
    footnotes: list[str]
    bounds: list[float]  # column boundaries (x), len = columns - 1
    starts: list[float]  # left edge of each column's text


def join_fragments(first: str, second: str) -> str:
    """Join the lines of a wrapped cell: 'Hyper-CVAD-' + 'inotuzumab' keeps the hyphen, no space."""
    if not first:
        return second
    if not second:
        return first
    if first.endswith("-") and len(first) > 1 and first[-2].isalnum():
        return first + second
    return first + " " + second


def _union(boxes: list[Box]) -> Box | None:
    if not boxes:
        return None
    return (round(min(b[0] for b in boxes), 2), round(min(b[1] for b in boxes), 2),
            round(max(b[2] for b in boxes), 2), round(max(b[3] for b in boxes), 2))


def column_bounds(lines: list[Line], x0: float, x1: float, vcuts: tuple[float, ...]) -> list[float]:
    """Column boundaries: vertical rules, else the middles of whitespace gutters of data lines."""
    if vcuts and lines:
        # rules with text on both sides: a table's frame, or a rule beyond its last
        # column, divides nothing
        ink0, ink1 = min(ln.x0 for ln in lines), max(ln.x1 for ln in lines)
        inner = sorted(c for c in vcuts if ink0 + 1 < c < ink1 - 1)
        if inner:
            return inner
    multi = [ln for ln in lines if len(ln.segments()) >= 2] or lines
    if not multi:
        return []
    h = median_height(multi)
    step = 0.5
    n = max(1, int(math.ceil((x1 - x0) / step)) + 1)
    cover = [0] * n
    for ln in multi:
        for seg in ln.segments():
            a = max(0, int((seg[0].x0 - x0) / step))
            b = min(n - 1, int((seg[-1].x1 - x0) / step))
            for i in range(a, b + 1):
                cover[i] += 1
    # a gutter may be crossed by a few overflowing cells, never by most lines
    allowed = int(0.15 * len(multi))
    bounds: list[float] = []
    i = 0
    first_ink = next((k for k, c in enumerate(cover) if c > 0), 0)
    last_ink = max((k for k, c in enumerate(cover) if c > 0), default=n - 1)
    while i < n:
        if cover[i] <= allowed and first_ink < i < last_ink:
            j = i
            while j < n and cover[j] <= allowed:
                j += 1
            if (j - i) * step >= 0.5 * h:
                bounds.append(x0 + (i + j) / 2 * step)
            i = j
        else:
            i += 1
    return bounds


def column_of(word: Word, bounds: list[float]) -> int:
    return bisect.bisect_left(bounds, word.xc)


def line_cells(line: Line, bounds: list[float]) -> dict[int, list[Word]]:
    cells: dict[int, list[Word]] = {}
    for word in line.words:
        cells.setdefault(column_of(word, bounds), []).append(word)
    return cells


def _text(words: list[Word]) -> str:
    return " ".join(w.text for w in words)


# a value cell: a number alone or followed by %, a bracket, a slash, a range or a marker;
# "3-year OS" (a header) is not one
_NUMERIC = re.compile(
    r"^(?:[<>≥≤~]?\s*\d+(?:[.,]\d+)?\s*(?:$|%|\(|/|[∆Δ*†‡§¶#]|[a-h]$|[-–]\s*\d|\s+\d)|(?:NA|NR|NE|ND|n/?a|-|–|—)(?:$|/))",
    re.I)


def is_data_line(line: Line, bounds: list[float]) -> bool:
    """A line of values: at least two of its cells (beyond the first column) start with a number or NA."""
    cells = line_cells(line, bounds)
    numeric = sum(1 for col, words in cells.items() if col > 0 and _NUMERIC.match(_text(words)))
    return numeric >= 2 or (numeric >= 1 and len(cells) <= 2)


def split_header(span: TableSpan) -> tuple[list[Line], list[Line]]:
    """Header lines and data lines: the first rule inside the body separates them, else
    the first line of values does."""
    lines = span.body_lines
    if not lines:
        return [], []
    # a partial rule (under a spanning header cell) does not end the header
    inner = [r for r in span.rules if lines[0].top < r.y < lines[-1].bottom and r.width >= 0.8 * (span.x1 - span.x0)]
    if inner:
        cut = inner[0].y
        head = [ln for ln in lines if ln.bottom <= cut + 1]
        if head and len(head) < len(lines):
            return head, [ln for ln in lines if ln.bottom > cut + 1]
    bounds = column_bounds(lines, span.x0, span.x1, span.vcuts)
    for i, ln in enumerate(lines):
        if i > 0 and is_data_line(ln, bounds):
            return lines[:i], lines[i:]
    return lines[:1], lines[1:]


_JOINER_END = re.compile(r"(?:-|/|,|\+|\(|\band|\bor|\bwith|\bof)$", re.I)


def group_rows(lines: list[Line], bounds: list[float], rules: list[Rule]) -> list[list[Line]]:
    """Lines -> rows. A rule between two lines ends a row; where rules separate most rows
    only rules do. Otherwise a line filling few columns continues the row above when it sits
    tighter than rows do, or (even spacing) when it reads as the rest of a wrapped cell."""
    if not lines:
        return []
    ncols = len(bounds) + 1

    def ruled(a: Line, b: Line) -> bool:
        return any(a.bottom - 1 <= r.y <= b.top + 1 for r in rules)

    row_rules = sum(1 for a, b in zip(lines, lines[1:]) if ruled(a, b))
    occupancy = [set(line_cells(ln, bounds)) for ln in lines]
    full = [len(occ) >= max(2, math.ceil(0.5 * ncols)) for occ in occupancy]
    pitches = [b.top - a.top for a, b in zip(lines, lines[1:])]
    full_pitches = sorted(p for p, fa, fb in zip(pitches, full, full[1:]) if fa and fb)
    h = median_height(lines)
    threshold = None
    if full_pitches and pitches:
        row_pitch, tight = full_pitches[len(full_pitches) // 2], min(pitches)
        if row_pitch - tight > 0.08 * h:
            threshold = (row_pitch + tight) / 2

    rows: list[list[Line]] = [[lines[0]]]
    row_full = [full[0]]
    for i in range(1, len(lines)):
        line, prev, pitch = lines[i], lines[i - 1], pitches[i - 1]
        if row_rules >= 2:
            new_row = ruled(prev, line)
        elif ruled(prev, line):
            new_row = True
        elif full[i]:
            # a full line after a partial start sitting tight: the row's cells are centred
            new_row = row_full[-1] or threshold is None or pitch > threshold
        elif threshold is not None:
            new_row = pitch > threshold
        else:
            new_row = not _reads_on(rows[-1], line, bounds)
        if new_row:
            rows.append([line])
            row_full.append(full[i])
        else:
            rows[-1].append(line)
            row_full[-1] = row_full[-1] or full[i]
    return rows


def _reads_on(row: list[Line], line: Line, bounds: list[float]) -> bool:
    """Evenly spaced lines: does `line` read as the wrapped rest of cells in `row`?"""
    cells = line_cells(line, bounds)
    above: dict[int, str] = {}
    for ln in row:
        for col, words in line_cells(ln, bounds).items():
            above[col] = _text(words)
    for col, words in cells.items():
        text = _text(words)
        if col not in above:
            return False
        if not (text[:1].islower() or _JOINER_END.search(above[col]) or col > 0):
            return False
    return True


def header_cells(line: Line, bounds: list[float], extents: list[tuple[float, float] | None]) -> dict[int, list[Word]]:
    """Header words -> columns. A header run of words stays in one column, the one whose
    data it overlaps most ('remission, %' may stick out over the gutter to its right);
    a run over several columns' data is split word by word."""
    cells: dict[int, list[Word]] = {}
    for seg in line.segments():
        a, b = seg[0].x0, seg[-1].x1
        overlaps = [(min(b, e[1]) - max(a, e[0]), col) for col, e in enumerate(extents) if e]
        hit = [(ov, col) for ov, col in overlaps if ov > 0]
        if len(hit) == 1:
            cells.setdefault(hit[0][1], []).extend(seg)
        else:
            for word in seg:
                cells.setdefault(column_of(word, bounds), []).append(word)
    return cells


def column_extents(lines: list[Line], bounds: list[float]) -> list[tuple[float, float] | None]:
    ncols = len(bounds) + 1
    found: list[list[Word]] = [[] for _ in range(ncols)]
    for ln in lines:
        for col, words in line_cells(ln, bounds).items():
            found[col].extend(words)
    return [(min(w.x0 for w in ws), max(w.x1 for w in ws)) if ws else None for ws in found]


def row_cells(row: list[Line], bounds: list[float], page: int,
              extents: list[tuple[float, float] | None] | None = None) -> list[Cell]:
    """Cells of one row; with `extents` (the data's column extents) the row is a header."""
    ncols = len(bounds) + 1
    texts = [""] * ncols
    boxes: list[list[Box]] = [[] for _ in range(ncols)]
    for line in row:
        cells = header_cells(line, bounds, extents) if extents else line_cells(line, bounds)
        for col, words in sorted(cells.items()):
            texts[col] = join_fragments(texts[col], _text(words))
            boxes[col].extend((w.x0, w.top, w.x1, w.bottom) for w in words)
    return [Cell(texts[c], _union(boxes[c]), page) for c in range(ncols)]


_LETTER_START = re.compile(r"^[a-h]\s+[A-Z0-9]")


def split_footnotes(lines: list[Line], right: float = 0.0) -> list[str]:
    """Footnote lines -> notes: a note starts with a marker (symbol, or a letter before a
    capital), or after a line that stops short of the table's right edge `right`."""
    notes: list[str] = []
    if not lines:
        return notes
    right = max([right] + [ln.x1 for ln in lines])
    prev: Line | None = None
    for ln in lines:
        text = ln.text
        starts_new = (prev is None or text[:1] in MARKER_START or bool(_LETTER_START.match(text))
                      or prev.x1 < right - 2 * prev.height)
        if starts_new:
            notes.append(text)
        else:
            notes[-1] = join_fragments(notes[-1], text)
        prev = ln
    return notes


def read_grid(span: TableSpan, bounds: list[float] | None = None, header: bool = False) -> Grid:
    """Header, rows and footnotes of a span. With `bounds` (the columns of the part before)
    the span is a continued body: no header unless `header` says it repeats one."""
    if bounds is None:
        head, data = split_header(span)
        bounds = column_bounds(data or span.body_lines, span.x0, span.x1, span.vcuts)
    elif header:
        head, data = split_header(span)
    else:
        head, data = [], span.body_lines
    header = row_cells(head, bounds, span.page, column_extents(data, bounds)) if head else []
    rows = [row_cells(r, bounds, span.page) for r in group_rows(data, bounds, span.rules)]
    if span.frame is not None and span.frame.turn != "none":  # cell boxes back in page coordinates
        for cell in [*header, *(c for r in rows for c in r)]:
            if cell.bbox:
                cell.bbox = tuple(round(v, 2) for v in span.frame.to_page(cell.bbox))
    starts = []
    for col in range(len(bounds) + 1):
        xs = [w.x0 for ln in data for c, ws in line_cells(ln, bounds).items() if c == col for w in ws[:1]]
        starts.append(min(xs) if xs else (bounds[col - 1] if col else span.x0))
    return Grid(header, rows, split_footnotes(span.footnote_lines, span.x1), bounds, starts)
