"""`extract run` as it would be with the rows stage read per document (extract.rows.document
`assemble_document`, headings and titles as context) instead of per block: the measure of
the change proposed for `pipeline.analyse` (issue #10, document scope). Delete this script
once `pipeline.analyse` calls `assemble_document`.

Usage: python bench/run_document_scope.py INPUT... OUT_DIR   (same outputs as `extract run`)
e.g. python bench/run_document_scope.py /tmp/rows-dev/in /tmp/ds-dev, then
     python ../shared/devset/score_rows.py ../shared/devset/rows.csv /tmp/ds-dev/rows.csv
"""
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))  # this checkout's package
import extract.pipeline as P
from extract.rows.document import Paragraph, assemble_document
from extract.rows.mentions import from_doc

def analyse(path, nlp):
    """`pipeline.analyse`, the rows of the text read by `assemble_document`."""
    is_pdf = path.suffix.lower() == ".pdf"
    pdf = P.open_pdf(path) if is_pdf else None
    try:
        document = P.load_document(path, pdf)
        tables = P.read_tables(path, pdf) if is_pdf else []
    finally:
        if pdf is not None:
            pdf.close()
    result = P.DocumentResult(doc_id=document.doc_id, path=str(path), document=document, n_tables=len(tables))
    tagged = P.tag_blocks(document, nlp)
    result.entities = P._span_records(document, tagged)
    paragraphs = [Paragraph(from_doc(d, offset=b.start), rows=b.kind in P.ROW_SOURCE_KINDS) for b, d in tagged]
    for row in assemble_document(document.doc_id, paragraphs):
        P._locate_row(document, row)
        result.rows.append(row)
    for table in tables:
        result.rows.extend(P.rows_from_tables(document.doc_id, table.records()))
    if not is_pdf:
        result.rows.extend(P.rows_from_tables(document.doc_id, P.pasted_table_records(document)))
    return result

P.analyse = analyse
sys.exit(P.run(sys.argv[1:-1], Path(sys.argv[-1])))
