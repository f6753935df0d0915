"""What changed between two runs: rows added, removed and changed field by field, each
with the reason, and every value of one row over time. Pure functions of the runs' stored
states (`RunState`); the store reads them, `diff` and `history` print them, `report.md`
summarises them.

Reasons, the first that applies:
  new document        the row's document was not in the earlier run
  document removed    the row's document is no longer among the inputs
  document failed     the row's document could not be read this time (its rows are gone
                      until it can be again)
  correction applied  the corrections applied to the row differ
  document changed    the document's content (sha256) differs
  extractor changed   same content, another extractor fingerprint (code, knowledge, readers)
  reprocessed         same content and extractor, read again (`--full`) with another result
"""

from __future__ import annotations

import csv
import io
import json
from dataclasses import dataclass, field

from extract.store.records import FAILED, RunInfo, RunState, StoredRow

NEW_DOCUMENT = "new document"
DOCUMENT_REMOVED = "document removed"
DOCUMENT_FAILED = "document failed"
CORRECTION_APPLIED = "correction applied"
DOCUMENT_CHANGED = "document changed"
EXTRACTOR_CHANGED = "extractor changed"
REPROCESSED = "reprocessed"

# The fields compared, in rows.csv order. Identity (doc_id, source) is the row id's; box and
# offsets move with any edit upstream of a sentence and are not a change of the evidence.
DIFF_FIELDS = ("page", "trial", "agents", "subgroup", "n", "age_median", "age_min", "age_max", "cr_pct",
               "mrd_neg_pct", "mrd_method", "os_pct", "os_years", "os_median_months", "evidence", "flags")
ADDED, REMOVED, CHANGED = "added", "removed", "changed"
FORMATS = ("text", "csv", "json")


@dataclass
class RowChange:
    change: str  # ADDED / REMOVED / CHANGED
    row_id: str
    doc_id: str
    source: str
    label: str  # what the row is about: "trial / agents · subgroup"
    reason: str
    fields: list[tuple[str, object, object]] = field(default_factory=list)  # (name, old, new)


@dataclass
class DocumentChange:
    doc_id: str
    change: str  # "new", "changed", "removed", "failed", "read again (extractor changed)", ...


@dataclass
class Diff:
    from_run: int | None
    to_run: int
    rows: list[RowChange]
    documents: list[DocumentChange]
    extractor_changed: bool = False
    stale: list[dict] = field(default_factory=list)  # corrections of the later run that no longer anchor

    def count(self, change: str) -> int:
        return sum(c.change == change for c in self.rows)

    def summary(self) -> str:
        """'1 added, 0 removed, 2 changed' or 'no changes'."""
        if not self.rows:
            return "no changes"
        return f"{self.count(ADDED)} added, {self.count(REMOVED)} removed, {self.count(CHANGED)} changed"


def row_label(stored: StoredRow) -> str:
    row = stored.row
    subject = " / ".join(x for x in (row.trial, row.agents) if x) or "(no subject)"
    return f"{subject} · {row.subgroup}" if row.subgroup else subject


def _value(stored: StoredRow, name: str):
    return stored.flags if name == "flags" else getattr(stored.row, name)


def changed_fields(old: StoredRow, new: StoredRow) -> list[tuple[str, object, object]]:
    return [(name, _value(old, name), _value(new, name)) for name in DIFF_FIELDS
            if _value(old, name) != _value(new, name)]


def reason(doc_id: str, before: RunState | None, after: RunState, old: StoredRow | None,
           new: StoredRow | None) -> str:
    """Why a row of `doc_id` differs between two runs (see the module docstring)."""
    a = before.documents.get(doc_id) if before else None
    b = after.documents.get(doc_id)
    if b is None or b.status == "removed":
        return DOCUMENT_REMOVED
    if b.status == FAILED:
        return DOCUMENT_FAILED
    if a is None or a.status == "removed":
        return NEW_DOCUMENT
    if (old.corrections if old else ()) != (new.corrections if new else ()):
        return CORRECTION_APPLIED
    if a.sha256 != b.sha256:
        return DOCUMENT_CHANGED
    if before is not None and before.run.fingerprint != after.run.fingerprint:
        return EXTRACTOR_CHANGED
    return REPROCESSED


