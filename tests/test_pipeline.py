"""The main job end to end: `python -m extract run` on small inputs and on the corpus."""

import json
import re
import subprocess
import sys
from pathlib import Path

import pandas as pd
import pytest

from extract.fileio import atomic_write_text
from extract.pipeline import run_batch
from extract.store.db import STORE_NAME
from extract.store.export import SET_NAMES
from extract.types import SPEC_COLUMNS

REPO = Path(__file__).resolve().parents[1]
ABSTRACT = """Results

In the phase 2 ACME-7 trial, 42 patients (median age, 51 years; range, 19 to 77 years) received blinatumomab. The CR rate was 83% and the MRD negativity rate was 76%. The 2-year OS rate was 64%.
"""


def run_cli(*args: str, cwd: Path = REPO) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-m", "extract", *args], cwd=cwd, capture_output=True, text=True,
                          timeout=600)


def test_run_on_a_batch_with_bad_files(tmp_path):
    inputs = tmp_path / "in"
    inputs.mkdir()
    (inputs / "abstract.txt").write_text(ABSTRACT, encoding="utf-8")
    (inputs / "not-a-pdf.pdf").write_text("plain text pretending", encoding="utf-8")
    (inputs / "empty.txt").write_bytes(b"")
    out = tmp_path / "out"
    done = run_cli("run", str(inputs), "-o", str(out))
    assert done.returncode == 1  # some files failed ...
    errors = [line for line in done.stderr.splitlines() if line.startswith("error:")]
    assert len(errors) == 2 and any("not-a-pdf.pdf" in e for e in errors) and any("empty.txt" in e for e in errors)
    rows = pd.read_csv(out / "rows.csv")  # ... and the good one still went through
    assert list(rows.columns[: len(SPEC_COLUMNS)]) == list(SPEC_COLUMNS)
    assert len(rows) == 1
    row = rows.iloc[0]
    assert (row.doc_id, row.source, row.trial, row.agents) == ("abstract", "text", "ACME-7", "blinatumomab")
    assert (row.n, row.age_median, row.age_min, row.age_max) == (42, 51, 19, 77)
    assert (row.cr_pct, row.mrd_neg_pct, row.os_pct, row.os_years) == (83, 76, 64, 2)
    text = (inputs / "abstract.txt").read_text(encoding="utf-8")
    assert text[row.sent_start: row.sent_end].startswith("The CR rate was 83%")
    entities = [json.loads(line) for line in (out / "entities.jsonl").read_text(encoding="utf-8").splitlines()]
    assert entities[0]["text"] == text  # offsets index the file exactly
    for span in entities[0]["spans"]:
        assert text[span["start"]: span["end"]] == span["text"]
    validation = json.loads((out / "validation.json").read_text(encoding="utf-8"))
    assert validation["success"] is True
    report = (out / "report.md").read_text(encoding="utf-8")
    assert "not-a-pdf.pdf" in report and "Validation" in report
    assert not any(p.name.endswith(".tmp") for p in out.iterdir())


def test_atomic_write_keeps_the_old_file_when_writing_fails(tmp_path, monkeypatch):
    import extract.fileio

    target = tmp_path / "rows.csv"
    atomic_write_text(target, "old complete content\n")

    def disk_full(*_args):
        raise OSError("No space left on device")

    monkeypatch.setattr(extract.fileio.os, "replace", disk_full)  # fails after the data is written
    with pytest.raises(OSError):
        atomic_write_text(target, "new content that never lands\n")
    assert target.read_text() == "old complete content\n"
    assert [p.name for p in tmp_path.iterdir()] == ["rows.csv"]  # no temporary file left behind


@pytest.fixture(scope="module")
def corpus_run(tmp_path_factory):
    out = tmp_path_factory.mktemp("corpus_out")
    done = run_cli("run", "corpus", "-o", str(out), "-j", "1")  # in one process; tests/test_pipeline_engines.py: -j 2, dask
    assert done.returncode == 0, done.stderr
    return out


