"""An export that does not check out is rejected whole, with one line naming the file and
the line of the bad record and what to do: nothing of it reaches the ledger or the store."""

from __future__ import annotations

import json

import pytest
from factories.review_exports import ABSTRACT, label_studio_export, swap_cr_and_mrd

from extract.store.db import open_store


def _tamper_span_text(tasks):
    tasks[-1]["annotations"][0]["result"][0]["value"]["text"] = "ACME-8"


def _tamper_offsets(tasks):
    tasks[-1]["annotations"][0]["result"][0]["value"]["end"] = 10_000


def _tamper_label(tasks):
    tasks[-1]["annotations"][0]["result"][0]["value"]["labels"] = ["DRUG"]


def _tamper_task_text(tasks):
    tasks[-1]["data"]["text"] = tasks[-1]["data"]["text"].replace("42 patients", "43 patients")


def _not_ours(tasks):
    del tasks[-1]["data"]["extract_doc_id"]


@pytest.mark.parametrize("tamper, says", [
    (_tamper_span_text, "span text 'ACME-8' is not the task text"),
    (_tamper_offsets, "span offsets 15..10000 outside the task text"),
    (_tamper_label, "unknown label 'DRUG'"),
    (_tamper_task_text, "task text differs from the exported block"),
    (_not_ours, "task is not ours (no extract_doc_id)"),
])
def test_a_tampered_export_is_rejected_whole_with_one_line(loop, capsys, tamper, says):
    (loop.inputs / "abstract.txt").write_text(ABSTRACT, encoding="utf-8")
    assert loop.run() == 0
    tasks = label_studio_export(json.loads(loop.export().read_text(encoding="utf-8")), swap_cr_and_mrd)
    for task in tasks[:-1]:  # a good task before the bad one: it must not be imported either
        task["annotations"] = [{"id": 9, "completed_by": 1, "result": [], "was_cancelled": False}]
    tamper(tasks)
    export = loop.root / "export.json"
    export.write_text(json.dumps(tasks, indent=1), encoding="utf-8")
    lines = export.read_text(encoding="utf-8").splitlines()
    line = max(i for i, text in enumerate(lines) if text == " {") + 1  # where the last task starts
    capsys.readouterr()
    assert loop.cli("review", "import", str(export)) == 1
    err = capsys.readouterr().err
    assert err.count("\n") == 1 and err.startswith(f"error: {export}: line {line}: ") and says in err, err
    assert not loop.ledger.exists() or not any(loop.ledger.iterdir())
    with open_store(loop.out / "evidence.sqlite") as store:
        assert store.conn.execute("SELECT COUNT(*) FROM corrections").fetchone()[0] == 0
