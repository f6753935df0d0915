"""The plain data the store keeps and hands out: documents, runs, rows. No stage types:
the pipeline turns its results into these, and everything the store writes or exports is
computed from them."""

from __future__ import annotations

import json
from dataclasses import dataclass, field, fields

from extract.rows.schema import EvidenceRow

# What happened to a document in a run, relative to the last complete run before it.
NEW, CHANGED, UNCHANGED, FAILED, REMOVED = "new", "changed", "unchanged", "failed", "removed"
# How its rows were obtained.
ANALYSED, REUSED = "analysed", "reused"

_ROW_FIELDS = frozenset(f.name for f in fields(EvidenceRow))


@dataclass
class AnalysedDocument:
    """One document read through every stage up to rows: what the store keeps of it, keyed
    on (doc_id, sha256, extractor fingerprint)."""

    doc_id: str
    sha256: str
    size: int
    pages: int
    n_blocks: int
    n_tables: int
    title: str
    doi: str
    text: str
    entities: list[dict]
    rows: list[EvidenceRow]
    seconds: float = 0.0  # time spent analysing (run record only, never exported)
    analysis_id: int | None = None  # set once stored
    # the span corrections it was read with (`corrections_key`) and what became of each:
    # {"correction_id", "outcome" (applied / stale), "detail", "rows": [row ids it touched]}
    corrections_key: str = ""
    corrections: list[dict] = field(default_factory=list)


@dataclass
class AnalysisSummary:
    """What a run keeps of a stored analysis while it reads the next documents: counts and
    rows, never the text or the entities, so a run's memory does not grow with its documents."""

    doc_id: str
    sha256: str
    size: int
    analysis_id: int
    pages: int
    n_blocks: int
    n_tables: int
    n_entities: int
    title: str
    doi: str
    rows: list[EvidenceRow]
    # the span corrections it was read with, and what became of each (as `AnalysedDocument`)
    corrections_key: str = ""
    corrections: list[dict] = field(default_factory=list)


@dataclass
class DocumentEntry:
    """One document of one run: an input (analysed, reused or failed) or a removed one."""

    doc_id: str
    path: str
    sha256: str | None
    status: str  # NEW / CHANGED / UNCHANGED / FAILED / REMOVED
    action: str = ""  # ANALYSED / REUSED ("" for failed and removed)
    error: str = ""  # the one-line error of a failed input
    analysis_id: int | None = None
    pages: int = 0
    n_blocks: int = 0
    n_tables: int = 0
    n_entities: int = 0
    n_rows: int = 0
    title: str = ""
    doi: str = ""

    @property
    def ok(self) -> bool:
        return self.status not in (FAILED, REMOVED)


@dataclass
class RunInfo:
    """A run's record (`runs` lists these)."""

    run_id: int
    started_at: str
    finished_at: str
    status: str  # "complete" | "refused"
    exit_status: int
    fingerprint: str
    package_version: str
    code_hash: str
    knowledge_hash: str
    out_dir: str
    n_documents: int = 0
    n_analysed: int = 0
    n_reused: int = 0
    n_failed: int = 0
    n_removed: int = 0
    n_rows: int = 0
    n_flagged: int = 0
    n_added: int = 0
    n_deleted: int = 0
    n_changed: int = 0
    validation_success: bool | None = None
    message: str = ""
    seconds: float = 0.0
    timings: dict = field(default_factory=dict)
    exported: bool = False


@dataclass
class StoredRow:
    """One row of one run: the row, its validation flags and its review status."""

    row: EvidenceRow
    flags: str = ""
    status: str = "predicted"  # predicted / corrected / rejected (the correction loop sets these)
    corrections: tuple[int, ...] = ()  # ids of the corrections applied to it


@dataclass
class RunState:
    """What `diff` and `history` compare: a run, its documents and its rows by id."""

    run: RunInfo
    documents: dict[str, DocumentEntry]
    rows: dict[str, StoredRow]
    # what became of each correction in the run (`Store.run_corrections`)
    corrections: list[dict] = field(default_factory=list)


def row_json(row: EvidenceRow) -> str:
    """A row as the store keeps it: every field, keys sorted (one text per content)."""
    return json.dumps(row.to_record(), ensure_ascii=False, sort_keys=True)


def row_from_json(text: str) -> EvidenceRow:
    """A stored row back; fields the row no longer has are dropped, new ones defaulted."""
    record = json.loads(text)
    return EvidenceRow(**{k: v for k, v in record.items() if k in _ROW_FIELDS})
