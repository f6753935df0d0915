"""Time and peak memory of `python -m extract run` on long generated texts: the whole job
must grow in proportion to the input (no per-entity scans of all blocks, no per-block
recompiles), so seconds per MB stay about the same from the smallest size to the largest.

    python bench/bench_long_text.py [--sizes 0.25,1,4]   (sizes in MB)

Each size is a fresh process (start-up included, reported apart by the smallest run's
intercept); the text repeats invented result paragraphs with distinct trial names, so the
document-wide trial context grows with the text as in the worst real case.
"""

from __future__ import annotations

import argparse
import resource
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
PARAGRAPH = ("In the phase 2 ALPHA-{i} trial, {n} patients (median age, 51 years; range, 19 to 77 years) received "
             "blinatumomab. The CR rate was 83% and the MRD negativity rate was 76%. The 2-year OS rate was 64%.\n\n")


def write_text(path: Path, size: int) -> None:
    parts, total, i = [], 0, 0
    while total < size:
        part = PARAGRAPH.format(i=i, n=20 + i % 50)
        parts.append(part)
        total += len(part)
        i += 1
    path.write_text("".join(parts), encoding="utf-8")


def run_once(path: Path, out: Path) -> tuple[float, float]:
    """Wall seconds and peak resident MB of one `run` process."""
    before = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss
    started = time.perf_counter()
    subprocess.run([sys.executable, "-m", "extract", "run", str(path), "-o", str(out)], cwd=ROOT, check=True,
                   capture_output=True)
    seconds = time.perf_counter() - started
    peak = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss
    return seconds, max(peak, before) / 1024


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--sizes", default="0.25,1,4", help="text sizes in MB, comma-separated")
    args = parser.parse_args()
    sizes = [float(s) for s in args.sizes.split(",")]
    print("| text | wall s | s per MB | peak RSS MB (largest child so far) |")
    print("|---|---|---|---|")
    with tempfile.TemporaryDirectory() as tmp:
        for mb in sizes:
            path = Path(tmp) / f"long-{mb}.txt"
            write_text(path, int(mb * 1_000_000))
            seconds, peak = run_once(path, Path(tmp) / f"out-{mb}")
            print(f"| {mb:g} MB | {seconds:.1f} | {seconds / mb:.1f} | {peak:.0f} |")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