def _document_changes(before: RunState | None, after: RunState) -> list[DocumentChange]:
    out = []
    earlier = before.documents if before else {}
    for doc_id, b in after.documents.items():
        a = earlier.get(doc_id)
        a_ok = a is not None and a.ok
        if b.status == "removed":
            if a_ok:
                out.append(DocumentChange(doc_id, "removed"))
        elif b.status == FAILED:
            out.append(DocumentChange(doc_id, "failed"))
        elif not a_ok:
            out.append(DocumentChange(doc_id, "new" if a is None or a.sha256 != b.sha256 else "readable again"))
        elif a.sha256 != b.sha256:
            out.append(DocumentChange(doc_id, "changed"))
        elif b.action == "analysed" and before is not None and before.run.fingerprint != after.run.fingerprint:
            out.append(DocumentChange(doc_id, "read again (extractor changed)"))
    for doc_id, a in earlier.items():
        if doc_id not in after.documents and a.ok:
            out.append(DocumentChange(doc_id, "removed"))
    return out


def diff_states(before: RunState | None, after: RunState) -> Diff:
    """Rows of `after` against `before` (None: an empty store before the first run)."""
    old_rows = before.rows if before else {}
    changes = []
    for row_id, new in after.rows.items():
        old = old_rows.get(row_id)
        if old is None:
            changes.append(RowChange(ADDED, row_id, new.row.doc_id, new.row.source, row_label(new),
                                     reason(new.row.doc_id, before, after, None, new)))
            continue
        fields = changed_fields(old, new)
        if fields:
            changes.append(RowChange(CHANGED, row_id, new.row.doc_id, new.row.source, row_label(new),
                                     reason(new.row.doc_id, before, after, old, new), fields))
    for row_id, old in old_rows.items():
        if row_id not in after.rows:
            changes.append(RowChange(REMOVED, row_id, old.row.doc_id, old.row.source, row_label(old),
                                     reason(old.row.doc_id, before, after, old, None)))
    return Diff(before.run.run_id if before else None, after.run.run_id, changes, _document_changes(before, after),
                extractor_changed=before is not None and before.run.fingerprint != after.run.fingerprint,
                stale=[c for c in after.corrections if c["outcome"] == "stale"])


# ---------------------------------------------------------------- formats


def show(value) -> str:
    """A value as the text formats print it."""
    if value is None or value == "":
        return "(none)"
    return str(value)


def _documents_line(diff: Diff) -> str:
    if not diff.documents:
        return "documents: no change"
    by_kind: dict[str, list[str]] = {}
    for d in diff.documents:
        by_kind.setdefault(d.change, []).append(d.doc_id)
    return "documents: " + "; ".join(f"{kind} {', '.join(ids)}" for kind, ids in by_kind.items())


def diff_text(diff: Diff) -> str:
    start = f"run {diff.from_run}" if diff.from_run is not None else "empty store"
    lines = [f"{start} → run {diff.to_run}: {diff.summary()}", _documents_line(diff)]
    lines += [f"stale correction {c['correction_id']} ({c.get('doc_id', '')}{' ' + c['row_id'] if c['row_id'] else ''}): "
              f"{c['detail']}" for c in diff.stale]
    mark = {ADDED: "+", REMOVED: "-", CHANGED: "~"}
    for c in diff.rows:
        lines.append(f"{mark[c.change]} {c.row_id}  {c.doc_id}  {c.source}  {c.label}  ({c.reason})")
        lines += [f"    {name}: {show(old)} → {show(new)}" for name, old, new in c.fields]
    return "\n".join(lines) + "\n"


CSV_COLUMNS = ("change", "row_id", "doc_id", "source", "row", "field", "old", "new", "reason")


def diff_csv(diff: Diff) -> str:
    """One line per changed field (a changed row), one per added or removed row."""
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\n")
    writer.writerow(CSV_COLUMNS)
    for c in diff.rows:
        base = (c.change, c.row_id, c.doc_id, c.source, c.label)
        if c.fields:
            for name, old, new in c.fields:
                writer.writerow((*base, name, "" if old is None else old, "" if new is None else new, c.reason))
        else:
            writer.writerow((*base, "", "", "", c.reason))
    return out.getvalue()


