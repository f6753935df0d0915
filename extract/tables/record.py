"""The typed record of one data row of a table: what the tables stage hands to rows."""

from __future__ import annotations

from dataclasses import dataclass, field


@dataclass
class TableRecord:
    """One data row: its typed values, the footnotes its markers point to, the cells as
    printed (header -> text) and where it stands (page and box for a PDF table; offsets
    into the document text for a table pasted into a text input)."""

    table: int | str  # the table's number as printed ("2", or "S1")
    row: int  # 1-based within the table
    page: int | None = None
    bbox: list[float] | None = None
    study: str | None = None
    ref: str | None = None  # the citation printed beside the study label
    agents_text: str | None = None
    n: int | None = None
    n_markers: list[str] = field(default_factory=list)
    age_median: float | None = None
    age_min: float | None = None
    age_max: float | None = None
    cr_pct: float | None = None
    mrd_neg_pct: float | None = None
    mrd_method: str | None = None
    os_pct: float | None = None
    os_years: float | None = None
    os_median_months: float | None = None
    notes: dict[str, str] = field(default_factory=dict)  # marker -> footnote text
    cells: dict[str, str] = field(default_factory=dict)
    sent_start: int | None = None
    sent_end: int | None = None

    def to_dict(self) -> dict:
        """The record as `tables --format json` prints it (no text offsets: a PDF table has none)."""
        out = {name: getattr(self, name) for name in self.__dataclass_fields__}
        del out["sent_start"], out["sent_end"]
        return out
