"""Types every stage shares: geometry, the entity labels and the row columns.

This module imports nothing from the package, so any stage may import it.
"""

from __future__ import annotations

from dataclasses import dataclass

# x0, top, x1, bottom in PDF points (pdfplumber's page coordinates)
Box = tuple[float, float, float, float]
# (page, x0, top, x1, bottom), page 1-based; page 0 means "no page" (a text input)
CharBox = tuple[int, float, float, float, float]


@dataclass(frozen=True, slots=True)
class Word:
    """One word of a PDF page; `boxes` holds one box per character of `text` where the
    text layer needs them (the table reader does not)."""

    text: str
    x0: float
    top: float
    x1: float
    bottom: float
    boxes: tuple[Box, ...] = ()
    size: float = 0.0
    bold: bool = False
    font: str = ""

    @property
    def height(self) -> float:
        return self.bottom - self.top

    @property
    def xc(self) -> float:
        return (self.x0 + self.x1) / 2


# The entity labels of spec section 1, in the order every table lists them.
LABELS = ("TRIAL", "AGENT", "N", "AGE", "CR", "MRD", "OS")
RESULT_LABELS = ("CR", "MRD", "OS")
SUBJECT_LABELS = ("TRIAL", "AGENT")  # what a row is about; an arm is anchored on these

# The evidence row of spec section 2, then its provenance.
SPEC_COLUMNS = (
    "doc_id", "source", "page", "trial", "agents", "subgroup", "n",
    "age_median", "age_min", "age_max", "cr_pct", "mrd_neg_pct", "mrd_method",
    "os_pct", "os_years", "os_median_months", "evidence",
)
PROVENANCE_COLUMNS = ("bbox", "sent_start", "sent_end")
# The fields a row is scored on (spec section 3): the spec's columns less identity and evidence.
ROW_FIELDS = ("trial", "agents", "subgroup", "n", "age_median", "age_min", "age_max", "cr_pct",
              "mrd_neg_pct", "mrd_method", "os_pct", "os_years", "os_median_months")
VALUE_FIELDS = ("n", "cr_pct", "mrd_neg_pct", "os_pct", "os_median_months")
MRD_METHODS = ("flow", "pcr", "ngs")
INT_COLUMNS = ("page", "n")
FLOAT_COLUMNS = ("age_median", "age_min", "age_max", "cr_pct", "mrd_neg_pct",
                 "os_pct", "os_years", "os_median_months")
