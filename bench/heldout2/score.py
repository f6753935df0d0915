"""Score the pipeline on the second held-out benchmark (bench/heldout2).

    cd /work/main
    /work/venv/bin/python -m extract run bench/heldout2/texts -o /tmp/h2out
    /work/venv/bin/python bench/heldout2/score.py [/tmp/h2out] [--run] [--diff] [--json FILE]

--run     runs the pipeline first (same command as above) into the output folder.
--diff    also prints the span and row disagreements (for error analysis).
--json    writes the full score dictionaries to FILE.

Entities: strict (same start, end, label) and lenient P/R/F1 per label and micro, via
extract.evaluate.scoring.score_entities; offsets are made unique across documents by adding a
per-document base offset. Rows: extract.evaluate.scoring.score_rows over the spec's fields, rows
grouped by (doc_id, source). A second row score with `source` collapsed to one value is
printed as a sensitivity check (the gold gives source "table" to the tab-separated
table's lines; see README).
"""

from __future__ import annotations

import csv
import json
import subprocess
import sys
from pathlib import Path

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent.parent
sys.path.insert(0, str(ROOT))

from extract.evaluate.scoring import score_entities, score_rows  # noqa: E402

LABELS = ["TRIAL", "AGENT", "N", "AGE", "CR", "MRD", "OS"]
ROW_FIELDS = ["trial", "agents", "subgroup", "n", "age_median", "age_min", "age_max",
              "cr_pct", "mrd_neg_pct", "mrd_method", "os_pct", "os_years",
              "os_median_months"]


def load_gold():
    texts = {p.stem: p.read_text(encoding="utf-8") for p in sorted((HERE / "texts").glob("*.txt"))}
    spans = {}
    for line in (HERE / "spans.jsonl").read_text(encoding="utf-8").splitlines():
        d = json.loads(line)
        spans[d["doc_id"]] = d["spans"]
    with open(HERE / "rows.csv", encoding="utf-8") as fh:
        rows = list(csv.DictReader(fh))
    return texts, spans, rows


def load_pred(out: Path):
    ents = {}
    with open(out / "entities.jsonl", encoding="utf-8") as fh:
        for line in fh:
            if line.strip():
                d = json.loads(line)
                ents[d["doc_id"]] = d
    with open(out / "rows.csv", encoding="utf-8") as fh:
        rows = list(csv.DictReader(fh))
    return ents, rows


def slim(row: dict, collapse_source: bool = False) -> dict:
    d = {"doc_id": row["doc_id"], "source": "any" if collapse_source else row["source"]}
    for k in ROW_FIELDS:
        d[k] = (row.get(k) or "").strip()
    return d


def same(a, b) -> bool:
    a, b = str(a).strip(), str(b).strip()
    try:
        return float(a) == float(b)
    except ValueError:
        return a == b


def fmt(x):
    return "  -  " if x is None else f"{x:.3f}"


