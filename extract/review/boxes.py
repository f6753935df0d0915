"""Boxes on a PDF page and the crop a review row asks for: plain data, so the page can be
planned (and its key computed) without loading pdfplumber."""

from __future__ import annotations

import hashlib
from dataclasses import dataclass

Box = tuple[float, float, float, float]


@dataclass(frozen=True)
class CropRequest:
    page: int  # 1-based
    evidence: Box  # the row's evidence box (sentence line or table row)
    values: tuple[Box, ...] = ()  # the boxes of the values read from it

    @property
    def key(self) -> str:
        return hashlib.sha256(repr(self).encode("utf-8")).hexdigest()[:12]


def parse_box(text) -> Box | None:
    """A box from the `bbox` column ('x0,top,x1,bottom') or an entity's list."""
    if not text:
        return None
    parts = text.split(",") if isinstance(text, str) else list(text)
    try:
        box = tuple(float(v) for v in parts)
    except (TypeError, ValueError):
        return None
    return box if len(box) == 4 else None  # type: ignore[return-value]
