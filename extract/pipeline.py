"""The flow, top to bottom: inputs -> pdf (or text) -> tables -> nlp -> rows -> validate ->
store -> evaluate. The only module that imports every stage; `cli` sits on top of it.

Each document is processed on its own (`run_batch`): a bad file is reported in one line
and the batch goes on. `run` reads only what changed: a document whose sha256 and
extractor fingerprint are in the store gets its rows from there. The stages that read
documents (pdfplumber, spaCy) and score (scikit-learn) are imported when first needed, so
a refresh where nothing changed never loads them. Outputs are exports of the stored run,
written as one set (`extract.store.export`).
"""

from __future__ import annotations

import gc
import hashlib
import json
import re
import sys
import threading
import time
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field
from datetime import datetime, timezone
from pathlib import Path
from typing import TypeVar

from extract.engines import DASK, LOCAL, map_documents, runs_in_process, tune_gc
from extract.errors import ExtractError, MissingFileError, UnreadableFileError, UnsupportedInputError
from extract.pdf.model import Document
from extract.progress import Progress
from extract.review.apply import anchor_all, review_rows, rows_touched
from extract.review.ledger import LEDGER, sync_ledger
from extract.rows.schema import (EvidenceRow, assign_row_ids, ensure_unique_row_ids, format_bbox, rows_frame,
                                 table_row_label)
from extract.store.corrections import SPAN, Correction, corrections_key, load_corrections
from extract.store.db import STORE_NAME, NewRun, Store, open_store, run_lock
from extract.store.diff import diff_states
from extract.store.export import clean_leftovers, export_run, json_text, repair
from extract.store.fingerprint import evaluation_hash, extractor_fingerprint, tree_hash
from extract.store.records import (ANALYSED, CHANGED, FAILED, NEW, REMOVED, REUSED, UNCHANGED, AnalysedDocument,
                                   AnalysisSummary, DocumentEntry, RunInfo, RunState, StoredRow)
from extract.store.report import metrics_line, metrics_markdown, write_metrics
from extract.types import SPEC_COLUMNS
from extract.validate import preload as preload_validation, validate_rows

T = TypeVar("T")
SUFFIXES = (".pdf", ".txt", ".md")
# Files that describe a folder rather than being a paper (a corpus manifest, a readme).
FOLDER_NOTES = frozenset({"readme", "manifest", "license", "licence", "changelog", "notice"})
ROW_SOURCE_KINDS = frozenset({"paragraph", "caption", "title"})


# ---------------------------------------------------------------- inputs


def iter_inputs(paths: Iterable[str | Path]) -> Iterator[Path]:
    """Files named, and every PDF/.txt/.md below folders named, in a stable order."""
    for raw in paths:
        path = Path(raw)
        if path.is_dir():
            for child in sorted(path.rglob("*")):
                if (child.is_file() and child.suffix.lower() in SUFFIXES and not child.name.startswith(".")
                        and child.stem.lower() not in FOLDER_NOTES):
                    yield child
        else:
            yield path


def run_batch(paths: Iterable[str | Path], handle: Callable[[Path], T]) -> tuple[list[T], list[str]]:
    """`handle` on every input; returns its results and the one-line errors of the files
    that failed, each also printed to stderr. A bad file is an `ExtractError`; anything
    else raised for one file is a fault of ours, reported in one line too, so one odd
    paper never stops a batch."""
    results, errors = [], []
    for path in iter_inputs(paths):
        try:
            results.append(handle(path))
            continue
        except Exception as err:  # noqa: BLE001 - the batch goes on; the line says what to report
            errors.append(error_line(path, err))
        print(f"error: {errors[-1]}", file=sys.stderr)
    return results, errors


def load_document(path: str | Path, pdf=None) -> Document:
    """Read one input file (PDF: text layer with the tables stage's regions kept out of the
    running text; .txt/.md: the text exactly). Raises an `ExtractError` subclass with a
    one-line message. Pass `pdf` (from `open_pdf`) to share one parse with the tables."""
    from extract.pdf.reader import read_pdf  # lazy: pdfplumber, only when a document is read
    from extract.pdf.text_input import read_text_file  # lazy: with the pdf stage above
    from extract.tables.read import find_table_regions  # lazy: with the pdf stage above

    path = Path(path)
    if not path.is_file():
        raise MissingFileError(path)
    suffix = path.suffix.lower()
    if suffix == ".pdf":
        return read_pdf(path, pdf, table_regions=find_table_regions)
    if suffix in (".txt", ".md"):
        return read_text_file(path)
    raise UnsupportedInputError(path)


