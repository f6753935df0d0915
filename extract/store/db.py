"""The evidence store: one SQLite file (standard library, no server), by default
`outputs/evidence.sqlite`.

It keeps every run (time, extractor fingerprint, counts, exit status, timings), every
document version (path, sha256, pages, title, DOI), the analysis of each document under
each extractor (its text, entities and rows: what lets an unchanged document skip the
stages), every row of every run under its stable `row_id` with per-field provenance and
validation flags, each run's validation result and scores, and the corrections the
correction loop imports.

Schema changes are numbered migrations (`MIGRATIONS`), applied in order when a store is
opened; `PRAGMA user_version` holds the number applied. Each document's analysis is
written as soon as it is read (`save_analysis`, one transaction each: content-addressed,
reusable by the next run even if this one is killed); the run itself (its documents, rows,
validation, scores) is written in one transaction (`save_run`): a run killed before that
commit leaves no run and no row of it.
"""

from __future__ import annotations

import hashlib
import json
import sqlite3
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from dataclasses import field as dataclass_field
from pathlib import Path

from extract.errors import ExtractError
from extract.rows.schema import EvidenceRow
from extract.store.fingerprint import Fingerprint
from extract.store.records import (ANALYSED, FAILED, REMOVED, REUSED, AnalysedDocument, AnalysisSummary, DocumentEntry,
                                   RunInfo, RunState, StoredRow, row_from_json, row_json)

STORE_NAME = "evidence.sqlite"
COMPLETE, REFUSED = "complete", "refused"
# Fields whose value (with the row's provenance) the store keeps one line each for.
PROVENANCE_FIELDS = ("trial", "agents", "subgroup", "n", "age_median", "age_min", "age_max", "cr_pct",
                     "mrd_neg_pct", "mrd_method", "os_pct", "os_years", "os_median_months")

