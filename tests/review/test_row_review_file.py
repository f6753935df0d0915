"""Row review: `review export --rows` writes the last run's rows with a verdict column;
the same file, with verdicts filled in, comes back through `review import`: accept marks
the row checked, reject marks it rejected, edit overrides the edited fields; every run
after keeps them."""

from __future__ import annotations

import pandas as pd
from factories.review_exports import ABSTRACT


def _reviewed(loop, **cells) -> str:
    (loop.inputs / "abstract.txt").write_text(ABSTRACT, encoding="utf-8")
    (loop.inputs / "other.txt").write_text(ABSTRACT.replace("ACME-7", "ACME-9"), encoding="utf-8")
    assert loop.run() == 0
    path = loop.root / "rows-review.csv"
    assert loop.cli("review", "export", "--rows", "-o", str(path)) == 0
    frame = pd.read_csv(path, dtype=str, keep_default_na=False)
    assert list(frame["verdict"]) == ["", ""] and list(frame["status"]) == ["predicted", "predicted"]
    for column, values in cells.items():
        frame[column] = values
    frame.to_csv(path, index=False)
    return str(path)


def test_edit_and_reject_reach_rows_csv_and_stay(loop):
    path = _reviewed(loop, verdict=["edit", "reject"], n=["40", "42"])
    assert loop.cli("review", "import", path, "--annotator", "rev") == 0
    for _ in range(2):  # applied on the run after the import and on every refresh
        assert loop.run() == 0
        rows = loop.rows().set_index("trial")
        assert (rows.loc["ACME-7", "n"], rows.loc["ACME-7", "status"], rows.loc["ACME-7", "corrected_by"]) == \
            (40, "corrected", "rev")
        assert (rows.loc["ACME-9", "n"], rows.loc["ACME-9", "status"]) == (42, "rejected")


def test_accept_marks_the_row_checked(loop):
    path = _reviewed(loop, verdict=["accept", ""])
    assert loop.cli("review", "import", path, "--annotator", "rev") == 0
    assert loop.run() == 0
    assert list(loop.rows()["status"]) == ["corrected", "predicted"]


def test_a_bad_verdict_or_number_is_one_line(loop, capsys):
    path = _reviewed(loop, verdict=["edit", "maybe"], n=["forty", "42"])
    capsys.readouterr()
    assert loop.cli("review", "import", path) == 1
    err = capsys.readouterr().err
    assert err.count("\n") == 1 and "rows-review.csv: line 2: n 'forty' is not a number" in err
