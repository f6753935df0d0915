"""Find table spans on a page: the "Table N" title, the body below it and its footnotes.

A span is anchored on a title line ("Table 2 ...", "Table 2 (continued)") and grows
downwards: horizontal rules that chain through table-like lines (booktabs or full grid),
else lines whose words fall into several segments (column gutters); then footnote lines
set tighter or smaller than the text that follows. A title line that is not followed by
such a body (a paragraph line that happens to start with "Table 2 shows") is no table.
"""

from __future__ import annotations

import math
import weakref
from dataclasses import dataclass, field

from extract.tables.layout import (
    CONTINUED_RE,
    OTHER_CAPTION_RE,
    TITLE_RE,
    Line,
    Rule,
    Word,
    group_lines,
    horizontal_rules,
    median_height,
    words_from_chars,
    Frame,
    vertical_rule_xs,
)
from extract.types import Box

MARKER_START = "∆Δ*†‡§¶#"


@dataclass
class TableSpan:
    """Where one table (or one page's part of it) lies, before cells are read."""

    number: str
    title: str
    continued: bool
    page: int
    x0: float
    x1: float
    top: float
    bottom: float
    title_lines: list[Line] = field(default_factory=list)
    body_lines: list[Line] = field(default_factory=list)
    footnote_lines: list[Line] = field(default_factory=list)
    rules: list[Rule] = field(default_factory=list)
    vcuts: tuple[float, ...] = ()
    open_end: bool = False  # ends at the page foot without footnotes: may continue overleaf
    frame: Frame | None = None  # the page's reading frame (turned for a sideways table)

    @property
    def bbox(self) -> Box:
        """Page coordinates, rounded outwards so cropping to the box keeps every glyph."""
        box = (self.x0, self.top, self.x1, self.bottom)
        x0, top, x1, bottom = self.frame.to_page(box) if self.frame else box
        return (math.floor(x0 * 100) / 100, math.floor(top * 100) / 100,
                math.ceil(x1 * 100) / 100, math.ceil(bottom * 100) / 100)


@dataclass
class PageLayout:
    """A page in its reading frame: text lines, horizontal rules and all edges."""

    number: int
    width: float
    lines: list[Line]
    rules: list[Rule]
    edges: list[dict]
    frame: Frame

    @classmethod
    def of(cls, page) -> PageLayout:
        frame = Frame.of(page)
        edges = frame.edges(page)
        words = words_from_chars(frame.chars(page))
        return cls(int(page.page_number), frame.reading_width, group_lines(words), horizontal_rules(edges),
                   edges, frame)


def title_match(line: Line):
    """(segment words, match) when a segment of the line starts with 'Table N'."""
    for seg in line.segments():
        text = " ".join(w.text for w in seg)
        m = TITLE_RE.match(text)
        if m:
            return seg, m
    return None


def is_caption(line: Line) -> bool:
    for seg in line.segments():
        text = " ".join(w.text for w in seg)
        if TITLE_RE.match(text) or OTHER_CAPTION_RE.match(text):
            return True
    return False


def is_prose(words: list[Word], width: float) -> bool:
    """A run of running text: many words over a good part of the table width."""
    return len(words) >= 7 and (words[-1].x1 - words[0].x0) > 0.3 * width


def is_running_text(line: Line, width: float) -> bool:
    """Running text rather than a table row: one run of prose, or prose in two columns
    (a row may hold one long text cell beside its values)."""
    segs = line.segments()
    prose = sum(1 for s in segs if is_prose(s, width if len(segs) == 1 else width / 2))
    return prose >= 1 and (len(segs) == 1 or prose >= 2)