SCHEMA_V1 = """
CREATE TABLE runs (
    run_id INTEGER PRIMARY KEY,
    started_at TEXT NOT NULL,
    finished_at TEXT NOT NULL,
    status TEXT NOT NULL CHECK (status IN ('complete', 'refused')),
    exit_status INTEGER NOT NULL,
    fingerprint TEXT NOT NULL,
    package_version TEXT NOT NULL,
    code_hash TEXT NOT NULL,
    knowledge_hash TEXT NOT NULL,
    libraries TEXT NOT NULL,
    inputs_json TEXT NOT NULL,
    options_json TEXT NOT NULL,
    out_dir TEXT NOT NULL,
    n_documents INTEGER NOT NULL DEFAULT 0,
    n_analysed INTEGER NOT NULL DEFAULT 0,
    n_reused INTEGER NOT NULL DEFAULT 0,
    n_failed INTEGER NOT NULL DEFAULT 0,
    n_removed INTEGER NOT NULL DEFAULT 0,
    n_rows INTEGER NOT NULL DEFAULT 0,
    n_flagged INTEGER NOT NULL DEFAULT 0,
    n_added INTEGER NOT NULL DEFAULT 0,
    n_deleted INTEGER NOT NULL DEFAULT 0,
    n_changed INTEGER NOT NULL DEFAULT 0,
    validation_success INTEGER,
    message TEXT NOT NULL DEFAULT '',
    seconds REAL NOT NULL DEFAULT 0,
    timings_json TEXT NOT NULL DEFAULT '{}',
    exported INTEGER NOT NULL DEFAULT 0
);
-- a document version: one per (doc_id, content)
CREATE TABLE documents (
    doc_id TEXT NOT NULL,
    sha256 TEXT NOT NULL,
    size INTEGER NOT NULL,
    pages INTEGER NOT NULL,
    title TEXT NOT NULL,
    doi TEXT NOT NULL,
    first_run INTEGER NOT NULL,
    PRIMARY KEY (doc_id, sha256)
);
-- a document version read by one extractor: what an unchanged document is reused from
CREATE TABLE analyses (
    analysis_id INTEGER PRIMARY KEY,
    doc_id TEXT NOT NULL,
    sha256 TEXT NOT NULL,
    fingerprint TEXT NOT NULL,
    run_id INTEGER NOT NULL,
    pages INTEGER NOT NULL,
    n_blocks INTEGER NOT NULL,
    n_tables INTEGER NOT NULL,
    title TEXT NOT NULL,
    doi TEXT NOT NULL,
    text TEXT NOT NULL,
    seconds REAL NOT NULL,
    UNIQUE (doc_id, sha256, fingerprint)
);
CREATE TABLE entities (
    analysis_id INTEGER NOT NULL REFERENCES analyses(analysis_id) ON DELETE CASCADE,
    ord INTEGER NOT NULL,
    start INTEGER NOT NULL,
    "end" INTEGER NOT NULL,
    label TEXT NOT NULL,
    text TEXT NOT NULL,
    record_json TEXT NOT NULL,
    PRIMARY KEY (analysis_id, ord)
) WITHOUT ROWID;
-- a row's content, once per distinct content: history is the list of its versions
CREATE TABLE row_versions (
    version TEXT PRIMARY KEY,
    row_id TEXT NOT NULL,
    doc_id TEXT NOT NULL,
    source TEXT NOT NULL,
    record_json TEXT NOT NULL
) WITHOUT ROWID;
CREATE INDEX row_versions_by_row ON row_versions (row_id);
-- per-field provenance: each value of a row version with where it was read
CREATE TABLE row_fields (
    version TEXT NOT NULL,
    field TEXT NOT NULL,
    value_json TEXT NOT NULL,
    page INTEGER,
    bbox TEXT NOT NULL,
    sent_start INTEGER,
    sent_end INTEGER,
    PRIMARY KEY (version, field)
) WITHOUT ROWID;
CREATE TABLE analysis_rows (
    analysis_id INTEGER NOT NULL REFERENCES analyses(analysis_id) ON DELETE CASCADE,
    ord INTEGER NOT NULL,
    version TEXT NOT NULL,
    PRIMARY KEY (analysis_id, ord)
) WITHOUT ROWID;
CREATE TABLE run_documents (
    run_id INTEGER NOT NULL REFERENCES runs(run_id),
    ord INTEGER NOT NULL,
    doc_id TEXT NOT NULL,
    path TEXT NOT NULL,
    sha256 TEXT,
    status TEXT NOT NULL CHECK (status IN ('new', 'changed', 'unchanged', 'failed', 'removed')),
    action TEXT NOT NULL,
    analysis_id INTEGER,
    error TEXT NOT NULL DEFAULT '',
    PRIMARY KEY (run_id, doc_id)
);
CREATE TABLE run_rows (
    run_id INTEGER NOT NULL REFERENCES runs(run_id),
    ord INTEGER NOT NULL,
    row_id TEXT NOT NULL,
    version TEXT NOT NULL,
    doc_id TEXT NOT NULL,
    flags TEXT NOT NULL DEFAULT '',
    status TEXT NOT NULL DEFAULT 'predicted' CHECK (status IN ('predicted', 'corrected', 'rejected')),
    corrections_json TEXT NOT NULL DEFAULT '[]',
    PRIMARY KEY (run_id, row_id)
);
CREATE INDEX run_rows_by_row ON run_rows (row_id);
CREATE TABLE validations (
    run_id INTEGER PRIMARY KEY REFERENCES runs(run_id),
    rows_hash TEXT NOT NULL,
    fingerprint TEXT NOT NULL,
    success INTEGER NOT NULL,
    json_text TEXT NOT NULL,
    flags_json TEXT NOT NULL
);
CREATE INDEX validations_by_rows ON validations (rows_hash, fingerprint);
CREATE TABLE validation_results (
    run_id INTEGER NOT NULL REFERENCES runs(run_id),
    ord INTEGER NOT NULL,
    expectation TEXT NOT NULL,
    success INTEGER NOT NULL,
    failing_rows_json TEXT NOT NULL,
    PRIMARY KEY (run_id, ord)
);
CREATE TABLE metrics (
    run_id INTEGER PRIMARY KEY REFERENCES runs(run_id),
    key TEXT NOT NULL,
    json_text TEXT NOT NULL
);
CREATE INDEX metrics_by_key ON metrics (key);
-- the correction loop's corrections (filled by `review import`), and where each run applied them
CREATE TABLE corrections (
    correction_id INTEGER PRIMARY KEY,
    kind TEXT NOT NULL CHECK (kind IN ('span', 'row')),
    doc_id TEXT NOT NULL,
    doc_sha256 TEXT,
    row_id TEXT,
    field TEXT,
    value_json TEXT,
    verdict TEXT CHECK (verdict IN ('accept', 'reject', 'edit')),
    anchor_json TEXT NOT NULL DEFAULT '{}',
    annotator TEXT NOT NULL,
    imported_at TEXT NOT NULL,
    source_file TEXT NOT NULL,
    source_sha256 TEXT NOT NULL,
    ledger_file TEXT NOT NULL DEFAULT '',
    payload_json TEXT NOT NULL DEFAULT '{}'
);
CREATE INDEX corrections_by_doc ON corrections (doc_id);
CREATE TABLE run_corrections (
    run_id INTEGER NOT NULL REFERENCES runs(run_id),
    correction_id INTEGER NOT NULL REFERENCES corrections(correction_id),
    row_id TEXT,
    outcome TEXT NOT NULL CHECK (outcome IN ('applied', 'stale')),
    PRIMARY KEY (run_id, correction_id)
);
"""

