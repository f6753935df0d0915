"""Seconds per page: read_tables (ours) vs pdfplumber's page.extract_tables(), same run.

Each measure opens the PDF afresh (so PDF parsing is counted in both) and is repeated;
the best of the repeats is reported, since other work on the machine only adds time.
Usage: python bench/bench_tables.py [--repeat N] [PDF ...]   (default: corpus/*.pdf)
"""

from __future__ import annotations

import argparse
import time
from pathlib import Path

import pdfplumber

from extract.tables.read import find_table_regions, read_tables


def _plumber(path: Path) -> int:
    with pdfplumber.open(path) as pdf:
        return sum(len(p.extract_tables()) for p in pdf.pages)


def _regions(path: Path) -> int:
    with pdfplumber.open(path) as pdf:
        return sum(len(find_table_regions(p)) for p in pdf.pages)


def _best(func, path: Path, repeat: int) -> tuple[float, int]:
    times, result = [], 0
    for _ in range(repeat):
        t0 = time.perf_counter()
        result = func(path)
        times.append(time.perf_counter() - t0)
    return min(times), result


def bench(path: Path, repeat: int = 3) -> dict:
    with pdfplumber.open(path) as pdf:
        n_pages = len(pdf.pages)
    t_plumber, n_plumber = _best(_plumber, path, repeat)
    t_regions, n_regions = _best(_regions, path, repeat)
    t_ours, n_tables = _best(lambda p: len(read_tables(p)), path, repeat)
    return {"file": path.name, "pages": n_pages, "tables": n_tables, "regions": n_regions,
            "plumber_tables": n_plumber, "read_tables_s_per_page": t_ours / n_pages,
            "find_table_regions_s_per_page": t_regions / n_pages,
            "extract_tables_s_per_page": t_plumber / n_pages}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("pdfs", nargs="*")
    parser.add_argument("--repeat", type=int, default=3)
    args = parser.parse_args()
    paths = [Path(a) for a in args.pdfs] or sorted(Path("corpus").glob("*.pdf"))
    for path in paths:
        r = bench(path, args.repeat)
        print(f"{r['file']}: {r['pages']} pages; read_tables {r['read_tables_s_per_page']:.3f} s/page "
              f"({r['tables']} tables); find_table_regions {r['find_table_regions_s_per_page']:.3f} s/page "
              f"({r['regions']} regions); pdfplumber extract_tables {r['extract_tables_s_per_page']:.3f} s/page "
              f"({r['plumber_tables']} tables)")


if __name__ == "__main__":
    main()
