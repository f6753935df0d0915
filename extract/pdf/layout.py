"""Page geometry: words -> line segments -> reading-ordered column regions.

Nothing here knows a document's fonts, sizes or margins. Every threshold is relative to
the text itself (the height of the words involved, or the body size measured on the
document), so the same code serves one-, two- and three-column pages, full-width
titles, abstracts and tables spanning columns, and margin notes.

Reading order is a recursive XY cut (Nagy & Seth 1984) with one guard against its
classic failure, aligned line gaps across columns: a horizontal cut is taken only where
the column structure changes (a part crosses the other's gutter, or a new column starts
below a large gap). Otherwise the region is cut vertically at its gutters, and a region
with neither is one column, read top to bottom.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass, field
from functools import lru_cache

from extract.textnorm import LIGATURES, expand_ligatures
from extract.types import Word


# A word gap wider than this many times the word height splits a line into segments
# (column gutters, table cells); justified word spaces stay well below one em.
SEGMENT_GAP_EM = 1.0
# Words are on the same line when they overlap vertically by this share of the smaller.
SAME_LINE_OVERLAP = 0.4
# Horizontal gap, relative to body size, that counts as a large vertical whitespace.
LARGE_GAP_EM = 1.4
# Narrowest vertical whitespace, relative to body size, that separates two columns.
GUTTER_EM = 0.6

_BOLD_MARKERS = ("bold", "black", "heavy", "semibold", "demi")


@dataclass(slots=True)
class Segment:
    """Words on one baseline without a gutter-sized gap: a line of one column.

    Geometry and style (`size`, `font`, `bold`, `uniform_font`, `text`) are computed
    once by `refresh()`; call it again after changing `words`.
    """

    words: list[Word]
    x0: float = 0.0
    top: float = 0.0
    x1: float = 0.0
    bottom: float = 0.0
    table: bool = False  # a whole table region standing in as one segment
    extra: dict = field(default_factory=dict)
    text: str = ""
    size: float = 0.0  # size carrying most characters
    font: str = ""  # font carrying most characters (style changes mark headings)
    bold: bool = False  # (nearly) all letters bold
    uniform_font: bool = False  # (nearly) all characters in `font`

    def __post_init__(self) -> None:
        if self.words:
            self.refresh()

    def refresh(self) -> None:
        words = self.words
        self.x0 = min(w.x0 for w in words)
        self.x1 = max(w.x1 for w in words)
        self.top = min(w.top for w in words)
        self.bottom = max(w.bottom for w in words)
        self.text = " ".join(w.text for w in words)
        sizes: Counter[float] = Counter()
        fonts: Counter[str] = Counter()
        bold = 0
        for w in words:
            n = len(w.text)
            sizes[w.size] += n
            fonts[w.font] += n
            bold += n if w.bold else 0
        total = sum(sizes.values())
        self.size = sizes.most_common(1)[0][0]
        self.font, in_font = fonts.most_common(1)[0]
        self.bold = total > 0 and bold >= 0.9 * total
        self.uniform_font = total > 0 and in_font >= 0.9 * total

    @property
    def height(self) -> float:
        return self.bottom - self.top


def is_bold_font(fontname: str) -> bool:
    name = fontname.lower()
    return any(marker in name for marker in _BOLD_MARKERS)


@lru_cache(maxsize=256)
def _is_bold_cached(fontname: str) -> bool:
    return is_bold_font(fontname)


_LIGATURE_CHARS = frozenset(LIGATURES)


def word_from_pdfplumber(raw: dict) -> Word:
    """Build a `Word` from `extract_words(return_chars=True)`; ligatures expanded.

    Each character gets its glyph's box; a glyph whose text is several letters (an
    expanded ligature, or a multi-letter ToUnicode mapping) gives each letter its box.
    """
    chars = raw["chars"]
    pieces = [c["text"] for c in chars]
    text = "".join(pieces)
    if len(text) == len(chars) and _LIGATURE_CHARS.isdisjoint(text):
        boxes = [(c["x0"], c["top"], c["x1"], c["bottom"]) for c in chars]
    else:  # slow path: some glyph stands for several letters
        text_parts: list[str] = []
        boxes = []
        for c, piece in zip(chars, pieces):
            piece = expand_ligatures(piece)
            text_parts.append(piece)
            boxes.extend([(c["x0"], c["top"], c["x1"], c["bottom"])] * len(piece))
        text = "".join(text_parts)
    sizes = Counter(round(c["size"], 1) for c in chars)
    fonts = Counter(c.get("fontname", "") for c in chars)
    size = sizes.most_common(1)[0][0] if sizes else 0.0
    font = fonts.most_common(1)[0][0] if fonts else ""
    bold = sum(n for name, n in fonts.items() if _is_bold_cached(name))
    n = len(chars)
    return Word(text, raw["x0"], raw["top"], raw["x1"], raw["bottom"], tuple(boxes), size, n > 0 and bold >= 0.5 * n,
                font)


def _vertical_overlap(a_top: float, a_bottom: float, b_top: float, b_bottom: float) -> float:
    return min(a_bottom, b_bottom) - max(a_top, b_top)


def group_segments(words: Sequence[Word]) -> list[Segment]:
    """Chain words left to right into line segments.

    A word continues a line when it overlaps the line's last word vertically and starts
    less than `SEGMENT_GAP_EM` word heights after it; a larger gap (gutter, table cell)
    starts a new segment. Lines of neighbouring columns never merge even where their
    baselines differ, and superscripts stay on their line. Open lines are bucketed by
    height so each word looks at a few candidates only (linear in practice).
    """
    if not words:
        return []
    heights = sorted(w.height for w in words)
    bucket = max(heights[len(heights) // 2], 1.0)
    buckets: dict[int, list[list[Word]]] = {}
    lines: list[list[Word]] = []
    for word in sorted(words, key=lambda w: (w.x0, w.top)):
        best: list[Word] | None = None
        best_overlap = 0.0
        key = int(word.top // bucket)
        for k in (key - 1, key, key + 1):
            for line in buckets.get(k, ()):
                last = line[-1]
                limit = SEGMENT_GAP_EM * max(last.height, word.height)
                gap = word.x0 - last.x1
                if gap > limit or gap < -0.5 * min(last.height, word.height):
                    continue
                anchor = line[0] if line[0].height >= last.height else last
                overlap = _vertical_overlap(anchor.top, anchor.bottom, word.top, word.bottom)
                share = overlap / max(1e-6, min(anchor.height, word.height))
                if share >= SAME_LINE_OVERLAP and share > best_overlap:
                    best, best_overlap = line, share
        if best is None:
            best = [word]
            lines.append(best)
            buckets.setdefault(key, []).append(best)
        else:
            best.append(word)
    segments = [Segment(line) for line in lines]
    segments.sort(key=lambda s: (round(s.top, 1), s.x0))
    return segments


# ---------------------------------------------------------------------------------------
# Reading order


def vertical_gaps(segments: Sequence[Segment], min_width: float) -> list[tuple[float, float]]:
    """x-intervals that no segment covers, between the leftmost and rightmost text."""
    spans = sorted((s.x0, s.x1) for s in segments)
    gaps = []
    reach = spans[0][1]
    for x0, x1 in spans[1:]:
        if x0 - reach >= min_width:
            gaps.append((reach, x0))
        reach = max(reach, x1)
    return gaps


def horizontal_gaps(segments: Sequence[Segment]) -> list[tuple[float, float, int]]:
    """y-intervals no segment covers, as (top, bottom, index of first segment below).

    `segments` must be sorted by top.
    """
    gaps = []
    reach = segments[0].bottom
    for i, seg in enumerate(segments[1:], start=1):
        if seg.top > reach:
            gaps.append((reach, seg.top, i))
        reach = max(reach, seg.bottom)
    return gaps


def _crosses(segments: Sequence[Segment], gutters: Sequence[tuple[float, float]]) -> bool:
    tol = 1.0
    return any(s.x0 < g0 - tol and s.x1 > g1 + tol for s in segments for g0, g1 in gutters)


def _occupied(segments: Sequence[Segment], gutters: Sequence[tuple[float, float]]) -> set[int]:
    """Indices of the columns (intervals between gutters) holding a segment."""
    cols = set()
    for s in segments:
        centre = (s.x0 + s.x1) / 2
        cols.add(sum(1 for g0, _ in gutters if centre > g0))
    return cols


def _structure_changes(above: list[Segment], below: list[Segment], gap: float,
                       region_gutters: list[tuple[float, float]], body_size: float) -> bool:
    """Whether a horizontal cut between `above` and `below` separates different layouts.

    True when one part crosses a gutter of the other (full-width abstract over two
    columns, a table over text), or when below a large gap a column starts that holds
    nothing above (margin notes beside the body that begins under a title block).
    """
    min_gutter = GUTTER_EM * body_size
    if _crosses(above, vertical_gaps(below, min_gutter)) or _crosses(below, vertical_gaps(above, min_gutter)):
        return True
    if gap >= LARGE_GAP_EM * body_size and region_gutters:
        return bool(_occupied(below, region_gutters) - _occupied(above, region_gutters))
    return False


def order_regions(segments: Sequence[Segment], body_size: float) -> list[list[Segment]]:
    """Split a page's segments into regions (single columns) in reading order.

    Each returned region is sorted top to bottom. See the module docstring.
    """
    if not segments:
        return []
    ordered = sorted(segments, key=lambda s: (s.top, s.x0))
    return _xy_cut(ordered, body_size)


def side_by_side(segments: Sequence[Segment]) -> list[Segment]:
    """Segments that share their row with another segment (a line of one of several
    columns, a table cell); `segments` sorted by top."""
    out = []
    for i, seg in enumerate(segments):
        for j in range(i - 1, -1, -1) if i else ():
            other = segments[j]
            if other.top < seg.top - 4 * max(seg.height, other.height):
                break
            if _beside(seg, other):
                out.append(seg)
                break
        else:
            for other in segments[i + 1:]:
                if other.top > seg.bottom:
                    break
                if _beside(seg, other):
                    out.append(seg)
                    break
    return out


def _beside(a: Segment, b: Segment) -> bool:
    overlap = min(a.bottom, b.bottom) - max(a.top, b.top)
    return overlap > 0.3 * min(a.height, b.height) and (b.x0 >= a.x1 or b.x1 <= a.x0)


# Column lines that sit side by side in at least this many segments show the region's
# column gutters even where a full-width float (caption, abstract, figure) crosses them.
MIN_SIDE_BY_SIDE = 6


def _float_edge(segments: list[Segment], index: int, top: float, bottom: float,
                gutters: list[tuple[float, float]], body_size: float) -> bool:
    """Whether the lines just above and just below a whitespace differ in crossing the
    columns' gutters: a full-width float (caption, figure, abstract) against columns.

    Measured at the cut only, so a float sandwiched between two parts of the columns (a
    caption above them and another below) is still cut out of them."""
    above = [s for s in segments[:index] if s.bottom >= top - body_size]
    below = [s for s in segments[index:] if s.top <= bottom + body_size]
    return _crosses(above, gutters) != _crosses(below, gutters)


def _xy_cut(segments: list[Segment], body_size: float) -> list[list[Segment]]:
    if len(segments) == 1:
        return [segments]
    gutters = vertical_gaps(segments, GUTTER_EM * body_size)
    paired = side_by_side(segments)
    column_gutters = vertical_gaps(paired, GUTTER_EM * body_size) if len(paired) >= MIN_SIDE_BY_SIDE else []
    # Of the cuts that separate different layouts, take the widest whitespace: the
    # last line of a caption stays with the caption, not with the columns below it.
    best: tuple[float, int] | None = None
    for top, bottom, index in horizontal_gaps(segments):
        if best is not None and bottom - top <= best[0]:
            continue
        if _structure_changes(segments[:index], segments[index:], bottom - top, gutters, body_size) or (
                column_gutters and not gutters and _float_edge(segments, index, top, bottom, column_gutters, body_size)):
            best = (bottom - top, index)
    if best is not None:
        index = best[1]
        return _xy_cut(segments[:index], body_size) + _xy_cut(segments[index:], body_size)
    if gutters:
        columns: list[list[Segment]] = [[] for _ in range(len(gutters) + 1)]
        for seg in segments:
            columns[sum(1 for g0, _ in gutters if seg.x0 >= g0)].append(seg)
        regions: list[list[Segment]] = []
        for column in columns:
            if column:
                regions.extend(_xy_cut(column, body_size))
        return regions
    return [segments]
