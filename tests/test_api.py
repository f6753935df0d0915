"""The Python API and the version: `from extract import extract_rows` gives a DataFrame of
evidence rows with provenance and entities; `python -m extract --version`."""

import subprocess
import sys

from extract import __version__, extract_rows

ABSTRACT = """Results

In the phase 2 ACME-7 trial, 42 patients (median age, 51 years; range, 19 to 77 years) received blinatumomab. The CR rate was 83% and the MRD negativity rate was 76%. The 2-year OS rate was 64%.
"""


def test_extract_rows_gives_a_frame_of_rows_with_provenance_and_entities(tmp_path, nlp):
    (tmp_path / "acme.txt").write_text(ABSTRACT, encoding="utf-8")
    (tmp_path / "broken.pdf").write_text("not a pdf", encoding="utf-8")
    rows = extract_rows(tmp_path, nlp=nlp)
    assert len(rows) == 1
    row = rows.iloc[0]
    assert (row.trial, row.agents, row.n, row.cr_pct, row.os_pct, row.os_years) == ("ACME-7", "blinatumomab", 42, 83,
                                                                                     64, 2)
    assert row.path.endswith("acme.txt") and row.row_id
    text = rows.attrs["documents"]["acme"]["text"]
    assert text[row.sent_start:row.sent_end].startswith("The CR rate was 83%")
    labels = {(e["label"], e["text"]) for e in row.entities}
    assert {("CR", "83%"), ("MRD", "76%")} <= labels
    assert len(rows.attrs["errors"]) == 1 and "broken.pdf" in rows.attrs["errors"][0]


def test_version_on_the_command_line():
    done = subprocess.run([sys.executable, "-m", "extract", "--version"], capture_output=True, text=True, check=False, timeout=120)
    assert done.returncode == 0 and done.stdout.strip() == f"python -m extract {__version__}"
