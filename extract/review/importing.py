"""`review import FILE`: an annotation tool's export (Label Studio JSON, doccano JSONL) or
a row review file (CSV) checked whole, then added to the ledger and the store.

Every record is checked before anything is written; the first bad one raises
`CorrectionFileError` (file, line, what to do) and nothing of the file is imported. A file
imported before adds nothing (found by its sha256 in the ledger or the store).
"""

from __future__ import annotations

import hashlib
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path

from extract.errors import CorrectionFileError, MissingFileError
from extract.review import doccano, labelstudio, rows_review
from extract.review.ledger import find_entry, write_entry
from extract.review.tasks import TaskChecker
from extract.store.corrections import save_import, was_imported
from extract.store.db import Store

LABEL_STUDIO, DOCCANO, ROWS = "label-studio", "doccano", "rows"


def file_format(path: Path) -> str:
    suffix = path.suffix.lower()
    if suffix == ".json":
        return LABEL_STUDIO
    if suffix in (".jsonl", ".ndjson"):
        return DOCCANO
    if suffix == ".csv":
        return ROWS
    raise CorrectionFileError(path, f"unknown export type {suffix or '(no suffix)'}",
                              "import a Label Studio .json, a doccano .jsonl or a rows review .csv")


def _originals(store: Store | None):
    """The exported block text from the store's analysis of that document version."""
    def original(doc_sha256: str, block_start: int, block_end: int) -> str | None:
        if store is None:
            return None
        found = store.conn.execute("SELECT text FROM analyses WHERE sha256 = ? ORDER BY analysis_id DESC LIMIT 1",
                                   (doc_sha256,)).fetchone()
        return found[0][block_start:block_end] if found else None

    return original


@dataclass
class Imported:
    path: Path
    fmt: str
    read: int  # corrections in the file
    added: int  # new to the store
    ledger_file: Path | None  # None: imported before


def import_file(path: Path, store: Store, ledger: Path, annotator: str | None = None) -> Imported:
    path = Path(path)
    if not path.is_file():
        raise MissingFileError(path)
    data = path.read_bytes()
    sha = hashlib.sha256(data).hexdigest()
    fmt = file_format(path)
    if was_imported(store, sha) or find_entry(ledger, sha) is not None:
        return Imported(path, fmt, 0, 0, None)
    checker = TaskChecker(path, _originals(store))
    if fmt == LABEL_STUDIO:
        corrections = labelstudio.read_export(path, checker, annotator)
    elif fmt == DOCCANO:
        corrections = doccano.read_export(path, checker, annotator)
    else:
        latest = store.latest_run()
        current = {s.row.row_id: s for s in store.run_rows(latest.run_id)} if latest else {}
        corrections = rows_review.read_review(path, current, annotator or "")
    who = annotator or ", ".join(sorted({c.annotator for c in corrections if c.annotator})) or "unknown"
    for c in corrections:
        c.annotator = c.annotator or who
    now = datetime.now(UTC).strftime("%Y-%m-%dT%H:%M:%SZ")
    entry = write_entry(ledger, corrections, annotator=who, imported_at=now, source_file=path.name,
                        source_sha256=sha, fmt=fmt)
    added = save_import(store, corrections, source_file=path.name, source_sha256=sha, annotator=who,
                        imported_at=now, ledger_file=entry.name)
    return Imported(path, fmt, len(corrections), added, entry)