def load_nlp():
    """The spaCy pipeline (built once per process)."""
    from extract.nlp.pipeline import load_nlp as build  # lazy: spaCy takes ~1 s to import

    return build()


# ---------------------------------------------------------------- one document


@dataclass
class DocumentResult:
    doc_id: str
    path: str
    document: Document
    entities: list[dict] = field(default_factory=list)
    rows: list[EvidenceRow] = field(default_factory=list)
    n_tables: int = 0
    corrections: list[dict] = field(default_factory=list)  # what became of each span correction


def _span_records(document: Document, tagged: list) -> list[dict]:
    """The entity records of `ents`, each with the page and box of its first character."""
    from extract.nlp.entities import span_records  # lazy: spaCy, only when a document is read

    records = span_records(tagged)
    for record in records:
        page, boxes = document.locate(record["start"], record["end"])
        record["page"] = page
        record["bbox"] = [round(v, 1) for v in boxes[0][1:]] if boxes else None
    return records


def _locate_row(document: Document, row: EvidenceRow) -> None:
    if row.sent_start is None:
        return
    page, boxes = document.locate(row.sent_start, row.sent_end or row.sent_start + 1)
    row.page = page or None
    if boxes:
        row.bbox = format_bbox(boxes[0][1:])


def text_rows(doc_id: str, tagged: list) -> list[EvidenceRow]:
    """The rows of a document's tagged blocks, read over the whole document: a study named
    in its title or an earlier paragraph names the rows of later ones; headings and titles
    are context only."""
    from extract.rows.document import Paragraph, assemble_document  # lazy: the rows stage, only when text is read
    from extract.rows.mentions import from_doc  # lazy: as above

    paragraphs = [Paragraph(from_doc(spacy_doc, offset=block.start), rows=block.kind in ROW_SOURCE_KINDS)
                  for block, spacy_doc in tagged]
    return assemble_document(doc_id, paragraphs)


def _correct(tagged: list, corrections: list[Correction], nlp) -> tuple[list, list]:
    """An annotator's entities in place of the pipeline's on every block a span correction
    anchors on (see `extract.review.apply`). Returns (correction_id, outcome, detail) of
    each and the document window each applied one covers."""
    from extract.nlp.corrected import replace_entities  # lazy: spaCy, only when a document is read

    placed, outcomes = anchor_all(corrections, [block for block, _ in tagged])
    windows = []
    for anchored in placed:
        block, spacy_doc = tagged[anchored.block_index]
        replace_entities(spacy_doc, anchored.spans(0), anchored.window(0), nlp)
        windows.append((anchored.correction.correction_id, anchored.window(block.start)))
    return outcomes, windows


def analyse(path: Path, nlp, doc_id: str | None = None, corrections: list[Correction] = ()) -> DocumentResult:
    """One input file through every stage up to rows, each row with its stable id; the
    document's span corrections replace the pipeline's entities of their blocks before
    rows are read. Raises ExtractError for bad input. `doc_id` replaces the file stem (see
    `unique_doc_ids`)."""
    from extract.nlp.entities import tag_blocks  # lazy: spaCy, only when a document is read
    from extract.pdf.opening import open_pdf  # lazy: pdfplumber, only when a document is read
    from extract.rows.from_tables import rows_from_tables  # lazy: the rows stage, only when a document is read
    from extract.tables.pasted import pasted_table_records  # lazy: with the pdf stage
    from extract.tables.read import read_tables  # lazy: pdfplumber

    is_pdf = path.suffix.lower() == ".pdf"
    pdf = open_pdf(path) if is_pdf else None  # one parse shared by text layer and tables
    try:
        document = load_document(path, pdf)
        tables = read_tables(path, pdf) if is_pdf else []
    finally:
        if pdf is not None:
            pdf.close()
    if doc_id:
        document.doc_id = doc_id
    result = DocumentResult(doc_id=document.doc_id, path=str(path), document=document, n_tables=len(tables))
    tagged = tag_blocks(document, nlp)
    outcomes, windows = _correct(tagged, list(corrections), nlp) if corrections else ([], [])
    result.entities = _span_records(document, tagged)
    for row in text_rows(document.doc_id, tagged):
        _locate_row(document, row)
        result.rows.append(row)
    labels: dict[int, str] = {}  # row index -> its table row's identity
    records = [r for table in tables for r in table.records()]
    if not is_pdf:  # tables pasted into a text input as tab-separated lines
        records += pasted_table_records(document)
    for record in records:
        for row in rows_from_tables(document.doc_id, [record]):
            labels[len(result.rows)] = table_row_label(record.table, record.study, record.agents_text)
            result.rows.append(row)
    assign_row_ids(result.rows, labels)
    touched = rows_touched(result.rows, windows)
    result.corrections = [{"correction_id": cid, "outcome": outcome, "detail": detail, "rows": touched.get(cid, [])}
                          for cid, outcome, detail in outcomes]
    return result