# The correction loop (`review import`, applied by `run`): one line per imported file, so the
# same file imported twice adds nothing; a content key per correction, so a correction
# exported again in a later file is not added twice; per analysis, the corrections it was
# read with (reused only while they are the same) and what became of each.
SCHEMA_V2_CORRECTIONS = """
ALTER TABLE corrections ADD COLUMN content_key TEXT NOT NULL DEFAULT '';
CREATE INDEX corrections_by_key ON corrections (content_key);
CREATE TABLE correction_imports (
    source_sha256 TEXT PRIMARY KEY,
    source_file TEXT NOT NULL,
    annotator TEXT NOT NULL,
    imported_at TEXT NOT NULL,
    ledger_file TEXT NOT NULL,
    n_corrections INTEGER NOT NULL
);
ALTER TABLE analyses ADD COLUMN corrections_key TEXT NOT NULL DEFAULT '';
ALTER TABLE analyses ADD COLUMN corrections_json TEXT NOT NULL DEFAULT '[]';
ALTER TABLE run_corrections ADD COLUMN detail TEXT NOT NULL DEFAULT '';
"""

# The review page's page images, by a key over the PDF's content, the crop and the drawing
# code: a refresh that adds one paper draws that paper's crops only.
SCHEMA_V3_REVIEW_CROPS = """
CREATE TABLE review_crops (
    key TEXT PRIMARY KEY,
    png BLOB NOT NULL
);
"""

# (version, SQL) in order; a store at version k gets every migration above k, each in its
# own transaction. Append, never edit: a store in the field was built by the old text.
MIGRATIONS: list[tuple[int, str]] = [(1, SCHEMA_V1), (2, SCHEMA_V2_CORRECTIONS), (3, SCHEMA_V3_REVIEW_CROPS)]


class StoreError(ExtractError):
    what = "evidence store cannot be used"
    todo = "check the --store path"


def latest_version() -> int:
    return MIGRATIONS[-1][0]


def _migrate(conn: sqlite3.Connection, path: Path) -> None:
    current = conn.execute("PRAGMA user_version").fetchone()[0]
    if current > latest_version():
        raise StoreError(path, f"store schema version {current} is newer than this program's ({latest_version()})",
                         "use the newer version of the package, or pass another --store")
    for version, sql in MIGRATIONS:
        if version <= current:
            continue
        with _transaction(conn):
            for statement in _statements(sql):
                conn.execute(statement)
            conn.execute(f"PRAGMA user_version = {int(version)}")


def _statements(sql: str) -> list[str]:
    """The statements of a migration script, for `execute` inside our own transaction
    (`executescript` would commit on its own)."""
    out, buffer = [], []
    for line in sql.splitlines():
        if line.strip().startswith("--") or not line.strip():
            continue
        buffer.append(line)
        if sqlite3.complete_statement("\n".join(buffer)):
            out.append("\n".join(buffer))
            buffer = []
    return out


@contextmanager
def _transaction(conn: sqlite3.Connection) -> Iterator[None]:
    conn.execute("BEGIN IMMEDIATE")
    try:
        yield
    except BaseException:
        conn.execute("ROLLBACK")
        raise
    conn.execute("COMMIT")


def _drop_stale_journal(conn: sqlite3.Connection, path: Path) -> None:
    """A rollback journal a killed run left behind. Reading the store has already rolled
    back a hot journal; one the writer was killed while creating (empty, no header) SQLite
    leaves in place. Holding the write lock, no other writer can own a journal, so any
    journal still there is stale."""
    journal = path.with_name(path.name + "-journal")
    if not journal.exists():
        return
    conn.execute("BEGIN IMMEDIATE")
    try:
        journal.unlink(missing_ok=True)
    finally:
        conn.execute("COMMIT")


