"""Integrity of the gold annotations (annotations/spans/*.jsonl, annotations/rows.csv)."""

from __future__ import annotations

import json
import math
import subprocess
import sys

import pytest

from extract.evaluate.gold import (
    ANNOTATIONS_DIR,
    LABELS,
    Block,
    GoldSourceError,
    annotated_blocks,
    load_gold_rows,
    load_gold_spans,
    make_agreement_sample,
    read_reference,
    reference_list_blocks,
    resolve_block,
    resolve_source,
    span_agreement,
    split_blocks,
    to_docbin,
)
from extract.errors import CorrectionFileError
from extract.evaluate.coverage import coverage_report
from extract.types import SPEC_COLUMNS

# The two papers of the bundled corpus, each with its gold.
DOC_IDS = ("jabbour-2023-jho", "sucre-2025-cells")

PDF_PAGES = {"jabbour-2023-jho": 10, "sucre-2025-cells": 14}


@pytest.fixture(scope="module")
def spans():
    return {d: load_gold_spans(d) for d in DOC_IDS}


@pytest.fixture(scope="module")
def rows():
    return load_gold_rows()


# ------------------------------------------------------------------ spans


@pytest.mark.parametrize("doc_id", DOC_IDS)
def test_span_offsets_match_reference_text(spans, doc_id):
    ref = read_reference(doc_id)
    for rec in spans[doc_id]:
        assert rec["doc_id"] == doc_id
        assert ref[rec["offset"]:rec["offset"] + len(rec["text"])] == rec["text"]
        for s in rec["spans"]:
            assert 0 <= s["start"] < s["end"] <= len(rec["text"])
            assert rec["text"][s["start"]:s["end"]] == s["text"]
            a, b = rec["offset"] + s["start"], rec["offset"] + s["end"]
            assert ref[a:b] == s["text"], (rec["block"], s)
            assert s["text"] == s["text"].strip(), s


@pytest.mark.parametrize("doc_id", DOC_IDS)
def test_spans_known_labels_and_no_overlap(spans, doc_id):
    for rec in spans[doc_id]:
        ordered = sorted(rec["spans"], key=lambda s: (s["start"], s["end"]))
        for s in ordered:
            assert s["label"] in LABELS, s
        for x, y in zip(ordered, ordered[1:]):
            assert x["end"] <= y["start"], (doc_id, rec["block"], x, y)


@pytest.mark.parametrize("doc_id", DOC_IDS)
def test_every_non_reference_block_is_annotated(spans, doc_id):
    blocks = split_blocks(doc_id, read_reference(doc_id))
    expected = {b.index for b in blocks
                if b.index not in reference_list_blocks(doc_id) and b.text.strip()}
    got = [r["block"] for r in spans[doc_id]]
    assert len(got) == len(set(got)), "a block is listed twice"
    assert set(got) == expected


@pytest.mark.parametrize("doc_id", DOC_IDS)
def test_span_files_are_in_sync_with_the_hand_written_source(spans, doc_id):
    assert resolve_source(doc_id) == spans[doc_id]


def test_every_label_is_used(spans):
    used = {s["label"] for recs in spans.values() for r in recs for s in r["spans"]}
    assert used == set(LABELS)


def test_resolver_fails_loudly():
    block = Block("x", 0, 0, "CR rate of 44% for blinatumomab compared to 44% for chemo")
    with pytest.raises(GoldSourceError, match="ambiguous"):
        resolve_block(block, [(1, "CR", "44%", None)])
    with pytest.raises(GoldSourceError, match="not found"):
        resolve_block(block, [(1, "AGENT", "ponatinib", None)])
    with pytest.raises(GoldSourceError, match="only 2"):
        resolve_block(block, [(1, "CR", "44%", "3")])
    got = resolve_block(block, [(1, "CR", "44%", "2"), (2, "AGENT", "blinatumomab", None)])
    assert [(s["start"], s["label"]) for s in got] == [(19, "AGENT"), (44, "CR")]
    # a number is not matched inside a decimal ("6 months" is not in "23.6 months")
    b2 = Block("x", 0, 0, "23.6 months vs 6 months")
    assert resolve_block(b2, [(1, "OS", "6 months", None)])[0]["start"] == 15


