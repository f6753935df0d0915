"""A refresh where nothing changed takes the review files as they are (drawing page images
and plots costs seconds); any change to what they are drawn from draws them again."""

import re

from extract.review import plots
from extract.review.key import DRAWN_BY, PACKAGE

ACME = """Results

In the phase 2 ACME-7 trial, 42 patients received blinatumomab. The CR rate was 83%. The 2-year OS rate was 64%.
"""
BOLD = """Results

In the BOLD-3 study, 30 patients received inotuzumab. The CR rate was 71%.
"""


def test_the_page_is_drawn_again_only_when_its_content_changes(review_run, monkeypatch):
    drawn = []
    original = plots.outcomes_svg

    def counting(*args, **kwargs):
        drawn.append(1)
        return original(*args, **kwargs)

    monkeypatch.setattr(plots, "outcomes_svg", counting)
    out = review_run({"acme.txt": ACME})
    first = {p.name: p.read_bytes() for p in out.iterdir() if p.is_file()}
    assert len(drawn) == 1 and re.search(rb'<meta name="review-key" content="[0-9a-f]{64}">', first["review.html"])

    out = review_run({})  # the same inputs again: nothing changed
    assert len(drawn) == 1
    for name in ("review.html", "trials.csv", "rows.xlsx", "plot-outcomes.svg"):
        assert (out / name).read_bytes() == first[name], name

    out = review_run({"bold.txt": BOLD})  # a new paper: new rows, a new page
    assert len(drawn) == 2
    page = (out / "review.html").read_text(encoding="utf-8")
    assert "BOLD-3" in page and "ACME-7" in page


def test_the_key_names_files_that_exist():
    """A renamed module would silently drop out of the key: every file it names is there."""
    assert [name for name in DRAWN_BY if not (PACKAGE / name).is_file()] == []
