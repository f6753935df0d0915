"""Evidence extraction for the adult acute lymphoblastic leukemia (ALL) literature.

The package reads top-down as the data flows: pdf -> tables -> nlp -> rows -> validate ->
store -> evaluate -> review, one folder or module per stage; `pipeline` runs them and
`cli` sits on top (see README, "What it does").

From Python: `from extract import extract_rows; rows = extract_rows(["paper.pdf"])` (see
`extract.api`).
"""

__version__ = "0.1.0"
__all__ = ["__version__", "extract_rows"]


def __getattr__(name: str):
    """`extract.extract_rows`, imported on first use (PEP 562), so importing a stage
    module does not load the whole pipeline."""
    if name == "extract_rows":
        from extract.api import extract_rows  # lazy: the API sits on top of the pipeline; stages import this package

        return extract_rows
    raise AttributeError(f"module 'extract' has no attribute {name!r}")