def test_corpus_run_writes_every_output(corpus_run):
    for name in ("rows.csv", "entities.jsonl", "validation.json", "report.md", "metrics.json", "metrics.md"):
        assert (corpus_run / name).stat().st_size > 0, name
    rows = pd.read_csv(corpus_run / "rows.csv")
    assert set(rows["doc_id"]) == {"jabbour-2023-jho", "sucre-2025-cells"}  # the manifest is not a paper
    tables = rows[rows["source"] == "table"]
    assert len(tables) == 16
    eliana = tables[tables["trial"] == "ELIANA"].iloc[0]
    assert (eliana.n, eliana.cr_pct, eliana.mrd_neg_pct, eliana.mrd_method, eliana.os_pct, eliana.os_years) == \
        (97, 66, 98, "flow", 55, 5)
    # every text row points back to a page and a box of the PDF
    text_rows = rows[rows["source"] == "text"]
    assert text_rows["page"].notna().all() and text_rows["bbox"].notna().all()


CHANGES_SECTION = re.compile(r"^## Changes since the last run\n.*?(?=^## )", re.M | re.S)


def exported_bytes(path: Path) -> bytes:
    """An exported file as compared across stores: report.md less its "changes since the last
    run" section, which depends on the store's history (a fresh store says "first run")."""
    data = path.read_bytes()
    if path.name == "report.md":
        data = CHANGES_SECTION.sub("", data.decode("utf-8")).encode("utf-8")
    return data


def test_corpus_run_reproduces_the_committed_outputs_byte_for_byte(corpus_run):
    """Outputs are deterministic, and outputs/ in the repository is what `run` writes today:
    a change of behaviour shows up here and in the diff of outputs/. The store beside them
    (evidence.sqlite, run history) is not committed and not compared."""
    committed = REPO / "outputs"
    names = sorted(p.name for p in committed.iterdir() if p.name in SET_NAMES)
    assert names == sorted(p.name for p in corpus_run.iterdir() if p.name not in (STORE_NAME, f"{STORE_NAME}.lock"))
    for name in names:
        assert exported_bytes(corpus_run / name) == exported_bytes(committed / name), name


def test_corpus_scores_do_not_regress(corpus_run):
    metrics = json.loads((corpus_run / "metrics.json").read_text(encoding="utf-8"))
    entities = metrics["entities"]["overall"]["strict"]
    assert entities["micro"]["f1"] >= 0.99
    assert all(entities[label]["f1"] >= 0.98 for label in ("TRIAL", "AGENT", "N", "AGE", "CR", "MRD", "OS"))
    rows = metrics["rows"]["overall"]
    # floors just under the measured level (README scoreboard): a drop means a regression
    assert rows["overall"]["f1"] >= 0.97
    assert rows["exact_rows"] >= 0.84
    assert metrics["rows"]["per_document"]["jabbour-2023-jho"]["table"]["exact_rows"] == 1.0


def test_run_batch_reports_a_fault_in_one_file_and_goes_on(tmp_path, capsys):
    for name in ("a.txt", "b.txt", "c.txt"):
        (tmp_path / name).write_text("text", encoding="utf-8")

    def handle(path):
        if path.name == "b.txt":
            raise RuntimeError("layout we did not foresee")
        return path.name

    results, errors = run_batch([tmp_path], handle)
    assert results == ["a.txt", "c.txt"]
    assert len(errors) == 1 and "b.txt" in errors[0] and "internal error" in errors[0]
    assert capsys.readouterr().err.strip().splitlines() == [f"error: {errors[0]}"]


def test_an_unreadable_file_is_named_as_such_and_the_batch_goes_on(tmp_path):
    for name in ("a.txt", "b.txt"):
        (tmp_path / name).write_text("text", encoding="utf-8")

    def handle(path):
        if path.name == "a.txt":
            raise PermissionError(13, "Permission denied", str(path))
        return path.name

    results, errors = run_batch([tmp_path], handle)
    assert results == ["b.txt"]
    assert errors == [f"{tmp_path / 'a.txt'}: permission denied; check the file's permissions (it must be readable by this user)"]
