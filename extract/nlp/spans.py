"""Small helpers every component shares: adding entity spans with values. (Saving a
component's rules with the pipeline is `extract.nlp.stored`.)"""

from __future__ import annotations

from collections.abc import Iterable

from spacy.tokens import Doc, Span
from spacy.util import filter_spans

from extract.types import EntityValue


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


def add_value_spans(doc: Doc, found: Iterable[tuple[int, int, str, EntityValue]]) -> None:
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
