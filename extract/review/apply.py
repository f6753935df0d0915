"""Where an annotator's corrections land on this run's documents and rows. Pure functions
over the document's blocks and the rows: `pipeline` calls them, `extract.nlp.corrected`
writes the entities.

A span correction anchors on the block it was exported from: the block at the same offset
with the same text; else the one block with the same text (or the same text after NFC),
wherever it moved; else the block text found inside a block of the new document (blocks
cut differently). When none holds, the correction is stale: reported in the run, never
dropped, and applied again once its text is back. The latest correction of a block wins.

A row correction applies to the row with its `row_id` (ids are stable across runs); a row
that is gone makes it stale.
"""

from __future__ import annotations

import unicodedata
from dataclasses import dataclass, replace

from extract.store.corrections import (
    ACCEPT,
    APPLIED,
    CORRECTED,
    EDIT,
    PREDICTED,
    REJECT,
    REJECTED,
    ROW,
    SPAN,
    STALE,
    Correction,
)
from extract.types import FLOAT_COLUMNS, INT_COLUMNS

EXACT, MOVED, INSIDE = "exact", "re-anchored by its text", "re-anchored inside a changed block"
NOT_FOUND = "its block text is not in the document any more"
SUPERSEDED = "a later correction of the same block replaces it"
ROW_GONE = "no row has this row_id any more"


@dataclass
class Anchored:
    """A span correction placed on a block of this document."""

    correction: Correction
    block_index: int
    shift: int  # block-relative offset of the corrected text inside the block
    detail: str

    def spans(self, block_start: int) -> list[tuple[int, int, str]]:
        """The corrected entities as document offsets."""
        base = block_start + self.shift
        return [(base + s.start, base + s.end, s.label) for s in self.correction.spans]

    def window(self, block_start: int) -> tuple[int, int]:
        base = block_start + self.shift
        return base, base + len(self.correction.block_text)


def _nfc(text: str) -> str:
    return unicodedata.normalize("NFC", text)


def anchor(correction: Correction, blocks: list) -> Anchored | None:
    """Where the correction lands among `blocks` (objects with `start` and `text`), or None."""
    text = correction.block_text
    for i, b in enumerate(blocks):
        if b.start == correction.block_start and b.text == text:
            return Anchored(correction, i, 0, EXACT)
    same = [i for i, b in enumerate(blocks) if b.text == text]
    if same:
        i = min(same, key=lambda k: abs(blocks[k].start - correction.block_start))
        return Anchored(correction, i, 0, MOVED)
    inside = [(i, b.text.find(text)) for i, b in enumerate(blocks) if text and text in b.text]
    if inside:
        i, shift = min(inside, key=lambda x: abs(blocks[x[0]].start + x[1] - correction.block_start))
        return Anchored(correction, i, shift, INSIDE)
    if _nfc(text) != text or any(_nfc(b.text) != b.text for b in blocks):
        nfc = [i for i, b in enumerate(blocks) if _nfc(b.text) == _nfc(text) and len(b.text) == len(text)]
        if nfc:
            return Anchored(correction, nfc[0], 0, MOVED)
    return None


def anchor_all(corrections: list[Correction], blocks: list) -> tuple[list[Anchored], list[tuple[int, str, str]]]:
    """The span corrections that apply (the latest per block) and (correction_id, outcome,
    detail) for every span correction, stale and superseded ones included."""
    placed: dict[tuple[int, int], Anchored] = {}
    outcomes: dict[int, tuple[str, str]] = {}
    for c in sorted((c for c in corrections if c.kind == SPAN), key=lambda c: c.correction_id or 0):
        found = anchor(c, blocks)
        if found is None:
            outcomes[c.correction_id] = (STALE, NOT_FOUND)
            continue
        key = (found.block_index, found.shift)
        if key in placed:
            outcomes[placed[key].correction.correction_id] = (APPLIED, SUPERSEDED)
        placed[key] = found
        outcomes[c.correction_id] = (APPLIED, found.detail)
    ordered = sorted(placed.values(), key=lambda a: (a.block_index, a.shift))
    return ordered, [(cid, outcome, detail) for cid, (outcome, detail) in sorted(outcomes.items())]


def rows_touched(rows: list, windows: list[tuple[int, tuple[int, int]]]) -> dict[int, list[str]]:
    """correction id -> ids of the rows whose evidence sentence overlaps its window."""
    out: dict[int, list[str]] = {}
    for cid, (lo, hi) in windows:
        out[cid] = [r.row_id for r in rows
                    if r.source == "text" and r.sent_start is not None and r.sent_start < hi
                    and (r.sent_end if r.sent_end is not None else r.sent_start + 1) > lo]
    return out


# ---------------------------------------------------------------- rows


def typed_field(name: str, raw):
    """A row field's value as the row holds it (None for an emptied number)."""
    if name in INT_COLUMNS:
        return None if raw in (None, "") else int(float(raw))
    if name in FLOAT_COLUMNS:
        return None if raw in (None, "") else float(raw)
    return "" if raw is None else str(raw)


@dataclass
class ReviewedRows:
    rows: list  # the rows with row corrections' fields written over
    statuses: list[str]
    corrections: list[tuple[int, ...]]  # per row, the ids of the corrections applied to it
    outcomes: list[tuple[int, str, str, str]]  # (correction_id, row_id, outcome, detail)


def review_rows(rows: list, corrections: list[Correction], span_rows: dict[int, list[str]]) -> ReviewedRows:
    """Rows with their row corrections applied (the latest verdict per row wins, edits of
    earlier ones stay under it) and every row's status: rejected, corrected (a span or row
    correction touched it; accepted rows count as checked by a person), else predicted.
    `span_rows`: span correction id -> row ids it touched (from the documents' analyses)."""
    by_row: dict[str, list[int]] = {}
    for cid, ids in span_rows.items():
        for row_id in ids:
            by_row.setdefault(row_id, []).append(cid)
    present = {r.row_id for r in rows}
    verdicts: dict[str, list[Correction]] = {}
    outcomes = []
    for c in sorted((c for c in corrections if c.kind == ROW), key=lambda c: c.correction_id or 0):
        if c.row_id in present:
            verdicts.setdefault(c.row_id, []).append(c)
            outcomes.append((c.correction_id, c.row_id, APPLIED, c.verdict))
        else:
            outcomes.append((c.correction_id, c.row_id, STALE, ROW_GONE))
    out_rows, statuses, applied = [], [], []
    for row in rows:
        status = CORRECTED if row.row_id in by_row else PREDICTED
        ids = list(by_row.get(row.row_id, []))
        for c in verdicts.get(row.row_id, []):
            ids.append(c.correction_id)
            if c.verdict == EDIT:
                row = replace(row, **{k: typed_field(k, v) for k, v in c.fields.items()})
            status = REJECTED if c.verdict == REJECT else CORRECTED if c.verdict in (EDIT, ACCEPT) else status
        out_rows.append(row)
        statuses.append(status)
        applied.append(tuple(sorted(set(ids))))
    return ReviewedRows(out_rows, statuses, applied, outcomes)