def document_entities(path: Path, nlp=None) -> dict:
    """{"doc_id", "text", "spans"} of one input file (the `ents` command); offsets index
    `text`, which for a .txt input is the file's text exactly."""
    from extract.nlp.entities import span_records, tag_blocks  # lazy: spaCy, only when a document is read

    document = load_document(path)
    return {"doc_id": document.doc_id, "text": document.text,
            "spans": span_records(tag_blocks(document, nlp or load_nlp()))}


def review_blocks(paths: list[str], store_path: Path | None = None, ledger: Path | None = None,
                  nlp=None) -> tuple[list, list[str]]:
    """One review task per tagged block of every input, with the entities a run would give
    it now (the corrections in the store and the ledger applied): what `review export`
    writes; and the one-line errors of the inputs that failed."""
    from extract.nlp.entities import blocks_to_process  # lazy: spaCy, only when a document is read
    from extract.review.tasks import ReviewBlock, block_spans  # lazy: with the nlp stage above

    nlp = nlp or load_nlp()
    blocks = []
    with open_store(store_path or Path("outputs") / STORE_NAME) as store:
        sync_ledger(store, ledger or LEDGER)
        corrections = _span_corrections(store)

    def handle_one(path: Path, doc_id: str) -> None:
        sha256, _ = _file_digest(path)
        result = analyse(path, nlp, doc_id, corrections.get(doc_id, []))
        for block in blocks_to_process(result.document, nlp):
            blocks.append(ReviewBlock(doc_id, sha256, block.start, block.text, block.page, block.kind,
                                      block_spans(result.entities, block.start, block.end)))

    ids = dict(unique_doc_ids(list(iter_inputs(paths))))
    _, errors = run_batch(list(ids), lambda path: handle_one(path, ids[path]))
    return blocks, errors


# ---------------------------------------------------------------- scores

# The project's gold (the folder extract.evaluate reads), named here so a refresh can tell
# whether stored scores still hold without importing the scoring stage.
ANNOTATIONS = Path(__file__).resolve().parents[1] / "annotations"


def reference_spans(nlp, text: str, doc_id: str) -> list[tuple[int, int, str]]:
    """The pipeline's entities on a reference text, as the `ents` command tags a .txt file."""
    from extract.nlp.entities import span_records, tag_blocks  # lazy: spaCy, only when text is tagged
    from extract.pdf.text_input import text_document  # lazy: with the nlp stage above

    document = text_document(text, doc_id=doc_id, path=f"{doc_id}.txt")
    return [(s["start"], s["end"], s["label"]) for s in span_records(tag_blocks(document, nlp))]


def evaluate_corpus(annotations_dir: Path | None = None, doc_ids: list[str] | None = None,
                    pred_rows=None, nlp=None) -> dict:
    """Scores against the gold of `doc_ids` (default: all): the reference texts tagged, and
    `pred_rows` (default: the rows of those corpus PDFs, run here). Gold files are read and
    checked before anything slow."""
    from extract.evaluate.scores import CORPUS, evaluate, gold_for  # lazy: scikit-learn takes ~1 s to import

    gold = gold_for(annotations_dir, doc_ids)
    nlp = nlp or load_nlp()
    if pred_rows is None and gold["rows"] is not None:
        results = [analyse(CORPUS / f"{d}.pdf", nlp) for d in gold["documents"] if (CORPUS / f"{d}.pdf").exists()]
        pred_rows = _scored_frame([row for r in results for row in r.rows])
    return evaluate(gold, _tagged_references(nlp, gold), pred_rows)


def _tagged_references(nlp, gold: dict) -> dict[str, list[tuple[int, int, str]]]:
    """The pipeline's entities on every reference text of `gold`, by document."""
    return {d: reference_spans(nlp, gold["texts"][d], d) for d in gold["spans"]}


def _scored_frame(rows: list[EvidenceRow]):
    """Rows as the scorer reads them: the row's fields, not its id."""
    return rows_frame(rows).drop(columns=["row_id"])


def corrections_scores(ledger: Path | None = None, nlp=None) -> dict | None:
    """Entity scores of the pipeline on the corrected blocks of the corrections ledger
    (the annotators' spans as gold), or None when nothing is corrected."""
    from extract.evaluate.scores import entity_scores  # lazy: scikit-learn, only for eval
    from extract.review.commands import corrected_references  # lazy: only for eval

    references = corrected_references(ledger)
    if not references:
        return None
    nlp = nlp or load_nlp()
    pred = {d: reference_spans(nlp, text, d) for d, (text, _) in references.items()}
    scores = entity_scores({d: spans for d, (_, spans) in references.items()}, pred)
    return {"documents": sorted(references), **scores}


