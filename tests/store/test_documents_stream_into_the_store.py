"""Documents stream into the store: each analysis is stored when its document is read,
before the next one is, and the run keeps only summaries (counts and rows) of them."""

import sqlite3

from factories.evidence_texts import BOLD, acme

import extract.pipeline
from extract.store.db import STORE_NAME, open_store
from extract.store.fingerprint import extractor_fingerprint
from extract.store.records import AnalysisSummary


def test_each_analysis_is_stored_before_the_next_document_is_read(folder, refresh, monkeypatch):
    folder.write("a-acme.txt", acme())
    folder.write("b-bold.txt", BOLD)
    folder.write("c-cara.txt", BOLD.replace("BOLD-3", "CARA-1"))
    stored_before = []
    read = extract.pipeline.read_document

    def spy(task, nlp=None):
        conn = sqlite3.connect(folder.out / STORE_NAME)
        try:
            stored_before.append(conn.execute("SELECT COUNT(*) FROM analyses").fetchone()[0])
        finally:
            conn.close()
        return read(task, nlp)

    monkeypatch.setattr(extract.pipeline, "read_document", spy)
    assert refresh() == 0
    assert stored_before == [0, 1, 2]


def test_the_run_keeps_summaries_not_documents(folder, nlp):
    folder.write("acme.txt", acme())
    with open_store(folder.out / STORE_NAME) as store:
        found = extract.pipeline.read_inputs([str(folder.inputs)], store, extractor_fingerprint().digest, False, nlp)
        ((_, doc_id, kept, action),) = found.documents
        assert isinstance(kept, AnalysisSummary) and not hasattr(kept, "text") and not hasattr(kept, "entities")
        assert (doc_id, action, kept.n_entities > 0, len(kept.rows)) == ("acme", "analysed", True, 1)
        assert store.analysis_text(kept.analysis_id).startswith(acme()[:40])  # the text is in the store
