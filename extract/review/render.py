"""The review stage's files of a stored run: review.html, trials.csv, rows.xlsx and the plots
(`review_files`, the renderer the pipeline hands to `extract.store.export`). Everything
comes from the store and, for page images, from the run's PDFs where they still are.

Page images and plots take seconds to draw, too long for a refresh where nothing changed.
review.html carries a key over everything it is drawn from (`content_key`: rows, flags,
statuses, documents, texts, entities, scores, the PDFs on disk, the code and data that draw
it, the drawing libraries' versions); when the page in the output folder has the run's key,
it and its plots are taken as they are.
"""

from __future__ import annotations

import base64
import hashlib
import json
import re
from collections import Counter, defaultdict
from importlib import metadata
from pathlib import Path

from extract.review.boxes import CropRequest, parse_box
from extract.review.needs_look import needs_a_look
from extract.review.page import review_page
from extract.review.trials import conflicts, trial_figures, trials_frame
from extract.rows.crosscheck import cross_check
from extract.rows.schema import EvidenceRow
from extract.store.db import Store
from extract.store.export import csv_text, number_text, rows_table
from extract.store.records import DocumentEntry, StoredRow

# field -> the entity label its value is read from
FIELD_LABELS = {"trial": "TRIAL", "agents": "AGENT", "n": "N", "age_median": "AGE", "age_min": "AGE",
                "age_max": "AGE", "cr_pct": "CR", "mrd_neg_pct": "MRD", "mrd_method": "MRD", "os_pct": "OS",
                "os_years": "OS", "os_median_months": "OS"}
SHOWN_FIELDS = ("trial", "agents", "subgroup", "n", "age_median", "age_min", "age_max", "cr_pct", "mrd_neg_pct",
                "mrd_method", "os_pct", "os_years", "os_median_months")


def flag_words(flag: str) -> str:
    """A validation expectation as a reviewer reads it."""
    name, _, column = flag.partition("(")
    column = column.rstrip(")")
    if name.endswith("to_be_between"):
        return f"{column} is outside the range it can take"
    if name.endswith("in_type_list"):
        return f"{column} is not a number of the expected kind"
    if name.endswith("a_to_be_greater_than_b"):
        high, _, low = column.partition("/")
        return f"{high} is below {low}"
    if "rule_has_subject" in column:
        return "no study and no agents: the row names no cohort"
    if "rule_has_value" in column:
        return "no outcome value"
    if "rule_n_whole" in column:
        return "N is not a whole number"
    if column == "mrd_method":
        return "the MRD method is not a known assay"
    if name.endswith("to_not_be_null"):
        return f"{column} is missing"
    if name.endswith("lengths_to_be_between"):
        return f"{column} is empty or too long"
    return flag


def _in_sentence(row: EvidenceRow, entities: list[dict]) -> list[dict]:
    if row.sent_start is None or row.sent_end is None:
        return []
    return [e for e in entities if e["start"] >= row.sent_start and e["end"] <= row.sent_end]


def is_read_into(entity: dict, row: EvidenceRow) -> bool:
    """Whether the row holds this entity's value (a sentence often gives several of a kind:
    "70% versus 75%"): a number equal to one of the row's fields of the entity's label."""
    value = entity.get("value") or {}
    if entity["label"] in ("TRIAL", "AGENT"):
        return True
    numbers = {round(float(v), 2) for k, v in value.items() if k in ("number", "low", "high", "years")
               and isinstance(v, (int, float))}
    fields = [round(float(getattr(row, f)), 2) for f, label in FIELD_LABELS.items()
              if label == entity["label"] and isinstance(getattr(row, f), (int, float))]
    return bool(numbers & set(fields))