def main(argv: list[str]) -> int:
    args = [a for a in argv if not a.startswith("--")]
    out = Path(args[0]) if args else Path("/tmp/h2out")
    json_out = None
    if "--json" in argv:
        json_out = Path(argv[argv.index("--json") + 1])
        if json_out.as_posix() in args:
            args.remove(json_out.as_posix())
        out = Path(args[0]) if args else Path("/tmp/h2out")
    if "--run" in argv:
        subprocess.run([sys.executable, "-m", "extract", "run", str(HERE / "texts"), "-o",
                        str(out)], cwd=ROOT, check=True)

    texts, gold_spans, gold_rows = load_gold()
    pred_ents, pred_rows = load_pred(out)

    base, off = {}, 0
    for doc in sorted(texts):
        base[doc] = off
        off += len(texts[doc]) + 1000
    g, p = [], []
    for doc in sorted(texts):
        for s in gold_spans.get(doc, []):
            g.append((base[doc] + s["start"], base[doc] + s["end"], s["label"]))
        pd = pred_ents.get(doc)
        if pd is None:
            print(f"WARNING: no prediction for {doc}")
            continue
        if pd.get("text") is not None and pd["text"] != texts[doc]:
            print(f"WARNING: predicted text of {doc} differs from the gold text")
        for s in pd["spans"]:
            p.append((base[doc] + s["start"], base[doc] + s["end"], s["label"]))
    extra = sorted(set(pred_ents) - set(texts))
    if extra:
        print(f"WARNING: predictions for unknown documents {extra}")

    es = score_entities(g, p)
    print(f"Entities ({len(texts)} documents, {len(g)} gold spans, {len(p)} predicted)")
    print(f"{'label':8}{'P':>8}{'R':>8}{'F1':>8}{'tp':>6}{'fp':>6}{'fn':>6}   lenient F1")
    for lab in LABELS + ["micro"]:
        st = es["strict"].get(lab, {})
        le = es["lenient"].get(lab, {})
        print(f"{lab:8}{fmt(st.get('precision')):>8}{fmt(st.get('recall')):>8}"
              f"{fmt(st.get('f1')):>8}{st.get('tp', 0):>6}{st.get('fp', 0):>6}"
              f"{st.get('fn', 0):>6}   {fmt(le.get('f1'))}")

    docs = set(texts)
    pr = [r for r in pred_rows if r["doc_id"] in docs]
    results = {"entities": es}
    for title, collapse in (("Rows (grouped by doc_id, source)", False),
                            ("Rows, sensitivity: source ignored", True)):
        rs = score_rows([slim(r, collapse) for r in gold_rows], [slim(r, collapse) for r in pr])
        results["rows_source_ignored" if collapse else "rows"] = {k: v for k, v in rs.items()
                                                                   if k != "pairs"}
        print()
        print(f"{title}: {rs['n_gold']} gold, {rs['n_pred']} predicted, "
              f"{rs['n_aligned']} aligned")
        if collapse:
            o = rs["overall"]
            print(f"overall P {fmt(o['precision'])} R {fmt(o['recall'])} F1 {fmt(o['f1'])}; "
                  f"exact rows {rs['exact_rows']:.3f}")
            continue
        print(f"{'field':18}{'P':>8}{'R':>8}{'F1':>8}{'tp':>6}{'fp':>6}{'fn':>6}")
        for f in ROW_FIELDS:
            st = rs["fields"][f]
            print(f"{f:18}{fmt(st['precision']):>8}{fmt(st['recall']):>8}{fmt(st['f1']):>8}"
                  f"{st['tp']:>6}{st['fp']:>6}{st['fn']:>6}")
        o = rs["overall"]
        print(f"{'overall':18}{fmt(o['precision']):>8}{fmt(o['recall']):>8}{fmt(o['f1']):>8}"
              f"{o['tp']:>6}{o['fp']:>6}{o['fn']:>6}")
        n_exact = round(rs["exact_rows"] * rs["n_gold"])
        print(f"exact rows: {rs['exact_rows']:.3f} ({n_exact}/{rs['n_gold']})")
        pairs = rs.get("pairs", [])

    if "--diff" in argv:
        print("\n# span disagreements (strict)")
        for doc in sorted(texts):
            gs = {(s["start"], s["end"], s["label"]) for s in gold_spans.get(doc, [])}
            ps = {(s["start"], s["end"], s["label"]) for s in pred_ents.get(doc, {}).get("spans", [])}
            t = texts[doc]
            for s in sorted(gs - ps):
                print(f"FN {doc} {s[2]:6} {t[s[0]:s[1]]!r}")
            for s in sorted(ps - gs):
                print(f"FP {doc} {s[2]:6} {t[s[0]:s[1]]!r}")
        print("\n# aligned row pairs (fields that differ)")
        for pair in pairs:
            gd, pdd = pair["gold"], pair["pred"]
            diffs = [f"{k}: gold={gd.get(k, '')!r} pred={pdd.get(k, '')!r}"
                     for k in ROW_FIELDS if not same(gd.get(k, ""), pdd.get(k, ""))]
            print(f"{gd['doc_id']} [{gd.get('trial') or gd.get('agents')} / "
                  f"{gd.get('subgroup')}] {'EXACT' if not diffs else ''}")
            for d in diffs:
                print("   ", d)
        used_g = [x["gold"] for x in pairs]
        used_p = [x["pred"] for x in pairs]
        print("\n# unaligned gold rows")
        for r in gold_rows:
            d = slim(r)
            if not any(d == u for u in used_g):
                print({k: v for k, v in d.items() if v})
        print("\n# unaligned predicted rows")
        for r in pr:
            d = slim(r)
            if not any(d == u for u in used_p):
                print({k: v for k, v in d.items() if v})
    if json_out:
        json_out.write_text(json.dumps(results, indent=1), encoding="utf-8")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
