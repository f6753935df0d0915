"""Score the pipeline on a held-out set: any folder holding texts/<doc_id>.txt, spans.jsonl
({"doc_id", "spans": [{"start", "end", "label", ...}]}) and rows.csv (spec columns), such as
bench/heldout/ and bench/heldout2/.

Usage: python bench/score_heldout.py SET_DIR [--run] [--out DIR] [--diff] [--json FILE]

  --out DIR   the pipeline outputs to score (entities.jsonl, rows.csv); without --run they
              must be there already. Without --out the pipeline runs into a temporary folder.
  --run       run `python -m extract run SET_DIR/texts -o OUT` first.
  --diff      also print every entity and row disagreement (for error analysis).
  --json FILE also write the scores to FILE.

Entities: strict (same start, end, label) and lenient P/R/F1 per label and micro; rows:
field-level P/R/F1 per field and overall, and exact rows, grouped by (doc_id, source). A
second row score with `source` ignored is printed as a sensitivity check: a gold `table`
row matched by a predicted `text` row (or the reverse) only aligns there.
"""

from __future__ import annotations

import argparse
import csv
import json
import subprocess
import sys
import tempfile
from dataclasses import dataclass
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
# This checkout's package, not whichever one the virtualenv has installed.
sys.path.insert(0, str(ROOT))

from extract.evaluate.scores import entity_scores  # noqa: E402
from extract.evaluate.scoring import Span, score_rows  # noqa: E402
from extract.fileio import read_jsonl  # noqa: E402
from extract.rows.schema import comparable  # noqa: E402
from extract.types import LABELS, ROW_FIELDS  # noqa: E402


@dataclass
class Annotated:
    """Spans per document and rows, from a gold set or from the pipeline's outputs."""

    spans: dict[str, list[Span]]
    rows: list[dict]
    texts: dict[str, str]


def _spans_of(record: dict) -> list[Span]:
    return [(s["start"], s["end"], s["label"]) for s in record["spans"]]


def _read_rows(path: Path) -> list[dict]:
    with open(path, newline="", encoding="utf-8-sig") as fh:  # rows.csv starts with a BOM
        # Strip stray whitespace around values: hand-written gold may carry it.
        return [{k: (v or "").strip() for k, v in row.items()} for row in csv.DictReader(fh)]


def load_gold(set_dir: Path) -> Annotated:
    """The set's texts (texts/*.txt are the documents), gold spans and gold rows."""
    texts = {p.stem: p.read_text(encoding="utf-8") for p in sorted((set_dir / "texts").glob("*.txt"))}
    spans = {d["doc_id"]: _spans_of(d) for d in read_jsonl(set_dir / "spans.jsonl")}
    unknown = sorted(set(spans) - set(texts))
    if unknown:
        raise SystemExit(f"{set_dir}/spans.jsonl names documents without a text: {unknown}")
    return Annotated(spans=spans, rows=_read_rows(set_dir / "rows.csv"), texts=texts)


def load_predictions(out: Path) -> Annotated:
    records = read_jsonl(out / "entities.jsonl")
    return Annotated(spans={d["doc_id"]: _spans_of(d) for d in records},
                     rows=_read_rows(out / "rows.csv"),
                     texts={d["doc_id"]: d["text"] for d in records if d.get("text") is not None})


def run_pipeline(texts_dir: Path, out: Path) -> None:
    cmd = [sys.executable, "-m", "extract", "run", str(texts_dir), "-o", str(out)]
    proc = subprocess.run(cmd, cwd=ROOT, capture_output=True, text=True)
    if proc.returncode != 0:
        sys.stderr.write(proc.stdout + proc.stderr)
        raise SystemExit(f"pipeline failed ({proc.returncode})")
    lines = proc.stdout.strip().splitlines()
    print(lines[-1] if lines else "(pipeline printed nothing)")


def score(gold: Annotated, pred: Annotated) -> dict:
    """Entity and row scores of `pred` against `gold`, on the gold's documents only."""
    docs = sorted(gold.texts)
    entities = entity_scores({d: gold.spans.get(d, []) for d in docs},
                             {d: pred.spans.get(d, []) for d in docs})["overall"]
    pred_rows = [r for r in pred.rows if r.get("doc_id") in gold.texts]
    rows = score_rows(gold.rows, pred_rows)
    ignored = score_rows([{**r, "source": "any"} for r in gold.rows],
                         [{**r, "source": "any"} for r in pred_rows])
    return {"entities": entities, "rows": rows, "rows_source_ignored": ignored,
            "n_gold_spans": sum(len(gold.spans.get(d, [])) for d in docs),
            "n_pred_spans": sum(len(pred.spans.get(d, [])) for d in docs)}


def warn_about_documents(gold: Annotated, pred: Annotated) -> None:
    missing = [d for d in sorted(gold.texts) if d not in pred.spans]
    if missing:
        print(f"WARNING: no prediction for {missing}")
    differing = [d for d in sorted(gold.texts) if d in pred.texts and pred.texts[d] != gold.texts[d]]
    if differing:
        print(f"WARNING: predicted text differs from the gold text for {differing}")
    extra = sorted(set(pred.spans) - set(gold.texts))
    if extra:
        print(f"WARNING: predictions for unknown documents {extra}")


def _fmt(x) -> str:
    return "    -" if x is None else f"{x:.3f}"


def _prf(d: dict) -> str:
    return (f"{_fmt(d['precision']):>6}{_fmt(d['recall']):>7}{_fmt(d['f1']):>7}"
            f"{d['tp']:>5}{d['fp']:>5}{d['fn']:>5}")


