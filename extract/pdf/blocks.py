"""Column regions -> typed blocks: lines joined into paragraphs, kinds assigned,
paragraphs continued across column and page breaks stitched into one block.

All measures are relative to the document's body text (the size carrying most
characters) and to the region's own left and right edges.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass, field

from extract.pdf.clean import Vocabulary, is_url_only, join_hyphenated
from extract.pdf.layout import Segment
from extract.pdf.model import BODY_KINDS, Block, CharBox

# Indent (of a first line) and shortness (of a last line), in body-size ems.
INDENT_EM = 0.6
SHORT_LINE_EM = 1.5
# Extra vertical space, beyond the usual line gap, that separates paragraphs (ems).
PARAGRAPH_GAP_EM = 0.35
# A line set this much larger than the body is heading-like; the largest on page 1 a title.
HEADING_SIZE_RATIO = 1.12
TITLE_SIZE_RATIO = 1.3
MAX_HEADING_WORDS = 30

_CAPTION = re.compile(r"^(?:fig\.?|figure|scheme|chart|plate)\s*S?\d+[a-z]?\b", re.IGNORECASE)
_TABLE_TITLE = re.compile(r"^table\s*(?:[A-Z]{1,3}[-.]?)?\d+(?:[.-]\d+)?[a-z]?\b", re.IGNORECASE)
_ENUMERATED = re.compile(r"^(?:\d{1,3}\.|\[\d{1,3}\]|\(\d{1,3}\)|[•▪◦‣–-])\s")
_FOOTNOTE_MARK = re.compile(r"^(?:[*†‡§¶∆Δ#]+|\d{1,2}|[a-z])(?=\s|\S)")
_TERMINAL = (".", "!", "?", ":", ";")
_HYPHENS = ("-", "\u2010", "\u00ad")


@dataclass
class DocStats:
    """Measures of the whole document that every decision is relative to."""

    body_size: float
    line_gap: float  # usual whitespace between two lines of a paragraph
    max_size: float
    body_font: str = ""


@dataclass
class Draft:
    """A block under construction: its lines, region facts for stitching, and kind."""

    lines: list[Segment]
    page: int
    region: int
    kind: str = "paragraph"
    indented: bool = False  # first line indented relative to its region
    last_full: bool = True  # last line reaches the region's right edge
    size: float = 0.0
    later: list["Draft"] = field(default_factory=list)  # floats moved after a stitched paragraph
    parts: list[tuple[int, list[Segment]]] = field(default_factory=list)  # (page, lines) per piece

    def text_preview(self) -> str:
        return " ".join(s.text for s in self.lines)


def document_stats(segments: Sequence[Segment]) -> DocStats:
    """Body size and font (those carrying most characters), the usual gap between two
    body lines of one column, and the largest size."""
    sizes: Counter[float] = Counter()
    fonts: Counter[str] = Counter()
    for seg in segments:
        for w in seg.words:
            sizes[w.size] += len(w.text)
            fonts[w.font] += len(w.text)
    body = sizes.most_common(1)[0][0] if sizes else 10.0
    gaps = []
    ordered = sorted((s for s in segments if abs(s.size - body) < 0.05 * body), key=lambda s: (s.x0 // (3 * body), s.top))
    for a, b in zip(ordered, ordered[1:]):
        gap = b.top - a.bottom
        if 0 <= gap < body and abs(a.x0 - b.x0) < 3 * body:
            gaps.append(gap)
    gaps.sort()
    line_gap = gaps[len(gaps) // 2] if gaps else 0.2 * body
    body_font = fonts.most_common(1)[0][0] if fonts else ""
    return DocStats(body, line_gap, max(sizes) if sizes else body, body_font)


def _mode(values: Sequence[float], default: float) -> float:
    if not values:
        return default
    counts = Counter(round(v) for v in values)
    return float(counts.most_common(1)[0][0])


def _is_heading_line(seg: Segment, stats: DocStats) -> bool:
    if seg.table or len(seg.words) > MAX_HEADING_WORDS:
        return False
    return seg.bold or seg.size >= HEADING_SIZE_RATIO * stats.body_size


def _is_marked_start(seg: Segment) -> bool:
    """An enumerated item ("3.", "[3]", "•") or a line led by a raised/small marker ("¹ Dept")."""
    if _ENUMERATED.match(seg.text):
        return True
    first = seg.words[0]
    return len(seg.words) > 1 and first.size < 0.85 * seg.size and len(first.text) <= 3


def _same_style(a: Segment, b: Segment, stats: DocStats) -> bool:
    return _is_heading_line(a, stats) == _is_heading_line(b, stats) and abs(a.size - b.size) <= 0.06 * max(a.size, b.size)


def uses_indents(drafts: Sequence[Draft]) -> bool:
    """Whether the document marks new paragraphs by a first-line indent: most paragraphs
    that follow another paragraph in the same column start indented."""
    indented = flush = 0
    for a, b in zip(drafts, drafts[1:]):
        if a.region == b.region and a.kind == b.kind == "paragraph" and not _is_marked_start(b.lines[0]):
            if b.indented:
                indented += 1
            else:
                flush += 1
    return indented >= flush


def split_region(lines: Sequence[Segment], stats: DocStats, page: int, region: int) -> list[Draft]:
    """Cut one column region's lines (top to bottom) into blocks.

    A new block starts at extra vertical space, a change of style (heading/body, size),
    an indented first line, a return to the left after a hanging-indented item, an
    enumerated item, or after a short line that ends a sentence in justified text.
    A table region (one stand-in segment) becomes its caption, table and footnote blocks.
    """
    em = stats.body_size
    left = _mode([s.x0 for s in lines], min(s.x0 for s in lines))
    right = max(s.x1 for s in lines)
    ends = [s.x1 for s in lines]
    justified = sum(1 for x in ends if x >= right - 0.3 * em) >= 0.5 * len(ends) and len(ends) >= 3

    def is_short(seg: Segment) -> bool:
        return seg.x1 < right - SHORT_LINE_EM * em

    drafts: list[Draft] = []
    current: list[Segment] = []
    hanging = False  # the current block is an item with a hanging indent
    region_hanging = False  # this region has shown hanging-indented items (a list)

    def close() -> None:
        nonlocal current, hanging
        if current:
            first = current[0]
            drafts.append(Draft(current, page, region, indented=first.x0 > left + INDENT_EM * em,
                                last_full=not (justified and is_short(current[-1])), size=first.size))
        current, hanging = [], False

    def _distinct_short_line(seg: Segment) -> bool:
        return seg.uniform_font and seg.font != stats.body_font and is_short(seg)

    tol = INDENT_EM * em
    for i, seg in enumerate(lines):
        if seg.table:
            close()
            drafts.extend(table_drafts(seg, page, region))
            continue
        if not current:
            current = [seg]
            continue
        prev = current[-1]
        nxt = lines[i + 1] if i + 1 < len(lines) else None
        gap = seg.top - prev.bottom
        new_block = False
        if gap > stats.line_gap + PARAGRAPH_GAP_EM * em or gap < -0.5 * em:
            new_block = True
        elif not _same_style(prev, seg, stats):
            new_block = True
        elif prev.font != seg.font and (_distinct_short_line(prev) or (
                _distinct_short_line(seg) and (is_short(prev) or prev.text.endswith(_TERMINAL)))):
            # a heading set wholly in another face (italic); a short italic line after a
            # full line that ends mid-sentence is the end of its paragraph
            new_block = True
        elif seg.x0 > prev.x0 + tol:  # indented relative to the line above
            continues_hanging = nxt is not None and abs(nxt.x0 - seg.x0) < tol and not nxt.table
            if len(current) == 1 and (continues_hanging or region_hanging or _is_marked_start(prev)):
                hanging = region_hanging = True
            elif hanging and abs(seg.x0 - current[1].x0) < tol:
                pass
            else:
                new_block = True
        elif seg.x0 < prev.x0 - tol:  # back to the left
            new_block = hanging or len(current) > 1 or _is_marked_start(seg)
        elif _is_marked_start(seg) and (prev.text.endswith(_TERMINAL + (")", "]")) or is_short(prev) or hanging):
            new_block = True
        elif justified and is_short(prev) and prev.text.endswith(_TERMINAL) and not hanging:
            new_block = True
        if new_block:
            close()
            current = [seg]
        else:
            current.append(seg)
    close()
    return drafts


def _rows(lines: Sequence[Segment]) -> list[list[Segment]]:
    """Lines of a table region grouped into rows (segments sharing a baseline band)."""
    rows: list[list[Segment]] = []
    for seg in sorted(lines, key=lambda s: (s.top, s.x0)):
        if rows and seg.top < rows[-1][0].bottom - 0.5 * rows[-1][0].height:
            rows[-1].append(seg)
        else:
            rows.append([seg])
    return [sorted(row, key=lambda s: s.x0) for row in rows]


def table_drafts(table: Segment, page: int, region: int) -> list[Draft]:
    """A table region as blocks: its title (caption), its body (table) and its notes
    (one footnote block each).

    Title rows are the leading rows that spell the region's title; notes are the
    trailing rows made of a single segment (a body row has several cells), a new note
    starting at a marker or after a short row.
    """
    rows = _rows(table.extra.get("lines", [table]))
    title = " ".join(str(table.extra.get("title", "")).split())
    n_title = 0
    if title:
        text = ""
        while n_title < len(rows) and title.startswith(" ".join(f"{text} {_row_text(rows[n_title])}".split())):
            text = f"{text} {_row_text(rows[n_title])}"
            n_title += 1
    if not n_title and rows and _TABLE_TITLE.match(_row_text(rows[0])):
        n_title = 1
    left = min(s.x0 for row in rows for s in row)
    n_notes = 0
    while (n_notes < len(rows) - n_title - 1 and len(rows[-1 - n_notes]) == 1
           and rows[-1 - n_notes][0].x0 <= left + rows[-1 - n_notes][0].height):
        n_notes += 1
    body = rows[n_title:len(rows) - n_notes]
    drafts = []
    if n_title:
        lines = [seg for row in rows[:n_title] for seg in row]
        drafts.append(Draft(lines, page, region, kind="caption", size=lines[0].size))
    if body:
        lines = [seg for row in body for seg in row]
        drafts.append(Draft(lines, page, region, kind="table", size=lines[0].size))
    right = max(s.x1 for s in table.extra.get("lines", [table]))
    notes: list[list[Segment]] = []
    for (seg,) in rows[len(rows) - n_notes:]:
        previous_short = bool(notes) and notes[-1][-1].x1 < right - SHORT_LINE_EM * seg.height
        if not notes or previous_short or not seg.text[:1].isalnum():
            notes.append([seg])
        else:
            notes[-1].append(seg)
    drafts.extend(Draft(note, page, region, kind="footnote", size=note[0].size) for note in notes)
    return drafts


def _row_text(row: Sequence[Segment]) -> str:
    return " ".join(seg.text for seg in row)


def classify(draft: Draft, stats: DocStats, region_drafts: Sequence[Draft], index: int, page_height: float) -> str:
    """Kind of a block: title, heading, caption, table, footnote, other or paragraph."""
    if draft.kind in ("table", "caption", "footnote") and any(s.table or s.extra.get("in_table") for s in draft.lines):
        return draft.kind
    text = draft.text_preview()
    first = draft.lines[0]
    if is_url_only(text):
        return "other"
    if _CAPTION.match(text) or _TABLE_TITLE.match(text):
        label_bold = first.words[0].bold
        if label_bold or abs(draft.size - stats.body_size) > 0.04 * stats.body_size:
            return "caption"
    distinct_face = all(s.font != stats.body_font and s.size >= 0.95 * stats.body_size for s in draft.lines)
    if all(_is_heading_line(s, stats) for s in draft.lines) or (
            distinct_face and len(draft.lines) <= 2 and not text.endswith(".") and len(text.split()) <= MAX_HEADING_WORDS):
        if draft.page == 1 and draft.size >= TITLE_SIZE_RATIO * stats.body_size and draft.size >= stats.max_size - 0.5:
            return "title"
        if not text.endswith(".") or len(draft.lines) == 1:
            return "heading"
    if _is_footnote(draft, stats, region_drafts, index, page_height):
        return "footnote"
    return "paragraph"


def _is_footnote(draft: Draft, stats: DocStats, region_drafts: Sequence[Draft], index: int, page_height: float) -> bool:
    """Small text at the foot of its column, starting with a note marker."""
    if draft.size >= 0.95 * stats.body_size or draft.lines[0].top < 0.5 * page_height:
        return False
    first_word = draft.lines[0].words[0]
    marked = bool(_FOOTNOTE_MARK.match(draft.lines[0].text)) and (
        not first_word.text[0].isalnum() or first_word.size < draft.size or first_word.bottom < draft.lines[0].bottom - 0.5)
    if not marked:
        return False
    later = region_drafts[index + 1:]
    return all(d.size < 0.95 * stats.body_size for d in later)


# ---------------------------------------------------------------------------------------
# Text and character boxes


def segment_chars(seg: Segment, page: int) -> tuple[list[str], list[CharBox]]:
    """Characters of a line and one box each; the space between words takes the box
    of the character before it."""
    chars: list[str] = []
    boxes: list[CharBox] = []
    for i, word in enumerate(seg.words):
        if i:
            chars.append(" ")
            boxes.append(boxes[-1])
        chars.extend(word.text)
        boxes.extend((page, *b) for b in word.boxes)
    return chars, boxes


def render(draft: Draft, vocab: Vocabulary) -> tuple[str, list[CharBox]]:
    """Join a block's lines (over all its pieces) into text with one box per character.

    Line ends become a space, or nothing where an end-of-line hyphen joins a word
    (dropped when it only split the word, kept when it is part of it).
    """
    chars: list[str] = []
    boxes: list[CharBox] = []
    pieces = draft.parts or [(draft.page, draft.lines)]
    for page, lines in pieces:
        for seg in lines:
            line_chars, line_boxes = segment_chars(seg, page)
            if chars:
                last_word = "".join(chars[len(chars) - _last_word_length(chars):])
                if _ends_with_word_hyphen(last_word):
                    first_word = seg.words[0].text
                    joined = join_hyphenated(last_word, first_word, vocab)
                    if not joined.startswith(last_word):  # hyphen dropped
                        chars.pop()
                        boxes.pop()
                elif not continues_url(last_word, seg.words[0].text):
                    chars.append(" ")
                    boxes.append(boxes[-1])
            chars.extend(line_chars)
            boxes.extend(line_boxes)
    return "".join(chars), boxes


_URL_START = re.compile(r"^[(\[<]?(?:https?:|www\.|doi:|https?://)", re.IGNORECASE)


def continues_url(last_word: str, next_word: str) -> bool:
    """A URL broken at a line end goes on without a space ("https:" + "//doi.org/...")."""
    if next_word.startswith("//"):
        return True
    return bool(_URL_START.match(last_word)) and last_word.endswith(("/", ":", "-", "_", "=", "?", "&", "#")) \
        and not last_word.endswith((".)", ").")) and not next_word[:1].isupper()


def _ends_with_word_hyphen(word: str) -> bool:
    """A hyphen at a line end attached to a word ("treat-", "CD19-", "(Ph)-"), not a dash."""
    return len(word) > 1 and word[-1] in _HYPHENS and (word[-2].isalnum() or (len(word) > 2 and word[-2] in ")]’'"))


def _last_word_length(chars: list[str]) -> int:
    n = 0
    for ch in reversed(chars):
        if ch == " ":
            break
        n += 1
    return n


# ---------------------------------------------------------------------------------------
# Stitching across columns and pages


def _starts_lower(draft: Draft) -> bool:
    text = draft.lines[0].text
    return bool(text) and (text[0].islower() or text[0] in ",;)")


def can_continue(previous: Draft, following: Draft, indent_style: bool) -> bool:
    """Whether `following` (first body block of a new column or page) continues the
    paragraph `previous` (last body block of the column before)."""
    if previous.kind != "paragraph" or following.kind != "paragraph" or following.indented:
        return False
    if abs(previous.size - following.size) > 0.06 * max(previous.size, following.size):
        return False
    last_text = previous.lines[-1].text if not previous.parts else previous.parts[-1][1][-1].text
    if _starts_lower(following):
        return True
    if not previous.last_full:
        return False
    if last_text.endswith(_HYPHENS) or not last_text.endswith(_TERMINAL):
        return True
    return indent_style


def stitch(drafts: list[Draft], indent_style: bool) -> list[Draft]:
    """Merge paragraphs continued across a column or page break into one block; the
    floats (captions, tables, footnotes) met in between move after the merged paragraph.

    `Draft.region` must be unique over the whole document.
    """
    first_body: dict[int, int] = {}
    last_body: dict[int, int] = {}
    for i, draft in enumerate(drafts):
        if draft.kind in BODY_KINDS:
            first_body.setdefault(draft.region, i)
            last_body[draft.region] = i

    result: list[Draft] = []
    open_paragraph: Draft | None = None  # ended its region: the next column may continue it
    floats: list[Draft] = []
    for i, draft in enumerate(drafts):
        if draft.kind not in BODY_KINDS:
            (floats if open_paragraph is not None else result).append(draft)
            continue
        if (open_paragraph is not None and first_body[draft.region] == i
                and can_continue(open_paragraph, draft, indent_style)):
            if not open_paragraph.parts:
                open_paragraph.parts = [(open_paragraph.page, open_paragraph.lines)]
            open_paragraph.parts.append((draft.page, draft.lines))
            open_paragraph.last_full = draft.last_full
            open_paragraph.later.extend(floats)
            holder = open_paragraph
        else:
            result.extend(floats)
            result.append(draft)
            holder = draft
        floats = []
        ends_region = last_body[draft.region] == i
        open_paragraph = holder if holder.kind == "paragraph" and ends_region else None
    result.extend(floats)
    flat: list[Draft] = []
    for draft in result:
        flat.append(draft)
        flat.extend(draft.later)
    return flat


def render_table(draft: Draft) -> tuple[str, list[CharBox]]:
    """A table body as text: cells of a row joined by a tab, rows by a newline."""
    chars: list[str] = []
    boxes: list[CharBox] = []
    for row in _rows(draft.lines):
        for i, seg in enumerate(row):
            if chars:
                chars.append("\t" if i else "\n")
                boxes.append(boxes[-1])
            seg_chars, seg_boxes = segment_chars(seg, draft.page)
            chars.extend(seg_chars)
            boxes.extend(seg_boxes)
    return "".join(chars), boxes


def to_block(draft: Draft, vocab: Vocabulary) -> Block:
    text, boxes = render_table(draft) if draft.kind == "table" else render(draft, vocab)
    lines = draft.lines  # the box of the block's first piece (its page)
    bbox = (min(s.x0 for s in lines), min(s.top for s in lines), max(s.x1 for s in lines), max(s.bottom for s in lines))
    return Block(kind=draft.kind, text=text, page=draft.page, bbox=bbox, char_boxes=boxes)
