"""Scale and speed of the main job, whole process (`python -m extract run`, start-up,
validation, scoring and export included), against bare pdfplumber `extract_text()` on the
same PDFs, each measured in the same session so ratios compare like with like.

* corpus: the 2 corpus PDFs (24 pages), `-j 1` and `-j 2`, each a fresh store, against a
  fresh process that imports pdfplumber and calls `page.extract_text()` on every page;
* scale: N PDFs (copies of the corpus PDFs, each made distinct by a trailing PDF comment,
  so its sha256 and doc_id differ; checked to parse to the same text) for each N of
  --sizes, at each -j of --jobs: wall seconds, seconds per page, peak RSS of the run
  process and of its largest worker (sampled every 0.1 s with psutil), and the store's
  own per-document seconds per page for the first and the last tenth of the documents
  (a rise would mean the run slows as it grows).

    python bench/bench_scale.py [--sizes 10 50] [--jobs 1 2] [--bare-max 50]

The machine may be shared: timings are noisy, ratios within one session are the figures.
"""

from __future__ import annotations

import argparse
import sqlite3
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import psutil
from bench_refresh import ROOT, make_corpus

BARE = """
import sys, pdfplumber
pages = 0
for path in sys.argv[1:]:
    with pdfplumber.open(path) as pdf:
        for page in pdf.pages:
            page.extract_text()
            pages += 1
print(pages)
"""


def _tree_rss(process: psutil.Process) -> tuple[int, int]:
    """(RSS of the process, largest RSS among its descendants), bytes."""
    try:
        own = process.memory_info().rss
        children = process.children(recursive=True)
    except psutil.Error:
        return 0, 0
    worst = 0
    for child in children:
        try:
            worst = max(worst, child.memory_info().rss)
        except psutil.Error:
            continue
    return own, worst


