"""The readable Markdown of a run: report.md and metrics.md. Rendering only: the stages
compute, the store keeps, `export` writes."""

from __future__ import annotations

from pathlib import Path

import pandas as pd

from extract.fileio import atomic_write_text, write_json
from extract.rows.crosscheck import CrossCheck
from extract.store.diff import Diff, show
from extract.store.records import FAILED, REUSED, DocumentEntry

SUMMARY_COLUMNS = ("doc_id", "source", "page", "trial", "agents", "subgroup", "n", "age_median",
                   "cr_pct", "mrd_neg_pct", "mrd_method", "os_pct", "os_years", "os_median_months", "flags")


def fmt(value, digits: int = 3) -> str:
    """A score for a table: 'n/a' where it is undefined (nothing to find, nothing found)."""
    return "n/a" if value is None else f"{value:.{digits}f}"


def _markdown_table(frame: pd.DataFrame) -> str:
    if frame.empty:
        return "(none)\n"
    head = "| " + " | ".join(frame.columns) + " |\n|" + "---|" * len(frame.columns) + "\n"
    body = "".join("| " + " | ".join("" if pd.isna(v) else str(v).replace("|", "/") for v in row) + " |\n"
                   for row in frame.itertuples(index=False))
    return head + body


def metrics_markdown(metrics: dict) -> str:
    ents = metrics["entities"]["overall"]
    lines = ["# Scores against annotations/", "", f"Documents: {', '.join(metrics.get('documents', []))}", "",
             "## Entities (reference texts)", "",
             "| label | strict P | strict R | strict F1 | lenient F1 | gold | pred |", "|---|---|---|---|---|---|---|"]
    for label, s in ents["strict"].items():
        lines.append(f"| {label} | {fmt(s['precision'])} | {fmt(s['recall'])} | {fmt(s['f1'])} "
                     f"| {fmt(ents['lenient'][label]['f1'])} | {s['tp'] + s['fn']} | {s['tp'] + s['fp']} |")
    rows = metrics["rows"]
    if rows is None:
        return "\n".join(lines + ["", "(no gold rows for these documents)"]) + "\n"
    lines += ["", "## Rows (corpus PDFs through the whole pipeline)", "",
              "| document | source | field P | field R | field F1 | exact rows | gold rows | predicted |",
              "|---|---|---|---|---|---|---|---|"]
    for doc_id, by_source in rows["per_document"].items():
        for source, s in by_source.items():
            o = s["overall"]
            lines.append(f"| {doc_id} | {source} | {fmt(o['precision'])} | {fmt(o['recall'])} | {fmt(o['f1'])} "
                         f"| {fmt(s['exact_rows'])} | {s['n_gold']} | {s['n_pred']} |")
    o = rows["overall"]
    lines.append(f"| **all** | all | {fmt(o['overall']['precision'])} | {fmt(o['overall']['recall'])} "
                 f"| {fmt(o['overall']['f1'])} | {fmt(o['exact_rows'])} | {o['n_gold']} | {o['n_pred']} |")
    lines += ["", "| field | P | R | F1 |", "|---|---|---|---|"]
    for name, s in o["fields"].items():
        lines.append(f"| {name} | {fmt(s['precision'])} | {fmt(s['recall'])} | {fmt(s['f1'])} |")
    return "\n".join(lines) + "\n"


def metrics_line(metrics: dict) -> str:
    e = metrics["entities"]["overall"]["strict"]["micro"]
    line = f"scores vs annotations/ ({', '.join(metrics['documents'])}): entity strict micro-F1 {fmt(e['f1'])}"
    if metrics["rows"] is not None:
        o = metrics["rows"]["overall"]
        line += f"; row field F1 {fmt(o['overall']['f1'])}, exact rows {fmt(o['exact_rows'])}"
    return line + " (outputs: metrics.json, metrics.md)"


def write_metrics(metrics: dict, out_dir: Path) -> None:
    out_dir.mkdir(parents=True, exist_ok=True)
    write_json(out_dir / "metrics.json", metrics)
    atomic_write_text(out_dir / "metrics.md", metrics_markdown(metrics))


def _crosscheck_lines(checks: list[CrossCheck]) -> list[str]:
    lines = []
    for c in checks:
        t = c.table_row
        label = t.trial or t.agents
        if c.text_row is None:
            lines.append(f"- {t.doc_id} table row {label!r} (n={t.n}): no text row for this cohort")
        elif c.disagree:
            diffs = ", ".join(f"{name}: table {a} vs text {b}" for name, a, b in c.disagree)
            lines.append(f"- {t.doc_id} {label!r}: DISAGREE on {diffs}; agree on {', '.join(c.agree) or 'nothing'}")
        else:
            lines.append(f"- {t.doc_id} {label!r}: agree on {', '.join(c.agree) or 'no shared field'}")
    return lines


