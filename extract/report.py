"""Everything `run` writes to the output folder, and the readable summary."""

from __future__ import annotations

from pathlib import Path

import pandas as pd

from extract.fileio import atomic_write_text
from extract.outputs import write_csv, write_json, write_jsonl
from extract.rows.crosscheck import cross_check
from extract.rows.schema import SPEC_COLUMNS
from extract.validate import validate_rows

SUMMARY_COLUMNS = ("doc_id", "source", "page", "trial", "agents", "subgroup", "n", "age_median",
                   "cr_pct", "mrd_neg_pct", "mrd_method", "os_pct", "os_years", "os_median_months", "flags")


def _markdown_table(frame: pd.DataFrame) -> str:
    if frame.empty:
        return "(none)\n"
    head = "| " + " | ".join(frame.columns) + " |\n|" + "---|" * len(frame.columns) + "\n"
    body = "".join("| " + " | ".join("" if pd.isna(v) else str(v).replace("|", "/") for v in row) + " |\n"
                   for row in frame.itertuples(index=False))
    return head + body


def write_outputs(results, errors: list[str], out_dir: Path, seconds: float) -> str:
    """rows.csv, entities.jsonl, validation.json, report.md (+ metrics when gold exists)."""
    from extract.pipeline import rows_frame

    rows = [row for r in results for row in r.rows]
    frame = rows_frame(rows)
    validation = validate_rows(frame[list(SPEC_COLUMNS)])
    frame["flags"] = validation.rows["flags"].values if len(frame) else []

    write_csv(out_dir / "rows.csv", frame)
    write_jsonl(out_dir / "entities.jsonl", (
        {"doc_id": r.doc_id, "path": r.path, "text": r.document.text, "spans": r.entities} for r in results))
    write_json(out_dir / "validation.json", {
        "success": validation.success,
        "expectations": validation.results,
        "great_expectations_result": validation.raw,
    })
    checks = cross_check(rows)

    lines = ["# Evidence extraction report", "",
             f"{len(results)} document(s) processed in {seconds:.1f} s, {len(errors)} failed; "
             f"{len(frame)} rows ({(frame['source'] == 'text').sum() if len(frame) else 0} text, "
             f"{(frame['source'] == 'table').sum() if len(frame) else 0} table).", ""]
    if errors:
        lines += ["## Files that failed", "", *(f"- {e}" for e in errors), ""]
    lines += ["## Documents", "", "| document | pages | blocks | entities | tables | rows | seconds |",
              "|---|---|---|---|---|---|---|"]
    for r in results:
        lines.append(f"| {r.doc_id} | {r.document.n_pages} | {len(r.document.blocks)} | {len(r.entities)} "
                     f"| {r.n_tables} | {len(r.rows)} | {r.seconds:.2f} |")
    failed = [x for x in validation.results if not x["success"]]
    lines += ["", "## Validation (great-expectations)", "",
              f"Suite {'passed' if validation.success else 'FAILED'}: "
              f"{len(validation.results) - len(failed)}/{len(validation.results)} expectations met; "
              f"{int((frame['flags'] != '').sum()) if len(frame) else 0} row(s) flagged (kept, see `flags`).", ""]
    lines += [f"- {x['expectation']}: rows {x['failing_rows']}" for x in failed]
    lines += ["", "## Text and table cross-check", ""]
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
    lines += ["", "## Rows", "", _markdown_table(frame[list(SUMMARY_COLUMNS)] if len(frame) else frame)]

    metrics_line = ""
    from extract.evaluate import gold_doc_ids

    with_gold = sorted({r.doc_id for r in results} & set(gold_doc_ids()))
    if with_gold:
        from extract.evaluate import evaluate, write_metrics

        metrics = evaluate(pred_rows=frame)
        write_metrics(metrics, out_dir)
        e = metrics["entities"]["overall"]["strict"]["micro"]
        metrics_line = f"scores vs annotations/ ({', '.join(with_gold)}): entity strict micro-F1 {e['f1']:.3f}"
        if metrics["rows"] is not None:
            o = metrics["rows"]["overall"]
            metrics_line += f"; row field F1 {o['overall']['f1']:.3f}, exact rows {o['exact_rows']:.3f}"
        metrics_line += " (outputs: metrics.json, metrics.md)"
        lines += ["## Scores", "", metrics_line, ""]
    atomic_write_text(out_dir / "report.md", "\n".join(lines) + "\n")
    summary = (f"{len(results)} document(s), {len(errors)} failed, {len(frame)} rows -> {out_dir}/rows.csv; "
               f"validation {'passed' if validation.success else 'flagged rows'}")
    return summary + (f"\n{metrics_line}" if metrics_line else "")
