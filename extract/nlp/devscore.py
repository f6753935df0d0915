"""Developer score of the nlp stage against the gold spans (annotations/spans/).

    python -m extract.nlp.devscore [--errors] [DOC_ID ...]

Runs the pipeline on each reference text as a whole (as `python -m extract eval` does),
and prints strict per-label precision/recall/F1 per document and overall; with
``--errors`` also every false positive / false negative with its context.
"""

from __future__ import annotations

import argparse
import json
from collections import Counter
from pathlib import Path

LABELS = ("TRIAL", "AGENT", "N", "AGE", "CR", "MRD", "OS")


def load_gold(path: Path) -> set[tuple[int, int, str]]:
    gold = set()
    for line in path.read_text(encoding="utf-8").splitlines():
        if not line.strip():
            continue
        rec = json.loads(line)
        for s in rec["spans"]:
            gold.add((rec["offset"] + s["start"], rec["offset"] + s["end"], s["label"]))
    return gold


def prf(tp: int, fp: int, fn: int) -> tuple[float, float, float]:
    p = tp / (tp + fp) if tp + fp else 0.0
    r = tp / (tp + fn) if tp + fn else 0.0
    return p, r, (2 * p * r / (p + r) if p + r else 0.0)


def score(gold: set, pred: set) -> dict[str, tuple[int, int, int]]:
    out = {}
    for label in LABELS:
        g = {s for s in gold if s[2] == label}
        p = {s for s in pred if s[2] == label}
        out[label] = (len(g & p), len(p - g), len(g - p))
    return out


def table(counts: dict[str, tuple[int, int, int]]) -> str:
    lines = [f"{'label':6} {'P':>6} {'R':>6} {'F1':>6} {'gold':>5} {'pred':>5}"]
    tot = [0, 0, 0]
    for label, (tp, fp, fn) in counts.items():
        p, r, f = prf(tp, fp, fn)
        tot = [tot[0] + tp, tot[1] + fp, tot[2] + fn]
        lines.append(f"{label:6} {p:6.3f} {r:6.3f} {f:6.3f} {tp + fn:5d} {tp + fp:5d}")
    p, r, f = prf(*tot)
    lines.append(f"{'micro':6} {p:6.3f} {r:6.3f} {f:6.3f} {tot[0] + tot[2]:5d} {tot[0] + tot[1]:5d}")
    return "\n".join(lines)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m extract.nlp.devscore")
    parser.add_argument("doc_ids", nargs="*")
    parser.add_argument("--errors", action="store_true")
    parser.add_argument("--annotations", default="annotations")
    args = parser.parse_args(argv)
    from extract.nlp.pipeline import build_nlp

    root = Path(args.annotations)
    doc_ids = args.doc_ids or sorted(p.stem for p in (root / "spans").glob("*.jsonl"))
    nlp = build_nlp()
    total: Counter = Counter()
    all_counts: dict[str, list[int]] = {label: [0, 0, 0] for label in LABELS}
    for doc_id in doc_ids:
        text = (root / "text" / f"{doc_id}.reference.txt").read_text(encoding="utf-8")
        gold = load_gold(root / "spans" / f"{doc_id}.jsonl")
        pred = {(e.start_char, e.end_char, e.label_) for e in nlp(text).ents}
        counts = score(gold, pred)
        print(f"== {doc_id}\n{table(counts)}\n")
        for label, c in counts.items():
            all_counts[label] = [a + b for a, b in zip(all_counts[label], c)]
        if args.errors:
            for kind, spans in (("FP", pred - gold), ("FN", gold - pred)):
                for s, e, label in sorted(spans):
                    ctx = text[max(0, s - 60):s] + "[[" + text[s:e] + "]]" + text[e:e + 40]
                    print(f"{kind} {label:5} {ctx!r}")
            print()
        total.update()
    print(f"== overall\n{table({k: tuple(v) for k, v in all_counts.items()})}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