EVAL_DIR = "eval"  # where `eval` writes its scores inside the output folder


def eval_main(coverage: bool = False, out_dir: Path = Path("outputs"), annotations_dir: Path | None = None,
              errors: bool = False, gold: str = "annotations", ledger: Path | None = None) -> int:
    """The `eval` command: scores (written to out_dir/eval/) against annotations/, the
    corrections (`gold`: annotations / corrections / all), or the entity errors, or the
    coverage report of the gold."""
    from extract.evaluate.coverage import coverage_report  # lazy: scikit-learn, only for eval
    from extract.evaluate.scores import entity_errors, gold_for  # lazy: as above
    from extract.review.commands import corrections_markdown  # lazy: only for eval

    if errors:
        gold = gold_for(annotations_dir)
        pred = _tagged_references(load_nlp(), gold)
        print("\n".join(entity_errors(gold["spans"], pred, gold["texts"])) or "no entity errors")
        return 0
    if coverage:
        print(coverage_report(annotations_dir))
        return 0
    corrected = corrections_scores(ledger) if gold in ("corrections", "all") else None
    if gold == "corrections":
        if corrected is None:
            print("no corrected blocks in the corrections ledger; `python -m extract review import` adds them")
            return 1
        print(corrections_markdown(corrected))
        return 0
    metrics = evaluate_corpus(annotations_dir)
    if corrected is not None:
        metrics["corrections"] = corrected
    # a folder of its own: the output folder's set is one run's, and eval is not a run
    write_metrics(metrics, out_dir / EVAL_DIR)
    print(metrics_markdown(metrics) + ("\n" + corrections_markdown(corrected) if corrected else ""))
    return 0


# ---------------------------------------------------------------- the main job


def review_files(store: Store, run_id: int) -> dict[str, bytes]:
    """The review stage's files of a stored run (review.html, trials.csv, rows.xlsx, plots),
    written in the same set as the rest (`export_run(..., extra=review_files)`)."""
    from extract.review.render import review_files as render  # lazy: matplotlib and openpyxl, only when a set is written

    return render(store, run_id)


OK, INPUT_FAILED, REFUSED_EMPTY, VALIDATION_FAILED = 0, 1, 2, 3
EXIT_CODES = {
    OK: "every input read, validation passed (or --no-fail-on-validation)",
    INPUT_FAILED: "some inputs could not be read (one line each on stderr); the others were processed and written",
    REFUSED_EMPTY: "refused: no inputs found, or every input failed, while the store holds a non-empty table; "
                   "nothing written, the table kept (--allow-empty accepts an empty table)",
    VALIDATION_FAILED: "validation failed: rows flagged (see validation.json, the flags column); outputs written",
}


def unique_doc_ids(paths: list[Path]) -> list[tuple[Path, str]]:
    """Each input once (a file named twice is read once) with its doc_id: the file stem,
    made unique when two inputs share one (the later one, in input order, gets `-2`, ...)."""
    out, seen_paths, taken = [], set(), set()
    for path in paths:
        resolved = path.resolve()
        if resolved in seen_paths:
            continue
        seen_paths.add(resolved)
        doc_id, k = path.stem, 1
        while doc_id in taken:
            k += 1
            doc_id = f"{path.stem}-{k}"
        taken.add(doc_id)
        out.append((path, doc_id))
    return out


DOI = re.compile(r"\b10\.\d{4,9}/[^\s\"<>]+")


def title_and_doi(document: Document) -> tuple[str, str]:
    """The document's title block (a text input: a first Markdown `# ` heading) and the first
    DOI in its text; "" where there is none."""
    title = next((b.text for b in document.blocks if b.kind == "title"), "")
    if not title and document.blocks and document.blocks[0].text.startswith("# "):
        title = document.blocks[0].text[2:].strip()
    found = DOI.search(document.text)
    return " ".join(title.split())[:300], found.group(0).rstrip(".,;)]") if found else ""


def _file_digest(path: Path) -> tuple[str, int]:
    """sha256 and size, read in blocks (a large file is never held whole)."""
    if not path.is_file():
        raise MissingFileError(path)
    digest, size = hashlib.sha256(), 0
    with open(path, "rb") as handle:
        for block in iter(lambda: handle.read(1 << 20), b""):
            digest.update(block)
            size += len(block)
    return digest.hexdigest(), size


