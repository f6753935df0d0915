"""Small helpers every component shares: adding entity spans with values, and reading or
writing the JSONL files a component saves inside the pipeline folder."""

from __future__ import annotations

import json
from collections.abc import Iterable
from pathlib import Path

from spacy.tokens import Doc, Span
from spacy.util import filter_spans


def merge_entities(doc: Doc, new: list[Span]) -> None:
    """Add `new` spans to `doc.ents` where they overlap no existing entity (existing win).
    Reads the entity state as an array: linear, no Token objects."""
    if not new:
        return
    iob = doc.to_array("ENT_IOB")
    added = []
    for span in filter_spans(new):
        if not any(iob[i] in (1, 3) for i in range(span.start, span.end)):
            added.append(span)
    if added:
        doc.set_ents(added, default="unmodified")


def add_value_spans(doc: Doc, found: Iterable[tuple[int, int, str, dict]]) -> None:
    """Entities from (start, end, label, value) character spans: token-aligned strictly
    where possible, else expanded to whole tokens; `Span._.value` set."""
    spans = []
    for start, end, label, value in found:
        span = doc.char_span(start, end, label=label, alignment_mode="strict")
        if span is None:
            span = doc.char_span(start, end, label=label, alignment_mode="expand")
        if span is None:
            continue
        span._.value = value
        spans.append(span)
    merge_entities(doc, spans)


def write_jsonl(path: Path, rows: Iterable[dict]) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    with path.open("w", encoding="utf-8") as handle:
        for row in rows:
            handle.write(json.dumps(row, ensure_ascii=False) + "\n")


def read_jsonl(path: Path) -> list[dict]:
    return [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines() if line.strip()]
