"""Corrections an annotator made (the correction loop): their plain types and how the store
keeps them. Reading export files and applying corrections to a document belong to
`extract.review`; this module only holds what every layer above the store may read.

Two kinds:
  span  a block of a document as exported for review (its document offset and text) with
        every entity the annotator left in it: the block's entities are replaced by these
  row   a verdict on one row of `rows.csv` (accept / reject / edit) with the fields edited

Offsets of a span correction count code points of the block text (Python string indices).
"""

from __future__ import annotations

import hashlib
import json
from dataclasses import dataclass, field

from extract.store.db import Store, _transaction

SPAN, ROW = "span", "row"
ACCEPT, REJECT, EDIT = "accept", "reject", "edit"
VERDICTS = (ACCEPT, REJECT, EDIT)
APPLIED, STALE = "applied", "stale"
# A row's review status in a run.
PREDICTED, CORRECTED, REJECTED = "predicted", "corrected", "rejected"


@dataclass(frozen=True)
class SpanFix:
    """One entity of a corrected block: block-relative offsets, label and covered text."""

    start: int
    end: int
    label: str
    text: str


@dataclass
class Correction:
    kind: str  # SPAN / ROW
    doc_id: str
    doc_sha256: str = ""  # the document version the annotator saw
    block_start: int = 0  # SPAN: the block's offset in the document text when exported
    block_text: str = ""
    spans: tuple[SpanFix, ...] = ()
    row_id: str = ""  # ROW
    verdict: str = ""
    fields: dict = field(default_factory=dict)  # ROW EDIT: field -> corrected value
    annotator: str = ""
    imported_at: str = ""
    source_file: str = ""
    source_sha256: str = ""
    ledger_file: str = ""
    correction_id: int | None = None  # set once stored

    def content(self) -> dict:
        """What the correction says (not who imported it when): the ledger's line and the
        content key."""
        if self.kind == SPAN:
            return {"kind": SPAN, "doc_id": self.doc_id, "doc_sha256": self.doc_sha256,
                    "block_start": self.block_start, "block_text": self.block_text,
                    "spans": [[s.start, s.end, s.label, s.text] for s in self.spans], "annotator": self.annotator}
        return {"kind": ROW, "doc_id": self.doc_id, "row_id": self.row_id, "verdict": self.verdict,
                "fields": dict(sorted(self.fields.items())), "annotator": self.annotator}

    def content_key(self) -> str:
        text = json.dumps(self.content(), ensure_ascii=False, sort_keys=True)
        return hashlib.sha256(text.encode("utf-8")).hexdigest()[:24]

    @property
    def block_end(self) -> int:
        return self.block_start + len(self.block_text)


def correction_from_content(data: dict, **provenance) -> Correction:
    """A correction back from `content()` (a ledger line), with its provenance."""
    if data["kind"] == SPAN:
        return Correction(kind=SPAN, doc_id=data["doc_id"], doc_sha256=data.get("doc_sha256", ""),
                          block_start=data["block_start"], block_text=data["block_text"],
                          spans=tuple(SpanFix(*s) for s in data["spans"]), annotator=data.get("annotator", ""),
                          **provenance)
    return Correction(kind=ROW, doc_id=data["doc_id"], row_id=data["row_id"], verdict=data["verdict"],
                      fields=dict(data.get("fields", {})), annotator=data.get("annotator", ""), **provenance)


def corrections_key(corrections: list[Correction]) -> str:
    """What a document's stored analysis was read with: its span corrections' ids ("" for none)."""
    ids = sorted(c.correction_id for c in corrections if c.kind == SPAN and c.correction_id is not None)
    return ",".join(map(str, ids))


# ---------------------------------------------------------------- the store's side


def was_imported(store: Store, source_sha256: str) -> bool:
    return store.conn.execute("SELECT 1 FROM correction_imports WHERE source_sha256 = ?",
                              (source_sha256,)).fetchone() is not None


def save_import(store: Store, corrections: list[Correction], *, source_file: str, source_sha256: str, annotator: str,
                imported_at: str, ledger_file: str) -> int:
    """Add one imported file's corrections in one transaction; returns how many were new
    (a correction whose content is stored already is not added again; a file imported
    before adds nothing)."""
    if was_imported(store, source_sha256):
        return 0
    added = 0
    with _transaction(store.conn):
        for c in corrections:
            key = c.content_key()
            if store.conn.execute("SELECT 1 FROM corrections WHERE content_key = ?", (key,)).fetchone():
                continue
            anchor = {"block_start": c.block_start, "block_text": c.block_text} if c.kind == SPAN else {}
            payload = c.content()
            cursor = store.conn.execute(
                "INSERT INTO corrections (kind, doc_id, doc_sha256, row_id, field, value_json, verdict, anchor_json, "
                "annotator, imported_at, source_file, source_sha256, ledger_file, payload_json, content_key) "
                "VALUES (?, ?, ?, ?, NULL, NULL, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
                (c.kind, c.doc_id, c.doc_sha256 or None, c.row_id or None, c.verdict or None,
                 json.dumps(anchor, ensure_ascii=False), c.annotator, imported_at, source_file, source_sha256,
                 ledger_file, json.dumps(payload, ensure_ascii=False, sort_keys=True), key))
            c.correction_id = cursor.lastrowid
            added += 1
        store.conn.execute(
            "INSERT INTO correction_imports (source_sha256, source_file, annotator, imported_at, ledger_file, "
            "n_corrections) VALUES (?, ?, ?, ?, ?, ?)",
            (source_sha256, source_file, annotator, imported_at, ledger_file, added))
    return added


def load_corrections(store: Store, doc_id: str | None = None) -> list[Correction]:
    """Every stored correction (of one document), oldest first."""
    sql = ("SELECT correction_id, payload_json, annotator, imported_at, source_file, source_sha256, ledger_file "
           "FROM corrections")
    args: tuple = ()
    if doc_id is not None:
        sql += " WHERE doc_id = ?"
        args = (doc_id,)
    return [correction_from_content(json.loads(payload), correction_id=cid, imported_at=at, source_file=src,
                                    source_sha256=sha, ledger_file=ledger)
            for cid, payload, _, at, src, sha, ledger in store.conn.execute(sql + " ORDER BY correction_id", args)]


def annotators(store: Store) -> dict[int, str]:
    """correction id -> who made it."""
    return dict(store.conn.execute("SELECT correction_id, annotator FROM corrections"))
