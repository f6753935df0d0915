"""A refresh reads only what changed: an unchanged document (same sha256, same extractor
fingerprint) comes from the store; an added, changed or removed one is recorded as such;
a new extractor fingerprint reads everything again; outputs are the same bytes when
nothing changed."""

from __future__ import annotations

import dataclasses
import json

import pandas as pd
from factories.evidence_texts import BOLD, acme, rows_of, run_docs

import extract.pipeline
from extract.store.export import SET_NAMES
from extract.store.fingerprint import extractor_fingerprint


def test_adding_a_paper_reads_only_that_paper(folder, refresh):
    folder.write("acme.txt", acme())
    assert refresh() == 0
    folder.write("bold.txt", BOLD)
    assert refresh() == 0
    with folder.store() as store:
        runs = store.runs()
        assert [(r.n_analysed, r.n_reused, r.n_added) for r in runs] == [(1, 0, 1), (1, 1, 1)]
        assert run_docs(store, 2) == {"acme": ("unchanged", "reused"), "bold": ("new", "analysed")}
    rows = rows_of(folder.out)
    assert list(rows["doc_id"]) == ["acme", "bold"]
    assert list(rows["path"]) == [str(folder.inputs / "acme.txt"), str(folder.inputs / "bold.txt")]


def test_a_changed_paper_is_read_again_and_its_row_keeps_its_id(folder, refresh):
    folder.write("acme.txt", acme(83))
    folder.write("bold.txt", BOLD)
    refresh()
    before = rows_of(folder.out)
    folder.write("acme.txt", acme(85))
    assert refresh() == 0
    after = rows_of(folder.out)
    with folder.store() as store:
        assert run_docs(store, 2) == {"acme": ("changed", "analysed"), "bold": ("unchanged", "reused")}
        assert store.runs()[-1].n_changed == 1
    assert list(after["row_id"]) == list(before["row_id"])
    assert list(after["cr_pct"]) == [85.0, 71.0]


def test_a_removed_paper_is_recorded_as_removed_and_its_rows_go(folder, refresh):
    folder.write("acme.txt", acme())
    folder.write("bold.txt", BOLD)
    refresh()
    folder.remove("bold.txt")
    assert refresh() == 0
    with folder.store() as store:
        assert run_docs(store, 2) == {"acme": ("unchanged", "reused"), "bold": ("removed", "")}
        assert (store.runs()[-1].n_removed, store.runs()[-1].n_deleted) == (1, 1)
    assert list(rows_of(folder.out)["doc_id"]) == ["acme"]
    entities = [json.loads(x) for x in (folder.out / "entities.jsonl").read_text(encoding="utf-8").splitlines()]
    assert [e["doc_id"] for e in entities] == ["acme"]


def test_a_new_extractor_fingerprint_reads_every_paper_again(folder, refresh, monkeypatch):
    folder.write("acme.txt", acme())
    folder.write("bold.txt", BOLD)
    refresh()
    first = {name: (folder.out / name).read_bytes() for name in ("rows.csv", "entities.jsonl", "validation.json")}
    changed = dataclasses.replace(extractor_fingerprint(), knowledge_hash="another-lexicon")
    monkeypatch.setattr(extract.pipeline, "extractor_fingerprint", lambda: changed)
    assert refresh() == 0
    with folder.store() as store:
        last = store.runs()[-1]
        assert (last.n_analysed, last.n_reused, last.fingerprint) == (2, 0, changed.digest)
        assert (last.n_added, last.n_deleted, last.n_changed) == (0, 0, 0)  # same rules, same rows
    for name, data in first.items():
        assert (folder.out / name).read_bytes() == data, name


def test_full_reads_everything_again(folder, refresh):
    folder.write("acme.txt", acme())
    refresh()
    assert refresh(full=True) == 0
    with folder.store() as store:
        assert [(r.n_analysed, r.n_reused) for r in store.runs()] == [(1, 0), (1, 0)]


def test_a_refresh_where_nothing_changed_writes_the_same_bytes(folder, refresh, tmp_path):
    folder.write("acme.txt", acme())
    folder.write("bold.txt", BOLD)
    refresh()
    refresh()
    second = {n: (folder.out / n).read_bytes() for n in SET_NAMES if (folder.out / n).exists()}
    assert refresh() == 0
    assert {n: (folder.out / n).read_bytes() for n in second} == second
    assert "No changes" not in second["report.md"].decode() and "Rows: no changes." in second["report.md"].decode()
    with folder.store() as store:
        assert [(r.n_analysed, r.n_reused) for r in store.runs()] == [(2, 0), (0, 2), (0, 2)]


def test_rows_csv_names_each_row_and_its_file(folder, refresh):
    folder.write("acme.txt", acme())
    refresh()
    rows = rows_of(folder.out)
    assert list(rows.columns[-5:]) == ["flags", "status", "corrected_by", "row_id", "path"]
    assert set(rows["status"]) == {"predicted"} and not rows["corrected_by"].any()
    assert rows["row_id"].str.fullmatch(r"[0-9a-f]{12}").all()
    frame = pd.read_csv(folder.out / "rows.csv")
    assert frame.columns[0] == "doc_id"


def test_two_inputs_with_one_stem_get_two_doc_ids(folder, refresh, tmp_path):
    other = tmp_path / "other"
    other.mkdir()
    (other / "acme.txt").write_text(BOLD, encoding="utf-8")
    folder.write("acme.txt", acme())
    assert refresh(folder.inputs, other) == 0
    rows = rows_of(folder.out)
    assert list(rows["doc_id"]) == ["acme", "acme-2"] and rows["row_id"].is_unique
    assert refresh(folder.inputs, other) == 0  # and each is found again in the store
    with folder.store() as store:
        assert run_docs(store, 2) == {"acme": ("unchanged", "reused"), "acme-2": ("unchanged", "reused")}


def test_the_store_keeps_each_document_version_with_its_title_and_doi(folder, refresh):
    folder.write("acme.txt", "# ACME-7: blinatumomab in adults\n\nAvailable at https://doi.org/10.1234/acme.2024.7.\n\n"
                 + acme())
    refresh()
    folder.write("acme.txt", acme())
    refresh()
    with folder.store() as store:
        versions = store.conn.execute("SELECT doc_id, title, doi, first_run FROM documents ORDER BY first_run").fetchall()
    assert versions == [("acme", "ACME-7: blinatumomab in adults", "10.1234/acme.2024.7", 1), ("acme", "", "", 2)]
