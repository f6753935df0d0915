"""The Python API: `extract_rows(paths)` -> a pandas DataFrame of evidence rows.

    >>> from extract import extract_rows
    >>> rows = extract_rows(["corpus/jabbour-2023-jho.pdf"])
    >>> rows[["trial", "agents", "n", "cr_pct", "os_pct", "os_years", "page"]].head()

Each input goes through every stage up to rows, as `run` reads it, without a store and
without writing anything. The frame has rows.csv's columns (the spec's fields, then the
provenance: page, bbox, sent_start/sent_end into the document's text, row_id, path) plus
`entities`: the entities of the row's evidence sentence, each {start, end, label, text,
value, page, bbox} with offsets into the document text. `frame.attrs` holds per document
its text and every entity ("documents") and the one-line errors of inputs that could not be
read ("errors"; also printed to stderr, as the command line does).
"""

from __future__ import annotations

from collections.abc import Iterable
from pathlib import Path

import pandas as pd

from extract.pipeline import analyse, iter_inputs, load_nlp, run_batch, unique_doc_ids
from extract.rows.schema import EvidenceRow, rows_frame
from extract.store.export import ROWS_CSV_COLUMNS


def _sentence_entities(row: EvidenceRow, entities: list[dict]) -> list[dict]:
    if row.sent_start is None or row.sent_end is None:
        return []
    return [e for e in entities if e["start"] >= row.sent_start and e["end"] <= row.sent_end]


def extract_rows(paths: str | Path | Iterable[str | Path], nlp=None) -> pd.DataFrame:
    """Evidence rows of the PDFs / .txt / .md files named (folders are searched)."""
    if isinstance(paths, (str, Path)):
        paths = [paths]
    inputs = dict(unique_doc_ids(list(iter_inputs(paths))))
    nlp = nlp or load_nlp()
    results, errors = run_batch(list(inputs), lambda path: analyse(path, nlp, inputs[path]))
    rows = [row for result in results for row in result.rows]
    frame = rows_frame(rows)
    frame["flags"] = ""  # validation runs with `run`; the column keeps rows.csv's layout
    frame["status"], frame["corrected_by"] = "predicted", ""  # corrections are applied by `run`, from the store
    by_doc = {r.doc_id: r for r in results}
    frame["path"] = [by_doc[row.doc_id].path for row in rows]
    frame = frame[list(ROWS_CSV_COLUMNS)].drop(columns=["flags"])
    frame["entities"] = [_sentence_entities(row, by_doc[row.doc_id].entities) for row in rows]
    frame.attrs["documents"] = {r.doc_id: {"path": r.path, "text": r.document.text, "entities": r.entities}
                                for r in results}
    frame.attrs["errors"] = errors
    return frame