def measured(command: list[str]) -> dict:
    """Wall seconds and peak RSS (the process, its largest descendant) of one command."""
    start = time.perf_counter()
    proc = subprocess.Popen(command, cwd=ROOT, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
    handle = psutil.Process(proc.pid)
    peak_own = peak_worker = 0
    while proc.poll() is None:
        own, worker = _tree_rss(handle)
        peak_own, peak_worker = max(peak_own, own), max(peak_worker, worker)
        time.sleep(0.1)
    seconds = time.perf_counter() - start
    stdout, stderr = proc.communicate()
    if proc.returncode not in (0, 3):  # 3: validation flagged rows (copies may be flagged as the corpus is not)
        raise SystemExit(f"{' '.join(command[:6])} ... failed ({proc.returncode}): {stderr.strip()[-800:]}")
    return {"seconds": seconds, "rss_parent_mib": peak_own / 2**20, "rss_worker_mib": peak_worker / 2**20,
            "stdout": stdout}


def bare_pdfplumber(pdfs: list[Path]) -> dict:
    return measured([sys.executable, "-c", BARE, *map(str, pdfs)])


def extract_run(inputs: list[Path] | Path, out: Path, jobs: int) -> dict:
    paths = [str(p) for p in inputs] if isinstance(inputs, list) else [str(inputs)]
    return measured([sys.executable, "-m", "extract", "run", *paths, "-o", str(out), "-j", str(jobs), "--quiet"])


def per_page_drift(store: Path) -> tuple[float, float]:
    """Seconds per page the run spent on its first and its last tenth of documents (the
    store records each document's analysis time; with -j N these are worker seconds)."""
    conn = sqlite3.connect(store)
    try:
        rows = conn.execute("SELECT seconds, pages FROM analyses ORDER BY analysis_id").fetchall()
    finally:
        conn.close()
    tenth = max(1, len(rows) // 10)

    def rate(part):
        return sum(s for s, _ in part) / max(1, sum(p for _, p in part))

    return rate(rows[:tenth]), rate(rows[-tenth:])


def check_copies_parse_alike(copies: list[Path]) -> None:
    """A trailing comment changes the bytes, not what pdfplumber reads."""
    import pdfplumber  # lazy: only the check needs it in this process

    originals = {p.stem: p for p in (ROOT / "corpus").glob("*.pdf")}
    for copy in copies[:len(originals)]:
        original = originals[copy.stem.rsplit("-copy", 1)[0]]
        with pdfplumber.open(original) as a, pdfplumber.open(copy) as b:
            assert [p.extract_text() for p in a.pages] == [p.extract_text() for p in b.pages], copy
        assert copy.read_bytes() != original.read_bytes()


def corpus_figures(tmp: Path, jobs: list[int]) -> list[str]:
    pdfs = sorted((ROOT / "corpus").glob("*.pdf"))
    bare = bare_pdfplumber(pdfs)
    pages = int(bare["stdout"].strip())
    lines = [f"### corpus ({len(pdfs)} PDFs, {pages} pages), whole process", "",
             "| command | seconds | × bare pdfplumber | peak RSS run / worker (MiB) |", "|---|---|---|---|",
             f"| bare pdfplumber extract_text | {bare['seconds']:.2f} | 1.00 | {bare['rss_parent_mib']:.0f} / - |"]
    for j in jobs:
        got = extract_run(pdfs, tmp / f"corpus-j{j}", j)
        lines.append(f"| run -j {j} | {got['seconds']:.2f} | {got['seconds'] / bare['seconds']:.2f} | "
                     f"{got['rss_parent_mib']:.0f} / {got['rss_worker_mib']:.0f} |")
    return lines + [""]


def scale_figures(tmp: Path, sizes: list[int], jobs: list[int], bare_max: int) -> list[str]:
    header = ("| PDFs | pages | command | seconds | s/page | × bare | speed-up vs -j 1 | peak RSS run / worker (MiB) "
              "| analysis s/page first / last tenth |")
    lines = ["### N copies of the corpus PDFs, whole process", "", header, "|---|---|---|---|---|---|---|---|---|"]
    for n in sizes:
        inputs = tmp / f"in-{n}"
        copies = make_corpus(inputs, n)
        check_copies_parse_alike(copies)
        bare = bare_pdfplumber(copies) if n <= bare_max else None
        pages = int(bare["stdout"].strip()) if bare else None
        if bare:
            lines.append(f"| {n} | {pages} | bare pdfplumber | {bare['seconds']:.1f} | {bare['seconds'] / pages:.3f} "
                         f"| 1.00 | | {bare['rss_parent_mib']:.0f} / - | |")
        first = None
        for j in jobs:
            out = tmp / f"out-{n}-j{j}"
            got = extract_run(inputs, out, j)
            pages = pages or _pages(out)
            first = first or got["seconds"]
            drift = per_page_drift(out / "evidence.sqlite")
            ratio = f"{got['seconds'] / bare['seconds']:.2f}" if bare else "-"
            lines.append(f"| {n} | {pages} | run -j {j} | {got['seconds']:.1f} | {got['seconds'] / pages:.3f} | {ratio} "
                         f"| {first / got['seconds']:.2f} | {got['rss_parent_mib']:.0f} / {got['rss_worker_mib']:.0f} "
                         f"| {drift[0]:.3f} / {drift[1]:.3f} |")
            print(lines[-1], flush=True)
    return lines + [""]


def _pages(out: Path) -> int:
    conn = sqlite3.connect(out / "evidence.sqlite")
    try:
        return conn.execute("SELECT SUM(pages) FROM analyses").fetchone()[0]
    finally:
        conn.close()


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--sizes", type=int, nargs="*", default=[10, 50])
    parser.add_argument("--jobs", type=int, nargs="*", default=[1, 2])
    parser.add_argument("--bare-max", type=int, default=50, help="largest N also read by bare pdfplumber")
    parser.add_argument("--no-corpus", action="store_true", help="skip the corpus comparison")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory(prefix="bench-scale-") as tmp:
        tmp = Path(tmp)
        lines = [] if args.no_corpus else corpus_figures(tmp, args.jobs)
        if lines:
            print("\n".join(lines), flush=True)
        lines += scale_figures(tmp, args.sizes, args.jobs, args.bare_max)
    print("\n".join(lines))


if __name__ == "__main__":
    main()
