"""Seconds per page of the text layer (`read_pdf`) against bare pdfplumber
(`page.extract_text()` on every page), measured in the same run on the corpus PDFs.

Each measurement opens the file afresh (both sides pay parsing); each is repeated
`--repeat` times (default 5, at least 3) in alternation and the median is reported.

    /work/venv/bin/python bench/bench_text.py [PDF ...] [--repeat N]
"""

from __future__ import annotations

import argparse
import statistics
import time
from pathlib import Path

import pdfplumber

from extract.pdf.reader import read_pdf

ROOT = Path(__file__).resolve().parents[1]


def time_pdfplumber(path: Path) -> tuple[float, int]:
    start = time.perf_counter()
    with pdfplumber.open(path) as pdf:
        for page in pdf.pages:
            page.extract_text()
        n_pages = len(pdf.pages)
    return time.perf_counter() - start, n_pages


def time_read_pdf(path: Path) -> float:
    start = time.perf_counter()
    read_pdf(path)
    return time.perf_counter() - start


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("pdfs", nargs="*", type=Path)
    parser.add_argument("--repeat", type=int, default=5)
    args = parser.parse_args()
    pdfs = args.pdfs or sorted((ROOT / "corpus").glob("*.pdf"))
    repeat = max(3, args.repeat)

    print("| PDF | pages | pdfplumber extract_text s/page | read_pdf s/page | ratio |")
    print("|---|---:|---:|---:|---:|")
    for path in pdfs:
        base, ours = [], []
        n_pages = 1
        for _ in range(repeat):
            seconds, n_pages = time_pdfplumber(path)
            base.append(seconds)
            ours.append(time_read_pdf(path))
        base_pp = statistics.median(base) / n_pages
        ours_pp = statistics.median(ours) / n_pages
        print(f"| {path.name} | {n_pages} | {base_pp:.3f} | {ours_pp:.3f} | {ours_pp / base_pp:.2f} |")


if __name__ == "__main__":
    main()