def _analysed(path: Path, doc_id: str, sha256: str, size: int, nlp,
              corrections: list[Correction] = ()) -> AnalysedDocument:
    start = time.perf_counter()
    result = analyse(path, nlp, doc_id, corrections)
    title, doi = title_and_doi(result.document)
    return AnalysedDocument(doc_id=doc_id, sha256=sha256, size=size, pages=result.document.n_pages,
                            n_blocks=len(result.document.blocks), n_tables=result.n_tables, title=title, doi=doi,
                            text=result.document.text, entities=result.entities, rows=result.rows,
                            seconds=time.perf_counter() - start, corrections_key=corrections_key(list(corrections)),
                            corrections=result.corrections)


def error_line(path: Path, err: BaseException) -> str:
    """The one line a file that failed gets: a bad file (`ExtractError`), a file we may not
    read, or a fault of ours (reported so the batch goes on)."""
    if isinstance(err, ExtractError):
        return err.one_line()
    if isinstance(err, PermissionError):  # the user's to fix, not a fault of ours
        return UnreadableFileError(path).one_line()
    return f"{path}: internal error ({type(err).__name__}: {err}); please report it with the file"


# A document to read: (path, doc_id, sha256, size, its span corrections). What reading it
# gives: its analysis, or the one-line error of a file that failed (plain data: it crosses
# process boundaries).
Task = tuple[str, str, str, int, tuple[Correction, ...]]
Outcome = AnalysedDocument | str


def start_worker() -> None:
    """Once in each worker process of the local pool: the spaCy pipeline is built before
    the first document, then the collector is set for reading (`tune_gc`)."""
    load_nlp()
    tune_gc()


def read_document(task: Task, nlp=None) -> Outcome:
    """One document through the stages, in whatever process the engine runs it; the file
    must still have the content hashed when the run started."""
    path, doc_id, sha256, size, corrections = task
    try:
        if _file_digest(Path(path))[0] != sha256:
            raise ExtractError(path, "changed while the run was reading it", "run again")
        return _analysed(Path(path), doc_id, sha256, size, nlp or load_nlp(), list(corrections))
    except Exception as err:  # noqa: BLE001 - one line per failed file, the batch goes on
        return error_line(Path(path), err)
    finally:
        gc.collect()  # the document's cyclic garbage (pdfminer's layout objects) goes before the next one


@dataclass
class _Inputs:
    """What reading the inputs gave: documents (reused or analysed, as stored summaries) and
    failures, in order."""

    documents: list[tuple[str, str, AnalysisSummary, str]] = field(default_factory=list)  # path, id, doc, action
    failed: list[tuple[str, str, str | None, str]] = field(default_factory=list)  # path, id, sha256, error
    order: list[str] = field(default_factory=list)  # doc ids in input order


@dataclass
class Engine:
    """Where documents are read: `engine` (local or dask), `jobs` worker processes (local:
    1 reads in this process), `scheduler` (dask: tcp://HOST:PORT; none starts a local
    cluster), and whether progress is shown."""

    engine: str = LOCAL
    jobs: int = 1
    scheduler: str | None = None
    quiet: bool = False

    def describe(self, n_tasks: int) -> str:
        if self.engine == DASK:
            return f"on dask ({self.scheduler or f'a local cluster of {self.jobs} workers'})"
        workers = min(self.jobs, n_tasks)
        return f"in {workers} worker processes" if workers > 1 else "in this process"


