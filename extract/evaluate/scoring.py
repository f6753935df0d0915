"""Scores (spec section 3): entity P/R/F1 strict and lenient, row field P/R/F1 and exact rows.

Pure functions over plain data, so the evaluation command, tests and benchmarks share them.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable, Sequence

import numpy as np
from scipy.optimize import linear_sum_assignment
from sklearn.metrics import precision_recall_fscore_support

from extract.rows.schema import comparable
from extract.types import ROW_FIELDS

Span = tuple[int, int, str]  # start, end, label



def prf(tp: int, fp: int, fn: int) -> dict:
    """Precision, recall, F1 from counts, computed by scikit-learn on the equivalent
    label vectors (TP: 1/1, FP: 0/1, FN: 1/0) so every figure comes from one implementation."""
    y_true = np.array([1] * tp + [0] * fp + [1] * fn)
    y_pred = np.array([1] * tp + [1] * fp + [0] * fn)
    if len(y_true) == 0:  # nothing to find and nothing found: undefined, not perfect
        return {"precision": None, "recall": None, "f1": None, "tp": 0, "fp": 0, "fn": 0}
    p, r, f, _ = precision_recall_fscore_support(y_true, y_pred, average="binary", pos_label=1, zero_division=0)
    return {"precision": round(float(p), 4), "recall": round(float(r), 4), "f1": round(float(f), 4),
            "tp": tp, "fp": fp, "fn": fn}


def _lenient_matches(gold: Sequence[Span], pred: Sequence[Span]) -> int:
    """One-to-one matches of overlapping spans with the same label (greedy, in order)."""
    used: set[int] = set()
    hits = 0
    for g_start, g_end, g_label in sorted(gold):
        for i, (p_start, p_end, p_label) in enumerate(sorted(pred)):
            if i not in used and p_label == g_label and p_start < g_end and g_start < p_end:
                used.add(i)
                hits += 1
                break
    return hits


def score_entities(gold: Iterable[Span], pred: Iterable[Span]) -> dict:
    """Per label and micro-averaged, strict and lenient. Spans of one document (or offsets
    made unique across documents by the caller)."""
    gold, pred = list(gold), list(pred)
    labels = sorted({s[2] for s in gold} | {s[2] for s in pred})
    out: dict = {"strict": {}, "lenient": {}}
    totals = {"strict": Counter(), "lenient": Counter()}
    for label in labels:
        g = [s for s in gold if s[2] == label]
        p = [s for s in pred if s[2] == label]
        strict_tp = len(set(g) & set(p))
        lenient_tp = _lenient_matches(g, p)
        for mode, tp in (("strict", strict_tp), ("lenient", lenient_tp)):
            counts = {"tp": tp, "fp": len(p) - tp, "fn": len(g) - tp}
            out[mode][label] = prf(**counts)
            totals[mode].update(counts)
    for mode in ("strict", "lenient"):
        out[mode]["micro"] = prf(totals[mode]["tp"], totals[mode]["fp"], totals[mode]["fn"])
    return out


# ---- rows ---------------------------------------------------------------------------

def _pair_score(gold: dict, pred: dict) -> float:
    """Agreement used to align rows: trial, agents and n weigh most, other values break ties."""
    score = 0.0
    for name, weight in (("trial", 3.0), ("agents", 2.0), ("n", 3.0), ("subgroup", 1.0)):
        g, p = comparable(name, gold.get(name)), comparable(name, pred.get(name))
        if g is not None and g == p:
            score += weight
        elif name == "agents" and g and p and set(g.split(";")) & set(p.split(";")):
            score += weight / 2
    for name in ROW_FIELDS:
        if name in ("trial", "agents", "n", "subgroup"):
            continue
        g, p = comparable(name, gold.get(name)), comparable(name, pred.get(name))
        if g is not None and g == p:
            score += 0.5
    return score


def align_rows(gold: Sequence[dict], pred: Sequence[dict]) -> list[tuple[int, int]]:
    """Each gold row with at most one predicted row (same document and source expected
    from the caller), maximising total agreement; pairs with no agreement are dropped."""
    if not gold or not pred:
        return []
    matrix = np.array([[_pair_score(g, p) for p in pred] for g in gold])
    gi, pi = linear_sum_assignment(-matrix)
    return [(int(g), int(p)) for g, p in zip(gi, pi) if matrix[g, p] > 0]


def score_rows(gold: Sequence[dict], pred: Sequence[dict], group_keys=("doc_id", "source")) -> dict:
    """Field-level P/R/F1 per field and overall, and the exact-row rate.

    A field of an aligned pair is a hit (gold value equals predicted), a miss (gold value,
    prediction empty or different) and/or a false value (prediction present, not equal).
    Unaligned predicted rows count all their values as false; unaligned gold rows as misses.
    """
    counts = {name: Counter() for name in ROW_FIELDS}
    exact = 0
    pairs_out = []
    groups = {tuple(r.get(k) for k in group_keys) for r in [*gold, *pred]}
    for key in sorted(groups, key=str):
        g_rows = [r for r in gold if tuple(r.get(k) for k in group_keys) == key]
        p_rows = [r for r in pred if tuple(r.get(k) for k in group_keys) == key]
        pairs = align_rows(g_rows, p_rows)
        matched_g = {g for g, _ in pairs}
        matched_p = {p for _, p in pairs}
        for g_index, p_index in pairs:
            g_row, p_row = g_rows[g_index], p_rows[p_index]
            all_hit = True
            for name in ROW_FIELDS:
                g, p = comparable(name, g_row.get(name)), comparable(name, p_row.get(name))
                if g is not None and g == p:
                    counts[name]["tp"] += 1
                    continue
                if g is not None:
                    counts[name]["fn"] += 1
                    all_hit = False
                if p is not None:
                    counts[name]["fp"] += 1
            exact += all_hit
            pairs_out.append({"gold": g_row, "pred": p_row, "exact": all_hit})
        for i, row in enumerate(g_rows):
            if i not in matched_g:
                for name in ROW_FIELDS:
                    counts[name]["fn"] += comparable(name, row.get(name)) is not None
        for i, row in enumerate(p_rows):
            if i not in matched_p:
                for name in ROW_FIELDS:
                    counts[name]["fp"] += comparable(name, row.get(name)) is not None
    per_field = {name: prf(c["tp"], c["fp"], c["fn"]) for name, c in counts.items()}
    total = Counter()
    for c in counts.values():
        total.update(c)
    return {
        "fields": per_field,
        "overall": prf(total["tp"], total["fp"], total["fn"]),
        "exact_rows": round(exact / len(gold), 4) if gold else None,
        "n_gold": len(gold),
        "n_pred": len(pred),
        "n_aligned": len(pairs_out),
        "pairs": pairs_out,
    }
