"""An annotator's entities in place of the pipeline's, on a tagged block (the correction
loop's hook into nlp): the rows stage then reads the corrected `doc.ents` exactly as it
reads the pipeline's.

Each corrected entity gets its `Span._.value` from the pipeline's own readers, the first
that has one:
  1. the pipeline's entity with the same offsets and label (an entity the annotator kept);
  2. the value tagger's reading of the block at those offsets and label (it reads a value
     with its sentence: a horizon, an MRD assay, a CR kind);
  3. the entity's text read alone by the table-cell readers of that label (`cell_spans`:
     the number parsers of `extract.numbers`, the agent lexicon); a TRIAL is its text.
"""

from __future__ import annotations

from spacy.tokens import Doc
from spacy.util import filter_spans

from extract.nlp import attributes  # noqa: F401  (Span._.value)
from extract.nlp.table_cells import cell_spans
from extract.types import EntityValue, TrialValue

# the table-cell readers know a study cell, not a trial: a TRIAL entity reads as one
_CELL_LABEL = {"TRIAL": "STUDY"}


def text_value(text: str, label: str) -> EntityValue | None:
    """The value of an entity read from its text alone (3. above)."""
    for start, end, found, value in cell_spans(text, _CELL_LABEL.get(label, label)):
        if found == label and text[start:end].strip() == text.strip():
            return value
    if label == "TRIAL" and text.strip():
        return TrialValue(text.strip())
    return None


def replace_entities(doc: Doc, spans: list[tuple[int, int, str]], window: tuple[int, int], nlp=None) -> None:
    """Replace the entities of `doc` inside `window` (doc character offsets) by `spans`
    ((start, end, label), doc offsets), each with its value. A span off the token
    boundaries is widened to whole tokens (spaCy entities are token spans)."""
    lo, hi = window
    kept = [e for e in doc.ents if e.end_char <= lo or e.start_char >= hi]
    own = {(e.start_char, e.end_char, e.label_): e._.value for e in doc.ents}
    tagged: dict | None = None
    new = []
    for start, end, label in spans:
        span = doc.char_span(start, end, label=label, alignment_mode="expand")
        if span is None:
            continue
        key = (start, end, label)
        if key in own:
            value = own[key]
        else:
            if tagged is None:
                tagged = _value_readings(doc, nlp)
            value = tagged.get(key) or text_value(doc.text[start:end], label)
        span._.value = value
        new.append(span)
    doc.ents = sorted(filter_spans(kept + new), key=lambda s: s.start)


def _value_readings(doc: Doc, nlp) -> dict:
    """(start, end, label) -> value of every value the value tagger reads in `doc`."""
    if nlp is None or "values" not in nlp.pipe_names:
        return {}
    return {(s, e, label): v for s, e, label, v in nlp.get_pipe("values").match(doc)}
