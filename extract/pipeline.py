"""The main job: inputs -> document -> tables + entities -> rows -> validation -> outputs.

Each document is processed on its own (`inputs.run_batch`): a bad file is reported in one
line and the batch goes on. Outputs are written only at the end, each by write-then-rename.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

from extract.inputs import load_document, pasted_table_records, run_batch
from extract.pdf.model import Block, Document
from extract.pdf.opening import open_pdf
from extract.pdf.reader import read_pdf
from extract.pdf.tables import read_tables
from extract.nlp.entities import span_records, tag_blocks
from extract.rows.assemble import assemble_paragraph
from extract.rows.from_tables import rows_from_tables
from extract.rows.mentions import from_doc
from extract.rows.schema import SPEC_COLUMNS, EvidenceRow, format_bbox, rows_frame

ROW_SOURCE_KINDS = frozenset({"paragraph", "caption", "title"})


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
        document = read_pdf(path, pdf) if is_pdf else load_document(path)
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
    from extract.nlp.pipeline import load_nlp

    nlp = load_nlp()
    return run_batch(paths, lambda path: analyse(path, nlp))


def run(paths: list[str], out_dir: Path) -> int:
    """The main job: analyse, validate, cross-check, score (where gold exists), then write."""
    from extract.evaluate import evaluate, gold_doc_ids
    from extract.report import RunOutputs, write_outputs
    from extract.rows.crosscheck import cross_check
    from extract.validate import validate_rows

    results, errors = analyse_all(paths)
    rows = [row for r in results for row in r.rows]
    frame = rows_frame(rows)
    validation = validate_rows(frame[list(SPEC_COLUMNS)])
    frame["flags"] = validation.rows["flags"].values if len(frame) else []
    with_gold = sorted({r.doc_id for r in results} & set(gold_doc_ids()))
    metrics = evaluate(pred_rows=frame, doc_ids=with_gold) if with_gold else None
    outputs = RunOutputs(results=results, errors=errors, rows=frame, validation=validation,
                         checks=cross_check(rows), metrics=metrics)
    print(write_outputs(outputs, out_dir))
    return 1 if errors else 0
