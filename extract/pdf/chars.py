"""Page characters -> words, for the text layer.

pdfplumber's own word extraction clusters characters into lines by a fixed distance
between their tops and chains that clustering across the page: beside a table or a
column whose lines sit a few points lower, two lines of the body fall into one cluster
and their letters interleave ("a n d th e"). Here a character joins a line only when it
overlaps that line vertically and sits right after its last character, so lines of
neighbouring columns never mix.

Words are then cut at gaps, measured against the line itself:

* a space character counts only where it leaves room between the glyphs around it (a
  space drawn on top of a ligature glyph, "ﬂ" + " " + "ammation", is no word break);
* without a space character, a gap splits words when it is wide for this line: producers
  that write no space glyphs set tight justified lines with word gaps well under the
  fixed 0.2 em a page-wide rule would need, while letter gaps stay near zero;
* sub- and superscripts sitting right against a letter stay in its word ("TiO2").

Every threshold is relative to the font size of the characters involved.
"""

from __future__ import annotations

import re
from collections.abc import Sequence

from extract.pdf.layout import word_from_pdfplumber
from extract.types import Word

# A character belongs to a line when it overlaps the line's band by this share of the
# smaller height.
LINE_OVERLAP = 0.5
# Beyond this gap (in ems of the larger size) a character starts a new line piece: the
# segment grouping decides about such gaps later (columns, table cells).
LINE_GAP_EM = 1.0
# A gap without a space character always splits words from this width (ems) ...
WORD_GAP_EM = 0.2
# ... and never below this one; between them the line's own word gaps decide.
MIN_WORD_GAP_EM = 0.08
# A space character is a word break only when the glyphs around it are at least this far
# apart (ems); a space drawn over the glyph before it leaves no room.
SPACE_ROOM_EM = 0.05


def _size(char: dict) -> float:
    return float(char.get("size") or (char["bottom"] - char["top"]) or 1.0)


def _lines(chars: Sequence[dict]) -> list[list[dict]]:
    """Characters (no spaces) -> line pieces, each left to right.

    A character continues the open line whose last character it follows closely and
    whose band (the largest character's top and bottom so far) it overlaps most.
    """
    if not chars:
        return []
    heights = sorted(c["bottom"] - c["top"] for c in chars)
    bucket = max(heights[len(heights) // 2], 1.0)
    buckets: dict[int, list[list]] = {}
    lines: list[list] = []  # [band_top, band_bottom, band_height, chars]
    for char in sorted(chars, key=lambda c: (c["x0"], c["top"])):
        top, bottom = char["top"], char["bottom"]
        height = max(bottom - top, 1e-6)
        size = _size(char)
        key = int(top // bucket)
        best = None
        best_share = 0.0
        for k in (key - 1, key, key + 1):
            for line in buckets.get(k, ()):
                last = line[3][-1]
                gap = char["x0"] - last["x1"]
                reach = LINE_GAP_EM * max(size, _size(last))
                if gap > reach or gap < -0.5 * max(size, _size(last)):
                    continue
                overlap = min(bottom, line[1]) - max(top, line[0])
                share = overlap / max(1e-6, min(height, line[2]))
                if share >= LINE_OVERLAP and (share > best_share or (share == best_share and best is not None
                                                                      and last["x1"] > best[3][-1]["x1"])):
                    best, best_share = line, share
        if best is None:
            line = [top, bottom, height, [char]]
            lines.append(line)
            buckets.setdefault(key, []).append(line)
        else:
            best[3].append(char)
            if height > best[2]:
                best[0], best[1], best[2] = top, bottom, height
    return [line[3] for line in lines]


def _line_threshold(line: Sequence[dict], spaced: set[int]) -> float:
    """Word-gap threshold of one line, in ems: the line's wide gaps without a space
    character set it between MIN_WORD_GAP_EM and WORD_GAP_EM."""
    gaps = []
    for i in range(1, len(line)):
        if i in spaced:
            continue
        prev, char = line[i - 1], line[i]
        em = max(_size(prev), _size(char))
        gap = (char["x0"] - prev["x1"]) / em
        if gap > MIN_WORD_GAP_EM:
            gaps.append(gap)
    if not gaps:
        return WORD_GAP_EM
    gaps.sort()
    typical = gaps[len(gaps) // 2]
    return min(WORD_GAP_EM, max(MIN_WORD_GAP_EM, 0.6 * typical))


def _spaced_positions(line: Sequence[dict], spaces: Sequence[dict]) -> set[int]:
    """Indices i of the line where a space character lies between char i-1 and char i
    and the two glyphs leave room for it."""
    if not spaces:
        return set()
    centres = sorted((s["x0"] + s["x1"]) / 2 for s in spaces)
    out = set()
    j = 0
    for i in range(1, len(line)):
        prev, char = line[i - 1], line[i]
        while j < len(centres) and centres[j] <= prev["x0"]:
            j += 1
        if j == len(centres):
            break
        em = max(_size(prev), _size(char))
        if char["x0"] - prev["x1"] < SPACE_ROOM_EM * em:
            continue
        if centres[j] < char["x1"] and centres[j] <= char["x0"] + 0.5 * em:
            out.add(i)
    return out


_CID = re.compile(r"^\(cid:\d+\)$")
UNMAPPED = "\ufffd"


def page_words(chars: Sequence[dict]) -> list[Word]:
    """Words of a page (upright characters only), each with one box per character. A
    glyph the font maps to no character (pdfminer's "(cid:N)") is one U+FFFD, never the
    placeholder text."""
    upright = [c if not _CID.match(c["text"]) else {**c, "text": UNMAPPED}
               for c in chars if c.get("upright", True)]
    glyphs = [c for c in upright if not c["text"].isspace()]
    spaces = [c for c in upright if c["text"].isspace()]
    space_buckets: dict[int, list[dict]] = {}
    for s in spaces:
        space_buckets.setdefault(int(s["top"] // 4), []).append(s)
    words: list[Word] = []
    for line in _lines(glyphs):
        key = int(line[0]["top"] // 4)
        top, bottom = line[0]["top"], line[0]["bottom"]
        near = [s for k in (key - 1, key, key + 1) for s in space_buckets.get(k, ())
                if line[0]["x0"] - 1 <= s["x0"] <= line[-1]["x1"] + 1 and min(s["bottom"], bottom) > max(s["top"], top)]
        spaced = _spaced_positions(line, near)
        threshold = WORD_GAP_EM if spaced else _line_threshold(line, spaced)
        current = [line[0]]
        for i in range(1, len(line)):
            prev, char = line[i - 1], line[i]
            em = max(_size(prev), _size(char))
            if i in spaced or char["x0"] - prev["x1"] > threshold * em:
                words.append(_word(current))
                current = [char]
            else:
                current.append(char)
        words.append(_word(current))
    return words


def _word(chars: list[dict]) -> Word:
    raw = {"chars": chars, "x0": min(c["x0"] for c in chars), "x1": max(c["x1"] for c in chars),
           "top": min(c["top"] for c in chars), "bottom": max(c["bottom"] for c in chars)}
    return word_from_pdfplumber(raw)