def _changes_lines(changes: Diff | None, documents: list[DocumentEntry], limit: int = 50) -> list[str]:
    """The report's "changes since the last run": no run numbers or times in it, so a
    refresh where nothing changed writes the same bytes as the one before."""
    lines = ["## Changes since the last run", ""]
    if changes is None or changes.from_run is None:
        return lines + ["First run in this store: every row is new.", ""]
    reused = sum(d.action == REUSED for d in documents)
    docs = "; ".join(f"{d.change}: {d.doc_id}" for d in changes.documents) or "none changed"
    lines += [f"Documents: {docs}. {reused} unchanged document(s) reused from the store.",
              "The extractor changed since the last run." if changes.extractor_changed else "",
              f"Rows: {changes.summary()}."]
    lines = [line for line in lines[:2]] + [line for line in lines[2:] if line]
    if not changes.rows:
        return lines + [""]
    lines += ["", "| change | row_id | document | source | row | reason | fields |", "|---|---|---|---|---|---|---|"]
    for c in changes.rows[:limit]:
        fields = "; ".join(f"{n}: {show(o)} → {show(v)}" for n, o, v in c.fields if n != "evidence")
        if any(n == "evidence" for n, _, _ in c.fields):
            fields = "; ".join(x for x in (fields, "evidence changed") if x)
        cells = (c.change, c.row_id, c.doc_id, c.source, c.label, c.reason, fields)
        lines.append("| " + " | ".join(str(x).replace("|", "/") for x in cells) + " |")
    if len(changes.rows) > limit:
        lines.append(f"\n... and {len(changes.rows) - limit} more (`python -m extract diff` lists them all)")
    return lines + [""]


def _corrections_lines(outcomes: list[dict]) -> list[str]:
    """The run's corrections: how many applied, and every stale one (never dropped silently)."""
    if not outcomes:
        return []
    stale = [o for o in outcomes if o["outcome"] == "stale"]
    lines = ["## Corrections", "",
             f"{len(outcomes) - len(stale)} applied, {len(stale)} stale (kept; applied again once they anchor).", ""]
    lines += [f"- correction {o['correction_id']} ({o.get('kind', '')} of {o.get('doc_id', '')}"
              f"{', row ' + o['row_id'] if o.get('row_id') else ''}, by {o.get('annotator', '')}): STALE, "
              f"{o['detail']}" for o in stale]
    return lines + ([""] if stale else [])


def report_markdown(documents: list[DocumentEntry], frame: pd.DataFrame, validation: dict, checks: list[CrossCheck],
                    metrics: dict | None, changes: Diff | None, corrections: list[dict] | None = None) -> str:
    """report.md of one run: its documents (inputs, failed ones), changes since the run
    before, validation, text-table cross-check, rows and scores."""
    ok = [d for d in documents if d.ok]
    errors = [d.error for d in documents if d.status == FAILED]
    n_text = int((frame["source"] == "text").sum()) if len(frame) else 0
    lines = ["# Evidence extraction report", "",
             f"{len(ok)} document(s) processed, {len(errors)} failed; "
             f"{len(frame)} rows ({n_text} text, {len(frame) - n_text} table).", ""]
    lines += _changes_lines(changes, documents)
    if errors:
        lines += ["## Files that failed", "", *(f"- {e}" for e in errors), ""]
    lines += _corrections_lines(corrections or [])
    lines += ["## Documents", "", "| document | pages | blocks | entities | tables | rows |",
              "|---|---|---|---|---|---|"]
    for d in ok:
        lines.append(f"| {d.doc_id} | {d.pages} | {d.n_blocks} | {d.n_entities} | {d.n_tables} | {d.n_rows} |")
    results = validation.get("expectations", [])
    failed = [x for x in results if not x["success"]]
    flagged = int((frame["flags"] != "").sum()) if len(frame) else 0
    lines += ["", "## Validation (great-expectations)", "",
              f"Suite {'passed' if validation.get('success') else 'FAILED'}: "
              f"{len(results) - len(failed)}/{len(results)} expectations met; "
              f"{flagged} row(s) flagged (kept, see `flags`).", ""]
    lines += [f"- {x['expectation']}: rows {x['failing_rows']}" for x in failed]
    lines += ["", "## Text and table cross-check", "", *_crosscheck_lines(checks)]
    lines += ["", "## Rows", "", _markdown_table(frame[list(SUMMARY_COLUMNS)] if len(frame) else frame)]
    if metrics is not None:
        lines += ["## Scores", "", metrics_line(metrics), ""]
    return "\n".join(lines) + "\n"