# ------------------------------------------------------------------- rows


def test_rows_columns(rows):
    assert tuple(rows.columns) == SPEC_COLUMNS
    assert len(rows) > 0


def _isna(v):
    return v is None or (isinstance(v, float) and math.isnan(v)) or str(v) == "<NA>"


def test_rows_types_and_ranges(rows):
    for r in rows.to_dict("records"):
        where = (r["doc_id"], r["source"], r["evidence"][:60])
        assert r["doc_id"] in DOC_IDS, where
        assert r["source"] in ("text", "table"), where
        assert 1 <= int(r["page"]) <= PDF_PAGES[r["doc_id"]], where
        assert r["trial"] or r["agents"], where
        assert any(not _isna(r[c]) for c in ("n", "cr_pct", "mrd_neg_pct", "os_pct",
                                              "os_median_months")), where
        if not _isna(r["n"]):
            assert int(r["n"]) > 0, where
        for c in ("cr_pct", "mrd_neg_pct", "os_pct"):
            if not _isna(r[c]):
                assert 0 <= float(r[c]) <= 100, (c, where)
        ages = [r[c] for c in ("age_min", "age_median", "age_max") if not _isna(r[c])]
        assert ages == sorted(ages), where
        assert all(0 < a < 120 for a in ages), where
        if not _isna(r["os_years"]):
            assert float(r["os_years"]) > 0, where
            assert not _isna(r["os_pct"]), ("horizon without a rate", where)
        if not _isna(r["os_median_months"]):
            assert float(r["os_median_months"]) > 0, where
        assert r["mrd_method"] in ("flow", "pcr", "ngs", ""), where
        if r["mrd_method"]:
            assert not _isna(r["mrd_neg_pct"]), where


def test_rows_agents_are_canonical(rows):
    for a in rows["agents"]:
        if not a:
            continue
        parts = a.split(";")
        assert parts == sorted(set(parts)), a
        assert all(p == p.strip().lower() and p for p in parts), a


def test_rows_evidence_is_in_the_document(rows):
    refs = {d: read_reference(d) for d in DOC_IDS}
    for r in rows.to_dict("records"):
        ref = refs[r["doc_id"]]
        if r["source"] == "text":
            assert r["evidence"] in ref, r["evidence"][:80]
            assert "\t" not in r["evidence"]
        else:
            lines = {line for b in split_blocks(r["doc_id"], ref) for line in b.text.split("\n")
                     if "\t" in line}
            assert r["evidence"] in lines, r["evidence"][:80]


def test_table_rows_complete():
    rows = load_gold_rows()
    tab = rows[rows.source == "table"]
    assert (tab.doc_id == "jabbour-2023-jho").sum() == 16
    # Table 3's ∆∆ footnote names two assays: method left empty
    assert tab.loc[tab.trial == "TOWER", "mrd_method"].tolist() == [""]


# ------------------------------------------------------- agreement, docbin, report


def test_agreement_sample_is_reproducible():
    sample = json.loads((ANNOTATIONS_DIR / "agreement" / "sample.json").read_text())
    assert sample == make_agreement_sample()
    assert len(sample) == 19


def test_span_agreement_function(spans):
    recs = spans["jabbour-2023-jho"]
    res = span_agreement(recs, recs)
    assert res["micro"]["f1"] == 1.0
    dropped = [dict(r, spans=r["spans"][1:]) for r in recs]
    res = span_agreement(recs, dropped)
    assert res["micro"]["only_first"] == sum(1 for r in recs if r["spans"])
    assert res["micro"]["only_second"] == 0


