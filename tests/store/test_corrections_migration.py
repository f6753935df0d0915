"""Migration 2 (the correction loop) upgrades a store made before it in place: what it
held is kept, the correction tables are ready, and runs work on it."""

from __future__ import annotations

from factories.evidence_texts import acme

from extract.store import db
from extract.store.db import STORE_NAME, latest_version, open_store


def test_a_store_made_before_the_correction_loop_is_upgraded(folder, refresh, monkeypatch):
    path = folder.out / STORE_NAME
    with monkeypatch.context() as before:
        before.setattr(db, "MIGRATIONS", db.MIGRATIONS[:1])
        with open_store(path) as store:
            assert store.schema_version == 1
            store.conn.execute(
                "INSERT INTO runs (started_at, finished_at, status, exit_status, fingerprint, package_version, "
                "code_hash, knowledge_hash, libraries, inputs_json, options_json, out_dir) VALUES "
                "('2026-01-01T00:00:00Z', '2026-01-01T00:00:01Z', 'refused', 2, 'f', 'v', 'c', 'k', '', '[]', '{}', "
                "'out')")
    with open_store(path) as store:
        assert store.schema_version == latest_version() == 3
        assert [(r.run_id, r.status) for r in store.runs()] == [(1, "refused")]
        assert {"corrections_key", "corrections_json"} <= {r[1] for r in store.conn.execute(
            "PRAGMA table_info(analyses)")}
        assert store.conn.execute("SELECT COUNT(*) FROM correction_imports").fetchone()[0] == 0
    folder.write("acme.txt", acme())
    assert refresh() == 0 and refresh() == 0
    with folder.store() as store:
        assert [(r.n_analysed, r.n_reused) for r in store.runs()[1:]] == [(1, 0), (0, 1)]
