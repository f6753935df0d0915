"""The output folder as an export of one stored run, written as one set.

`render_run` builds every file of a run from the store alone (rows.csv, entities.jsonl,
validation.json, report.md, and metrics.json/metrics.md when the run has scores), so the
same bytes come out whether the run has just finished or an interrupted export is being
completed later; entities.jsonl, which grows with the corpus, is streamed from the store one
document at a time rather than built whole. `write_set` writes them: every file is staged in a hidden folder inside
the output folder and synced first, then the staged files are renamed over the old ones
back to back (files whose bytes did not change are left alone), then the run is marked
exported in the store. A kill before the renames leaves the previous set untouched; a kill
during them is completed by `repair`, which every store command runs first: it removes
staging folders and temporary files and, when the last complete run is not marked
exported, writes its set again from the store.
"""

from __future__ import annotations

import filecmp
import io
import json
import math
import os
import shutil
from collections.abc import Callable
from functools import partial
from pathlib import Path
from typing import BinaryIO

import pandas as pd

from extract.fileio import as_spreadsheet_text
from extract.rows.crosscheck import cross_check
from extract.rows.schema import row_columns, rows_frame
from extract.store.corrections import annotators
from extract.store.db import Store
from extract.store.diff import Diff, diff_states
from extract.store.records import RunState
from extract.store.report import metrics_markdown, report_markdown

# The review stage's files (review.html, trials.csv, rows.xlsx, plots) are rendered by a
# renderer the pipeline passes in (`extra`): the store never imports the stage after it.
SET_NAMES = ("rows.csv", "entities.jsonl", "validation.json", "report.md", "metrics.json", "metrics.md",
             "rows.xlsx", "trials.csv", "review.html", "plot-outcomes.svg", "plot-scores.svg", "rows.parquet")
# The CSV outputs are plain UTF-8 without a byte-order mark: they are read by programs
# (scorers, pandas, R, csv readers that take the first column's name as written), and a
# mark would rename the first column for every reader not told to expect it. Spreadsheet
# users open rows.xlsx, which Excel reads right whatever the local code page.
STAGING_PREFIX = ".export-"
# rows.csv: the row's fields (spec columns first), its validation flags, its id and its file
# and its review status (predicted / corrected / rejected) with who corrected it
ROWS_CSV_COLUMNS = (*(c for c in row_columns() if c != "row_id"), "flags", "status", "corrected_by", "row_id", "path")


def _plain(value):
    """What json cannot write by itself: numpy scalars, sets, tuples (as `fileio` writes)."""
    if hasattr(value, "item"):
        return value.item()
    if isinstance(value, (set, tuple)):
        return list(value)
    return str(value)


def json_text(data) -> str:
    """A JSON output file's text: the format every JSON output of the project has."""
    return json.dumps(data, ensure_ascii=False, indent=2, default=_plain) + "\n"


def rows_table(state: RunState, paths: dict[str, str], who: dict[int, str] | None = None) -> pd.DataFrame:
    stored = list(state.rows.values())
    who = who or {}
    frame = rows_frame([s.row for s in stored])
    frame["flags"] = [s.flags for s in stored]
    frame["status"] = [s.status for s in stored]
    frame["corrected_by"] = [";".join(sorted({who[c] for c in s.corrections if c in who})) for s in stored]
    frame["path"] = [paths.get(s.row.doc_id, "") for s in stored]
    return frame[list(ROWS_CSV_COLUMNS)]


# Decimals kept in table cells: enough for every figure papers print (percentages to one or
# two decimals, a horizon of 43 months = 3.583 years) without float noise.
CELL_DECIMALS = 3


def number_text(value) -> str:
    """A number as a table cell: whole numbers without ".0", others to `CELL_DECIMALS`
    decimals without trailing zeros (3.5833333333333335 -> 3.583); missing -> ""."""
    if value is None or value is pd.NA or (isinstance(value, float) and math.isnan(value)):
        return ""
    rounded = round(float(value), CELL_DECIMALS)
    return str(int(rounded)) if rounded.is_integer() else str(rounded)


def readable_numbers(frame: pd.DataFrame) -> pd.DataFrame:
    """A copy whose numeric columns are text as `number_text` writes them."""
    out = frame.copy()
    for column in out.columns:
        if pd.api.types.is_numeric_dtype(out[column]) and not pd.api.types.is_bool_dtype(out[column]):
            out[column] = out[column].map(number_text).astype(object)
    return out


def csv_text(frame: pd.DataFrame) -> str:
    """A table as the project's CSV outputs write it: readable numbers, formula-looking
    text cells as text, plain UTF-8 (no byte-order mark: see above)."""
    return as_spreadsheet_text(readable_numbers(frame)).to_csv(index=False)


def changes_of(store: Store, state: RunState) -> Diff:
    previous = store.latest_run(before=state.run.run_id)
    return diff_states(store.run_state(previous.run_id) if previous else None, state)


# (store, run_id) -> more files of the set, by name (the review stage's page, tables, plots)
Renderer = Callable[[Store, int], dict[str, bytes]]


