"""What a refresh costs, whole process (`python -m extract run`, start-up included), on a
corpus of N PDFs made at bench time by copying the corpus PDFs under new names, each copy
made a distinct file by a trailing PDF comment (so a different sha256 and doc_id):

* cold: a fresh output folder and store, every document read;
* refresh, nothing changed: the same inputs again (target: at most 5 % of cold);
* add one paper: one more PDF beside the N (target: about the cost of one paper, i.e. the
  nothing-changed refresh plus one document's reading; compared with a cold run of that
  one paper alone and with cold / N);
* change one paper: one of the N edited (another trailing comment).

    python bench/bench_refresh.py [--docs 12] [--repeat 3]

Timings are wall seconds of the subprocess, median of --repeat for the cheap runs.
"""

from __future__ import annotations

import argparse
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]


def make_corpus(folder: Path, n: int) -> list[Path]:
    """n PDFs: the corpus PDFs copied in turn, each with its own trailing comment."""
    sources = sorted((ROOT / "corpus").glob("*.pdf"))
    folder.mkdir(parents=True, exist_ok=True)
    made = []
    for i in range(n):
        source = sources[i % len(sources)]
        target = folder / f"{source.stem}-copy{i + 1:02d}.pdf"
        target.write_bytes(source.read_bytes() + f"\n% bench copy {i + 1}\n".encode())
        made.append(target)
    return made


def timed_run(inputs: Path | list[Path], out: Path, *extra: str) -> float:
    paths = [str(p) for p in inputs] if isinstance(inputs, list) else [str(inputs)]
    start = time.perf_counter()
    done = subprocess.run([sys.executable, "-m", "extract", "run", *paths, "-o", str(out), *extra], cwd=ROOT,
                          capture_output=True, text=True)
    seconds = time.perf_counter() - start
    if done.returncode != 0:
        raise SystemExit(f"run failed ({done.returncode}): {done.stderr.strip()[-500:]}")
    return seconds


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--docs", type=int, default=12)
    parser.add_argument("--repeat", type=int, default=3)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory(prefix="bench-refresh-") as tmp:
        tmp = Path(tmp)
        inputs, out = tmp / "in", tmp / "out"
        make_corpus(inputs, args.docs)
        cold = timed_run(inputs, out)
        same = statistics.median(timed_run(inputs, out) for _ in range(args.repeat))

        # papers not among the N, a new one each time (a paper added back would come from the store)
        extras = make_corpus(tmp / "extra", args.docs + args.repeat)[args.docs:]
        added = []
        for extra in extras:
            shutil.copy(extra, inputs / extra.name)
            added.append(timed_run(inputs, out))
            (inputs / extra.name).unlink()
            timed_run(inputs, out)  # back to N
        one_alone = statistics.median(timed_run([extra], tmp / f"alone-{extra.stem}") for extra in extras)

        changed = []
        victim = sorted(inputs.glob("*.pdf"))[0]
        original = victim.read_bytes()
        for i in range(args.repeat):
            victim.write_bytes(original + f"% edit {i}\n".encode())
            changed.append(timed_run(inputs, out))
        victim.write_bytes(original)

    add, change = statistics.median(added), statistics.median(changed)
    print(f"{args.docs} PDFs (corpus copies), whole process `python -m extract run`, wall seconds "
          f"(median of {args.repeat} where repeated)\n")
    print("| run | seconds | note |")
    print("|---|---|---|")
    print(f"| cold (fresh store, all {args.docs} read) | {cold:.2f} | {cold / args.docs:.2f} s per document |")
    print(f"| refresh, nothing changed | {same:.2f} | {100 * same / cold:.1f} % of cold (target ≤ 5 %) |")
    print(f"| add one paper to {args.docs} | {add:.2f} | {add - same:.2f} s over the nothing-changed refresh |")
    print(f"| that paper alone, cold | {one_alone:.2f} | add-one / alone = {add / one_alone:.2f} |")
    print(f"| change one paper of {args.docs} | {change:.2f} | {change - same:.2f} s over the nothing-changed refresh |")


if __name__ == "__main__":
    main()
