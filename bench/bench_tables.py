"""Seconds per page: read_tables (ours) vs pdfplumber's page.extract_tables(), same run.

Usage: python bench/bench_tables.py [PDF ...]   (default: corpus/*.pdf)
"""

from __future__ import annotations

import sys
import time
from pathlib import Path

import pdfplumber

from extract.pdf.tables import find_table_regions, read_tables


def bench(path: Path) -> dict:
    with pdfplumber.open(path) as pdf:
        n_pages = len(pdf.pages)
        t0 = time.perf_counter()
        plumber = sum(len(p.extract_tables()) for p in pdf.pages)
        t_plumber = time.perf_counter() - t0
    with pdfplumber.open(path) as pdf:
        t0 = time.perf_counter()
        regions = sum(len(find_table_regions(p)) for p in pdf.pages)
        t_regions = time.perf_counter() - t0
    t0 = time.perf_counter()
    tables = read_tables(path)
    t_ours = time.perf_counter() - t0
    return {"file": path.name, "pages": n_pages, "tables": len(tables), "regions": regions,
            "plumber_tables": plumber, "read_tables_s_per_page": t_ours / n_pages,
            "find_table_regions_s_per_page": t_regions / n_pages,
            "extract_tables_s_per_page": t_plumber / n_pages}


def main(argv: list[str]) -> None:
    paths = [Path(a) for a in argv] or sorted(Path("corpus").glob("*.pdf"))
    for path in paths:
        r = bench(path)
        print(f"{r['file']}: {r['pages']} pages; read_tables {r['read_tables_s_per_page']:.3f} s/page "
              f"({r['tables']} tables); find_table_regions {r['find_table_regions_s_per_page']:.3f} s/page; "
              f"pdfplumber extract_tables {r['extract_tables_s_per_page']:.3f} s/page "
              f"({r['plumber_tables']} tables)")


if __name__ == "__main__":
    main(sys.argv[1:])
