"""Page geometry for table finding: words -> text lines -> segments, and horizontal rules.

Everything here is relative to the page's own measures (word heights, gaps), never to a
font, size or margin of a known file, so other producers' layouts work the same way.
"""

from __future__ import annotations

import re
import statistics
from dataclasses import dataclass, field

from pdfplumber.utils import extract_words

from extract.types import Box, Word

# A gap wider than this many line heights separates two segments (cells, columns);
# justified word spaces stay well below it, table gutters well above it.
SEGMENT_GAP = 0.75


@dataclass(frozen=True)
class Rule:
    """A horizontal rule (line, thin rect or rect edge) at height `y`."""

    x0: float
    x1: float
    y: float

    @property
    def width(self) -> float:
        return self.x1 - self.x0


@dataclass
class Line:
    """Words whose vertical extents overlap, left to right."""

    words: list[Word] = field(default_factory=list)

    @property
    def x0(self) -> float:
        return min(w.x0 for w in self.words)

    @property
    def x1(self) -> float:
        return max(w.x1 for w in self.words)

    @property
    def top(self) -> float:
        return min(w.top for w in self.words)

    @property
    def bottom(self) -> float:
        return max(w.bottom for w in self.words)

    @property
    def height(self) -> float:
        # The tallest word is the baseline text; superscripts are shorter.
        return max(w.height for w in self.words)

    @property
    def text(self) -> str:
        return " ".join(w.text for w in self.words)

    def within(self, x0: float, x1: float) -> Line:
        """The part of the line whose words' centres lie in [x0, x1]."""
        return Line([w for w in self.words if x0 - 1 <= w.xc <= x1 + 1])

    def segments(self, cuts: tuple[float, ...] = ()) -> list[list[Word]]:
        """Runs of words separated by a gap wider than SEGMENT_GAP heights or a vertical rule."""
        if not self.words:
            return []
        limit = SEGMENT_GAP * self.height
        out: list[list[Word]] = [[self.words[0]]]
        for prev, word in zip(self.words, self.words[1:]):
            ruled = any(prev.x1 - 0.5 <= c <= word.x0 + 0.5 for c in cuts)
            if word.x0 - prev.x1 > limit or ruled:
                out.append([word])
            else:
                out[-1].append(word)
        return out


def words_from_chars(chars: list[dict]) -> list[Word]:
    raw = extract_words(chars, x_tolerance=1.5, y_tolerance=2.5, keep_blank_chars=False)
    return [Word(w["text"], float(w["x0"]), float(w["top"]), float(w["x1"]), float(w["bottom"]))
            for w in raw if w.get("upright", True) and w["text"].strip()]




@dataclass(frozen=True)
class Frame:
    """The page turned so that its text reads left to right: a table set sideways on a
    portrait page (text running up or down) is read in its own landscape frame."""

    turn: str  # "none", "up" (text reads bottom to top) or "down"
    width: float  # of the page as printed
    height: float

    @classmethod
    def of(cls, page) -> Frame:
        chars = page.chars
        sideways = [c for c in chars if not c.get("upright", True)]
        turn = "none"
        if chars and len(sideways) > 0.5 * len(chars):
            ups = sum(1 for c in sideways if (c.get("matrix") or (0, 1))[1] > 0)
            turn = "up" if ups >= len(sideways) / 2 else "down"
        return cls(turn, float(page.width), float(page.height))

    def box(self, x0: float, top: float, x1: float, bottom: float) -> Box:
        """Page box -> box in the reading frame."""
        if self.turn == "up":
            return (self.height - bottom, x0, self.height - top, x1)
        if self.turn == "down":
            return (top, self.width - x1, bottom, self.width - x0)
        return (x0, top, x1, bottom)

    def to_page(self, box: Box) -> Box:
        """Reading-frame box -> page box (for provenance and for the text layer)."""
        x0, top, x1, bottom = box
        if self.turn == "up":
            return (top, self.height - x1, bottom, self.height - x0)
        if self.turn == "down":
            return (self.width - bottom, x0, self.width - top, x1)
        return box

    def chars(self, page) -> list[dict]:
        if self.turn == "none":
            return page.chars
        out = []
        for c in page.chars:
            x0, top, x1, bottom = self.box(c["x0"], c["top"], c["x1"], c["bottom"])
            out.append({**c, "x0": x0, "x1": x1, "top": top, "bottom": bottom, "doctop": top,
                        "upright": True, "width": x1 - x0, "height": bottom - top})
        return out

    def edges(self, page) -> list[dict]:
        out = []
        for e in page.edges:
            x0, top, x1, bottom = self.box(float(e["x0"]), float(e["top"]), float(e["x1"]), float(e["bottom"]))
            orientation = e.get("orientation")
            if self.turn != "none" and orientation in ("h", "v"):
                orientation = "v" if orientation == "h" else "h"
            out.append({"x0": x0, "x1": x1, "top": top, "bottom": bottom, "orientation": orientation})
        return out

    @property
    def reading_width(self) -> float:
        return self.width if self.turn == "none" else self.height


