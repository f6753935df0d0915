"""A displaCy page of a batch's entities, for a reviewer to read them in context."""

from __future__ import annotations

from pathlib import Path

from spacy import displacy

from extract.fileio import atomic_write_text
from extract.types import LABELS

# one colour per label, in the order of `LABELS`
COLORS = dict(zip(LABELS, ("#f4a261", "#8ecae6", "#e9c46a", "#d4a5a5", "#90be6d", "#b5838d", "#cdb4db")))


def render_displacy(records: list[dict]) -> str:
    parsed = [{"text": r["text"], "ents": [{"start": s["start"], "end": s["end"], "label": s["label"]}
                                            for s in r["spans"]], "title": r.get("doc_id")} for r in records]
    return displacy.render(parsed, style="ent", manual=True, page=True, jupyter=False, options={"colors": COLORS})


def write_displacy_html(records: list[dict], path) -> Path:
    """Write a displaCy page of `records` (as `ents` prints them) to `path`, atomically."""
    path = Path(path)
    atomic_write_text(path, render_displacy(records))
    return path
