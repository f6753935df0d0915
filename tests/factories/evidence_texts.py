"""Small text inputs for store and refresh tests: abstracts of invented trials, one
result row each (CR rate as a parameter, to change a paper between runs)."""

from __future__ import annotations

from pathlib import Path

import pandas as pd

ACME = """Results

In the phase 2 ACME-7 trial, 42 patients (median age, 51 years; range, 19 to 77 years) received blinatumomab. The CR rate was {cr}% and the MRD negativity rate was 76%. The 2-year OS rate was 64%.
"""
BOLD = """Results

In the BOLD-3 study, 30 patients (median age, 60 years) received inotuzumab. The CR rate was 71%. The 3-year OS rate was 40%.
"""
# a median age above the top of its range: the validation suite flags the row
FLAGGED = """Results

In the phase 2 ACME-7 trial, 42 patients (median age, 81 years; range, 19 to 77 years) received blinatumomab. The CR rate was 83%.
"""


def acme(cr: int = 83) -> str:
    return ACME.format(cr=cr)


def rows_of(out: Path) -> pd.DataFrame:
    return pd.read_csv(out / "rows.csv", keep_default_na=False, dtype={"row_id": str})


def run_docs(store, run_id: int) -> dict[str, tuple[str, str]]:
    """{doc_id: (status, action)} of one stored run."""
    return {d.doc_id: (d.status, d.action) for d in store.run_documents(run_id)}
