"""Throughput of the nlp stage: sentences per second on one core.

    python bench/bench_nlp.py [--repeat N] [FILES ...]

Runs `nlp.pipe` over the corpus reference texts (annotations/text/*.reference.txt by
default), after one warm-up pass, and reports sentences per second both in CPU time of
this process (one core: the pipeline is single-threaded) and in wall time.
"""

from __future__ import annotations

import argparse
import glob
import json
import os
import time


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("files", nargs="*")
    parser.add_argument("--repeat", type=int, default=5)
    args = parser.parse_args(argv)
    os.environ.setdefault("OMP_NUM_THREADS", "1")
    from extract.nlp.pipeline import build_nlp

    files = args.files or sorted(glob.glob("annotations/text/*.reference.txt"))
    texts = [open(f, encoding="utf-8").read() for f in files]
    t0 = time.perf_counter()
    nlp = build_nlp()
    build_s = time.perf_counter() - t0
    n_sents = sum(len(list(doc.sents)) for doc in nlp.pipe(texts))  # warm-up + count
    cpu, wall = [], []
    for _ in range(args.repeat):
        c, w = time.process_time(), time.perf_counter()
        for doc in nlp.pipe(texts):
            pass
        cpu.append(time.process_time() - c)
        wall.append(time.perf_counter() - w)
    result = {
        "files": len(files),
        "chars": sum(map(len, texts)),
        "sentences": n_sents,
        "build_s": round(build_s, 3),
        "best_cpu_s": round(min(cpu), 4),
        "best_wall_s": round(min(wall), 4),
        "sentences_per_s_cpu": round(n_sents / min(cpu)),
        "sentences_per_s_wall": round(n_sents / min(wall)),
        "chars_per_s_cpu": round(sum(map(len, texts)) / min(cpu)),
    }
    print(json.dumps(result, indent=2))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
