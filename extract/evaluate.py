"""Scores against annotations/: entities (strict and lenient, per label) and rows
(field-level P/R/F1, exact rows), per document and overall.

Entities are scored on the reference texts (the gold's anchor), rows on what the whole
pipeline extracts from the corpus PDFs.
"""

from __future__ import annotations

import math
from pathlib import Path

import pandas as pd

from extract.errors import CorrectionFileError
from extract.fileio import atomic_write_text
from extract.outputs import write_json
from extract.scoring import ROW_FIELDS, score_entities, score_rows

ANNOTATIONS = Path("annotations")
CORPUS = Path("corpus")


def _gold():
    from extract import annotations

    return annotations


def gold_doc_ids(annotations_dir: Path = ANNOTATIONS) -> list[str]:
    return sorted(p.stem for p in (annotations_dir / "spans").glob("*.jsonl"))


def gold_spans(doc_id: str, annotations_dir: Path = ANNOTATIONS) -> list[tuple[int, int, str]]:
    """Document-level (start, end, label) of the gold of one reference text; a bad span or
    correction file raises `CorrectionFileError` naming the file and line."""
    records = _gold().load_gold_spans(doc_id, annotations_dir)
    return [(r["offset"] + s["start"], r["offset"] + s["end"], s["label"]) for r in records for s in r["spans"]]


def reference_text(doc_id: str, annotations_dir: Path = ANNOTATIONS) -> str:
    path = annotations_dir / "text" / f"{doc_id}.reference.txt"
    if not path.exists():
        raise CorrectionFileError(annotations_dir / "spans" / f"{doc_id}.jsonl",
                                  f"no reference text {path} for these spans",
                                  "add the document's reference text, or remove the span file")
    return path.read_text(encoding="utf-8")


def predicted_spans(nlp, text: str, doc_id: str) -> list[tuple[int, int, str]]:
    """The pipeline's entities on a reference text, as the `ents` command tags a .txt file."""
    from extract.inputs import text_document
    from extract.nlp.entities import tag_blocks

    document = text_document(text, doc_id=doc_id, path=f"{doc_id}.txt")
    return [(block.start + e.start_char, block.start + e.end_char, e.label_)
            for block, doc in tag_blocks(document, nlp) for e in doc.ents]


def entity_scores(nlp, gold_by_doc: dict[str, list], annotations_dir: Path = ANNOTATIONS) -> dict:
    per_doc, all_gold, all_pred = {}, [], []
    for shift, (doc_id, gold) in enumerate(sorted(gold_by_doc.items())):
        # offsets made unique across documents for the overall score
        base = shift * 10**9
        text = reference_text(doc_id, annotations_dir)
        pred = predicted_spans(nlp, text, doc_id)
        per_doc[doc_id] = score_entities(gold, pred)
        all_gold += [(base + s, base + e, label) for s, e, label in gold]
        all_pred += [(base + s, base + e, label) for s, e, label in pred]
    overall = score_entities(all_gold, all_pred)
    return {"per_document": per_doc, "overall": overall}


def _records(frame: pd.DataFrame) -> list[dict]:
    rows = frame.astype(object).where(frame.notna(), None).to_dict("records")
    return [{k: (None if isinstance(v, float) and math.isnan(v) else v) for k, v in r.items()} for r in rows]


def row_scores(pred: pd.DataFrame, gold: pd.DataFrame) -> dict:
    doc_ids = sorted(set(gold["doc_id"]))
    pred = pred[pred["doc_id"].isin(doc_ids)]
    per_doc = {}
    for doc_id in doc_ids:
        per_doc[doc_id] = {}
        for source in ("text", "table", None):
            g = gold[gold["doc_id"] == doc_id]
            p = pred[pred["doc_id"] == doc_id]
            if source:
                g, p = g[g["source"] == source], p[p["source"] == source]
            scored = score_rows(_records(g), _records(p))
            per_doc[doc_id][source or "all"] = _without_pairs(scored)
    overall = score_rows(_records(gold), _records(pred))
    return {"per_document": per_doc, "overall": _without_pairs(overall),
            "differences": _differences(overall["pairs"])}


def _without_pairs(scored: dict) -> dict:
    return {k: v for k, v in scored.items() if k != "pairs"}