def _sentence(row: EvidenceRow, text: str, entities: list[dict]) -> tuple[str, list[list]]:
    """The row's evidence and the spans to highlight in it, [start, end, label, read into
    the row] with offsets relative to the evidence."""
    if row.source == "text" and row.sent_start is not None and row.sent_end is not None:
        sentence = text[row.sent_start:row.sent_end]
        marks = [[e["start"] - row.sent_start, e["end"] - row.sent_start, e["label"], is_read_into(e, row)]
                 for e in _in_sentence(row, entities)]
        return sentence, marks
    # a table row: its cells, the ones holding a value of the row marked
    cells = row.evidence.split("\t")
    values = {number_text(getattr(row, f)) for f in SHOWN_FIELDS if isinstance(getattr(row, f), (int, float))}
    sentence, marks = "", []
    for cell in cells:
        if sentence:
            sentence += " | "
        if any(v and v in cell.split(" ")[0].strip("∆*†‡") for v in values) or any(
                v and cell.strip().startswith(v) for v in values):
            marks.append([len(sentence), len(sentence) + len(cell), "VALUE", True])
        sentence += cell
    return sentence, marks


def _crop_request(row: EvidenceRow, entities: list[dict]) -> CropRequest | None:
    box = parse_box(row.bbox)
    if box is None or not row.page:
        return None
    found = [e for e in _in_sentence(row, entities) if e.get("page") == row.page]
    read = [e for e in found if is_read_into(e, row)] or found
    values = tuple(b for e in read if (b := parse_box(e.get("bbox"))) is not None)
    return CropRequest(page=row.page, evidence=box, values=values)


def _read_from(name: str, marks: list[list], sentence: str) -> str:
    label = FIELD_LABELS.get(name)
    return " · ".join(dict.fromkeys(sentence[s:e] for s, e, lab, read in marks if lab == label and read)) \
        if label else ""


def _disagreements(rows: list[EvidenceRow]) -> tuple[dict[str, list[str]], list[str]]:
    """Text <-> table disagreements in words: by row id, and as lines for the page."""
    by_row: dict[str, list[str]] = defaultdict(list)
    lines = []
    for check in cross_check(rows):
        if check.text_row is None:
            continue
        for name, table_value, text_value in check.disagree:
            words = (f"{name}: the table says {number_text(table_value)}, the text "
                     f"(p{check.text_row.page or '?'}) says {number_text(text_value)}")
            by_row[check.table_row.row_id].append(words)
            by_row[check.text_row.row_id].append(words.replace("the text", "this text", 1))
            lines.append(f"{check.table_row.doc_id} · {check.table_row.trial or check.table_row.agents} · {words}")
    return by_row, lines


def _row_record(stored: StoredRow, study: str, text: str, entities: list[dict], crop: str | None,
                disagreements: list[str], path: str) -> dict:
    row = stored.row
    sentence, marks = _sentence(row, text, entities)
    fields = [[name, number_text(v) if isinstance(v, (int, float)) else v, _read_from(name, marks, sentence)]
              for name in SHOWN_FIELDS if (v := getattr(row, name)) not in (None, "")]
    flags = [f for f in stored.flags.split(";") if f]
    return {"row_id": row.row_id, "doc_id": row.doc_id, "source": row.source, "page": row.page, "study": study,
            "trial": row.trial, "agents": row.agents.replace(";", " + "), "subgroup": row.subgroup,
            "n": number_text(row.n), "age": number_text(row.age_median), "cr": number_text(row.cr_pct),
            "mrd": number_text(row.mrd_neg_pct),
            "os": number_text(row.os_pct) + (f" @{number_text(row.os_years)}y" if row.os_pct is not None
                                              and row.os_years is not None else ""),
            "os_median": number_text(row.os_median_months), "flags": [flag_words(f) for f in flags],
            "status": stored.status or "predicted", "fields": fields, "sentence": sentence, "marks": marks,
            "crop": crop, "disagreements": disagreements, "path": path}


PACKAGE = Path(__file__).resolve().parents[1]
# what draws the page besides the stored data: this stage, the export's table helpers, the
# rows' cross-check and names, the knowledge data (study aliases, groups), the libraries
DRAWN_BY = ("review", "store/export.py", "rows/crosscheck.py", "rows/schema.py", "knowledge")
DRAWING_LIBRARIES = ("matplotlib", "openpyxl", "pdfplumber", "pypdfium2", "pillow")
REVIEW_NAMES = ("review.html", "trials.csv", "rows.xlsx", "plot-outcomes.svg", "plot-scores.svg")
KEY_META = re.compile(rb'<meta name="review-key" content="([0-9a-f]{64})">')


