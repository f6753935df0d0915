"""A correction imported once is applied on every later run: a refresh that reuses the
stored analysis, a run after a rules change (new extractor fingerprint), a changed
document (re-anchored by its block text, or reported stale and applied again once the text
is back), and a fresh store (brought back from the ledger)."""

from __future__ import annotations

import dataclasses
import shutil

from factories.review_exports import ABSTRACT

import extract.pipeline
from extract.store.db import open_store
from extract.store.fingerprint import extractor_fingerprint


def _corrected(loop) -> None:
    loop.import_swapped_cr_and_mrd()
    assert loop.run() == 0


def _row(loop):
    rows = loop.rows()
    assert len(rows) == 1
    return rows.iloc[0]


def test_the_corrected_values_and_status_reach_the_row_and_the_entities(loop):
    _corrected(loop)
    row = _row(loop)
    assert (row.cr_pct, row.mrd_neg_pct, row.status, row.corrected_by) == (76, 83, "corrected",
                                                                           "label-studio:ann@example.org")
    spans = {s["text"]: s for s in loop.entities()[0]["spans"]}
    assert spans["83%"]["label"] == "MRD" and spans["76%"]["label"] == "CR"
    assert spans["76%"]["value"]["number"] == 76  # a value read by the pipeline's own parsers


def test_a_refresh_reuses_the_corrected_analysis_without_reading_again(loop):
    _corrected(loop)
    assert loop.run() == 0
    with open_store(loop.out / "evidence.sqlite") as store:
        last = store.runs()[-1]
        assert (last.n_analysed, last.n_reused) == (0, 1)
    assert (_row(loop).cr_pct, _row(loop).status) == (76, "corrected")


def test_a_new_correction_reads_just_that_document_again(loop):
    (loop.inputs / "other.txt").write_text(ABSTRACT.replace("ACME-7", "ACME-9"), encoding="utf-8")
    _corrected(loop)  # both documents: the export holds both, the fix touches both
    with open_store(loop.out / "evidence.sqlite") as store:
        runs = store.runs()
        assert (runs[0].n_analysed, runs[-1].n_analysed, runs[-1].n_reused) == (2, 2, 0)
    assert loop.run() == 0
    with open_store(loop.out / "evidence.sqlite") as store:
        assert (store.runs()[-1].n_analysed, store.runs()[-1].n_reused) == (0, 2)


def test_a_rules_change_keeps_the_correction(loop, monkeypatch):
    _corrected(loop)
    changed = dataclasses.replace(extractor_fingerprint(), knowledge_hash="another-lexicon")
    monkeypatch.setattr(extract.pipeline, "extractor_fingerprint", lambda: changed)
    assert loop.run() == 0
    with open_store(loop.out / "evidence.sqlite") as store:
        assert store.runs()[-1].n_analysed == 1
    assert (_row(loop).cr_pct, _row(loop).status) == (76, "corrected")


def test_a_moved_block_is_re_anchored_by_its_text(loop):
    _corrected(loop)
    moved = "Background\n\nSome context first.\n\n" + ABSTRACT
    (loop.inputs / "abstract.txt").write_text(moved, encoding="utf-8")
    assert loop.run() == 0
    assert (_row(loop).cr_pct, _row(loop).mrd_neg_pct, _row(loop).status) == (76, 83, "corrected")
    report = (loop.out / "report.md").read_text(encoding="utf-8")
    assert "## Corrections" in report and "0 stale" in report


def test_a_block_that_is_gone_is_reported_stale_and_applied_again_once_back(loop, capsys):
    _corrected(loop)
    (loop.inputs / "abstract.txt").write_text(ABSTRACT.replace("42 patients", "44 patients"), encoding="utf-8")
    assert loop.run() == 0
    row = _row(loop)
    assert (row.cr_pct, row.status) == (83, "predicted")  # the pipeline's reading again
    report = (loop.out / "report.md").read_text(encoding="utf-8")
    assert "STALE, its block text is not in the document any more" in report
    capsys.readouterr()
    assert loop.cli("diff", "-o", str(loop.out)) == 0
    assert "stale correction" in capsys.readouterr().out
    (loop.inputs / "abstract.txt").write_text(ABSTRACT, encoding="utf-8")
    assert loop.run() == 0
    assert (_row(loop).cr_pct, _row(loop).status) == (76, "corrected")


def test_a_fresh_store_gets_the_corrections_back_from_the_ledger(loop):
    _corrected(loop)
    shutil.rmtree(loop.out)
    assert loop.run() == 0
    assert (_row(loop).cr_pct, _row(loop).status) == (76, "corrected")
    with open_store(loop.out / "evidence.sqlite") as store:
        assert store.conn.execute("SELECT COUNT(*) FROM corrections").fetchone()[0] == 1


def test_importing_the_same_file_again_adds_nothing(loop, capsys):
    _corrected(loop)
    ledger_files = sorted(loop.ledger.iterdir())
    capsys.readouterr()
    assert loop.cli("review", "import", str(loop.root / "export.json")) == 0
    assert "imported before; nothing added" in capsys.readouterr().out
    assert sorted(loop.ledger.iterdir()) == ledger_files
    with open_store(loop.out / "evidence.sqlite") as store:
        assert store.conn.execute("SELECT COUNT(*) FROM corrections").fetchone()[0] == 1
