"""Seconds per page of the whole main job per stage, against bare pdfplumber text
extraction of the same PDFs, measured in the same run.

Stages timed per document: text layer (`read_pdf`, opening the PDF), tables
(`read_tables` on the same open PDF, as `run` does), nlp
(tagging every block), rows (assembly); plus the validation suite on all rows.

    python bench/bench_pipeline.py [PDF ...] [--repeat N]
"""

from __future__ import annotations

import argparse
import statistics
import time
from pathlib import Path

import pdfplumber

from extract.nlp.pipeline import load_nlp
from extract.pdf.opening import open_pdf
from extract.nlp.entities import tag_blocks
from extract.pipeline import load_document, text_rows
from extract.rows.schema import rows_frame
from extract.tables.read import read_tables
from extract.validate import validate_rows

ROOT = Path(__file__).resolve().parents[1]


def _timed(fn, *args):
    start = time.perf_counter()
    value = fn(*args)
    return time.perf_counter() - start, value


def bare_pdfplumber(path: Path) -> int:
    with pdfplumber.open(path) as pdf:
        for page in pdf.pages:
            page.extract_text()
        return len(pdf.pages)


def one_pass(paths: list[Path], nlp) -> dict:
    times = {"pdfplumber extract_text": 0.0, "text layer": 0.0, "tables": 0.0, "nlp": 0.0, "rows": 0.0,
             "validation": 0.0}
    rows, pages = [], 0
    for path in paths:
        seconds, n_pages = _timed(bare_pdfplumber, path)
        times["pdfplumber extract_text"] += seconds
        pages += n_pages
        # as the main job does: one parse of the PDF shared by text layer and tables
        start = time.perf_counter()
        with open_pdf(path) as pdf:
            document = load_document(path, pdf)
            times["text layer"] += time.perf_counter() - start
            seconds, _ = _timed(read_tables, path, pdf)
            times["tables"] += seconds
        seconds, tagged = _timed(tag_blocks, document, nlp)
        times["nlp"] += seconds
        seconds, text = _timed(text_rows, document.doc_id, tagged)
        rows.extend(text)
        times["rows"] += seconds
    seconds, _ = _timed(validate_rows, rows_frame(rows))
    times["validation"] += seconds
    return {"times": times, "pages": pages}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("pdfs", nargs="*", type=Path)
    parser.add_argument("--repeat", type=int, default=3)
    args = parser.parse_args()
    paths = args.pdfs or sorted((ROOT / "corpus").glob("*.pdf"))
    nlp = load_nlp()
    passes = [one_pass(paths, nlp) for _ in range(max(args.repeat, 1))]
    pages = passes[0]["pages"]
    print(f"{len(paths)} PDFs, {pages} pages, median of {len(passes)} runs, one process\n")
    print("| stage | s/page | × pdfplumber extract_text |")
    print("|---|---|---|")
    bare = statistics.median(p["times"]["pdfplumber extract_text"] for p in passes) / pages
    total = 0.0
    for stage in passes[0]["times"]:
        per_page = statistics.median(p["times"][stage] for p in passes) / pages
        if stage != "pdfplumber extract_text":
            total += per_page
        print(f"| {stage} | {per_page:.3f} | {per_page / bare:.2f} |")
    print(f"| **whole job** (all stages but the bare baseline) | {total:.3f} | {total / bare:.2f} |")


if __name__ == "__main__":
    main()