def read_inputs(paths: list[str], store: Store, fingerprint: str, full: bool, nlp=None,
                engine: Engine | None = None, corrections: dict[str, list[Correction]] | None = None) -> _Inputs:
    """Every input: from the store when its content, the extractor and its span corrections
    (`corrections`, by doc_id) are unchanged (unless `full`), else through the stages on the
    engine. Each analysis is stored as it arrives (in input order) and released; the run
    keeps summaries. A bad file is one line on stderr; the batch goes on."""
    engine = engine or Engine()
    corrections = corrections or {}
    found = _Inputs()
    pairs = unique_doc_ids(list(iter_inputs(paths)))
    plan: list[tuple[str, str, object]] = []  # path, doc_id, a summary | a task | an error line
    for path, doc_id in pairs:
        try:
            sha256, size = _file_digest(path)
        except Exception as err:  # noqa: BLE001 - reported below, in input order
            plan.append((str(path), doc_id, (None, error_line(path, err))))
            continue
        fixes = tuple(corrections.get(doc_id, ()))
        stored = None if full else store.find_analysis(doc_id, sha256, fingerprint, corrections_key(list(fixes)))
        if stored is not None:
            stored.size = size  # known here even where no complete run recorded the document
        plan.append((str(path), doc_id, stored if stored is not None else (str(path), doc_id, sha256, size, fixes)))
    tasks = [item for _, _, item in plan if isinstance(item, tuple) and item[0] is not None]
    if tasks and nlp is None and runs_in_process(engine.engine, engine.jobs, len(tasks)):
        nlp = load_nlp()  # built before the collector freezes what exists (`tune_gc`)
    elif tasks:  # this process waits while workers read: it imports the validation suite meanwhile
        threading.Thread(target=preload_validation, name="preload-validation", daemon=True).start()
    progress = Progress(len(plan), quiet=engine.quiet)
    outcomes = map_documents(read_document, tasks, engine=engine.engine, jobs=engine.jobs,
                             scheduler=engine.scheduler, initializer=start_worker,
                             in_process=lambda task: read_document(task, nlp))
    try:
        for path, doc_id, item in plan:
            _take(found, store, fingerprint, progress, path, doc_id, item, outcomes)
    finally:
        outcomes.close()  # a fault here (the store) stops the workers too
    progress.close(engine.describe(len(tasks)) if tasks else "")
    return found


def _take(found: _Inputs, store: Store, fingerprint: str, progress: Progress, path: str, doc_id: str, item,
          outcomes: Iterator[Outcome]) -> None:
    """One input's outcome into `found`, in input order: reused, stored, or failed."""
    found.order.append(doc_id)
    if isinstance(item, AnalysisSummary):
        found.documents.append((path, doc_id, item, REUSED))
        progress.update(read=False)
        return
    sha256, outcome = (None, item[1]) if item[0] is None else (item[2], next(outcomes))
    if isinstance(outcome, str):
        found.failed.append((path, doc_id, sha256, outcome))
        print(f"error: {outcome}", file=sys.stderr)
        progress.update()
        return
    found.documents.append((path, doc_id, store.save_analysis(outcome, fingerprint), ANALYSED))
    progress.update(pages=outcome.pages)


def _statuses(found: _Inputs, previous: list[DocumentEntry]) -> list[DocumentEntry]:
    """This run's documents, each new / changed / unchanged / failed against the last run,
    then the documents of the last run that are no longer among the inputs (removed)."""
    before = {d.doc_id: d for d in previous if d.status != REMOVED}
    by_id: dict[str, DocumentEntry] = {}
    for path, doc_id, doc, action in found.documents:
        old = before.get(doc_id)
        status = NEW if old is None else UNCHANGED if old.sha256 == doc.sha256 else CHANGED
        by_id[doc_id] = DocumentEntry(doc_id=doc_id, path=path, sha256=doc.sha256, status=status, action=action,
                                      analysis_id=doc.analysis_id, pages=doc.pages, n_blocks=doc.n_blocks,
                                      n_tables=doc.n_tables, n_entities=doc.n_entities, n_rows=len(doc.rows),
                                      title=doc.title, doi=doc.doi)
    for path, doc_id, sha256, error in found.failed:
        by_id[doc_id] = DocumentEntry(doc_id=doc_id, path=path, sha256=sha256, status=FAILED, error=error)
    entries = [by_id[d] for d in found.order if d in by_id]
    entries += [DocumentEntry(doc_id=d.doc_id, path=d.path, sha256=d.sha256, status=REMOVED)
                for d in previous if d.status != REMOVED and d.doc_id not in by_id]
    return entries


def _table_present(store: Store, out_dir: Path) -> int:
    """Rows in the current table: the store's last complete run, else an existing rows.csv."""
    latest = store.latest_run()
    if latest is not None:
        return latest.n_rows
    rows_csv = out_dir / "rows.csv"
    if rows_csv.is_file():
        return max(0, len(rows_csv.read_text(encoding="utf-8", errors="replace").strip().splitlines()) - 1)
    return 0


def _validation(store: Store, frame, fingerprint: str) -> tuple[str, list[str], str]:
    """(validation.json text, flags per row, rows hash): stored when an earlier run
    validated the same rows under the same extractor, else the suite is run."""
    rows_hash = hashlib.sha256(frame[list(SPEC_COLUMNS)].to_csv(index=False).encode("utf-8")).hexdigest()
    stored = store.find_validation(rows_hash, fingerprint)
    if stored is not None:
        return stored[0], stored[1], rows_hash
    validation = validate_rows(frame[list(SPEC_COLUMNS)])
    text = json_text({"success": validation.success, "expectations": validation.results,
                      "great_expectations_result": validation.raw})
    flags = list(validation.rows["flags"].values) if len(frame) else []
    return text, flags, rows_hash


