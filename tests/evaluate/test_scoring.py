"""Scoring functions on inputs whose answers are worked out by hand."""

from extract.rows.schema import comparable
from extract.evaluate.scoring import align_rows, score_entities, score_rows


def test_entity_scores_strict_and_lenient():
    gold = [(0, 3, "N"), (10, 14, "CR"), (20, 24, "OS")]
    pred = [(0, 3, "N"), (10, 13, "CR"), (30, 33, "OS")]
    scores = score_entities(gold, pred)
    assert scores["strict"]["micro"] == {"precision": 0.3333, "recall": 0.3333, "f1": 0.3333, "tp": 1, "fp": 2, "fn": 2}
    assert scores["lenient"]["CR"]["f1"] == 1.0  # overlap with the same label counts
    assert scores["lenient"]["OS"]["f1"] == 0.0
    assert scores["strict"]["N"]["f1"] == 1.0


def test_wrong_label_is_a_false_positive_and_a_miss():
    scores = score_entities([(0, 3, "CR")], [(0, 3, "MRD")])
    assert scores["strict"]["CR"]["recall"] == 0.0
    assert scores["strict"]["MRD"]["precision"] == 0.0


def test_normalised_fields():
    assert comparable("trial", "SWOG-1318") == comparable("trial", "swog 1318")
    assert comparable("agents", "Inotuzumab;blinatumomab") == "blinatumomab;inotuzumab"
    assert comparable("cr_pct", "90") == 90.0
    assert comparable("n", float("nan")) is None


def test_rows_align_by_trial_agents_and_n_not_by_order():
    gold = [dict(doc_id="a", source="text", trial="TOWER", n=271, cr_pct=34.0),
            dict(doc_id="a", source="text", agents="blinatumomab", n=38, cr_pct=100.0)]
    pred = [dict(doc_id="a", source="text", agents="blinatumomab", n=38, cr_pct=100.0),
            dict(doc_id="a", source="text", trial="Tower", n=271, cr_pct=44.0)]
    assert sorted(align_rows(gold, pred)) == [(0, 1), (1, 0)]
    scores = score_rows(gold, pred)
    # 6 gold values; one CR wrong: 5 hits, 1 false, 1 miss
    assert scores["overall"]["tp"] == 5 and scores["overall"]["fp"] == 1 and scores["overall"]["fn"] == 1
    assert scores["exact_rows"] == 0.5
    assert scores["fields"]["cr_pct"]["f1"] == 0.5


def test_rows_of_other_source_never_align():
    gold = [dict(doc_id="a", source="table", trial="TOWER", n=271)]
    pred = [dict(doc_id="a", source="text", trial="TOWER", n=271)]
    scores = score_rows(gold, pred)
    assert scores["n_aligned"] == 0 and scores["overall"]["tp"] == 0
    assert scores["overall"]["fn"] == 2 and scores["overall"]["fp"] == 2