def column_gutter(lines: list[Line], page_width: float) -> tuple[float, float] | None:
    """The page's column gutter (two-column text), as an x-interval, if there is one."""
    words = [w for ln in lines for w in ln.words]
    if len(words) < 20:
        return None
    lo, hi = int(0.3 * page_width), int(0.7 * page_width)
    cover = {x: 0 for x in range(lo, hi)}
    for w in words:
        for x in range(max(lo, int(w.x0)), min(hi, int(w.x1) + 1)):
            cover[x] += 1
    # page-wide floats (tables, titles) cross a real gutter too: allow a few crossings
    counts = sorted(cover.values())
    least = counts[0]
    limit = least + 0.25 * (counts[len(counts) // 2] - least)
    best: tuple[int, int] | None = None
    start = None
    for x in range(lo, hi + 1):
        quiet = x < hi and cover[x] <= limit
        if quiet and start is None:
            start = x
        elif not quiet and start is not None:
            if best is None or x - start > best[1] - best[0]:
                best = (start, x)
            start = None
    if best is None or best[1] - best[0] < 4:
        return None
    gx0, gx1 = best
    split = sum(1 for ln in lines if any(w.x1 < gx0 for w in ln.words) and any(w.x0 > gx1 for w in ln.words)
                and not any(w.x0 < gx1 and w.x1 > gx0 for w in ln.words))
    one_side = sum(1 for ln in lines if not any(w.x0 < gx1 and w.x1 > gx0 for w in ln.words))
    crossing = len(lines) - one_side
    if one_side < 8 or one_side < crossing or split < 3:
        return None
    return float(gx0), float(gx1)


def table_extent(layout: PageLayout, index: int, seg: list[Word]) -> tuple[float, float]:
    """Left and right edge of the table whose title segment is `seg` on line `index`."""
    title = layout.lines[index]
    h = title.height
    tx0, tx1 = seg[0].x0, seg[-1].x1
    for rule in layout.rules:
        if title.bottom - 1 <= rule.y <= title.bottom + 4 * h and rule.x0 <= tx0 + h and rule.x1 > tx0 + h:
            return min(tx0, rule.x0), max(tx1, rule.x1)
    words = [w for ln in layout.lines for w in ln.words]
    left, right = min(w.x0 for w in words), max(w.x1 for w in words)
    gutter = column_gutter(layout.lines, layout.width)
    if gutter is None:
        return left, right
    gx0, gx1 = gutter
    if tx0 < gx1 and tx1 > gx0:
        return left, right  # the title itself crosses the gutter: a page-wide float
    side = (left, gx0) if tx1 <= gx0 else (gx1, right)
    other = (gx1, right) if tx1 <= gx0 else (left, gx0)
    nearby = [ln for ln in layout.lines[index + 1:index + 10] if ln.top < title.bottom + 14 * h]
    if any(w.x0 < gx1 and w.x1 > gx0 for ln in nearby for w in ln.words):
        return left, right  # table rows cross the gutter
    other_lines = [ln.within(*other) for ln in nearby]
    other_lines = [ln for ln in other_lines if ln.words]
    prose = sum(1 for ln in other_lines if is_prose(ln.words, other[1] - other[0]) or len(ln.words) >= 5)
    if other_lines and prose >= len(other_lines) / 2:
        return side
    return left, right


def _overlaps(rule: Rule, x0: float, x1: float) -> bool:
    overlap = min(rule.x1, x1) - max(rule.x0, x0)
    return overlap > 0.5 * min(rule.width, x1 - x0)


def grow_span(layout: PageLayout, index: int, seg: list[Word], match) -> TableSpan | None:
    """The table anchored at the title on line `index`, or None when no table body follows."""
    x0, x1 = table_extent(layout, index, seg)
    width = x1 - x0
    # lines again from the words inside the table's x-range: beside a column of running
    # text, page-wide lines would mix the two
    inside = [w for ln in layout.lines[index:] for w in ln.words
              if x0 - 1 <= w.xc <= x1 + 1 and w.bottom > seg[0].top]
    regrouped = group_lines(inside)
    first = next(i for i, ln in enumerate(regrouped) if seg[0] in ln.words)
    title_line = regrouped[first]
    h = title_line.height
    below = [ln for ln in regrouped[first + 1:] if ln.top >= title_line.top]
    rules = [r for r in layout.rules if r.y > title_line.top + 0.5 * h and _overlaps(r, x0, x1)]

    # title: the title line plus wrapped lines set tight under it, single runs, aligned
    # with it (left edge, text after "Table N", or centred like it) or long like a caption
    title_lines = [title_line]
    text_x0s = {round(title_line.x0)} | {round(w.x0) for w in title_line.words[2:3]}
    centre = (title_line.x0 + title_line.x1) / 2
    pos = 0
    while pos < len(below):
        ln = below[pos]
        prev = title_lines[-1]
        ruled = any(prev.bottom - 1 <= r.y <= ln.top + 1 for r in rules)
        aligned = (any(abs(ln.x0 - x) <= 2 for x in text_x0s) or abs((ln.x0 + ln.x1) / 2 - centre) <= 0.02 * width + 2
                   or ln.x1 - ln.x0 >= 0.5 * width)
        if ruled or ln.top - prev.bottom > 0.7 * h or len(ln.segments()) > 1 or not aligned or is_caption(ln):
            break
        title_lines.append(ln)
        pos += 1
    cursor = title_lines[-1].bottom

    # ruled body: rules chained through table-like lines
    chain: list[Rule] = []
    last_y = cursor
    for rule in rules:
        between = [ln for ln in below[pos:] if ln.top >= last_y - 1 and ln.bottom <= rule.y + 1]
        if any(is_caption(ln) or is_running_text(ln, width) for ln in between):
            break
        ys = [last_y] + [v for ln in between for v in (ln.top, ln.bottom)] + [rule.y]
        if max(b - a for a, b in zip(ys[::2], ys[1::2])) > 3 * h:
            break
        chain.append(rule)
        last_y = rule.y
    body: list[Line] = []
    if chain:
        body = [ln for ln in below[pos:] if cursor - 1 <= ln.top and ln.bottom <= chain[-1].y + 1]
        cursor = chain[-1].y
    rest = [ln for ln in below[pos:] if ln.top > cursor - 0.5]
    if len(chain) < 2:
        # unruled body (or one rule under the header)
        more, rest = walk_unruled(rest, cursor, median_height(body) if body else h, width, bool(body))
        body += more
        cursor = max([cursor] + [ln.bottom for ln in body])

    multi = sum(1 for ln in body if len(ln.segments()) >= 2)
    if multi < 2 and not (len(chain) >= 2 and len(body) >= 2):
        return None

    footnotes = footnote_lines(rest, cursor, median_height(body), width)
    after = [ln for ln in rest[len(footnotes):] if ln.top > cursor]
    # nothing but page furniture below: the body may run on to the next page
    open_end = not footnotes and (len(after) <= 2 and (not after or after[0].top - cursor > 3 * h))
    bottom = max([cursor] + [ln.bottom for ln in footnotes])
    all_lines = title_lines + body + footnotes
    left = min([ln.x0 for ln in all_lines] + [r.x0 for r in chain])
    right = max([ln.x1 for ln in all_lines] + [r.x1 for r in chain])
    body_top = body[0].top if body else cursor
    rest_title = match["rest"].strip()
    continued = bool(CONTINUED_RE.match(rest_title))
    return TableSpan(
        number=match["num"], title=" ".join(ln.text for ln in title_lines), continued=continued,
        page=layout.number, x0=left, x1=right, top=title_line.top, bottom=bottom,
        title_lines=title_lines, body_lines=body, footnote_lines=footnotes, rules=chain,
        vcuts=vertical_rule_xs(layout.edges, body_top, cursor, left, right), open_end=open_end)


def walk_unruled(rest: list[Line], cursor: float, h_body: float, width: float,
                 started: bool) -> tuple[list[Line], list[Line]]:
    """Body lines from `rest`: lines in several segments, or short lines set tight after
    them (wrapped cells). Returns (body lines, the lines after them)."""
    body: list[Line] = []
    prev_bottom = cursor
    for ln in rest:
        segs = ln.segments()
        gap = ln.top - prev_bottom
        if is_caption(ln) or gap > 2.2 * h_body or is_running_text(ln, width):
            break
        if len(segs) < 2 and not ((body or started) and gap <= 0.8 * h_body and ln.height <= 1.1 * h_body):
            break
        body.append(ln)
        prev_bottom = ln.bottom
    after = rest[len(body):]
    # short lines that end the body but are footnotes: smaller type or a marker first
    h_all = median_height(body) if body else h_body
    while body and len(body[-1].segments()) < 2 and (
            body[-1].height < 0.93 * h_all or body[-1].text[:1] in MARKER_START):
        after.insert(0, body.pop())
    return body, after


def footnote_lines(rest: list[Line], cursor: float, h_body: float, width: float) -> list[Line]:
    """Lines right under the body, set no larger than the cells and tighter than the text after."""
    notes: list[Line] = []
    prev = cursor
    for ln in rest:
        gap = ln.top - prev
        if is_caption(ln) or ln.height > 1.08 * h_body:
            break
        if gap > (1.5 * h_body if not notes else 0.6 * ln.height):
            break
        if notes and abs(ln.height - notes[0].height) > 0.2 * notes[0].height:
            break
        segs = ln.segments()
        if len(segs) >= 2 and sum(1 for s in segs if is_prose(s, width / 2)) >= 2:
            break  # two columns of running text
        notes.append(ln)
        prev = ln.bottom
    return notes


# spans of pages already read (the text layer asks for a page and, for tables carried
# over, the page before it): pdfplumber keeps its Page objects, so they key the cache
_SEEN: weakref.WeakKeyDictionary = weakref.WeakKeyDictionary()


def find_spans(page, layout: PageLayout | None = None) -> list[TableSpan]:
    """All table spans on one pdfplumber page, top to bottom."""
    if layout is None:
        try:
            return _SEEN[page]
        except (KeyError, TypeError):
            pass
    spans = _find_spans(page, layout or PageLayout.of(page))
    try:
        _SEEN[page] = spans
    except TypeError:  # a page-like object that takes no weak reference
        pass
    return spans


def _find_spans(page, layout: PageLayout) -> list[TableSpan]:
    spans: list[TableSpan] = []
    for index, line in enumerate(layout.lines):
        found = title_match(line)
        if found is None or any(s.top <= line.top <= s.bottom and s.x0 <= found[0][0].x0 <= s.x1 for s in spans):
            continue
        span = grow_span(layout, index, *found)
        if span is not None:
            span.frame = layout.frame
            spans.append(span)
    if layout.frame.turn == "none":
        spans += grid_spans(page, layout, spans)
        spans.sort(key=lambda s: (s.top, s.x0))
    return spans


# A ruled grid is a table when it has at least this many rows and columns of cells
# holding text.
MIN_GRID_ROWS = 2
MIN_GRID_COLS = 2
_LATTICE = {"vertical_strategy": "lines", "horizontal_strategy": "lines"}


def grid_spans(page, layout: PageLayout, taken: list[TableSpan]) -> list[TableSpan]:
    """Tables drawn as a ruled grid (every cell boxed) that no title anchored: the grid
    itself says where the table is, its column lines where the columns are. A title
    right above the grid ("Table A-1.") is taken as its title; without one the table is
    numbered by its page and place ("p3.1")."""
    if not layout.edges or sum(1 for e in layout.edges if e.get("orientation") == "v") < 3:
        return []
    try:
        found = page.find_tables(_LATTICE)
    except Exception:  # noqa: BLE001 - a grid that pdfplumber cannot resolve is no table
        return []
    spans: list[TableSpan] = []
    for table in sorted(found, key=lambda t: (t.bbox[1], t.bbox[0])):
        x0, top, x1, bottom = (float(v) for v in table.bbox)
        if any(s.x0 < x1 and x0 < s.x1 and s.top < bottom and top < s.bottom for s in taken + spans):
            continue
        body = [ln.within(x0, x1) for ln in layout.lines if ln.top >= top - 1 and ln.bottom <= bottom + 1]
        body = [ln for ln in body if ln.words]
        cells = [c for row in table.rows for c in row.cells if c is not None]
        xs = sorted({round(v, 1) for c in cells for v in (c[0], c[2])})
        cuts: list[float] = []
        for x in xs:
            if x0 + 3 < x < x1 - 3 and (not cuts or x - cuts[-1] > 2):
                cuts.append(x)
        filled = [ln for ln in body if len(ln.segments(tuple(cuts))) >= 2]
        if len(table.rows) < MIN_GRID_ROWS or len(cuts) + 1 < MIN_GRID_COLS or len(filled) < MIN_GRID_ROWS:
            continue
        rules = [r for r in layout.rules if top - 1 <= r.y <= bottom + 1 and _overlaps(r, x0, x1)]
        title_lines, number, title, continued = _title_above(layout, top, x0, x1, body)
        spans.append(TableSpan(
            number=number or f"p{layout.number}.{len(spans) + 1}", title=title, continued=continued,
            page=layout.number, x0=x0, x1=x1, top=min([top] + [ln.top for ln in title_lines]), bottom=bottom,
            title_lines=title_lines, body_lines=body, footnote_lines=[], rules=rules, vcuts=tuple(cuts),
            open_end=False, frame=layout.frame))
    return spans


def _title_above(layout: PageLayout, top: float, x0: float, x1: float,
                 body: list[Line]) -> tuple[list[Line], str, str, bool]:
    """The "Table N" title line set just above a grid (within three line heights), if any."""
    h = median_height(body) if body else 10.0
    above = [ln.within(x0 - 2 * h, x1) for ln in layout.lines if top - 3 * h <= ln.bottom <= top + 1]
    for ln in reversed([a for a in above if a.words]):
        found = title_match(ln)
        if found is not None:
            match = found[1]
            return [ln], match["num"], ln.text, bool(CONTINUED_RE.match(match["rest"].strip()))
    return [], "", "", False


def continuation_span(before: TableSpan, layout: PageLayout, grid) -> TableSpan | None:
    """The body of `before` (which ran to its page foot) carried over to the top of this
    page without a title: the first lines whose cells start where `before`'s columns start."""
    if not before.open_end or not grid.rows:
        return None
    h = median_height(before.body_lines)
    # a little wider than the part before: its box may have been set by its body's words
    x0, x1 = before.x0 - h, before.x1 + h
    lines = [ln.within(x0, x1) for ln in layout.lines]
    lines = [ln for ln in lines if ln.words]
    start = None
    for i, ln in enumerate(lines[:4]):
        if is_caption(ln):
            return None
        hits = sum(1 for seg in ln.segments() if any(abs(seg[0].x0 - s) <= h for s in grid.starts))
        if hits >= 2 and hits >= 0.5 * len(ln.segments()):
            start = i
            break
    if start is None:
        return None
    width = x1 - x0
    top = lines[start].top
    rules = [r for r in layout.rules if r.y > top - 0.5 * h and _overlaps(r, x0, x1)]
    body, rest = walk_unruled(lines[start:], top, h, width, True)
    if not body:
        return None
    cursor = body[-1].bottom
    closing = [r for r in rules if cursor - 1 <= r.y <= (rest[0].top if rest else cursor + 3 * h)]
    if closing:
        cursor = closing[0].y
    footnotes = footnote_lines(rest, cursor, median_height(body), width)
    bottom = max([cursor] + [ln.bottom for ln in footnotes])
    after = [ln for ln in rest[len(footnotes):] if ln.top > cursor]
    open_end = not footnotes and len(after) <= 2 and (not after or after[0].top - cursor > 3 * h)
    inner = [r for r in rules if r.y <= cursor + 1]
    return TableSpan(
        number=before.number, title="", continued=True, page=layout.number,
        x0=min([ln.x0 for ln in body + footnotes] + [r.x0 for r in closing]),
        x1=max([ln.x1 for ln in body + footnotes] + [r.x1 for r in closing]),
        top=min([top] + [r.y for r in inner]), bottom=bottom, body_lines=body, footnote_lines=footnotes,
        rules=inner, vcuts=vertical_rule_xs(layout.edges, top, cursor, x0, x1), open_end=open_end,
        frame=layout.frame)
