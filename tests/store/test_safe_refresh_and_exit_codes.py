"""A refresh never replaces a table with nothing by accident, and says by its exit status
what happened: 0 all read and valid, 1 some inputs failed, 2 refused (no inputs, or every
input failed, while a non-empty table exists: nothing written), 3 validation flagged rows."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

from factories.evidence_texts import BOLD, FLAGGED, acme, rows_of

from extract.store.export import SET_NAMES

REPO = Path(__file__).resolve().parents[2]


def _outputs(out: Path) -> dict[str, bytes]:
    return {n: (out / n).read_bytes() for n in SET_NAMES if (out / n).exists()}


def test_an_empty_folder_does_not_replace_the_table(folder, refresh, tmp_path, capsys):
    folder.write("acme.txt", acme())
    refresh()
    kept = _outputs(folder.out)
    empty = tmp_path / "empty"
    empty.mkdir()
    capsys.readouterr()
    assert refresh(empty) == 2
    err = capsys.readouterr().err.strip().splitlines()
    assert len(err) == 1 and err[0].startswith("error: refusing to replace the table (1 rows) with an empty one: "
                                               f"no inputs found in {empty}")
    assert _outputs(folder.out) == kept
    with folder.store() as store:
        runs = store.runs()
        assert [(r.status, r.exit_status) for r in runs] == [("complete", 0), ("refused", 2)]
        assert store.latest_run().run_id == 1  # the table is still run 1's
    assert refresh(empty, allow_empty=True) == 0
    assert len(rows_of(folder.out)) == 0


def test_every_input_failing_does_not_replace_the_table(folder, refresh, tmp_path, capsys):
    folder.write("acme.txt", acme())
    refresh()
    kept = _outputs(folder.out)
    capsys.readouterr()
    assert refresh(tmp_path / "no-such-folder") == 2  # a typo in the path
    err = capsys.readouterr().err.strip().splitlines()
    assert err[-1].startswith("error: refusing to replace the table (1 rows) with an empty one: every input failed")
    (folder.inputs / "acme.txt").write_bytes(b"")
    assert refresh() == 2
    assert _outputs(folder.out) == kept


def test_a_failed_input_among_good_ones_is_exit_1_and_its_rows_go(folder, refresh):
    folder.write("acme.txt", acme())
    folder.write("bold.txt", BOLD)
    refresh()
    (folder.inputs / "bold.txt").write_bytes(b"")
    assert refresh() == 1
    assert list(rows_of(folder.out)["doc_id"]) == ["acme"]
    report = (folder.out / "report.md").read_text(encoding="utf-8")
    assert "## Files that failed" in report and "Documents: failed: bold." in report


def test_validation_failure_is_exit_3_unless_told_otherwise(folder, refresh):
    folder.write("flagged.txt", FLAGGED)
    assert refresh() == 3
    assert rows_of(folder.out)["flags"][0] != ""  # flagged, kept
    assert refresh(fail_on_validation=False) == 0


def _cli(*args: str) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-m", "extract", *args], cwd=REPO, capture_output=True, text=True,
                          timeout=600)


def test_exit_codes_from_the_command_line(tmp_path):
    inputs, out = tmp_path / "in", tmp_path / "out"
    inputs.mkdir()
    (inputs / "flagged.txt").write_text(FLAGGED, encoding="utf-8")
    done = _cli("run", str(inputs), "-o", str(out), "--quiet")  # no progress line: stderr is the error alone
    assert done.returncode == 3 and done.stderr.strip().startswith("error: validation failed: 1 expectation(s)")
    assert _cli("run", str(inputs), "-o", str(out), "--no-fail-on-validation").returncode == 0
    assert _cli("run", str(tmp_path / "typo"), "-o", str(out)).returncode == 2
    assert _cli("run", str(tmp_path / "typo"), "-o", str(out), "--allow-empty").returncode == 1  # the path failed
    runs = _cli("runs", "-o", str(out))
    assert runs.returncode == 0
    assert [line.split("\t")[2:4] for line in runs.stdout.splitlines()[1:] if line[:1].isdigit()] == \
        [["complete", "3"], ["complete", "0"], ["refused", "2"], ["complete", "1"]]
    missing = _cli("runs", "--store", str(tmp_path / "none.sqlite"))
    assert missing.returncode == 1 and missing.stderr.count("\n") == 1 and "no evidence store" in missing.stderr