def render_run(store: Store, run_id: int,
               extra: Renderer | None = None) -> dict[str, bytes | Callable[[BinaryIO], None]]:
    """Every output file of a stored run: its bytes, or (a file that grows with the corpus)
    a function that writes it to a binary handle; `extra` adds the files it renders."""
    state = store.run_state(run_id)
    documents = list(state.documents.values())
    ok = [d for d in documents if d.ok]
    frame = rows_table(state, {d.doc_id: d.path for d in ok}, annotators(store))
    validation_text = store.run_validation(run_id)
    metrics_text = store.run_metrics(run_id)
    metrics = json.loads(metrics_text) if metrics_text else None
    files: dict[str, str | Callable[[BinaryIO], None]] = {
        "rows.csv": csv_text(frame),
        "entities.jsonl": partial(_write_entities, store, ok),
        "validation.json": validation_text,
        "report.md": report_markdown(documents, frame, json.loads(validation_text), cross_check([s.row for s in
                                     state.rows.values()]), metrics, changes_of(store, state),
                                     state.corrections),
    }
    if metrics is not None:
        files["metrics.json"] = json_text(metrics)
        files["metrics.md"] = metrics_markdown(metrics)
    out = {name: text.encode("utf-8") if isinstance(text, str) else text for name, text in files.items()}
    if store.run_options(run_id).get("parquet"):
        out["rows.parquet"] = parquet_bytes(frame)
    if extra is not None:
        out.update(extra(store, run_id))
    return out


def parquet_bytes(frame: pd.DataFrame) -> bytes:
    """rows.csv's table as Parquet (pip extra [parquet]), typed: counts as integers, figures
    as floats, the rest as text; the same bytes for the same rows."""
    import pyarrow as pa  # lazy: the optional extra, only for `run --parquet`
    import pyarrow.parquet as pq  # lazy: as above

    table = pa.Table.from_pandas(frame.reset_index(drop=True), preserve_index=False)
    sink = io.BytesIO()
    pq.write_table(table, sink, compression="zstd")
    return sink.getvalue()


def _write_entities(store: Store, documents: list, handle: BinaryIO) -> None:
    """entities.jsonl, one document at a time from the store: the texts of a large corpus
    are never held together."""
    for d in documents:
        line = json.dumps({"doc_id": d.doc_id, "path": d.path, "text": store.analysis_text(d.analysis_id),
                           "spans": store.analysis_entities(d.analysis_id)}, ensure_ascii=False, default=_plain)
        handle.write(line.encode("utf-8") + b"\n")


def clean_leftovers(out_dir: Path) -> list[str]:
    """Remove what an interrupted write left in the output folder: staging folders of a set
    and the temporary files of single-file writes (`.NAME.*.tmp` of the set's files).
    Returns the names removed."""
    removed = []
    if not out_dir.is_dir():
        return removed
    for entry in sorted(out_dir.iterdir()):
        if entry.name.startswith(STAGING_PREFIX) and entry.is_dir():
            shutil.rmtree(entry, ignore_errors=True)
            removed.append(entry.name)
        elif entry.is_file() and entry.name.endswith(".tmp") and any(
                entry.name.startswith(f".{name}.") for name in SET_NAMES):
            entry.unlink(missing_ok=True)
            removed.append(entry.name)
    return removed


def _fsync_dir(path: Path) -> None:
    try:
        fd = os.open(path, os.O_RDONLY)
    except OSError:  # a platform without directory handles
        return
    try:
        os.fsync(fd)
    except OSError:
        pass
    finally:
        os.close(fd)


def write_set(out_dir: Path, files: dict[str, bytes | Callable[[BinaryIO], None]], run_id: int) -> None:
    """Replace the output folder's set with `files` (see the module docstring). A file of
    the set that this run does not have (metrics without gold) is removed last."""
    out_dir.mkdir(parents=True, exist_ok=True)
    staging = out_dir / f"{STAGING_PREFIX}{run_id}"
    if staging.exists():
        shutil.rmtree(staging)
    staging.mkdir()
    changed = []
    for name, data in files.items():
        target = out_dir / name
        if isinstance(data, bytes) and target.is_file() and target.read_bytes() == data:
            continue
        staged = staging / name
        with open(staged, "wb") as handle:
            if callable(data):
                data(handle)
            else:
                handle.write(data)
            handle.flush()
            os.fsync(handle.fileno())
        if callable(data) and target.is_file() and filecmp.cmp(staged, target, shallow=False):
            staged.unlink()  # written as it streamed, unchanged: the old file stays
            continue
        changed.append(name)
    _fsync_dir(staging)
    for name in changed:  # back to back: the only moment two sets meet
        os.replace(staging / name, out_dir / name)
    for name in SET_NAMES:
        if name not in files:
            (out_dir / name).unlink(missing_ok=True)
    _fsync_dir(out_dir)
    staging.rmdir()


def export_run(store: Store, run_id: int, out_dir: Path, extra: Renderer | None = None) -> None:
    write_set(out_dir, render_run(store, run_id, extra), run_id)
    store.mark_exported(run_id)


def repair(store: Store, extra: Renderer | None = None) -> str | None:
    """Complete an export a kill interrupted: the last complete run's set is written again
    from the store when it is not marked exported. Returns a line saying so, or None."""
    latest = store.latest_run()
    if latest is None:
        return None
    out_dir = Path(latest.out_dir)
    clean_leftovers(out_dir)
    if latest.exported:
        return None
    export_run(store, latest.run_id, out_dir, extra)
    return f"note: run {latest.run_id} was interrupted while writing {out_dir}; its outputs were completed from the store"
