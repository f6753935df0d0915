"""Corrections are gold: `eval --gold corrections` scores the pipeline on the corrected
blocks (the annotators' spans as gold), `--gold all` adds them to the annotations/ scores,
and `annotations build` folds a document's corrections into an annotations folder."""

from __future__ import annotations



from extract.cli import main
from extract.evaluate.gold import read_span_file


def _corrected(loop) -> None:
    loop.import_swapped_cr_and_mrd()


def test_eval_scores_the_pipeline_against_the_corrections(loop, capsys):
    _corrected(loop)
    capsys.readouterr()
    assert main(["eval", "--gold", "corrections", "--corrections", str(loop.ledger)]) == 0
    table = capsys.readouterr().out
    rows = {line.split("|")[1].strip(): line for line in table.splitlines() if line.startswith("| ")}
    # the pipeline reads 83% as CR and 76% as MRD, the annotator the other way round: both
    # labels lose one true positive, the rest are agreed
    assert rows["CR"].split("|")[2].strip() == "0.000" and rows["MRD"].split("|")[2].strip() == "0.000"
    assert rows["TRIAL"].split("|")[4].strip() == "1.000" and rows["micro"].split("|")[4].strip() == "0.750"


def test_annotations_build_folds_corrections_into_gold(loop, tmp_path, capsys):
    _corrected(loop)
    gold = tmp_path / "annotations"
    assert main(["annotations", "build", "--annotations", str(gold), "--corrections", str(loop.ledger)]) == 0
    records = read_span_file(gold / "spans" / "abstract.jsonl")  # checked as every gold file is
    text = (gold / "text" / "abstract.reference.txt").read_text(encoding="utf-8")
    labels = {s["text"]: s["label"] for r in records for s in r["spans"]}
    assert (labels["83%"], labels["76%"]) == ("MRD", "CR")
    for r in records:
        assert text[r["offset"]:r["offset"] + len(r["text"])] == r["text"]