@contextmanager
def run_lock(path: str | Path) -> Iterator[None]:
    """Held by a run for as long as it reads and writes the store at `path` and its output
    folder: a second run on the same store stops at once with one line instead of
    interleaving its exports with the first's. An advisory lock on `<store>.lock`, released
    by the system when the process ends, however it ends."""
    import fcntl  # lazy: POSIX only, and only a run takes the lock

    lock_path = Path(f"{path}.lock")
    lock_path.parent.mkdir(parents=True, exist_ok=True)
    with open(lock_path, "a+") as handle:
        try:
            fcntl.flock(handle, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except BlockingIOError:
            raise StoreError(Path(path), "another run is using this store right now",
                             "wait for it to finish, or pass another --store / -o") from None
        try:
            yield
        finally:
            fcntl.flock(handle, fcntl.LOCK_UN)


def open_store(path: str | Path, create: bool = True) -> Store:
    """The store at `path`, migrated to the current schema. With `create=False` a missing
    store is a `StoreError` (the read-only commands have nothing to show)."""
    path = Path(path)
    if not path.exists() and not create:
        raise StoreError(path, "no evidence store here", "run `python -m extract run` first, or pass --store PATH")
    if path.exists() and path.is_dir():
        raise StoreError(path, "is a folder, not a store file", "pass --store FILE")
    path.parent.mkdir(parents=True, exist_ok=True)
    try:
        conn = sqlite3.connect(path, isolation_level=None, timeout=30)
        conn.execute("PRAGMA foreign_keys = ON")
        _migrate(conn, path)
        _drop_stale_journal(conn, path)
    except sqlite3.DatabaseError as err:
        raise StoreError(path, f"not a readable evidence store ({err})",
                         "move it away (a new one is made) or pass another --store") from None
    return Store(path, conn)


@dataclass
class NewRun:
    """Everything a finished run writes to the store, in one transaction."""

    started_at: str
    finished_at: str
    fingerprint: Fingerprint
    inputs: list[str]
    options: dict
    out_dir: str
    documents: list[DocumentEntry]  # inputs in order (ok and failed), then removed ones
    analyses: list[AnalysisSummary]  # the stored analysis of every input read or reused (`save_analysis`)
    rows: list[EvidenceRow]  # final, with unique row ids
    flags: list[str]
    rows_hash: str
    validation_json: str
    validation_results: list[dict]
    validation_success: bool
    metrics_key: str = ""
    metrics_json: str | None = None
    n_added: int = 0
    n_deleted: int = 0
    n_changed: int = 0
    # per row: review status and the ids of the corrections applied to it (default: predicted)
    statuses: list[str] | None = None
    row_corrections: list[tuple[int, ...]] | None = None
    # (correction_id, row_id or "", outcome, detail) of every correction this run met
    correction_outcomes: list[tuple[int, str, str, str]] = dataclass_field(default_factory=list)
    exit_status: int = 0
    seconds: float = 0.0
    timings: dict | None = None


def _version_of(record_json: str) -> str:
    return hashlib.sha256(record_json.encode("utf-8")).hexdigest()[:20]


class Store:
    def __init__(self, path: Path, conn: sqlite3.Connection):
        self.path = path
        self.conn = conn

    def close(self) -> None:
        self.conn.close()

    def __enter__(self) -> Store:
        return self

    def __exit__(self, *exc) -> None:
        self.close()

    @property
    def schema_version(self) -> int:
        return self.conn.execute("PRAGMA user_version").fetchone()[0]

    # ------------------------------------------------------------ runs

    def _run_info(self, row: sqlite3.Row | tuple) -> RunInfo:
        keys = ("run_id", "started_at", "finished_at", "status", "exit_status", "fingerprint", "package_version",
                "code_hash", "knowledge_hash", "out_dir", "n_documents", "n_analysed", "n_reused", "n_failed",
                "n_removed", "n_rows", "n_flagged", "n_added", "n_deleted", "n_changed", "validation_success",
                "message", "seconds", "timings_json", "exported")
        values = dict(zip(keys, row))
        values["timings"] = json.loads(values.pop("timings_json"))
        values["exported"] = bool(values["exported"])
        if values["validation_success"] is not None:
            values["validation_success"] = bool(values["validation_success"])
        return RunInfo(**values)

    _RUN_COLUMNS = ("run_id, started_at, finished_at, status, exit_status, fingerprint, package_version, code_hash, "
                    "knowledge_hash, out_dir, n_documents, n_analysed, n_reused, n_failed, n_removed, n_rows, "
                    "n_flagged, n_added, n_deleted, n_changed, validation_success, message, seconds, timings_json, "
                    "exported")

    def runs(self) -> list[RunInfo]:
        return [self._run_info(r) for r in self.conn.execute(f"SELECT {self._RUN_COLUMNS} FROM runs ORDER BY run_id")]

    def run(self, run_id: int) -> RunInfo | None:
        row = self.conn.execute(f"SELECT {self._RUN_COLUMNS} FROM runs WHERE run_id = ?", (run_id,)).fetchone()
        return self._run_info(row) if row else None

    def latest_run(self, before: int | None = None) -> RunInfo | None:
        """The last complete run (before run `before`, if given): the current table."""
        sql = f"SELECT {self._RUN_COLUMNS} FROM runs WHERE status = 'complete'"
        args: tuple = ()
        if before is not None:
            sql += " AND run_id < ?"
            args = (before,)
        row = self.conn.execute(sql + " ORDER BY run_id DESC LIMIT 1", args).fetchone()
        return self._run_info(row) if row else None

    def complete_run_ids(self) -> list[int]:
        return [r[0] for r in self.conn.execute("SELECT run_id FROM runs WHERE status = 'complete' ORDER BY run_id")]

    # ------------------------------------------------------------ documents and analyses

    def find_analysis(self, doc_id: str, sha256: str, fingerprint: str,
                      corrections_key: str = "") -> AnalysisSummary | None:
        """The stored analysis of this document version by this extractor with these span
        corrections (`corrections.corrections_key`), if any (its counts and rows; the text
        and entities stay in the store)."""
        found = self.conn.execute(
            "SELECT analysis_id FROM analyses WHERE doc_id = ? AND sha256 = ? AND fingerprint = ? "
            "AND corrections_key = ?", (doc_id, sha256, fingerprint, corrections_key)).fetchone()
        return self.analysis_summary(found[0]) if found else None

    def analysis_summary(self, analysis_id: int) -> AnalysisSummary:
        doc_id, sha256, pages, n_blocks, n_tables, title, doi, corrections_key, corrections = self.conn.execute(
            "SELECT doc_id, sha256, pages, n_blocks, n_tables, title, doi, corrections_key, corrections_json "
            "FROM analyses WHERE analysis_id = ?", (analysis_id,)).fetchone()
        size = self.conn.execute("SELECT size FROM documents WHERE doc_id = ? AND sha256 = ?",
                                 (doc_id, sha256)).fetchone()
        n_entities = self.conn.execute("SELECT COUNT(*) FROM entities WHERE analysis_id = ?",
                                       (analysis_id,)).fetchone()[0]
        return AnalysisSummary(doc_id=doc_id, sha256=sha256, size=size[0] if size else 0, analysis_id=analysis_id,
                               pages=pages, n_blocks=n_blocks, n_tables=n_tables, n_entities=n_entities, title=title,
                               doi=doi, rows=self.analysis_rows(analysis_id), corrections_key=corrections_key,
                               corrections=json.loads(corrections or "[]"))

    def analysis_entities(self, analysis_id: int) -> list[dict]:
        return [json.loads(r[0]) for r in self.conn.execute(
            "SELECT record_json FROM entities WHERE analysis_id = ? ORDER BY ord", (analysis_id,))]

    def analysis_rows(self, analysis_id: int) -> list[EvidenceRow]:
        return [row_from_json(r[0]) for r in self.conn.execute(
            "SELECT v.record_json FROM analysis_rows a JOIN row_versions v USING (version) "
            "WHERE a.analysis_id = ? ORDER BY a.ord", (analysis_id,))]

    def analysis_text(self, analysis_id: int) -> str:
        return self.conn.execute("SELECT text FROM analyses WHERE analysis_id = ?", (analysis_id,)).fetchone()[0]

    def run_documents(self, run_id: int) -> list[DocumentEntry]:
        """A run's documents in input order, removed ones last, with what the analysis says."""
        out = []
        for row in self.conn.execute(
                "SELECT d.doc_id, d.path, d.sha256, d.status, d.action, d.error, d.analysis_id, "
                "a.pages, a.n_blocks, a.n_tables, a.title, a.doi, "
                "(SELECT COUNT(*) FROM entities e WHERE e.analysis_id = d.analysis_id), COALESCE(n.n_rows, 0) "
                "FROM run_documents d LEFT JOIN analyses a ON a.analysis_id = d.analysis_id "
                # rows counted per document in one pass (a count per document would scan the run's rows each time)
                "LEFT JOIN (SELECT doc_id, COUNT(*) AS n_rows FROM run_rows WHERE run_id = ? GROUP BY doc_id) n "
                "ON n.doc_id = d.doc_id WHERE d.run_id = ? ORDER BY d.ord", (run_id, run_id)):
            (doc_id, path, sha, status, action, error, analysis_id, pages, n_blocks, n_tables, title, doi,
             n_entities, n_rows) = row
            out.append(DocumentEntry(doc_id=doc_id, path=path, sha256=sha, status=status, action=action, error=error,
                                     analysis_id=analysis_id, pages=pages or 0, n_blocks=n_blocks or 0,
                                     n_tables=n_tables or 0, n_entities=n_entities, n_rows=n_rows,
                                     title=title or "", doi=doi or ""))
        return out

    # ------------------------------------------------------------ rows

    def run_rows(self, run_id: int) -> list[StoredRow]:
        return [StoredRow(row=row_from_json(record), flags=flags, status=status,
                          corrections=tuple(json.loads(corrections)))
                for record, flags, status, corrections in self.conn.execute(
                    "SELECT v.record_json, r.flags, r.status, r.corrections_json FROM run_rows r "
                    "JOIN row_versions v USING (version) WHERE r.run_id = ? ORDER BY r.ord", (run_id,))]

    def run_state(self, run_id: int) -> RunState:
        run = self.run(run_id)
        if run is None:
            raise StoreError(self.path, f"no run {run_id} in this store", "list them with `python -m extract runs`")
        return RunState(run=run, documents={d.doc_id: d for d in self.run_documents(run_id)},
                        rows={s.row.row_id: s for s in self.run_rows(run_id)}, corrections=self.run_corrections(run_id))

    def run_corrections(self, run_id: int) -> list[dict]:
        """What became of each correction in a run: {correction_id, kind, doc_id, annotator,
        row_id, outcome, detail}, by correction id."""
        return [{"correction_id": cid, "kind": kind, "doc_id": doc_id, "annotator": who, "row_id": row_id or "",
                 "outcome": outcome, "detail": detail}
                for cid, kind, doc_id, who, row_id, outcome, detail in self.conn.execute(
                    "SELECT r.correction_id, c.kind, c.doc_id, c.annotator, r.row_id, r.outcome, r.detail "
                    "FROM run_corrections r JOIN corrections c USING (correction_id) WHERE r.run_id = ? "
                    "ORDER BY r.correction_id", (run_id,))]

    def row_ids_like(self, prefix: str) -> list[str]:
        """Every row id ever stored that starts with `prefix` (history accepts a prefix)."""
        return [r[0] for r in self.conn.execute(
            "SELECT DISTINCT row_id FROM run_rows WHERE row_id >= ? AND row_id < ? ORDER BY row_id",
            (prefix, prefix + "\U0010ffff"))]

    def row_provenance(self, row_id: str) -> list[tuple]:
        """(version, field, value, page, bbox, sent_start, sent_end) of every stored value of a row."""
        return [(v, f, json.loads(value), page, bbox, s, e) for v, f, value, page, bbox, s, e in self.conn.execute(
            "SELECT f.version, f.field, f.value_json, f.page, f.bbox, f.sent_start, f.sent_end "
            "FROM row_fields f JOIN row_versions v USING (version) WHERE v.row_id = ? ORDER BY f.version, f.field",
            (row_id,))]

    # ------------------------------------------------------------ validation and scores

    def find_validation(self, rows_hash: str, fingerprint: str) -> tuple[str, list[str]] | None:
        """(validation.json text, flags per row) of an earlier run on the same rows."""
        found = self.conn.execute(
            "SELECT json_text, flags_json FROM validations WHERE rows_hash = ? AND fingerprint = ? "
            "ORDER BY run_id DESC LIMIT 1", (rows_hash, fingerprint)).fetchone()
        return (found[0], json.loads(found[1])) if found else None

    def cached_crops(self, keys: list[str]) -> dict[str, bytes]:
        """The page images stored under these keys (`extract.review.crops`)."""
        found: dict[str, bytes] = {}
        for i in range(0, len(keys), 500):  # SQLite's bound-parameter limit
            part = keys[i:i + 500]
            marks = ", ".join("?" * len(part))
            found.update(self.conn.execute(f"SELECT key, png FROM review_crops WHERE key IN ({marks})", part))
        return found

    def replace_crops(self, images: dict[str, bytes]) -> None:
        """Keep exactly these page images (those of the run just drawn)."""
        with _transaction(self.conn):
            self.conn.execute("DELETE FROM review_crops")
            self.conn.executemany("INSERT INTO review_crops (key, png) VALUES (?, ?)", sorted(images.items()))

    def run_options(self, run_id: int) -> dict:
        """The options a run was started with (`run --full`, `--parquet`, ...)."""
        found = self.conn.execute("SELECT options_json FROM runs WHERE run_id = ?", (run_id,)).fetchone()
        return json.loads(found[0]) if found and found[0] else {}

    def run_validation(self, run_id: int) -> str:
        found = self.conn.execute("SELECT json_text FROM validations WHERE run_id = ?", (run_id,)).fetchone()
        return found[0] if found else ""

    def find_metrics(self, key: str) -> str | None:
        found = self.conn.execute("SELECT json_text FROM metrics WHERE key = ? ORDER BY run_id DESC LIMIT 1",
                                  (key,)).fetchone()
        return found[0] if found else None

    def run_metrics(self, run_id: int) -> str | None:
        found = self.conn.execute("SELECT json_text FROM metrics WHERE run_id = ?", (run_id,)).fetchone()
        return found[0] if found else None

    # ------------------------------------------------------------ writing a run

    def save_run(self, run: NewRun) -> int:
        """Write a finished run in one transaction; returns its id."""
        with _transaction(self.conn):
            run_id = self._insert_run(run, COMPLETE, "")
            sizes = {a.analysis_id: a.size for a in run.analyses}
            # analyses stored while the documents were read (by this run, or by one killed
            # before its commit) belong to the first run saved with them
            self.conn.executemany("UPDATE analyses SET run_id = ? WHERE analysis_id = ? AND run_id = 0",
                                  [(run_id, a.analysis_id) for a in run.analyses])
            for ord_, doc in enumerate(run.documents):
                if doc.ok:
                    self.conn.execute(
                        "INSERT OR IGNORE INTO documents (doc_id, sha256, size, pages, title, doi, first_run) "
                        "SELECT doc_id, sha256, ?, pages, title, doi, ? FROM analyses WHERE analysis_id = ?",
                        (sizes.get(doc.analysis_id, 0), run_id, doc.analysis_id))
                self.conn.execute(
                    "INSERT INTO run_documents (run_id, ord, doc_id, path, sha256, status, action, analysis_id, error) "
                    "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)",
                    (run_id, ord_, doc.doc_id, doc.path, doc.sha256, doc.status, doc.action,
                     doc.analysis_id if doc.ok else None, doc.error))
            versions = [self._insert_row_version(row) for row in run.rows]
            statuses = run.statuses or ["predicted"] * len(run.rows)
            applied = run.row_corrections or [()] * len(run.rows)
            self.conn.executemany(
                "INSERT INTO run_rows (run_id, ord, row_id, version, doc_id, flags, status, corrections_json) "
                "VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
                [(run_id, i, row.row_id, version, row.doc_id, flags, status, json.dumps(list(ids)))
                 for i, (row, version, flags, status, ids) in enumerate(zip(run.rows, versions, run.flags, statuses,
                                                                             applied))])
            self.conn.executemany(
                "INSERT INTO run_corrections (run_id, correction_id, row_id, outcome, detail) VALUES (?, ?, ?, ?, ?)",
                [(run_id, cid, row_id or None, outcome, detail)
                 for cid, row_id, outcome, detail in run.correction_outcomes])
            self.conn.execute(
                "INSERT INTO validations (run_id, rows_hash, fingerprint, success, json_text, flags_json) "
                "VALUES (?, ?, ?, ?, ?, ?)",
                (run_id, run.rows_hash, run.fingerprint.digest, int(run.validation_success), run.validation_json,
                 json.dumps(run.flags)))
            ids = [row.row_id for row in run.rows]
            self.conn.executemany(
                "INSERT INTO validation_results (run_id, ord, expectation, success, failing_rows_json) "
                "VALUES (?, ?, ?, ?, ?)",
                [(run_id, i, r["expectation"], int(r["success"]),
                  json.dumps([ids[k] for k in r["failing_rows"] if k < len(ids)]))
                 for i, r in enumerate(run.validation_results)])
            if run.metrics_json is not None:
                self.conn.execute("INSERT INTO metrics (run_id, key, json_text) VALUES (?, ?, ?)",
                                  (run_id, run.metrics_key, run.metrics_json))
            self._prune(run_id, run.fingerprint.digest)
        return run_id

    def save_refused(self, run: NewRun, message: str) -> int:
        """Record a run that refused to replace the table (nothing else changes)."""
        with _transaction(self.conn):
            return self._insert_run(run, REFUSED, message)

    def mark_exported(self, run_id: int) -> None:
        with _transaction(self.conn):
            self.conn.execute("UPDATE runs SET exported = 1 WHERE run_id = ?", (run_id,))

    def record_timings(self, run_id: int, seconds: float, timings: dict) -> None:
        """The run's wall time and seconds per phase, export included (never exported)."""
        with _transaction(self.conn):
            self.conn.execute("UPDATE runs SET seconds = ?, timings_json = ? WHERE run_id = ?",
                              (round(seconds, 3), json.dumps({k: round(v, 3) for k, v in timings.items()},
                                                             sort_keys=True), run_id))

    def _insert_run(self, run: NewRun, status: str, message: str) -> int:
        docs = run.documents
        fp = run.fingerprint
        cursor = self.conn.execute(
            "INSERT INTO runs (started_at, finished_at, status, exit_status, fingerprint, package_version, code_hash, "
            "knowledge_hash, libraries, inputs_json, options_json, out_dir, n_documents, n_analysed, n_reused, "
            "n_failed, n_removed, n_rows, n_flagged, n_added, n_deleted, n_changed, validation_success, message, "
            "seconds, timings_json) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
            (run.started_at, run.finished_at, status, run.exit_status, fp.digest, fp.package_version, fp.code_hash,
             fp.knowledge_hash, fp.libraries, json.dumps(run.inputs), json.dumps(run.options, sort_keys=True),
             run.out_dir, sum(d.status != REMOVED for d in docs), sum(d.action == ANALYSED for d in docs),
             sum(d.action == REUSED for d in docs), sum(d.status == FAILED for d in docs),
             sum(d.status == REMOVED for d in docs), len(run.rows), sum(bool(f) for f in run.flags),
             run.n_added, run.n_deleted, run.n_changed,
             None if status == REFUSED else int(run.validation_success), message, round(run.seconds, 3),
             json.dumps(run.timings or {}, sort_keys=True)))
        return cursor.lastrowid

    def save_analysis(self, doc: AnalysedDocument, fingerprint: str) -> AnalysisSummary:
        """Store one document's analysis as soon as it is read, in its own transaction, and
        return what the run keeps of it. Analyses are keyed on content and extractor, so one
        stored before its run's record is safe: a run killed later leaves it for the next
        run to reuse, never a half run. Its `run_id` is 0 until a run that uses it is saved."""
        with _transaction(self.conn):
            analysis_id = self._insert_analysis(doc, fingerprint)
        return AnalysisSummary(doc_id=doc.doc_id, sha256=doc.sha256, size=doc.size, analysis_id=analysis_id,
                               pages=doc.pages, n_blocks=doc.n_blocks, n_tables=doc.n_tables,
                               n_entities=len(doc.entities), title=doc.title, doi=doc.doi, rows=doc.rows,
                               corrections_key=doc.corrections_key, corrections=doc.corrections)

    def _insert_analysis(self, doc: AnalysedDocument, fingerprint: str) -> int:
        values = (doc.pages, doc.n_blocks, doc.n_tables, doc.title, doc.doi, doc.text, round(doc.seconds, 3),
                  doc.corrections_key, json.dumps(doc.corrections, ensure_ascii=False))
        found = self.conn.execute("SELECT analysis_id FROM analyses WHERE doc_id = ? AND sha256 = ? AND fingerprint = ?",
                                  (doc.doc_id, doc.sha256, fingerprint)).fetchone()
        if found is not None:
            # read again under the same extractor (--full, or its corrections changed): the
            # new reading replaces the old in place, so earlier runs that used it still find it
            analysis_id = found[0]
            self.conn.execute("UPDATE analyses SET pages = ?, n_blocks = ?, n_tables = ?, title = ?, doi = ?, "
                              "text = ?, seconds = ?, corrections_key = ?, corrections_json = ? WHERE analysis_id = ?",
                              (*values, analysis_id))
            self.conn.execute("DELETE FROM entities WHERE analysis_id = ?", (analysis_id,))
            self.conn.execute("DELETE FROM analysis_rows WHERE analysis_id = ?", (analysis_id,))
        else:
            analysis_id = self.conn.execute(
                "INSERT INTO analyses (doc_id, sha256, fingerprint, run_id, pages, n_blocks, n_tables, title, doi, "
                "text, seconds, corrections_key, corrections_json) VALUES (?, ?, ?, 0, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
                (doc.doc_id, doc.sha256, fingerprint, *values)).lastrowid
        self.conn.executemany(
            'INSERT INTO entities (analysis_id, ord, start, "end", label, text, record_json) VALUES (?, ?, ?, ?, ?, ?, ?)',
            [(analysis_id, i, e.get("start", 0), e.get("end", 0), e.get("label", ""), e.get("text", ""),
              json.dumps(e, ensure_ascii=False)) for i, e in enumerate(doc.entities)])
        versions = [self._insert_row_version(row) for row in doc.rows]
        self.conn.executemany("INSERT INTO analysis_rows (analysis_id, ord, version) VALUES (?, ?, ?)",
                              [(analysis_id, i, v) for i, v in enumerate(versions)])
        doc.analysis_id = analysis_id
        return analysis_id

    def _insert_row_version(self, row: EvidenceRow) -> str:
        record = row_json(row)
        version = _version_of(record)
        cursor = self.conn.execute(
            "INSERT OR IGNORE INTO row_versions (version, row_id, doc_id, source, record_json) VALUES (?, ?, ?, ?, ?)",
            (version, row.row_id, row.doc_id, row.source, record))
        if cursor.rowcount:
            self.conn.executemany(
                "INSERT INTO row_fields (version, field, value_json, page, bbox, sent_start, sent_end) "
                "VALUES (?, ?, ?, ?, ?, ?, ?)",
                [(version, name, json.dumps(value, ensure_ascii=False), *where)
                 for name, value, where in field_provenance(row)])
        return version

    def _prune(self, run_id: int, fingerprint: str) -> None:
        """Drop analyses no run can reuse any more (read by another extractor) and that this
        run does not use; rows, their versions and their history stay."""
        self.conn.execute(
            "DELETE FROM analyses WHERE fingerprint != ? AND analysis_id NOT IN "
            "(SELECT analysis_id FROM run_documents WHERE run_id = ? AND analysis_id IS NOT NULL)",
            (fingerprint, run_id))


def field_provenance(row: EvidenceRow) -> list[tuple[str, object, tuple]]:
    """(field, value, (page, bbox, sent_start, sent_end)) of each filled field of a row.
    A row carries one provenance today (its first evidence); when rows carry one per field
    (`row.field_provenance`: field -> {page, bbox, sent_start, sent_end}) it is used."""
    own = getattr(row, "field_provenance", None) or {}
    out = []
    for name in PROVENANCE_FIELDS:
        value = getattr(row, name)
        if value is None or value == "":
            continue
        where = own.get(name) or {}
        out.append((name, value, (where.get("page", row.page), where.get("bbox", row.bbox),
                                  where.get("sent_start", row.sent_start), where.get("sent_end", row.sent_end))))
    return out
