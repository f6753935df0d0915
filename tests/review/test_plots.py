"""The review's plots: outcomes by study and arm, coloured by source, under the study's
unified name; scores only where gold exists; same bytes every time."""

from extract.review.plots import SOURCE_COLORS, outcomes_svg, scores_svg
from extract.rows.schema import EvidenceRow


def rows():
    return [EvidenceRow(doc_id="a", source="text", page=2, trial="SWOG-1318", agents="blinatumomab", cr_pct=66.0,
                        row_id="r1"),
            EvidenceRow(doc_id="b", source="table", page=5, trial="SWOG study 1318", agents="blinatumomab",
                        os_pct=75.0, os_years=3.0, row_id="r2"),
            EvidenceRow(doc_id="b", source="text", page=1, agents="ponatinib", n=30, row_id="r3")]


def test_outcomes_are_plotted_by_study_and_arm_with_the_horizon_and_the_source():
    svg = outcomes_svg(rows(), {"r1": "SWOG 1318", "r2": "SWOG 1318"})
    assert svg == outcomes_svg(rows(), {"r1": "SWOG 1318", "r2": "SWOG 1318"})  # same bytes
    assert "Complete remission" in svg and "Overall survival rate" in svg and "MRD negativity" not in svg
    assert "SWOG 1318 · blinatumomab [a, p2]" in svg
    assert "SWOG 1318 · blinatumomab (3 y) [b, p5]" in svg
    assert "SWOG study 1318" not in svg  # the unified name, not the written one
    assert all(color in svg for color in SOURCE_COLORS.values())
    assert outcomes_svg([EvidenceRow(doc_id="c", source="text", agents="x", n=3)]) is None  # no outcome


def test_scores_are_plotted_only_with_gold():
    assert scores_svg(None) is None
    metrics = {"entities": {"overall": {"strict": {"CR": {"f1": 0.9}, "OS": {"f1": 0.8}, "micro": {"f1": 0.85}},
                                        "lenient": {"CR": {"f1": 1.0}, "OS": {"f1": 0.9}}}},
               "rows": {"overall": {"fields": {"cr_pct": {"f1": 0.95}, "os_pct": {"f1": 0.7}}}}}
    svg = scores_svg(metrics)
    assert "Entity F1 by label" in svg and "Row field F1" in svg and "os_pct" in svg and "micro" not in svg
