"""A row keeps its `row_id` while it is the same cohort: the extractor reading a value
differently, a table label read as a regimen instead of a trial, another evidence sentence
or page leave it; another study, group or document give another id. Rows sharing a key
follow the documented collision rule."""

from __future__ import annotations

import dataclasses

from factories.evidence_texts import acme, rows_of

import extract.pipeline
import extract.rows.document
import extract.rows.from_tables
from extract.cli import main
from extract.rows.schema import EvidenceRow, assign_row_ids, row_id_of, row_key, table_row_label
from extract.store.fingerprint import extractor_fingerprint

TABLE_PAPER = """Results

Table 1. Outcomes of frontline regimens

Study\tRegimen\tN\tCR, %
GRAALL-2005\thyper-CVAD\t120\t90
NILG-09\tblinatumomab\t40\t85
"""


def _row(**fields) -> EvidenceRow:
    base = dict(doc_id="paper", source="text", trial="ACME-7", agents="blinatumomab", n=42, cr_pct=83.0,
                evidence="The CR rate was 83%.", page=3, sent_start=10, sent_end=30)
    return EvidenceRow(**{**base, **fields})


def _id(row: EvidenceRow, label: str = "") -> str:
    return row_id_of(row_key(row, label))


def test_values_evidence_and_place_are_not_part_of_the_id():
    same = _id(_row())
    for change in (dict(n=44), dict(cr_pct=85.0), dict(os_pct=64.0, os_years=2.0), dict(age_median=51.0),
                   dict(evidence="Another sentence."), dict(page=4, sent_start=99, sent_end=120, bbox="1,2,3,4"),
                   dict(trial="acme 7"), dict(agents="Blinatumomab")):  # folded as comparable() folds names
        assert _id(_row(**change)) == same, change


def test_another_study_group_source_or_document_is_another_row():
    same = _id(_row())
    for change in (dict(trial="ACME-8"), dict(agents="inotuzumab"), dict(subgroup="older patients"),
                   dict(source="table"), dict(doc_id="other")):
        assert _id(_row(**change)) != same, change


def test_a_table_row_is_its_table_and_label_cells_whatever_the_rules_read_from_them():
    label = table_row_label(1, "GRAALL-2005", "hyper-CVAD")
    as_trial = _row(source="table", trial="GRAALL-2005", agents="hyper-cvad")
    as_regimen = _row(source="table", trial="", agents="graall;hyper-cvad", n=121)
    assert _id(as_trial, label) == _id(as_regimen, label)
    assert _id(as_trial, label) != _id(as_trial, table_row_label(2, "GRAALL-2005", "hyper-CVAD"))
    assert table_row_label(1, "GRAALL–2005 ", "Hyper CVAD") == label  # dashes, case, spaces folded


def test_rows_sharing_a_key_are_told_apart_by_page_then_order():
    rows = [_row(page=2), _row(page=5, cr_pct=70.0), _row(page=5, cr_pct=60.0), _row(agents="other")]
    assign_row_ids(rows)
    base = _id(_row())
    assert [r.row_id for r in rows] == [base, f"{base}-p5", f"{base}-p5-2", _id(_row(agents="other"))]
    # dropping the second row leaves the first and last ids alone
    again = [_row(page=2), _row(page=5, cr_pct=60.0), _row(agents="other")]
    assign_row_ids(again)
    assert [r.row_id for r in again] == [base, f"{base}-p5", _id(_row(agents="other"))]


def _new_extractor(monkeypatch, knowledge: str) -> None:
    changed = dataclasses.replace(extractor_fingerprint(), knowledge_hash=knowledge)
    monkeypatch.setattr(extract.pipeline, "extractor_fingerprint", lambda: changed)


def test_a_rules_change_that_alters_a_value_keeps_the_row_id(folder, refresh, monkeypatch, capsys):
    folder.write("acme.txt", acme())
    refresh()
    before = rows_of(folder.out)
    assemble = extract.rows.document.assemble_document

    def reads_n_differently(doc_id, paragraphs):
        return [dataclasses.replace(r, n=r.n + 1) if r.n else r for r in assemble(doc_id, paragraphs)]

    monkeypatch.setattr(extract.rows.document, "assemble_document", reads_n_differently)
    _new_extractor(monkeypatch, "n-rule-changed")
    assert refresh() == 0
    after = rows_of(folder.out)
    assert list(after["row_id"]) == list(before["row_id"]) and list(after["n"]) == [43]
    capsys.readouterr()
    main(["diff", "-o", str(folder.out)])
    assert capsys.readouterr().out.splitlines()[2:] == [
        f"~ {after['row_id'][0]}  acme  text  ACME-7 / blinatumomab  (extractor changed)", "    n: 42 → 43"]


def test_a_table_label_read_as_a_regimen_keeps_the_row_id(folder, refresh, monkeypatch):
    folder.write("paper.txt", TABLE_PAPER)
    refresh()
    before = rows_of(folder.out)
    assert list(before["trial"]) == ["GRAALL-2005", "NILG-09"]
    names = extract.rows.from_tables.agent_names

    def knows_graall_as_regimen(text):
        return ["graall"] if text.startswith("GRAALL") else names(text)

    monkeypatch.setattr(extract.rows.from_tables, "agent_names", knows_graall_as_regimen)
    _new_extractor(monkeypatch, "graall-is-a-regimen")
    refresh()
    after = rows_of(folder.out)
    assert list(after["trial"]) == ["", "NILG-09"] and after["agents"][0] == "graall;hyper-cvad"
    assert list(after["row_id"]) == list(before["row_id"])
