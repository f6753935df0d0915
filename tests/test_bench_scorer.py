"""bench/score_heldout.py: every held-out set's gold, scored against itself, is perfect.

This pins the gold loader (spans.jsonl, rows.csv, texts/) and the alignment of documents,
offsets and rows without running the pipeline.
"""

import importlib.util
import json
import shutil
import sys
from pathlib import Path

import pytest

from extract.types import LABELS, ROW_FIELDS

BENCH = Path(__file__).resolve().parents[1] / "bench"
HELDOUT_SETS = sorted(p.parent for p in BENCH.glob("*/spans.jsonl"))

# bench/ is scripts, not a package: load the scorer from its file.
_spec = importlib.util.spec_from_file_location("score_heldout", BENCH / "score_heldout.py")
score_heldout = importlib.util.module_from_spec(_spec)
sys.modules[_spec.name] = score_heldout  # dataclasses look their module up there
_spec.loader.exec_module(score_heldout)


def assert_perfect(scores: dict, gold) -> None:
    for mode in ("strict", "lenient"):
        for label in (*LABELS, "micro"):
            assert scores["entities"][mode][label]["f1"] == 1.0, (mode, label)
    for key in ("rows", "rows_source_ignored"):
        rows = scores[key]
        assert rows["overall"]["f1"] == 1.0
        assert rows["exact_rows"] == 1.0
        assert rows["n_aligned"] == rows["n_gold"] == len(gold.rows)
        for name in ROW_FIELDS:
            assert rows["fields"][name]["fp"] == rows["fields"][name]["fn"] == 0, (key, name)


def test_both_heldout_sets_are_found():
    assert {p.name for p in HELDOUT_SETS} >= {"heldout", "heldout2"}


@pytest.mark.parametrize("set_dir", HELDOUT_SETS, ids=lambda p: p.name)
def test_gold_against_itself_is_perfect(set_dir):
    gold = score_heldout.load_gold(set_dir)
    assert gold.texts and gold.rows
    assert set(gold.spans) <= set(gold.texts)
    assert_perfect(score_heldout.score(gold, gold), gold)


@pytest.mark.parametrize("set_dir", HELDOUT_SETS, ids=lambda p: p.name)
def test_gold_written_as_pipeline_outputs_is_perfect(set_dir, tmp_path):
    """The prediction loader reads the pipeline's entities.jsonl / rows.csv layout."""
    gold = score_heldout.load_gold(set_dir)
    with open(tmp_path / "entities.jsonl", "w", encoding="utf-8") as fh:
        for doc, text in gold.texts.items():
            spans = [{"start": s, "end": e, "label": label, "text": text[s:e]}
                     for s, e, label in gold.spans.get(doc, [])]
            fh.write(json.dumps({"doc_id": doc, "text": text, "spans": spans}) + "\n")
    shutil.copy(set_dir / "rows.csv", tmp_path / "rows.csv")
    pred = score_heldout.load_predictions(tmp_path)
    assert_perfect(score_heldout.score(gold, pred), gold)


def test_a_missing_span_and_a_changed_value_are_counted():
    gold = score_heldout.load_gold(BENCH / "heldout")
    doc = sorted(gold.spans)[0]
    first_row = {**gold.rows[0]}
    first_row["n"] = "99999"
    pred = score_heldout.Annotated(spans={**gold.spans, doc: gold.spans[doc][1:]},
                                   rows=[first_row, *gold.rows[1:]], texts=gold.texts)
    scores = score_heldout.score(gold, pred)
    assert scores["entities"]["strict"]["micro"]["fn"] == 1
    assert scores["rows"]["fields"]["n"]["fp"] == scores["rows"]["fields"]["n"]["fn"] == 1