def test_docbin(tmp_path):
    import spacy
    from spacy.tokens import DocBin

    db, misaligned = to_docbin(tmp_path / "gold.spacy")
    total = sum(len(r["spans"]) for r in load_gold_spans())
    docs = list(DocBin().from_disk(tmp_path / "gold.spacy").get_docs(spacy.blank("en").vocab))
    assert len(docs) == sum(len(annotated_blocks(d)) for d in DOC_IDS)
    assert sum(len(d.ents) for d in docs) + len(misaligned) == total
    assert len(misaligned) <= 20, misaligned


def test_coverage_report_runs():
    rep = coverage_report()
    assert rep.startswith("# Gold coverage")


# --- an annotator's correction file with mistakes gets a one-line error naming file and line


_GOOD = {"doc_id": "x", "block": 0, "offset": 0, "text": "The CR rate was 90%.",
         "spans": [{"start": 16, "end": 19, "label": "CR", "text": "90%"}]}


@pytest.mark.parametrize("broken, expected", [
    ({"spans": [{"start": 16, "end": 19, "label": "REMISSION", "text": "90%"}]}, "unknown label 'REMISSION'"),
    ({"spans": [{"start": 16, "end": 40, "label": "CR"}]}, "outside the block text"),
    ({"spans": [{"start": 15, "end": 19, "label": "CR", "text": "90%"}]}, "does not match"),
])
def test_bad_correction_record_is_reported_with_file_and_line(tmp_path, broken, expected):
    spans = tmp_path / "spans"
    spans.mkdir()
    path = spans / "x.jsonl"
    path.write_text(json.dumps(_GOOD) + "\n" + json.dumps({**_GOOD, **broken}) + "\n", encoding="utf-8")
    with pytest.raises(CorrectionFileError) as caught:
        load_gold_spans("x", annotations_dir=tmp_path)
    message = caught.value.one_line()
    assert str(path) in message and "line 2" in message and expected in message
    assert "\n" not in message


def test_eval_with_a_bad_correction_file_exits_with_one_line(tmp_path):
    (tmp_path / "annotations" / "spans").mkdir(parents=True)
    bad = {**_GOOD, "spans": [{"start": 16, "end": 19, "label": "RESPONSE"}]}
    (tmp_path / "annotations" / "spans" / "x.jsonl").write_text(json.dumps(bad) + "\n", encoding="utf-8")
    done = subprocess.run([sys.executable, "-m", "extract", "eval", "-o", str(tmp_path / "out"),
                            "--annotations", str(tmp_path / "annotations")],
                           capture_output=True, text=True, timeout=300)
    assert done.returncode == 1
    lines = [line for line in done.stderr.splitlines() if line.strip()]
    assert len(lines) == 1 and "x.jsonl" in lines[0] and "unknown label 'RESPONSE'" in lines[0]


def test_eval_writes_its_scores_beside_the_runs_set_never_into_it(tmp_path):
    from extract.cli import main

    annotations = tmp_path / "annotations"
    (annotations / "spans").mkdir(parents=True)
    (annotations / "spans" / "x.jsonl").write_text(json.dumps(_GOOD) + "\n", encoding="utf-8")
    (annotations / "text").mkdir()
    (annotations / "text" / "x.reference.txt").write_text(_GOOD["text"] + "\n", encoding="utf-8")
    out = tmp_path / "out"
    out.mkdir()
    (out / "metrics.json").write_text("{\"from\": \"the last run\"}\n", encoding="utf-8")
    assert main(["eval", "-o", str(out), "--annotations", str(annotations)]) == 0
    assert json.loads((out / "eval" / "metrics.json").read_text(encoding="utf-8"))["entities"]
    assert (out / "eval" / "metrics.md").is_file()
    assert (out / "metrics.json").read_text(encoding="utf-8") == "{\"from\": \"the last run\"}\n"