def _differences(pairs: list[dict]) -> list[dict]:
    """Aligned rows that are not exact, field by field: what a developer fixes next."""
    from extract.scoring import normalise_field

    out = []
    for pair in pairs:
        if pair["exact"]:
            continue
        diff = {name: {"gold": pair["gold"].get(name), "pred": pair["pred"].get(name)}
                for name in ROW_FIELDS
                if normalise_field(name, pair["gold"].get(name)) != normalise_field(name, pair["pred"].get(name))}
        out.append({"doc_id": pair["gold"].get("doc_id"), "source": pair["gold"].get("source"),
                    "evidence": str(pair["gold"].get("evidence", ""))[:160], "fields": diff})
    return out


def evaluate(pred_rows: pd.DataFrame | None = None, nlp=None, annotations_dir: Path = ANNOTATIONS) -> dict:
    """All scores. Without `pred_rows`, the corpus documents that have gold are run.
    Gold files are read (and checked) before anything slow runs."""
    from extract.nlp.pipeline import load_nlp

    gold_by_doc = {d: gold_spans(d, annotations_dir) for d in gold_doc_ids(annotations_dir)}
    for doc_id in gold_by_doc:
        reference_text(doc_id, annotations_dir)
    has_rows = (annotations_dir / "rows.csv").exists()
    gold_rows = _gold().load_gold_rows(annotations_dir) if has_rows else None
    nlp = nlp or load_nlp()
    if pred_rows is None and gold_rows is not None:
        from extract.pipeline import analyse, rows_frame

        results = [analyse(CORPUS / f"{d}.pdf", nlp) for d in gold_by_doc if (CORPUS / f"{d}.pdf").exists()]
        pred_rows = rows_frame([row for r in results for row in r.rows])
    return {"entities": entity_scores(nlp, gold_by_doc, annotations_dir),
            "rows": row_scores(pred_rows, gold_rows) if gold_rows is not None else None}


def metrics_markdown(metrics: dict) -> str:
    ents = metrics["entities"]["overall"]
    lines = ["# Scores against annotations/", "", "## Entities (reference texts)", "",
             "| label | strict P | strict R | strict F1 | lenient F1 | gold | pred |", "|---|---|---|---|---|---|---|"]
    for label, s in ents["strict"].items():
        lenient = ents["lenient"][label]["f1"]
        lines.append(f"| {label} | {s['precision']:.3f} | {s['recall']:.3f} | {s['f1']:.3f} | {lenient:.3f} "
                     f"| {s['tp'] + s['fn']} | {s['tp'] + s['fp']} |")
    rows = metrics["rows"]
    if rows is None:
        return "\n".join(lines + ["", "(no gold rows: annotations/rows.csv missing)"]) + "\n"
    lines += ["", "## Rows (corpus PDFs through the whole pipeline)", "",
              "| document | source | field P | field R | field F1 | exact rows | gold rows | predicted |",
              "|---|---|---|---|---|---|---|---|"]
    for doc_id, by_source in rows["per_document"].items():
        for source, s in by_source.items():
            o = s["overall"]
            lines.append(f"| {doc_id} | {source} | {o['precision']:.3f} | {o['recall']:.3f} | {o['f1']:.3f} "
                         f"| {s['exact_rows']:.3f} | {s['n_gold']} | {s['n_pred']} |")
    o = rows["overall"]
    lines.append(f"| **all** | all | {o['overall']['precision']:.3f} | {o['overall']['recall']:.3f} "
                 f"| {o['overall']['f1']:.3f} | {o['exact_rows']:.3f} | {o['n_gold']} | {o['n_pred']} |")
    lines += ["", "| field | P | R | F1 |", "|---|---|---|---|"]
    for name, s in o["fields"].items():
        lines.append(f"| {name} | {s['precision']:.3f} | {s['recall']:.3f} | {s['f1']:.3f} |")
    return "\n".join(lines) + "\n"


def write_metrics(metrics: dict, out_dir: Path) -> None:
    write_json(out_dir / "metrics.json", metrics)
    atomic_write_text(out_dir / "metrics.md", metrics_markdown(metrics))


def main(coverage: bool = False, out_dir: Path = Path("outputs")) -> int:
    if coverage:
        from extract.coverage import coverage_report

        print(coverage_report(ANNOTATIONS))
        return 0
    metrics = evaluate()
    write_metrics(metrics, out_dir)
    print(metrics_markdown(metrics))
    return 0