def group_lines(words: list[Word]) -> list[Line]:
    """Words -> lines: a word joins a line when its vertical centre falls inside the line."""
    lines: list[Line] = []
    for word in sorted(words, key=lambda w: (w.top, w.x0)):
        centre = (word.top + word.bottom) / 2
        target = None
        for line in reversed(lines[-6:]):
            if line.top - 0.5 <= centre <= line.bottom + 0.5 or (
                    (line.top + line.bottom) / 2 >= word.top and (line.top + line.bottom) / 2 <= word.bottom):
                target = line
                break
        if target is None:
            lines.append(Line([word]))
        else:
            target.words.append(word)
    for line in lines:
        line.words.sort(key=lambda w: w.x0)
    lines.sort(key=lambda ln: (ln.top, ln.x0))
    return lines


def horizontal_rules(edges: list[dict], min_width: float = 15.0) -> list[Rule]:
    """Horizontal rules from lines, thin rects and rect edges, merged where they touch."""
    found: list[Rule] = []
    for edge in edges:
        if edge.get("orientation") != "h":
            continue
        x0, x1 = float(edge["x0"]), float(edge["x1"])
        if x1 - x0 >= min_width:
            found.append(Rule(x0, x1, float(edge["top"])))
    found.sort(key=lambda r: (round(r.y), r.x0))
    merged: list[Rule] = []
    for rule in found:
        last = merged[-1] if merged else None
        # the two edges of a thin filled rect, or collinear pieces, are one rule
        if last and abs(last.y - rule.y) <= 2.0 and rule.x0 <= last.x1 + 2 and rule.x1 >= last.x0 - 2:
            merged[-1] = Rule(min(last.x0, rule.x0), max(last.x1, rule.x1), min(last.y, rule.y))
        else:
            merged.append(rule)
    return sorted(merged, key=lambda r: r.y)


def vertical_rule_xs(edges: list[dict], top: float, bottom: float, x0: float, x1: float) -> tuple[float, ...]:
    """x of vertical rules that run through most of [top, bottom] inside [x0, x1]; a grid
    drawn cell by cell gives many short edges on one x, which add up."""
    span = max(bottom - top, 1.0)
    covered: dict[float, float] = {}
    for edge in edges:
        if edge.get("orientation") != "v":
            continue
        ex = float(edge["x0"])
        overlap = min(bottom, float(edge["bottom"])) - max(top, float(edge["top"]))
        if x0 + 3 < ex < x1 - 3 and overlap > 0:
            key = next((k for k in covered if abs(k - ex) < 2), ex)
            covered[key] = covered.get(key, 0.0) + overlap
    return tuple(sorted(x for x, length in covered.items() if length > 0.5 * span))


# "Table 2", "Table S1", "Table IV", and letter-numbered titles of reports and annexes
# ("Table A-1.", "Table SA3.", "Table 2.1")
TITLE_RE = re.compile(
    r"^(?:Table|TABLE|Tab\.)\s*(?P<num>[A-Z]{0,3}[-.]?\d+(?:[.-]\d+)?[A-Za-z]?|[IVXLC]+)(?=$|[\s.:|,])(?P<rest>.*)$")
CONTINUED_RE = re.compile(r"^\W*\(?\s*(?:continued|cont(?:inued|'d|\.)?)\s*\)?", re.I)
OTHER_CAPTION_RE = re.compile(r"^(?:Fig(?:ure)?\.?|FIGURE|Scheme|Box)\s*\d+", re.I)


def median_height(lines: list[Line]) -> float:
    heights = [ln.height for ln in lines if ln.words]
    return statistics.median(heights) if heights else 10.0
