"""The flow, top to bottom: inputs -> pdf (or text) -> tables -> nlp -> rows -> validate ->
store -> evaluate. The only module that imports every stage; `cli` sits on top of it.

Each document is processed on its own (`run_batch`): a bad file is reported in one line
and the batch goes on. Outputs are written only at the end, each by write-then-rename.
"""

from __future__ import annotations

import sys
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import TypeVar

from extract.errors import ExtractError, MissingFileError, UnsupportedInputError
from extract.evaluate.coverage import coverage_report
from extract.evaluate.scores import CORPUS, entity_errors, evaluate, gold_doc_ids, gold_for
from extract.nlp.entities import span_records, tag_blocks
from extract.nlp.pipeline import load_nlp
from extract.pdf.model import Block, Document
from extract.pdf.opening import open_pdf
from extract.pdf.reader import read_pdf
from extract.pdf.text_input import read_text_file, text_document
from extract.rows.assemble import assemble_paragraph
from extract.rows.crosscheck import cross_check
from extract.rows.from_tables import rows_from_tables
from extract.rows.mentions import from_doc
from extract.rows.schema import EvidenceRow, format_bbox, rows_frame
from extract.store.report import RunOutputs, metrics_markdown, write_metrics, write_outputs
from extract.tables.pasted import pasted_table_records
from extract.tables.read import find_table_regions, read_tables
from extract.types import SPEC_COLUMNS
from extract.validate import validate_rows

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
        except ExtractError as err:
            errors.append(err.one_line())
        except Exception as err:  # noqa: BLE001 - the batch goes on; the line says what to report
            errors.append(f"{path}: internal error ({type(err).__name__}: {err}); please report it with the file")
        print(f"error: {errors[-1]}", file=sys.stderr)
    return results, errors


def load_document(path: str | Path, pdf=None) -> Document:
    """Read one input file (PDF: text layer with the tables stage's regions kept out of the
    running text; .txt/.md: the text exactly). Raises an `ExtractError` subclass with a
    one-line message. Pass `pdf` (from `open_pdf`) to share one parse with the tables."""
    path = Path(path)
    if not path.is_file():
        raise MissingFileError(path)
    suffix = path.suffix.lower()
    if suffix == ".pdf":
        return read_pdf(path, pdf, table_regions=find_table_regions)
    if suffix in (".txt", ".md"):
        return read_text_file(path)
    raise UnsupportedInputError(path)


# ---------------------------------------------------------------- one document


@dataclass
class DocumentResult:
    doc_id: str
    path: str
    document: Document
    entities: list[dict] = field(default_factory=list)
    rows: list[EvidenceRow] = field(default_factory=list)
    n_tables: int = 0


def _span_records(document: Document, tagged: list[tuple[Block, object]]) -> list[dict]:
    """The entity records of `ents`, each with the page and box of its first character."""
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


def analyse(path: Path, nlp) -> DocumentResult:
    """One input file through every stage up to rows. Raises ExtractError for bad input."""
    is_pdf = path.suffix.lower() == ".pdf"
    pdf = open_pdf(path) if is_pdf else None  # one parse shared by text layer and tables
    try:
        document = load_document(path, pdf)
        tables = read_tables(path, pdf) if is_pdf else []
    finally:
        if pdf is not None:
            pdf.close()
    result = DocumentResult(doc_id=document.doc_id, path=str(path), document=document, n_tables=len(tables))
    tagged = tag_blocks(document, nlp)
    result.entities = _span_records(document, tagged)
    for block, spacy_doc in tagged:
        if block.kind not in ROW_SOURCE_KINDS:
            continue
        for row in assemble_paragraph(document.doc_id, from_doc(spacy_doc, offset=block.start)):
            _locate_row(document, row)
            result.rows.append(row)
    for table in tables:
        result.rows.extend(rows_from_tables(document.doc_id, table.records()))
    if not is_pdf:  # tables pasted into a text input as tab-separated lines
        result.rows.extend(rows_from_tables(document.doc_id, pasted_table_records(document)))
    return result


def analyse_all(paths: list[str]) -> tuple[list[DocumentResult], list[str]]:
    """Every input; returns results and the one-line errors of the files that failed."""
    nlp = load_nlp()
    return run_batch(paths, lambda path: analyse(path, nlp))


def document_entities(path: Path, nlp=None) -> dict:
    """{"doc_id", "text", "spans"} of one input file (the `ents` command); offsets index
    `text`, which for a .txt input is the file's text exactly."""
    document = load_document(path)
    return {"doc_id": document.doc_id, "text": document.text,
            "spans": span_records(tag_blocks(document, nlp or load_nlp()))}


# ---------------------------------------------------------------- scores


def reference_spans(nlp, text: str, doc_id: str) -> list[tuple[int, int, str]]:
    """The pipeline's entities on a reference text, as the `ents` command tags a .txt file."""
    document = text_document(text, doc_id=doc_id, path=f"{doc_id}.txt")
    return [(s["start"], s["end"], s["label"]) for s in span_records(tag_blocks(document, nlp))]


def evaluate_corpus(annotations_dir: Path | None = None, doc_ids: list[str] | None = None,
                    pred_rows=None, nlp=None) -> dict:
    """Scores against the gold of `doc_ids` (default: all): the reference texts tagged, and
    `pred_rows` (default: the rows of those corpus PDFs, run here). Gold files are read and
    checked before anything slow."""
    gold = gold_for(annotations_dir, doc_ids)
    nlp = nlp or load_nlp()
    if pred_rows is None and gold["rows"] is not None:
        results = [analyse(CORPUS / f"{d}.pdf", nlp) for d in gold["documents"] if (CORPUS / f"{d}.pdf").exists()]
        pred_rows = rows_frame([row for r in results for row in r.rows])
    pred_spans = {d: reference_spans(nlp, gold["texts"][d], d) for d in gold["spans"]}
    return evaluate(gold, pred_spans, pred_rows)


def eval_main(coverage: bool = False, out_dir: Path = Path("outputs"), annotations_dir: Path | None = None,
              errors: bool = False) -> int:
    """The `eval` command: scores (written to out_dir), or the entity errors, or the
    coverage report of the gold."""
    if errors:
        gold = gold_for(annotations_dir)
        nlp = load_nlp()
        pred = {d: reference_spans(nlp, gold["texts"][d], d) for d in gold["spans"]}
        print("\n".join(entity_errors(gold["spans"], pred, gold["texts"])) or "no entity errors")
        return 0
    if coverage:
        print(coverage_report(annotations_dir))
        return 0
    metrics = evaluate_corpus(annotations_dir)
    write_metrics(metrics, out_dir)
    print(metrics_markdown(metrics))
    return 0


# ---------------------------------------------------------------- the main job


def run(paths: list[str], out_dir: Path) -> int:
    """The main job: analyse, validate, cross-check, score (where gold exists), then write."""
    results, errors = analyse_all(paths)
    rows = [row for r in results for row in r.rows]
    frame = rows_frame(rows)
    validation = validate_rows(frame[list(SPEC_COLUMNS)])
    frame["flags"] = validation.rows["flags"].values if len(frame) else []
    with_gold = sorted({r.doc_id for r in results} & set(gold_doc_ids()))
    metrics = evaluate_corpus(doc_ids=with_gold, pred_rows=frame) if with_gold else None
    outputs = RunOutputs(results=results, errors=errors, rows=frame, validation=validation,
                         checks=cross_check(rows), metrics=metrics)
    print(write_outputs(outputs, out_dir))
    return 1 if errors else 0