def _drawing_code() -> bytes:
    digest = hashlib.sha256()
    for name in DRAWN_BY:
        path = PACKAGE / name
        files = sorted(path.rglob("*")) if path.is_dir() else [path]
        for file in files:
            if file.is_file() and file.suffix in (".py", ".jsonl"):
                digest.update(file.relative_to(PACKAGE).as_posix().encode("utf-8") + b"\0" + file.read_bytes())
    for name in DRAWING_LIBRARIES:
        try:
            digest.update(f"{name}={metadata.version(name)}".encode("utf-8"))
        except metadata.PackageNotFoundError:
            digest.update(f"{name}=none".encode("utf-8"))
    return digest.digest()


def _on_disk(path: str) -> str:
    """A PDF as the page images would find it now: its sha256, or "missing"."""
    file = Path(path)
    return hashlib.sha256(file.read_bytes()).hexdigest() if file.is_file() else "missing"


def content_key(documents: list[DocumentEntry], stored_rows: list[StoredRow], texts: dict[str, str],
                entities: dict[str, list[dict]], metrics_text: str | None) -> str:
    """sha256 over everything the review files are drawn from (see the module docstring)."""
    digest = hashlib.sha256(_drawing_code())
    for doc in documents:
        on_disk = _on_disk(doc.path) if doc.ok and doc.path.lower().endswith(".pdf") else ""
        digest.update(json.dumps([doc.doc_id, doc.path, doc.sha256, doc.ok, doc.status if not doc.ok else "",
                                  doc.error, doc.pages, doc.n_entities, doc.n_rows, on_disk]).encode("utf-8"))
        digest.update(texts.get(doc.doc_id, "").encode("utf-8"))
        digest.update(json.dumps(entities.get(doc.doc_id, []), sort_keys=True, default=str).encode("utf-8"))
    for stored in stored_rows:
        digest.update(json.dumps([stored.row.to_record(), stored.flags, stored.status], sort_keys=True,
                                 default=str).encode("utf-8"))
    digest.update((metrics_text or "").encode("utf-8"))
    return digest.hexdigest()


def _drawn_before(out_dir: Path, key: str) -> dict[str, bytes] | None:
    """The review files in the output folder when they were drawn from the same content."""
    page = out_dir / "review.html"
    if not page.is_file():
        return None
    data = page.read_bytes()
    found = KEY_META.search(data[:4096])
    if found is None or found.group(1).decode("ascii") != key:
        return None
    files = {name: (out_dir / name).read_bytes() for name in REVIEW_NAMES if (out_dir / name).is_file()}
    return files if "trials.csv" in files and "rows.xlsx" in files else None


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
    drawn = _drawn_before(Path(state.run.out_dir), key)
    if drawn is not None:
        return drawn
    from extract.review.crops import page_crops  # lazy: pdfplumber, only when the page is drawn again
    from extract.review.plots import outcomes_svg, scores_svg  # lazy: matplotlib, as above
    from extract.review.spreadsheet import rows_workbook  # lazy: openpyxl, as above

    frame = rows_table(state, {d: doc.path for d, doc in ok.items()})
    trials = trials_frame(rows)
    tables = {"trials.csv": csv_text(trials).encode("utf-8"), "rows.xlsx": rows_workbook(frame)}

    requests = {s.row.row_id: _crop_request(s.row, entities.get(s.row.doc_id, [])) for s in stored_rows}
    crops: dict[str, str] = {}
    notes = []
    for doc_id, doc in ok.items():
        wanted = [r for s in stored_rows if s.row.doc_id == doc_id and (r := requests[s.row.row_id])]
        if not wanted or not doc.path.lower().endswith(".pdf"):
            continue
        images, note = page_crops(doc.path, doc.sha256, wanted)
        crops.update({crop_key: base64.b64encode(png).decode("ascii") for crop_key, png in images.items()})
        if note:
            notes.append(note)

    figures = trial_figures(rows)
    study_of = {f.row.row_id: f.study for f in figures}
    by_row, disagreement_lines = _disagreements(rows)
    records = []
    for s in stored_rows:
        request = requests[s.row.row_id]
        crop = request.key if request is not None and request.key in crops else None
        records.append(_row_record(s, study_of.get(s.row.row_id, s.row.trial), texts.get(s.row.doc_id, ""),
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
