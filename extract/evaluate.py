"""Scores against annotations/: entities (strict and lenient, per label) and rows
(field-level P/R/F1, exact rows), per document and overall.

Entities are scored on the reference texts (the gold's anchor), rows on what the whole
pipeline extracts from the corpus PDFs.
"""

from __future__ import annotations

import math
from pathlib import Path

import pandas as pd

from extract import annotations as gold_io
from extract.errors import CorrectionFileError
from extract.scoring import ROW_FIELDS, score_entities, score_rows

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


def predicted_spans(nlp, text: str, doc_id: str) -> list[tuple[int, int, str]]:
    """The pipeline's entities on a reference text, as the `ents` command tags a .txt file."""
    from extract.inputs import text_document
    from extract.nlp.entities import span_records, tag_blocks

    document = text_document(text, doc_id=doc_id, path=f"{doc_id}.txt")
    return [(s["start"], s["end"], s["label"]) for s in span_records(tag_blocks(document, nlp))]


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


def entity_errors(nlp, gold_by_doc: dict[str, list], annotations_dir: Path = ANNOTATIONS) -> list[str]:
    """Every false positive and miss, with its context: what a developer reads next."""
    lines = []
    for doc_id, gold in sorted(gold_by_doc.items()):
        text = reference_text(doc_id, annotations_dir)
        gold_set, pred_set = set(gold), set(predicted_spans(nlp, text, doc_id))
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
    from extract.rows.schema import comparable

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


def evaluate(pred_rows: pd.DataFrame | None = None, nlp=None, annotations_dir: Path = ANNOTATIONS,
             doc_ids: list[str] | None = None) -> dict:
    """All scores, for `doc_ids` (default: every document with gold). Without `pred_rows`,
    those corpus documents are run. Gold files are read (and checked) before anything slow."""
    from extract.nlp.pipeline import load_nlp

    wanted = gold_doc_ids(annotations_dir) if doc_ids is None else \
        [d for d in gold_doc_ids(annotations_dir) if d in set(doc_ids)]
    gold_by_doc = {d: gold_spans(d, annotations_dir) for d in wanted}
    for doc_id in gold_by_doc:
        reference_text(doc_id, annotations_dir)
    gold_rows = None
    if (annotations_dir / "rows.csv").exists():
        gold_rows = gold_io.load_gold_rows(annotations_dir)
        gold_rows = gold_rows[gold_rows["doc_id"].isin(wanted)]
    nlp = nlp or load_nlp()
    if pred_rows is None and gold_rows is not None:
        from extract.pipeline import analyse
        from extract.rows.schema import rows_frame

        results = [analyse(CORPUS / f"{d}.pdf", nlp) for d in wanted if (CORPUS / f"{d}.pdf").exists()]
        pred_rows = rows_frame([row for r in results for row in r.rows])
    has_rows = gold_rows is not None and not gold_rows.empty
    return {"documents": wanted, "entities": entity_scores(nlp, gold_by_doc, annotations_dir),
            "rows": row_scores(pred_rows, gold_rows) if has_rows else None}


def main(coverage: bool = False, out_dir: Path = Path("outputs"), annotations_dir: Path = ANNOTATIONS,
         errors: bool = False) -> int:
    from extract.report import metrics_markdown, write_metrics

    if errors:
        from extract.nlp.pipeline import load_nlp

        gold_by_doc = {d: gold_spans(d, annotations_dir) for d in gold_doc_ids(annotations_dir)}
        print("\n".join(entity_errors(load_nlp(), gold_by_doc, annotations_dir)) or "no entity errors")
        return 0
    if coverage:
        from extract.coverage import coverage_report

        print(coverage_report(annotations_dir))
        return 0
    metrics = evaluate(annotations_dir=annotations_dir)
    write_metrics(metrics, out_dir)
    print(metrics_markdown(metrics))
    return 0
