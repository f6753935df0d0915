"""Everything `run` writes to the output folder, and the readable Markdown it contains.

The stages compute; this module only renders and writes. Every file is written with
write-then-rename, after everything was computed, so a failure leaves the previous
outputs whole.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

import pandas as pd

from extract.fileio import atomic_write_text, write_csv, write_json, write_jsonl
from extract.rows.crosscheck import CrossCheck

SUMMARY_COLUMNS = ("doc_id", "source", "page", "trial", "agents", "subgroup", "n", "age_median",
                   "cr_pct", "mrd_neg_pct", "mrd_method", "os_pct", "os_years", "os_median_months", "flags")


@dataclass
class RunOutputs:
    """What one run computed: the inputs of every output file."""

    results: list  # pipeline.DocumentResult per document
    errors: list[str]  # one-line errors of the files that failed
    rows: pd.DataFrame  # rows with their `flags`
    validation: object  # validate.Validation
    checks: list[CrossCheck]
    metrics: dict | None  # evaluate.evaluate(...) when gold exists for these documents


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


def report_markdown(run: RunOutputs) -> str:
    frame, validation = run.rows, run.validation
    n_text = int((frame["source"] == "text").sum()) if len(frame) else 0
    lines = ["# Evidence extraction report", "",
             f"{len(run.results)} document(s) processed, {len(run.errors)} failed; "
             f"{len(frame)} rows ({n_text} text, {len(frame) - n_text} table).", ""]
    if run.errors:
        lines += ["## Files that failed", "", *(f"- {e}" for e in run.errors), ""]
    lines += ["## Documents", "", "| document | pages | blocks | entities | tables | rows |",
              "|---|---|---|---|---|---|"]
    for r in run.results:
        lines.append(f"| {r.doc_id} | {r.document.n_pages} | {len(r.document.blocks)} | {len(r.entities)} "
                     f"| {r.n_tables} | {len(r.rows)} |")
    failed = [x for x in validation.results if not x["success"]]
    flagged = int((frame["flags"] != "").sum()) if len(frame) else 0
    lines += ["", "## Validation (great-expectations)", "",
              f"Suite {'passed' if validation.success else 'FAILED'}: "
              f"{len(validation.results) - len(failed)}/{len(validation.results)} expectations met; "
              f"{flagged} row(s) flagged (kept, see `flags`).", ""]
    lines += [f"- {x['expectation']}: rows {x['failing_rows']}" for x in failed]
    lines += ["", "## Text and table cross-check", "", *_crosscheck_lines(run.checks)]
    lines += ["", "## Rows", "", _markdown_table(frame[list(SUMMARY_COLUMNS)] if len(frame) else frame)]
    if run.metrics is not None:
        lines += ["## Scores", "", metrics_line(run.metrics), ""]
    return "\n".join(lines) + "\n"


def write_outputs(run: RunOutputs, out_dir: Path) -> str:
    """rows.csv, entities.jsonl, validation.json, report.md (+ metrics.json/.md with gold)."""
    write_csv(out_dir / "rows.csv", run.rows)
    write_jsonl(out_dir / "entities.jsonl", (
        {"doc_id": r.doc_id, "path": r.path, "text": r.document.text, "spans": r.entities} for r in run.results))
    write_json(out_dir / "validation.json", {
        "success": run.validation.success,
        "expectations": run.validation.results,
        "great_expectations_result": run.validation.raw,
    })
    if run.metrics is not None:
        write_metrics(run.metrics, out_dir)
    atomic_write_text(out_dir / "report.md", report_markdown(run))
    summary = (f"{len(run.results)} document(s), {len(run.errors)} failed, {len(run.rows)} rows -> "
               f"{out_dir}/rows.csv; validation {'passed' if run.validation.success else 'flagged rows'}")
    return summary + (f"\n{metrics_line(run.metrics)}" if run.metrics is not None else "")
