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

from extract.pipeline import load_document

ROOT = Path(__file__).resolve().parents[1]


def time_pdfplumber(path: Path) -> tuple[float, float, int]:
    """(wall seconds, CPU seconds, pages) of bare pdfplumber text extraction."""
    wall, cpu = time.perf_counter(), time.process_time()
    with pdfplumber.open(path) as pdf:
        for page in pdf.pages:
            page.extract_text()
        n_pages = len(pdf.pages)
    return time.perf_counter() - wall, time.process_time() - cpu, n_pages


def time_read_pdf(path: Path) -> tuple[float, float]:
    """(wall seconds, CPU seconds) of the text layer."""
    wall, cpu = time.perf_counter(), time.process_time()
    load_document(path)
    return time.perf_counter() - wall, time.process_time() - cpu


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("pdfs", nargs="*", type=Path)
    parser.add_argument("--repeat", type=int, default=5)
    args = parser.parse_args()
    pdfs = args.pdfs or sorted((ROOT / "corpus").glob("*.pdf"))
    repeat = max(3, args.repeat)

    # CPU time is reported beside wall time: on a shared machine it is the steadier ratio.
    print(f"median of {repeat} runs, seconds per page")
    print()
    print("| PDF | pages | pdfplumber wall | read_pdf wall | ratio wall | pdfplumber CPU | read_pdf CPU | ratio CPU |")
    print("|---|---:|---:|---:|---:|---:|---:|---:|")
    for path in pdfs:
        base_wall, base_cpu, ours_wall, ours_cpu = [], [], [], []
        n_pages = 1
        for _ in range(repeat):
            wall, cpu, n_pages = time_pdfplumber(path)
            base_wall.append(wall)
            base_cpu.append(cpu)
            wall, cpu = time_read_pdf(path)
            ours_wall.append(wall)
            ours_cpu.append(cpu)
        bw, ow = statistics.median(base_wall) / n_pages, statistics.median(ours_wall) / n_pages
        bc, oc = statistics.median(base_cpu) / n_pages, statistics.median(ours_cpu) / n_pages
        print(f"| {path.name} | {n_pages} | {bw:.3f} | {ow:.3f} | {ow / bw:.2f} | {bc:.3f} | {oc:.3f} | {oc / bc:.2f} |")


if __name__ == "__main__":
    main()
