"""The review stage's files of a stored run: review.html, trials.csv, rows.xlsx and the plots
(`review_files`, the renderer the pipeline hands to `extract.store.export`). Everything
comes from the store and, for page images, from the run's PDFs where they still are. When
the output folder's page was drawn from the same content (`extract.review.key`), the files
there are taken as they are.
"""

from __future__ import annotations

import base64
import json
from collections import Counter
from pathlib import Path

from extract.review.key import content_key, drawn_before
from extract.review.needs_look import needs_a_look
from extract.review.page import review_page
from extract.review.row_view import crop_request, disagreements, row_record
from extract.review.trials import conflicts, trial_figures, trials_frame
from extract.store.db import Store
from extract.store.export import csv_text, rows_table


def review_files(store: Store, run_id: int) -> dict[str, bytes]:
    """review.html, trials.csv, rows.xlsx and the plots of a stored run."""
    state = store.run_state(run_id)
    documents = list(state.documents.values())
    ok = {d.doc_id: d for d in documents if d.ok}
    texts = {d: store.analysis_text(doc.analysis_id) for d, doc in ok.items()}
    entities = {d: store.analysis_entities(doc.analysis_id) for d, doc in ok.items()}
    stored_rows = list(state.rows.values())
    rows = [s.row for s in stored_rows]
    metrics_text = store.run_metrics(run_id)
    key = content_key(documents, stored_rows, texts, entities, metrics_text)
    drawn = drawn_before(Path(state.run.out_dir), key)
    if drawn is not None:
        return drawn
    from extract.review.crops import cache_key, page_crops  # lazy: pdfplumber, only when the page is drawn again
    from extract.review.plots import outcomes_svg, scores_svg  # lazy: matplotlib, as above
    from extract.review.spreadsheet import rows_workbook  # lazy: openpyxl, as above

    frame = rows_table(state, {d: doc.path for d, doc in ok.items()})
    trials = trials_frame(rows)
    tables = {"trials.csv": csv_text(trials).encode("utf-8"), "rows.xlsx": rows_workbook(frame)}

    requests = {s.row.row_id: crop_request(s.row, entities.get(s.row.doc_id, [])) for s in stored_rows}
    crops: dict[str, str] = {}
    notes = []
    wanted_by_doc: dict[str, list] = {doc_id: [] for doc_id in ok}  # one pass over the rows, not one per document
    for s in stored_rows:
        if s.row.doc_id in wanted_by_doc and requests[s.row.row_id]:
            wanted_by_doc[s.row.doc_id].append(requests[s.row.row_id])
    cached = store.cached_crops(sorted({cache_key(ok[d].sha256, r) for d, rs in wanted_by_doc.items() for r in rs
                                        if ok[d].sha256}))
    kept: dict[str, bytes] = {}
    for doc_id, doc in ok.items():
        wanted = wanted_by_doc[doc_id]
        if not wanted or not doc.path.lower().endswith(".pdf"):
            continue
        images, note = page_crops(doc.path, doc.sha256, wanted, cached)
        crops.update({crop_key: base64.b64encode(png).decode("ascii") for crop_key, png in images.items()})
        kept.update({cache_key(doc.sha256, r): images[r.key] for r in wanted if doc.sha256 and r.key in images})
        if note:
            notes.append(note)
    store.replace_crops(kept)  # the images of this run's rows: the cache never outgrows the corpus

    figures = trial_figures(rows)
    study_of = {f.row.row_id: f.study for f in figures}
    by_row, disagreement_lines = disagreements(rows)
    records = []
    for s in stored_rows:
        request = requests[s.row.row_id]
        crop = request.key if request is not None and request.key in crops else None
        records.append(row_record(s, study_of.get(s.row.row_id, s.row.trial), texts.get(s.row.doc_id, ""),
                                   entities.get(s.row.doc_id, []), crop, by_row.get(s.row.row_id, []),
                                   ok[s.row.doc_id].path if s.row.doc_id in ok else ""))

    metrics = json.loads(metrics_text) if metrics_text else None
    plots = {"plot-outcomes.svg": outcomes_svg(rows, study_of), "plot-scores.svg": scores_svg(metrics)}
    look = needs_a_look(documents, texts, entities, Counter(r.doc_id for r in rows))
    page = review_page(records=records, crops=crops, documents=documents, needs_look=look, notes=notes,
                       trials=trials, n_conflicts=len(conflicts(figures)), disagreements=disagreement_lines,
                       plots={name: svg for name, svg in plots.items() if svg}, key=key)
    files = {"review.html": page.encode("utf-8"), **tables}
    files.update({name: svg.encode("utf-8") for name, svg in plots.items() if svg})
    return files