def _metrics(store: Store, frame, doc_ids: list[str], rows_hash: str, fingerprint: str, nlp) -> tuple[str, str]:
    """(key, metrics JSON or "null"): scores against the gold of these documents, stored
    when the rows, the gold, the scoring code and the extractor are as before."""
    key = hashlib.sha256("\n".join((rows_hash, tree_hash(ANNOTATIONS), evaluation_hash(), fingerprint,
                                    *doc_ids)).encode("utf-8")).hexdigest()[:24]
    stored = store.find_metrics(key)
    if stored is not None:
        return key, stored
    from extract.evaluate.scores import gold_doc_ids  # lazy: scikit-learn, only when scores must be computed

    with_gold = sorted(set(doc_ids) & set(gold_doc_ids()))
    metrics = evaluate_corpus(doc_ids=with_gold, pred_rows=frame, nlp=nlp) if with_gold else None
    return key, json_text(metrics) if metrics is not None else "null"


def _now() -> str:
    return datetime.now(timezone.utc).strftime("%Y-%m-%dT%H:%M:%SZ")


def _span_corrections(store: Store) -> dict[str, list[Correction]]:
    by_doc: dict[str, list[Correction]] = {}
    for c in load_corrections(store):
        if c.kind == SPAN:
            by_doc.setdefault(c.doc_id, []).append(c)
    return by_doc


def _reviewed(store: Store, found: _Inputs, rows: list[EvidenceRow]):
    """The rows with the row corrections of these documents applied, each row's status and
    corrections, and what became of every correction of these documents."""
    docs = [doc for _, _, doc, _ in found.documents]
    doc_ids = {doc.doc_id for doc in docs}
    span_rows = {c["correction_id"]: c["rows"] for doc in docs for c in doc.corrections if c["outcome"] == "applied"}
    reviewed = review_rows(rows, [c for c in load_corrections(store) if c.doc_id in doc_ids], span_rows)
    reviewed.outcomes += [(c["correction_id"], "", c["outcome"], c["detail"]) for doc in docs for c in doc.corrections]
    reviewed.outcomes.sort()
    return reviewed


