"""The document model every later stage reads: pages -> typed blocks -> characters.

A `Document` is a list of `Block`s in reading order. `Document.text` is the blocks'
texts joined by one blank line, and each block knows its `start` offset in it, so a
character offset anywhere downstream (sentence, entity) maps back to a page and box.
"""

from __future__ import annotations

import bisect
from dataclasses import dataclass, field
from typing import Literal

from extract.types import Box, CharBox

BlockKind = Literal["title", "heading", "paragraph", "caption", "table", "footnote", "other"]
BODY_KINDS: frozenset[str] = frozenset({"title", "heading", "paragraph"})


BLOCK_SEPARATOR = "\n\n"


@dataclass
class Block:
    kind: BlockKind
    text: str
    page: int
    bbox: Box
    char_boxes: list[CharBox] = field(default_factory=list, repr=False)
    start: int = 0  # offset of text[0] in Document.text

    @property
    def end(self) -> int:
        return self.start + len(self.text)

    def boxes(self, start: int, end: int) -> list[CharBox]:
        """Boxes of block-relative characters [start, end), merged per page."""
        merged: dict[int, list[float]] = {}
        for page, x0, top, x1, bottom in self.char_boxes[start:end]:
            box = merged.setdefault(page, [x0, top, x1, bottom])
            box[0], box[1] = min(box[0], x0), min(box[1], top)
            box[2], box[3] = max(box[2], x1), max(box[3], bottom)
        return [(p, *b) for p, b in merged.items()]


@dataclass
class Document:
    doc_id: str
    path: str
    n_pages: int
    blocks: list[Block]
    text: str = ""
    # block starts in order, for `block_at` by bisection (one lookup per entity and row
    # must not scan every block: that is quadratic on a long text)
    _starts: list[int] | None = field(default=None, init=False, repr=False, compare=False)

    def __post_init__(self) -> None:
        if not self.text:
            self.reindex()

    def reindex(self) -> None:
        """Recompute `text` and each block's `start` from the blocks in order."""
        offset = 0
        parts = []
        for block in self.blocks:
            block.start = offset
            parts.append(block.text)
            offset += len(block.text) + len(BLOCK_SEPARATOR)
        self.text = BLOCK_SEPARATOR.join(parts)
        self._starts = None

    def body_blocks(self) -> list[Block]:
        return [b for b in self.blocks if b.kind in BODY_KINDS]

    def block_at(self, offset: int) -> Block | None:
        if self._starts is None or len(self._starts) != len(self.blocks):
            self._starts = [b.start for b in self.blocks]
        i = bisect.bisect_right(self._starts, offset) - 1
        if i >= 0 and self.blocks[i].start <= offset < self.blocks[i].end:
            return self.blocks[i]
        return None

    def locate(self, start: int, end: int) -> tuple[int, list[CharBox]]:
        """Page and boxes of document characters [start, end)."""
        block = self.block_at(start)
        if block is None:
            return 0, []
        boxes = block.boxes(start - block.start, min(end, block.end) - block.start)
        page = boxes[0][0] if boxes else block.page
        return page, boxes
