"""Fixtures shared by the test modules: one nlp pipeline per session (`nlp`), and `rows_of`, which
runs a text through the real pipeline and the rows stage, read per document as `run` reads it."""

import pytest

from extract.pdf.text_input import text_document
from extract.nlp.entities import tag_blocks
from extract.nlp.pipeline import load_nlp
from extract.pipeline import text_rows

ROW_FIELDS = ("trial", "agents", "subgroup", "n", "age_median", "age_min", "age_max", "cr_pct",
              "mrd_neg_pct", "os_pct", "os_years", "os_median_months")


@pytest.fixture(scope="session")
def nlp():
    """The full pipeline built from the package data, once per test session (tests read it,
    never change it)."""
    return load_nlp()


@pytest.fixture(scope="module")
def rows_of(request, nlp):
    """text -> rows as dicts of their non-empty fields; a test module may narrow the fields
    it compares with a module-level FIELDS."""
    fields = getattr(request.module, "FIELDS", ROW_FIELDS)

    def rows(text: str) -> list[dict]:
        out = []
        for row in text_rows("para", tag_blocks(text_document(text, doc_id="para"), nlp)):
            record = {k: getattr(row, k) for k in fields}
            out.append({k: v for k, v in record.items() if v not in (None, "")})
        return out
    return rows
