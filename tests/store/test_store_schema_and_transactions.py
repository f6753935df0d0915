"""The store file: created at the current schema, migrated in place by numbered
migrations (data kept), refused with one line when it is newer than the program or not a
store; a run is one transaction, so a failure while storing leaves no trace of it."""

from __future__ import annotations

import sqlite3

import pytest
from factories.evidence_texts import BOLD, acme

import extract.store.db as db
from extract.store.db import StoreError, latest_version, open_store


def test_a_new_store_has_the_current_schema_and_every_table(tmp_path):
    with open_store(tmp_path / "s.sqlite") as store:
        assert store.schema_version == latest_version()
        tables = {r[0] for r in store.conn.execute("SELECT name FROM sqlite_master WHERE type = 'table'")}
    assert {"runs", "documents", "analyses", "entities", "row_versions", "row_fields", "run_documents", "run_rows",
            "validations", "validation_results", "metrics", "corrections", "run_corrections"} <= tables


def test_a_migration_upgrades_an_existing_store_and_keeps_its_runs(folder, refresh, monkeypatch):
    folder.write("acme.txt", acme())
    refresh()
    extra = (latest_version() + 1, "ALTER TABLE runs ADD COLUMN note TEXT NOT NULL DEFAULT '';")
    monkeypatch.setattr(db, "MIGRATIONS", [*db.MIGRATIONS, extra])
    with folder.store() as store:
        assert store.schema_version == extra[0]
        assert store.conn.execute("SELECT run_id, note FROM runs").fetchall() == [(1, "")]
    assert refresh() == 0  # and the next run works on it


def test_a_store_from_a_newer_program_is_refused(tmp_path):
    path = tmp_path / "s.sqlite"
    conn = sqlite3.connect(path)
    conn.execute(f"PRAGMA user_version = {latest_version() + 5}")
    conn.close()
    with pytest.raises(StoreError, match="newer than this program"):
        open_store(path)


def test_a_file_that_is_not_a_store_is_refused_in_one_line(tmp_path):
    path = tmp_path / "s.sqlite"
    path.write_bytes(b"this is not a database, just text that is long enough to be a header" * 2)
    with pytest.raises(StoreError) as caught:
        open_store(path)
    assert "\n" not in caught.value.one_line() and str(path) in caught.value.one_line()


def test_a_run_that_fails_while_storing_leaves_no_run_and_whole_analyses(folder, refresh, monkeypatch):
    """Analyses are stored one document at a time as they are read; the run record is one
    transaction. A failure while storing the run leaves no run, no run row and the old
    outputs; what was analysed before it is whole and reused by the next run."""
    folder.write("acme.txt", acme())
    refresh()
    before = {n: (folder.out / n).read_bytes() for n in ("rows.csv", "report.md")}
    run_tables = ("runs", "run_documents", "run_rows", "validations")
    with folder.store() as store:
        counts = {t: store.conn.execute(f"SELECT COUNT(*) FROM {t}").fetchone()[0] for t in run_tables}
    folder.write("bold.txt", BOLD)
    save_run = db.Store.save_run
    insert = db.Store._insert_row_version
    calls = {"n": 0}

    def disk_full_after_one(self, row):
        calls["n"] += 1
        if calls["n"] > 1:
            raise sqlite3.OperationalError("database or disk is full")
        return insert(self, row)

    def save_run_on_a_full_disk(self, run):
        monkeypatch.setattr(db.Store, "_insert_row_version", disk_full_after_one)
        return save_run(self, run)

    monkeypatch.setattr(db.Store, "save_run", save_run_on_a_full_disk)
    with pytest.raises(sqlite3.OperationalError):
        refresh()
    with folder.store() as store:
        assert counts == {t: store.conn.execute(f"SELECT COUNT(*) FROM {t}").fetchone()[0] for t in counts}
        stored = store.find_analysis("bold", store.conn.execute(
            "SELECT sha256 FROM analyses WHERE doc_id = 'bold'").fetchone()[0], store.conn.execute(
            "SELECT fingerprint FROM analyses WHERE doc_id = 'bold'").fetchone()[0])
        assert stored is not None and stored.rows and stored.n_entities > 0  # whole, not half written
    assert before == {n: (folder.out / n).read_bytes() for n in before}
    monkeypatch.undo()
    assert refresh() == 0
    with folder.store() as store:
        assert (store.runs()[-1].n_analysed, store.runs()[-1].n_reused) == (0, 2)  # the analysis was kept for reuse


def test_every_value_is_stored_with_its_provenance(folder, refresh):
    folder.write("acme.txt", acme())
    refresh()
    with folder.store() as store:
        row_id = store.run_rows(1)[0].row.row_id
        fields = {f: (value, s, e) for _, f, value, _, _, s, e in store.row_provenance(row_id)}
    text = (folder.inputs / "acme.txt").read_text(encoding="utf-8")
    assert fields["cr_pct"][0] == 83.0 and fields["n"][0] == 42 and fields["trial"][0] == "ACME-7"
    start, end = fields["cr_pct"][1:]
    assert "83%" in text[start:end]
