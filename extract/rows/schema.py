"""The evidence row: the spec's columns (section 2) plus provenance, and its stable id.

`row_id` names a cohort's row across runs, so an evidence team can follow one value over
time (`python -m extract history ROW_ID`) and `diff` can say which field of which row
changed. It is derived from what identifies the cohort, never from the row's values or its
position in the output (see `row_key` and `assign_row_ids`).
"""

from __future__ import annotations

import hashlib
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
    # stable identity across runs (assign_row_ids); "" until the row's document is complete
    row_id: str = ""

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


# ---------------------------------------------------------------- row identity

# Bump when the key changes meaning: every row then gets a new id (the diff says so).
ROW_KEY_SCHEME = "v1"
ROW_ID_HEX = 12  # 48 bits: a clash between two different keys is ~1e-7 at 10,000 rows


def _label(text: str | None) -> str:
    """A table cell as printed, folded like `comparable` folds names: case, dashes, spaces."""
    return re.sub(r"[\s\-\u2010-\u2015\u2212_]+", " ", (text or "").casefold()).strip()


def table_row_label(table: object, study: str | None, agents_text: str | None) -> str:
    """The identity of a table row: its table's number and the row's own label cells (study
    and agents) as printed. A rules change that reads the label differently (a trial read as
    a regimen, an agent added to the lexicon) or any value of the row leaves it unchanged;
    a row inserted above it in the table does too."""
    return "|".join((str(table if table is not None else ""), _label(study), _label(agents_text)))


def row_key(row: EvidenceRow, table_label: str = "") -> tuple[str, ...]:
    """What makes a row the same cohort across runs.

    * every row: its document (`doc_id`) and source (text / table);
    * a table row: its `table_row_label` (table number and label cells as printed);
    * a text row, or a table row without a label: its study and group, i.e. the trial,
      the agents and the subgroup, each folded as `comparable` folds them.

    Values (n, ages, rates, horizons), the evidence sentence, page, box and offsets are
    not part of it: the extractor reading a value differently keeps the row's id."""
    if row.source == "table" and table_label:
        return (ROW_KEY_SCHEME, row.doc_id, row.source, "table-row", table_label)
    return (ROW_KEY_SCHEME, row.doc_id, row.source,
            comparable("trial", row.trial) or "", comparable("agents", row.agents) or "",
            comparable("subgroup", row.subgroup) or "")


def row_id_of(key: tuple[str, ...]) -> str:
    return hashlib.sha256("\x1f".join(key).encode("utf-8")).hexdigest()[:ROW_ID_HEX]


def assign_row_ids(rows: list[EvidenceRow], table_labels: dict[int, str] | None = None) -> None:
    """Set `row_id` on the rows of one document, in document order.

    `table_labels` maps a row's index in `rows` to its `table_row_label`. Collision rule,
    for rows with the same key (one regimen reported by several studies of a review, or
    one cohort at two time points): the first in document order gets the plain id; each
    later one gets the plain id with its page (`-p5`), and repeats on one page are then
    numbered in document order (`-p5-2`, `-p5-3`). So a row the extractor adds or drops
    moves at most the ids of its own key on its own page (and the first one's). The same
    rule settles the improbable case of two keys with equal hashes."""
    labels = table_labels or {}
    taken: set[str] = set()
    for index, row in enumerate(rows):
        base = row_id_of(row_key(row, labels.get(index, "")))
        row_id = base if base not in taken else f"{base}-p{row.page or 0}"
        k = 1
        while row_id in taken:
            k += 1
            row_id = f"{base}-p{row.page or 0}-{k}"
        taken.add(row_id)
        row.row_id = row_id


def ensure_unique_row_ids(rows: list[EvidenceRow]) -> None:
    """The run-wide form of the collision rule: ids are per document (the document is part
    of the key), so a repeat across documents is a hash clash; the later row is numbered
    on (`-d2`, ...) so every id of a run is unique."""
    seen: dict[str, int] = {}
    for row in rows:
        seen[row.row_id] = seen.get(row.row_id, 0) + 1
        if seen[row.row_id] > 1:
            row.row_id = f"{row.row_id}-d{seen[row.row_id]}"