def run(paths: list[str], out_dir: Path, *, store_path: Path | None = None, full: bool = False,
        allow_empty: bool = False, fail_on_validation: bool = True, nlp=None, ledger: Path | None = None,
        engine: Engine | None = None, parquet: bool = False) -> int:
    """The main job: read what changed (a document whose corrections changed is read
    again), apply the annotators' corrections, validate, score (where gold exists), store
    the run in one transaction, export it as one set. Returns the exit status
    (`EXIT_CODES`). `ledger`: the corrections folder (default annotations/corrections/),
    whose imports the store is brought up to first; `engine`: where documents are read;
    `parquet`: rows.parquet in the set too (pip extra [parquet])."""
    started, clock, timings = _now(), time.perf_counter(), {}
    out_dir = Path(out_dir)
    store_path = store_path or out_dir / STORE_NAME
    with run_lock(store_path), open_store(store_path) as store:
        note = repair(store, review_files)
        if note:
            print(note, file=sys.stderr)
        clean_leftovers(out_dir)  # what a killed write left here, whichever store it used
        fingerprint = extractor_fingerprint()
        previous = store.latest_run()
        sync_ledger(store, ledger or LEDGER)
        found = read_inputs(paths, store, fingerprint.digest, full, nlp, engine, _span_corrections(store))
        timings["read"] = time.perf_counter() - clock
        documents = _statuses(found, store.run_documents(previous.run_id) if previous else [])
        base = dict(started_at=started, fingerprint=fingerprint, inputs=[str(p) for p in paths],
                    options={"full": full, "allow_empty": allow_empty, "fail_on_validation": fail_on_validation,
                             **({"parquet": True} if parquet else {})},
                    out_dir=str(out_dir.resolve()), documents=documents)

        present = _table_present(store, out_dir)
        if not found.documents and present and not allow_empty:
            why = (f"every input failed ({len(found.failed)} file(s))" if found.failed
                   else f"no inputs found in {' '.join(map(str, paths))}")
            message = (f"refusing to replace the table ({present} rows) with an empty one: {why}; "
                       f"outputs and store kept (--allow-empty accepts an empty table)")
            print(f"error: {message}", file=sys.stderr)
            store.save_refused(NewRun(**base, finished_at=_now(), analyses=[], rows=[], flags=[], rows_hash="",
                                      validation_json="", validation_results=[], validation_success=False,
                                      exit_status=REFUSED_EMPTY, seconds=time.perf_counter() - clock,
                                      timings=timings), message)
            return REFUSED_EMPTY

        rows = [row for _, _, doc, _ in found.documents for row in doc.rows]
        ensure_unique_row_ids(rows)
        reviewed = _reviewed(store, found, rows)
        rows = reviewed.rows
        frame = rows_frame(rows)
        mark = time.perf_counter()
        validation_json, flags, rows_hash = _validation(store, frame, fingerprint.digest)
        validation = json.loads(validation_json)
        timings["validate"] = time.perf_counter() - mark
        mark = time.perf_counter()
        scored = _scored_frame(rows)
        scored["flags"] = flags
        metrics_key, metrics_json = _metrics(store, scored, [d for _, d, _, _ in found.documents], rows_hash,
                                             fingerprint.digest, nlp)
        timings["score"] = time.perf_counter() - mark

        status = (INPUT_FAILED if found.failed else
                  VALIDATION_FAILED if fail_on_validation and not validation["success"] else OK)
        new_run = NewRun(**base, finished_at=_now(), analyses=[d for _, _, d, _ in found.documents],
                         rows=rows, flags=flags, rows_hash=rows_hash, validation_json=validation_json,
                         validation_results=validation["expectations"], validation_success=validation["success"],
                         metrics_key=metrics_key, metrics_json=metrics_json, exit_status=status,
                         statuses=reviewed.statuses, row_corrections=reviewed.corrections,
                         correction_outcomes=reviewed.outcomes)
        previous_state = store.run_state(previous.run_id) if previous else None
        changes = diff_states(previous_state, _state_of(new_run))
        new_run.n_added, new_run.n_deleted, new_run.n_changed = (changes.count("added"), changes.count("removed"),
                                                                 changes.count("changed"))
        mark = time.perf_counter()
        new_run.seconds, new_run.timings = mark - clock, timings
        run_id = store.save_run(new_run)
        timings["store"] = time.perf_counter() - mark
        mark = time.perf_counter()
        export_run(store, run_id, out_dir, review_files)
        timings["export"] = time.perf_counter() - mark
        store.record_timings(run_id, time.perf_counter() - clock, timings)

    print(_summary(run_id, documents, rows, out_dir, validation["success"], changes.summary(), metrics_json))
    if status == VALIDATION_FAILED:
        unmet = sum(not x["success"] for x in validation["expectations"])
        print(f"error: validation failed: {unmet} expectation(s) unmet, {sum(bool(f) for f in flags)} row(s) "
              f"flagged (see {out_dir}/validation.json and the flags column of rows.csv); exit {VALIDATION_FAILED} "
              f"(--no-fail-on-validation exits 0)", file=sys.stderr)
    return status


def _state_of(run: NewRun) -> RunState:
    """The run about to be stored, as `diff` compares runs."""
    info = RunInfo(run_id=0, started_at=run.started_at, finished_at=run.finished_at, status="complete",
                   exit_status=run.exit_status, fingerprint=run.fingerprint.digest,
                   package_version=run.fingerprint.package_version, code_hash=run.fingerprint.code_hash,
                   knowledge_hash=run.fingerprint.knowledge_hash, out_dir=run.out_dir)
    statuses = run.statuses or ["predicted"] * len(run.rows)
    applied = run.row_corrections or [()] * len(run.rows)
    return RunState(run=info, documents={d.doc_id: d for d in run.documents},
                    rows={r.row_id: StoredRow(row=r, flags=f, status=s, corrections=tuple(ids))
                          for r, f, s, ids in zip(run.rows, run.flags, statuses, applied)},
                    corrections=[{"correction_id": cid, "row_id": row_id, "outcome": outcome, "detail": detail}
                                 for cid, row_id, outcome, detail in run.correction_outcomes])


def _summary(run_id: int, documents: list[DocumentEntry], rows: list, out_dir: Path, passed: bool, changes: str,
             metrics_json: str) -> str:
    ok = [d for d in documents if d.ok]
    analysed = sum(d.action == ANALYSED for d in ok)
    removed = sum(d.status == REMOVED for d in documents)
    line = (f"run {run_id}: {len(ok)} document(s) ({analysed} read, {len(ok) - analysed} unchanged from the store"
            f"{f', {removed} removed' if removed else ''}), {sum(d.status == FAILED for d in documents)} failed, "
            f"{len(rows)} rows -> {out_dir}/rows.csv; validation {'passed' if passed else 'flagged rows'}; "
            f"changes since the last run: {changes}")
    metrics = json.loads(metrics_json)
    if metrics is not None:
        line += f"\n{metrics_line(metrics)}"
    return line