def _exact_count(rows: dict) -> int:
    return sum(pair["exact"] for pair in rows["pairs"])


def print_scores(scores: dict, n_docs: int) -> None:
    ent = scores["entities"]
    print(f"\n== Entities ({n_docs} texts, {scores['n_gold_spans']} gold spans, "
          f"{scores['n_pred_spans']} predicted)")
    print(f"{'':8}{'strict':>6}{'':29}| lenient")
    header = f"{'P':>6}{'R':>7}{'F1':>7}{'tp':>5}{'fp':>5}{'fn':>5}"
    print(f"{'label':8}{header} |{header}")
    for label in (*LABELS, "micro"):
        strict, lenient = ent["strict"].get(label), ent["lenient"].get(label)
        if strict is None:  # neither gold nor prediction has this label
            continue
        print(f"{label:8}{_prf(strict)} |{_prf(lenient)}")

    rows = scores["rows"]
    print(f"\n== Rows, grouped by (doc_id, source): {rows['n_gold']} gold, {rows['n_pred']} predicted, "
          f"{rows['n_aligned']} aligned")
    print(f"{'field':18}{header}")
    for name in ROW_FIELDS:
        print(f"{name:18}{_prf(rows['fields'][name])}")
    print(f"{'overall':18}{_prf(rows['overall'])}")
    print(f"exact rows: {_fmt(rows['exact_rows'])} ({_exact_count(rows)}/{rows['n_gold']})")

    ignored = scores["rows_source_ignored"]
    o = ignored["overall"]
    print(f"\n== Rows, sensitivity, source ignored: {ignored['n_gold']} gold, {ignored['n_pred']} "
          f"predicted, {ignored['n_aligned']} aligned")
    print(f"overall P {_fmt(o['precision'])} R {_fmt(o['recall'])} F1 {_fmt(o['f1'])}; "
          f"exact rows {_fmt(ignored['exact_rows'])} ({_exact_count(ignored)}/{ignored['n_gold']})")


def _row_label(row: dict) -> str:
    keys = [k for k in ROW_FIELDS if comparable(k, row.get(k)) is not None]
    return ", ".join(f"{k}={row.get(k)}" for k in keys) or "(empty)"


def print_diff(gold: Annotated, pred: Annotated, rows: dict) -> None:
    print("\n== Entity differences (strict): - gold only, + predicted only")
    for doc in sorted(gold.texts):
        text = gold.texts[doc]
        g, p = set(gold.spans.get(doc, [])), set(pred.spans.get(doc, []))
        lines = [(s, f"  - {label:5} {text[s:e]!r} [{s}:{e}]") for s, e, label in g - p]
        lines += [(s, f"  + {label:5} {text[s:e]!r} [{s}:{e}]") for s, e, label in p - g]
        if lines:
            print(doc)
            for _, line in sorted(lines):
                print(line)

    print("\n== Row differences (aligned pairs, fields that differ)")
    for pair in rows["pairs"]:
        g, p = pair["gold"], pair["pred"]
        diffs = [f"{k}: gold={g.get(k)!r} pred={p.get(k)!r}" for k in ROW_FIELDS
                 if comparable(k, g.get(k)) != comparable(k, p.get(k))]
        if diffs:
            print(f"{g['doc_id']} ({g['source']}) [{_row_label(g)}]\n    " + "\n    ".join(diffs))
    # Rows are matched by identity: two rows may be equal field for field.
    aligned_gold = {id(pair["gold"]) for pair in rows["pairs"]}
    aligned_pred = {id(pair["pred"]) for pair in rows["pairs"]}
    for g in gold.rows:
        if id(g) not in aligned_gold:
            print(f"{g['doc_id']} ({g['source']}) MISSED gold row: {_row_label(g)}")
    for p in pred.rows:
        if id(p) not in aligned_pred and p.get("doc_id") in gold.texts:
            print(f"{p['doc_id']} ({p['source']}) SPURIOUS predicted row: {_row_label(p)}")


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("set_dir", type=Path, help="held-out set: texts/, spans.jsonl, rows.csv")
    ap.add_argument("--run", action="store_true", help="run the pipeline first")
    ap.add_argument("--out", type=Path, help="pipeline output folder (default: a temporary one, run)")
    ap.add_argument("--diff", action="store_true", help="print every disagreement")
    ap.add_argument("--json", type=Path, help="also write the scores as JSON to this file")
    args = ap.parse_args(argv)

    set_dir = args.set_dir.resolve()
    gold = load_gold(set_dir)
    with tempfile.TemporaryDirectory() as tmp:
        out = args.out or Path(tmp)
        if args.run or args.out is None:
            out.mkdir(parents=True, exist_ok=True)
            run_pipeline(set_dir / "texts", out)
        elif not (out / "entities.jsonl").is_file():
            raise SystemExit(f"{out} holds no pipeline outputs: add --run to make them")
        pred = load_predictions(out)

    warn_about_documents(gold, pred)
    scores = score(gold, pred)
    print_scores(scores, len(gold.texts))
    if args.diff:
        print_diff(gold, pred, scores["rows"])
    if args.json:
        without_pairs = {k: ({kk: vv for kk, vv in v.items() if kk != "pairs"} if k.startswith("rows") else v)
                         for k, v in scores.items()}
        args.json.write_text(json.dumps({"set": set_dir.name, **without_pairs}, indent=2), encoding="utf-8")
    return 0


if __name__ == "__main__":
    sys.exit(main())
