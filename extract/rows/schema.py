"""The evidence row: the spec's columns (section 2) plus provenance."""

from __future__ import annotations

import math
import re
from dataclasses import asdict, dataclass, fields

import pandas as pd

from extract.types import VALUE_FIELDS


@dataclass
class EvidenceRow:
    doc_id: str
    source: str  # "text" | "table"
    page: int | None = None
    trial: str = ""
    agents: str = ""  # ';'-joined canonical names, lower case, sorted
    subgroup: str = ""
    n: int | None = None
    age_median: float | None = None
    age_min: float | None = None
    age_max: float | None = None
    cr_pct: float | None = None
    mrd_neg_pct: float | None = None
    mrd_method: str = ""
    os_pct: float | None = None
    os_years: float | None = None
    os_median_months: float | None = None
    evidence: str = ""
    # provenance: page box of the first evidence, sentence offsets in Document.text
    bbox: str = ""
    sent_start: int | None = None
    sent_end: int | None = None

    def has_value(self) -> bool:
        return any(getattr(self, name) is not None for name in VALUE_FIELDS)

    def has_subject(self) -> bool:
        return bool(self.trial or self.agents)

    def to_record(self) -> dict:
        return asdict(self)


def format_bbox(box) -> str:
    """A box (x0, top, x1, bottom) as the `bbox` column writes it: '56.7,120.3,300.1,131.0'."""
    return ",".join(f"{v:.1f}" for v in box) if box else ""


def join_agents(names) -> str:
    """Canonical agent list as the spec writes it: lower case, unique, sorted, ';'-joined."""
    return ";".join(sorted({n.strip().lower() for n in names if n and n.strip()}))


def row_columns() -> list[str]:
    return [f.name for f in fields(EvidenceRow)]


def rows_frame(rows: list[EvidenceRow]) -> pd.DataFrame:
    """Rows as a table with the spec's types: integer columns nullable, missing empty."""
    frame = pd.DataFrame([r.to_record() for r in rows], columns=row_columns())
    for column in ("page", "n", "sent_start", "sent_end"):
        frame[column] = pd.to_numeric(frame[column], errors="coerce").astype("Int64")
    return frame


TEXT_FIELDS = frozenset({"trial", "agents", "subgroup", "mrd_method"})


def _empty(value) -> bool:
    if value is None or value is pd.NA:
        return True
    if isinstance(value, float) and math.isnan(value):
        return True
    return isinstance(value, str) and value.strip() == ""


def comparable(name: str, value):
    """A field value in the form two rows are compared in: numbers as floats rounded to
    0.01; names folded for case, dashes and spaces; agents as a sorted set; empty -> None."""
    if _empty(value):
        return None
    if name in TEXT_FIELDS:
        text = str(value).casefold()
        if name == "agents":
            return ";".join(sorted(a.strip() for a in text.split(";") if a.strip()))
        return re.sub(r"[\s\-\u2010-\u2015\u2212_]+", " ", text).strip()
    try:
        return round(float(value), 2)
    except (TypeError, ValueError):
        return str(value).strip()
