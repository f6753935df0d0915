"""Types every stage shares: geometry, entity values, the entity labels and the row columns.

This module imports nothing from the package, so any stage may import it.
"""

from __future__ import annotations

from dataclasses import dataclass, field, fields

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


# `Value.to_dict()` writes a value's keys in the order its producer has always written them
# (entities.jsonl and `ents` output are pinned byte for byte); each producer names its order.
# The number parsers (tables, N, AGE): the fields in declaration order.
PARSED_KEYS = ("number", "unit", "sign", "low", "high", "years", "kind", "markers", "vague", "method")
# A rate in text: the parsed percent, then the sign read around it ("more than", "or less"),
# then what its sentence adds.
RATE_KEYS = ("number", "unit", "low", "high", "sign", "vague", "kind", "method", "years")
# A rate in text whose percent carried its own sign ("~30-35%"): the sign before the range.
SIGNED_RATE_KEYS = ("number", "unit", "sign", "low", "high", "vague", "kind", "method", "years")
# A median duration in text ("median OS of 7.7 months"): unit and kind first.
MEDIAN_KEYS = ("unit", "kind", "low", "high", "number", "sign", "vague")


@dataclass(frozen=True, slots=True)
class Value:
    """The normalised value of an N, AGE, CR, MRD or OS entity (`Span._.value`), as the
    number parsers and the value tagger read it. Unset fields are None (or empty / False)."""

    number: float | None = None  # the figure itself; the low bound of a range
    unit: str | None = None  # "%", "years", "months", "patients"
    sign: str | None = None  # ">", "<", "≥", "≤", "~"
    low: float | None = None  # range bounds
    high: float | None = None
    years: float | None = None  # an OS rate's horizon: the rate at N years
    kind: str | None = None  # "rate" or "median" (OS), "median" (age), "cri" or "cr_cri" (CR)
    markers: tuple[str, ...] = ()  # table footnote markers printed after the value ("∆")
    vague: bool = False  # a bound written after the number ("25% or less"): not a row value
    method: str | None = None  # an MRD value's assay: "flow", "pcr", "ngs"
    # the order `to_dict` writes the keys in (not part of the value: equal values compare equal)
    key_order: tuple[str, ...] = field(default=PARSED_KEYS, compare=False, repr=False)

    def stated(self) -> dict:
        """The set fields, {name: value} in `key_order` (then any field it does not name)."""
        out = {}
        for key in (*self.key_order, *(k for k in _VALUE_KEYS if k not in self.key_order)):
            v = getattr(self, key)
            if v is None or v is False or v == ():
                continue
            out[key] = v
        return out

    def to_dict(self) -> dict:
        """The value as entities.jsonl writes it: set fields only, markers as a list."""
        return {k: (list(v) if isinstance(v, tuple) else v) for k, v in self.stated().items()}


_VALUE_KEYS = tuple(f.name for f in fields(Value) if f.name != "key_order")


@dataclass(frozen=True, slots=True)
class AgentValue:
    """The value of an AGENT entity: its agents' canonical names ("a;b" for a combination)."""

    canonical: str
    agents: tuple[str, ...]

    def to_dict(self) -> dict:
        return {"canonical": self.canonical, "agents": list(self.agents)}


@dataclass(frozen=True, slots=True)
class TrialValue:
    """The value of a TRIAL entity: its name without a citation."""

    name: str

    def to_dict(self) -> dict:
        return {"name": self.name}


# What `Span._.value` holds: one of these, or None for an entity without a value.
EntityValue = Value | AgentValue | TrialValue


# The entity labels of spec section 1, in the order every table lists them.
LABELS = ("TRIAL", "AGENT", "N", "AGE", "CR", "MRD", "OS")
RESULT_LABELS = ("CR", "MRD", "OS")
SUBJECT_LABELS = ("TRIAL", "AGENT")  # what a row is about; an arm is anchored on these

# The evidence row of spec section 2 (rows.csv adds provenance: bbox, sent_start, sent_end, flags).
SPEC_COLUMNS = (
    "doc_id", "source", "page", "trial", "agents", "subgroup", "n",
    "age_median", "age_min", "age_max", "cr_pct", "mrd_neg_pct", "mrd_method",
    "os_pct", "os_years", "os_median_months", "evidence",
)
# The fields a row is scored on (spec section 3): the spec's columns less identity and evidence.
ROW_FIELDS = tuple(c for c in SPEC_COLUMNS if c not in ("doc_id", "source", "page", "evidence"))
# Column types of the row table.
TEXT_COLUMNS = ("doc_id", "source", "trial", "agents", "subgroup", "mrd_method", "evidence")
INT_COLUMNS = ("page", "n")
FLOAT_COLUMNS = ("age_median", "age_min", "age_max", "cr_pct", "mrd_neg_pct",
                 "os_pct", "os_years", "os_median_months")
PCT_COLUMNS = ("cr_pct", "mrd_neg_pct", "os_pct")
# A row must carry one of these to be evidence (an age or a horizon alone is not a result).
VALUE_FIELDS = ("n", "cr_pct", "mrd_neg_pct", "os_pct", "os_median_months")
MRD_METHODS = ("flow", "pcr", "ngs")