def diff_json(diff: Diff) -> str:
    data = {
        "from_run": diff.from_run,
        "to_run": diff.to_run,
        "summary": {ADDED: diff.count(ADDED), REMOVED: diff.count(REMOVED), CHANGED: diff.count(CHANGED)},
        "documents": [{"doc_id": d.doc_id, "change": d.change} for d in diff.documents],
        **({"stale_corrections": diff.stale} if diff.stale else {}),
        "rows": [{"change": c.change, "row_id": c.row_id, "doc_id": c.doc_id, "source": c.source, "row": c.label,
                  "reason": c.reason, "fields": [{"field": n, "old": o, "new": v} for n, o, v in c.fields]}
                 for c in diff.rows],
    }
    return json.dumps(data, ensure_ascii=False, indent=2) + "\n"


def format_diff(diff: Diff, fmt: str) -> str:
    return {"text": diff_text, "csv": diff_csv, "json": diff_json}[fmt](diff)


# ---------------------------------------------------------------- history of one row


@dataclass
class HistoryEntry:
    run: RunInfo
    change: str  # ADDED / REMOVED / CHANGED / "unchanged" / "re-added"
    reason: str
    stored: StoredRow | None  # the row in this run (None once removed)
    fields: list[tuple[str, object, object]]


VALUE_FIELDS_SHOWN = tuple(n for n in DIFF_FIELDS if n not in ("evidence", "flags"))


def row_history(row_id: str, states: list[RunState]) -> list[HistoryEntry]:
    """The row through the given complete runs, oldest first: when it appeared, each change
    with its reason, when it went. `states` hold at least the row's document and the row."""
    out: list[HistoryEntry] = []
    before: RunState | None = None
    for state in states:
        old = before.rows.get(row_id) if before else None
        new = state.rows.get(row_id)
        if old is None and new is None:
            before = state
            continue
        doc_id = (new or old).row.doc_id
        if old is None:
            change = "re-added" if out else ADDED
            out.append(HistoryEntry(state.run, change, reason(doc_id, before, state, None, new), new, []))
        elif new is None:
            out.append(HistoryEntry(state.run, REMOVED, reason(doc_id, before, state, old, None), None, []))
        else:
            fields = changed_fields(old, new)
            out.append(HistoryEntry(state.run, CHANGED if fields else "unchanged",
                                    reason(doc_id, before, state, old, new) if fields else "", new, fields))
        before = state
    return out


def _filled(stored: StoredRow) -> list[tuple[str, object]]:
    return [(n, _value(stored, n)) for n in VALUE_FIELDS_SHOWN if _value(stored, n) not in (None, "")]


def history_text(row_id: str, entries: list[HistoryEntry]) -> str:
    first = next(e.stored for e in entries if e.stored is not None)
    lines = [f"row {row_id} · {first.row.doc_id} · {first.row.source} · {row_label(first)}"]
    for e in entries:
        why = f" ({e.reason})" if e.reason else ""
        lines.append(f"run {e.run.run_id}  {e.run.started_at}  {e.change}{why}")
        if e.change in (ADDED, "re-added") and e.stored is not None:
            lines += [f"    {name}: {show(value)}" for name, value in _filled(e.stored)]
            evidence = e.stored.row.evidence
            lines.append(f"    evidence (page {show(e.stored.row.page)}): "
                         f"{evidence[:160] + ('…' if len(evidence) > 160 else '')}")
        lines += [f"    {name}: {show(old)} → {show(new)}" for name, old, new in e.fields if name != "evidence"]
        if any(name == "evidence" for name, _, _ in e.fields):
            lines.append("    evidence: changed (see --format json)")
    return "\n".join(lines) + "\n"


def history_json(row_id: str, entries: list[HistoryEntry]) -> str:
    data = {"row_id": row_id, "runs": [
        {"run": e.run.run_id, "started_at": e.run.started_at, "change": e.change, "reason": e.reason,
         "row": None if e.stored is None else {**e.stored.row.to_record(), "flags": e.stored.flags,
                                                "status": e.stored.status},
         "fields": [{"field": n, "old": o, "new": v} for n, o, v in e.fields]} for e in entries]}
    return json.dumps(data, ensure_ascii=False, indent=2) + "\n"
