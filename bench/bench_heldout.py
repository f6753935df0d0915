"""Held-out benchmark: run the pipeline on bench/heldout/texts/ and score it against the
hand-written gold in bench/heldout/ (spans.jsonl, rows.csv) with extract.evaluate.scoring.

Usage: python bench/bench_heldout.py [--keep OUTDIR] [--json FILE]
"""
from __future__ import annotations

import argparse
import csv
import json
import subprocess
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
HELD = ROOT / "bench" / "heldout"
sys.path.insert(0, str(ROOT))

from extract.rows.schema import comparable  # noqa: E402
from extract.evaluate.scoring import score_entities, score_rows  # noqa: E402
from extract.types import ROW_FIELDS  # noqa: E402

LABELS = ["TRIAL", "AGENT", "N", "AGE", "CR", "MRD", "OS"]


def load_gold():
    spans = {}
    for line in (HELD / "spans.jsonl").read_text(encoding="utf-8").splitlines():
        if line.strip():
            obj = json.loads(line)
            spans[obj["doc_id"]] = [(s["start"], s["end"], s["label"]) for s in obj["spans"]]
    with open(HELD / "rows.csv", newline="", encoding="utf-8") as fh:
        rows = list(csv.DictReader(fh))
    return spans, rows


def run_pipeline(out: Path):
    cmd = [sys.executable, "-m", "extract", "run", str(HELD / "texts"), "-o", str(out)]
    proc = subprocess.run(cmd, cwd=ROOT, capture_output=True, text=True)
    if proc.returncode != 0:
        sys.stderr.write(proc.stdout + proc.stderr)
        raise SystemExit(f"pipeline failed ({proc.returncode})")
    print(proc.stdout.strip().splitlines()[-1] if proc.stdout.strip() else "(no output)")
    pred_spans, texts = {}, {}
    for line in (out / "entities.jsonl").read_text(encoding="utf-8").splitlines():
        if line.strip():
            obj = json.loads(line)
            pred_spans[obj["doc_id"]] = [(s["start"], s["end"], s["label"]) for s in obj["spans"]]
            texts[obj["doc_id"]] = obj.get("text", "")
    with open(out / "rows.csv", newline="", encoding="utf-8") as fh:
        pred_rows = list(csv.DictReader(fh))
    return pred_spans, pred_rows, texts


def unique_offsets(per_doc: dict, docs: list) -> list:
    """Offsets made unique across documents (the scorer works on one document's offsets)."""
    out = []
    for k, doc in enumerate(docs):
        base = k * 10_000_000
        out += [(s + base, e + base, lab) for s, e, lab in per_doc.get(doc, [])]
    return out


def fmt(d):
    return f"P {d['precision']:.3f}  R {d['recall']:.3f}  F1 {d['f1']:.3f}  (tp {d['tp']}, fp {d['fp']}, fn {d['fn']})"


def row_str(r):
    keys = [k for k in ROW_FIELDS if comparable(k, r.get(k)) is not None]
    return ", ".join(f"{k}={r.get(k)}" for k in keys) or "(empty)"


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--keep", help="write the pipeline outputs here instead of a temporary folder")
    ap.add_argument("--json", help="also write the scores as JSON to this file")
    args = ap.parse_args()

    gold_spans, gold_rows = load_gold()
    docs = sorted(gold_spans)
    with tempfile.TemporaryDirectory() as tmp:
        out = Path(args.keep) if args.keep else Path(tmp)
        out.mkdir(parents=True, exist_ok=True)
        pred_spans, pred_rows, _ = run_pipeline(out)
    texts = {d: (HELD / "texts" / f"{d}.txt").read_text(encoding="utf-8") for d in docs}
    missing = [d for d in docs if d not in pred_spans]
    if missing:
        print("documents without pipeline output:", missing)

    # ---- entities
    ent = score_entities(unique_offsets(gold_spans, docs), unique_offsets(pred_spans, docs))
    print(f"\n== Entities ({len(docs)} held-out texts, {sum(map(len, gold_spans.values()))} gold spans)")
    print(f"{'label':6} | {'strict P/R/F1':22} | {'lenient P/R/F1':22} | gold pred")
    for lab in LABELS + ["micro"]:
        s, l = ent["strict"].get(lab), ent["lenient"].get(lab)
        if s is None:
            continue
        print(f"{lab:6} | {s['precision']:.3f} {s['recall']:.3f} {s['f1']:.3f}      | "
              f"{l['precision']:.3f} {l['recall']:.3f} {l['f1']:.3f}      | {s['tp'] + s['fn']:4} {s['tp'] + s['fp']:4}")

    # ---- rows
    pred_rows = [r for r in pred_rows if r.get("doc_id") in set(docs)]
    rows = score_rows(gold_rows, pred_rows)
    print(f"\n== Rows (gold {rows['n_gold']}, predicted {rows['n_pred']}, aligned {rows['n_aligned']})")
    for name in ROW_FIELDS:
        print(f"{name:17} {fmt(rows['fields'][name])}")
    print(f"{'overall':17} {fmt(rows['overall'])}")
    print(f"exact rows: {rows['exact_rows']:.3f} ({round(rows['exact_rows'] * rows['n_gold'])}/{rows['n_gold']})")

    # ---- differences
    print("\n== Entity differences (strict): - gold only, + predicted only, ~ same text other label/bounds")
    for d in docs:
        g, p = set(gold_spans.get(d, [])), set(pred_spans.get(d, []))
        lines = []
        for s, e, lab in sorted(g - p):
            lines.append((s, f"  - {lab:5} {texts[d][s:e]!r} [{s}:{e}]"))
        for s, e, lab in sorted(p - g):
            lines.append((s, f"  + {lab:5} {texts[d][s:e]!r} [{s}:{e}]"))
        if lines:
            print(d)
            for _, line in sorted(lines):
                print(line)

    print("\n== Row differences")
    matched_pred = set()
    for pair in rows["pairs"]:
        g, p = pair["gold"], pair["pred"]
        matched_pred.add(id(p))
        if pair["exact"] and all(comparable(k, p.get(k)) is None or
                                 comparable(k, p.get(k)) == comparable(k, g.get(k)) for k in ROW_FIELDS):
            continue
        diffs = []
        for k in ROW_FIELDS:
            gv, pv = comparable(k, g.get(k)), comparable(k, p.get(k))
            if gv != pv:
                diffs.append(f"{k}: gold={g.get(k)!r} pred={p.get(k)!r}")
        print(f"{g['doc_id']} [{row_str(g)}]\n    " + "\n    ".join(diffs))
    aligned_gold = {id(pair["gold"]) for pair in rows["pairs"]}
    for g in gold_rows:
        if id(g) not in aligned_gold:
            print(f"{g['doc_id']} MISSED gold row: {row_str(g)}")
    for p in pred_rows:
        if id(p) not in matched_pred:
            print(f"{p['doc_id']} SPURIOUS predicted row: {row_str(p)}")

    if args.json:
        rows_out = {k: v for k, v in rows.items() if k != "pairs"}
        Path(args.json).write_text(json.dumps({"entities": ent, "rows": rows_out}, indent=2))


if __name__ == "__main__":
    main()
