"""Scores against annotations/: entities (strict and lenient, per label) and rows
(field-level P/R/F1, exact rows), per document and overall.

This stage receives predictions and computes; it never runs the pipeline. Entities are
scored on the reference texts (the gold's anchor), rows on what the whole pipeline
extracted from the corpus PDFs (`pipeline.evaluate_corpus` gathers both).
"""

from __future__ import annotations

import math
from pathlib import Path

import pandas as pd

from extract.evaluate import gold as gold_io
from extract.errors import CorrectionFileError
from extract.evaluate.scoring import score_entities, score_rows
from extract.rows.schema import comparable
from extract.types import ROW_FIELDS

# The project's own gold and corpus, wherever the command is run from.
ANNOTATIONS = gold_io.ANNOTATIONS_DIR
CORPUS = ANNOTATIONS.parent / "corpus"


def gold_doc_ids(annotations_dir: Path = ANNOTATIONS) -> list[str]:
    return sorted(p.stem for p in (annotations_dir / "spans").glob("*.jsonl"))


def gold_spans(doc_id: str, annotations_dir: Path = ANNOTATIONS) -> list[tuple[int, int, str]]:
    """Document-level (start, end, label) of the gold of one reference text; a bad span or
    correction file raises `CorrectionFileError` naming the file and line."""
    records = gold_io.load_gold_spans(doc_id, annotations_dir)
    return [(r["offset"] + s["start"], r["offset"] + s["end"], s["label"]) for r in records for s in r["spans"]]


def reference_text(doc_id: str, annotations_dir: Path = ANNOTATIONS) -> str:
    path = gold_io.reference_path(doc_id, annotations_dir)
    if not path.exists():
        raise CorrectionFileError(annotations_dir / "spans" / f"{doc_id}.jsonl",
                                  f"no reference text {path} for these spans",
                                  "add the document's reference text, or remove the span file")
    return path.read_text(encoding="utf-8")


def entity_scores(gold_by_doc: dict[str, list], pred_by_doc: dict[str, list]) -> dict:
    per_doc, all_gold, all_pred = {}, [], []
    for shift, (doc_id, gold) in enumerate(sorted(gold_by_doc.items())):
        # offsets made unique across documents for the overall score
        base = shift * 10**9
        pred = pred_by_doc[doc_id]
        per_doc[doc_id] = score_entities(gold, pred)
        all_gold += [(base + s, base + e, label) for s, e, label in gold]
        all_pred += [(base + s, base + e, label) for s, e, label in pred]
    overall = score_entities(all_gold, all_pred)
    return {"per_document": per_doc, "overall": overall}


def _records(frame: pd.DataFrame) -> list[dict]:
    rows = frame.astype(object).where(frame.notna(), None).to_dict("records")
    return [{k: (None if isinstance(v, float) and math.isnan(v) else v) for k, v in r.items()} for r in rows]


def entity_errors(gold_by_doc: dict[str, list], pred_by_doc: dict[str, list], texts: dict[str, str]) -> list[str]:
    """Every false positive and miss, with its context: what a developer reads next."""
    lines = []
    for doc_id, gold in sorted(gold_by_doc.items()):
        text = texts[doc_id]
        gold_set, pred_set = set(gold), set(pred_by_doc[doc_id])
        for kind, spans in (("FP", pred_set - gold_set), ("FN", gold_set - pred_set)):
            for start, end, label in sorted(spans):
                context = text[max(0, start - 60):start] + "[[" + text[start:end] + "]]" + text[end:end + 40]
                lines.append(f"{doc_id} {kind} {label:5} {context!r}")
    return lines


def row_scores(pred: pd.DataFrame, gold: pd.DataFrame) -> dict:
    doc_ids = sorted(set(gold["doc_id"]))
    if pred.empty:
        pred = pd.DataFrame(columns=gold.columns)
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
    out = []
    for pair in pairs:
        if pair["exact"]:
            continue
        diff = {name: {"gold": pair["gold"].get(name), "pred": pair["pred"].get(name)}
                for name in ROW_FIELDS
                if comparable(name, pair["gold"].get(name)) != comparable(name, pair["pred"].get(name))}
        out.append({"doc_id": pair["gold"].get("doc_id"), "source": pair["gold"].get("source"),
                    "evidence": str(pair["gold"].get("evidence", ""))[:160], "fields": diff})
    return out


def gold_for(annotations_dir: Path | None = None, doc_ids: list[str] | None = None) -> dict:
    """The gold of `doc_ids` (default: every document with gold), read and checked before
    anything slow: {"documents", "spans" by document, "texts" by document, "rows" (a frame
    or None)}. A bad span or correction file raises `CorrectionFileError`."""
    annotations_dir = annotations_dir or ANNOTATIONS
    wanted = gold_doc_ids(annotations_dir) if doc_ids is None else \
        [d for d in gold_doc_ids(annotations_dir) if d in set(doc_ids)]
    spans = {d: gold_spans(d, annotations_dir) for d in wanted}
    texts = {d: reference_text(d, annotations_dir) for d in spans}
    rows = None
    if (annotations_dir / "rows.csv").exists():
        rows = gold_io.load_gold_rows(annotations_dir)
        rows = rows[rows["doc_id"].isin(wanted)]
    return {"documents": wanted, "spans": spans, "texts": texts, "rows": rows}


def evaluate(gold: dict, pred_spans: dict[str, list], pred_rows: pd.DataFrame | None) -> dict:
    """All scores of predictions against `gold` (from `gold_for`): entities per reference
    text, rows where gold rows exist."""
    gold_rows = gold["rows"]
    has_rows = gold_rows is not None and not gold_rows.empty
    return {"documents": gold["documents"], "entities": entity_scores(gold["spans"], pred_spans),
            "rows": row_scores(pred_rows, gold_rows) if has_rows else None}
